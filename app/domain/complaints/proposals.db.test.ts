import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { seedApprovalWorld, investigatingComplaint, type ApprovalWorld } from '#tests/approval-fixtures.ts'
import { createTestContext } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { WITHIN_AUTHORITY } from '../approvals/policy.ts'
import { pendingApprovalsFor, proposalsOf } from '../approvals/queries.ts'
import {
	ConflictError,
	DomainValidationError,
	InsufficientAuthorityError,
	InvalidTransitionError,
	NotFoundError,
	WorkflowRefusedError,
} from '../errors.ts'
import { acceptResolution, disputeResolution, escalateComplaint, withdrawComplaint } from './customer-actions.ts'
import type { ComplaintDeps } from './ports.ts'
import { decideApproval, proposeResolution, type ProposalInput } from './proposals.ts'
import { escalateByStaff, requestInformation, startInvestigation } from './staff-actions.ts'
import { loadWorkflowState } from './workflow-state.ts'

/**
 * Proposals and their approvals against the default policy the migration installs (regional
 * manager for any money, marketing director above CNY 5,000, general manager for major quality
 * and critical cases), with the app's real notifier: the emails are read from the outbox.
 */

let database: Database
let deps: ComplaintDeps
let world: ApprovalWorld

beforeAll(async () => {
	database = await createTestDatabase()
	deps = complaintDeps(createTestContext(database))
	world = await seedApprovalWorld(database.prisma)
})
afterAll(() => database.close())

const db = () => database.prisma
/** The emails to `to` about one complaint (the people here are shared by every test). */
const emailsTo = (to: string, reference: string, template?: string) =>
	db().outboxMessage.findMany({
		where: { toAddress: to, subject: { contains: reference }, ...(template ? { template } : {}) },
		orderBy: { createdAt: 'asc' },
	})
