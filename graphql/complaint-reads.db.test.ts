import { PGlite } from '@electric-sql/pglite'
import { encodeGlobalID } from '@pothos/plugin-relay'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createComplaintUpdates } from '#app/complaints/updates.server.ts'
import { createSession } from '#app/auth/session.server.ts'
import { parseConfig } from '#app/config.server.ts'
import type { Database } from '#app/db/database.server.ts'
import type { ApiTokenScope, MessageVisibility, StaffRole, UserKind } from '#app/generated/prisma/enums.ts'
import { createLogger } from '#app/logger.server.ts'
import { createApiToken } from '#app/domain/api-tokens/tokens.ts'
import { viewerFromUser } from '#app/domain/viewer.ts'
import { createRateLimits, type RateLimits } from '#app/rate-limit.server.ts'
import { createTestStorage } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createOrder } from '#tests/fixtures.ts'
import { createGraphQLHandler, type GraphQLHandler } from './yoga.ts'

/**
 * Issue 5 §1–2, reads: who sees which complaint, and which of its messages, events, files and
 * fields, through every query path of the real Yoga handler (complaints, complaint(reference),
 * node, nodes and the nested fields); and the number of SQL statements a deep page costs.
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

type Person = { id: string; kind: UserKind; email: string }
const people = new Map<string, Person>()
/** complaint A: alice's, sold by dealer A in the east; complaint B: bob's, sold by dealer B in the west */
const complaints = {} as Record<'A' | 'B', { id: string; reference: string; globalId: string; orderGlobalId: string }>
const messageIds = {} as Record<MessageVisibility, string>

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
	const east = await prisma.region.create({ data: { code: 'EAST', nameZh: '华东', nameEn: 'East' } })
	const west = await prisma.region.create({ data: { code: 'WEST', nameZh: '华西', nameEn: 'West' } })
	const org = (code: string, kind: 'DEALER' | 'REGIONAL_OFFICE' | 'HQ', regionId: string | null) =>
		prisma.organization.create({ data: { code, kind, name: code, regionId } })
	const dealerA = await org('D-A', 'DEALER', east.id)
	const dealerB = await org('D-B', 'DEALER', west.id)
	const officeEast = await org('RO-E', 'REGIONAL_OFFICE', east.id)
	const officeWest = await org('RO-W', 'REGIONAL_OFFICE', west.id)
	const hq = await org('HQ', 'HQ', null)
	const make = async (
		key: string,
		data: { kind: UserKind; organizationId?: string; staffRole?: StaffRole },
	): Promise<Person> => {
		const email = `${key.toLowerCase()}@example.com`
		const user = await prisma.user.create({
			data: { email, name: key, passwordHash: 'not-a-hash', ...data },
			select: { id: true, kind: true },
		})
		const person = { ...user, email }
		people.set(key, person)
		return person
	}
	const alice = await make('alice', { kind: 'CUSTOMER' })
	const bob = await make('bob', { kind: 'CUSTOMER' })
	await make('dan', { kind: 'DEALER', organizationId: dealerA.id })
	await make('dave', { kind: 'DEALER', organizationId: dealerB.id })
	await make('rita', { kind: 'REGIONAL_OFFICE', organizationId: officeEast.id })
	await make('walt', { kind: 'REGIONAL_OFFICE', organizationId: officeWest.id })
	for (const role of STAFF_ROLES) await make(role, { kind: 'STAFF', staffRole: role, organizationId: hq.id })
	const agent = people.get('AGENT')!

	const file = async (key: 'A' | 'B', customer: Person, dealerId: string, regionId: string) => {
		const order = await createOrder(prisma, {
			regionId,
			dealerId,
			customerId: customer.id,
			customerEmail: customer.email,
		})
		const row = await prisma.complaint.create({
			data: {
				reference: nextReference(),
				customerId: customer.id,
				filedById: customer.id,
				orderId: order.id,
				orderLineId: order.lines[0]!.id,
				regionId,
				dealerId,
				assigneeId: agent.id,
				category: 'PRODUCT_QUALITY',
				severity: 'MAJOR',
				title: key === 'A' ? 'seal worn' : 'impeller cracked',
				description: `the pump of complaint ${key} leaks`,
				requestedRemedy: 'REPLACEMENT',
				slaState: 'AT_RISK',
				slaDueAt: new Date('2026-12-01T00:00:00Z'),
				department: 'QUALITY',
				isKeyAccount: true,
			},
		})
		complaints[key] = {
			id: row.id,
			reference: row.reference,
			globalId: encodeGlobalID('Complaint', row.id),
			orderGlobalId: encodeGlobalID('Order', order.id),
		}
		return row
	}
	const a = await file('A', alice, dealerA.id, east.id)
	await file('B', bob, dealerB.id, west.id)

	// complaint A's messages, events, files and proposals, one of each visibility
	let minute = 0
	const at = () => new Date(Date.UTC(2026, 10, 20, 8, minute++))
	for (const visibility of ['PUBLIC', 'PARTNER', 'INTERNAL'] as const) {
		const message = await prisma.complaintMessage.create({
			data: { complaintId: a.id, authorId: agent.id, visibility, body: `${visibility} message`, createdAt: at() },
		})
		messageIds[visibility] = message.id
		await prisma.complaintEvent.create({
			data: {
				complaintId: a.id,
				actorId: agent.id,
				type: `${visibility.toLowerCase()}_event`,
				visibility,
				createdAt: at(),
			},
		})
		await prisma.attachment.create({
			data: {
				complaintId: a.id,
				uploadedById: agent.id,
				visibility,
				kind: 'IMAGE',
				originalName: `${visibility}.jpg`,
				contentType: 'image/jpeg',
				byteSize: 1000,
				width: 40,
				height: 30,
				sha256: 'x'.repeat(64),
				storageKey: `attachments/2026/11/${visibility.toLowerCase()}${a.id}`,
				thumbnailKey: `attachments/2026/11/${visibility.toLowerCase()}${a.id}-thumb`,
				createdAt: at(),
			},
		})
	}
	for (const status of ['PENDING_APPROVAL', 'OFFERED'] as const) {
		await prisma.resolutionProposal.create({
			data: {
				complaintId: a.id,
				proposedById: agent.id,
				type: 'REPLACEMENT',
				summary: `${status} proposal`,
				costBearer: 'COMPANY',
				status,
				createdAt: at(),
			},
		})
	}
})

