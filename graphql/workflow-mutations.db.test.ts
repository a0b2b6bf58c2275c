import { encodeGlobalID } from '@pothos/plugin-relay'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createComplaintUpdates } from '#app/complaints/updates.server.ts'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { parseConfig } from '#app/config.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { createApiToken } from '#app/domain/api-tokens/tokens.ts'
import { proposeResolution } from '#app/domain/complaints/proposals.ts'
import { startInvestigation } from '#app/domain/complaints/staff-actions.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import type {
	ApiTokenScope,
	ComplaintCategory,
	ComplaintStatus,
	Responsibility,
	StaffRole,
} from '#app/generated/prisma/enums.ts'
import { createLogger } from '#app/logger.server.ts'
import { createRateLimits, type RateLimits } from '#app/rate-limit.server.ts'
import { createTestStorage } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createOrder, createRegion, createUser } from '#tests/fixtures.ts'
import { mutationOf, past, workflowMutationCases } from '#tests/workflow-mutation-cases.ts'
import { createGraphQLHandler, type GraphQLHandler } from './yoga.ts'

/**
 * The workflow mutations through the real Yoga handler, signed in with session cookies (and API
 * tokens for scopes): what a success leaves behind, the refusals and their userErrors, scopes.
 * Who may call which mutation at all is the authorization matrix's
 * (graphql/authorization-matrix.db.test.ts).
 */

let db: Database
let limits: RateLimits
let yoga: GraphQLHandler
const config = parseConfig({ NODE_ENV: 'production', APP_URL: 'http://portal.test' })
const DAY = 86_400_000

type Role =
	| 'anonymous'
	| 'customer'
	| 'otherCustomer'
	| 'dealer'
	| 'otherDealer'
	| 'office'
	| 'otherOffice'
	| 'agent'
	| 'quality'
	| 'manager'
	| 'otherManager'
	| 'marketing'
	| 'general'
	| 'admin'
const STAFF_ROLES: Role[] = ['agent', 'quality', 'manager', 'marketing', 'general', 'admin']

const people = {} as Record<Exclude<Role, 'anonymous'>, { id: string; viewer: Viewer; cookie: string }>
let east: { id: string }
let dealerOrg: { id: string }
let officeOrg: { id: string }
let sequence = 0

beforeAll(async () => {
	db = await createTestDatabase()
	limits = createRateLimits()
	yoga = createGraphQLHandler({
		config,
		db,
		logger: createLogger('silent'),
		limits,
		storage: createTestStorage(),
		complaintUpdates: createComplaintUpdates({ logger: createLogger('silent') }),
	})
	const prisma = db.prisma
	east = await createRegion(prisma)
	const west = await createRegion(prisma)
	const org = (kind: 'DEALER' | 'REGIONAL_OFFICE', regionId: string) =>
		prisma.organization.create({
			data: { kind, code: `${kind}-${crypto.randomUUID().slice(0, 8)}`, name: kind, regionId },
		})
	dealerOrg = await org('DEALER', east.id)
	const otherDealerOrg = await org('DEALER', east.id)
	officeOrg = await org('REGIONAL_OFFICE', east.id)
	const westOffice = await org('REGIONAL_OFFICE', west.id)
	const person = async (
		kind: 'CUSTOMER' | 'DEALER' | 'REGIONAL_OFFICE' | 'STAFF',
		options: { staffRole?: StaffRole; organizationId?: string; name?: string } = {},
	) => {
		const { user, viewer } = await createUser(prisma, { kind, ...options })
		const { token } = await createSession(prisma, { id: user.id, kind })
		return { id: user.id, viewer, cookie: `${SESSION_COOKIE}=${token}` }
	}
	people.customer = await person('CUSTOMER')
	people.otherCustomer = await person('CUSTOMER')
	people.dealer = await person('DEALER', { organizationId: dealerOrg.id })
	people.otherDealer = await person('DEALER', { organizationId: otherDealerOrg.id })
	people.office = await person('REGIONAL_OFFICE', { organizationId: officeOrg.id })
	people.otherOffice = await person('REGIONAL_OFFICE', { organizationId: westOffice.id })
	people.agent = await person('STAFF', { staffRole: 'AGENT', name: '客服 刘婷' })
	people.quality = await person('STAFF', { staffRole: 'QUALITY_ENGINEER' })
	people.manager = await person('STAFF', { staffRole: 'REGIONAL_MANAGER', organizationId: officeOrg.id })
	people.otherManager = await person('STAFF', { staffRole: 'REGIONAL_MANAGER', organizationId: westOffice.id })
	people.marketing = await person('STAFF', { staffRole: 'MARKETING_DIRECTOR' })
	people.general = await person('STAFF', { staffRole: 'GENERAL_MANAGER' })
	people.admin = await person('STAFF', { staffRole: 'ADMIN' })
})
afterAll(async () => {
	await limits?.close()
	await db?.close()
})

