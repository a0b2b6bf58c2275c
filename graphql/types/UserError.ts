import {
	ConflictError,
	WorkflowRefusedError,
	DomainValidationError,
	DomainValidationErrors,
	InsufficientAuthorityError,
	InvalidTransitionError,
	NotFoundError,
} from '#app/domain/errors.ts'
import { UPLOAD_LIMITS } from '#app/domain/complaints/schemas.ts'
import { createI18n } from '#app/i18n/i18n.server.ts'
import { builder } from '../builder.ts'

/**
 * Business-rule failures travel in a payload's `userErrors` (Shopify's shape), never as
 * top-level errors: the client gets a code it can act on and a field path it can show.
 */
export const UserErrorCodeEnum = builder.enumType('UserErrorCode', {
	description: 'Why a mutation did not do what was asked.',
	values: {
		INVALID: { description: 'An input value breaks a rule; `field` names it.' },
		NOT_FOUND: { description: 'The record does not exist or the viewer may not see it.' },
		INVALID_TRANSITION: { description: 'The action does not apply in the record’s current state.' },
		INSUFFICIENT_AUTHORITY: { description: 'The viewer can see the record but may not do this.' },
		CONFLICT: { description: 'Someone else changed the record first; read it again and retry.' },
		WORKFLOW_RULE: {
			description:
				'A workflow rule refuses the action now (no responsibility recorded, approval pending, reopen window passed…); the message names the rule.',
		},
		FILE_TOO_LARGE: {
			description: `An uploaded file is larger than ${UPLOAD_LIMITS.maxFileBytes / (1024 * 1024)} MB; \`field\` points at it.`,
		},
		FILE_TYPE_NOT_ACCEPTED: {
			description:
				'An uploaded file is not a JPEG, PNG, WebP or HEIC/HEIF image nor a PDF, judged by its bytes (an SVG, a script renamed .jpg); `field` points at it.',
		},
		FILE_UNREADABLE: {
			description: 'An uploaded file has the right type but cannot be decoded (damaged); `field` points at it.',
		},
		IMAGE_TOO_LARGE: {
			description: `An uploaded image has more than ${UPLOAD_LIMITS.maxPixels / 1e6} megapixels; \`field\` points at it.`,
		},
		TOO_MANY_FILES: {
			description: `More files than may be attached at once (${UPLOAD_LIMITS.maxFilesPerComplaint}), or than a request carries; \`field\` points at the first one too many.`,
		},
	},
})

/**
 * The upload pipeline's refusals (app/uploads/process-file.server.ts and the domain's file
 * count checks), by their message key, each with its own code so that a client can tell a
 * file to shrink from one to drop.
 */
export const FILE_ERROR_CODES: Readonly<Record<string, UserErrorShape['code']>> = {
	'validation:fileTooLarge': 'FILE_TOO_LARGE',
	'validation:fileTypeNotAccepted': 'FILE_TYPE_NOT_ACCEPTED',
	'validation:fileUnreadable': 'FILE_UNREADABLE',
	'validation:imageTooLarge': 'IMAGE_TOO_LARGE',
	'validation:tooManyFiles': 'TOO_MANY_FILES',
	'validation:tooManyFilesAtOnce': 'TOO_MANY_FILES',
}

export interface UserErrorShape {
	message: string
	field: string[] | null
	code:
		| 'INVALID'
		| 'NOT_FOUND'
		| 'INVALID_TRANSITION'
		| 'INSUFFICIENT_AUTHORITY'
		| 'CONFLICT'
		| 'WORKFLOW_RULE'
		| 'FILE_TOO_LARGE'
		| 'FILE_TYPE_NOT_ACCEPTED'
		| 'FILE_UNREADABLE'
		| 'IMAGE_TOO_LARGE'
		| 'TOO_MANY_FILES'
}

export const DisplayableErrorInterface = builder.interfaceRef<UserErrorShape>('DisplayableError').implement({
	description: 'An error a client can show to the person who made the request.',
	fields: (t) => ({
		message: t.exposeString('message', { description: 'What went wrong, in English, for people.' }),
		field: t.exposeStringList('field', {
			nullable: true,
			description: 'The path to the input field at fault, e.g. ["input", "body"]; null when no one field is.',
		}),
	}),
})

export const UserErrorType = builder.objectRef<UserErrorShape>('UserError').implement({
	description: 'A business-rule failure of a mutation.',
	interfaces: [DisplayableErrorInterface],
	fields: (t) => ({
		code: t.expose('code', { type: UserErrorCodeEnum, description: 'What kind of failure, for programs.' }),
	}),
})

const english = createI18n('en')

/**
 * A stale `expectedVersion`: the message lists what the client missed (as the console's
 * "meanwhile" list does), so that it can tell its user rather than retry blindly.
 */
function conflictMessage(error: ConflictError): string {
	const head = 'Someone else changed the record first; read it again and retry.'
	if (error.missed.length === 0) return head
	const changes = error.missed.map((change) => {
		const who = change.actorName ? ` by ${change.actorName}` : ''
		const moved = change.fromStatus && change.toStatus ? ` (${change.fromStatus} → ${change.toStatus})` : ''
		return `${change.type}${who} at ${change.at.toISOString()}${moved}`
	})
	return `${head} Meanwhile: ${changes.join('; ')}.`
}

/** Turns a domain error into userErrors; anything else is a bug and is rethrown (masked). */
export function toUserErrors(error: unknown, fieldPrefix: string[] = ['input']): UserErrorShape[] {
	if (error instanceof DomainValidationErrors) return error.errors.flatMap((e) => toUserErrors(e, fieldPrefix))
	if (error instanceof DomainValidationError)
		return [
			{
				code: FILE_ERROR_CODES[error.messageKey] ?? 'INVALID',
				field: [...fieldPrefix, error.field],
				message: english.t(error.messageKey, error.params),
			},
		]
	if (error instanceof NotFoundError) return [{ code: 'NOT_FOUND', field: null, message: `${error.entity} not found.` }]
	if (error instanceof InvalidTransitionError)
		return [{ code: 'INVALID_TRANSITION', field: null, message: error.message }]
	if (error instanceof InsufficientAuthorityError)
		return [{ code: 'INSUFFICIENT_AUTHORITY', field: null, message: 'You may not do this on this record.' }]
	if (error instanceof ConflictError) return [{ code: 'CONFLICT', field: null, message: conflictMessage(error) }]
	if (error instanceof WorkflowRefusedError)
		return [{ code: 'WORKFLOW_RULE', field: null, message: `${error.action} is refused: ${error.code}` }]
	throw error
}
