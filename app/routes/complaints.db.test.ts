import type { AppLoadContext } from '@remix-run/node'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createElement, type ComponentType } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import { decodeMessage } from '#app/components/filing/messages.tsx'
import type { Database } from '#app/db/database.server.ts'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { proposeResolution } from '#app/domain/complaints/proposals.ts'
import { acknowledgeComplaint } from '#app/domain/complaints/staff-actions.ts'
import type { ComplaintStatus } from '#app/generated/prisma/enums.ts'
import { createI18n } from '#app/i18n/i18n.server.ts'
import { createTestContext, formRequest } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createCustomerWithOrder, createUser } from '#tests/fixtures.ts'
import ComplaintPage, { action as detailAction, loader as detailLoader } from './complaints.$reference.tsx'
import { loader as listLoader } from './complaints._index.tsx'

/**
 * The page as the customer reads it: its component rendered to HTML with the loader's real data.
 * Remix's router does not run here, so its data hooks hand the component what the loader
 * returned, and its Form and Link render as plain HTML (as they do without JavaScript).
 */
const rendered = vi.hoisted(() => ({ loaderData: undefined as unknown }))
vi.mock('@remix-run/react', async (importOriginal) => {
	const { createElement: h } = await import('react')
	return {
		...(await importOriginal<typeof import('@remix-run/react')>()),
		useLoaderData: () => rendered.loaderData,
		useActionData: () => undefined,
		useNavigation: () => ({ state: 'idle' }),
		Form: (props: Record<string, unknown>) => h('form', props),
		Link: ({ to, ...props }: Record<string, unknown>) => h('a', { href: to, ...props }),
	}
})

let db: Database
let context: AppLoadContext
let storageDir: string
beforeAll(async () => {
	db = await createTestDatabase()
	storageDir = await mkdtemp(path.join(tmpdir(), 'complaint-page-'))
	context = createTestContext(db, { STORAGE_DIR: storageDir })
})
afterAll(async () => {
	await db.close()
	await rm(storageDir, { recursive: true, force: true })
})

const zh = createI18n('zh-CN')
const en = createI18n('en')

