import { PGlite } from '@electric-sql/pglite'
import { encodeGlobalID } from '@pothos/plugin-relay'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createSession } from '#app/auth/session.server.ts'
import { createComplaintUpdates } from '#app/complaints/updates.server.ts'
import { parseConfig } from '#app/config.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { createApiToken } from '#app/domain/api-tokens/tokens.ts'
import { normalizeOrderNumber } from '#app/domain/orders/order-number.ts'
import { viewerFromUser } from '#app/domain/viewer.ts'
import type { ApiTokenScope, StaffRole, UserKind } from '#app/generated/prisma/enums.ts'
import { createLogger } from '#app/logger.server.ts'
import { createRateLimits, type RateLimits } from '#app/rate-limit.server.ts'
import { createTestStorage } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createGraphQLHandler, type GraphQLHandler } from './yoga.ts'

/**
 * Issue 5, the read side beyond complaints: the orders, organizations, regions, customers and
 * approvals connections, Order.complaints, Complaint.findings, ResolutionProposal.approvalSteps,
 * ComplaintEvent.changes, viewerPermissions, and `node` on every type, for every kind of viewer,
 * through the real Yoga handler. Ids are asserted, not counts.
 *
 * The world (built once): regions EAST and WEST; dealer A (east) and dealer B (west); the east
 * and west regional offices; headquarters with one staff member per role, and a regional manager
 * who sits in the east office (narrowed to the east). Customers alice (east, dealer A), bob
 * (west, dealer B), and carol, who has no linked order but one recorded under her verified email.
 */

let db: Database
let limits: RateLimits
let yoga: GraphQLHandler

const STAFF_ROLES: StaffRole[] = [
	'AGENT',
	'QUALITY_ENGINEER',
	'REGIONAL_MANAGER',
	'MARKETING_DIRECTOR',
	'GENERAL_MANAGER',
	'ADMIN',
]
const HQ_STAFF = STAFF_ROLES as string[]

interface Person {
	id: string
	kind: UserKind
	email: string
}
const people = new Map<string, Person>()
const ids = {
	region: {} as Record<'EAST' | 'WEST', string>,
	org: {} as Record<'D-A' | 'D-B' | 'RO-E' | 'RO-W' | 'HQ', string>,
	order: {} as Record<'OA1' | 'OA2' | 'OB1' | 'OE', string>,
	orderNumber: {} as Record<'OA1' | 'OA2' | 'OB1' | 'OE', string>,
	line: {} as Record<'OA1' | 'OB1', string>,
	complaint: {} as Record<'CA' | 'CA2' | 'CB', string>,
	reference: {} as Record<'CA' | 'CA2' | 'CB', string>,
	proposal: {} as Record<'P0' | 'P1' | 'P2' | 'P3' | 'P4', string>,
	step: {} as Record<'P0s1' | 'P1s1' | 'P1s2' | 'P2s1' | 'P2s2' | 'P3s1', string>,
	finding: {} as Record<'F1' | 'F2', string>,
	evidence: {} as Record<'F1' | 'F2', string>,
	event: {} as Record<'routed' | 'internal', string>,
}
const gid = (type: string, id: string) => encodeGlobalID(type, id)

let sequence = 0
const nextReference = () => `CMP-2026-${String(++sequence).padStart(6, '0')}`

