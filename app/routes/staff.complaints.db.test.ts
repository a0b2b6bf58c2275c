import type { AppLoadContext } from '@remix-run/node'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server.js'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { decodeMessage } from '#app/components/filing/messages.tsx'
import type { Database } from '#app/db/database.server.ts'
import { acceptResolution } from '#app/domain/complaints/customer-actions.ts'
import { determineResponsibility } from '#app/domain/complaints/findings.ts'
import { acknowledgeComplaint, startInvestigation } from '#app/domain/complaints/staff-actions.ts'
import { availableActions, STAFF_ACTIONS, type StaffAction } from '#app/domain/complaints/workflow.ts'
import { loadWorkflowState } from '#app/domain/complaints/workflow-state.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import type { ComplaintCategory, ComplaintStatus, StaffRole } from '#app/generated/prisma/enums.ts'
import { createI18n } from '#app/i18n/i18n.server.ts'
import { createTestContext, formRequest } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createOrder, createRegion, createUser } from '#tests/fixtures.ts'
import CasePage, { action, loader } from './staff.complaints.$reference.tsx'

/**
 * The staff case page through its loader and action, as the browser's requests reach them:
 * who may open it, that it offers exactly the workflow's actions, that every action posts
 * through, that a stale form is told what changed and writes nothing, and field errors.
 */

let db: Database
let context: AppLoadContext
let storageDir: string
beforeAll(async () => {
	db = await createTestDatabase()
	storageDir = await mkdtemp(path.join(tmpdir(), 'case-page-'))
	context = createTestContext(db, { STORAGE_DIR: storageDir })
})
afterAll(async () => {
	await db.close()
	await rm(storageDir, { recursive: true, force: true })
})

const zh = createI18n('zh-CN')
const en = createI18n('en')