/**
 * A complaint of `people.customer`, sold by `dealerOrg` in the east region, put straight into
 * `status` with what that status implies (responsibility recorded as not the company's unless
 * said otherwise, closed five days ago when CLOSED).
 */
async function complaintIn(
	status: ComplaintStatus,
	over: { category?: ComplaintCategory; responsibility?: Responsibility | null; closedAt?: Date } = {},
) {
	const prisma = db.prisma
	const now = Date.now()
	const order = await createOrder(prisma, {
		regionId: east.id,
		customerId: people.customer.id,
		customerEmail: `c-${crypto.randomUUID()}@example.com`,
		dealerId: dealerOrg.id,
		lines: 1,
	})
	sequence += 1
	const complaint = await prisma.complaint.create({
		data: {
			reference: `CMP-2026-${String(700_000 + sequence).padStart(6, '0')}`,
			customerId: people.customer.id,
			filedById: people.customer.id,
			orderId: order.id,
			orderLineId: order.lines[0]!.id,
			regionId: east.id,
			dealerId: dealerOrg.id,
			category: over.category ?? 'HANDLING_DAMAGE',
			severity: 'MINOR',
			status,
			title: '外箱破损',
			description: '收货时外箱破损，阀门手柄弯曲。',
			requestedRemedy: 'REPAIR',
			createdAt: new Date(now - 3 * DAY),
			customerUpdatedAt: new Date(now - 3 * DAY),
			firstResponseDueAt: new Date(now - 2 * DAY),
			firstRespondedAt: status === 'SUBMITTED' ? null : new Date(now - 2 * DAY),
			resolutionDueAt: status === 'SUBMITTED' ? null : new Date(now + 2 * DAY),
			slaDueAt: new Date(now + 2 * DAY),
			slaStateChangedAt: new Date(now - DAY),
			responsibility: over.responsibility === undefined ? 'NOT_COMPANY' : over.responsibility,
			responsibilityAt: over.responsibility === null ? null : new Date(now - DAY),
			closedAt: status === 'CLOSED' ? (over.closedAt ?? new Date(now - 5 * DAY)) : null,
			closeReason: status === 'CLOSED' ? 'COMPLETED' : null,
		},
	})
	await prisma.complaintEvent.create({
		data: {
			complaintId: complaint.id,
			actorId: people.customer.id,
			type: 'filed',
			toStatus: 'SUBMITTED',
			version: 1,
			createdAt: new Date(now - 3 * DAY),
		},
	})
	return { id: complaint.id, globalId: encodeGlobalID('Complaint', complaint.id) }
}

interface Answer {
	status: number
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
	data?: Record<string, any> | null
	errors?: Array<{ message: string; extensions?: Record<string, unknown> }>
}

async function post(
	query: string,
	variables: unknown,
	auth: { cookie?: string; bearer?: string } = {},
): Promise<Answer> {
	const response = await yoga.fetch('http://portal.test/graphql', {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(auth.cookie ? { cookie: auth.cookie } : {}),
			...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}),
		},
		body: JSON.stringify({ query, variables }),
	})
	return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) }
}

const asRole = (role: Role) => (role === 'anonymous' ? {} : { cookie: people[role].cookie })

