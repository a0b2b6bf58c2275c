import { encodeGlobalID } from '@pothos/plugin-relay'
import express from 'express'
import { getIntrospectionQuery } from 'graphql'
import type { AddressInfo } from 'node:net'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createComplaintUpdates } from '#app/complaints/updates.server.ts'
import { createSession } from '#app/auth/session.server.ts'
import { parseConfig } from '#app/config.server.ts'
import type { Database } from '#app/db/database.server.ts'
import type { UserKind } from '#app/generated/prisma/enums.ts'
import { createRateLimits, type RateLimits } from '#app/rate-limit.server.ts'
import type { AppServices } from '#app/server/services.server.ts'
import { createTestStorage } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { withoutCost } from '#tests/graphql-body.ts'
import { QUERY_LIMITS } from './plugins/query-limits.ts'
import { createGraphQLHandler, type GraphQLHandler } from './yoga.ts'

let db: Database
let limits: RateLimits
const logs: Array<Record<string, unknown>> = []

function servicesFor(env: 'production' | 'development' | 'test'): AppServices {
	const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) })
	return {
		config: parseConfig({ NODE_ENV: env }),
		db,
		logger,
		limits,
		storage: createTestStorage(),
		complaintUpdates: createComplaintUpdates({ logger }),
	}
}

const people = {} as Record<'alice' | 'bob' | 'dan' | 'dora' | 'dave' | 'sam', { id: string; kind: UserKind }>
let region: { id: string }
let dealerA: { id: string }
let yoga: GraphQLHandler

beforeAll(async () => {
	db = await createTestDatabase()
	limits = createRateLimits()
	const prisma = db.prisma
	region = await prisma.region.create({ data: { code: 'EAST', nameZh: '华东', nameEn: 'East China' } })
	dealerA = await prisma.organization.create({
		data: { kind: 'DEALER', code: 'D-A', name: 'Dealer A', regionId: region.id },
	})
	const dealerB = await prisma.organization.create({
		data: { kind: 'DEALER', code: 'D-B', name: 'Dealer B', regionId: region.id },
	})
	const hq = await prisma.organization.create({ data: { kind: 'HQ', code: 'HQ', name: 'Headquarters' } })
	const make = (email: string, data: { kind: UserKind; organizationId?: string; staffRole?: 'AGENT' }) =>
		prisma.user.create({
			data: { email, name: email.split('@')[0]!, passwordHash: 'not-a-hash', ...data },
			select: { id: true, kind: true },
		})
	people.alice = await make('alice@example.com', { kind: 'CUSTOMER' })
	people.bob = await make('bob@example.com', { kind: 'CUSTOMER' })
	people.dan = await make('dan@dealer-a.example', { kind: 'DEALER', organizationId: dealerA.id })
	people.dora = await make('dora@dealer-a.example', { kind: 'DEALER', organizationId: dealerA.id })
	people.dave = await make('dave@dealer-b.example', { kind: 'DEALER', organizationId: dealerB.id })
	people.sam = await make('sam@hq.example', { kind: 'STAFF', organizationId: hq.id, staffRole: 'AGENT' })
	yoga = createGraphQLHandler(servicesFor('production'))
})

afterAll(async () => {
	await limits?.close()
	await db?.close()
})

async function cookieFor(who: keyof typeof people): Promise<string> {
	const { token } = await createSession(db.prisma, people[who])
	return `session=${token}`
}

const userId = (who: keyof typeof people) => encodeGlobalID('User', people[who].id)

interface GraphQLBody {
	data?: Record<string, unknown> | null
	errors?: Array<{ message: string; extensions?: Record<string, unknown> }>
}

async function post(
	query: string,
	{
		as,
		variables,
		headers = {},
		server = yoga,
	}: {
		as?: keyof typeof people
		variables?: Record<string, unknown>
		headers?: Record<string, string>
		server?: GraphQLHandler
	} = {},
) {
	const response = await server.fetch('http://localhost/graphql', {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			accept: 'application/graphql-response+json',
			...(as ? { cookie: await cookieFor(as) } : {}),
			...headers,
		},
		body: JSON.stringify({ query, variables }),
	})
	const text = await response.text()
	return { status: response.status, text, body: withoutCost(JSON.parse(text) as GraphQLBody) }
}

