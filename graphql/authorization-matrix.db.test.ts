import { encodeGlobalID } from '@pothos/plugin-relay'
import { GraphQLObjectType } from 'graphql'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { addNote } from '#app/domain/complaints/notes.ts'
import { proposeResolution } from '#app/domain/complaints/proposals.ts'
import { replyToCustomer } from '#app/domain/complaints/staff-actions.ts'
import { createTestDatabase } from '#tests/db.ts'
import {
	createGraphQLWorld,
	credentialsOf,
	postAs,
	ROLES,
	type Answer,
	type Role,
	type World,
} from '#tests/graphql-world.ts'
import { mutationOf, workflowMutationCases, type MutationCase } from '#tests/workflow-mutation-cases.ts'
import { schema } from './schema.ts'

/**
 * Issue 5, "Done when": every query, mutation and subscription of the schema as every role —
 * customer, other customer, dealer, other dealer, regional office, other region, each staff role,
 * anonymous, a revoked token and an expired token — checking exactly what each may see and do.
 *
 * The expectations are tables written out by hand from DESIGN.md §1 (roles) and §2 (who sees
 * what), never computed from the permission code under test, so that a change there shows up
 * here as a failure. A root field without a row here fails the first test: a new field cannot
 * reach the public API without its authorization being stated.
 */

let db: Database
let world: World

beforeAll(async () => {
	db = await createTestDatabase()
	world = await createGraphQLWorld(db)
})
afterAll(async () => {
	await world?.close()
	await db?.close()
})

/** What a refused request shows instead of data: the top-level error code (and 401 for it). */
type Refusal = 'UNAUTHENTICATED'
const REFUSED_TOKENS = { revokedToken: 'UNAUTHENTICATED', expiredToken: 'UNAUTHENTICATED' } as const

/** The top-level error a refused request carries, checked to be a 401; null when it was served. */
function refusal(answer: Answer): Refusal | null {
	const code = answer.errors?.[0]?.extensions?.code
	if (code !== 'UNAUTHENTICATED') return null
	expect(answer.status).toBe(401)
	expect(answer.data ?? null).toBeNull()
	return code
}

/** Asks `query` as every role and returns what `observe` makes of each answer. */
async function asEveryRole(
	query: string,
	variables: () => unknown,
	observe: (answer: Answer, role: Role) => unknown,
): Promise<Record<Role, unknown>> {
	const seen = {} as Record<Role, unknown>
	for (const role of ROLES) {
		const answer = await postAs(world, role, query, variables())
		const refused = refusal(answer)
		if (refused) {
			seen[role] = refused
			continue
		}
		expect(answer.errors, `${role}: ${JSON.stringify(answer.errors)}`).toBeUndefined()
		seen[role] = observe(answer, role)
	}
	return seen
}

/* ---------------------------------------------------------------------------------------------
 * Queries
 * ------------------------------------------------------------------------------------------ */

/** Which of complaints A and B a role sees, by any path: DESIGN.md §2 written out. */
const COMPLAINTS_SEEN: Record<Role, Refusal | Array<'A' | 'B'>> = {
	anonymous: [],
	...REFUSED_TOKENS,
	customer: ['A'],
	otherCustomer: ['B'],
	dealer: ['A'],
	otherDealer: ['B'],
	dealerSession: ['A'],
	office: ['A'],
	otherOffice: ['B'],
	agent: ['A', 'B'],
	quality: ['A', 'B'],
	// a regional manager works in a regional office: narrowed to its region
	manager: ['A'],
	otherManager: ['B'],
	marketing: ['A', 'B'],
	general: ['A', 'B'],
	admin: ['A', 'B'],
}