beforeAll(async () => {
	db = await createTestDatabase()
	limits = createRateLimits()
	yoga = createGraphQLHandler({
		config: parseConfig({ NODE_ENV: 'production', APP_URL: 'http://portal.test' }),
		db,
		logger: createLogger('silent'),
		limits,
		storage: createTestStorage(),
		complaintUpdates: createComplaintUpdates({ logger: createLogger('silent') }),
	})
	const prisma = db.prisma
	for (const [code, nameZh, nameEn] of [
		['EAST', '华东', 'East'],
		['WEST', '华西', 'West'],
	] as const) {
		ids.region[code] = (await prisma.region.create({ data: { code, nameZh, nameEn } })).id
	}
	const org = async (
		code: keyof typeof ids.org,
		kind: 'DEALER' | 'REGIONAL_OFFICE' | 'HQ',
		region: 'EAST' | 'WEST' | null,
	) => {
		ids.org[code] = (
			await prisma.organization.create({
				data: { code, kind, name: `${code} name`, regionId: region ? ids.region[region] : null },
			})
		).id
	}
	await org('D-A', 'DEALER', 'EAST')
	await org('D-B', 'DEALER', 'WEST')
	await org('RO-E', 'REGIONAL_OFFICE', 'EAST')
	await org('RO-W', 'REGIONAL_OFFICE', 'WEST')
	await org('HQ', 'HQ', null)
	const make = async (key: string, data: { kind: UserKind; organizationId?: string; staffRole?: StaffRole }) => {
		const email = `${key.toLowerCase()}@example.com`
		const user = await prisma.user.create({
			data: { email, name: key, passwordHash: 'not-a-hash', emailVerifiedAt: new Date(), ...data },
			select: { id: true, kind: true },
		})
		people.set(key, { ...user, email })
	}
	await make('alice', { kind: 'CUSTOMER' })
	await make('bob', { kind: 'CUSTOMER' })
	await make('carol', { kind: 'CUSTOMER' })
	await make('dan', { kind: 'DEALER', organizationId: ids.org['D-A'] })
	await make('dave', { kind: 'DEALER', organizationId: ids.org['D-B'] })
	await make('rita', { kind: 'REGIONAL_OFFICE', organizationId: ids.org['RO-E'] })
	await make('walt', { kind: 'REGIONAL_OFFICE', organizationId: ids.org['RO-W'] })
	for (const role of STAFF_ROLES) await make(role, { kind: 'STAFF', staffRole: role, organizationId: ids.org.HQ })
	await make('eastManager', { kind: 'STAFF', staffRole: 'REGIONAL_MANAGER', organizationId: ids.org['RO-E'] })
	await prisma.user.update({ where: { id: person('alice').id }, data: { isKeyAccount: true } })

	const order = async (
		key: keyof typeof ids.order,
		data: { customer: string | null; email: string; dealer: 'D-A' | 'D-B' | null; region: 'EAST' | 'WEST' },
		dates: { orderedAt: string; shippedAt?: string; deliveredAt?: string },
	) => {
		const orderNumber = `SO-2026-${key}`
		const row = await prisma.order.create({
			data: {
				orderNumber,
				orderNumberKey: normalizeOrderNumber(orderNumber),
				customerId: data.customer ? person(data.customer).id : null,
				customerEmail: data.email,
				dealerId: data.dealer ? ids.org[data.dealer] : null,
				regionId: ids.region[data.region],
				orderedAt: new Date(dates.orderedAt),
				shippedAt: dates.shippedAt ? new Date(dates.shippedAt) : null,
				deliveredAt: dates.deliveredAt ? new Date(dates.deliveredAt) : null,
				lines: {
					create: [{ lineNumber: 1, productModel: 'ISG65', productName: '泵', batchNumber: 'B1', quantity: 1 }],
				},
			},
			include: { lines: true },
		})
		ids.order[key] = row.id
		ids.orderNumber[key] = orderNumber
		return row
	}
	const oa1 = await order(
		'OA1',
		{ customer: 'alice', email: 'alice@example.com', dealer: 'D-A', region: 'EAST' },
		{ orderedAt: '2026-10-01T00:00:00Z', shippedAt: '2026-10-02T00:00:00Z', deliveredAt: '2026-10-05T00:00:00Z' },
	)
	ids.line.OA1 = oa1.lines[0]!.id
	await order(
		'OA2',
		{ customer: 'alice', email: 'alice@example.com', dealer: 'D-A', region: 'EAST' },
		{ orderedAt: '2026-09-01T00:00:00Z', shippedAt: '2026-09-03T00:00:00Z' },
	)
	const ob1 = await order(
		'OB1',
		{ customer: 'bob', email: 'bob@example.com', dealer: 'D-B', region: 'WEST' },
		{ orderedAt: '2026-10-02T00:00:00Z', deliveredAt: '2026-10-06T00:00:00Z' },
	)
	ids.line.OB1 = ob1.lines[0]!.id
	// recorded by the ERP under carol's email, not linked to her account yet; a direct sale
	await order(
		'OE',
		{ customer: null, email: 'carol@example.com', dealer: null, region: 'EAST' },
		{ orderedAt: '2026-08-01T00:00:00Z' },
	)

	const complaint = async (
		key: keyof typeof ids.complaint,
		customer: string,
		orderKey: 'OA1' | 'OB1',
		createdAt: string,
	) => {
		const east = orderKey === 'OA1'
		const row = await prisma.complaint.create({
			data: {
				reference: nextReference(),
				customerId: person(customer).id,
				filedById: person(customer).id,
				orderId: ids.order[orderKey],
				regionId: ids.region[east ? 'EAST' : 'WEST'],
				dealerId: ids.org[east ? 'D-A' : 'D-B'],
				category: 'PRODUCT_QUALITY',
				severity: 'MAJOR',
				status: 'INVESTIGATING',
				title: `complaint ${key}`,
				description: 'the pump leaks',
				requestedRemedy: 'REPLACEMENT',
				createdAt: new Date(createdAt),
			},
		})
		ids.complaint[key] = row.id
		ids.reference[key] = row.reference
	}
	await complaint('CA', 'alice', 'OA1', '2026-10-10T00:00:00Z')
	await complaint('CA2', 'alice', 'OA1', '2026-10-11T00:00:00Z')
	await complaint('CB', 'bob', 'OB1', '2026-10-12T00:00:00Z')
	await prisma.complaint.update({ where: { id: ids.complaint.CA2 }, data: { status: 'SUBMITTED' } })

	// proposals and their approval steps
	const proposal = async (
		key: keyof typeof ids.proposal,
		complaintKey: 'CA' | 'CB',
		status: 'PENDING_APPROVAL' | 'SUPERSEDED' | 'DECLINED' | 'OFFERED',
		createdAt: string,
		steps: Array<{
			key: keyof typeof ids.step
			role: StaffRole
			decision: 'PENDING' | 'APPROVED' | 'DECLINED'
			by?: string
		}>,
	) => {
		const row = await prisma.resolutionProposal.create({
			data: {
				complaintId: ids.complaint[complaintKey],
				proposedById: person('AGENT').id,
				type: 'REPLACEMENT',
				summary: `proposal ${key}`,
				costBearer: 'COMPANY',
				amountMinor: 500_000,
				status,
				createdAt: new Date(createdAt),
			},
		})
		ids.proposal[key] = row.id
		let n = 0
		for (const step of steps) {
			const created = await prisma.approvalStep.create({
				data: {
					proposalId: row.id,
					sequence: ++n,
					approverRole: step.role,
					reasonZh: '金额超过权限',
					reasonEn: `${step.key}: amount above authority`,
					decision: step.decision,
					decidedById: step.by ? person(step.by).id : null,
					decidedAt: step.by ? new Date(createdAt) : null,
					comment: step.decision === 'DECLINED' ? 'too generous' : null,
				},
			})
			ids.step[step.key] = created.id
		}
	}
	await proposal('P0', 'CA', 'SUPERSEDED', '2026-10-13T00:00:00Z', [
		{ key: 'P0s1', role: 'REGIONAL_MANAGER', decision: 'PENDING' },
	])
	await proposal('P1', 'CA', 'PENDING_APPROVAL', '2026-10-14T00:00:00Z', [
		{ key: 'P1s1', role: 'REGIONAL_MANAGER', decision: 'PENDING' },
		{ key: 'P1s2', role: 'GENERAL_MANAGER', decision: 'PENDING' },
	])
	await proposal('P2', 'CB', 'PENDING_APPROVAL', '2026-10-15T00:00:00Z', [
		{ key: 'P2s1', role: 'REGIONAL_MANAGER', decision: 'APPROVED', by: 'REGIONAL_MANAGER' },
		{ key: 'P2s2', role: 'MARKETING_DIRECTOR', decision: 'PENDING' },
	])
	await proposal('P3', 'CB', 'DECLINED', '2026-10-11T00:00:00Z', [
		{ key: 'P3s1', role: 'GENERAL_MANAGER', decision: 'DECLINED', by: 'GENERAL_MANAGER' },
	])
	await proposal('P4', 'CA', 'OFFERED', '2026-10-09T00:00:00Z', [])

	// findings on CA: the east office's visit (recorded for partners), quality's decision (internal)
	const finding = async (
		key: 'F1' | 'F2',
		author: string,
		kind: 'ON_SITE_VISIT' | 'RESPONSIBILITY',
		visibility: 'PARTNER' | 'INTERNAL',
	) => {
		const row = await prisma.complaintFinding.create({
			data: {
				complaintId: ids.complaint.CA,
				authorId: person(author).id,
				kind,
				occurredAt: new Date(key === 'F1' ? '2026-10-11T00:00:00Z' : '2026-10-12T00:00:00Z'),
				summary: `finding ${key}`,
				responsibility: kind === 'RESPONSIBILITY' ? 'QUALITY_DEFECT' : null,
			},
		})
		ids.finding[key] = row.id
		await prisma.complaintEvent.create({
			data: {
				complaintId: ids.complaint.CA,
				actorId: person(author).id,
				type: kind === 'RESPONSIBILITY' ? 'responsibility_determined' : 'finding_recorded',
				visibility,
				data: { findingId: row.id },
			},
		})
		ids.evidence[key] = (
			await prisma.attachment.create({
				data: {
					complaintId: ids.complaint.CA,
					findingId: row.id,
					uploadedById: person(author).id,
					visibility,
					kind: 'IMAGE',
					originalName: `${key}.jpg`,
					contentType: 'image/jpeg',
					byteSize: 100,
					sha256: 'z'.repeat(64),
					storageKey: `attachments/2026/10/${key}-${row.id}`,
				},
			})
		).id
	}
	await finding('F1', 'rita', 'ON_SITE_VISIT', 'PARTNER')
	await finding('F2', 'QUALITY_ENGINEER', 'RESPONSIBILITY', 'INTERNAL')

	// the audit record of a routing on CA, and an internal event
	ids.event.routed = (
		await prisma.complaintEvent.create({
			data: {
				complaintId: ids.complaint.CA,
				actorId: person('AGENT').id,
				type: 'status_changed',
				visibility: 'PUBLIC',
				fromStatus: 'ACKNOWLEDGED',
				toStatus: 'INVESTIGATING',
				version: 3,
				changes: {
					status: { before: 'ACKNOWLEDGED', after: 'INVESTIGATING' },
					assigneeId: { before: null, after: person('AGENT').id },
				},
				data: { assigneeName: 'AGENT' },
			},
		})
	).id
	ids.event.internal = (
		await prisma.complaintEvent.create({
			data: {
				complaintId: ids.complaint.CA,
				actorId: person('AGENT').id,
				type: 'note',
				visibility: 'INTERNAL',
				version: 4,
			},
		})
	).id
})

