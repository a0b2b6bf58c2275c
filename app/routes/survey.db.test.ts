import type { AppLoadContext } from '@remix-run/node'
import { createElement, type ComponentType } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { closeComplaint, resolveComplaint } from '#app/domain/complaints/staff-actions.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import { createI18n } from '#app/i18n/i18n.server.ts'
import { createRateLimits, RULES } from '#app/rate-limit.server.ts'
import { createTestContext, formRequest } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createCustomerWithOrder, createUser } from '#tests/fixtures.ts'
import { loader as complaintLoader } from './complaints.$reference.tsx'
import PortalSurveyPage, { action as portalAction, loader as portalLoader } from './complaints.$reference_.survey.tsx'
import { action as consoleAction, loader as consoleLoader } from './staff.surveys.tsx'
import SurveyLinkPage, { action as linkAction, loader as linkLoader } from './survey.tsx'

/**
 * The survey's pages with their real loaders and actions: the emailed link's page (no session;
 * valid, tampered, expired, answered then edited, closed, limited), the portal's page for the
 * signed-in customer, who else gets a 404, and the console's follow-ups. Components render to
 * HTML with the loader's data (Remix's router does not run here).
 */
const rendered = vi.hoisted(() => ({ loaderData: undefined as unknown }))
vi.mock('@remix-run/react', async (importOriginal) => {
	const { createElement: h } = await import('react')
	return {
		...(await importOriginal<typeof import('@remix-run/react')>()),
		useLoaderData: () => rendered.loaderData,
		useActionData: () => undefined,
		useNavigation: () => ({ state: 'idle' }),
		useSearchParams: () => [new URLSearchParams()],
		Form: (props: Record<string, unknown>) => h('form', props),
		Link: ({ to, ...props }: Record<string, unknown>) => h('a', { href: to, ...props }),
	}
})

let db: Database
let context: AppLoadContext
let agent: { user: { id: string }; viewer: Viewer }
let manager: { user: { id: string }; viewer: Viewer }
beforeAll(async () => {
	db = await createTestDatabase()
	context = createTestContext(db)
	agent = await createUser(db.prisma, { kind: 'STAFF', staffRole: 'AGENT' })
	manager = await createUser(db.prisma, { kind: 'STAFF', staffRole: 'MARKETING_DIRECTOR', name: '市场总监 陈静' })
})
afterAll(() => db.close())

let sequence = 700_000 + Math.floor(Math.random() * 90_000)

/** A customer's complaint resolved by the agent through the command; the survey link's token from the email. */
async function resolvedComplaint() {
	const owner = await createCustomerWithOrder(db.prisma)
	const complaint = await db.prisma.complaint.create({
		data: {
			reference: `CMP-2026-${String(sequence++).padStart(6, '0')}`,
			customerId: owner.customer.user.id,
			filedById: owner.customer.user.id,
			orderId: owner.order.id,
			regionId: owner.region.id,
			category: 'HANDLING_DAMAGE',
			severity: 'MINOR',
			title: '外箱破损，阀门手柄弯曲',
			description: '收货时外箱破损。我的电话 13900001111，地址 上海市浦东新区某路 1 号。',
			requestedRemedy: 'REPAIR',
			status: 'RESOLVING',
			responsibility: 'TRANSPORT_DAMAGE',
		},
	})
	await resolveComplaint(complaintDeps(context), agent.viewer, complaint.id, { reply: '新手柄已送达。' })
	const email = await db.prisma.outboxMessage.findFirstOrThrow({
		where: { toAddress: owner.customer.user.email, template: 'survey-invitation' },
	})
	const token = /\/survey\?token=([a-z2-7]+)/.exec(email.text)![1]!
	const survey = await db.prisma.survey.findUniqueOrThrow({ where: { complaintId: complaint.id } })
	return { owner, complaint, token, survey }
}

const ANSWER = {
	intent: 'answer',
	timeliness: '4',
	communication: '5',
	resolutionQuality: '4',
	productQuality: '',
	delivery: '3',
	priceFairness: '',
	overall: '4',
	recommend: '8',
	comment: '处理及时。',
}

type Result = { data: Record<string, unknown>; init: { status?: number; headers?: Record<string, string> } | null }
const resultOf = (value: unknown) => value as Result