/** What of complaint A each side reads: messages, timeline, files, proposals and the record's fields. */
const CUSTOMER_VIEW = {
	messages: ['PUBLIC'],
	events: ['PUBLIC', 'PUBLIC'],
	attachments: ['PUBLIC'],
	proposals: ['OFFERED'],
	customerEmail: true,
	slaState: false,
	department: false,
	isKeyAccount: false,
	assignee: false,
}
const PARTNER_VIEW = {
	messages: ['PUBLIC', 'PARTNER'],
	events: ['PUBLIC', 'PUBLIC', 'PARTNER'],
	attachments: ['PUBLIC', 'PARTNER'],
	proposals: ['OFFERED'],
	customerEmail: false,
	slaState: true,
	department: true,
	isKeyAccount: false,
	assignee: false,
}
const STAFF_VIEW = {
	messages: ['PUBLIC', 'PARTNER', 'INTERNAL'],
	// the last: the refund proposed for approval, which nobody outside the company hears of
	events: ['PUBLIC', 'PUBLIC', 'PARTNER', 'INTERNAL', 'INTERNAL'],
	attachments: ['PUBLIC', 'PARTNER', 'INTERNAL'],
	proposals: ['PENDING_APPROVAL', 'OFFERED'],
	customerEmail: true,
	slaState: true,
	department: true,
	isKeyAccount: true,
	assignee: true,
}
const VIEW_OF_A: Record<Role, unknown> = {
	anonymous: null,
	...REFUSED_TOKENS,
	customer: CUSTOMER_VIEW,
	otherCustomer: null,
	dealer: PARTNER_VIEW,
	otherDealer: null,
	dealerSession: PARTNER_VIEW,
	office: PARTNER_VIEW,
	otherOffice: null,
	agent: STAFF_VIEW,
	quality: STAFF_VIEW,
	manager: STAFF_VIEW,
	otherManager: null,
	marketing: STAFF_VIEW,
	general: STAFF_VIEW,
	admin: STAFF_VIEW,
}

const COMPLAINT_FIELDS = /* GraphQL */ `
	fragment Seen on Complaint {
		id
		slaState
		department
		isKeyAccount
		assignee {
			id
		}
		customer {
			email
		}
		messages(first: 20) {
			nodes {
				visibility
			}
		}
		events(first: 20) {
			nodes {
				visibility
			}
		}
		attachments {
			visibility
		}
		proposals {
			status
		}
	}
`

interface SeenComplaint {
	id: string
	slaState: string | null
	department: string | null
	isKeyAccount: boolean | null
	assignee: { id: string } | null
	customer: { email: string | null }
	messages: { nodes: Array<{ visibility: string }> }
	events: { nodes: Array<{ visibility: string }> }
	attachments: Array<{ visibility: string }>
	proposals: Array<{ status: string }>
}

function viewOf(complaint: SeenComplaint) {
	return {
		messages: complaint.messages.nodes.map((m) => m.visibility),
		events: complaint.events.nodes.map((e) => e.visibility),
		attachments: complaint.attachments.map((a) => a.visibility),
		proposals: complaint.proposals.map((p) => p.status),
		customerEmail: complaint.customer.email !== null,
		slaState: complaint.slaState !== null,
		department: complaint.department !== null,
		isKeyAccount: complaint.isKeyAccount !== null,
		assignee: complaint.assignee !== null,
	}
}

const keyOf = (globalId: string) =>
	(Object.entries(world.complaints).find(([, c]) => c.globalId === globalId)?.[0] ?? globalId) as 'A' | 'B'

const NODE_KEYS = [
	'complaintA',
	'complaintB',
	'orderA',
	'orderB',
	'publicMessage',
	'partnerMessage',
	'internalMessage',
	'publicFile',
	'partnerFile',
	'internalFile',
	'customer',
	'agent',
	'dealerMember',
	'dealerOrganization',
	'east',
] as const

/** The node types' fixtures, for node and nodes. */
function nodeFixtures(): Record<(typeof NODE_KEYS)[number], string> {
	return {
		complaintA: world.complaints.A.globalId,
		complaintB: world.complaints.B.globalId,
		orderA: world.complaints.A.order.globalId,
		orderB: world.complaints.B.order.globalId,
		publicMessage: world.messages.PUBLIC.globalId,
		partnerMessage: world.messages.PARTNER.globalId,
		internalMessage: world.messages.INTERNAL.globalId,
		publicFile: world.attachments.PUBLIC.globalId,
		partnerFile: world.attachments.PARTNER.globalId,
		internalFile: world.attachments.INTERNAL.globalId,
		customer: globalUserId('customer'),
		agent: globalUserId('agent'),
		dealerMember: globalUserId('dealer'),
		dealerOrganization: world.organizations.dealer.globalId,
		east: world.regions.east.globalId,
	}
}

