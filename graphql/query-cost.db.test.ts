import { encodeGlobalID } from '@pothos/plugin-relay'
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createComplaintUpdates } from '#app/complaints/updates.server.ts'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import { parseConfig } from '#app/config.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { createApiToken } from '#app/domain/api-tokens/tokens.ts'
import { createRateLimits, type RateLimits } from '#app/rate-limit.server.ts'
import { createTestStorage } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createRegion, createUser } from '#tests/fixtures.ts'
import { COST_LIMITS } from './limits.ts'
import { createGraphQLHandler, type GraphQLHandler } from './yoga.ts'

/**
 * Query cost and the per-caller budget through the real Yoga handler (graphql/plugins/query-cost.ts):
 * each handler gets its own limits with a clock the test moves. The costs are computed by hand
 * from the rules in graphql/cost.ts; graphql/cost.test.ts covers the rules one by one.
 */

let db: Database
const opened: RateLimits[] = []
let dealerCookie: string
let dealerToken: string
let danId: string

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379'

function clock() {
	const time = { now: Date.UTC(2026, 10, 23, 8) }
	return { now: () => time.now, advance: (seconds: number) => (time.now += seconds * 1000) }
}

function handler(now: () => number, options: { redisUrl?: string; keyPrefix?: string } = {}): GraphQLHandler {
	const limits = createRateLimits({ redisUrl: options.redisUrl, queryCost: { now, keyPrefix: options.keyPrefix } })
	opened.push(limits)
	const config = parseConfig({ NODE_ENV: 'production', APP_URL: 'http://portal.test' })
	const logger = pino({ level: 'silent' })
	return createGraphQLHandler({
		config,
		db,
		logger,
		limits,
		storage: createTestStorage(),
		complaintUpdates: createComplaintUpdates({ logger }),
	})
}

beforeAll(async () => {
	db = await createTestDatabase()
	const prisma = db.prisma
	const region = await createRegion(prisma)
	const dealer = await prisma.organization.create({
		data: { kind: 'DEALER', code: `D-${randomUUID().slice(0, 8)}`, name: 'Dealer', regionId: region.id },
	})
	const dan = await createUser(prisma, { kind: 'DEALER', organizationId: dealer.id, name: 'Dan' })
	dealerCookie = `${SESSION_COOKIE}=${(await createSession(prisma, { id: dan.user.id, kind: 'DEALER' })).token}`
	dealerToken = (
		await createApiToken(prisma, dan.viewer, { name: 'ERP', scopes: ['READ_COMPLAINTS'], expiresInDays: 90 })
	).secret
	danId = encodeGlobalID('User', dan.user.id)
})

afterAll(async () => {
	await Promise.all(opened.map((limits) => limits.close()))
	await db?.close()
})

interface Cost {
	requestedQueryCost: number
	throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number }
}
interface GraphQLBody {
	data?: Record<string, unknown> | null
	errors?: Array<{ message: string; extensions?: Record<string, unknown> }>
	extensions?: { cost?: Cost }
}

async function post(
	yoga: GraphQLHandler,
	query: string,
	{ variables, headers = {} }: { variables?: unknown; headers?: Record<string, string> } = {},
) {
	const response = await yoga.fetch('http://portal.test/graphql', {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify({ query, variables }),
	})
	return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLBody }
}

/**
 * `copies` aliases of `nodes(ids:)`, each asking 100 times for Dan, whom Dan's session and token
 * see: 100 points a copy, asked for and answered.
 */
function costly(copies: number) {
	const fields = Array.from({ length: copies }, (_, i) => `n${i}: nodes(ids: $ids) { id }`).join(' ')
	return { query: `query($ids: [ID!]!) { ${fields} }`, variables: { ids: Array(100).fill(danId) } }
}

const VIEWER = '{ viewer { name organization { name region { code } } } }'

