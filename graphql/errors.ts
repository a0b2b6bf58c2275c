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