const globalUserId = (role: keyof World['people']) => encodeGlobalID('User', world.people[role].id)

const ALL_ORGANIZATION_AND_REGION = ['dealerOrganization', 'east']
const PARTS_OF_A = {
	CUSTOMER: ['publicMessage', 'publicFile'],
	PARTNER: ['publicMessage', 'partnerMessage', 'publicFile', 'partnerFile'],
	STAFF: ['publicMessage', 'partnerMessage', 'internalMessage', 'publicFile', 'partnerFile', 'internalFile'],
}
const STAFF_SEES_A_AND_B = [
	'complaintA',
	'complaintB',
	'orderA',
	'orderB',
	...PARTS_OF_A.STAFF,
	'customer',
	'agent',
	'dealerMember',
	...ALL_ORGANIZATION_AND_REGION,
]
const STAFF_SEES_A = [
	'complaintA',
	'orderA',
	...PARTS_OF_A.STAFF,
	'customer',
	'agent',
	'dealerMember',
	...ALL_ORGANIZATION_AND_REGION,
]
const STAFF_SEES_B = ['complaintB', 'orderB', 'customer', 'agent', 'dealerMember', ...ALL_ORGANIZATION_AND_REGION]

/** Which fixtures node(id:) returns to each role; every other one is null. */
const NODES_SEEN: Record<Role, Refusal | string[]> = {
	anonymous: [],
	...REFUSED_TOKENS,
	customer: ['complaintA', 'orderA', ...PARTS_OF_A.CUSTOMER, 'customer', ...ALL_ORGANIZATION_AND_REGION],
	otherCustomer: ['complaintB', 'orderB', ...ALL_ORGANIZATION_AND_REGION],
	dealer: ['complaintA', 'orderA', ...PARTS_OF_A.PARTNER, 'dealerMember', ...ALL_ORGANIZATION_AND_REGION],
	otherDealer: ['complaintB', 'orderB', ...ALL_ORGANIZATION_AND_REGION],
	dealerSession: ['complaintA', 'orderA', ...PARTS_OF_A.PARTNER, 'dealerMember', ...ALL_ORGANIZATION_AND_REGION],
	office: ['complaintA', 'orderA', ...PARTS_OF_A.PARTNER, ...ALL_ORGANIZATION_AND_REGION],
	otherOffice: ['complaintB', 'orderB', ...ALL_ORGANIZATION_AND_REGION],
	agent: STAFF_SEES_A_AND_B,
	quality: STAFF_SEES_A_AND_B,
	manager: STAFF_SEES_A,
	otherManager: STAFF_SEES_B,
	marketing: STAFF_SEES_A_AND_B,
	general: STAFF_SEES_A_AND_B,
	admin: STAFF_SEES_A_AND_B,
}

interface QueryCase {
	query: string
	variables?: () => unknown
	observe: (answer: Answer, role: Role) => unknown
	expected: () => Record<Role, unknown>
}