/** Every message must read as real words in both languages, not fall back to its key. */
function expectTranslated(messages: string[]) {
	expect(messages.length).toBeGreaterThan(0)
	for (const message of messages) {
		const { key, params } = decodeMessage(message)
		for (const i18n of [zh, en]) {
			const text = i18n.t(key, params)
			expect(text, `${i18n.language} ${key}`).not.toBe(key)
			expect(text).not.toMatch(/\{\{/)
			expect(text.length).toBeGreaterThan(3)
		}
	}
	// and the two languages say it differently
	for (const message of messages) {
		const { key, params } = decodeMessage(message)
		expect(zh.t(key, params)).not.toBe(en.t(key, params))
	}
}

let sequence = 900_000 + Math.floor(Math.random() * 90_000)

/** A complaint as filing leaves it, for one customer's order; then moved to `status`. */
async function createComplaint(
	owner: Awaited<ReturnType<typeof createCustomerWithOrder>>,
	{ status = 'SUBMITTED', title = '泵体渗漏' }: { status?: ComplaintStatus; title?: string } = {},
) {
	const reference = `CMP-2026-${String(sequence++).padStart(6, '0')}`
	return db.prisma.complaint.create({
		data: {
			reference,
			customerId: owner.customer.user.id,
			filedById: owner.customer.user.id,
			orderId: owner.order.id,
			orderLineId: owner.order.lines[0]!.id,
			regionId: owner.region.id,
			category: 'PRODUCT_QUALITY',
			severity: 'MAJOR',
			title,
			description: '安装后第三天，泵体接口处开始渗水。',
			requestedRemedy: 'REPLACEMENT',
			status,
			// past the first steps, quality has found the defect: ready for a proposal
			responsibility: status === 'SUBMITTED' ? null : 'QUALITY_DEFECT',
			firstResponseDueAt: new Date(Date.now() + 3_600_000),
			events: { create: { type: 'filed', toStatus: 'SUBMITTED', actorId: owner.customer.user.id } },
		},
	})
}

async function cookieFor(user: { id: string }) {
	const { token } = await createSession(db.prisma, { id: user.id, kind: 'CUSTOMER' })
	return `${SESSION_COOKIE}=${token}`
}

function get(url: string, cookie: string) {
	return new Request(`http://portal.test${url}`, { headers: { cookie } })
}

function post(url: string, cookie: string, fields: Record<string, string>) {
	return formRequest(url, fields, { cookie })
}

type Thrown = { init?: { status?: number } | null; status?: number }
async function statusOfThrown(run: () => Promise<unknown>) {
	try {
		await run()
	} catch (error) {
		const e = error as Thrown
		return e.init?.status ?? e.status
	}
	throw new Error('expected the call to throw')
}

type ActionData = {
	data: {
		intent: string
		result: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> }
	}
	init: { status?: number } | null
}
function replyOf(response: unknown) {
	const r = response as ActionData
	return { status: r.init?.status, intent: r.data.intent, errors: r.data.result.error ?? {} }
}

async function act(reference: string, cookie: string, fields: Record<string, string>) {
	return detailAction({ request: post(`/complaints/${reference}`, cookie, fields), context, params: { reference } })
}

async function load(reference: string, cookie: string) {
	return detailLoader({ request: get(`/complaints/${reference}`, cookie), context, params: { reference } })
}

function renderPage(loaderData: unknown, language: 'zh-CN' | 'en') {
	rendered.loaderData = loaderData
	return renderToStaticMarkup(
		createElement(I18nextProvider, { i18n: createI18n(language) }, createElement(ComplaintPage as ComponentType)),
	)
}

describe('the complaint page', () => {
	test('another customer’s complaint and an unknown reference are both 404, for reading and acting', async () => {
		const alice = await createCustomerWithOrder(db.prisma)
		const bob = await createCustomerWithOrder(db.prisma)
		const complaint = await createComplaint(alice)
		const bobCookie = await cookieFor(bob.customer.user)

		expect(await statusOfThrown(() => load(complaint.reference, bobCookie))).toBe(404)
		expect(await statusOfThrown(() => load('CMP-2026-000000', bobCookie))).toBe(404)
		expect(await statusOfThrown(() => load('not-a-reference', bobCookie))).toBe(404)
		expect(await statusOfThrown(() => act(complaint.reference, bobCookie, { intent: 'withdraw', confirm: 'on' }))).toBe(
			404,
		)
		expect((await db.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).status).toBe('SUBMITTED')

		// the owner reads it, however the reference is typed
		const own = await load(complaint.reference.toLowerCase(), await cookieFor(alice.customer.user))
		expect(own.complaint.reference).toBe(complaint.reference)
	})

	test('a visitor who is not signed in is sent to sign in, and back', async () => {
		const response = await statusOfThrown(() =>
			detailLoader({ request: get('/complaints/CMP-2026-000001', ''), context, params: { reference: 'x' } }),
		)
		expect(response).toBe(302)
	})

	test('internal and partner notes never reach the page; public replies do', async () => {
		const owner = await createCustomerWithOrder(db.prisma)
		const complaint = await createComplaint(owner)
		const agent = await createUser(db.prisma, { kind: 'STAFF', staffRole: 'AGENT' })
		await acknowledgeComplaint(complaintDeps(context), agent.viewer, complaint.id, {
			reply: '您好，投诉已受理，我们会尽快处理。',
		})
		for (const visibility of ['INTERNAL', 'PARTNER'] as const) {
			const message = await db.prisma.complaintMessage.create({
				data: {
					complaintId: complaint.id,
					authorId: agent.user.id,
					visibility,
					body: `SECRET ${visibility} note: customer is difficult`,
				},
			})
			await db.prisma.complaintEvent.create({
				data: { complaintId: complaint.id, type: 'note', visibility, data: { messageId: message.id } },
			})
		}
		const page = await load(complaint.reference, await cookieFor(owner.customer.user))
		const serialized = JSON.stringify(page)
		expect(serialized).not.toContain('SECRET')
		expect(page.complaint.timeline.every((item) => item.visibility === 'PUBLIC')).toBe(true)
		expect(page.complaint.timeline.some((item) => item.message?.body.includes('投诉已受理'))).toBe(true)
		expect(page.complaint.status).toBe('ACKNOWLEDGED')
		expect(page.complaint.nextStep.key).toBe('ACKNOWLEDGED')
		expect('id' in page.complaint).toBe(false)
	})

	test('each form answers bad input with a message beside its field, in both languages', async () => {
		const owner = await createCustomerWithOrder(db.prisma)
		const cookie = await cookieFor(owner.customer.user)
		const proposed = await createComplaint(owner, { status: 'INVESTIGATING' })
		// the general manager's approval is the one a major quality case needs: offered at once
		const manager = await createUser(db.prisma, { kind: 'STAFF', staffRole: 'GENERAL_MANAGER' })
		await proposeResolution(complaintDeps(context), manager.viewer, proposed.id, {
			type: 'REPLACEMENT',
			summary: '免费更换整套机械密封。',
			amountMinor: 0,
			costBearer: 'COMPANY',
		})
		const ref = proposed.reference
		const cases: Array<[Record<string, string>, Record<string, string[]>]> = [
			[{ intent: 'add-information', body: '  ' }, { body: ['validation:required'] }],
			[{ intent: 'add-information', body: '很'.repeat(4001) }, { body: ['validation:messageTooLong'] }],
			[{ intent: 'dispute-resolution', reason: '' }, { reason: ['validation:required'] }],
			[{ intent: 'dispute-resolution', reason: '理'.repeat(2001) }, { reason: ['validation:reasonTooLong'] }],
			[{ intent: 'withdraw', reason: '不需要了' }, { confirm: ['complaints:validation.confirmWithdraw'] }],
			[{ intent: 'withdraw', reason: '理'.repeat(2001), confirm: 'on' }, { reason: ['validation:reasonTooLong'] }],
			[{ intent: 'set-notifications', notifyFrequency: 'HOURLY' }, { notifyFrequency: ['validation:choose'] }],
			[{ intent: 'set-notifications' }, { notifyFrequency: ['validation:required'] }],
		]
		for (const [fields, expected] of cases) {
			const reply = replyOf(await act(ref, cookie, fields))
			expect(reply.status, JSON.stringify(fields).slice(0, 80)).toBe(400)
			expect(reply.intent).toBe(fields.intent)
			expect(reply.errors).toMatchObject(expected)
			expectTranslated(Object.values(expected).flat())
		}

		// escalation is open on a complaint under investigation
		const investigating = await createComplaint(owner, { status: 'INVESTIGATING' })
		const escalate = replyOf(await act(investigating.reference, cookie, { intent: 'escalate', reason: ' ' }))
		expect(escalate.errors).toMatchObject({ reason: ['validation:required'] })

		// nothing was changed by any of them
		expect((await db.prisma.complaint.findUniqueOrThrow({ where: { id: proposed.id } })).status).toBe(
			'RESOLUTION_PROPOSED',
		)
	})

	test('actions the complaint’s state does not allow are refused with a message', async () => {
		const owner = await createCustomerWithOrder(db.prisma)
		const cookie = await cookieFor(owner.customer.user)
		const fresh = await createComplaint(owner)
		for (const fields of [
			{ intent: 'accept-resolution' } as Record<string, string>,
			{ intent: 'dispute-resolution', reason: '不同意' },
			// a fresh case gets its first response before anyone escalates it
			{ intent: 'escalate', reason: '太慢了' },
		]) {
			const reply = replyOf(await act(fresh.reference, cookie, fields))
			expect(reply.status, fields.intent).toBe(409)
			expect(reply.errors['']).toEqual(['complaints:validation.notAllowed'])
		}
		expectTranslated(['complaints:validation.notAllowed'])

		const closed = await createComplaint(owner, { status: 'CLOSED' })
		for (const fields of [
			{ intent: 'add-information', body: '还有一个问题' } as Record<string, string>,
			{ intent: 'withdraw', confirm: 'on' },
		]) {
			const reply = replyOf(await act(closed.reference, cookie, fields))
			expect(reply.status, fields.intent).toBe(409)
		}
		expect(await db.prisma.complaintMessage.count({ where: { complaintId: closed.id } })).toBe(0)

		const page = await load(closed.reference, cookie)
		expect(page.complaint.actions).toEqual([])
	})

	test('the customer adds information, answers a proposal, and chooses the email frequency', async () => {
		const owner = await createCustomerWithOrder(db.prisma)
		const cookie = await cookieFor(owner.customer.user)
		const complaint = await createComplaint(owner, { status: 'WAITING_ON_CUSTOMER' })
		const ref = complaint.reference

		const added = (await act(ref, cookie, {
			intent: 'add-information',
			body: '进口压力 0.05 MPa，照片稍后补充。',
		})) as Response
		expect(added.status).toBe(302)
		expect(added.headers.get('location')).toBe(`/complaints/${ref}`)
		expect(added.headers.get('set-cookie')).toContain('toast=')
		let page = await load(ref, cookie)
		expect(page.complaint.status).toBe('INVESTIGATING')
		expect(page.complaint.timeline.some((i) => i.type === 'customer_message' && i.message?.body.includes('0.05'))).toBe(
			true,
		)

		// the general manager's approval is the one a major quality case needs: offered at once
		const manager = await createUser(db.prisma, { kind: 'STAFF', staffRole: 'GENERAL_MANAGER' })
		await proposeResolution(complaintDeps(context), manager.viewer, complaint.id, {
			type: 'REPAIR',
			summary: '上门更换叶轮。',
			amountMinor: 0,
			costBearer: 'COMPANY',
		})
		page = await load(ref, cookie)
		expect(page.complaint.resolution).toEqual({
			type: 'REPAIR',
			summary: '上门更换叶轮。',
			amountMinor: 0,
			currency: 'CNY',
			costBearer: 'COMPANY',
		})
		// no money involved: the page says nothing of amounts
		const free = renderPage(page, 'zh-CN')
		expect(free).toContain('上门更换叶轮。')
		expect(free).not.toContain('由我方承担')
		expect(free).not.toContain('涉及金额')
		expect(page.complaint.actions).toEqual(expect.arrayContaining(['accept-resolution', 'dispute-resolution']))

		const accepted = (await act(ref, cookie, { intent: 'accept-resolution' })) as Response
		expect(accepted.status).toBe(302)
		expect((await load(ref, cookie)).complaint.status).toBe('RESOLVING')

		const saved = (await act(ref, cookie, { intent: 'set-notifications', notifyFrequency: 'DAILY_DIGEST' })) as Response
		expect(saved.status).toBe(302)
		expect((await load(ref, cookie)).complaint.notifyFrequency).toBe('DAILY_DIGEST')
	})

	test('a proposal with money shows its amount and who pays, in the customer’s words and language', async () => {
		const owner = await createCustomerWithOrder(db.prisma)
		const cookie = await cookieFor(owner.customer.user)
		const complaint = await createComplaint(owner, { status: 'INVESTIGATING' })
		// every approval this needs is below the general manager's: offered at once
		const manager = await createUser(db.prisma, { kind: 'STAFF', staffRole: 'GENERAL_MANAGER' })
		await proposeResolution(complaintDeps(context), manager.viewer, complaint.id, {
			type: 'REFUND',
			summary: '退还密封件货款及运费。',
			amountMinor: 800_050,
			costBearer: 'COMPANY',
		})
		const page = await load(complaint.reference, cookie)
		expect(page.complaint.status).toBe('RESOLUTION_PROPOSED')
		expect(page.complaint.resolution).toMatchObject({ amountMinor: 800_050, currency: 'CNY', costBearer: 'COMPANY' })

		const zhHtml = renderPage(page, 'zh-CN')
		// the proposal panel, beside the accept and dispute forms
		expect(zhHtml).toMatch(/<dt>金额<\/dt><dd class="resolution-amount">¥8,000.50<\/dd>/)
		expect(zhHtml).toMatch(/<dt>费用<\/dt><dd class="resolution-cost-bearer">由我方承担<\/dd>/)
		expect(zhHtml).toContain('name="intent" value="accept-resolution"')
		// and the timeline, where it stays after the customer answers
		expect(zhHtml).toContain('涉及金额 ¥8,000.50，由我方承担')
		expect(zhHtml).not.toMatch(/COMPANY|complaints:|\{\{/)

		const enHtml = renderPage(page, 'en')
		expect(enHtml).toMatch(/<dt>Amount<\/dt><dd class="resolution-amount">CN¥8,000.50<\/dd>/)
		expect(enHtml).toContain('Paid by us')
		expect(enHtml).toContain('Amount CN¥8,000.50 · Paid by us')
		expect(enHtml).not.toMatch(/COMPANY|complaints:|\{\{/)

		// accepted: the panel is gone, the timeline still says what was agreed
		expect(((await act(complaint.reference, cookie, { intent: 'accept-resolution' })) as Response).status).toBe(302)
		const after = renderPage(await load(complaint.reference, cookie), 'zh-CN')
		expect(after).not.toContain('name="intent" value="accept-resolution"')
		expect(after).toContain('涉及金额 ¥8,000.50，由我方承担')
	})

	test('the customer’s share is said to them as theirs', async () => {
		const owner = await createCustomerWithOrder(db.prisma)
		const complaint = await createComplaint(owner, { status: 'INVESTIGATING' })
		const manager = await createUser(db.prisma, { kind: 'STAFF', staffRole: 'GENERAL_MANAGER' })
		await proposeResolution(complaintDeps(context), manager.viewer, complaint.id, {
			type: 'REPAIR',
			summary: '人工免费，配件及运费由客户承担。',
			amountMinor: 45_000,
			costBearer: 'CUSTOMER',
		})
		const page = await load(complaint.reference, await cookieFor(owner.customer.user))
		expect(renderPage(page, 'zh-CN')).toContain('由您承担')
		expect(renderPage(page, 'en')).toContain('Paid by you')
	})

	test('disputing a proposal sends the case to head office; withdrawing closes it', async () => {
		const owner = await createCustomerWithOrder(db.prisma)
		const cookie = await cookieFor(owner.customer.user)
		// the general manager's approval is the one a major quality case needs: offered at once
		const manager = await createUser(db.prisma, { kind: 'STAFF', staffRole: 'GENERAL_MANAGER' })
		const disputed = await createComplaint(owner, { status: 'INVESTIGATING' })
		await proposeResolution(complaintDeps(context), manager.viewer, disputed.id, {
			type: 'EXPLANATION',
			summary: '属使用不当，不予更换。',
			amountMinor: 0,
			costBearer: 'CUSTOMER',
		})
		expect(
			(
				(await act(disputed.reference, cookie, {
					intent: 'dispute-resolution',
					reason: '安装符合说明书要求。',
				})) as Response
			).status,
		).toBe(302)
		const page = await load(disputed.reference, cookie)
		expect(page.complaint.status).toBe('ESCALATED')
		expect(page.complaint.timeline.at(-1)).toMatchObject({
			type: 'resolution_disputed',
			data: { reason: '安装符合说明书要求。' },
		})

		const withdrawn = await createComplaint(owner)
		expect(((await act(withdrawn.reference, cookie, { intent: 'withdraw', confirm: 'on' })) as Response).status).toBe(
			302,
		)
		expect((await load(withdrawn.reference, cookie)).complaint.status).toBe('CLOSED')
	})

	test('information with a photo arrives as multipart; the photo sits on the message', async () => {
		const owner = await createCustomerWithOrder(db.prisma)
		const cookie = await cookieFor(owner.customer.user)
		const complaint = await createComplaint(owner, { status: 'INVESTIGATING' })
		const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } })
			.png()
			.toBuffer()
		const form = new FormData()
		form.set('intent', 'add-information')
		form.set('body', '补充一张铭牌照片。')
		form.append('photos', new File([png], '铭牌.png', { type: 'image/png' }))
		const request = new Request(`http://portal.test/complaints/${complaint.reference}`, {
			method: 'POST',
			body: form,
			headers: { cookie },
		})
		const response = (await detailAction({ request, context, params: { reference: complaint.reference } })) as Response
		expect(response.status).toBe(302)
		const page = await load(complaint.reference, cookie)
		const message = page.complaint.timeline.find((i) => i.type === 'customer_message')?.message
		expect(message?.body).toBe('补充一张铭牌照片。')
		expect(message?.attachments).toMatchObject([{ originalName: '铭牌.png', kind: 'IMAGE', hasThumbnail: true }])
		expect(page.remainingFiles).toBe(9)

		// a file that is not what its name says is refused by name, and nothing is recorded
		const fake = new FormData()
		fake.set('intent', 'add-information')
		fake.set('body', '再补充一张。')
		fake.append('photos', new File([Buffer.from('not an image at all')], 'photo.jpg', { type: 'image/jpeg' }))
		const refusedResponse = await detailAction({
			request: new Request(`http://portal.test/complaints/${complaint.reference}`, {
				method: 'POST',
				body: fake,
				headers: { cookie },
			}),
			context,
			params: { reference: complaint.reference },
		})
		const refused = replyOf(refusedResponse)
		expect(refused.status).toBe(400)
		expect(refused.errors.photos).toHaveLength(1)
		expect(decodeMessage(refused.errors.photos![0]!)).toEqual({
			key: 'validation:fileTypeNotAccepted',
			params: { name: 'photo.jpg' },
		})
		expectTranslated(refused.errors.photos!)
		expect(en.t('validation:fileTypeNotAccepted', { name: 'photo.jpg' })).toContain('photo.jpg')
		// the text typed with it comes back, so the customer only chooses the file again
		expect((refusedResponse as ActionData).data.result.initialValue).toMatchObject({ body: '再补充一张。' })
		expect(await db.prisma.complaintMessage.count({ where: { complaintId: complaint.id } })).toBe(1)
	})
})

describe('My complaints', () => {
	test('lists only the customer’s own, newest change first, filtered and paginated', async () => {
		const owner = await createCustomerWithOrder(db.prisma)
		const other = await createCustomerWithOrder(db.prisma)
		await createComplaint(other, { title: '别人的投诉' })
		const statuses: ComplaintStatus[] = [
			'SUBMITTED',
			'INVESTIGATING',
			'WAITING_ON_CUSTOMER',
			'RESOLUTION_PROPOSED',
			'RESOLVED',
			'CLOSED',
		]
		for (let i = 0; i < 12; i++) {
			const c = await createComplaint(owner, { status: statuses[i % statuses.length], title: `投诉 ${i}` })
			await db.prisma.complaint.update({
				where: { id: c.id },
				data: { customerUpdatedAt: new Date(Date.UTC(2026, 9, 1 + i)) },
			})
		}
		const cookie = await cookieFor(owner.customer.user)
		const list = (query: string) => listLoader({ request: get(`/complaints${query}`, cookie), context, params: {} })

		const first = await list('')
		expect(first.total).toBe(12)
		expect(first.items).toHaveLength(10)
		expect(first.pageCount).toBe(2)
		expect(first.items[0]!.title).toBe('投诉 11')
		expect(first.items.some((i) => i.title === '别人的投诉')).toBe(false)
		expect(first.items[0]).toMatchObject({ orderNumber: owner.order.orderNumber, productModel: 'ISG65-1' })

		const second = await list('?page=2')
		expect(second.items.map((i) => i.title)).toEqual(['投诉 1', '投诉 0'])

		const waiting = await list('?status=waiting')
		expect(waiting.filter).toBe('waiting')
		expect(waiting.items.every((i) => i.waitingOn === 'customer')).toBe(true)
		expect(waiting.total).toBe(4)

		const finished = await list('?status=finished')
		expect(finished.items.every((i) => i.waitingOn === 'nobody')).toBe(true)
		expect((await list('?status=open')).total).toBe(8)
		expect((await list('?status=RESOLVED')).total).toBe(2)

		// nonsense falls back to something sensible instead of an error
		const fallback = await list('?status=everything&page=-3')
		expect(fallback.filter).toBe('all')
		expect(fallback.page).toBe(1)
		expect((await list('?page=99')).page).toBe(2)
	})

	test('a customer with no complaints gets an empty list', async () => {
		const owner = await createCustomerWithOrder(db.prisma)
		const result = await listLoader({
			request: get('/complaints', await cookieFor(owner.customer.user)),
			context,
			params: {},
		})
		expect(result).toMatchObject({ total: 0, items: [], filter: 'all' })
	})
})
