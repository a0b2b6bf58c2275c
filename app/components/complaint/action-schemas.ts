import * as z from 'zod'
import type { CustomerAction } from '#app/domain/complaints/lifecycle.ts'
import {
	AddInformationSchema,
	DisputeSchema,
	EscalateSchema,
	NotificationsSchema,
	UPLOAD_LIMITS,
	WithdrawSchema,
} from '#app/domain/complaints/schemas.ts'
import { encodeMessage } from '#app/components/filing/messages.tsx'

/**
 * The complaint page's forms: one form per action, each posting its `intent`. The field
 * rules are the domain's (schemas.ts); what is added here only concerns the page: the
 * withdrawal's confirmation box, and checks of picked files that spare a long upload that the
 * server would refuse (the server checks again, from the bytes).
 */

export const INTENTS = [
	'add-information',
	'accept-resolution',
	'dispute-resolution',
	'withdraw',
	'escalate',
	'set-notifications',
] as const
export type Intent = (typeof INTENTS)[number]

export function isIntent(value: unknown): value is Intent {
	return typeof value === 'string' && (INTENTS as readonly string[]).includes(value)
}

/** The lifecycle action an intent needs to be open; the email choice is always open to the owner. */
export function customerActionOf(intent: Intent): CustomerAction | null {
	return intent === 'set-notifications' ? null : intent
}

const MAX_MB = Math.round(UPLOAD_LIMITS.maxFileBytes / (1024 * 1024))

function pickedFiles(value: unknown): File[] {
	const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]
	return values.filter((v): v is File => typeof File !== 'undefined' && v instanceof File && v.size > 0)
}

// Browsers often give HEIC photos no type at all: then the name decides, here only; the
// server decides from the bytes.
const ACCEPTED_TYPES: readonly string[] = UPLOAD_LIMITS.acceptedTypes
function looksAccepted(file: File): boolean {
	if (file.type) return ACCEPTED_TYPES.includes(file.type)
	return /\.(jpe?g|png|webp|heic|heif|pdf)$/i.test(file.name)
}

/** `remaining`: how many more files the complaint can take. */
export function addInformationSchema(remaining: number = UPLOAD_LIMITS.maxFilesPerComplaint) {
	return AddInformationSchema.extend({
		// on the server the files have been taken out of the form already; only the browser sees them
		photos: z
			.any()
			.optional()
			.superRefine((value, ctx) => {
				const files = pickedFiles(value)
				if (files.length > remaining) {
					ctx.addIssue({
						code: 'custom',
						message: encodeMessage('validation:tooManyFiles', { max: UPLOAD_LIMITS.maxFilesPerComplaint }),
					})
				}
				for (const file of files) {
					if (!looksAccepted(file)) {
						ctx.addIssue({
							code: 'custom',
							message: encodeMessage('validation:fileTypeNotAccepted', { name: file.name }),
						})
					} else if (file.size > UPLOAD_LIMITS.maxFileBytes) {
						ctx.addIssue({
							code: 'custom',
							message: encodeMessage('validation:fileTooLarge', { name: file.name, maxMb: MAX_MB }),
						})
					}
				}
			}),
	})
}

export const DisputeForm = DisputeSchema
export const EscalateForm = EscalateSchema
export const NotificationsForm = NotificationsSchema

const CONFIRM = 'complaints:validation.confirmWithdraw'
export const WithdrawForm = WithdrawSchema.extend({
	confirm: z.string({ error: CONFIRM }).refine((value) => value === 'on', { error: CONFIRM }),
})

export const UPLOAD_HINT = { max: UPLOAD_LIMITS.maxFilesPerComplaint, maxMb: MAX_MB }