/** Every message reads as real words in both languages, and differently in each. */
function expectTranslated(messages: readonly string[]) {
	expect(messages.length).toBeGreaterThan(0)
	for (const message of messages) {
		const { key, params } = decodeMessage(message)
		const [zhText, enText] = [zh.t(key, params), en.t(key, params)]
		for (const text of [zhText, enText]) {
			expect(text, key).not.toBe(key)
			expect(text).not.toMatch(/\{\{/)
		}
		expect(zhText).not.toBe(enText)
	}
}

const STAFF_ROLES: StaffRole[] = [
	'AGENT',
	'QUALITY_ENGINEER',
	'REGIONAL_MANAGER',
	'MARKETING_DIRECTOR',
	'GENERAL_MANAGER',
	'ADMIN',
]

interface Person {
	viewer: Viewer
	user: { id: string; email: string }
	cookie: string
	name: string
}

async function person(options: Parameters<typeof createUser>[1] & { name: string }): Promise<Person> {
	const { user, viewer } = await createUser(db.prisma, options)
	const { token } = await createSession(db.prisma, { id: user.id, kind: viewer.kind })
	return { user, viewer, cookie: `${SESSION_COOKIE}=${token}`, name: options.name }
}

let region: { id: string }
let owner: Person
let dealer: Person
let office: Person
let otherOffice: Person
let elsewhereManager: Person
let byRole: Record<StaffRole, Person>
let order: Awaited<ReturnType<typeof createOrder>>

beforeAll(async () => {
	region = await createRegion(db.prisma)
	const elsewhere = await createRegion(db.prisma)
	const org = (kind: 'DEALER' | 'REGIONAL_OFFICE', regionId: string) =>
		db.prisma.organization.create({
			data: { kind, code: `${kind}-${crypto.randomUUID().slice(0, 8)}`, name: `${kind} org`, regionId },
		})
	const dealerOrg = await org('DEALER', region.id)
	owner = await person({ name: '王建国' })
	dealer = await person({ kind: 'DEALER', organizationId: dealerOrg.id, name: '经销商' })
	office = await person({
		kind: 'REGIONAL_OFFICE',
		organizationId: (await org('REGIONAL_OFFICE', region.id)).id,
		name: '华东办事处',
	})
	const otherOfficeOrg = await org('REGIONAL_OFFICE', elsewhere.id)
	otherOffice = await person({ kind: 'REGIONAL_OFFICE', organizationId: otherOfficeOrg.id, name: '华南办事处' })
	// a regional manager who sits in another region's office works that region only
	elsewhereManager = await person({
		kind: 'STAFF',
		staffRole: 'REGIONAL_MANAGER',
		organizationId: otherOfficeOrg.id,
		name: '华南区域经理',
	})
	byRole = {} as Record<StaffRole, Person>
	for (const role of STAFF_ROLES) byRole[role] = await person({ kind: 'STAFF', staffRole: role, name: `员工 ${role}` })
	order = await createOrder(db.prisma, {
		regionId: region.id,
		customerId: owner.user.id,
		customerEmail: owner.user.email,
		dealerId: dealerOrg.id,
	})
})

let sequence = 800_000 + Math.floor(Math.random() * 90_000)

async function createComplaint({
	status = 'SUBMITTED',
	category = 'PRODUCT_QUALITY',
}: { status?: ComplaintStatus; category?: ComplaintCategory } = {}) {
	const reference = `CMP-2026-${String(sequence++).padStart(6, '0')}`
	return db.prisma.complaint.create({
		data: {
			reference,
			customerId: owner.user.id,
			filedById: owner.user.id,
			orderId: order.id,
			orderLineId: order.lines[0]!.id,
			regionId: region.id,
			dealerId: order.dealerId,
			category,
			// minor: a proposal with money needs the regional manager only
			severity: 'MINOR',
			title: '阀门手轮松动',
			description: '阀门手轮使用一周后松动，无法关严。',
			requestedRemedy: 'REPAIR',
			status,
			firstResponseDueAt: new Date(Date.now() + 3_600_000),
			events: { create: { type: 'filed', toStatus: 'SUBMITTED', actorId: owner.user.id } },
		},
	})
}

const url = (reference: string, query = '') => `http://portal.test/staff/complaints/${reference}${query}`

function load(reference: string, who: Person | null, query = '') {
	const headers: Record<string, string> = who ? { cookie: who.cookie } : {}
	return loader({ request: new Request(url(reference, query), { headers }), context, params: { reference } })
}

type Page = Awaited<ReturnType<typeof loader>>

/** A form as the page posts it: multipart when the form takes files (with or without any). */
function post(reference: string, who: Person, fields: Record<string, string>, photos?: File[]) {
	const request = photos
		? (() => {
				const form = new FormData()
				for (const [name, value] of Object.entries(fields)) form.set(name, value)
				// a file input left empty still sends an empty part
				for (const file of photos.length ? photos : [new File([], '')]) form.append('photos', file)
				return new Request(url(reference), { method: 'POST', body: form, headers: { cookie: who.cookie } })
			})()
		: formRequest(`/staff/complaints/${reference}`, fields, { cookie: who.cookie })
	return action({ request, context, params: { reference } })
}

/** Posts the intent at the version the page shows now, as a browser would. */
async function act(reference: string, who: Person, fields: Record<string, string>, photos?: File[]) {
	const page = await load(reference, who)
	return post(reference, who, { expectedVersion: String(page.complaint.version), ...fields }, photos)
}

type Thrown = { init?: { status?: number } | null; status?: number }
async function outcome(run: () => Promise<unknown>): Promise<number | 'login'> {
	try {
		const result = await run()
		if (result instanceof Response) return result.status
		return (result as Thrown).init?.status ?? 200
	} catch (error) {
		if (error instanceof Response && error.status === 302) {
			return error.headers.get('location')?.startsWith('/login') ? 'login' : 302
		}
		const e = error as Thrown
		return e.init?.status ?? e.status ?? 500
	}
}

type Answer = {
	data: {
		intent: string
		result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> }
		missed?: Array<{ type: string; actorName: string | null; toStatus: string | null; changes: unknown }>
	}
	init: { status?: number } | null
}
function answerOf(response: unknown) {
	const r = response as Answer
	expect(r.data, 'expected an answer, not a redirect').toBeDefined()
	return {
		status: r.init?.status,
		intent: r.data.intent,
		errors: r.data.result.error ?? {},
		input: r.data.result.initialValue ?? {},
		missed: r.data.missed,
	}
}

async function expectDone(response: unknown, reference: string) {
	expect(response, JSON.stringify((response as Answer).data ?? null)).toBeInstanceOf(Response)
	const redirect = response as Response
	expect(redirect.status).toBe(302)
	expect(redirect.headers.get('location')).toBe(`/staff/complaints/${reference}`)
	expect(redirect.headers.get('set-cookie')).toContain('toast=')
}

const state = (id: string) => db.prisma.complaint.findUniqueOrThrow({ where: { id } })

let png: Buffer
beforeAll(async () => {
	png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } })
		.png()
		.toBuffer()
})
const photo = (name: string) => new File([new Uint8Array(png)], name, { type: 'image/png' })