afterAll(async () => {
	await limits?.close()
	await db?.close()
})

interface GraphQLBody {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field below
	data?: Record<string, any> | null
	errors?: Array<{ message: string; extensions?: Record<string, unknown> }>
}

async function post(who: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLBody> {
	const headers: Record<string, string> = { 'content-type': 'application/json' }
	if (who) {
		const { token } = await createSession(db.prisma, people.get(who)!)
		headers.cookie = `session=${token}`
	}
	const response = await yoga.fetch('http://portal.test/graphql', {
		method: 'POST',
		headers,
		body: JSON.stringify({ query, variables }),
	})
	// the cost report (extensions) is the limits' business, tested there
	const { data, errors } = (await response.json()) as GraphQLBody & { extensions?: unknown }
	return errors ? { data, errors } : { data }
}

const RECORD = /* GraphQL */ `
	fragment Record on Complaint {
		reference
		description
		updatedAt
		slaState
		slaDueAt
		isKeyAccount
		department
		customer {
			name
			email
		}
		assignee {
			name
		}
		order {
			orderNumber
			lines {
				batchNumber
			}
			dealer {
				code
			}
			region {
				code
			}
		}
		messages(first: 10) {
			nodes {
				body
				visibility
			}
		}
		events(first: 10) {
			nodes {
				type
			}
		}
		attachments {
			name
			url
			thumbnailUrl
		}
		proposals {
			status
		}
	}
`

/** Who sees which complaint: the matrix of issue 5 §2. */
const SEES: Record<string, Array<'A' | 'B'>> = {
	alice: ['A'],
	bob: ['B'],
	dan: ['A'],
	dave: ['B'],
	rita: ['A'],
	walt: ['B'],
	...Object.fromEntries(STAFF_ROLES.map((role) => [role, ['A', 'B']])),
}
const VISIBLE: Record<'CUSTOMER' | 'PARTNER' | 'STAFF', MessageVisibility[]> = {
	CUSTOMER: ['PUBLIC'],
	PARTNER: ['PUBLIC', 'PARTNER'],
	STAFF: ['PUBLIC', 'PARTNER', 'INTERNAL'],
}
function sideOf(who: string): keyof typeof VISIBLE {
	const kind = people.get(who)!.kind
	return kind === 'CUSTOMER' ? 'CUSTOMER' : kind === 'STAFF' ? 'STAFF' : 'PARTNER'
}

describe('who sees which complaint', () => {
	test.each(Object.keys(SEES))('%s: complaints, complaint(reference), node and nodes agree', async (who) => {
		const expected = SEES[who]!.map((key) => complaints[key].reference).sort()
		const list = await post(who, '{ complaints(first: 100) { totalCount nodes { reference } } }')
		expect(list.errors).toBeUndefined()
		expect(list.data!.complaints.nodes.map((n: { reference: string }) => n.reference).sort()).toEqual(expected)
		expect(list.data!.complaints.totalCount).toBe(expected.length)

		for (const key of ['A', 'B'] as const) {
			const seen = SEES[who]!.includes(key)
			const byReference = await post(who, 'query ($r: String!) { complaint(reference: $r) { reference } }', {
				r: complaints[key].reference,
			})
			expect(byReference).toEqual({ data: { complaint: seen ? { reference: complaints[key].reference } : null } })
			const byNode = await post(who, 'query ($id: ID!) { node(id: $id) { ... on Complaint { reference } } }', {
				id: complaints[key].globalId,
			})
			expect(byNode).toEqual({ data: { node: seen ? { reference: complaints[key].reference } : null } })
			const order = await post(who, 'query ($id: ID!) { node(id: $id) { ... on Order { region { code } } } }', {
				id: complaints[key].orderGlobalId,
			})
			expect(order).toEqual({ data: { node: seen ? { region: { code: key === 'A' ? 'EAST' : 'WEST' } } : null } })
		}
		const both = await post(who, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
			ids: [complaints.A.globalId, complaints.B.globalId],
		})
		expect(both.data!.nodes).toEqual(
			(['A', 'B'] as const).map((key) => (SEES[who]!.includes(key) ? { id: complaints[key].globalId } : null)),
		)
	})

	test('anonymous: an empty list, and null for every complaint', async () => {
		const list = await post(null, '{ complaints(first: 10) { totalCount nodes { reference } } }')
		expect(list).toEqual({ data: { complaints: { totalCount: 0, nodes: [] } } })
		const byReference = await post(null, 'query ($r: String!) { complaint(reference: $r) { reference } }', {
			r: complaints.A.reference,
		})
		expect(byReference.data?.complaint ?? null).toBeNull()
		const byNode = await post(null, 'query ($id: ID!) { node(id: $id) { id } }', { id: complaints.A.globalId })
		expect(byNode).toEqual({ data: { node: null } })
	})
})

