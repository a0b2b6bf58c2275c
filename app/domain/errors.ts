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

/** A change someone else made after the viewer loaded the record: what a stale form missed. */
export interface MissedChange {
	type: string
	actorName: string | null
	at: Date
	fromStatus: string | null
	toStatus: string | null
	/** field: { before, after } */
	changes: Record<string, { before: unknown; after: unknown }> | null
}

/**
 * Someone else changed the record first (optimistic concurrency). `missed` lists their changes
 * (when known) so the second person is told what changed instead of overwriting it.
 */
export class ConflictError extends Error {
	name = 'ConflictError'
	constructor(
		message = 'the record was changed by someone else',
		public readonly missed: MissedChange[] = [],
	) {
		super(message)
	}
}

/**
 * The workflow refuses the action for a reason other than the status or a missing permission
 * (no responsibility recorded yet, quality decides, the reopen window has passed…). `code` is
 * one of workflow.ts `Refusal`.
 */
export class WorkflowRefusedError extends Error {
	name = 'WorkflowRefusedError'
	constructor(
		public readonly action: string,
		public readonly code: string,
	) {
		super(`${action} refused: ${code}`)
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

/**
 * Several inputs break their rules at once (a form or an API call checked as a whole): each is
 * reported beside its own field, rather than one at a time over several round trips.
 */
export class DomainValidationErrors extends Error {
	name = 'DomainValidationErrors'
	constructor(public readonly errors: readonly DomainValidationError[]) {
		super(errors.map((e) => e.message).join('; '))
	}
}
