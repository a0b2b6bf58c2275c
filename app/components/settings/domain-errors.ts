import { encodeMessage } from '#app/components/filing/messages.tsx'
import { DomainValidationError } from '#app/domain/errors.ts'

/**
 * A settings command's validation error as Conform's reply options: next to its field when the
 * form has that field, else about the whole form. Anything else is not ours to answer: rethrown.
 */
export function replyOptionsFor(error: unknown, fields: readonly string[]) {
	if (!(error instanceof DomainValidationError)) throw error
	const message = encodeMessage(error.messageKey, error.params)
	return fields.includes(error.field) ? { fieldErrors: { [error.field]: [message] } } : { formErrors: [message] }
}