/** A complaint whose proposal of CNY 1,000 waits for the regional manager (the default rules). */
async function waitingForRegionalManager() {
	const complaint = await complaintIn('INVESTIGATING')
	const { offered } = await proposeResolution(complaintDeps({ db, config }), people.agent.viewer, complaint.id, {
		type: 'REFUND',
		summary: '退款 1000 元',
		amountMinor: 100_000,
		costBearer: 'COMPANY',
	})
	expect(offered).toBe(false)
	return complaint
}

const CASES = workflowMutationCases({ complaintIn, waitingForRegionalManager })

describe('what a success leaves behind', () => {
	const run = (
		name: string,
		complaint: { globalId: string },
		fields: Record<string, unknown>,
		role: Role = 'agent',
	) => {
		const c = CASES.find((x) => x.name === name)!
		return post(mutationOf(c), { input: { complaintId: complaint.globalId, ...fields } }, asRole(role))
	}

	test('acknowledging writes the public reply and emails the customer', async () => {
		const complaint = await complaintIn('SUBMITTED')
		const answer = await run('acknowledgeComplaint', complaint, { reply: '已受理。' })
		expect(answer.data?.acknowledgeComplaint.userErrors).toEqual([])
		const messages = await db.prisma.complaintMessage.findMany({ where: { complaintId: complaint.id } })
		expect(messages.map((m) => [m.body, m.visibility])).toEqual([['已受理。', 'PUBLIC']])
		const events = await db.prisma.complaintEvent.findMany({
			where: { complaintId: complaint.id, type: 'acknowledged' },
		})
		expect(events).toHaveLength(1)
		expect(events[0]!.version).toBe(2)
	})

	test('a partner note by the dealer is PARTNER; an internal one by staff is INTERNAL', async () => {
		const complaint = await complaintIn('INVESTIGATING')
		await run('addNote', complaint, { body: '经销商已联系客户。', visibility: 'PARTNER' }, 'dealer')
		await run('addNote', complaint, { body: '内部：承运商索赔。', visibility: 'INTERNAL' }, 'agent')
		const refused = await run('addNote', complaint, { body: '代理内部备注', visibility: 'INTERNAL' }, 'dealer')
		expect(refused.data?.addNote.userErrors).toEqual([expect.objectContaining({ code: 'INSUFFICIENT_AUTHORITY' })])
		const messages = await db.prisma.complaintMessage.findMany({
			where: { complaintId: complaint.id },
			orderBy: { createdAt: 'asc' },
		})
		expect(messages.map((m) => [m.body, m.visibility, m.authorId])).toEqual([
			['经销商已联系客户。', 'PARTNER', people.dealer.id],
			['内部：承运商索赔。', 'INTERNAL', people.agent.id],
		])
	})

	test('routing sets the department and the person, named by global ID', async () => {
		const complaint = await complaintIn('INVESTIGATING')
		const answer = await run('assignComplaint', complaint, {
			department: 'LOGISTICS',
			assigneeId: encodeGlobalID('User', people.quality.id),
		})
		expect(answer.data?.assignComplaint.userErrors).toEqual([])
		const row = await db.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })
		expect([row.department, row.assigneeId]).toEqual(['LOGISTICS', people.quality.id])
		const customer = await run('assignComplaint', complaint, {
			department: 'QUALITY',
			assigneeId: encodeGlobalID('User', people.customer.id),
		})
		expect(customer.data?.assignComplaint.userErrors).toEqual([
			expect.objectContaining({ code: 'INVALID', field: ['input', 'assigneeId'] }),
		])
	})

	test('a finding and a responsibility decision are recorded as findings', async () => {
		const complaint = await complaintIn('INVESTIGATING', { responsibility: null })
		const at = past()
		await run('recordFinding', complaint, {
			kind: 'SAMPLE',
			occurredAt: at,
			summary: '取样送检。',
			sampleReference: 'S-1',
		})
		await run('determineResponsibility', complaint, { responsibility: 'TRANSPORT_DAMAGE', summary: '运输损坏。' })
		const findings = await db.prisma.complaintFinding.findMany({
			where: { complaintId: complaint.id },
			orderBy: { createdAt: 'asc' },
		})
		expect(findings.map((f) => [f.kind, f.summary, f.sampleReference, f.responsibility])).toEqual([
			['SAMPLE', '取样送检。', 'S-1', null],
			['RESPONSIBILITY', '运输损坏。', null, 'TRANSPORT_DAMAGE'],
		])
		expect(findings[0]!.occurredAt.toISOString()).toBe(at)
		const row = await db.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })
		expect(row.responsibility).toBe('TRANSPORT_DAMAGE')
	})

	test('a proposal takes the amount in yuan as a decimal string and stores fen', async () => {
		const complaint = await complaintIn('INVESTIGATING')
		const answer = await run('proposeResolution', complaint, {
			type: 'REFUND',
			summary: '退款',
			amount: '1234.50',
			costBearer: 'CARRIER',
		})
		expect(answer.data?.proposeResolution).toEqual({
			// money needs the regional manager: the proposal waits, the status stays
			complaint: expect.objectContaining({ status: 'INVESTIGATING' }),
			userErrors: [],
		})
		const proposal = await db.prisma.resolutionProposal.findFirstOrThrow({ where: { complaintId: complaint.id } })
		expect([proposal.amountMinor, proposal.status, proposal.costBearer]).toEqual([
			123_450,
			'PENDING_APPROVAL',
			'CARRIER',
		])
		for (const amount of ['12.345', '-5', 'abc'])
			expect(
				(await run('proposeResolution', complaint, { type: 'REFUND', summary: 'x', amount, costBearer: 'COMPANY' }))
					.data?.proposeResolution.userErrors,
			).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'amount'] })])
	})

	test('declining needs a comment; declined, the proposal is dead and the status stays', async () => {
		const complaint = await waitingForRegionalManager()
		const bare = await run('decideApproval', complaint, { decision: 'DECLINED' }, 'manager')
		expect(bare.data?.decideApproval.userErrors).toEqual([
			expect.objectContaining({ code: 'INVALID', field: ['input', 'comment'] }),
		])
		const declined = await run('decideApproval', complaint, { decision: 'DECLINED', comment: '金额过高。' }, 'manager')
		expect(declined.data?.decideApproval.userErrors).toEqual([])
		const proposal = await db.prisma.resolutionProposal.findFirstOrThrow({ where: { complaintId: complaint.id } })
		expect(proposal.status).toBe('DECLINED')
		const again = await run('decideApproval', complaint, { decision: 'APPROVED' }, 'manager')
		expect(again.data?.decideApproval.userErrors).toEqual([
			expect.objectContaining({ code: 'WORKFLOW_RULE', message: expect.stringContaining('NO_PENDING_APPROVAL') }),
		])
	})

	test('rejecting records that the customer was told of their right to go to the authorities', async () => {
		const complaint = await complaintIn('INVESTIGATING')
		await run('rejectComplaint', complaint, { reason: '非我方责任。', toldOfAuthoritiesRight: true })
		const row = await db.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })
		expect(row.status).toBe('REJECTED')
		expect(row.authoritiesRightToldAt).toBeInstanceOf(Date)
	})
})

