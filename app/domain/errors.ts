/**
 * What a domain command can refuse with. Routes turn these into pages and field messages,
 * GraphQL into `userErrors`; neither shows a stack trace or SQL to anyone.
 */

/** The record does not exist, or the viewer may not see it: the two look the same on purpose. */
export class NotFoundError extends Error {
	name = 'NotFoundError'
	constructor(public readonly entity: string) {
		super(`${entity} not found`)
	}
}

/** The viewer can see the record but the action does not apply in its current state. */
export class InvalidTransitionError extends Error {
	name = 'InvalidTransitionError'
	constructor(
		public readonly action: string,
		public readonly status: string,
	) {
		super(`${action} is not possible while the complaint is ${status}`)
	}
}

/** Someone else changed the record first (optimistic concurrency); reload and try again. */
export class ConflictError extends Error {
	name = 'ConflictError'
	constructor(message = 'the record was changed by someone else') {
		super(message)
	}
}

/** The viewer can see the record but lacks the authority for this action. */
export class InsufficientAuthorityError extends Error {
	name = 'InsufficientAuthorityError'
	constructor(public readonly permission: string) {
		super(`missing permission ${permission}`)
	}
}

/**
 * Input that passed the form's schema but fails a rule that needs the database (an order
 * number that is not the customer's, an 11th photo). `field` names the form field; `message`
 * is an i18n key in the `validation` namespace, like the schemas' messages.
 */
export class DomainValidationError extends Error {
	name = 'DomainValidationError'
	constructor(
		public readonly field: string,
		public readonly messageKey: string,
		public readonly params: Record<string, string | number> = {},
	) {
		super(`${field}: ${messageKey}`)
	}
}