afterAll(async () => {
	await limits?.close()
	await db?.close()
})

function person(key: string): Person {
	const found = people.get(key)
	if (!found) throw new Error(`no person ${key}`)
	return found
}

interface GraphQLBody {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field below
	data?: Record<string, any> | null
	errors?: Array<{ message: string; extensions?: Record<string, unknown> }>
}

const cookies = new Map<string, string>()
async function post(who: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLBody> {
	const headers: Record<string, string> = { 'content-type': 'application/json' }
	if (who?.startsWith('Bearer ')) headers.authorization = who
	else if (who) {
		if (!cookies.has(who)) cookies.set(who, (await createSession(db.prisma, person(who))).token)
		headers.cookie = `session=${cookies.get(who)}`
	}
	const response = await yoga.fetch('http://portal.test/graphql', {
		method: 'POST',
		headers,
		body: JSON.stringify({ query, variables }),
	})
	const { data, errors } = (await response.json()) as GraphQLBody
	return errors ? { data, errors } : { data }
}

type Answer = NonNullable<GraphQLBody['data']>

/** The data of an answer that must have no errors. */
async function read(who: string | null, query: string, variables: Record<string, unknown> = {}) {
	const body = await post(who, query, variables)
	expect(body.errors, JSON.stringify(body.errors)).toBeUndefined()
	return body.data!
}

async function tokenOf(who: string, scopes: ApiTokenScope[]): Promise<string> {
	const user = await db.prisma.user.findUniqueOrThrow({
		where: { id: person(who).id },
		include: { organization: true },
	})
	const { secret } = await createApiToken(db.prisma, viewerFromUser(user), {
		name: `token ${crypto.randomUUID()}`,
		scopes,
		expiresInDays: 30,
	})
	return `Bearer ${secret}`
}

const nodeIds = (connection: { nodes: Array<{ id: string }> }) => connection.nodes.map((n) => n.id)
const sorted = (list: string[]) => [...list].sort()

const SIGNED_IN = ['alice', 'bob', 'carol', 'dan', 'dave', 'rita', 'walt', 'eastManager', ...HQ_STAFF]

/* ==================================================================== orders */

describe('orders', () => {
	const SEES: Record<string, Array<keyof typeof ids.order>> = {
		alice: ['OA1', 'OA2'],
		bob: ['OB1'],
		// recorded under her verified email, as the portal's order picker shows it
		carol: ['OE'],
		dan: ['OA1', 'OA2'],
		dave: ['OB1'],
		rita: ['OA1', 'OA2', 'OE'],
		walt: ['OB1'],
		eastManager: ['OA1', 'OA2', 'OE'],
		...Object.fromEntries(HQ_STAFF.map((role) => [role, ['OA1', 'OA2', 'OB1', 'OE']])),
	}

	test.each(SIGNED_IN)('%s: the list, totalCount, node and nodes agree', async (who) => {
		const expected = SEES[who]!.map((key) => gid('Order', ids.order[key]))
		const data = await read(who, '{ orders(first: 100) { totalCount nodes { id } } }')
		expect(sorted(nodeIds(data.orders))).toEqual(sorted(expected))
		expect(data.orders.totalCount).toBe(expected.length)
		const all = (['OA1', 'OA2', 'OB1', 'OE'] as const).map((key) => gid('Order', ids.order[key]))
		const nodes = await read(who, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: all })
		expect(nodes.nodes).toEqual(all.map((id) => (expected.includes(id) ? { id } : null)))
	})

	test('anonymous: an empty list and null nodes', async () => {
		expect(await read(null, '{ orders(first: 10) { totalCount nodes { id } } }')).toEqual({
			orders: { totalCount: 0, nodes: [] },
		})
		expect(await read(null, 'query ($id: ID!) { node(id: $id) { id } }', { id: gid('Order', ids.order.OA1) })).toEqual({
			node: null,
		})
	})

	test('newest first by default; fields, lines, customer (name only for partners), dealer and region', async () => {
		const query = `{ orders(first: 10) { nodes { orderNumber orderedAt fulfillment lines { id batchNumber }
			customer { id name email } dealer { code } region { code } } } }`
		const partner = (await read('dan', query)).orders.nodes
		expect(partner).toEqual([
			{
				orderNumber: 'SO-2026-OA1',
				orderedAt: '2026-10-01T00:00:00.000Z',
				fulfillment: 'DELIVERED',
				lines: [{ id: gid('OrderLine', ids.line.OA1), batchNumber: 'B1' }],
				customer: { id: gid('Customer', person('alice').id), name: 'alice', email: null },
				dealer: { code: 'D-A' },
				region: { code: 'EAST' },
			},
			expect.objectContaining({ orderNumber: 'SO-2026-OA2', fulfillment: 'SHIPPED' }),
		])
		const staff = (await read('AGENT', query)).orders.nodes
		expect(staff.map((o: { orderNumber: string }) => o.orderNumber)).toEqual([
			'SO-2026-OB1',
			'SO-2026-OA1',
			'SO-2026-OA2',
			'SO-2026-OE',
		])
		expect(staff[1].customer.email).toBe('alice@example.com')
		// not linked to an account yet: no customer, a direct sale
		expect(staff[3]).toMatchObject({ customer: null, dealer: null, fulfillment: 'ORDERED' })
		expect((await read('carol', query)).orders.nodes).toEqual([
			expect.objectContaining({ orderNumber: 'SO-2026-OE', customer: null }),
		])
	})

	test('filters', async () => {
		const query = 'query ($f: OrderFilter) { orders(first: 100, filter: $f) { nodes { orderNumber } } }'
		const numbers = async (who: string, f: Record<string, unknown>) =>
			(await read(who, query, { f })).orders.nodes.map((o: { orderNumber: string }) => o.orderNumber)
		// however it is typed; someone else's number finds nothing
		expect(await numbers('alice', { orderNumber: ' so-2026-oa2 ' })).toEqual(['SO-2026-OA2'])
		expect(await numbers('alice', { orderNumber: 'SO-2026-OB1' })).toEqual([])
		expect(await numbers('AGENT', { customerId: gid('Customer', person('alice').id) })).toEqual([
			'SO-2026-OA1',
			'SO-2026-OA2',
		])
		expect(await numbers('dan', { customerId: gid('Customer', person('bob').id) })).toEqual([])
		expect(await numbers('AGENT', { regionId: gid('Region', ids.region.WEST) })).toEqual(['SO-2026-OB1'])
		expect(await numbers('AGENT', { dealerId: gid('Organization', ids.org['D-A']) })).toEqual([
			'SO-2026-OA1',
			'SO-2026-OA2',
		])
		expect(await numbers('AGENT', { fulfillment: 'ORDERED' })).toEqual(['SO-2026-OE'])
		expect(await numbers('AGENT', { fulfillment: 'SHIPPED' })).toEqual(['SO-2026-OA2'])
		expect(await numbers('AGENT', { fulfillment: 'DELIVERED' })).toEqual(['SO-2026-OB1', 'SO-2026-OA1'])
		expect(await numbers('AGENT', { orderedAt: { from: '2026-09-01T00:00:00Z', to: '2026-10-02T00:00:00Z' } })).toEqual(
			['SO-2026-OA1', 'SO-2026-OA2'],
		)
		expect(await numbers('AGENT', { deliveredAt: { from: '2026-10-06T00:00:00Z' } })).toEqual(['SO-2026-OB1'])
		expect(await numbers('AGENT', { hasComplaints: true })).toEqual(['SO-2026-OB1', 'SO-2026-OA1'])
		expect(await numbers('rita', { hasComplaints: false })).toEqual(['SO-2026-OA2', 'SO-2026-OE'])
		// a global ID of the wrong type is refused, not read as an empty list
		const wrong = await post('AGENT', query, { f: { regionId: gid('Organization', ids.org['D-A']) } })
		expect(wrong.data?.orders ?? null).toBeNull()
		expect(wrong.errors?.[0]?.message).toMatch(/is not of type: Region/)
	})

	test('paging forwards and backwards by order number, with cursors, and the page cap', async () => {
		const query = `query ($first: Int, $last: Int, $after: String, $before: String) {
			orders(first: $first, last: $last, after: $after, before: $before, orderBy: { field: ORDER_NUMBER, direction: ASC }) {
				edges { cursor node { orderNumber } }
				pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
			}
		}`
		const numbers = (data: Answer) =>
			data.orders.edges.map((e: { node: { orderNumber: string } }) => e.node.orderNumber)
		const first = await read('AGENT', query, { first: 2 })
		expect(numbers(first)).toEqual(['SO-2026-OA1', 'SO-2026-OA2'])
		expect(first.orders.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false })
		const second = await read('AGENT', query, { first: 2, after: first.orders.pageInfo.endCursor })
		expect(numbers(second)).toEqual(['SO-2026-OB1', 'SO-2026-OE'])
		expect(second.orders.pageInfo.hasNextPage).toBe(false)
		const back = await read('AGENT', query, { last: 3, before: second.orders.pageInfo.endCursor })
		expect(numbers(back)).toEqual(['SO-2026-OA1', 'SO-2026-OA2', 'SO-2026-OB1'])
		expect(back.orders.pageInfo.hasPreviousPage).toBe(false)
		const tail = await read('AGENT', query, { last: 1 })
		expect(numbers(tail)).toEqual(['SO-2026-OE'])

		const over = await post('AGENT', '{ orders(first: 101) { nodes { id } } }')
		expect(over.data?.orders ?? null).toBeNull()
		expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'PAGE_SIZE_OUT_OF_RANGE', max: 100 })
		// a cursor is valid only with the order it came from, and a forged one is bad input
		const foreign = await post('AGENT', 'query ($a: String) { orders(first: 2, after: $a) { nodes { id } } }', {
			a: first.orders.pageInfo.endCursor,
		})
		expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
		const forged = await post('AGENT', 'query ($a: String) { orders(first: 2, after: $a) { nodes { id } } }', {
			a: 'xyz',
		})
		expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
	})

	test('a dealer token reads its orders with READ_COMPLAINTS, and none without', async () => {
		const reading = await tokenOf('dan', ['READ_COMPLAINTS'])
		expect(sorted(nodeIds((await read(reading, '{ orders(first: 10) { nodes { id } } }')).orders))).toEqual(
			sorted([gid('Order', ids.order.OA1), gid('Order', ids.order.OA2)]),
		)
		const hooksOnly = await tokenOf('dan', ['WEBHOOKS'])
		expect(
			(await read(hooksOnly, '{ orders(first: 10) { nodes { id } } customers(first: 10) { nodes { id } } }')).orders
				.nodes,
		).toEqual([])
		expect(
			(await read(hooksOnly, 'query ($id: ID!) { node(id: $id) { id } }', { id: gid('Order', ids.order.OA1) })).node,
		).toBeNull()
	})
})