async function thrownStatus(run: () => Promise<unknown>) {
	try {
		await run()
	} catch (error) {
		const e = error as { init?: { status?: number } | null; status?: number }
		return e.init?.status ?? e.status
	}
	throw new Error('expected the call to throw')
}

const linkGet = (token: string, ctx = context) =>
	linkLoader({ request: new Request(`http://portal.test/survey?token=${token}`), context: ctx, params: {} })
const linkPost = (token: string, fields: Record<string, string>, ctx = context) =>
	linkAction({ request: formRequest(`/survey?token=${token}`, fields), context: ctx, params: {} })

function render(page: ComponentType, loaderData: unknown, language: 'zh-CN' | 'en' = 'zh-CN') {
	rendered.loaderData = loaderData
	return renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n(language) }, createElement(page)))
}

async function cookieFor(user: { id: string }, kind: 'CUSTOMER' | 'STAFF' = 'CUSTOMER') {
	const { token } = await createSession(db.prisma, { id: user.id, kind })
	return `${SESSION_COOKIE}=${token}`
}

describe('the emailed link', () => {
	test('opens its survey without a session, showing the reference and title and nothing else of the case', async () => {
		const { complaint, token, owner } = await resolvedComplaint()
		const result = resultOf(await linkGet(token))
		expect(result.init?.status).toBeUndefined()
		expect(result.init?.headers).toMatchObject({
			'Referrer-Policy': 'no-referrer',
			'Cache-Control': 'private, no-store',
		})
		expect(result.data.survey).toMatchObject({
			kind: 'COMPLAINT',
			state: 'open',
			complaint: { reference: complaint.reference, title: complaint.title },
			answer: null,
		})
		const json = JSON.stringify(result.data)
		for (const secret of [
			complaint.id,
			owner.customer.user.email,
			'13900001111',
			owner.order.orderNumber,
			'新手柄已送达',
		])
			expect(json).not.toContain(secret)

		for (const language of ['zh-CN', 'en'] as const) {
			const html = render(SurveyLinkPage, result.data, language)
			expect(html).toContain(complaint.reference)
			expect(html).toContain(language === 'zh-CN' ? '响应及时性' : 'Timeliness of our response')
			// every required question's radios, the skippable ones with "does not apply"
			expect(html.match(/type="radio"/g)).toHaveLength(7 * 5 + 3 + 11)
			expect(html).toContain('name="website"')
			expect(html).not.toContain('13900001111')
		}
	})

	test('a changed, cut or missing token is a 404 that says the link does not work; posting to it writes nothing', async () => {
		const { token, survey } = await resolvedComplaint()
		const changed = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a')
		for (const bad of [changed, token.slice(0, 20), '', 'x'.repeat(32)]) {
			const result = resultOf(await linkGet(bad))
			expect(result.init?.status).toBe(404)
			expect(result.data.survey).toBeNull()
			expect(render(SurveyLinkPage, result.data)).toContain('调查链接无效')
			expect(await thrownStatus(() => linkPost(bad, ANSWER))).toBe(404)
		}
		expect((await db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).answeredAt).toBeNull()
	})

	test('answered, then edited: one answer, the page shows it and keeps it editable', async () => {
		const { token, survey } = await resolvedComplaint()
		const first = (await linkPost(token, ANSWER)) as Response
		expect(first.status).toBe(302)
		expect(first.headers.get('location')).toBe(`/survey?token=${token}`)
		const answered = await db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })
		expect(answered).toMatchObject({
			overall: 4,
			productQuality: null,
			delivery: 3,
			recommend: 8,
			comment: '处理及时。',
		})

		const edited = (await linkPost(token, { ...ANSWER, overall: '5', comment: '' })) as Response
		expect(edited.status).toBe(302)
		const after = await db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })
		expect(after).toMatchObject({ overall: 5, comment: null, answeredAt: answered.answeredAt })

		const page = resultOf(await linkGet(token))
		expect(page.data.survey).toMatchObject({ state: 'answered', answer: { overall: 5 } })
		const html = render(SurveyLinkPage, page.data)
		expect(html).toContain('感谢您的评价')
		expect(html).toContain('保存修改')
		expect(html).toMatch(/name="overall" checked="" value="5"/)
	})

	test('a form with missing scores is sent back with every problem; a bot’s honeypot is refused', async () => {
		const { token, survey } = await resolvedComplaint()
		const result = resultOf(await linkPost(token, { intent: 'answer', timeliness: '9', recommend: '' }))
		expect(result.init?.status).toBe(400)
		const errors = (result.data.result as { error: Record<string, string[]> }).error
		expect(Object.keys(errors).sort()).toEqual(
			['communication', 'overall', 'recommend', 'resolutionQuality', 'timeliness'].sort(),
		)
		expect(await thrownStatus(() => linkPost(token, { ...ANSWER, website: 'http://spam.example' }))).toBe(400)
		expect((await db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).answeredAt).toBeNull()
	})

	test('expired: shown as such, and an answer is refused', async () => {
		const { token, survey } = await resolvedComplaint()
		await db.prisma.survey.update({ where: { id: survey.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
		const page = resultOf(await linkGet(token))
		expect(page.data.survey).toMatchObject({ state: 'expired' })
		const html = render(SurveyLinkPage, page.data)
		expect(html).toContain('本次调查已于')
		expect(html).not.toContain('type="radio"')
		const refused = resultOf(await linkPost(token, ANSWER))
		expect(refused.init?.status).toBe(409)
		expect(refused.data.result).toMatchObject({ error: { '': ['surveys:error.closed'] } })
	})

	test('closed: the answer is shown read-only and can no longer be changed', async () => {
		const { token, survey, complaint } = await resolvedComplaint()
		await linkPost(token, ANSWER)
		await closeComplaint(complaintDeps(context), agent.viewer, complaint.id)
		const page = resultOf(await linkGet(token))
		expect(page.data.survey).toMatchObject({ state: 'closed', answer: { overall: 4 } })
		const html = render(SurveyLinkPage, page.data, 'en')
		expect(html).toContain('This complaint is closed')
		expect(html).toContain('4 / 5')
		expect(html).not.toContain('type="radio"')
		expect(resultOf(await linkPost(token, { ...ANSWER, overall: '1' })).init?.status).toBe(409)
		expect((await db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).overall).toBe(4)
	})

	test('a low score offers to reopen; taking it sends the case to head office', async () => {
		const { token, complaint } = await resolvedComplaint()
		await linkPost(token, { ...ANSWER, overall: '1' })
		const page = resultOf(await linkGet(token))
		expect(page.data.survey).toMatchObject({ lowScore: true, canReopen: true })
		expect(render(SurveyLinkPage, page.data)).toContain('重新处理我的投诉')
		expect(resultOf(await linkPost(token, { intent: 'reopen', reason: '' })).init?.status).toBe(400)
		const reopened = (await linkPost(token, { intent: 'reopen', reason: '手柄还是歪的。' })) as Response
		expect(reopened.status).toBe(302)
		expect((await db.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).status).toBe('ESCALATED')
		const again = resultOf(await linkPost(token, { intent: 'reopen', reason: '再试一次' }))
		expect(again.init?.status).toBe(409)
	})

	test('each address may open and post only so often', async () => {
		const { token } = await resolvedComplaint()
		const limited: AppLoadContext = {
			...context,
			clientIp: '203.0.113.7',
			limits: createRateLimits({ rules: { ...RULES, surveyPerAddress: { points: 2, durationSeconds: 60 } } }),
		}
		expect(resultOf(await linkGet(token, limited)).init?.status).toBeUndefined()
		expect(resultOf(await linkGet(token, limited)).init?.status).toBeUndefined()
		const third = resultOf(await linkGet(token, limited))
		expect(third.init?.status).toBe(429)
		expect(third.data.survey).toBeNull()
		expect(Number(third.init?.headers?.['Retry-After'])).toBeGreaterThan(0)
		const post = resultOf(await linkPost(token, ANSWER, limited))
		expect(post.init?.status).toBe(429)
		// another address is not held up
		expect(resultOf(await linkGet(token, { ...limited, clientIp: '203.0.113.8' })).init?.status).toBeUndefined()
	})
})

describe('the portal page', () => {
	const portalGet = (reference: string, cookie: string) =>
		portalLoader({
			request: new Request(`http://portal.test/complaints/${reference}/survey`, { headers: { cookie } }),
			context,
			params: { reference },
		})
	const portalPost = (reference: string, cookie: string, fields: Record<string, string>) =>
		portalAction({
			request: formRequest(`/complaints/${reference}/survey`, fields, { cookie }),
			context,
			params: { reference },
		})

	test('its customer answers it there; the complaint page invites them until they have', async () => {
		const { complaint, owner, survey } = await resolvedComplaint()
		const cookie = await cookieFor(owner.customer.user)
		const page = await portalGet(complaint.reference, cookie)
		expect(page.survey).toMatchObject({ state: 'open', complaint: { reference: complaint.reference } })
		expect(render(PortalSurveyPage, page)).toContain('提交评价')
		const detail = await complaintLoader({
			request: new Request(`http://portal.test/complaints/${complaint.reference}`, { headers: { cookie } }),
			context,
			params: { reference: complaint.reference },
		})
		expect(detail.survey).toMatchObject({ state: 'open' })

		const answered = (await portalPost(complaint.reference, cookie, ANSWER)) as Response
		expect(answered.headers.get('location')).toBe(`/complaints/${complaint.reference}/survey`)
		expect((await db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).overall).toBe(4)
	})

	test('another customer, staff and a visitor cannot see or answer it', async () => {
		const { complaint, survey } = await resolvedComplaint()
		const stranger = await createCustomerWithOrder(db.prisma)
		const strangerCookie = await cookieFor(stranger.customer.user)
		const staffCookie = await cookieFor(agent.user, 'STAFF')
		for (const cookie of [strangerCookie, staffCookie]) {
			expect(await thrownStatus(() => portalGet(complaint.reference, cookie))).toBe(404)
			expect(await thrownStatus(() => portalPost(complaint.reference, cookie, ANSWER))).toBe(404)
		}
		expect(await thrownStatus(() => portalGet(complaint.reference, ''))).toBe(302)
		expect((await db.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).answeredAt).toBeNull()
		// staff read the complaint page, without the customer's survey panel
		const staffView = await complaintLoader({
			request: new Request(`http://portal.test/complaints/${complaint.reference}`, {
				headers: { cookie: staffCookie },
			}),
			context,
			params: { reference: complaint.reference },
		})
		expect(staffView.survey).toBeNull()
	})
})

describe('the console’s follow-ups', () => {
	test('a low score shows to the manager, who records it; an agent sees it but cannot; a customer gets a 404', async () => {
		const { token, survey, complaint, owner } = await resolvedComplaint()
		await linkPost(token, { ...ANSWER, overall: '2', comment: '安装拖了一周。' })
		const managerCookie = await cookieFor(manager.user, 'STAFF')
		const agentCookie = await cookieFor(agent.user, 'STAFF')
		const get = (cookie: string, query = '') =>
			consoleLoader({
				request: new Request(`http://portal.test/staff/surveys${query}`, { headers: { cookie } }),
				context,
				params: {},
			})
		const post = (cookie: string, fields: Record<string, string>) =>
			consoleAction({ request: formRequest('/staff/surveys', fields, { cookie }), context, params: {} })

		const page = await get(managerCookie)
		const item = page.followUps.find((f) => f.surveyId === survey.id)
		expect(item).toMatchObject({
			canClose: true,
			complaint: { reference: complaint.reference },
			comment: '安装拖了一周。',
		})
		expect((await get(agentCookie)).followUps.find((f) => f.surveyId === survey.id)?.canClose).toBe(false)
		const customerCookie = await cookieFor(owner.customer.user)
		expect(await thrownStatus(() => get(customerCookie))).toBe(404)

		const refused = resultOf(await post(agentCookie, { surveyId: survey.id, note: '已回访' }))
		expect(refused.init?.status).toBe(403)
		const done = (await post(managerCookie, {
			surveyId: survey.id,
			note: '已电话回访，安排师傅明天上门。',
		})) as Response
		expect(done.status).toBe(302)
		expect((await get(managerCookie)).followUps.map((f) => f.surveyId)).not.toContain(survey.id)
		expect((await get(managerCookie, '?followUps=closed')).followUps.map((f) => f.surveyId)).toContain(survey.id)
		expect(resultOf(await post(managerCookie, { surveyId: survey.id, note: '再记一次' })).init?.status).toBe(409)
	})
})
