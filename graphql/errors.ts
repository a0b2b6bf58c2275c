import { GraphQLError } from 'graphql'

/**
 * Top-level errors, which are for malformed requests, authentication and bugs (business rules
 * answer in a payload's `userErrors`). Their messages are written for API clients and are safe
 * to show: Yoga passes GraphQLErrors through its masking, and masks everything else.
 */

/**
 * 401 with the challenge RFC 9110 asks for. `challenge` is the WWW-Authenticate value: plain
 * `Bearer` when the request used no scheme we accept, `Bearer error="invalid_token"` when its
 * token is unknown, revoked or expired (RFC 6750 §3.1: which of them is not said).
 */
export function unauthenticatedError(message: string, challenge = 'Bearer'): GraphQLError {
	return new GraphQLError(message, {
		extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': challenge } } },
	})
}

/** Arguments that are well-typed but cannot be right, whoever asks. */
export function badUserInputError(message: string): GraphQLError {
	return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } })
}

/** A global ID that is not one: not ours, truncated, or naming a type that has no nodes. */
export function invalidGlobalIdError(): GraphQLError {
	return badUserInputError('Invalid global ID.')
}

export function queryTooComplexError(message: string): GraphQLError {
	return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } })
}

/** What graphql/plugins/query-cost.ts reports in `extensions.cost` (Shopify's shape). */
export interface CostExtension {
	requestedQueryCost: number
	/** what the answer held, once it ran; the difference went back into the budget */
	actualQueryCost?: number
	throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number }
}

/** One operation that costs more than any caller may spend at once; refused before it runs. */
export function maxCostExceededError(cost: number, maximum: number): GraphQLError {
	return new GraphQLError(
		`The query costs ${cost} points; the most one query may cost is ${maximum}. Ask for smaller pages or fewer fields.`,
		{ extensions: { code: 'MAX_COST_EXCEEDED', cost, maximumCost: maximum, http: { status: 400 } } },
	)
}

/** The caller's budget holds less than the query costs: 429, with when to try again. */
export function throttledError(cost: number, available: number, retryAfterSeconds: number): GraphQLError {
	return new GraphQLError(
		`Throttled: the query costs ${cost} points and ${Math.floor(available)} are available. Retry in ${retryAfterSeconds} s.`,
		{
			extensions: {
				code: 'THROTTLED',
				cost,
				retryAfterSeconds,
				http: { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
			},
		},
	)
}