const eventsOf = (complaintId: string) =>
	db().complaintEvent.findMany({ where: { complaintId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
const refusal = (promise: Promise<unknown>) =>
	promise.then(
		() => null,
		(error: unknown) => error,
	)

const replacement = (amountYuan: number, overrides: Partial<ProposalInput> = {}): ProposalInput => ({
	type: 'REPLACEMENT',
	summary: '免费更换同型号泵体一台，运费由公司承担。',
	amountMinor: amountYuan * 100,
	costBearer: 'COMPANY',
	...overrides,
})

describe('within the proposer’s authority', () => {
	test('a regional manager proposing CNY 3,000: offered to the customer at once', async () => {
		const complaint = await investigatingComplaint(db(), world)
		const result = await proposeResolution(deps, world.managerEast.viewer, complaint.id, {
			...replacement(3000),
			expectedVersion: complaint.version,
		})
		expect(result).toMatchObject({ offered: true, version: complaint.version + 1 })

		const after = await db().complaint.findUniqueOrThrow({ where: { id: complaint.id } })
		expect(after).toMatchObject({
			status: 'RESOLUTION_PROPOSED',
			version: complaint.version + 1,
			resolutionType: 'REPLACEMENT',
			resolutionSummary: '免费更换同型号泵体一台，运费由公司承担。',
			resolutionAmountMinor: 300_000,
			resolutionCurrency: 'CNY',
			costBearer: 'COMPANY',
			// the customer's turn: no promise, no running clock
			resolutionDueAt: null,
			slaDueAt: null,
		})
		const proposal = await db().resolutionProposal.findUniqueOrThrow({
			where: { id: result.proposalId },
			include: { approvals: true },
		})
		expect(proposal).toMatchObject({ status: 'OFFERED', amountMinor: 300_000, proposedById: world.managerEast.id })
		expect(proposal.approvals).toMatchObject([
			{
				approverRole: 'REGIONAL_MANAGER',
				decision: 'APPROVED',
				decidedById: world.managerEast.id,
				comment: WITHIN_AUTHORITY,
				ruleId: 'default-regional-manager',
			},
		])

		const events = (await eventsOf(complaint.id)).map((e) => ({
			type: e.type,
			visibility: e.visibility,
			version: e.version,
			toStatus: e.toStatus,
		}))
		expect(events).toEqual([
			{ type: 'approval_decided', visibility: 'INTERNAL', version: complaint.version + 1, toStatus: null },
			{
				type: 'resolution_proposed',
				visibility: 'PUBLIC',
				version: complaint.version + 1,
				toStatus: 'RESOLUTION_PROPOSED',
			},
		])
		const offered = (await eventsOf(complaint.id)).at(-1)!
		expect(offered.changes).toMatchObject({
			status: { before: 'INVESTIGATING', after: 'RESOLUTION_PROPOSED' },
			resolutionAmountMinor: { before: null, after: 300_000 },
			costBearer: { before: null, after: 'COMPANY' },
		})

		const [email, ...more] = await emailsTo(world.customer.email, complaint.reference)
		expect(more).toEqual([])
		expect(email).toMatchObject({ template: 'complaint-updated' })
		expect(email!.text).toContain('免费更换同型号泵体一台')
		// the customer is told what it is worth and who pays, in their words
		expect(email!.text).toContain('金额：¥3,000.00')
		expect(email!.text).toContain('费用：由我方承担')
		expect(await emailsTo(world.director.email, complaint.reference, 'approval-requested')).toEqual([])
	})

	test('a marketing director proposing CNY 8,000: the regional manager’s step is theirs too, offered at once', async () => {
		const complaint = await investigatingComplaint(db(), world)
		const result = await proposeResolution(deps, world.director.viewer, complaint.id, replacement(8000))
		expect(result.offered).toBe(true)

		const steps = await db().approvalStep.findMany({
			where: { proposalId: result.proposalId },
			orderBy: { sequence: 'asc' },
		})
		expect(steps.map((s) => [s.approverRole, s.decision, s.decidedById, s.comment])).toEqual([
			['REGIONAL_MANAGER', 'APPROVED', world.director.id, WITHIN_AUTHORITY],
			['MARKETING_DIRECTOR', 'APPROVED', world.director.id, WITHIN_AUTHORITY],
		])
		expect(await db().complaint.findUniqueOrThrow({ where: { id: complaint.id } })).toMatchObject({
			status: 'RESOLUTION_PROPOSED',
			resolutionAmountMinor: 800_000,
		})
		const trail = (await eventsOf(complaint.id)).map((e) => [
			e.type,
			(e.data as { approverRole?: string }).approverRole,
		])
		expect(trail).toEqual([
			['approval_decided', 'REGIONAL_MANAGER'],
			['approval_decided', 'MARKETING_DIRECTOR'],
			['resolution_proposed', undefined],
		])
		// nobody was asked
		expect(await emailsTo(world.managerEast.email, complaint.reference, 'approval-requested')).toEqual([])
		expect((await pendingApprovalsFor(db(), world.managerEast.viewer)).map((p) => p.complaint.id)).not.toContain(
			complaint.id,
		)
	})

	test('a regional manager proposing CNY 8,000 still waits for the marketing director', async () => {
		const complaint = await investigatingComplaint(db(), world)
		const result = await proposeResolution(deps, world.managerEast.viewer, complaint.id, replacement(8000))
		expect(result.offered).toBe(false)
		const steps = await db().approvalStep.findMany({
			where: { proposalId: result.proposalId },
			orderBy: { sequence: 'asc' },
		})
		expect(steps.map((s) => [s.approverRole, s.decision, s.comment])).toEqual([
			['REGIONAL_MANAGER', 'APPROVED', WITHIN_AUTHORITY],
			['MARKETING_DIRECTOR', 'PENDING', null],
		])
		expect(await db().complaint.findUniqueOrThrow({ where: { id: complaint.id } })).toMatchObject({
			status: 'INVESTIGATING',
			resolutionSummary: null,
		})
		expect((await pendingApprovalsFor(db(), world.director.viewer)).map((p) => p.stepId)).toContain(steps[1]!.id)
		expect(await emailsTo(world.director.email, complaint.reference, 'approval-requested')).toHaveLength(1)
	})

	test('a marketing director on a major product-quality case still waits for the general manager', async () => {
		const complaint = await investigatingComplaint(db(), world, { severity: 'MAJOR' })
		const result = await proposeResolution(deps, world.director.viewer, complaint.id, replacement(8000))
		expect(result.offered).toBe(false)
		const steps = await db().approvalStep.findMany({
			where: { proposalId: result.proposalId },
			orderBy: { sequence: 'asc' },
		})
		expect(steps.map((s) => [s.approverRole, s.decision])).toEqual([
			['REGIONAL_MANAGER', 'APPROVED'],
			['MARKETING_DIRECTOR', 'APPROVED'],
			['GENERAL_MANAGER', 'PENDING'],
		])
		expect((await pendingApprovalsFor(db(), world.general.viewer)).map((p) => p.stepId)).toContain(steps[2]!.id)
	})

	test('no money and a minor case: nobody approves, even for an agent', async () => {
		const complaint = await investigatingComplaint(db(), world, { category: 'SERVICE_CONDUCT' })
		const result = await proposeResolution(deps, world.agent.viewer, complaint.id, {
			type: 'EXPLANATION',
			summary: '书面致歉并说明送货安排。',
			amountMinor: 0,
			costBearer: 'COMPANY',
		})
		expect(result.offered).toBe(true)
		expect(await db().approvalStep.count({ where: { proposalId: result.proposalId } })).toBe(0)
	})
})

describe('an agent proposes CNY 8,000 on a minor product-quality complaint', () => {
	test('regional manager, then marketing director; the customer hears only after the second', async () => {
		const complaint = await investigatingComplaint(db(), world)
		const proposed = await proposeResolution(deps, world.agent.viewer, complaint.id, replacement(8000))
		expect(proposed.offered).toBe(false)

		// waiting: the case is where it was, one version on, and the customer knows nothing
		let row = await db().complaint.findUniqueOrThrow({ where: { id: complaint.id } })
		expect(row).toMatchObject({ status: 'INVESTIGATING', version: complaint.version + 1, resolutionSummary: null })
		expect(await emailsTo(world.customer.email, complaint.reference)).toEqual([])
		const steps = await db().approvalStep.findMany({
			where: { proposalId: proposed.proposalId },
			orderBy: { sequence: 'asc' },
		})
		expect(steps.map((s) => [s.sequence, s.approverRole, s.decision])).toEqual([
			[1, 'REGIONAL_MANAGER', 'PENDING'],
			[2, 'MARKETING_DIRECTOR', 'PENDING'],
		])
		const requested = (await eventsOf(complaint.id)).at(-1)!
		expect(requested).toMatchObject({
			type: 'approval_requested',
			visibility: 'INTERNAL',
			version: complaint.version + 1,
			actorId: world.agent.id,
		})
		expect(requested.data).toMatchObject({
			approverRole: 'REGIONAL_MANAGER',
			amountMinor: 800_000,
			stepId: steps[0]!.id,
		})

		// the east's regional manager is asked; not the west's, not the director yet
		const [ask] = await emailsTo(world.managerEast.email, complaint.reference, 'approval-requested')
		expect(ask!.subject).toBe(`客诉 ${complaint.reference} 的处理方案待您审批`)
		expect(ask!.text).toContain('¥8,000.00')
		expect(ask!.text).toContain('http://portal.test/staff/approvals')
		expect(ask!.text).toContain('涉及金额的处理方案由区域经理审批')
		expect(await emailsTo(world.managerWest.email, complaint.reference)).toEqual([])
		expect(await emailsTo(world.director.email, complaint.reference)).toEqual([])

		// the queues: the current step only, in its role, in the region
		expect((await pendingApprovalsFor(db(), world.managerEast.viewer)).map((p) => p.stepId)).toContain(steps[0]!.id)
		expect((await pendingApprovalsFor(db(), world.managerWest.viewer)).map((p) => p.complaint.id)).not.toContain(
			complaint.id,
		)
		expect((await pendingApprovalsFor(db(), world.director.viewer)).map((p) => p.complaint.id)).not.toContain(
			complaint.id,
		)
		expect(await pendingApprovalsFor(db(), world.agent.viewer)).toEqual([])
		expect(await pendingApprovalsFor(db(), world.customer.viewer)).toEqual([])

		await decideApproval(deps, world.managerEast.viewer, complaint.id, {
			stepId: steps[0]!.id,
			decision: 'APPROVED',
			comment: '同意，请尽快安排发货。',
			expectedVersion: complaint.version + 1,
		})
		row = await db().complaint.findUniqueOrThrow({ where: { id: complaint.id } })
		expect(row).toMatchObject({ status: 'INVESTIGATING', version: complaint.version + 2 })
		expect(await emailsTo(world.customer.email, complaint.reference)).toEqual([])
		const [directorAsk] = await emailsTo(world.director.email, complaint.reference, 'approval-requested')
		expect(directorAsk!.text).toContain('金额超过 5,000 元由市场总监审批')

		const forDirector = (await pendingApprovalsFor(db(), world.director.viewer)).find(
			(p) => p.complaint.id === complaint.id,
		)!
		expect(forDirector).toMatchObject({ stepId: steps[1]!.id, refusal: null })
		expect(forDirector.proposal).toMatchObject({ amountMinor: 800_000, proposedBy: { name: world.agent.name } })
		expect(forDirector.earlier).toMatchObject([
			{
				approverRole: 'REGIONAL_MANAGER',
				decision: 'APPROVED',
				comment: '同意，请尽快安排发货。',
				decidedBy: { name: '张伟' },
			},
		])
		expect((await pendingApprovalsFor(db(), world.managerEast.viewer)).map((p) => p.complaint.id)).not.toContain(
			complaint.id,
		)

		const decided = await decideApproval(deps, world.director.viewer, complaint.id, {
			stepId: steps[1]!.id,
			decision: 'APPROVED',
		})
		expect(decided).toEqual({ version: complaint.version + 3, offered: true })
		row = await db().complaint.findUniqueOrThrow({ where: { id: complaint.id } })
		expect(row).toMatchObject({ status: 'RESOLUTION_PROPOSED', resolutionAmountMinor: 800_000, costBearer: 'COMPANY' })
		expect(await db().resolutionProposal.findUniqueOrThrow({ where: { id: proposed.proposalId } })).toMatchObject({
			status: 'OFFERED',
		})
		const customerEmails = await emailsTo(world.customer.email, complaint.reference)
		expect(customerEmails.map((e) => e.template)).toEqual(['complaint-updated'])

		const trail = (await eventsOf(complaint.id)).map((e) => [
			e.type,
			e.visibility,
			(e.data as { comment?: string })?.comment,
		])
		expect(trail).toEqual([
			['approval_requested', 'INTERNAL', undefined],
			['approval_decided', 'INTERNAL', '同意，请尽快安排发货。'],
			['approval_decided', 'INTERNAL', null],
			['resolution_proposed', 'PUBLIC', undefined],
		])
		expect(await pendingApprovalsFor(db(), world.director.viewer)).not.toContainEqual(
			expect.objectContaining({ stepId: steps[1]!.id }),
		)

		// the case page's history of proposals
		const history = await proposalsOf(db(), world.quality.viewer, complaint.id)
		expect(history?.[0]?.approvals.map((a) => a.decidedBy?.name)).toEqual(['张伟', '陈静'])
		expect(await proposalsOf(db(), world.customer.viewer, complaint.id)).toBeNull()
		expect(await proposalsOf(db(), world.managerWest.viewer, complaint.id)).toBeNull()
	})
})

describe('declined', () => {
	test('needs a comment; the proposal dies, the proposer is told why, and may propose again', async () => {
		const complaint = await investigatingComplaint(db(), world)
		const proposed = await proposeResolution(deps, world.agent.viewer, complaint.id, replacement(3000))
		const [step] = await db().approvalStep.findMany({ where: { proposalId: proposed.proposalId } })

		const silent = await refusal(
			decideApproval(deps, world.managerEast.viewer, complaint.id, {
				stepId: step!.id,
				decision: 'DECLINED',
				comment: '  ',
			}),
		)
		expect(silent).toBeInstanceOf(DomainValidationError)
		expect(silent).toMatchObject({ field: 'comment', messageKey: 'approvals:validation.commentRequired' })
		expect(await db().approvalStep.findUniqueOrThrow({ where: { id: step!.id } })).toMatchObject({
			decision: 'PENDING',
		})

		await decideApproval(deps, world.managerEast.viewer, complaint.id, {
			stepId: step!.id,
			decision: 'DECLINED',
			comment: '请先确认维修是否可行，再考虑更换。',
		})
		expect(await db().resolutionProposal.findUniqueOrThrow({ where: { id: proposed.proposalId } })).toMatchObject({
			status: 'DECLINED',
		})
		expect(await db().approvalStep.findUniqueOrThrow({ where: { id: step!.id } })).toMatchObject({
			decision: 'DECLINED',
			decidedById: world.managerEast.id,
			comment: '请先确认维修是否可行，再考虑更换。',
		})
		const row = await db().complaint.findUniqueOrThrow({ where: { id: complaint.id } })
		expect(row).toMatchObject({ status: 'INVESTIGATING', version: complaint.version + 2, resolutionSummary: null })
		const last = (await eventsOf(complaint.id)).at(-1)!
		expect(last).toMatchObject({ type: 'approval_decided', visibility: 'INTERNAL', actorId: world.managerEast.id })
		expect(last.data).toMatchObject({ decision: 'DECLINED', comment: '请先确认维修是否可行，再考虑更换。' })
		const [told] = await emailsTo(world.agent.email, complaint.reference, 'approval-declined')
		expect(told!.text).toContain('请先确认维修是否可行，再考虑更换。')
		expect(told!.text).toContain(`http://portal.test/staff/complaints/${complaint.reference}`)
		expect(await emailsTo(world.customer.email, complaint.reference)).toEqual([])
		expect(await pendingApprovalsFor(db(), world.managerEast.viewer)).not.toContainEqual(
			expect.objectContaining({ stepId: step!.id }),
		)

		const again = await proposeResolution(deps, world.agent.viewer, complaint.id, {
			...replacement(0),
			type: 'REPAIR',
			summary: '上门维修，更换密封圈。',
		})
		expect(again.offered).toBe(true)
	})
})

describe('who may decide', () => {
	test('another role, an agent, a customer and another region’s manager are refused; nothing changes', async () => {
		const complaint = await investigatingComplaint(db(), world)
		const proposed = await proposeResolution(deps, world.agent.viewer, complaint.id, replacement(8000))
		const [first, second] = await db().approvalStep.findMany({
			where: { proposalId: proposed.proposalId },
			orderBy: { sequence: 'asc' },
		})
		const decide = (who: keyof ApprovalWorld, stepId = first!.id) =>
			refusal(
				decideApproval(deps, (world[who] as { viewer: typeof world.agent.viewer }).viewer, complaint.id, {
					stepId,
					decision: 'APPROVED',
				}),
			)
		const outOfTurn = await decide('director')
		expect(outOfTurn).toBeInstanceOf(WorkflowRefusedError)
		expect(outOfTurn).toMatchObject({ action: 'decide-approval', code: 'NOT_YOUR_APPROVAL' })
		expect(await decide('director', second!.id)).toMatchObject({ code: 'NOT_YOUR_APPROVAL' })
		expect(await decide('general')).toMatchObject({ code: 'NOT_YOUR_APPROVAL' })
		expect(await decide('agent')).toBeInstanceOf(InsufficientAuthorityError)
		expect(await decide('admin')).toBeInstanceOf(InsufficientAuthorityError)
		expect(await decide('customer')).toBeInstanceOf(InsufficientAuthorityError)
		expect(await decide('office')).toBeInstanceOf(InsufficientAuthorityError)
		// another region's complaint does not exist for them
		expect(await decide('managerWest')).toBeInstanceOf(NotFoundError)
		expect(await decide('otherCustomer')).toBeInstanceOf(NotFoundError)
		// the right manager, with a step that is not this complaint's
		const stray = await refusal(
			decideApproval(deps, world.managerEast.viewer, complaint.id, { stepId: 'no-such-step', decision: 'APPROVED' }),
		)
		expect(stray).toBeInstanceOf(NotFoundError)

		const row = await db().complaint.findUniqueOrThrow({ where: { id: complaint.id } })
		expect(row.version).toBe(complaint.version + 1)
		expect(await db().approvalStep.count({ where: { proposalId: proposed.proposalId, decision: 'PENDING' } })).toBe(2)
	})

	test('a stale page is told what it missed; a step decided meanwhile is a conflict', async () => {
		const complaint = await investigatingComplaint(db(), world)
		const proposed = await proposeResolution(deps, world.agent.viewer, complaint.id, replacement(8000))
		const [first] = await db().approvalStep.findMany({
			where: { proposalId: proposed.proposalId },
			orderBy: { sequence: 'asc' },
		})
		const stale = await refusal(
			decideApproval(deps, world.managerEast.viewer, complaint.id, {
				stepId: first!.id,
				decision: 'APPROVED',
				expectedVersion: complaint.version,
			}),
		)
		expect(stale).toBeInstanceOf(ConflictError)
		expect((stale as ConflictError).missed.map((m) => m.type)).toEqual(['approval_requested'])

		await decideApproval(deps, world.managerEast.viewer, complaint.id, { stepId: first!.id, decision: 'APPROVED' })
		// the same manager's second tab, without a version: the step is not theirs to decide any more
		const twice = await refusal(
			decideApproval(deps, world.managerEast.viewer, complaint.id, { stepId: first!.id, decision: 'APPROVED' }),
		)
		expect(twice).toMatchObject({ code: 'NOT_YOUR_APPROVAL' })
	})

	test('nothing waits: refused', async () => {
		const complaint = await investigatingComplaint(db(), world)
		const none = await refusal(
			decideApproval(deps, world.managerEast.viewer, complaint.id, { stepId: 'x', decision: 'APPROVED' }),
		)
		expect(none).toMatchObject({ name: 'WorkflowRefusedError', code: 'NO_PENDING_APPROVAL' })
	})
})

describe('proposing', () => {
	test('no proposal before responsibility is recorded, none while one waits, none from the wrong status', async () => {
		const undecided = await investigatingComplaint(db(), world, { responsibility: null })
		expect(await refusal(proposeResolution(deps, world.agent.viewer, undecided.id, replacement(100)))).toMatchObject({
			code: 'RESPONSIBILITY_REQUIRED',
		})

		const waiting = await investigatingComplaint(db(), world)
		await proposeResolution(deps, world.agent.viewer, waiting.id, replacement(100))
		expect(await refusal(proposeResolution(deps, world.agent.viewer, waiting.id, replacement(50)))).toMatchObject({
			code: 'APPROVAL_PENDING',
		})

		const fresh = await investigatingComplaint(db(), world, { status: 'ACKNOWLEDGED' })
		expect(await refusal(proposeResolution(deps, world.agent.viewer, fresh.id, replacement(100)))).toBeInstanceOf(
			InvalidTransitionError,
		)
		expect(await refusal(proposeResolution(deps, world.office.viewer, waiting.id, replacement(100)))).toBeInstanceOf(
			InsufficientAuthorityError,
		)
		expect(
			await refusal(proposeResolution(deps, world.managerWest.viewer, waiting.id, replacement(100))),
		).toBeInstanceOf(NotFoundError)
		expect(await db().resolutionProposal.count({ where: { complaintId: { in: [undecided.id, fresh.id] } } })).toBe(0)
	})

	test('the amount is whole fen, not negative; a summary is required', async () => {
		const complaint = await investigatingComplaint(db(), world)
		for (const [input, field, key] of [
			[replacement(0, { amountMinor: -1 }), 'amount', 'approvals:validation.amountInvalid'],
			[replacement(0, { amountMinor: 10.5 }), 'amount', 'approvals:validation.amountInvalid'],
			[replacement(0, { amountMinor: 2_000_000_000 }), 'amount', 'approvals:validation.amountTooLarge'],
			[replacement(0, { summary: '   ' }), 'summary', 'validation:required'],
		] as const) {
			const error = await refusal(proposeResolution(deps, world.agent.viewer, complaint.id, input))
			expect(error).toBeInstanceOf(DomainValidationError)
			expect(error).toMatchObject({ field, messageKey: key })
		}
		expect(await db().resolutionProposal.count({ where: { complaintId: complaint.id } })).toBe(0)
	})

	test('a stale form is told what changed', async () => {
		const complaint = await investigatingComplaint(db(), world)
		await proposeResolution(deps, world.agent.viewer, complaint.id, replacement(100))
		const stale = await refusal(
			proposeResolution(deps, world.agent.viewer, complaint.id, {
				...replacement(0),
				expectedVersion: complaint.version,
			}),
		)
		expect(stale).toBeInstanceOf(ConflictError)
		expect((stale as ConflictError).missed).toMatchObject([{ type: 'approval_requested', actorName: '李娜' }])
	})

	test('a new proposal replaces one the customer has not answered', async () => {
		const complaint = await investigatingComplaint(db(), world)
		const first = await proposeResolution(deps, world.managerEast.viewer, complaint.id, replacement(1000))
		// head office took the case up again (escalation) before the customer answered
		await db().complaint.update({ where: { id: complaint.id }, data: { status: 'ESCALATED' } })
		const second = await proposeResolution(deps, world.managerEast.viewer, complaint.id, replacement(2000))
		expect(second.offered).toBe(true)
		const statuses = await db().resolutionProposal.findMany({
			where: { complaintId: complaint.id },
			orderBy: { createdAt: 'asc' },
			select: { id: true, status: true },
		})
		expect(statuses).toEqual([
			{ id: first.proposalId, status: 'SUPERSEDED' },
			{ id: second.proposalId, status: 'OFFERED' },
		])
		expect(await db().complaint.findUniqueOrThrow({ where: { id: complaint.id } })).toMatchObject({
			status: 'RESOLUTION_PROPOSED',
			resolutionAmountMinor: 200_000,
		})
	})
})

describe('the customer’s answer is recorded on the proposal', () => {
	test('accepted', async () => {
		const complaint = await investigatingComplaint(db(), world)
		const { proposalId } = await proposeResolution(deps, world.managerEast.viewer, complaint.id, replacement(1000))
		await acceptResolution(deps, world.customer.viewer, complaint.id)
		expect(await db().resolutionProposal.findUniqueOrThrow({ where: { id: proposalId } })).toMatchObject({
			status: 'ACCEPTED',
			decidedAt: expect.any(Date),
		})
	})

	test('disputed', async () => {
		const complaint = await investigatingComplaint(db(), world)
		const { proposalId } = await proposeResolution(deps, world.managerEast.viewer, complaint.id, replacement(1000))
		await disputeResolution(deps, world.customer.viewer, complaint.id, { reason: '要求退款而不是更换。' })
		expect(await db().resolutionProposal.findUniqueOrThrow({ where: { id: proposalId } })).toMatchObject({
			status: 'DISPUTED',
		})
		expect(await db().complaint.findUniqueOrThrow({ where: { id: complaint.id } })).toMatchObject({
			status: 'ESCALATED',
		})
	})
})

describe('a proposal waiting for approval is superseded when the case leaves investigation without it', () => {
	/** An agent's CNY 3,000 proposal on a fresh complaint, waiting for the east's regional manager. */
	async function waiting(options: Parameters<typeof investigatingComplaint>[2] = {}) {
		const complaint = await investigatingComplaint(db(), world, options)
		const { proposalId, version } = await proposeResolution(deps, world.agent.viewer, complaint.id, replacement(3000))
		const [step] = await db().approvalStep.findMany({ where: { proposalId } })
		expect((await pendingApprovalsFor(db(), world.managerEast.viewer)).map((p) => p.stepId)).toContain(step!.id)
		return { complaint, proposalId, stepId: step!.id, version }
	}
	const proposalStatus = async (id: string) =>
		(await db().resolutionProposal.findUniqueOrThrow({ where: { id } })).status
	const inManagersList = async (stepId: string) =>
		(await pendingApprovalsFor(db(), world.managerEast.viewer)).some((p) => p.stepId === stepId)

	test('the customer withdraws: superseded, gone from the approver’s list, recorded on the event', async () => {
		const { complaint, proposalId, stepId } = await waiting()
		await withdrawComplaint(deps, world.customer.viewer, complaint.id, { reason: '已自行解决。' })

		expect(await db().resolutionProposal.findUniqueOrThrow({ where: { id: proposalId } })).toMatchObject({
			status: 'SUPERSEDED',
			decidedAt: expect.any(Date),
		})
		expect(await inManagersList(stepId)).toBe(false)
		expect((await loadWorkflowState(db(), complaint.id)).pendingApproverRole).toBeNull()
		const withdrawn = (await eventsOf(complaint.id)).at(-1)!
		expect(withdrawn).toMatchObject({ type: 'withdrawn', toStatus: 'CLOSED' })
		expect(withdrawn.changes).toEqual({ pendingApproval: { before: 'REGIONAL_MANAGER', after: null } })
		// the step itself is no one's any more
		const late = await refusal(
			decideApproval(deps, world.managerEast.viewer, complaint.id, { stepId, decision: 'APPROVED' }),
		)
		expect(late).toBeInstanceOf(InvalidTransitionError)
		expect(await db().approvalStep.findUniqueOrThrow({ where: { id: stepId } })).toMatchObject({ decision: 'PENDING' })
	})

	test('staff escalate: superseded; head office may propose afresh', async () => {
		const { complaint, proposalId, stepId, version } = await waiting()
		await escalateByStaff(deps, world.agent.viewer, complaint.id, {
			reason: '客户要求总部介入。',
			expectedVersion: version,
		})
		expect(await proposalStatus(proposalId)).toBe('SUPERSEDED')
		expect(await inManagersList(stepId)).toBe(false)
		const escalated = (await eventsOf(complaint.id)).at(-1)!
		expect(escalated).toMatchObject({ type: 'escalated', fromStatus: 'INVESTIGATING', toStatus: 'ESCALATED' })
		expect(escalated.changes).toMatchObject({
			status: { before: 'INVESTIGATING', after: 'ESCALATED' },
			pendingApproval: { before: 'REGIONAL_MANAGER', after: null },
		})

		// nothing waits any more, so a new proposal is not refused with APPROVAL_PENDING
		const again = await proposeResolution(deps, world.managerEast.viewer, complaint.id, replacement(2000))
		expect(again.offered).toBe(true)
		expect(await proposalStatus(proposalId)).toBe('SUPERSEDED')
	})

	test('the customer escalates: superseded', async () => {
		const { complaint, proposalId, stepId } = await waiting()
		await escalateComplaint(deps, world.customer.viewer, complaint.id, { reason: '处理太慢。' })
		expect(await proposalStatus(proposalId)).toBe('SUPERSEDED')
		expect(await inManagersList(stepId)).toBe(false)
	})

	test('staff ask the customer for information: superseded', async () => {
		const { complaint, proposalId, stepId } = await waiting()
		await requestInformation(deps, world.agent.viewer, complaint.id, { message: '请补充安装现场照片。' })
		expect(await db().complaint.findUniqueOrThrow({ where: { id: complaint.id } })).toMatchObject({
			status: 'WAITING_ON_CUSTOMER',
		})
		expect(await proposalStatus(proposalId)).toBe('SUPERSEDED')
		expect(await inManagersList(stepId)).toBe(false)
		const asked = (await eventsOf(complaint.id)).at(-1)!
		expect(asked.changes).toMatchObject({ pendingApproval: { before: 'REGIONAL_MANAGER', after: null } })
	})

	test('head office hands an escalated case back for investigation: the proposal still waits', async () => {
		const { complaint, proposalId, stepId } = await waiting({ status: 'ESCALATED' })
		await startInvestigation(deps, world.agent.viewer, complaint.id)
		expect(await db().complaint.findUniqueOrThrow({ where: { id: complaint.id } })).toMatchObject({
			status: 'INVESTIGATING',
		})
		expect(await proposalStatus(proposalId)).toBe('PENDING_APPROVAL')
		expect(await inManagersList(stepId)).toBe(true)
		expect((await eventsOf(complaint.id)).at(-1)!.changes).not.toHaveProperty('pendingApproval')
	})

	test('an offered proposal and other complaints’ proposals are left alone', async () => {
		const other = await waiting()
		const offered = await investigatingComplaint(db(), world)
		const { proposalId } = await proposeResolution(deps, world.managerEast.viewer, offered.id, replacement(1000))
		await withdrawComplaint(deps, world.customer.viewer, offered.id, {})
		expect(await proposalStatus(proposalId)).toBe('OFFERED')
		expect((await eventsOf(offered.id)).at(-1)!.changes).toBeNull()
		expect(await proposalStatus(other.proposalId)).toBe('PENDING_APPROVAL')
		expect(await inManagersList(other.stepId)).toBe(true)
	})
})
