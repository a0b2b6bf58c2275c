import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, test } from 'vitest'
import { createRateLimits } from './rate-limit.server.ts'
import { createTokenBuckets, type TokenBuckets } from './token-bucket.server.ts'

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379'

function clock(start = 1_700_000_000_000) {
	const time = { now: start }
	return { now: () => time.now, advance: (seconds: number) => (time.now += seconds * 1000) }
}

async function drainsAndRefills(buckets: TokenBuckets, advance: (seconds: number) => void) {
	expect(await buckets.take('a', 600)).toEqual({ taken: true, available: 400, retryAfterSeconds: 0 })
	// not enough: nothing is taken, and the wait is what 50 points a second need to cover 500 - 400
	expect(await buckets.take('a', 500)).toEqual({ taken: false, available: 400, retryAfterSeconds: 2 })
	expect(await buckets.take('a', 400)).toMatchObject({ taken: true, available: 0 })
	// another key has its own bucket
	expect(await buckets.take('b', 1000)).toMatchObject({ taken: true, available: 0 })
	advance(1.5)
	expect(await buckets.take('a', 0)).toMatchObject({ taken: true, available: 75 })
	advance(100)
	// never beyond capacity
	expect(await buckets.take('a', 0)).toMatchObject({ taken: true, available: 1000 })
	expect(await buckets.take('a', 1001)).toMatchObject({ taken: false, available: 1000 })
	expect(await buckets.take('a', 300)).toMatchObject({ available: 700 })
	expect(await buckets.give('a', 500)).toMatchObject({ available: 1000 })
}

describe('token buckets in memory', () => {
	test('drain by what is taken and refill at the restore rate, up to capacity', async () => {
		const time = clock()
		const buckets = createTokenBuckets({ capacity: 1000, restoreRate: 50, keyPrefix: 't:', now: time.now })
		await drainsAndRefills(buckets, time.advance)
	})
})

// Redis runs beside PostgreSQL on the development machines and in CI (.ci/run); elsewhere these
// are skipped rather than failed, except in CI where a missing Redis is a broken setup.
const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
const redisUp = await probe.connect().then(
	() => true,
	() => false,
)
probe.disconnect()

describe.skipIf(!redisUp && !process.env['CI'])('token buckets in Redis', () => {
	const prefix = `test:${randomUUID()}:`
	const open: Array<{ close(): Promise<void> }> = []
	afterAll(async () => {
		const redis = new Redis(REDIS_URL)
		const keys = await redis.keys(`${prefix}*`)
		if (keys.length) await redis.del(...keys)
		redis.disconnect()
		await Promise.all(open.map((limits) => limits.close()))
	})

	function instance(now: () => number) {
		const limits = createRateLimits({ redisUrl: REDIS_URL, queryCost: { keyPrefix: prefix, now } })
		open.push(limits)
		return limits.queryCost
	}

	test('drain and refill the same way', async () => {
		const time = clock()
		const redis = new Redis(REDIS_URL)
		await drainsAndRefills(
			createTokenBuckets({ capacity: 1000, restoreRate: 50, keyPrefix: `${prefix}one:`, now: time.now }, redis),
			time.advance,
		)
		redis.disconnect()
	})

	test('two instances draw on one budget per caller', async () => {
		const time = clock()
		const first = instance(time.now)
		const second = instance(time.now)
		expect(await first.take('token:t1', 700)).toMatchObject({ taken: true, available: 300 })
		expect(await second.take('token:t1', 400)).toEqual({ taken: false, available: 300, retryAfterSeconds: 2 })
		expect(await second.take('token:t1', 300)).toMatchObject({ taken: true, available: 0 })
		time.advance(2)
		expect(await first.take('token:t1', 0)).toMatchObject({ available: 100 })
		// the key expires once the bucket would be full again, so idle callers leave nothing behind
		const redis = new Redis(REDIS_URL)
		const ttl = await redis.pttl(`${prefix}token:t1`)
		redis.disconnect()
		expect(ttl).toBeGreaterThan(18_000)
		expect(ttl).toBeLessThanOrEqual(19_000)
	})
})