const NODE = /* GraphQL */ `
	query Node($id: ID!) {
		node(id: $id) {
			id
			... on User {
				name
				email
				kind
				organization {
					name
				}
			}
		}
	}
`

describe('viewer', () => {
	test('is null for an anonymous request', async () => {
		const { status, body } = await post('{ viewer { id } }')
		expect(status).toBe(200)
		expect(body).toEqual({ data: { viewer: null } })
	})

	test('is the signed-in user, with their own email', async () => {
		const { body } = await post('{ viewer { id name email kind staffRole locale organization { id } } }', {
			as: 'alice',
		})
		expect(body).toEqual({
			data: {
				viewer: {
					id: userId('alice'),
					name: 'alice',
					email: 'alice@example.com',
					kind: 'CUSTOMER',
					staffRole: null,
					locale: null,
					organization: null,
				},
			},
		})
	})

	test('an expired or unknown session is anonymous, not an error', async () => {
		const response = await yoga.fetch('http://localhost/graphql', {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: `session=${'a'.repeat(32)}` },
			body: JSON.stringify({ query: '{ viewer { id } }' }),
		})
		expect(withoutCost(await response.json())).toEqual({ data: { viewer: null } })
	})
})

describe('node', () => {
	test('fetches the viewer by global ID', async () => {
		const { body } = await post(NODE, { as: 'alice', variables: { id: userId('alice') } })
		expect(body.errors).toBeUndefined()
		expect(body.data?.node).toMatchObject({ id: userId('alice'), email: 'alice@example.com', kind: 'CUSTOMER' })
	})

	test('another customer is null, exactly like an ID that does not exist', async () => {
		const other = await post(NODE, { as: 'alice', variables: { id: userId('bob') } })
		const missing = await post(NODE, { as: 'alice', variables: { id: encodeGlobalID('User', 'no-such-user') } })
		expect(other.body).toEqual({ data: { node: null } })
		expect(missing.body).toEqual(other.body)
		expect(missing.status).toBe(other.status)
	})

	test('an anonymous request sees nothing, not even regions and organizations', async () => {
		for (const id of [
			userId('alice'),
			encodeGlobalID('Region', region.id),
			encodeGlobalID('Organization', dealerA.id),
		]) {
			const { body } = await post('query ($id: ID!) { node(id: $id) { id } }', { variables: { id } })
			expect(body).toEqual({ data: { node: null } })
		}
	})

	test('a malformed ID, or one naming a type without nodes, is a BAD_USER_INPUT error that does not echo it', async () => {
		const ids = ['garbage!', 'Z2FyYmFnZQ==', encodeGlobalID('UserError', 'x'), encodeGlobalID('Query', 'x')]
		for (const id of ids) {
			const { body, text } = await post('query ($id: ID!) { node(id: $id) { id } }', { as: 'sam', variables: { id } })
			expect(body.data?.node ?? null).toBeNull()
			expect(body.errors).toEqual([
				expect.objectContaining({ message: 'Invalid global ID.', extensions: { code: 'BAD_USER_INPUT' } }),
			])
			expect(text).not.toContain(id)
		}
	})

	test('a staff member sees any user, with their email', async () => {
		const { body } = await post(NODE, { as: 'sam', variables: { id: userId('dan') } })
		expect(body.errors).toBeUndefined()
		expect(body.data?.node).toEqual({
			id: userId('dan'),
			name: 'dan',
			email: 'dan@dealer-a.example',
			kind: 'DEALER',
			organization: { name: 'Dealer A' },
		})
	})

	test("a dealer sees a colleague (but not their email), not a customer and not another dealer's staff", async () => {
		const colleague = await post(NODE, { as: 'dan', variables: { id: userId('dora') } })
		expect(colleague.body.errors).toBeUndefined()
		expect(colleague.body.data?.node).toEqual({
			id: userId('dora'),
			name: 'dora',
			email: null,
			kind: 'DEALER',
			organization: { name: 'Dealer A' },
		})
		for (const other of ['alice', 'dave'] as const) {
			const { body } = await post(NODE, { as: 'dan', variables: { id: userId(other) } })
			expect(body).toEqual({ data: { node: null } })
		}
	})

	test('organizations and regions are visible to anyone signed in', async () => {
		const { body } = await post(
			'query ($id: ID!) { node(id: $id) { ... on Organization { name code kind region { code nameZh nameEn } } } }',
			{ as: 'alice', variables: { id: encodeGlobalID('Organization', dealerA.id) } },
		)
		expect(body).toEqual({
			data: {
				node: {
					name: 'Dealer A',
					code: 'D-A',
					kind: 'DEALER',
					region: { code: 'EAST', nameZh: '华东', nameEn: 'East China' },
				},
			},
		})
	})

	test('nodes answers in the order asked, with null for what is missing or invisible', async () => {
		const { body } = await post('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
			as: 'dan',
			variables: { ids: [userId('dora'), userId('alice'), userId('dan'), encodeGlobalID('User', 'nope')] },
		})
		expect(body).toEqual({ data: { nodes: [{ id: userId('dora') }, null, { id: userId('dan') }, null] } })
	})
})