/** The page as the server renders it, with the loader's data (and an action's answer). */
async function render(
	page: Page,
	reference: string,
	language: 'zh-CN' | 'en' = 'zh-CN',
	actionData?: Record<string, unknown>,
) {
	const handler = createStaticHandler([
		{
			id: 'case',
			path: '/staff/complaints/:reference',
			Component: CasePage,
			loader: () => page,
			action: () => actionData ?? null,
		},
	])
	const request = new Request(`http://portal.test/staff/complaints/${reference}`, {
		method: actionData ? 'POST' : 'GET',
		...(actionData ? { body: new URLSearchParams() } : {}),
	})
	const routerContext = await handler.query(request)
	if (routerContext instanceof Response) throw new Error('unexpected response')
	const router = createStaticRouter(handler.dataRoutes, routerContext)
	return renderToString(
		createElement(
			I18nextProvider,
			{ i18n: createI18n(language) },
			createElement(StaticRouterProvider, { router, context: routerContext, hydrate: false }),
		),
	)
}

const intentsIn = (html: string) =>
	[...html.matchAll(/<input type="hidden" name="intent" value="([^"]+)"/g)].map((m) => m[1])

describe('who may open the case page', () => {
	test('customers and dealers get 404, an office or regional manager of another region too; staff see it', async () => {
		const complaint = await createComplaint()
		const reference = complaint.reference
		expect(await outcome(() => load(reference, null))).toBe('login')
		for (const who of [owner, dealer, otherOffice, elsewhereManager]) {
			expect(await outcome(() => load(reference, who)), who.name).toBe(404)
			expect(
				await outcome(() =>
					post(reference, who, { intent: 'note', expectedVersion: '1', body: '看看', visibility: 'PARTNER' }),
				),
				who.name,
			).toBe(404)
		}
		expect(await db.prisma.complaintMessage.count({ where: { complaintId: complaint.id } })).toBe(0)
		for (const who of [office, ...STAFF_ROLES.map((role) => byRole[role])]) {
			const page = await load(reference, who)
			expect(page.complaint.reference, who.name).toBe(reference)
			expect('id' in page.complaint).toBe(false)
		}
		for (const missing of ['CMP-2026-000000', 'nonsense'])
			expect(await outcome(() => load(missing, byRole.AGENT))).toBe(404)
	})

	test('the page offers exactly the actions the workflow allows the viewer, one form each', async () => {
		const fresh = await createComplaint()
		const expected: Array<[Person, StaffAction[]]> = [
			// a new complaint's first written reply is its acknowledgement
			[byRole.AGENT, ['acknowledge', 'route', 'note']],
			[byRole.REGIONAL_MANAGER, ['acknowledge', 'route', 'note']],
			// the regional office's first-line work: acknowledge and partner notes, no routing
			[office, ['acknowledge', 'note']],
		]
		for (const [who, actions] of expected) {
			const page = await load(fresh.reference, who)
			expect(page.actions, who.name).toEqual(actions)
			expect(intentsIn(await render(page, fresh.reference)), who.name).toEqual(actions)
		}

		const closed = await createComplaint({ status: 'CLOSED' })
		await db.prisma.complaint.update({ where: { id: closed.id }, data: { closedAt: new Date() } })
		for (const role of STAFF_ROLES) {
			const who = byRole[role]
			const page = await load(closed.reference, who)
			const workflow = availableActions(who.viewer, await loadWorkflowState(db.prisma, closed.id))
			expect(page.actions, role).toEqual(workflow)
			expect(page.actions, role).toEqual(['reopen', 'note'])
			expect(intentsIn(await render(page, closed.reference, 'en')), role).toEqual(['reopen', 'note'])
		}
		// an office on a closed case may only add a partner note
		expect((await load(closed.reference, office)).actions).toEqual(['note'])
	})

	test('the routing form offers only people who may take this complaint', async () => {
		const fresh = await createComplaint()
		const page = await load(fresh.reference, byRole.AGENT)
		const offered = page.assignable.map((p) => p.id)
		// head office and this region's office; not another region's office or manager
		for (const who of [...STAFF_ROLES.map((role) => byRole[role]), office]) expect(offered).toContain(who.user.id)
		for (const who of [otherOffice, elsewhereManager, dealer, owner]) expect(offered).not.toContain(who.user.id)
		// those who may not route are offered nobody
		expect((await load(fresh.reference, office)).assignable).toEqual([])
	})

	test('the page shows the record, the clocks and the timeline with internal items labelled, in both languages', async () => {
		const complaint = await createComplaint()
		const deps = complaintDeps(context)
		await acknowledgeComplaint(deps, byRole.AGENT.viewer, complaint.id, { reply: '您好，已受理。' })
		await db.prisma.complaintMessage.create({
			data: { complaintId: complaint.id, authorId: byRole.AGENT.user.id, visibility: 'INTERNAL', body: '内部：老客户' },
		})
		const page = await load(complaint.reference, byRole.AGENT)
		const zhHtml = await render(page, complaint.reference, 'zh-CN')
		expect(zhHtml).toContain('阀门手轮使用一周后松动')
		expect(zhHtml).toContain('内部备注：仅员工可见')
		expect(zhHtml).toContain('内部：老客户')
		expect(zhHtml).toContain('服务时限')
		expect(zhHtml).toContain(order.orderNumber)
		const enHtml = await render(page, complaint.reference, 'en')
		// each item says who may read it, in words
		expect(enHtml).toContain('<span class="visibility-label visibility-label--internal">Internal: staff only</span>')
		expect(enHtml).toContain('<span class="visibility-label visibility-label--public">Customer sees this</span>')
		expect(enHtml).toContain('Status: New, not acknowledged → Acknowledged')
		// every form carries the version it was rendered at
		const versions = [...enHtml.matchAll(/name="expectedVersion" value="(\d+)"/g)].map((m) => Number(m[1]))
		expect(versions.length).toBe(page.actions.length)
		expect(new Set(versions)).toEqual(new Set([page.complaint.version]))
	})
})