/* =========================================================== Order.complaints */

describe('Order.complaints', () => {
	const QUERY = `query ($id: ID!) { node(id: $id) { ... on Order { complaints(first: 10) { totalCount nodes { reference } } } } }`

	test.each(SIGNED_IN)('%s sees the complaints about OA1 and OB1 it may read', async (who) => {
		const reads = (key: 'CA' | 'CA2' | 'CB') => {
			if (HQ_STAFF.includes(who)) return true
			if (key === 'CB') return ['bob', 'dave', 'walt'].includes(who)
			return ['alice', 'dan', 'rita', 'eastManager'].includes(who)
		}
		for (const [orderKey, keys] of [
			['OA1', ['CA2', 'CA']],
			['OB1', ['CB']],
		] as const) {
			const data = await read(who, QUERY, { id: gid('Order', ids.order[orderKey]) })
			const expected = keys.filter(reads).map((key) => ({ reference: ids.reference[key] }))
			if (expected.length === 0) {
				// an order whose complaints the viewer may not read is not the viewer's either
				expect(data.node).toBeNull()
				continue
			}
			expect(data.node.complaints).toEqual({ totalCount: expected.length, nodes: expected })
		}
	})

	test('paging, ordering and filters within an order', async () => {
		const query = `query ($id: ID!, $after: String, $f: ComplaintFilter) { node(id: $id) { ... on Order {
			complaints(first: 1, after: $after, filter: $f, orderBy: { field: CREATED_AT, direction: ASC }) {
				totalCount nodes { reference } pageInfo { hasNextPage endCursor }
			} } } }`
		const id = gid('Order', ids.order.OA1)
		const first = (await read('alice', query, { id })).node.complaints
		expect(first).toMatchObject({
			totalCount: 2,
			nodes: [{ reference: ids.reference.CA }],
			pageInfo: { hasNextPage: true },
		})
		const second = (await read('alice', query, { id, after: first.pageInfo.endCursor })).node.complaints
		expect(second).toMatchObject({ nodes: [{ reference: ids.reference.CA2 }], pageInfo: { hasNextPage: false } })
		const submitted = (await read('AGENT', query, { id, f: { status: 'SUBMITTED' } })).node.complaints
		expect(submitted).toMatchObject({ totalCount: 1, nodes: [{ reference: ids.reference.CA2 }] })
		const capped = await post(
			'AGENT',
			'query ($id: ID!) { node(id: $id) { ... on Order { complaints(first: 101) { nodes { id } } } } }',
			{ id },
		)
		expect(capped.errors?.[0]?.extensions?.code).toBe('PAGE_SIZE_OUT_OF_RANGE')
		// customers may not order by the service-level clock here either
		const sla = await post(
			'alice',
			'query ($id: ID!) { node(id: $id) { ... on Order { complaints(first: 1, orderBy: { field: SLA_DUE_AT, direction: ASC }) { nodes { id } } } } }',
			{ id },
		)
		expect(sla.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
	})
})

/* ================================================================= customers */

describe('customers', () => {
	const SEES: Record<string, string[]> = {
		alice: [],
		bob: [],
		carol: [],
		dan: ['alice'],
		dave: ['bob'],
		// carol's order is not linked to her account, so she is nobody's customer yet
		rita: ['alice'],
		walt: ['bob'],
		eastManager: ['alice'],
		...Object.fromEntries(HQ_STAFF.map((role) => [role, ['alice', 'bob', 'carol']])),
	}

	test.each(SIGNED_IN)('%s: the directory, with email addresses for staff only', async (who) => {
		const data = await read(who, '{ customers(first: 100) { totalCount nodes { id name email } } }')
		const staff = person(who).kind === 'STAFF'
		expect(data.customers.nodes).toEqual(
			SEES[who]!.map((name) => ({
				id: gid('Customer', person(name).id),
				name,
				email: staff ? `${name}@example.com` : null,
			})),
		)
		expect(data.customers.totalCount).toBe(SEES[who]!.length)
	})

	test.each(SIGNED_IN)('%s: node(Customer) is what the viewer may see, themself included', async (who) => {
		for (const name of ['alice', 'bob', 'carol']) {
			const data = await read(
				who,
				'query ($id: ID!) { node(id: $id) { ... on Customer { name email isKeyAccount } } }',
				{
					id: gid('Customer', person(name).id),
				},
			)
			const visible = SEES[who]!.includes(name) || who === name
			const staff = person(who).kind === 'STAFF'
			expect(data.node, `${who} → ${name}`).toEqual(
				visible
					? {
							name,
							email: staff || who === name ? `${name}@example.com` : null,
							isKeyAccount: staff ? name === 'alice' : null,
						}
					: null,
			)
		}
	})

	test('anonymous: nobody', async () => {
		expect(await read(null, '{ customers(first: 10) { totalCount nodes { id } } }')).toEqual({
			customers: { totalCount: 0, nodes: [] },
		})
		expect(
			(await read(null, 'query ($id: ID!) { node(id: $id) { id } }', { id: gid('Customer', person('alice').id) })).node,
		).toBeNull()
	})

	test('search by name for everyone, by email for staff only; key accounts for staff only', async () => {
		const query = 'query ($f: CustomerFilter) { customers(first: 10, filter: $f) { nodes { name } } }'
		const names = async (who: string, f: Record<string, unknown>) =>
			(await read(who, query, { f })).customers.nodes.map((c: { name: string }) => c.name)
		expect(await names('AGENT', { search: 'CAROL@EXAMPLE' })).toEqual(['carol'])
		expect(await names('AGENT', { search: 'ali' })).toEqual(['alice'])
		expect(await names('dan', { search: 'ali' })).toEqual(['alice'])
		// an address is found only by those who may read it
		expect(await names('dan', { search: 'alice@example.com' })).toEqual([])
		expect(await names('AGENT', { isKeyAccount: true })).toEqual(['alice'])
		const partnerFlag = await post('dan', query, { f: { isKeyAccount: true } })
		expect(partnerFlag.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
		const tooLong = await post('AGENT', query, { f: { search: 'x'.repeat(101) } })
		expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
	})

	test('paging by name both ways, and CREATED_AT ordering for staff only', async () => {
		const query = `query ($first: Int, $last: Int, $after: String, $before: String) {
			customers(first: $first, last: $last, after: $after, before: $before) {
				nodes { name } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`
		const names = (data: Answer) => data.customers.nodes.map((c: { name: string }) => c.name)
		const first = await read('AGENT', query, { first: 2 })
		expect(names(first)).toEqual(['alice', 'bob'])
		const next = await read('AGENT', query, { first: 2, after: first.customers.pageInfo.endCursor })
		expect(names(next)).toEqual(['carol'])
		expect(next.customers.pageInfo.hasNextPage).toBe(false)
		const back = await read('AGENT', query, { last: 1, before: next.customers.pageInfo.startCursor })
		expect(names(back)).toEqual(['bob'])
		expect(back.customers.pageInfo.hasPreviousPage).toBe(true)
		const byAge = await post(
			'dan',
			'{ customers(first: 5, orderBy: { field: CREATED_AT, direction: ASC }) { nodes { id } } }',
		)
		expect(byAge.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
		const over = await post('AGENT', '{ customers(last: 101) { nodes { id } } }')
		expect(over.errors?.[0]?.extensions?.code).toBe('PAGE_SIZE_OUT_OF_RANGE')
	})
})

/* ================================================== organizations and regions */

describe('organizations and regions', () => {
	test.each(SIGNED_IN)('%s sees every organization and region', async (who) => {
		const data = await read(
			who,
			'{ organizations(first: 100) { totalCount nodes { code } } regions(first: 10) { totalCount nodes { code } } }',
		)
		// by name: "D-A name", "D-B name", "HQ name", "RO-E name", "RO-W name"
		expect(data.organizations).toEqual({
			totalCount: 5,
			nodes: ['D-A', 'D-B', 'HQ', 'RO-E', 'RO-W'].map((code) => ({ code })),
		})
		expect(data.regions).toEqual({ totalCount: 2, nodes: [{ code: 'EAST' }, { code: 'WEST' }] })
	})

	test('anonymous: none', async () => {
		expect(
			await read(
				null,
				'{ organizations(first: 10) { totalCount nodes { id } } regions(first: 10) { totalCount nodes { id } } }',
			),
		).toEqual({
			organizations: { totalCount: 0, nodes: [] },
			regions: { totalCount: 0, nodes: [] },
		})
	})

	test('filters, ordering and paging', async () => {
		const orgs = async (variables: Record<string, unknown>) =>
			(
				await read(
					'dan',
					'query ($f: OrganizationFilter, $o: OrganizationOrder, $first: Int, $after: String) { organizations(first: $first, after: $after, filter: $f, orderBy: $o) { nodes { code } pageInfo { endCursor hasNextPage } } }',
					{ first: 10, ...variables },
				)
			).organizations
		const codes = (c: { nodes: Array<{ code: string }> }) => c.nodes.map((n) => n.code)
		expect(codes(await orgs({ f: { kind: 'DEALER' } }))).toEqual(['D-A', 'D-B'])
		expect(codes(await orgs({ f: { regionId: gid('Region', ids.region.EAST) } }))).toEqual(['D-A', 'RO-E'])
		expect(codes(await orgs({ f: { kind: 'REGIONAL_OFFICE', regionId: gid('Region', ids.region.WEST) } }))).toEqual([
			'RO-W',
		])
		expect(codes(await orgs({ f: { search: 'ro-' } }))).toEqual(['RO-E', 'RO-W'])
		const desc = await orgs({ o: { field: 'CODE', direction: 'DESC' }, first: 3 })
		expect(codes(desc)).toEqual(['RO-W', 'RO-E', 'HQ'])
		const rest = await orgs({ o: { field: 'CODE', direction: 'DESC' }, first: 3, after: desc.pageInfo.endCursor })
		expect(codes(rest)).toEqual(['D-B', 'D-A'])
		expect(rest.pageInfo.hasNextPage).toBe(false)

		const regions = async (variables: Record<string, unknown>) =>
			(
				await read(
					'alice',
					'query ($f: RegionFilter, $o: RegionOrder) { regions(first: 10, filter: $f, orderBy: $o) { nodes { code } } }',
					variables,
				)
			).regions.nodes.map((r: { code: string }) => r.code)
		expect(await regions({ f: { search: '华西' } })).toEqual(['WEST'])
		expect(await regions({ f: { search: 'east' } })).toEqual(['EAST'])
		expect(await regions({ o: { field: 'NAME_EN', direction: 'DESC' } })).toEqual(['WEST', 'EAST'])
		const over = await post('alice', '{ regions(first: 101) { nodes { id } } }')
		expect(over.errors?.[0]?.extensions?.code).toBe('PAGE_SIZE_OUT_OF_RANGE')
	})
})

/* ================================================================= approvals */

describe('approvals', () => {
	const SEES: Record<string, Array<keyof typeof ids.step>> = {
		REGIONAL_MANAGER: ['P0s1', 'P1s1', 'P2s1'],
		// the east office's regional manager: the east only
		eastManager: ['P0s1', 'P1s1'],
		MARKETING_DIRECTOR: ['P2s2'],
		GENERAL_MANAGER: ['P3s1', 'P1s2'],
	}
	const QUERY = '{ approvals(first: 100) { totalCount nodes { id state decision viewerCanDecide } } }'

	test.each([...SIGNED_IN])('%s: the steps asked of its role, oldest proposal first', async (who) => {
		const data = await read(who, QUERY)
		const expected = (SEES[who] ?? []).map((key) => gid('ApprovalStep', ids.step[key]))
		expect(nodeIds(data.approvals)).toEqual(expected)
		expect(data.approvals.totalCount).toBe(expected.length)
	})

	test('anonymous and tokens: none', async () => {
		expect(await read(null, QUERY)).toEqual({ approvals: { totalCount: 0, nodes: [] } })
		const token = await tokenOf('rita', ['READ_COMPLAINTS', 'WRITE_COMPLAINTS'])
		expect((await read(token, QUERY)).approvals).toEqual({ totalCount: 0, nodes: [] })
	})

	test('state, decision and whether the viewer may decide now', async () => {
		const byId = async (who: string) =>
			Object.fromEntries((await read(who, QUERY)).approvals.nodes.map((n: { id: string }) => [n.id, n])) as Record<
				string,
				{ state: string; decision: string; viewerCanDecide: boolean }
			>
		const manager = await byId('REGIONAL_MANAGER')
		expect(manager[gid('ApprovalStep', ids.step.P0s1)]).toMatchObject({
			state: 'CANCELLED',
			decision: 'PENDING',
			viewerCanDecide: false,
		})
		expect(manager[gid('ApprovalStep', ids.step.P1s1)]).toMatchObject({
			state: 'WAITING',
			decision: 'PENDING',
			viewerCanDecide: true,
		})
		expect(manager[gid('ApprovalStep', ids.step.P2s1)]).toMatchObject({
			state: 'APPROVED',
			decision: 'APPROVED',
			viewerCanDecide: false,
		})
		const general = await byId('GENERAL_MANAGER')
		expect(general[gid('ApprovalStep', ids.step.P1s2)]).toMatchObject({ state: 'QUEUED', viewerCanDecide: false })
		expect(general[gid('ApprovalStep', ids.step.P3s1)]).toMatchObject({ state: 'DECLINED', decision: 'DECLINED' })
		expect((await byId('MARKETING_DIRECTOR'))[gid('ApprovalStep', ids.step.P2s2)]).toMatchObject({
			state: 'WAITING',
			viewerCanDecide: true,
		})
		expect((await byId('eastManager'))[gid('ApprovalStep', ids.step.P1s1)]).toMatchObject({ viewerCanDecide: true })
	})

	test('filters by state, decision and complaint; contradictory filters are bad input', async () => {
		const query = 'query ($f: ApprovalFilter) { approvals(first: 10, filter: $f) { totalCount nodes { id } } }'
		const steps = async (who: string, f: Record<string, unknown>) => nodeIds((await read(who, query, { f })).approvals)
		expect(await steps('REGIONAL_MANAGER', { state: 'WAITING' })).toEqual([gid('ApprovalStep', ids.step.P1s1)])
		expect(await steps('REGIONAL_MANAGER', { state: 'CANCELLED' })).toEqual([gid('ApprovalStep', ids.step.P0s1)])
		expect(await steps('REGIONAL_MANAGER', { decision: 'PENDING' })).toEqual([
			gid('ApprovalStep', ids.step.P0s1),
			gid('ApprovalStep', ids.step.P1s1),
		])
		expect(await steps('REGIONAL_MANAGER', { complaintId: gid('Complaint', ids.complaint.CB) })).toEqual([
			gid('ApprovalStep', ids.step.P2s1),
		])
		expect(await steps('GENERAL_MANAGER', { state: 'QUEUED' })).toEqual([gid('ApprovalStep', ids.step.P1s2)])
		expect(await steps('GENERAL_MANAGER', { state: 'WAITING' })).toEqual([])
		const contradiction = await post('GENERAL_MANAGER', query, { f: { state: 'WAITING', decision: 'APPROVED' } })
		expect(contradiction.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
	})

	test('paging both ways', async () => {
		const query = `query ($first: Int, $last: Int, $after: String, $before: String) {
			approvals(first: $first, last: $last, after: $after, before: $before) { nodes { id } pageInfo { startCursor endCursor hasNextPage hasPreviousPage } } }`
		const first = await read('REGIONAL_MANAGER', query, { first: 2 })
		expect(nodeIds(first.approvals)).toEqual([gid('ApprovalStep', ids.step.P0s1), gid('ApprovalStep', ids.step.P1s1)])
		const next = await read('REGIONAL_MANAGER', query, { first: 2, after: first.approvals.pageInfo.endCursor })
		expect(nodeIds(next.approvals)).toEqual([gid('ApprovalStep', ids.step.P2s1)])
		const back = await read('REGIONAL_MANAGER', query, { last: 1, before: next.approvals.pageInfo.startCursor })
		expect(nodeIds(back.approvals)).toEqual([gid('ApprovalStep', ids.step.P1s1)])
		const over = await post('REGIONAL_MANAGER', '{ approvals(first: 101) { nodes { id } } }')
		expect(over.errors?.[0]?.extensions?.code).toBe('PAGE_SIZE_OUT_OF_RANGE')
	})

	test('ResolutionProposal.approvalSteps: every step for staff, null for everyone else', async () => {
		const query = `query ($r: String!) { complaint(reference: $r) { proposals { id status approvalSteps { id approverRole reasonEn decidedBy { name } comment } } } }`
		const staff = (await read('AGENT', query, { r: ids.reference.CB })).complaint.proposals
		expect(staff).toEqual([
			{
				id: gid('ResolutionProposal', ids.proposal.P3),
				status: 'DECLINED',
				approvalSteps: [
					{
						id: gid('ApprovalStep', ids.step.P3s1),
						approverRole: 'GENERAL_MANAGER',
						reasonEn: 'P3s1: amount above authority',
						decidedBy: { name: 'GENERAL_MANAGER' },
						comment: 'too generous',
					},
				],
			},
			{
				id: gid('ResolutionProposal', ids.proposal.P2),
				status: 'PENDING_APPROVAL',
				approvalSteps: [
					expect.objectContaining({ id: gid('ApprovalStep', ids.step.P2s1), decidedBy: { name: 'REGIONAL_MANAGER' } }),
					expect.objectContaining({ id: gid('ApprovalStep', ids.step.P2s2), decidedBy: null }),
				],
			},
		])
		for (const who of ['alice', 'dan', 'rita']) {
			const proposals = (await read(who, query, { r: ids.reference.CA })).complaint.proposals
			expect(proposals, who).toEqual([
				{ id: gid('ResolutionProposal', ids.proposal.P4), status: 'OFFERED', approvalSteps: null },
			])
		}
	})
})

/* ============================================ findings, events, node on every type */

describe('Complaint.findings', () => {
	const QUERY = `query ($r: String!) { complaint(reference: $r) { findings { id kind summary responsibility author { name side }
		evidence { id name } complaint { reference } } } }`
	const F1 = () => ({
		id: gid('ComplaintFinding', ids.finding.F1),
		kind: 'ON_SITE_VISIT',
		summary: 'finding F1',
		responsibility: null,
		author: { name: 'rita', side: 'PARTNER' },
		evidence: [{ id: gid('Attachment', ids.evidence.F1), name: 'F1.jpg' }],
		complaint: { reference: ids.reference.CA },
	})
	const F2 = () => ({
		id: gid('ComplaintFinding', ids.finding.F2),
		kind: 'RESPONSIBILITY',
		summary: 'finding F2',
		responsibility: 'QUALITY_DEFECT',
		author: { name: 'QUALITY_ENGINEER', side: 'COMPANY' },
		evidence: [{ id: gid('Attachment', ids.evidence.F2), name: 'F2.jpg' }],
		complaint: { reference: ids.reference.CA },
	})

	test.each(['alice', 'dan', 'rita', 'eastManager', ...HQ_STAFF])('%s: as the case page shows them', async (who) => {
		const expected = person(who).kind === 'STAFF' ? [F1(), F2()] : who === 'alice' ? [] : [F1()]
		expect((await read(who, QUERY, { r: ids.reference.CA })).complaint.findings).toEqual(expected)
	})

	test.each([null, ...SIGNED_IN])('node(ComplaintFinding) for %s', async (who) => {
		const seesCA = who !== null && ['dan', 'rita', 'eastManager', ...HQ_STAFF].includes(who)
		const staff = who !== null && person(who).kind === 'STAFF'
		const data = await read(who, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
			ids: [gid('ComplaintFinding', ids.finding.F1), gid('ComplaintFinding', ids.finding.F2)],
		})
		expect(data.nodes).toEqual([
			seesCA ? { id: gid('ComplaintFinding', ids.finding.F1) } : null,
			staff ? { id: gid('ComplaintFinding', ids.finding.F2) } : null,
		])
	})
})

describe('ComplaintEvent: version, and the audit record for staff only', () => {
	const QUERY = `query ($id: ID!) { node(id: $id) { ... on ComplaintEvent { type version changes { field before after } } } }`

	test.each([null, ...SIGNED_IN])('%s', async (who) => {
		const seesCA = who !== null && ['alice', 'dan', 'rita', 'eastManager', ...HQ_STAFF].includes(who)
		const staff = who !== null && person(who).kind === 'STAFF'
		const routed = await read(who, QUERY, { id: gid('ComplaintEvent', ids.event.routed) })
		expect(routed.node).toEqual(
			seesCA
				? {
						type: 'status_changed',
						version: 3,
						changes: staff
							? [
									{ field: 'status', before: 'ACKNOWLEDGED', after: 'INVESTIGATING' },
									// assignees by name, as the case page shows them
									{ field: 'assignee', before: null, after: 'AGENT' },
								]
							: null,
					}
				: null,
		)
		const internal = await read(who, QUERY, { id: gid('ComplaintEvent', ids.event.internal) })
		expect(internal.node).toEqual(staff ? { type: 'note', version: 4, changes: null } : null)
	})

	test('the timeline carries the same fields', async () => {
		const query = `query ($r: String!) { complaint(reference: $r) { events(first: 20) { nodes { id version changes { field } } } } }`
		const staff = (await read('AGENT', query, { r: ids.reference.CA })).complaint.events.nodes
		expect(staff).toContainEqual({
			id: gid('ComplaintEvent', ids.event.routed),
			version: 3,
			changes: [{ field: 'status' }, { field: 'assignee' }],
		})
		const dealer = (await read('dan', query, { r: ids.reference.CA })).complaint.events.nodes
		expect(dealer).toContainEqual({ id: gid('ComplaintEvent', ids.event.routed), version: 3, changes: null })
		expect(dealer.map((e: { id: string }) => e.id)).not.toContain(gid('ComplaintEvent', ids.event.internal))
	})
})

describe('node on every new type', () => {
	test.each([null, ...SIGNED_IN])('%s', async (who) => {
		const seesCA = who !== null && ['alice', 'dan', 'rita', 'eastManager', ...HQ_STAFF].includes(who)
		const seesCB = who !== null && ['bob', 'dave', 'walt', ...HQ_STAFF].includes(who)
		const staff = who !== null && person(who).kind === 'STAFF'
		const cases: Array<[string, boolean]> = [
			[gid('OrderLine', ids.line.OA1), seesCA],
			[gid('OrderLine', ids.line.OB1), seesCB],
			[gid('ResolutionProposal', ids.proposal.P4), seesCA],
			// waiting for approval: the company's deliberation
			[gid('ResolutionProposal', ids.proposal.P1), seesCA && staff],
			[gid('ApprovalStep', ids.step.P1s1), seesCA && staff],
			[gid('ApprovalStep', ids.step.P2s2), seesCB && staff],
		]
		const data = await read(who, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: cases.map(([id]) => id) })
		expect(data.nodes).toEqual(cases.map(([id, visible]) => (visible ? { id } : null)))
	})

	test('a made-up id of every new type is null, like an invisible one', async () => {
		for (const type of [
			'Customer',
			'OrderLine',
			'ComplaintEvent',
			'ResolutionProposal',
			'ComplaintFinding',
			'ApprovalStep',
		]) {
			expect(
				(await read('ADMIN', 'query ($id: ID!) { node(id: $id) { id } }', { id: gid(type, 'nope') })).node,
				type,
			).toBeNull()
		}
	})
})

/* ========================================================== viewerPermissions */

describe('viewerPermissions', () => {
	const QUERY = `{ viewerPermissions { authenticatedBy apiTokenScopes organization { code } region { code }
		complaintPermissions { action scope } readScopes messageVisibilities canListCustomers canSeeCustomerEmails
		canReadFindings canReadApprovals canDecideApprovals canReadAuditTrail canManageApiTokens } viewer { name } }`

	test('anonymous: null', async () => {
		expect(await read(null, QUERY)).toEqual({ viewerPermissions: null, viewer: null })
	})

	test('a customer', async () => {
		const data = await read('alice', QUERY)
		expect(data.viewer).toEqual({ name: 'alice' })
		expect(data.viewerPermissions).toEqual({
			authenticatedBy: 'SESSION',
			apiTokenScopes: null,
			organization: null,
			region: null,
			complaintPermissions: [
				{ action: 'READ', scope: 'OWN' },
				{ action: 'ADD_INFORMATION', scope: 'OWN' },
				{ action: 'RESPOND_TO_RESOLUTION', scope: 'OWN' },
				{ action: 'WITHDRAW', scope: 'OWN' },
				{ action: 'ESCALATE', scope: 'OWN' },
				{ action: 'SET_NOTIFICATIONS', scope: 'OWN' },
			],
			readScopes: ['OWN'],
			messageVisibilities: ['PUBLIC'],
			canListCustomers: false,
			canSeeCustomerEmails: false,
			canReadFindings: false,
			canReadApprovals: false,
			canDecideApprovals: false,
			canReadAuditTrail: false,
			canManageApiTokens: false,
		})
	})

	test('a dealer signed in, and its tokens', async () => {
		const session = (await read('dan', QUERY)).viewerPermissions
		expect(session).toMatchObject({
			authenticatedBy: 'SESSION',
			apiTokenScopes: null,
			organization: { code: 'D-A' },
			region: null,
			readScopes: ['DEALER'],
			messageVisibilities: ['PUBLIC', 'PARTNER'],
			canListCustomers: true,
			canSeeCustomerEmails: false,
			canReadFindings: true,
			canReadApprovals: false,
			canDecideApprovals: false,
			canManageApiTokens: true,
		})
		expect(session.complaintPermissions).toContainEqual({ action: 'NOTE', scope: 'DEALER' })
		const reading = (await read(await tokenOf('dan', ['READ_COMPLAINTS']), QUERY)).viewerPermissions
		expect(reading).toMatchObject({
			authenticatedBy: 'API_TOKEN',
			apiTokenScopes: ['READ_COMPLAINTS'],
			complaintPermissions: [{ action: 'READ', scope: 'DEALER' }],
			readScopes: ['DEALER'],
			canManageApiTokens: false,
		})
		const hooks = (await read(await tokenOf('dan', ['WEBHOOKS']), QUERY)).viewerPermissions
		expect(hooks).toMatchObject({
			apiTokenScopes: ['WEBHOOKS'],
			complaintPermissions: [],
			readScopes: [],
			messageVisibilities: [],
			canListCustomers: false,
			canReadFindings: false,
		})
	})

	test('regional office, regional-office staff and head-office staff', async () => {
		expect((await read('rita', QUERY)).viewerPermissions).toMatchObject({
			organization: { code: 'RO-E' },
			region: { code: 'EAST' },
			readScopes: ['REGION'],
			canDecideApprovals: false,
			canReadAuditTrail: false,
		})
		const eastManager = (await read('eastManager', QUERY)).viewerPermissions
		expect(eastManager).toMatchObject({
			region: { code: 'EAST' },
			readScopes: ['REGION'],
			messageVisibilities: ['PUBLIC', 'PARTNER', 'INTERNAL'],
			canSeeCustomerEmails: true,
			canReadApprovals: true,
			canDecideApprovals: true,
			canReadAuditTrail: true,
			// every member of a regional office manages its tokens (api-tokens/access.ts)
			canManageApiTokens: true,
		})
		expect(eastManager.complaintPermissions).toContainEqual({ action: 'DECIDE_APPROVAL', scope: 'REGION' })
		for (const role of HQ_STAFF) {
			const permissions = (await read(role, QUERY)).viewerPermissions
			expect(permissions, role).toMatchObject({
				organization: { code: 'HQ' },
				region: null,
				readScopes: ['ANY'],
				canListCustomers: true,
				canSeeCustomerEmails: true,
				canDecideApprovals: ['REGIONAL_MANAGER', 'MARKETING_DIRECTOR', 'GENERAL_MANAGER'].includes(role),
			})
		}
	})
})

/* =================================================================== statements */

describe('statements per page', () => {
	/** The SQL statements sent while `fn` runs, counted at the driver (PGlite or node-postgres). */
	async function countStatements(fn: () => Promise<unknown>): Promise<number> {
		let count = 0
		const target = (db.sql.kind === 'pglite' ? PGlite.prototype : pg.Pool.prototype) as unknown as {
			query: (...args: unknown[]) => unknown
		}
		const original = target.query
		target.query = function (this: unknown, ...args: unknown[]) {
			count += 1
			return original.apply(this, args)
		}
		try {
			await fn()
		} finally {
			target.query = original
		}
		return count
	}

	test('orders(first: 50) with lines, customer and nested complaints costs what first: 5 costs', async () => {
		const prisma = db.prisma
		const region = await prisma.region.create({ data: { code: 'BULK', nameZh: '批量', nameEn: 'Bulk' } })
		const customer = person('bob')
		for (let i = 0; i < 50; i++) {
			const orderNumber = `BULK-${String(i).padStart(3, '0')}`
			const row = await prisma.order.create({
				data: {
					orderNumber,
					orderNumberKey: orderNumber,
					customerId: customer.id,
					customerEmail: customer.email,
					regionId: region.id,
					orderedAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
					lines: {
						create: [{ lineNumber: 1, productModel: 'M', productName: 'P', batchNumber: `B${i}`, quantity: 1 }],
					},
				},
			})
			for (const n of [1, 2])
				await prisma.complaint.create({
					data: {
						reference: nextReference(),
						customerId: customer.id,
						filedById: customer.id,
						orderId: row.id,
						regionId: region.id,
						category: 'OTHER',
						severity: 'MINOR',
						title: `bulk ${i}.${n}`,
						createdAt: new Date(Date.UTC(2026, 0, 2, 0, i, n)),
						description: 'bulk',
						requestedRemedy: 'EXPLANATION',
					},
				})
		}
		const query = `query ($n: Int!, $region: ID!) {
			orders(first: $n, filter: { regionId: $region }) {
				nodes { orderNumber lines { batchNumber } customer { name } complaints(first: 5) { totalCount nodes { title customer { name } } } }
			}
		}`
		const run = (who: string, n: number) => async () => {
			const data = await read(who, query, { n, region: gid('Region', region.id) })
			expect(data.orders.nodes).toHaveLength(n)
			for (const order of data.orders.nodes) {
				expect(order.lines).toHaveLength(1)
				expect(order.customer).toEqual({ name: 'bob' })
				expect(order.complaints.totalCount).toBe(2)
				expect(order.complaints.nodes.map((c: { title: string }) => c.title)).toEqual([
					`bulk ${Number(order.orderNumber.slice(5))}.2`,
					`bulk ${Number(order.orderNumber.slice(5))}.1`,
				])
			}
		}
		// the customer too: their scope takes one more read (the verified email), once per request
		for (const who of ['AGENT', 'bob']) {
			await run(who, 1)() // the session, made once
			const small = await countStatements(run(who, 5))
			const large = await countStatements(run(who, 50))
			expect(large, who).toBe(small)
			expect(small, who).toBeLessThan(15)
		}
	})
})