describe('what each viewer sees inside complaint A', () => {
	const viewersOfA = Object.keys(SEES).filter((who) => SEES[who]!.includes('A'))

	test.each(viewersOfA)('%s', async (who) => {
		const side = sideOf(who)
		const visible = VISIBLE[side]
		const body = await post(who, `${RECORD} query ($r: String!) { complaint(reference: $r) { ...Record } }`, {
			r: complaints.A.reference,
		})
		expect(body.errors).toBeUndefined()
		const record = body.data!.complaint
		expect(record.description).toBe('the pump of complaint A leaks')
		expect(record.messages.nodes).toEqual(visible.map((v) => ({ body: `${v} message`, visibility: v })))
		expect(record.events.nodes).toEqual(visible.map((v) => ({ type: `${v.toLowerCase()}_event` })))
		expect(record.attachments.map((f: { name: string }) => f.name)).toEqual(visible.map((v) => `${v}.jpg`))
		const attachment = record.attachments[0]
		// signed, expiring addresses (graphql/uploads.db.test.ts fetches them)
		expect(attachment.url).toMatch(/^http:\/\/portal\.test\/files\/\w+\?expires=\d+&signature=[\w-]{43}$/)
		expect(attachment.thumbnailUrl).toMatch(
			/^http:\/\/portal\.test\/files\/\w+\/thumbnail\?expires=\d+&signature=[\w-]{43}$/,
		)
		expect(record.order).toEqual({
			orderNumber: expect.stringMatching(/^SO-2026-/),
			lines: [{ batchNumber: 'HT261001-01' }, { batchNumber: 'HT261001-02' }],
			dealer: { code: 'D-A' },
			region: { code: 'EAST' },
		})
		// the customer's name for all; the email for staff and the customer themself only (PIPL)
		expect(record.customer).toEqual({
			name: 'alice',
			email: side === 'STAFF' || who === 'alice' ? 'alice@example.com' : null,
		})
		// what the customer's own page does not show
		expect(record.assignee).toEqual(side === 'STAFF' ? { name: 'AGENT' } : null)
		expect(record.isKeyAccount).toBe(side === 'STAFF' ? true : null)
		expect(record.slaState).toBe(side === 'CUSTOMER' ? null : 'AT_RISK')
		expect(record.slaDueAt).toBe(side === 'CUSTOMER' ? null : '2026-12-01T00:00:00.000Z')
		expect(record.department).toBe(side === 'CUSTOMER' ? null : 'QUALITY')
		// proposals waiting for approval are the company's business
		expect(record.proposals).toEqual(
			side === 'STAFF' ? [{ status: 'PENDING_APPROVAL' }, { status: 'OFFERED' }] : [{ status: 'OFFERED' }],
		)
	})

	test('messages and attachments by node: internal notes never to customers or partners, partner notes never to customers', async () => {
		for (const who of [...viewersOfA, 'bob', 'dave', 'walt']) {
			const visible = SEES[who]!.includes('A') ? VISIBLE[sideOf(who)] : []
			const ids = (['PUBLIC', 'PARTNER', 'INTERNAL'] as const).map((v) => encodeGlobalID('Message', messageIds[v]))
			const body = await post(who, 'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Message { body } } }', { ids })
			expect(body.data!.nodes, who).toEqual(
				(['PUBLIC', 'PARTNER', 'INTERNAL'] as const).map((v) =>
					visible.includes(v) ? { body: `${v} message` } : null,
				),
			)
		}
	})

	test('the visibility filter narrows within what the viewer may read, never beyond', async () => {
		const query = `query ($r: String!, $v: [MessageVisibility!]) {
			complaint(reference: $r) { messages(first: 10, visibility: $v) { nodes { visibility } } }
		}`
		const dealer = await post('dan', query, { r: complaints.A.reference, v: ['INTERNAL', 'PARTNER'] })
		expect(dealer.data!.complaint.messages.nodes).toEqual([{ visibility: 'PARTNER' }])
		const customer = await post('alice', query, { r: complaints.A.reference, v: ['INTERNAL'] })
		expect(customer.data!.complaint.messages.nodes).toEqual([])
	})

	test('search finds only within what the viewer may see', async () => {
		const query = 'query ($q: String!) { complaints(first: 10, filter: { search: $q }) { nodes { reference } } }'
		expect((await post('dan', query, { q: 'IMPELLER' })).data!.complaints.nodes).toEqual([])
		expect((await post('dave', query, { q: 'IMPELLER' })).data!.complaints.nodes).toEqual([
			{ reference: complaints.B.reference },
		])
		expect((await post('AGENT', query, { q: 'leaks' })).data!.complaints.nodes).toHaveLength(2)
	})
})