describe('refusals', () => {
	const ACK = mutationOf({ name: 'acknowledgeComplaint', input: 'AcknowledgeComplaintInput' })
	const CLOSE = mutationOf({ name: 'closeComplaint', input: 'CloseComplaintInput' })
	const NOTE = mutationOf({ name: 'addNote', input: 'AddNoteInput' })
	const REJECT = mutationOf({ name: 'rejectComplaint', input: 'RejectComplaintInput' })
	const PROPOSE = mutationOf({ name: 'proposeResolution', input: 'ProposeResolutionInput' })
	const REOPEN = mutationOf({ name: 'reopenComplaint', input: 'ReopenComplaintInput' })
	const RESPONSIBILITY = mutationOf({ name: 'determineResponsibility', input: 'DetermineResponsibilityInput' })

	test('a stale expectedVersion is a CONFLICT naming what changed meanwhile, and nothing is written', async () => {
		const complaint = await complaintIn('ACKNOWLEDGED')
		await startInvestigation(complaintDeps({ db, config }), people.agent.viewer, complaint.id, { expectedVersion: 1 })
		const stale = await post(
			NOTE,
			{ input: { complaintId: complaint.globalId, expectedVersion: 1, body: '备注', visibility: 'INTERNAL' } },
			asRole('quality'),
		)
		expect(stale.data?.addNote).toEqual({
			complaint: null,
			userErrors: [
				{
					code: 'CONFLICT',
					field: null,
					message: expect.stringMatching(
						/Meanwhile: status_changed by 客服 刘婷 at .*\(ACKNOWLEDGED → INVESTIGATING\)/,
					),
				},
			],
		})
		expect(await db.prisma.complaintMessage.count({ where: { complaintId: complaint.id } })).toBe(0)
		// a partner is told of the conflict, not of who did what inside the company
		const dealer = await post(
			NOTE,
			{ input: { complaintId: complaint.globalId, expectedVersion: 1, body: '备注', visibility: 'PARTNER' } },
			asRole('dealer'),
		)
		expect(dealer.data?.addNote.userErrors).toEqual([
			{ code: 'CONFLICT', field: null, message: 'Someone else changed the record first; read it again and retry.' },
		])
		// the current version is accepted
		const current = await post(
			NOTE,
			{ input: { complaintId: complaint.globalId, expectedVersion: 2, body: '备注', visibility: 'INTERNAL' } },
			asRole('quality'),
		)
		expect(current.data?.addNote).toEqual({
			complaint: { id: complaint.globalId, status: 'INVESTIGATING', version: 3 },
			userErrors: [],
		})
	})

	test('the wrong status is INVALID_TRANSITION', async () => {
		const complaint = await complaintIn('INVESTIGATING')
		const answer = await post(CLOSE, { input: { complaintId: complaint.globalId } }, asRole('agent'))
		expect(answer.data?.closeComplaint).toEqual({
			complaint: null,
			userErrors: [{ code: 'INVALID_TRANSITION', field: null, message: expect.stringContaining('INVESTIGATING') }],
		})
		const acked = await complaintIn('ACKNOWLEDGED')
		const twice = await post(ACK, { input: { complaintId: acked.globalId, reply: '再次受理' } }, asRole('agent'))
		expect(twice.data?.acknowledgeComplaint.userErrors).toEqual([
			expect.objectContaining({ code: 'INVALID_TRANSITION' }),
		])
	})

	test('workflow rules are WORKFLOW_RULE with the rule named', async () => {
		const quality = await complaintIn('INVESTIGATING', { responsibility: 'QUALITY_DEFECT' })
		const reject = await post(REJECT, { input: { complaintId: quality.globalId, reason: '不予处理' } }, asRole('agent'))
		expect(reject.data?.rejectComplaint.userErrors).toEqual([
			{ code: 'WORKFLOW_RULE', field: null, message: expect.stringContaining('NOT_REJECTABLE') },
		])
		const open = await complaintIn('INVESTIGATING', { responsibility: null })
		const propose = await post(
			PROPOSE,
			{ input: { complaintId: open.globalId, type: 'REPAIR', summary: '维修', amount: '0', costBearer: 'COMPANY' } },
			asRole('agent'),
		)
		expect(propose.data?.proposeResolution.userErrors).toEqual([
			expect.objectContaining({ code: 'WORKFLOW_RULE', message: expect.stringContaining('RESPONSIBILITY_REQUIRED') }),
		])
		const long = await complaintIn('CLOSED', { closedAt: new Date(Date.now() - 40 * DAY) })
		const reopen = await post(REOPEN, { input: { complaintId: long.globalId, reason: '复发' } }, asRole('agent'))
		expect(reopen.data?.reopenComplaint.userErrors).toEqual([
			expect.objectContaining({ code: 'WORKFLOW_RULE', message: expect.stringContaining('REOPEN_WINDOW_PASSED') }),
		])
	})

	test('product quality: only quality engineers decide, and without a photo it is the evidence error on files', async () => {
		const complaint = await complaintIn('INVESTIGATING', { category: 'PRODUCT_QUALITY', responsibility: null })
		const input = { complaintId: complaint.globalId, responsibility: 'QUALITY_DEFECT', summary: '阀芯缺陷' }
		const agent = await post(RESPONSIBILITY, { input }, asRole('agent'))
		expect(agent.data?.determineResponsibility.userErrors).toEqual([
			expect.objectContaining({ code: 'WORKFLOW_RULE', message: expect.stringContaining('QUALITY_DECIDES') }),
		])
		const engineer = await post(RESPONSIBILITY, { input }, asRole('quality'))
		expect(engineer.data?.determineResponsibility.userErrors).toEqual([
			{
				code: 'INVALID',
				field: ['input', 'files'],
				message: 'A product-quality finding needs at least one evidence photo.',
			},
		])
		const row = await db.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })
		expect([row.responsibility, row.version]).toEqual([null, 1])
	})

	test('blank text names its field; a malformed global ID is a top-level error', async () => {
		const complaint = await complaintIn('SUBMITTED')
		const blank = await post(ACK, { input: { complaintId: complaint.globalId, reply: '   ' } }, asRole('agent'))
		expect(blank.data?.acknowledgeComplaint.userErrors).toEqual([
			{ code: 'INVALID', field: ['input', 'reply'], message: 'This field is required.' },
		])
		const wrongType = await post(
			ACK,
			{ input: { complaintId: encodeGlobalID('User', people.agent.id), reply: '你好' } },
			asRole('agent'),
		)
		expect(wrongType.errors?.length).toBeGreaterThan(0)
		expect(await db.prisma.complaintEvent.count({ where: { complaintId: complaint.id } })).toBe(1)
	})
})

