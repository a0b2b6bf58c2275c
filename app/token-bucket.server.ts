import type { Redis } from 'ioredis'

/**
 * Token buckets: each key holds up to `capacity` points and gets `restoreRate` points back per
 * second; a request takes what it costs, or nothing when the bucket holds less (Shopify's
 * "leaky bucket" for GraphQL query cost). In Redis when given a client, so that every instance
 * draws on one bucket per key; in memory otherwise.
 */
export interface BucketOptions {
	capacity: number
	/** points per second */
	restoreRate: number
	keyPrefix: string
	/** milliseconds; injectable for tests. With Redis, the instances' clocks must agree (NTP). */
	now?: () => number
}

export interface BucketState {
	/** whether the points were taken */
	taken: boolean
	/** points left after this call */
	available: number
	/** seconds until the points asked for are available again; 0 when taken */
	retryAfterSeconds: number
}

export interface TokenBuckets {
	readonly capacity: number
	readonly restoreRate: number
	/** Takes `points` from the key's bucket if it holds that many; otherwise takes nothing. */
	take(key: string, points: number): Promise<BucketState>
	/** Gives points back, never beyond capacity (a query that cost less than estimated). */
	give(key: string, points: number): Promise<BucketState>
}

// Refills, then takes (a negative `take` gives back); one round trip, atomic across instances.
// Floats travel as strings: Redis truncates Lua numbers to integers in replies.
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local take = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 'available', 'at')
local available = tonumber(state[1])
local at = tonumber(state[2])
if available == nil or at == nil then
	available = capacity
	at = now
end
if now > at then
	available = math.min(capacity, available + (now - at) * rate / 1000)
	at = now
end
local taken = 0
if take <= available then
	available = math.min(capacity, available - take)
	taken = 1
end
redis.call('HSET', KEYS[1], 'available', tostring(available), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - available) * 1000 / rate) + 1000)
return { taken, tostring(available) }
`

export function createTokenBuckets(options: BucketOptions, redis?: Redis | null): TokenBuckets {
	const memory = memoryBuckets(options)
	if (!redis) return memory
	const now = options.now ?? Date.now
	const run = async (key: string, points: number): Promise<BucketState> => {
		let reply: [number, string]
		try {
			await connected(redis)
			reply = (await redis.eval(
				TAKE_SCRIPT,
				1,
				`${options.keyPrefix}${key}`,
				options.capacity,
				options.restoreRate,
				now(),
				points,
			)) as [number, string]
		} catch {
			// Redis down: each instance keeps its own buckets rather than refusing every query.
			return points >= 0 ? memory.take(key, points) : memory.give(key, -points)
		}
		return stateOf(options, reply[0] === 1, Number(reply[1]), points)
	}
	return {
		capacity: options.capacity,
		restoreRate: options.restoreRate,
		take: (key, points) => run(key, points),
		give: (key, points) => run(key, -points),
	}
}

/**
 * The client is made without an offline queue (app/rate-limit.server.ts), so that a Redis that is
 * down costs no waiting; but a fresh instance's first queries would then miss Redis while it is
 * still connecting, and spend from a bucket of their own. They wait for the first connection.
 */
async function connected(redis: Redis): Promise<void> {
	if (redis.status !== 'connecting' && redis.status !== 'connect') return
	await new Promise<void>((resolve) => {
		const done = () => {
			clearTimeout(timer)
			redis.off('ready', done)
			resolve()
		}
		const timer = setTimeout(done, 1000)
		redis.once('ready', done)
	})
}

function memoryBuckets(options: BucketOptions): TokenBuckets {
	const now = options.now ?? Date.now
	const buckets = new Map<string, { available: number; at: number }>()

	function refilled(key: string) {
		const time = now()
		const bucket = buckets.get(key) ?? { available: options.capacity, at: time }
		if (time > bucket.at) {
			bucket.available = Math.min(
				options.capacity,
				bucket.available + ((time - bucket.at) * options.restoreRate) / 1000,
			)
			bucket.at = time
		}
		return bucket
	}

	function store(key: string, bucket: { available: number; at: number }) {
		if (bucket.available >= options.capacity) buckets.delete(key)
		else buckets.set(key, bucket)
		// full buckets are forgotten; sweep the rest now and then so idle callers do not pile up
		if (buckets.size > 10_000) {
			for (const other of [...buckets.keys()]) if (refilled(other).available >= options.capacity) buckets.delete(other)
		}
	}

	function run(key: string, points: number): BucketState {
		const bucket = refilled(key)
		const taken = points <= bucket.available
		if (taken) bucket.available = Math.min(options.capacity, bucket.available - points)
		store(key, bucket)
		return stateOf(options, taken, bucket.available, points)
	}

	return {
		capacity: options.capacity,
		restoreRate: options.restoreRate,
		take: async (key, points) => run(key, points),
		give: async (key, points) => run(key, -points),
	}
}

function stateOf(options: BucketOptions, taken: boolean, available: number, points: number): BucketState {
	return {
		taken,
		available,
		retryAfterSeconds: taken ? 0 : Math.max(1, Math.ceil((points - available) / options.restoreRate)),
	}
}