describe('authentication', () => {
	test('an Authorization header without a valid API token is refused with UNAUTHENTICATED, even next to a valid session cookie', async () => {
		for (const authorization of ['Bearer abc', 'Basic YTpi', 'sometoken']) {
			const { status, body, text } = await post('{ viewer { id } }', { as: 'alice', headers: { authorization } })
			expect(status).toBe(401)
			expect(body.data ?? null).toBeNull()
			expect(body.errors).toEqual([
				expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
			])
			expect(text).not.toContain(authorization.split(' ').at(-1))
		}
	})
})

describe('CSRF prevention', () => {
	test('a cookie request that a cross-site form could send is refused', async () => {
		const cookie = await cookieFor('alice')
		const body = JSON.stringify({ query: '{ viewer { id } }' })
		for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
			const response = await yoga.fetch('http://localhost/graphql', {
				method: 'POST',
				headers: { 'content-type': contentType, cookie },
				body,
			})
			expect(response.status).toBe(403)
			const json = (await response.json()) as GraphQLBody
			expect(json.errors?.[0]?.extensions?.code).toBe('CSRF_PREVENTION')
			expect(JSON.stringify(json)).not.toContain(people.alice.id)
		}
		const get = await yoga.fetch(`http://localhost/graphql?query=${encodeURIComponent('{ viewer { id } }')}`, {
			headers: { cookie },
		})
		expect(get.status).toBe(403)
	})

	test('a GET with the x-graphql-csrf header, or a JSON POST, is served', async () => {
		const cookie = await cookieFor('alice')
		const get = await yoga.fetch(`http://localhost/graphql?query=${encodeURIComponent('{ viewer { id } }')}`, {
			headers: { cookie, 'x-graphql-csrf': '1' },
		})
		expect(get.status).toBe(200)
		expect(withoutCost(await get.json())).toEqual({ data: { viewer: { id: userId('alice') } } })
		const { status } = await post('{ viewer { id } }', { as: 'alice' })
		expect(status).toBe(200)
	})

	test('no other site is allowed to read answers (CORS is off)', async () => {
		const preflight = await yoga.fetch('http://localhost/graphql', {
			method: 'OPTIONS',
			headers: {
				origin: 'https://evil.example',
				'access-control-request-method': 'POST',
				'access-control-request-headers': 'content-type',
			},
		})
		expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
		const { status } = await post('{ viewer { id } }', { as: 'alice', headers: { origin: 'https://evil.example' } })
		expect(status).toBe(200)
		const response = await yoga.fetch('http://localhost/graphql', {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
			body: JSON.stringify({ query: '{ viewer { id } }' }),
		})
		expect(response.headers.get('access-control-allow-origin')).toBeNull()
		expect(response.headers.get('access-control-allow-credentials')).toBeNull()
	})
})

