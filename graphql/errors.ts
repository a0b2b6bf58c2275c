import { GraphQLError } from 'graphql'

/**
 * Top-level errors, which are for malformed requests, authentication and bugs (business rules
 * answer in a payload's `userErrors`). Their messages are written for API clients and are safe
 * to show: Yoga passes GraphQLErrors through its masking, and masks everything else.
 */

// 401 still lacks the WWW-Authenticate challenge RFC 9110 asks for: there is no scheme to name
// until API tokens arrive, and then it becomes `Bearer`.
export function unauthenticatedError(message: string): GraphQLError {
	return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } })
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