const QUERIES: Record<string, QueryCase> = {
	viewer: {
		query: '{ viewer { name } }',
		observe: (answer) => answer.data!.viewer?.name ?? null,
		expected: () => ({
			anonymous: null,
			...REFUSED_TOKENS,
			customer: 'Customer',
			otherCustomer: 'OtherCustomer',
			// a token acts in the name of the member who created it
			dealer: 'Dealer',
			otherDealer: 'OtherDealer',
			dealerSession: 'Dealer',
			office: 'Office',
			otherOffice: 'OtherOffice',
			agent: 'Agent',
			quality: 'Quality',
			manager: 'Manager',
			otherManager: 'OtherManager',
			marketing: 'Marketing',
			general: 'General',
			admin: 'Admin',
		}),
	},
	complaints: {
		query: `query { complaints(first: 10) { totalCount nodes { ...Seen } } } ${COMPLAINT_FIELDS}`,
		observe: (answer) => {
			const { nodes, totalCount } = answer.data!.complaints as { nodes: SeenComplaint[]; totalCount: number }
			const a = nodes.find((c) => c.id === world.complaints.A.globalId)
			expect(totalCount).toBe(nodes.length)
			return { seen: nodes.map((c) => keyOf(c.id)).sort(), a: a ? viewOf(a) : null }
		},
		expected: () =>
			Object.fromEntries(
				ROLES.map((role) => {
					const seen = COMPLAINTS_SEEN[role]
					return [role, typeof seen === 'string' ? seen : { seen, a: VIEW_OF_A[role] }]
				}),
			) as Record<Role, unknown>,
	},
	complaint: {
		query: `query ($a: String!, $b: String!) {
			a: complaint(reference: $a) { ...Seen }
			b: complaint(reference: $b) { id }
		} ${COMPLAINT_FIELDS}`,
		variables: () => ({ a: world.complaints.A.reference, b: world.complaints.B.reference }),
		observe: (answer) => ({
			seen: (['a', 'b'] as const).filter((k) => answer.data![k] !== null).map((k) => k.toUpperCase()),
			a: answer.data!.a ? viewOf(answer.data!.a as SeenComplaint) : null,
		}),
		expected: () => QUERIES.complaints!.expected(),
	},
	node: {
		query: `query (${NODE_KEYS.map((k) => `$${k}: ID!`).join(', ')}) {
			${NODE_KEYS.map((k) => `${k}: node(id: $${k}) { id }`).join(' ')}
		}`,
		variables: () => nodeFixtures(),
		observe: (answer) => NODE_KEYS.filter((k) => answer.data![k] !== null),
		expected: () => NODES_SEEN,
	},
	nodes: {
		query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
		variables: () => ({ ids: NODE_KEYS.map((k) => nodeFixtures()[k]) }),
		observe: (answer) => {
			const nodes = answer.data!.nodes as Array<{ id: string } | null>
			return nodes.flatMap((node, i) => (node ? [NODE_KEYS[i]!] : []))
		},
		expected: () => NODES_SEEN,
	},
	// orders follow the complaints: the customer's, the dealer's who sold it, the region's, staff all
	orders: {
		query: '{ orders(first: 100) { totalCount nodes { id } } }',
		observe: (answer) => {
			const { nodes, totalCount } = answer.data!.orders as { nodes: Array<{ id: string }>; totalCount: number }
			expect(totalCount).toBe(nodes.length)
			const orderKey = (id: string) =>
				Object.entries(world.complaints).find(([, c]) => c.order.globalId === id)?.[0] ?? id
			return nodes.map((o) => orderKey(o.id)).sort()
		},
		expected: () => COMPLAINTS_SEEN,
	},
	// staff: the directory with emails; partners: the customers of their orders, names only (PIPL)
	customers: {
		query: '{ customers(first: 100) { nodes { name email } } }',
		observe: (answer) =>
			(answer.data!.customers.nodes as Array<{ name: string; email: string | null }>).map((c) =>
				c.email ? `${c.name} <email>` : c.name,
			),
		expected: () => {
			const staffAll = ['Customer <email>', 'OtherCustomer <email>']
			return {
				anonymous: [],
				...REFUSED_TOKENS,
				customer: [],
				otherCustomer: [],
				dealer: ['Customer'],
				otherDealer: ['OtherCustomer'],
				dealerSession: ['Customer'],
				office: ['Customer'],
				otherOffice: ['OtherCustomer'],
				agent: staffAll,
				quality: staffAll,
				manager: ['Customer <email>'],
				otherManager: ['OtherCustomer <email>'],
				marketing: staffAll,
				general: staffAll,
				admin: staffAll,
			}
		},
	},
	organizations: {
		query: '{ organizations(first: 100) { nodes { name } } }',
		observe: (answer) => (answer.data!.organizations.nodes as Array<{ name: string }>).map((o) => o.name),
		expected: () => signedInSee(['D-EAST', 'D-WEST', 'HQ', 'RO-EAST', 'RO-WEST']),
	},
	regions: {
		query: '{ regions(first: 100) { nodes { nameEn } } }',
		observe: (answer) => (answer.data!.regions.nodes as Array<{ nameEn: string }>).map((r) => r.nameEn),
		expected: () => signedInSee(['EAST', 'WEST']),
	},
	// complaint A's refund waits for the east's regional manager: only that manager is asked
	approvals: {
		query: '{ approvals(first: 100) { totalCount nodes { id } } }',
		observe: (answer) => answer.data!.approvals.totalCount as number,
		expected: () => ({ ...signedInSee(0, 0), manager: 1 }),
	},
	viewerPermissions: {
		query: '{ viewerPermissions { authenticatedBy readScopes canDecideApprovals } }',
		observe: (answer) => {
			const p = answer.data!.viewerPermissions as {
				authenticatedBy: string
				readScopes: string[]
				canDecideApprovals: boolean
			} | null
			return p && `${p.authenticatedBy} ${p.readScopes.join(',')}${p.canDecideApprovals ? ' decides' : ''}`
		},
		expected: () => ({
			anonymous: null,
			...REFUSED_TOKENS,
			customer: 'SESSION OWN',
			otherCustomer: 'SESSION OWN',
			dealer: 'API_TOKEN DEALER',
			otherDealer: 'API_TOKEN DEALER',
			dealerSession: 'SESSION DEALER',
			office: 'API_TOKEN REGION',
			otherOffice: 'API_TOKEN REGION',
			agent: 'SESSION ANY',
			quality: 'SESSION ANY',
			manager: 'SESSION REGION decides',
			otherManager: 'SESSION REGION decides',
			marketing: 'SESSION ANY decides',
			general: 'SESSION ANY decides',
			admin: 'SESSION ANY',
		}),
	},
	// report figures count what the viewer may read: A for A's side, B for B's, both for head office
	complaintStatistics: {
		query: `query ($from: Date!, $to: Date!) {
			complaintStatistics(from: $from, to: $to) { scope totals { complaints } }
		}`,
		variables: () => RECENT_PERIOD(),
		observe: (answer) => {
			const s = answer.data!.complaintStatistics as { scope: string; totals: { complaints: number } } | null
			return s && `${s.scope} ${s.totals.complaints}`
		},
		expected: () => REPORT_SEEN('1', '2'),
	},
	surveyStatistics: {
		query: `query ($from: Date!, $to: Date!) { surveyStatistics(from: $from, to: $to) { scope totals { answers } } }`,
		variables: () => RECENT_PERIOD(),
		observe: (answer) => {
			const s = answer.data!.surveyStatistics as { scope: string; totals: { answers: number } } | null
			return s && `${s.scope} ${s.totals.answers}`
		},
		expected: () => REPORT_SEEN('0', '0'),
	},
}

