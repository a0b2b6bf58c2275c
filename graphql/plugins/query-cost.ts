import type { IncomingMessage } from 'node:http'
import type { ExecutionArgs, ExecutionResult } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import type { Context } from '../context.ts'
import { operationCost } from '../cost.ts'
import { maxCostExceededError, throttledError, type CostExtension } from '../errors.ts'
import { COST_LIMITS } from '../limits.ts'

/**
 * Query cost and the per-caller budget it is paid from (issue 5 §4, Shopify's model): after
 * validation and before anything runs, the operation's cost is computed (graphql/cost.ts); one
 * over COST_LIMITS.maximumQueryCost is refused, and otherwise its cost is taken from the caller's
 * bucket (app/token-bucket.server.ts, shared through Redis when configured). A caller whose
 * bucket holds less gets 429 with Retry-After and nothing runs. Once it has run, what was asked
 * for but not answered (a short page, nulls) goes back into the bucket. Every answer says what
 * the query cost and what is left, in `extensions.cost`.
 */
export function useQueryCost(): Plugin<Context> {
	return {
		async onExecute({ args, setResultAndStopExecution }) {
			const outcome = await charge(args)
			if (!outcome) return
			if ('refusal' in outcome) {
				setResultAndStopExecution(outcome.refusal)
				return
			}
			return {
				async onExecuteDone({ result, setResult }) {
					// a stream (@defer) keeps its own extensions; this schema has none
					if (!isSingleResult(result)) return
					setResult({ ...result, extensions: { ...result.extensions, cost: await outcome.settle(result.data) } })
				},
			}
		},
		async onSubscribe({ args, setResultAndStopExecution }) {
			// a subscription pays for its selection once, when it starts
			const outcome = await charge(args)
			if (outcome && 'refusal' in outcome) setResultAndStopExecution(outcome.refusal)
		},
	}
}

type Charge = { settle(data: unknown): Promise<CostExtension> } | { refusal: ExecutionResult }

async function charge(args: ExecutionArgs): Promise<Charge | null> {
	const context = args.contextValue as Context & { req?: IncomingMessage & { ip?: string } }
	const computed = operationCost(args.schema, args.document, args.operationName, args.variableValues)
	// Unknown operations and bad variables: the executor refuses those itself.
	if (!computed) return null
	const buckets = context.services.limits.queryCost
	const status = (currentlyAvailable: number, actualQueryCost?: number): CostExtension => ({
		requestedQueryCost: computed.cost,
		...(actualQueryCost === undefined ? {} : { actualQueryCost }),
		throttleStatus: {
			maximumAvailable: buckets.capacity,
			currentlyAvailable: Math.floor(currentlyAvailable),
			restoreRate: buckets.restoreRate,
		},
	})
	const key = callerKey(context)
	if (computed.errors.length) {
		const left = await buckets.take(key, 0)
		return { refusal: { errors: computed.errors, extensions: { cost: status(left.available) } } }
	}
	if (computed.cost > COST_LIMITS.maximumQueryCost) {
		// nothing is taken for a query that can never run; the status shows what is left
		const left = await buckets.take(key, 0)
		return {
			refusal: {
				errors: [maxCostExceededError(computed.cost, COST_LIMITS.maximumQueryCost)],
				extensions: { cost: status(left.available) },
			},
		}
	}
	const state = await buckets.take(key, computed.cost)
	if (!state.taken) {
		return {
			refusal: {
				errors: [throttledError(computed.cost, state.available, state.retryAfterSeconds)],
				extensions: { cost: status(state.available) },
			},
		}
	}
	return {
		// What was asked for but not answered (short pages, nulls) goes back into the bucket.
		async settle(data) {
			const actual = computed.actualCost(data)
			const refund = computed.cost - actual
			const available = refund > 0 ? (await buckets.give(key, refund)).available : state.available
			return status(available, actual)
		},
	}
}

/**
 * Whose budget pays: the API token's (each token its own, as Shopify's apps), else the signed-in
 * person's across their sessions, else the client address for anonymous requests.
 */
function callerKey(context: Context & { req?: IncomingMessage & { ip?: string } }): string {
	if (context.viewer?.apiTokenId) return `token:${context.viewer.apiTokenId}`
	if (context.viewer) return `user:${context.viewer.userId}`
	return `address:${context.req?.ip ?? context.req?.socket.remoteAddress ?? 'unknown'}`
}

function isSingleResult(result: unknown): result is ExecutionResult {
	return typeof result === 'object' && result !== null && !(Symbol.asyncIterator in result)
}