let withoutClock: Promise<unknown> | null = null
/** Two complaints with no running clock (slaDueAt null), made once for the tests that need them. */
function ensureComplaintsWithoutClock() {
	withoutClock ??= (async () => {
		const customer = people.get('bob')!
		const region = await db.prisma.region.findFirstOrThrow({ where: { code: 'WEST' } })
		const order = await createOrder(db.prisma, {
			regionId: region.id,
			customerId: customer.id,
			customerEmail: customer.email,
		})
		for (const title of ['no clock 1', 'no clock 2'])
			await db.prisma.complaint.create({
				data: {
					reference: nextReference(),
					customerId: customer.id,
					filedById: customer.id,
					orderId: order.id,
					regionId: region.id,
					category: 'OTHER',
					severity: 'MINOR',
					title,
					description: 'no running clock',
					requestedRemedy: 'EXPLANATION',
				},
			})
	})()
	return withoutClock
}

describe('API tokens', () => {
	async function tokenOf(who: string, scopes: ApiTokenScope[]) {
		const user = await db.prisma.user.findUniqueOrThrow({
			where: { id: people.get(who)!.id },
			include: { organization: true },
		})
		const { secret } = await createApiToken(db.prisma, viewerFromUser(user), {
			name: `token ${crypto.randomUUID()}`,
			scopes,
			expiresInDays: 30,
		})
		return secret
	}
	async function withToken(secret: string, query: string, variables: Record<string, unknown> = {}) {
		const response = await yoga.fetch('http://portal.test/graphql', {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
			body: JSON.stringify({ query, variables }),
		})
		return { status: response.status, body: (await response.json()) as GraphQLBody }
	}
	const QUERY = '{ complaints(first: 10) { nodes { reference messages(first: 10) { nodes { visibility } } } } }'

	test("a dealer's token reads its organization's complaints and partner notes, never internal ones", async () => {
		const { body } = await withToken(await tokenOf('dan', ['READ_COMPLAINTS']), QUERY)
		expect(body.errors).toBeUndefined()
		expect(body.data!.complaints.nodes).toEqual([
			{ reference: complaints.A.reference, messages: { nodes: [{ visibility: 'PUBLIC' }, { visibility: 'PARTNER' }] } },
		])
	})

	test('a token without the read scope sees no complaint, by list or by node', async () => {
		const secret = await tokenOf('dan', ['WEBHOOKS'])
		expect((await withToken(secret, QUERY)).body.data!.complaints.nodes).toEqual([])
		const byNode = await withToken(secret, 'query ($id: ID!) { node(id: $id) { id } }', { id: complaints.A.globalId })
		expect(byNode.body.data).toEqual({ node: null })
	})

	test('a revoked token is refused outright', async () => {
		const secret = await tokenOf('rita', ['READ_COMPLAINTS'])
		await db.prisma.apiToken.updateMany({ where: { prefix: secret.slice(0, 8) }, data: { revokedAt: new Date() } })
		const { status, body } = await withToken(secret, QUERY)
		expect(status).toBe(401)
		expect(body.data ?? null).toBeNull()
	})
})