describe('posting the actions', () => {
	test('every workflow action posts through the page, from acknowledgement to escalation', async () => {
		const complaint = await createComplaint()
		const ref = complaint.reference
		const { AGENT: agent, QUALITY_ENGINEER: engineer, REGIONAL_MANAGER: manager } = byRole
		const done: StaffAction[] = []
		const step = async (intent: StaffAction, who: Person, fields: Record<string, string>, photos?: File[]) => {
			await expectDone(await act(ref, who, { intent, ...fields }, photos), ref)
			done.push(intent)
			return state(complaint.id)
		}
		const outboxBefore = await db.prisma.outboxMessage.count({ where: { toAddress: owner.user.email } })

		expect((await step('acknowledge', agent, { reply: '王先生您好，您的客诉已受理。' })).status).toBe('ACKNOWLEDGED')
		expect(await db.prisma.outboxMessage.count({ where: { toAddress: owner.user.email } })).toBeGreaterThan(
			outboxBefore,
		)

		const routed = await step('route', agent, { department: 'QUALITY', assigneeId: engineer.user.id })
		expect(routed).toMatchObject({ department: 'QUALITY', assigneeId: engineer.user.id })

		expect((await step('investigate', agent, {})).status).toBe('INVESTIGATING')
		expect((await step('request-information', agent, { message: '请提供铭牌照片。' })).status).toBe(
			'WAITING_ON_CUSTOMER',
		)
		// the customer's answer is in: back to investigating
		expect((await step('investigate', agent, {})).status).toBe('INVESTIGATING')

		await step(
			'record-finding',
			office,
			{ kind: 'ON_SITE_VISIT', occurredAt: '2026-01-05T10:30', summary: '上门确认手轮松动。' },
			[photo('现场.png')],
		)
		const visit = await db.prisma.complaintFinding.findFirstOrThrow({
			where: { complaintId: complaint.id, kind: 'ON_SITE_VISIT' },
			include: { attachments: true },
		})
		expect(visit.occurredAt.toISOString()).toBe('2026-01-05T02:30:00.000Z')
		expect(visit.attachments.map((a) => a.originalName)).toEqual(['现场.png'])

		const decided = await step(
			'determine-responsibility',
			engineer,
			{ responsibility: 'QUALITY_DEFECT', summary: '手轮紧固螺母强度不足。' },
			[photo('螺母.png')],
		)
		expect(decided.responsibility).toBe('QUALITY_DEFECT')

		await step('propose-resolution', agent, {
			type: 'REPAIR',
			summary: '上门更换紧固螺母。',
			amount: '1,280.50',
			costBearer: 'COMPANY',
		})
		const proposal = await db.prisma.resolutionProposal.findFirstOrThrow({ where: { complaintId: complaint.id } })
		expect(proposal).toMatchObject({ amountMinor: 128_050, costBearer: 'COMPANY', status: 'PENDING_APPROVAL' })

		const approverPage = await load(ref, manager)
		expect(approverPage.actions).toContain('decide-approval')
		expect(approverPage.pendingApproval?.approverRole).toBe('REGIONAL_MANAGER')
		const offered = await step('decide-approval', manager, {
			stepId: approverPage.pendingApproval!.stepId,
			decision: 'APPROVED',
			comment: '同意。',
		})
		expect(offered.status).toBe('RESOLUTION_PROPOSED')

		await acceptResolution(complaintDeps(context), owner.viewer, complaint.id)
		expect((await step('resolve', agent, { reply: '螺母已更换，问题已解决。' })).status).toBe('RESOLVED')
		expect((await step('close', agent, {})).status).toBe('CLOSED')
		expect((await step('reopen', agent, { reason: '客户来电说又松了。' })).status).toBe('INVESTIGATING')
		expect((await step('escalate', agent, { reason: '第二次返修，请总部复核。' })).status).toBe('ESCALATED')
		await step('reply', agent, { body: '总部正在复核您的客诉。' }, [])
		await step('note', office, { body: '办事处可配合再次上门。', visibility: 'PARTNER' }, [])

		const messages = await db.prisma.complaintMessage.findMany({
			where: { complaintId: complaint.id },
			orderBy: { createdAt: 'asc' },
			select: { body: true, visibility: true },
		})
		expect(messages).toEqual(
			expect.arrayContaining([
				{ body: '总部正在复核您的客诉。', visibility: 'PUBLIC' },
				{ body: '办事处可配合再次上门。', visibility: 'PARTNER' },
			]),
		)

		// rejecting needs a case the company is not responsible for
		const damaged = await createComplaint({ category: 'HANDLING_DAMAGE' })
		const deps = complaintDeps(context)
		await acknowledgeComplaint(deps, agent.viewer, damaged.id, { reply: '已受理。' })
		await startInvestigation(deps, agent.viewer, damaged.id)
		await determineResponsibility(deps, agent.viewer, damaged.id, {
			responsibility: 'NOT_COMPANY',
			summary: '签收单显示到货完好。',
		})
		await expectDone(
			await act(damaged.reference, agent, {
				intent: 'reject',
				reason: '经核实，损坏发生在签收之后。',
				toldOfAuthoritiesRight: 'on',
			}),
			damaged.reference,
		)
		done.push('reject')
		const rejected = await state(damaged.id)
		expect(rejected.status).toBe('REJECTED')
		expect(rejected.authoritiesRightToldAt).toBeInstanceOf(Date)

		expect([...new Set(done)].sort()).toEqual([...STAFF_ACTIONS].sort())
	})

	test('a stale form is told what changed meanwhile, keeps its input, and writes nothing', async () => {
		const complaint = await createComplaint()
		const ref = complaint.reference
		const agent = byRole.AGENT
		const colleague = byRole.QUALITY_ENGINEER
		const rendered = await load(ref, agent)
		const v = String(rendered.complaint.version)

		// a colleague acknowledges first
		await expectDone(await act(ref, colleague, { intent: 'acknowledge', reply: '同事的答复。' }), ref)
		const after = await state(complaint.id)

		const stale = answerOf(await post(ref, agent, { intent: 'acknowledge', expectedVersion: v, reply: '我的答复。' }))
		expect(stale.status).toBe(409)
		expect(stale.intent).toBe('acknowledge')
		expect(stale.input.reply).toBe('我的答复。')
		expect(stale.errors['']).toEqual(['casework:conflict.formError'])
		expect(stale.missed).toEqual([
			expect.objectContaining({
				type: 'acknowledged',
				actorName: colleague.name,
				toStatus: 'ACKNOWLEDGED',
				changes: expect.objectContaining({ status: { before: 'SUBMITTED', after: 'ACKNOWLEDGED' } }),
			}),
		])
		expectTranslated(['casework:conflict.formError'])

		// a stale note with a photo: refused before anything is recorded, the photo not kept
		const staleNote = answerOf(
			await post(ref, agent, { intent: 'note', expectedVersion: v, body: '我的备注。', visibility: 'INTERNAL' }, [
				photo('p.png'),
			]),
		)
		expect(staleNote.status).toBe(409)
		expect(staleNote.input.body).toBe('我的备注。')
		expect(staleNote.missed?.map((m) => m.type)).toEqual(['acknowledged'])

		const now = await state(complaint.id)
		expect(now.version).toBe(after.version)
		expect(
			await db.prisma.complaintMessage.findMany({ where: { complaintId: complaint.id }, select: { body: true } }),
		).toEqual([{ body: '同事的答复。' }])
		expect(await db.prisma.attachment.count({ where: { complaintId: complaint.id } })).toBe(0)

		// the page shows the "meanwhile" panel with the input, and the form now at the new version
		const page = await load(ref, agent)
		const html = await render(
			page,
			ref,
			'en',
			(
				(await post(ref, agent, {
					intent: 'note',
					expectedVersion: v,
					body: '再试一次',
					visibility: 'INTERNAL',
				})) as Answer
			).data,
		)
		expect(html).toContain('Someone else changed this case meanwhile.')
		expect(html).toContain(colleague.name)
		expect(html).toContain('再试一次')
		expect(html).toContain(`name="expectedVersion" value="${page.complaint.version}"`)

		// sent again at the version shown now, it goes through
		await expectDone(
			await post(ref, agent, {
				intent: 'note',
				expectedVersion: String(page.complaint.version),
				body: '再试一次',
				visibility: 'INTERNAL',
			}),
			ref,
		)
	})

	test('bad input answers with a message beside its field, in both languages, and changes nothing', async () => {
		const { AGENT: agent, QUALITY_ENGINEER: engineer, REGIONAL_MANAGER: manager } = byRole
		const complaint = await createComplaint()
		const ref = complaint.reference
		const deps = complaintDeps(context)
		await acknowledgeComplaint(deps, agent.viewer, complaint.id, { reply: '已受理。' })
		await startInvestigation(deps, agent.viewer, complaint.id)

		const cases: Array<[Person, Record<string, string>, Record<string, string[]>, File[]?]> = [
			[agent, { intent: 'reply', body: '  ' }, { body: ['validation:required'] }, []],
			[agent, { intent: 'note', body: '备注', visibility: 'PUBLIC' }, { visibility: ['validation:choose'] }, []],
			[
				agent,
				{ intent: 'record-finding', kind: 'SAMPLE', occurredAt: '2026-01-05T10:30', summary: '取样' },
				{ sampleReference: ['casework:validation.sampleReferenceRequired'] },
				[],
			],
			[
				agent,
				{ intent: 'record-finding', kind: 'ON_SITE_VISIT', occurredAt: '2999-01-01T10:00', summary: '上门' },
				{ occurredAt: ['casework:validation.dateInFuture'] },
				[],
			],
			[agent, { intent: 'route', department: 'MARKETING', assigneeId: '' }, { department: ['validation:choose'] }],
			// product quality: responsibility needs an evidence photo (the domain's rule, beside the field)
			[
				engineer,
				{ intent: 'determine-responsibility', responsibility: 'QUALITY_DEFECT', summary: '螺母不合格' },
				{ photos: ['validation:evidenceRequired'] },
				[],
			],
		]
		for (const [who, fields, expected, photos] of cases) {
			const reply = answerOf(await act(ref, who, fields, photos))
			expect(reply.status, JSON.stringify(fields)).toBe(400)
			expect(reply.intent).toBe(fields.intent)
			expect(reply.errors).toMatchObject(expected)
			expectTranslated(Object.values(expected).flat())
		}

		// the workflow's refusals, in words
		const refusals: Array<[Person, Record<string, string>, string]> = [
			[
				agent,
				{ intent: 'propose-resolution', type: 'REPAIR', summary: '维修', amount: '0', costBearer: 'COMPANY' },
				'RESPONSIBILITY_REQUIRED',
			],
			[
				agent,
				{ intent: 'determine-responsibility', responsibility: 'QUALITY_DEFECT', summary: '判定' },
				'QUALITY_DECIDES',
			],
			[agent, { intent: 'close' }, 'WRONG_STATUS'],
			[office, { intent: 'route', department: 'QUALITY' }, 'NOT_PERMITTED'],
		]
		for (const [who, fields, code] of refusals) {
			const reply = answerOf(await act(ref, who, fields))
			expect(reply.status, code).toBe(code === 'NOT_PERMITTED' ? 403 : 409)
			expect(reply.errors['']).toEqual([`casework:refusal.${code}`])
			expectTranslated([`casework:refusal.${code}`])
		}
		expect((await state(complaint.id)).responsibility).toBeNull()

		await determineResponsibility(deps, engineer.viewer, complaint.id, {
			responsibility: 'QUALITY_DEFECT',
			summary: '螺母不合格',
			files: [
				{
					kind: 'IMAGE',
					originalName: 'e.jpg',
					contentType: 'image/jpeg',
					byteSize: 1,
					width: 1,
					height: 1,
					sha256: '0'.repeat(64),
					storageKey: `test/${crypto.randomUUID()}`,
					thumbnailKey: null,
				},
			],
		})
		const amount = answerOf(
			await act(ref, agent, {
				intent: 'propose-resolution',
				type: 'REPAIR',
				summary: '维修',
				amount: '12.345',
				costBearer: 'COMPANY',
			}),
		)
		expect(amount.errors).toMatchObject({ amount: ['casework:validation.amountInvalid'] })
		expect(amount.input.amount).toBe('12.345')
		await expectDone(
			await act(ref, agent, {
				intent: 'propose-resolution',
				type: 'REPAIR',
				summary: '维修',
				amount: '300',
				costBearer: 'COMPANY',
			}),
			ref,
		)
		const pending = (await load(ref, manager)).pendingApproval!
		const declined = answerOf(
			await act(ref, manager, { intent: 'decide-approval', stepId: pending.stepId, decision: 'DECLINED' }),
		)
		expect(declined.errors).toMatchObject({ comment: ['casework:validation.commentRequired'] })
		expectTranslated(['casework:validation.amountInvalid', 'casework:validation.commentRequired'])
		const unknownStep = answerOf(
			await act(ref, manager, { intent: 'decide-approval', stepId: 'no-such-step', decision: 'APPROVED' }),
		)
		expect(unknownStep.status).toBe(409)
		expect(unknownStep.errors['']).toEqual(['casework:refusal.NO_PENDING_APPROVAL'])
		expect(await db.prisma.approvalStep.findUniqueOrThrow({ where: { id: pending.stepId } })).toMatchObject({
			decision: 'PENDING',
		})
		expect(await db.prisma.resolutionProposal.count({ where: { complaintId: complaint.id } })).toBe(1)

		// an unknown intent or a missing version is a broken request, not a user error
		expect(await outcome(() => post(ref, agent, { intent: 'delete', expectedVersion: '1' }))).toBe(400)
		expect(await outcome(() => post(ref, agent, { intent: 'note', body: '备注', visibility: 'INTERNAL' }))).toBe(400)
	})

	test('a saved reply template fills the reply, for this complaint, without JavaScript', async () => {
		const complaint = await createComplaint()
		const template = await db.prisma.replyTemplate.create({
			data: {
				name: '受理确认',
				bodyZh: '{{customerName}}您好：您的客诉 {{reference}}（订单 {{orderNumber}}）已受理。',
				bodyEn: 'Dear {{customerName}}, we have received {{reference}}.',
			},
		})
		const page = await load(complaint.reference, byRole.AGENT, `?template=${template.id}&for=acknowledge`)
		const expected = `王建国您好：您的客诉 ${complaint.reference}（订单 ${order.orderNumber}）已受理。`
		expect(page.templates).toContainEqual({ id: template.id, name: '受理确认', body: expected })
		expect(page.prefill).toEqual({ intent: 'acknowledge', templateId: template.id, body: expected })
		expect(await render(page, complaint.reference)).toContain(expected)
		// only into a written reply the viewer may send now
		expect((await load(complaint.reference, byRole.AGENT, `?template=${template.id}&for=close`)).prefill).toBeNull()
		expect((await load(complaint.reference, byRole.AGENT, `?template=${template.id}&for=resolve`)).prefill).toBeNull()
	})
})
