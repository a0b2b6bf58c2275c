import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { decodeMessage } from '#app/components/filing/messages.tsx'
import type { Database } from '#app/db/database.server.ts'
import { proposeResolution } from '#app/domain/complaints/proposals.ts'
import { createI18n } from '#app/i18n/i18n.server.ts'
import { investigatingComplaint, seedApprovalWorld, type ApprovalWorld } from '#tests/approval-fixtures.ts'
import { createTestContext } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { action as approvalsAction, loader as approvalsLoader } from './staff.approvals.tsx'
import { action as rulesAction, loader as rulesLoader } from './staff.settings.approval-rules.tsx'

/**
 * The approver's page and the approval policy's page, against every kind of account: customers
 * and dealers do not know the console exists (404); console users who approve nothing, and
 * everyone but administrators on the policy, are refused (403).
 */

let db: Database
let context: AppLoadContext
let world: ApprovalWorld
const cookies: Record<string, string> = {}

type Who =
	| 'customer'
	| 'dealer'
	| 'office'
	| 'agent'
	| 'quality'
	| 'managerEast'
	| 'managerWest'
	| 'director'
	| 'general'
	| 'admin'
const EVERYONE: Who[] = [
	'customer',
	'dealer',
	'office',
	'agent',
	'quality',
	'managerEast',
	'managerWest',
	'director',
	'general',
	'admin',
]

beforeAll(async () => {
	db = await createTestDatabase()
	context = createTestContext(db)
	world = await seedApprovalWorld(db.prisma)
	for (const who of EVERYONE) {
		const { token } = await createSession(db.prisma, { id: world[who].id, kind: world[who].viewer.kind })
		cookies[who] = `${SESSION_COOKIE}=${token}`
	}
})
afterAll(() => db.close())

const zh = createI18n('zh-CN')
const en = createI18n('en')

function get(who: Who | 'anonymous', path: string) {
	return new Request(`http://portal.test${path}`, { headers: who === 'anonymous' ? {} : { cookie: cookies[who]! } })
}
function post(who: Who | 'anonymous', path: string, fields: Record<string, string>) {
	return new Request(`http://portal.test${path}`, {
		method: 'POST',
		body: new URLSearchParams(fields),
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			...(who === 'anonymous' ? {} : { cookie: cookies[who]! }),
		},
	})
}

/** A status, or 'login' for the redirect to sign in; with the body of a `data()` answer. */
async function outcome(run: () => unknown): Promise<{ status: number | 'login'; body: unknown; location?: string }> {
	try {
		const result = await run()
		if (result instanceof Response) {
			const location = result.headers.get('location') ?? undefined
			if (location?.startsWith('/login')) return { status: 'login', body: null }
			return { status: result.status, body: null, location }
		}
		const init = (result as { init?: { status?: number } | null; data?: unknown; type?: string } | null) ?? null
		if (init && 'type' in init && init.type === 'DataWithResponseInit')
			return { status: init.init?.status ?? 200, body: init.data }
		return { status: 200, body: result }
	} catch (thrown) {
		if (thrown instanceof Response) {
			const location = thrown.headers.get('location') ?? undefined
			return { status: location?.startsWith('/login') ? 'login' : thrown.status, body: null }
		}
		const status = (thrown as { init?: { status?: number } | null })?.init?.status
		if (status) return { status, body: null }
		throw thrown
	}
}

const APPROVALS = '/staff/approvals'
const RULES = '/staff/settings/approval-rules'
const APPROVERS: Who[] = ['managerEast', 'managerWest', 'director', 'general']

describe('who may open the pages', () => {
	test.each(EVERYONE)('%s', async (who) => {
		const approvals = await outcome(() => approvalsLoader({ request: get(who, APPROVALS), context, params: {} }))
		const expected = ['customer', 'dealer'].includes(who) ? 404 : APPROVERS.includes(who) ? 200 : 403
		expect(approvals.status).toBe(expected)
		const rules = await outcome(() => rulesLoader({ request: get(who, RULES), context, params: {} }))
		expect(rules.status).toBe(who === 'admin' ? 200 : 403)
		// nor can they post to them
		const decided = await outcome(() =>
			approvalsAction({
				request: post(who, APPROVALS, { complaintId: 'x', stepId: 'y', decision: 'APPROVED' }),
				context,
				params: {},
			}),
		)
		if (!APPROVERS.includes(who)) expect(decided.status).toBe(expected)
		const before = await db.prisma.approvalRule.count()
		const created = await outcome(() =>
			rulesAction({
				request: post(who, RULES, {
					intent: 'create',
					sequence: '50',
					approverRole: 'GENERAL_MANAGER',
					descriptionZh: '测试',
					descriptionEn: 'test',
				}),
				context,
				params: {},
			}),
		)
		if (who !== 'admin') {
			expect(created.status).toBe(403)
			expect(await db.prisma.approvalRule.count()).toBe(before)
		} else {
			await db.prisma.approvalRule.deleteMany({ where: { descriptionEn: 'test' } })
		}
	})

	test('signed out: to the sign-in page', async () => {
		expect(
			(await outcome(() => approvalsLoader({ request: get('anonymous', APPROVALS), context, params: {} }))).status,
		).toBe('login')
		expect((await outcome(() => rulesLoader({ request: get('anonymous', RULES), context, params: {} }))).status).toBe(
			'login',
		)
	})
})