describe('paging', () => {
	test('cursors walk the list in order, forwards and backwards, without repeats or gaps', async () => {
		const customer = people.get('alice')!
		const region = await db.prisma.region.findFirstOrThrow({ where: { code: 'EAST' } })
		const order = await createOrder(db.prisma, {
			regionId: region.id,
			customerId: customer.id,
			customerEmail: customer.email,
		})
		const created = new Date('2026-11-01T00:00:00Z')
		for (let i = 0; i < 5; i++) {
			await db.prisma.complaint.create({
				data: {
					reference: nextReference(),
					customerId: customer.id,
					filedById: customer.id,
					orderId: order.id,
					regionId: region.id,
					category: 'OTHER',
					severity: 'MINOR',
					title: `paged ${i}`,
					description: 'paging test',
					requestedRemedy: 'EXPLANATION',
					// two share a creation time: the id breaks the tie
					createdAt: new Date(created.getTime() + Math.min(i, 3) * 60_000),
				},
			})
		}
		const query = `query ($after: String, $before: String, $first: Int, $last: Int) {
			complaints(first: $first, last: $last, after: $after, before: $before, filter: { search: "paging" },
				orderBy: { field: CREATED_AT, direction: ASC }) {
				edges { cursor node { title } }
				pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
			}
		}`
		const seen: string[] = []
		let after: string | null = null
		for (;;) {
			const body: GraphQLBody = await post('alice', query, { first: 2, after })
			expect(body.errors).toBeUndefined()
			seen.push(...body.data!.complaints.edges.map((e: { node: { title: string } }) => e.node.title))
			if (!body.data!.complaints.pageInfo.hasNextPage) break
			after = body.data!.complaints.pageInfo.endCursor
		}
		expect(seen).toHaveLength(5)
		expect(new Set(seen).size).toBe(5)
		const lastTwo = await post('alice', query, { last: 2 })
		expect(lastTwo.data!.complaints.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual(seen.slice(3))
		const beforeThose = await post('alice', query, {
			last: 2,
			before: lastTwo.data!.complaints.pageInfo.startCursor,
		})
		expect(beforeThose.data!.complaints.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual(
			seen.slice(1, 3),
		)
	})

	test.each(['ASC', 'DESC'])(
		'by the service-level clock %s, pages of 3 give the whole list once, running clocks first',
		async (direction) => {
			await ensureComplaintsWithoutClock()
			const query = `query ($after: String, $n: Int!) {
				complaints(first: $n, after: $after, orderBy: { field: SLA_DUE_AT, direction: ${direction} }) {
					nodes { reference slaDueAt }
					pageInfo { hasNextPage endCursor }
				}
			}`
			const whole = (await post('AGENT', query, { n: 100 })).data!.complaints.nodes as Array<{
				reference: string
				slaDueAt: string | null
			}>
			const firstNull = whole.findIndex((c) => c.slaDueAt === null)
			expect(firstNull).toBeGreaterThan(0)
			expect(whole.slice(firstNull).every((c) => c.slaDueAt === null)).toBe(true)
			const paged: string[] = []
			let after: string | null = null
			for (let guard = 0; guard < 100; guard++) {
				const body: GraphQLBody = await post('AGENT', query, { n: 3, after })
				paged.push(...body.data!.complaints.nodes.map((c: { reference: string }) => c.reference))
				if (!body.data!.complaints.pageInfo.hasNextPage) break
				after = body.data!.complaints.pageInfo.endCursor
			}
			expect(paged).toEqual(whole.map((c) => c.reference))
		},
	)

	test('a page over 100 is refused with a typed error, not shortened', async () => {
		const body = await post('AGENT', '{ complaints(first: 101) { nodes { id } } }')
		expect(body.data?.complaints ?? null).toBeNull()
		expect(body.errors).toEqual([
			expect.objectContaining({ extensions: expect.objectContaining({ code: 'PAGE_SIZE_OUT_OF_RANGE', max: 100 }) }),
		])
		const nested = await post(
			'AGENT',
			'query ($r: String!) { complaint(reference: $r) { messages(first: 500) { nodes { id } } } }',
			{ r: complaints.A.reference },
		)
		expect(nested.errors?.[0]?.extensions?.code).toBe('PAGE_SIZE_OUT_OF_RANGE')
	})

	test('a forged or foreign cursor is bad input', async () => {
		for (const after of ['nonsense', Buffer.from('["UPDATED_AT",0,"x"]').toString('base64url')]) {
			const body = await post('AGENT', 'query ($a: String) { complaints(first: 5, after: $a) { nodes { id } } }', {
				a: after,
			})
			expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
		}
	})

	test('customers may not order by the service-level clock', async () => {
		const body = await post(
			'alice',
			'{ complaints(first: 5, orderBy: { field: SLA_DUE_AT, direction: ASC }) { nodes { id } } }',
		)
		expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
	})
})

describe('statements per page', () => {
	/**
	 * Counts the SQL statements the server sends while `fn` runs, at the driver: PGlite's
	 * `query` or node-postgres's pool `query`, whichever this project runs on.
	 */
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

	test('complaints(first: 50) with order lines, customer, messages and thumbnails costs what first: 5 costs', async () => {
		const customer = people.get('bob')!
		const agent = people.get('AGENT')!
		const region = await db.prisma.region.findFirstOrThrow({ where: { code: 'WEST' } })
		for (let i = 0; i < 50; i++) {
			const order = await createOrder(db.prisma, {
				regionId: region.id,
				customerId: customer.id,
				customerEmail: customer.email,
			})
			const row = await db.prisma.complaint.create({
				data: {
					reference: nextReference(),
					customerId: customer.id,
					filedById: customer.id,
					orderId: order.id,
					regionId: region.id,
					category: 'OTHER',
					severity: 'MINOR',
					title: `bulk ${i}`,
					description: 'bulk',
					requestedRemedy: 'EXPLANATION',
				},
			})
			await db.prisma.complaintMessage.createMany({
				data: [0, 1, 2, 3].map((n) => ({
					complaintId: row.id,
					authorId: n % 2 ? agent.id : customer.id,
					visibility: 'PUBLIC' as const,
					body: `message ${n}`,
					createdAt: new Date(Date.UTC(2026, 10, 1, 0, n)),
				})),
			})
			await db.prisma.attachment.create({
				data: {
					complaintId: row.id,
					uploadedById: customer.id,
					kind: 'IMAGE',
					originalName: 'photo.jpg',
					contentType: 'image/jpeg',
					byteSize: 10,
					sha256: 'y'.repeat(64),
					storageKey: `attachments/2026/11/bulk${row.id}`,
					thumbnailKey: `attachments/2026/11/bulk${row.id}-thumb`,
				},
			})
		}
		const query = `query ($n: Int!) {
			complaints(first: $n, filter: { search: "bulk" }) {
				edges { node { order { lines { productModel } } customer { name } messages(first: 3) { nodes { body } } attachments { thumbnailUrl } } }
			}
		}`
		const run = (n: number) => async () => {
			const body = await post('AGENT', query, { n })
			expect(body.errors).toBeUndefined()
			const edges = body.data!.complaints.edges
			expect(edges).toHaveLength(n)
			for (const { node } of edges) {
				expect(node.messages.nodes).toEqual([{ body: 'message 0' }, { body: 'message 1' }, { body: 'message 2' }])
				expect(node.attachments).toEqual([{ thumbnailUrl: expect.stringMatching(/\/thumbnail\?expires=/) }])
				expect(node.order.lines).toHaveLength(2)
				expect(node.customer).toEqual({ name: 'bob' })
			}
		}
		const small = await countStatements(run(5))
		const large = await countStatements(run(50))
		expect(large).toBe(small)
		// session, complaints, orders, lines, customers, message ids, messages, attachments: 13 when written
		expect(small).toBeGreaterThanOrEqual(8)
		expect(small).toBeLessThan(20)
	})
})