describe('query cost', () => {
	test('every answer reports what the query cost and what is left of the budget', async () => {
		const yoga = handler(clock().now)
		const first = await post(yoga, VIEWER, { headers: { cookie: dealerCookie } })
		expect(first.status).toBe(200)
		expect(first.body.data?.['viewer']).toMatchObject({ name: 'Dan', organization: { name: 'Dealer' } })
		// viewer 1 + organization 1 + region 1
		expect(first.body.extensions?.cost).toEqual({
			requestedQueryCost: 3,
			actualQueryCost: 3,
			throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 997, restoreRate: 50 },
		})
		const second = await post(yoga, '{ viewer { name } }', { headers: { cookie: dealerCookie } })
		expect(second.body.extensions?.cost).toMatchObject({
			requestedQueryCost: 1,
			throttleStatus: { currentlyAvailable: 996 },
		})
	})

	test('a query over the maximum is refused before anything runs, and costs nothing', async () => {
		const yoga = handler(clock().now)
		const { query, variables } = costly(11)
		const { status, body } = await post(yoga, query, { variables, headers: { cookie: dealerCookie } })
		expect(status).toBe(400)
		expect(body.data).toBeUndefined()
		expect(body.errors).toHaveLength(1)
		expect(body.errors![0]!.extensions).toEqual({ code: 'MAX_COST_EXCEEDED', cost: 1100, maximumCost: 1000 })
		expect(body.errors![0]!.message).toContain('costs 1100 points')
		expect(body.extensions?.cost).toEqual({
			requestedQueryCost: 1100,
			throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 1000, restoreRate: 50 },
		})
		// at the maximum it runs: ten copies, 1000 points
		const atMaximum = costly(10)
		const ran = await post(yoga, atMaximum.query, { variables: atMaximum.variables, headers: { cookie: dealerCookie } })
		expect(ran.status).toBe(200)
		expect(ran.body.data?.['n9']).toEqual(Array(100).fill({ id: danId }))
		expect(ran.body.extensions?.cost?.throttleStatus.currentlyAvailable).toBe(0)
		expect(COST_LIMITS.maximumQueryCost).toBe(1000)
	})

	test('the budget drains, answers 429 with Retry-After and runs nothing, then refills over time', async () => {
		const time = clock()
		const yoga = handler(time.now)
		const { query, variables } = costly(9)
		const as = { variables, headers: { cookie: dealerCookie } }
		const spent = await post(yoga, query, as)
		expect(spent.status).toBe(200)
		expect(spent.body.extensions?.cost?.throttleStatus.currentlyAvailable).toBe(100)

		const throttled = await post(yoga, query, as)
		expect(throttled.status).toBe(429)
		// 800 points missing at 50 a second
		expect(throttled.headers.get('retry-after')).toBe('16')
		expect(throttled.body.data).toBeUndefined()
		expect(throttled.body.errors).toHaveLength(1)
		expect(throttled.body.errors![0]!.extensions).toEqual({ code: 'THROTTLED', cost: 900, retryAfterSeconds: 16 })
		expect(throttled.body.extensions?.cost?.throttleStatus.currentlyAvailable).toBe(100)

		time.advance(15)
		expect((await post(yoga, query, as)).status).toBe(429)
		time.advance(1)
		const refilled = await post(yoga, query, as)
		expect(refilled.status).toBe(200)
		expect(refilled.body.extensions?.cost?.throttleStatus.currentlyAvailable).toBe(0)
	})

	test('each API token, each person and each anonymous address has a budget of its own', async () => {
		const yoga = handler(clock().now)
		const { query, variables } = costly(10)
		const byToken = { variables, headers: { authorization: `Bearer ${dealerToken}` } }
		expect((await post(yoga, query, byToken)).status).toBe(200)
		expect((await post(yoga, query, byToken)).status).toBe(429)
		// the token's creator, signed in, and an anonymous caller still have theirs
		const bySession = await post(yoga, VIEWER, { headers: { cookie: dealerCookie } })
		expect(bySession.status).toBe(200)
		expect(bySession.body.extensions?.cost?.throttleStatus.currentlyAvailable).toBe(997)
		const anonymous = await post(yoga, VIEWER)
		expect(anonymous.status).toBe(200)
		expect(anonymous.body.data).toEqual({ viewer: null })
		// asked for 3, answered nothing: all 3 go back
		expect(anonymous.body.extensions?.cost).toMatchObject({
			requestedQueryCost: 3,
			actualQueryCost: 0,
			throttleStatus: { currentlyAvailable: 1000 },
		})
	})

	test('what was asked for but not answered goes back into the budget', async () => {
		const yoga = handler(clock().now)
		const query = 'query($n: Int) { complaints(first: $n) { nodes { reference } } viewer { name } }'
		const { status, body } = await post(yoga, query, { variables: { n: 100 }, headers: { cookie: dealerCookie } })
		expect(status).toBe(200)
		// the dealer sold nothing: 1 + 100 × 1 asked for, then the connection and the viewer answered
		expect(body.data).toEqual({ complaints: { nodes: [] }, viewer: { name: 'Dan' } })
		expect(body.extensions?.cost).toEqual({
			requestedQueryCost: 102,
			actualQueryCost: 2,
			throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 998, restoreRate: 50 },
		})
	})

	test('a page size over the cap is refused before anything runs', async () => {
		const yoga = handler(clock().now)
		const query = 'query($n: Int) { complaints(first: $n) { nodes { reference } } }'
		const { body } = await post(yoga, query, { variables: { n: 101 }, headers: { cookie: dealerCookie } })
		expect(body.data).toBeUndefined()
		expect(body.errors).toEqual([
			expect.objectContaining({
				message: '`first` is 101; a page holds at most 100 items.',
				extensions: { code: 'PAGE_SIZE_OUT_OF_RANGE', argument: 'first', max: 100 },
			}),
		])
	})
})

const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
const redisUp = await probe.connect().then(
	() => true,
	() => false,
)
probe.disconnect()

// Skipped where no Redis runs, except in CI, where a missing Redis is a broken setup.
describe.skipIf(!redisUp && !process.env['CI'])('query cost with Redis', () => {
	const keyPrefix = `test:${randomUUID()}:`
	afterAll(async () => {
		const redis = new Redis(REDIS_URL)
		const keys = await redis.keys(`${keyPrefix}*`)
		if (keys.length) await redis.del(...keys)
		redis.disconnect()
	})

	test('two instances share one budget per caller', async () => {
		const time = clock()
		const one = handler(time.now, { redisUrl: REDIS_URL, keyPrefix })
		const two = handler(time.now, { redisUrl: REDIS_URL, keyPrefix })
		const { query, variables } = costly(6)
		const as = { variables, headers: { authorization: `Bearer ${dealerToken}` } }
		expect((await post(one, query, as)).body.extensions?.cost?.throttleStatus.currentlyAvailable).toBe(400)
		const throttled = await post(two, query, as)
		expect(throttled.status).toBe(429)
		// 200 points missing at 50 a second
		expect(throttled.headers.get('retry-after')).toBe('4')
		time.advance(4)
		expect((await post(two, query, as)).body.extensions?.cost?.throttleStatus.currentlyAvailable).toBe(0)
		expect((await post(one, query, as)).status).toBe(429)
	})
})
