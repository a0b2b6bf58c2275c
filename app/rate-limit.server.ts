import { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import { COST_LIMITS } from '#graphql/limits.ts'
import { createTokenBuckets, type BucketOptions, type TokenBuckets } from './token-bucket.server.ts'

/**
 * Limits on the account forms (DESIGN.md §9, Zammad's defaults): a wrong password or a flood of
 * reset requests gets "try again in N seconds" instead of either unlimited guessing or a
 * permanent lock-out that a stranger could inflict on someone else's account.
 * Kept in memory, or in Redis when REDIS_URL is set so that every instance shares the counts.
 */
export interface RateLimitRule {
	points: number
	durationSeconds: number
}

export const RULES = {
	signInPerAccount: { points: 3, durationSeconds: 60 },
	// only failed sign-ins count per address (see refund): a team behind one office address signs
	// in at nine without locking each other out, while guessing across accounts is still capped
	signInPerAddress: { points: 10, durationSeconds: 60 },
	resetPerAccount: { points: 3, durationSeconds: 60 },
	resetPerAddress: { points: 3, durationSeconds: 60 },
	signUpPerAddress: { points: 20, durationSeconds: 3600 },
	verifyPerAddress: { points: 10, durationSeconds: 60 },
	// the survey link page (no sign-in): opening and answering count alike; a person needs a few
	// requests a minute, guessing links needs millions
	surveyPerAddress: { points: 30, durationSeconds: 60 },
} satisfies Record<string, RateLimitRule>

export type RateLimitName = keyof typeof RULES

export class RateLimitedError extends Error {
	name = 'RateLimitedError'
	constructor(public readonly retryAfterSeconds: number) {
		super(`rate limited; retry after ${retryAfterSeconds}s`)
	}
}

export interface RateLimits {
	/** Counts one attempt against every key given; throws RateLimitedError when any is over. */
	consume(checks: Array<[RateLimitName, string]>): Promise<void>
	/** Forgets a key's count, e.g. the account's failures after a successful sign-in. */
	reset(name: RateLimitName, key: string): Promise<void>
	/** Gives back one attempt, e.g. the address's after a successful sign-in. */
	refund(name: RateLimitName, key: string): Promise<void>
	/** GraphQL query cost budgets, per caller (graphql/plugins/query-cost.ts) */
	queryCost: TokenBuckets
	close(): Promise<void>
}

const QUERY_COST_BUCKET = {
	capacity: COST_LIMITS.maximumAvailable,
	restoreRate: COST_LIMITS.restoreRate,
	keyPrefix: 'qc:',
}

export function createRateLimits({
	redisUrl,
	rules = RULES,
	queryCost,
}: {
	redisUrl?: string
	rules?: Record<RateLimitName, RateLimitRule>
	/** tests: a key prefix of their own, a clock */
	queryCost?: Partial<BucketOptions>
} = {}): RateLimits {
	const redis = redisUrl ? new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null
	const limiters = Object.fromEntries(
		Object.entries(rules).map(([name, rule]) => {
			const options = { keyPrefix: `rl:${name}`, points: rule.points, duration: rule.durationSeconds }
			const limiter: RateLimiterAbstract = redis
				? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) })
				: new RateLimiterMemory(options)
			return [name, limiter]
		}),
	) as Record<RateLimitName, RateLimiterAbstract>

	return {
		async consume(checks) {
			let retryAfter = 0
			for (const [name, key] of checks) {
				try {
					await limiters[name].consume(key.toLowerCase())
				} catch (error) {
					if (!(error instanceof RateLimiterRes)) throw error
					retryAfter = Math.max(retryAfter, Math.ceil(error.msBeforeNext / 1000))
				}
			}
			if (retryAfter > 0) throw new RateLimitedError(retryAfter)
		},
		async reset(name, key) {
			await limiters[name].delete(key.toLowerCase())
		},
		async refund(name, key) {
			await limiters[name].reward(key.toLowerCase(), 1)
		},
		queryCost: createTokenBuckets({ ...QUERY_COST_BUCKET, ...queryCost }, redis),
		async close() {
			redis?.disconnect()
		},
	}
}