describe('API tokens', () => {
	const ACK = mutationOf({ name: 'acknowledgeComplaint', input: 'AcknowledgeComplaintInput' })
	const NOTE = mutationOf({ name: 'addNote', input: 'AddNoteInput' })
	const INVESTIGATE = mutationOf({ name: 'startInvestigation', input: 'StartInvestigationInput' })
	const token = async (who: 'dealer' | 'office', scopes: ApiTokenScope[]) =>
		(
			await createApiToken(db.prisma, people[who].viewer, {
				name: `t ${crypto.randomUUID()}`,
				scopes,
				expiresInDays: 30,
			})
		).secret

	test('a dealer token with WRITE_REPLIES adds a partner note, but neither acknowledges nor writes internal notes', async () => {
		const bearer = await token('dealer', ['WRITE_REPLIES'])
		const complaint = await complaintIn('SUBMITTED')
		const note = await post(
			NOTE,
			{ input: { complaintId: complaint.globalId, body: '已转告客户。', visibility: 'PARTNER' } },
			{ bearer },
		)
		expect(note.data?.addNote.userErrors).toEqual([])
		const internal = await post(
			NOTE,
			{ input: { complaintId: complaint.globalId, body: '内部', visibility: 'INTERNAL' } },
			{ bearer },
		)
		expect(internal.data?.addNote.userErrors).toEqual([expect.objectContaining({ code: 'INSUFFICIENT_AUTHORITY' })])
		const ack = await post(ACK, { input: { complaintId: complaint.globalId, reply: '已受理' } }, { bearer })
		expect(ack.data?.acknowledgeComplaint.userErrors).toEqual([
			expect.objectContaining({ code: 'INSUFFICIENT_AUTHORITY' }),
		])
		const row = await db.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })
		expect(row.status).toBe('SUBMITTED')
		expect(await db.prisma.complaintMessage.count({ where: { complaintId: complaint.id } })).toBe(1)
	})

	test('a read-only dealer token writes nothing', async () => {
		const bearer = await token('dealer', ['READ_COMPLAINTS'])
		const complaint = await complaintIn('INVESTIGATING')
		const note = await post(
			NOTE,
			{ input: { complaintId: complaint.globalId, body: '备注', visibility: 'PARTNER' } },
			{ bearer },
		)
		expect(note.data?.addNote.userErrors).toEqual([expect.objectContaining({ code: 'INSUFFICIENT_AUTHORITY' })])
	})

	test('a regional office token: WRITE_REPLIES acknowledges, WRITE_COMPLAINTS moves the workflow', async () => {
		const replies = await token('office', ['WRITE_REPLIES'])
		const complaint = await complaintIn('SUBMITTED')
		const ack = await post(ACK, { input: { complaintId: complaint.globalId, reply: '已受理' } }, { bearer: replies })
		expect(ack.data?.acknowledgeComplaint.userErrors).toEqual([])
		const refused = await post(INVESTIGATE, { input: { complaintId: complaint.globalId } }, { bearer: replies })
		expect(refused.data?.startInvestigation.userErrors).toEqual([
			expect.objectContaining({ code: 'INSUFFICIENT_AUTHORITY' }),
		])
		const writes = await token('office', ['WRITE_COMPLAINTS'])
		const moved = await post(INVESTIGATE, { input: { complaintId: complaint.globalId } }, { bearer: writes })
		expect(moved.data?.startInvestigation).toEqual({
			complaint: { id: complaint.globalId, status: 'INVESTIGATING', version: 3 },
			userErrors: [],
		})
	})

	test('availableActions follows the token’s scopes', async () => {
		const complaint = await complaintIn('ACKNOWLEDGED')
		const query = 'query ($id: ID!) { node(id: $id) { ... on Complaint { availableActions } } }'
		const replies = await post(query, { id: complaint.globalId }, { bearer: await token('office', ['WRITE_REPLIES']) })
		expect(replies.data?.node.availableActions).toEqual(['REPLY', 'NOTE'])
		const writes = await post(
			query,
			{ id: complaint.globalId },
			{ bearer: await token('office', ['WRITE_COMPLAINTS']) },
		)
		expect(writes.data?.node.availableActions).toEqual(['INVESTIGATE', 'REQUEST_INFORMATION', 'RECORD_FINDING'])
	})
})