/** The last ten days to tomorrow: the world's complaints were filed three days ago. */
const RECENT_PERIOD = () => ({
	from: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
	to: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
})

/** Reports: customers and anonymous callers get none; partners their side (`one`); head office `all`. */
function REPORT_SEEN(one: string, all: string): Record<Role, unknown> {
	return {
		anonymous: null,
		...REFUSED_TOKENS,
		customer: null,
		otherCustomer: null,
		dealer: `DEALER ${one}`,
		otherDealer: `DEALER ${one}`,
		dealerSession: `DEALER ${one}`,
		office: `REGION ${one}`,
		otherOffice: `REGION ${one}`,
		agent: `ALL ${all}`,
		quality: `ALL ${all}`,
		manager: `REGION ${one}`,
		otherManager: `REGION ${one}`,
		marketing: `ALL ${all}`,
		general: `ALL ${all}`,
		admin: `ALL ${all}`,
	}
}

/** What every signed-in role sees alike; anonymous callers see `none` (empty), refused tokens nothing. */
function signedInSee<T>(seen: T, none: unknown = []): Record<Role, unknown> {
	return Object.fromEntries(
		ROLES.map((role) => [
			role,
			role === 'anonymous' ? none : role === 'revokedToken' || role === 'expiredToken' ? 'UNAUTHENTICATED' : seen,
		]),
	) as Record<Role, unknown>
}

/* ---------------------------------------------------------------------------------------------
 * Mutations
 * ------------------------------------------------------------------------------------------ */

type Outcome = 'ok' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'INSUFFICIENT_AUTHORITY' | 'WORKFLOW_RULE'

/** Regional offices answer customers and investigate; moving money and closing is the company's. */
const OFFICE_MAY = [
	'acknowledgeComplaint',
	'startInvestigation',
	'requestInformation',
	'addReply',
	'replyToComplaint',
	'addNote',
	'recordFinding',
]