type ApprovalsData = Awaited<ReturnType<typeof approvalsLoader>>
const load = async (who: Who) =>
	(await approvalsLoader({ request: get(who, APPROVALS), context, params: {} })) as ApprovalsData

describe('deciding on the page', () => {
	test('the east’s manager, then the director: each sees it in turn; the customer is asked after the second', async () => {
		const complaint = await investigatingComplaint(db.prisma, world)
		await proposeResolution(complaintDeps(context), world.agent.viewer, complaint.id, {
			type: 'REPLACEMENT',
			summary: '免费更换泵体一台。',
			amountMinor: 800_000,
			costBearer: 'COMPANY',
		})

		const east = (await load('managerEast')).approvals.find((a) => a.complaint.id === complaint.id)!
		expect(east).toMatchObject({
			sequence: 1,
			approverRole: 'REGIONAL_MANAGER',
			refusal: null,
			reasonZh: '涉及金额的处理方案由区域经理审批',
			proposal: { amountMinor: 800_000, currency: 'CNY', proposedBy: '李娜', summary: '免费更换泵体一台。' },
			complaint: { reference: complaint.reference, region: { nameZh: '华东大区' }, customer: '王芳' },
			earlier: [],
		})
		expect((await load('managerWest')).approvals.map((a) => a.complaint.id)).not.toContain(complaint.id)
		expect((await load('director')).approvals.map((a) => a.complaint.id)).not.toContain(complaint.id)

		// declining without a word: refused next to the comment, in both languages
		const silent = await outcome(() =>
			approvalsAction({
				request: post('managerEast', APPROVALS, {
					complaintId: complaint.id,
					stepId: east.stepId,
					decision: 'DECLINED',
					expectedVersion: String(east.complaint.version),
				}),
				context,
				params: {},
			}),
		)
		expect(silent.status).toBe(400)
		const errors = (silent.body as { result: { error: Record<string, string[]> } }).result.error
		expect(errors.comment).toEqual(['approvals:validation.commentRequired'])
		for (const i18n of [zh, en]) expect(i18n.t(decodeMessage(errors.comment![0]!).key)).not.toMatch(/^approvals:/)

		// another region's manager, posting the form by hand: the complaint does not exist for them
		const west = await outcome(() =>
			approvalsAction({
				request: post('managerWest', APPROVALS, {
					complaintId: complaint.id,
					stepId: east.stepId,
					decision: 'APPROVED',
				}),
				context,
				params: {},
			}),
		)
		expect(west.status).toBe(404)
		// the director, out of turn
		const early = await outcome(() =>
			approvalsAction({
				request: post('director', APPROVALS, { complaintId: complaint.id, stepId: east.stepId, decision: 'APPROVED' }),
				context,
				params: {},
			}),
		)
		expect(early.status).toBe(409)
		expect((early.body as { result: { error: Record<string, string[]> } }).result.error['']).toEqual([
			'approvals:refusal.NOT_YOUR_APPROVAL',
		])

		const approved = await outcome(() =>
			approvalsAction({
				request: post('managerEast', APPROVALS, {
					complaintId: complaint.id,
					stepId: east.stepId,
					decision: 'APPROVED',
					comment: '同意。',
					expectedVersion: String(east.complaint.version),
				}),
				context,
				params: {},
			}),
		)
		expect(approved).toMatchObject({ status: 302, location: APPROVALS })
		expect(await db.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).toMatchObject({
			status: 'INVESTIGATING',
		})

		// a second tab of the east's manager, still showing the old version
		const stale = await outcome(() =>
			approvalsAction({
				request: post('managerEast', APPROVALS, {
					complaintId: complaint.id,
					stepId: east.stepId,
					decision: 'APPROVED',
					expectedVersion: String(east.complaint.version),
				}),
				context,
				params: {},
			}),
		)
		expect(stale.status).toBe(409)
		expect((stale.body as { missed: { type: string }[] }).missed.map((m) => m.type)).toEqual(['approval_decided'])

		const forDirector = (await load('director')).approvals.find((a) => a.complaint.id === complaint.id)!
		expect(forDirector).toMatchObject({
			sequence: 2,
			earlier: [
				{ approverRole: 'REGIONAL_MANAGER', decision: 'APPROVED', comment: '同意。', decidedBy: { name: '张伟' } },
			],
		})
		const offered = await outcome(() =>
			approvalsAction({
				request: post('director', APPROVALS, {
					complaintId: complaint.id,
					stepId: forDirector.stepId,
					decision: 'APPROVED',
					expectedVersion: String(forDirector.complaint.version),
				}),
				context,
				params: {},
			}),
		)
		expect(offered).toMatchObject({ status: 302, location: APPROVALS })
		expect(await db.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).toMatchObject({
			status: 'RESOLUTION_PROPOSED',
			resolutionAmountMinor: 800_000,
		})
		expect((await load('director')).approvals.map((a) => a.complaint.id)).not.toContain(complaint.id)
		const toCustomer = await db.prisma.outboxMessage.findMany({
			where: { toAddress: world.customer.email, subject: { contains: complaint.reference } },
		})
		expect(toCustomer.map((e) => e.template)).toEqual(['complaint-updated'])
	})

	test('declined on the page: gone from the list, the proposer emailed', async () => {
		const complaint = await investigatingComplaint(db.prisma, world)
		await proposeResolution(complaintDeps(context), world.agent.viewer, complaint.id, {
			type: 'REFUND',
			summary: '退款 3,000 元。',
			amountMinor: 300_000,
			costBearer: 'COMPANY',
		})
		const east = (await load('managerEast')).approvals.find((a) => a.complaint.id === complaint.id)!
		const declined = await outcome(() =>
			approvalsAction({
				request: post('managerEast', APPROVALS, {
					complaintId: complaint.id,
					stepId: east.stepId,
					decision: 'DECLINED',
					comment: '先核实发货记录。',
					expectedVersion: String(east.complaint.version),
				}),
				context,
				params: {},
			}),
		)
		expect(declined).toMatchObject({ status: 302, location: APPROVALS })
		expect((await load('managerEast')).approvals.map((a) => a.complaint.id)).not.toContain(complaint.id)
		const [email] = await db.prisma.outboxMessage.findMany({
			where: {
				toAddress: world.agent.email,
				template: 'approval-declined',
				subject: { contains: complaint.reference },
			},
		})
		expect(email!.text).toContain('先核实发货记录。')
	})

	test('a case waiting on the customer shows why it cannot be decided now', async () => {
		const complaint = await investigatingComplaint(db.prisma, world)
		await proposeResolution(complaintDeps(context), world.agent.viewer, complaint.id, {
			type: 'REFUND',
			summary: '退款。',
			amountMinor: 100_000,
			costBearer: 'COMPANY',
		})
		await db.prisma.complaint.update({ where: { id: complaint.id }, data: { status: 'WAITING_ON_CUSTOMER' } })
		const shown = (await load('managerEast')).approvals.find((a) => a.complaint.id === complaint.id)!
		expect(shown.refusal).toBe('WRONG_STATUS')
	})
})