describe('query limits', () => {
	test(`deeper than ${QUERY_LIMITS.depth} levels is refused before it runs`, async () => {
		const fine = '{ viewer { organization { region { id } } } }'
		expect((await post(fine, { as: 'dan' })).body.errors).toBeUndefined()
		// Depth is measured through fragments as well as fields.
		const fields = Array.from({ length: QUERY_LIMITS.depth }, (_, i) => `f${i} {`).join(' ')
		const tooDeep = `query Deep { viewer { ...F } } fragment F on User { ${fields} id ${'}'.repeat(QUERY_LIMITS.depth)} }`
		const { body } = await post(tooDeep, { as: 'sam' })
		expect(body.data ?? null).toBeNull()
		expect(body.errors).toContainEqual(
			expect.objectContaining({
				message: `"Deep" nests 12 levels deep; the limit is 10.`,
				extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' }),
			}),
		)
	})

	test(`more than ${QUERY_LIMITS.aliases} aliases is refused`, async () => {
		const ok = Array.from({ length: QUERY_LIMITS.aliases }, (_, i) => `a${i}: viewer { id }`).join(' ')
		expect((await post(`{ ${ok} }`, { as: 'alice' })).body.errors).toBeUndefined()
		const { body } = await post(`{ ${ok} extra: viewer { id } }`, { as: 'alice' })
		expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX'])
	})

	test('too many tokens or characters is refused without parsing it all', async () => {
		const manyTokens = `{ viewer { ${'id '.repeat(QUERY_LIMITS.tokens)} } }`
		expect(manyTokens.length).toBeLessThan(QUERY_LIMITS.characters)
		const tokens = await post(manyTokens, { as: 'alice' })
		expect(tokens.body.errors?.[0]?.message).toMatch(/Syntax Error: Document contains more th\w+ 2000 tokens/)
		const long = `{ viewer { id } } # ${'x'.repeat(QUERY_LIMITS.characters)}`
		const characters = await post(long, { as: 'alice' })
		expect(characters.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX')
	})

	test("GraphiQL's introspection query fits within every limit", async () => {
		const { body } = await post(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))
		expect(body.errors).toBeUndefined()
	})
})

describe('errors', () => {
	async function withRegionTableGone<T>(fn: () => Promise<T>): Promise<T> {
		await db.sql.query('ALTER TABLE "Region" RENAME TO "RegionGone"')
		try {
			return await fn()
		} finally {
			await db.sql.query('ALTER TABLE "RegionGone" RENAME TO "Region"')
		}
	}
	const QUERY = '{ viewer { name organization { name region { nameEn } } } }'

	test('outside development an unexpected error is masked in the answer and logged in full', async () => {
		logs.length = 0
		const { body, text } = await withRegionTableGone(() => post(QUERY, { as: 'dan' }))
		expect(body.errors).toEqual([
			expect.objectContaining({
				message: 'Unexpected error.',
				path: ['viewer', 'organization', 'region'],
				extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }),
			}),
		])
		// the rest of the answer stands
		expect(body.data).toEqual({ viewer: { name: 'dan', organization: { name: 'Dealer A', region: null } } })
		const logged = logs.filter((l) => l.level === 50)
		expect(logged).toHaveLength(1)

		// The same failure in development, where the message is the point: none of it leaked above.
		logs.length = 0
		const dev = createGraphQLHandler(servicesFor('development'))
		const shown = await withRegionTableGone(() => post(QUERY, { as: 'dan', server: dev }))
		const message = shown.body.errors?.[0]?.message ?? ''
		expect(message).toMatch(/Region/)
		expect(text).not.toContain(message)
		expect(text).not.toMatch(/RegionGone|does not exist|prisma|stack/i)
		expect((logged[0]?.err as { message?: string } | undefined)?.message).toBe(message)
		expect(logs.filter((l) => l.level === 50)).toHaveLength(0)
	})
})

describe('GraphiQL', () => {
	// who gets it (signed-in staff, in every environment) is graphiql.db.test.ts's
	test('is not served to anonymous callers, not even in development', async () => {
		const page = (server: GraphQLHandler) =>
			server.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } })
		for (const server of [createGraphQLHandler(servicesFor('development')), yoga]) {
			const response = await page(server)
			expect(response.headers.get('content-type') ?? '').not.toMatch(/html/)
			expect(await response.text()).not.toMatch(/graphiql/i)
		}
	})
})

describe('behind Express', () => {
	test('answers at /graphql when mounted with app.use, as the Node server mounts it', async () => {
		const app = express()
		app.use('/graphql', (req, res) => yoga(req, res))
		const server = app.listen(0, '127.0.0.1')
		await new Promise((resolve) => server.once('listening', resolve))
		try {
			const { port } = server.address() as AddressInfo
			const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie: await cookieFor('sam') },
				body: JSON.stringify({ query: '{ viewer { kind staffRole } }' }),
			})
			expect(withoutCost(await response.json())).toEqual({ data: { viewer: { kind: 'STAFF', staffRole: 'AGENT' } } })
		} finally {
			await new Promise((resolve) => server.close(resolve))
		}
	})
})