/** DESIGN.md §1 and §3 written out: who may take each workflow action on the dealer's east complaint. */
function workflowOutcome(mutation: string, role: Role): Outcome {
	switch (role) {
		case 'anonymous':
		case 'revokedToken':
		case 'expiredToken':
			return 'UNAUTHENTICATED'
		// not theirs, not their dealer's, not their region's: indistinguishable from no complaint
		case 'otherCustomer':
		case 'otherDealer':
		case 'otherOffice':
		case 'otherManager':
			return 'NOT_FOUND'
		case 'customer':
			return 'INSUFFICIENT_AUTHORITY'
		// dealers add partner notes; the rest is the company's and the regional office's
		case 'dealer':
		case 'dealerSession':
			return mutation === 'addNote' ? 'ok' : 'INSUFFICIENT_AUTHORITY'
		case 'office':
			return OFFICE_MAY.includes(mutation) ? 'ok' : 'INSUFFICIENT_AUTHORITY'
		default:
			if (mutation !== 'decideApproval') return 'ok'
			// the proposal waits for the regional manager; the higher approvers hold the permission
			// but not this step, and the other staff hold no approval authority
			if (role === 'manager') return 'ok'
			if (role === 'marketing' || role === 'general') return 'WORKFLOW_RULE'
			return 'INSUFFICIENT_AUTHORITY'
	}
}

/** A complaint whose proposal of CNY 1,000 waits for the regional manager (the default rules). */
async function waitingForRegionalManager() {
	const complaint = await world.complaintIn('INVESTIGATING')
	const { offered } = await proposeResolution(
		complaintDeps({ db, config: world.config }),
		world.people.agent.viewer,
		complaint.id,
		{ type: 'REFUND', summary: '退款 1000 元', amountMinor: 100_000, costBearer: 'COMPANY' },
	)
	expect(offered).toBe(false)
	return complaint
}

let workflowCases: MutationCase[] = []
beforeAll(() => {
	workflowCases = workflowMutationCases({
		complaintIn: (status, over) => world.complaintIn(status, over),
		waitingForRegionalManager,
	})
})

/** Runs a workflow mutation as every role: refusals share one complaint, each success gets its own. */
async function workflowAsEveryRole(c: MutationCase) {
	const shared = await c.setUp()
	const before = await db.prisma.complaint.findUniqueOrThrow({ where: { id: shared.id } })
	expect(before.status).toBe(c.from)
	const eventsBefore = await db.prisma.complaintEvent.count({ where: { complaintId: shared.id } })
	const outcomes = {} as Record<Role, string>
	const wanted = {} as Record<Role, string>
	for (const role of ROLES) {
		wanted[role] = workflowOutcome(c.name, role)
		const target = wanted[role] === 'ok' ? await c.setUp() : shared
		const versionBefore = (await db.prisma.complaint.findUniqueOrThrow({ where: { id: target.id } })).version
		const answer = await postAs(world, role, mutationOf(c), { input: { complaintId: target.globalId, ...c.fields() } })
		const refused = refusal(answer)
		if (refused) {
			outcomes[role] = refused
			continue
		}
		expect(answer.errors, `${c.name} as ${role}`).toBeUndefined()
		const payload = answer.data![c.name] as {
			complaint: { id: string; status: string; version: number } | null
			userErrors: Array<{ code: string }>
		}
		if (payload.userErrors.length === 0) {
			outcomes[role] = 'ok'
			expect(payload.complaint?.id).toBe(target.globalId)
			expect(payload.complaint?.status).toBe(c.to ?? c.from)
			expect(payload.complaint?.version).toBeGreaterThan(versionBefore)
		} else {
			outcomes[role] = payload.userErrors.map((e) => e.code).join(',')
			expect(payload.complaint).toBeNull()
		}
	}
	expect(outcomes).toEqual(wanted)
	// nothing of the refusals reached the shared complaint
	const after = await db.prisma.complaint.findUniqueOrThrow({ where: { id: shared.id } })
	expect([after.version, after.status]).toEqual([before.version, before.status])
	expect(await db.prisma.complaintEvent.count({ where: { complaintId: shared.id } })).toBe(eventsBefore)
}