describe('the approval policy page', () => {
	type RulesData = Awaited<ReturnType<typeof rulesLoader>>
	const rules = async () =>
		((await rulesLoader({ request: get('admin', RULES), context, params: {} })) as RulesData).rules

	test('shows the default policy in order', async () => {
		const active = (await rules()).filter((r) => r.active && r.id.startsWith('default-'))
		expect(active.map((r) => [r.sequence, r.approverRole, r.amountAboveMinor])).toEqual([
			[10, 'REGIONAL_MANAGER', 0],
			[20, 'MARKETING_DIRECTOR', 500_000],
			[30, 'GENERAL_MANAGER', null],
			[40, 'GENERAL_MANAGER', null],
		])
	})

	test('an administrator adds, edits and turns off a rule; bad input is refused next to its field', async () => {
		const bad = await outcome(() =>
			rulesAction({
				request: post('admin', RULES, {
					intent: 'create',
					sequence: '0',
					approverRole: 'AGENT',
					amountAbove: '12.345',
					descriptionZh: '',
					descriptionEn: 'x',
				}),
				context,
				params: {},
			}),
		)
		expect(bad.status).toBe(400)
		const errors = (bad.body as { formId: string; result: { error: Record<string, string[]> } }).result.error
		expect(errors).toMatchObject({
			sequence: ['approvals:validation.sequenceInvalid'],
			approverRole: ['validation:choose'],
			amountAbove: ['approvals:validation.amountInvalid'],
			descriptionZh: ['validation:required'],
		})

		const created = await outcome(() =>
			rulesAction({
				request: post('admin', RULES, {
					intent: 'create',
					sequence: '25',
					approverRole: 'GENERAL_MANAGER',
					category: 'HANDLING_DAMAGE',
					minSeverity: '',
					amountAbove: '20,000',
					descriptionZh: '运输损坏超过 2 万元由总经理审批',
					descriptionEn: 'Transport damage over CNY 20,000: the general manager approves',
				}),
				context,
				params: {},
			}),
		)
		expect(created).toMatchObject({ status: 302, location: RULES })
		const rule = (await rules()).find((r) => r.sequence === 25)!
		expect(rule).toMatchObject({
			approverRole: 'GENERAL_MANAGER',
			category: 'HANDLING_DAMAGE',
			minSeverity: null,
			amountAboveMinor: 2_000_000,
			active: true,
		})

		// the new rule applies to the next proposal
		const damaged = await investigatingComplaint(db.prisma, world, {
			category: 'HANDLING_DAMAGE',
			responsibility: 'TRANSPORT_DAMAGE',
		})
		const { proposalId } = await proposeResolution(complaintDeps(context), world.agent.viewer, damaged.id, {
			type: 'REPLACEMENT',
			summary: '整批更换。',
			amountMinor: 2_500_000,
			costBearer: 'CARRIER',
		})
		const steps = await db.prisma.approvalStep.findMany({ where: { proposalId }, orderBy: { sequence: 'asc' } })
		expect(steps.map((s) => s.approverRole)).toEqual(['REGIONAL_MANAGER', 'MARKETING_DIRECTOR', 'GENERAL_MANAGER'])
		expect(steps[2]!.ruleId).toBe(rule.id)

		// edited: the box unticked turns it off
		const edited = await outcome(() =>
			rulesAction({
				request: post('admin', RULES, {
					intent: 'update',
					ruleId: rule.id,
					sequence: '26',
					approverRole: 'GENERAL_MANAGER',
					category: 'HANDLING_DAMAGE',
					amountAbove: '30000',
					descriptionZh: '运输损坏超过 3 万元由总经理审批',
					descriptionEn: 'Transport damage over CNY 30,000: the general manager approves',
				}),
				context,
				params: {},
			}),
		)
		expect(edited).toMatchObject({ status: 302 })
		expect(await db.prisma.approvalRule.findUniqueOrThrow({ where: { id: rule.id } })).toMatchObject({
			sequence: 26,
			amountAboveMinor: 3_000_000,
			active: false,
		})

		await db.prisma.approvalRule.update({ where: { id: rule.id }, data: { active: true } })
		const off = await outcome(() =>
			rulesAction({ request: post('admin', RULES, { intent: 'deactivate', ruleId: rule.id }), context, params: {} }),
		)
		expect(off).toMatchObject({ status: 302, location: RULES })
		expect(await db.prisma.approvalRule.findUniqueOrThrow({ where: { id: rule.id } })).toMatchObject({ active: false })
		// a proposal made afterwards ignores it; the earlier one keeps its step
		const later = await investigatingComplaint(db.prisma, world, {
			category: 'HANDLING_DAMAGE',
			responsibility: 'TRANSPORT_DAMAGE',
		})
		const next = await proposeResolution(complaintDeps(context), world.agent.viewer, later.id, {
			type: 'REPLACEMENT',
			summary: '整批更换。',
			amountMinor: 2_500_000,
			costBearer: 'CARRIER',
		})
		expect(
			(await db.prisma.approvalStep.findMany({ where: { proposalId: next.proposalId } })).map((s) => s.approverRole),
		).not.toContain('GENERAL_MANAGER')
		expect(await db.prisma.approvalStep.count({ where: { proposalId, approverRole: 'GENERAL_MANAGER' } })).toBe(1)

		const missing = await outcome(() =>
			rulesAction({
				request: post('admin', RULES, { intent: 'deactivate', ruleId: 'no-such-rule' }),
				context,
				params: {},
			}),
		)
		expect(missing.status).toBe(404)
	})
})