describe('Complaint.version and Complaint.availableActions', () => {
	const QUERY = 'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Complaint { version availableActions } } }'

	test('each kind of account is offered what the mutations accept', async () => {
		const complaint = await complaintIn('INVESTIGATING')
		const actionsAs = async (role: Role) =>
			(await post(QUERY, { ids: [complaint.globalId] }, asRole(role))).data?.nodes[0] ?? null
		expect(await actionsAs('customer')).toEqual({ version: 1, availableActions: [] })
		expect(await actionsAs('otherCustomer')).toBeNull()
		expect(await actionsAs('dealer')).toEqual({ version: 1, availableActions: ['NOTE'] })
		expect(await actionsAs('office')).toEqual({
			version: 1,
			availableActions: ['REQUEST_INFORMATION', 'RECORD_FINDING', 'REPLY', 'NOTE'],
		})
		for (const role of STAFF_ROLES)
			expect(await actionsAs(role)).toEqual({
				version: 1,
				availableActions: [
					'ROUTE',
					'REQUEST_INFORMATION',
					'RECORD_FINDING',
					'DETERMINE_RESPONSIBILITY',
					'PROPOSE_RESOLUTION',
					'REJECT',
					'ESCALATE',
					'REPLY',
					'NOTE',
				],
			})
	})

	test('a waiting approval is offered to its approver only, for every complaint on the page', async () => {
		const waiting = await waitingForRegionalManager()
		const plain = await complaintIn('INVESTIGATING')
		const answer = await post(QUERY, { ids: [waiting.globalId, plain.globalId] }, asRole('manager'))
		const [first, second] = answer.data?.nodes as Array<{ availableActions: string[] }>
		expect(first!.availableActions).toContain('DECIDE_APPROVAL')
		expect(first!.availableActions).not.toContain('PROPOSE_RESOLUTION')
		expect(second!.availableActions).not.toContain('DECIDE_APPROVAL')
		expect(second!.availableActions).toContain('PROPOSE_RESOLUTION')
		const general = await post(QUERY, { ids: [waiting.globalId] }, asRole('general'))
		expect(general.data?.nodes[0].availableActions).not.toContain('DECIDE_APPROVAL')
	})
})