const WORKFLOW_MUTATIONS = [
	'acknowledgeComplaint',
	'assignComplaint',
	'startInvestigation',
	'requestInformation',
	'addReply',
	'replyToComplaint',
	'addNote',
	'recordFinding',
	'determineResponsibility',
	'proposeResolution',
	'decideApproval',
	'resolveComplaint',
	'rejectComplaint',
	'escalateComplaint',
	'closeComplaint',
	'reopenComplaint',
]

/* ---------------------------------------------------------------------------------------------
 * The tests
 * ------------------------------------------------------------------------------------------ */

function rootFields(typeName: 'Query' | 'Mutation' | 'Subscription'): string[] {
	const type = schema.getType(typeName)
	return type instanceof GraphQLObjectType ? Object.keys(type.getFields()).sort() : []
}

test('every root field of the schema has its row in this matrix', () => {
	expect({
		Query: rootFields('Query'),
		Mutation: rootFields('Mutation'),
		Subscription: rootFields('Subscription'),
	}).toEqual({
		Query: Object.keys(QUERIES).sort(),
		Mutation: [...WORKFLOW_MUTATIONS, 'fileComplaint'].sort(),
		Subscription: ['complaintUpdated'],
	})
	expect(workflowCases.map((c) => c.name).sort()).toEqual([...WORKFLOW_MUTATIONS].sort())
})

describe('queries: what each role sees', () => {
	for (const [field, c] of Object.entries(QUERIES)) {
		test(field, async () => {
			const seen = await asEveryRole(c.query, c.variables ?? (() => ({})), c.observe)
			expect(seen).toEqual(c.expected())
		})
	}
})

/**
 * Filing for an end customer (DESIGN.md §1): dealers on orders they sold, staff on any order
 * (their regional office's, for a regional manager) from a phone call; nobody else.
 */
const FILE_COMPLAINT_OUTCOME: Record<Role, Outcome> = {
	anonymous: 'UNAUTHENTICATED',
	...REFUSED_TOKENS,
	customer: 'INSUFFICIENT_AUTHORITY',
	otherCustomer: 'INSUFFICIENT_AUTHORITY',
	dealer: 'ok',
	// another dealer's order is no order at all
	otherDealer: 'NOT_FOUND',
	dealerSession: 'ok',
	office: 'INSUFFICIENT_AUTHORITY',
	otherOffice: 'INSUFFICIENT_AUTHORITY',
	agent: 'ok',
	quality: 'ok',
	manager: 'ok',
	otherManager: 'NOT_FOUND',
	marketing: 'ok',
	general: 'ok',
	admin: 'ok',
}

const FILE_COMPLAINT = /* GraphQL */ `
	mutation File($input: FileComplaintInput!) {
		fileComplaint(input: $input) {
			complaint {
				channel
				order {
					orderNumber
				}
			}
			userErrors {
				code
			}
		}
	}
`

describe('mutations: what each role may do', () => {
	test('fileComplaint', async () => {
		const outcomes = {} as Record<Role, string>
		for (const role of ROLES) {
			// a fresh order each time: a success leaves a complaint behind
			const order = await world.newOrder()
			const staff = world.people[role as keyof World['people']]?.viewer.kind === 'STAFF'
			const answer = await postAs(world, role, FILE_COMPLAINT, {
				input: {
					orderNumber: order.orderNumber,
					category: 'HANDLING_DAMAGE',
					severity: 'MINOR',
					title: '外箱破损',
					description: '代客户登记：收货时外箱破损。',
					requestedRemedy: 'REPAIR',
					...(staff ? { channel: 'PHONE' } : {}),
				},
			})
			const refused = refusal(answer)
			const filed = await db.prisma.complaint.count({ where: { orderId: order.id } })
			if (refused) {
				outcomes[role] = refused
				expect(filed).toBe(0)
				continue
			}
			expect(answer.errors, role).toBeUndefined()
			const payload = answer.data!.fileComplaint as {
				complaint: { channel: string; order: { orderNumber: string } } | null
				userErrors: Array<{ code: string }>
			}
			outcomes[role] = payload.userErrors.map((e) => e.code).join(',') || 'ok'
			if (outcomes[role] === 'ok') {
				expect(payload.complaint).toEqual({
					channel: staff ? 'PHONE' : 'API',
					order: { orderNumber: order.orderNumber },
				})
				expect(filed).toBe(1)
			} else expect([payload.complaint, filed]).toEqual([null, 0])
		}
		expect(outcomes).toEqual(FILE_COMPLAINT_OUTCOME)
	})

	for (const name of WORKFLOW_MUTATIONS) {
		test(name, async () => {
			await workflowAsEveryRole(workflowCases.find((c) => c.name === name)!)
		})
	}
})

/* ---------------------------------------------------------------------------------------------
 * Subscriptions
 * ------------------------------------------------------------------------------------------ */

/**
 * complaintUpdated(id:) for complaints A and B: `none` when the stream ends at once (a complaint
 * the role may not see), else the visibility of the first update after an internal note and then
 * a public reply: INTERNAL for whoever reads internal notes, PUBLIC for everyone else.
 */
const UPDATES_SEEN: Record<Role, unknown> = {
	anonymous: 'UNAUTHENTICATED',
	...REFUSED_TOKENS,
	customer: { A: 'PUBLIC', B: 'none' },
	otherCustomer: { A: 'none', B: 'PUBLIC' },
	dealer: { A: 'PUBLIC', B: 'none' },
	otherDealer: { A: 'none', B: 'PUBLIC' },
	dealerSession: { A: 'PUBLIC', B: 'none' },
	office: { A: 'PUBLIC', B: 'none' },
	otherOffice: { A: 'none', B: 'PUBLIC' },
	agent: { A: 'INTERNAL', B: 'INTERNAL' },
	quality: { A: 'INTERNAL', B: 'INTERNAL' },
	manager: { A: 'INTERNAL', B: 'none' },
	otherManager: { A: 'none', B: 'INTERNAL' },
	marketing: { A: 'INTERNAL', B: 'INTERNAL' },
	general: { A: 'INTERNAL', B: 'INTERNAL' },
	admin: { A: 'INTERNAL', B: 'INTERNAL' },
}

const FOLLOW = 'subscription ($id: ID) { complaintUpdated(id: $id) { event { visibility } } }'

async function until(condition: () => boolean, what: string, ms = 10_000) {
	const deadline = Date.now() + ms
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
		await new Promise((resolve) => setTimeout(resolve, 10))
	}
}

/** Follows one complaint over SSE as `role` and reports what the first update showed. */
async function firstUpdate(role: Role, key: 'A' | 'B'): Promise<string> {
	const complaint = world.complaints[key]
	const response = await world.yoga.fetch('http://portal.test/graphql', {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...credentialsOf(world, role) },
		body: JSON.stringify({ query: FOLLOW, variables: { id: complaint.globalId } }),
	})
	if (response.status === 401) return 'UNAUTHENTICATED'
	expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
	const reader = response.body!.getReader()
	let text = ''
	let ended = false
	const reading = (async () => {
		for (;;) {
			const { done, value } = await reader.read()
			if (done) break
			text += new TextDecoder().decode(value)
		}
		ended = true
	})()
	await until(() => ended || world.complaintUpdates.openSubscriptions() === 1, `${role} subscribed`)
	if (ended) {
		expect(text).not.toContain('event: next')
		return 'none'
	}
	const agent = world.people.agent.viewer
	await addNote(world.deps(), agent, complaint.id, { body: '内部：核对批号。', visibility: 'INTERNAL' })
	await replyToCustomer(world.deps(), agent, complaint.id, { body: '我们正在处理，请耐心等待。' })
	await until(() => text.includes('event: next'), `${role}'s first update`)
	await reader.cancel()
	await reading.catch(() => undefined)
	await until(() => world.complaintUpdates.openSubscriptions() === 0, `${role} unsubscribed`)
	const block = text.split('\n\n').find((b) => b.startsWith('event: next'))!
	const payload = JSON.parse(block.slice(block.indexOf('data: ') + 6)) as {
		data: { complaintUpdated: { event: { visibility: string } } }
	}
	return payload.data.complaintUpdated.event.visibility
}

describe('subscriptions: what each role hears', () => {
	test('complaintUpdated', async () => {
		const heard = {} as Record<Role, unknown>
		for (const role of ROLES) {
			const a = await firstUpdate(role, 'A')
			heard[role] = a === 'UNAUTHENTICATED' ? a : { A: a, B: await firstUpdate(role, 'B') }
		}
		expect(heard).toEqual(UPDATES_SEEN)
	})
})
