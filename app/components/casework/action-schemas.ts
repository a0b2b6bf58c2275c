import * as z from 'zod'
import { encodeMessage } from '#app/components/filing/messages.tsx'
import { COST_BEARERS } from '#app/domain/approvals/cost-bearer.ts'
import { STAFF_ACTIONS, type StaffAction } from '#app/domain/complaints/workflow.ts'
import { MESSAGE_MAX, REASON_MAX, REMEDIES, UPLOAD_LIMITS } from '#app/domain/complaints/schemas.ts'

/**
 * The case page's forms: one per workflow action, each posting its `intent` (the action's name)
 * and the complaint's version it was rendered at. The schemas turn the form's strings into the
 * commands' input (yuan into fen, a local date and time into an instant); the commands check
 * the rules that need the database. Messages are i18n keys.
 */

export type Intent = StaffAction
export const INTENTS = STAFF_ACTIONS

export function isIntent(value: unknown): value is Intent {
	return typeof value === 'string' && (INTENTS as readonly string[]).includes(value)
}

const text = (max: number, tooLong: string) =>
	z
		.string({ error: 'validation:required' })
		.trim()
		.min(1, { error: 'validation:required' })
		.max(max, { error: tooLong })
const message = () => text(MESSAGE_MAX, 'validation:messageTooLong')
const reason = () => text(REASON_MAX, 'validation:reasonTooLong')
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { error: (issue) => (issue.input === undefined ? 'validation:required' : 'validation:choose') })

export const NOTE_VISIBILITIES = ['INTERNAL', 'PARTNER'] as const
export const FINDING_KINDS = ['ON_SITE_VISIT', 'SAMPLE'] as const
export const RESPONSIBILITIES = [
	'QUALITY_DEFECT',
	'CUSTOMER_MISUSE',
	'TRANSPORT_DAMAGE',
	'DEALER',
	'UNDETERMINED',
	'NOT_COMPANY',
] as const
export const DEPARTMENTS = ['AFTER_SALES', 'QUALITY', 'SALES', 'PRODUCTION', 'LOGISTICS', 'TECHNICAL'] as const
export const DECISIONS = ['APPROVED', 'DECLINED'] as const
export const SAMPLE_REFERENCE_MAX = 80

// ---- files: checked in the browser to spare a long upload the server would refuse ----

const MAX_MB = Math.round(UPLOAD_LIMITS.maxFileBytes / (1024 * 1024))
export const UPLOAD_HINT = { max: UPLOAD_LIMITS.maxFilesPerComplaint, maxMb: MAX_MB }
export const ACCEPTED_FILES = 'image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif,application/pdf'
const ACCEPTED_TYPES: readonly string[] = UPLOAD_LIMITS.acceptedTypes

function pickedFiles(value: unknown): File[] {
	const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]
	return values.filter((v): v is File => typeof File !== 'undefined' && v instanceof File && v.size > 0)
}

// on the server the files have been taken out of the form already; only the browser sees them
const photos = z
	.any()
	.optional()
	.superRefine((value, ctx) => {
		const files = pickedFiles(value)
		if (files.length > UPLOAD_LIMITS.maxFilesPerComplaint)
			ctx.addIssue({
				code: 'custom',
				message: encodeMessage('validation:tooManyFiles', { max: UPLOAD_LIMITS.maxFilesPerComplaint }),
			})
		for (const file of files) {
			// browsers often give HEIC photos no type at all: then the name decides, here only
			const accepted = file.type
				? ACCEPTED_TYPES.includes(file.type)
				: /\.(jpe?g|png|webp|heic|heif|pdf)$/i.test(file.name)
			if (!accepted)
				ctx.addIssue({ code: 'custom', message: encodeMessage('validation:fileTypeNotAccepted', { name: file.name }) })
			else if (file.size > UPLOAD_LIMITS.maxFileBytes)
				ctx.addIssue({
					code: 'custom',
					message: encodeMessage('validation:fileTooLarge', { name: file.name, maxMb: MAX_MB }),
				})
		}
	})

// ---- yuan and local times ----

/** "1,280.5" yuan → 128050 fen. Empty means no money involved. */
export const AmountSchema = z
	.string()
	.optional()
	.transform((value, ctx) => {
		const cleaned = (value ?? '').replace(/[\s,，¥￥]/g, '')
		if (!cleaned) return 0
		const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(cleaned)
		if (!match) {
			ctx.addIssue({ code: 'custom', message: 'casework:validation.amountInvalid' })
			return z.NEVER
		}
		return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
	})

/** Fen as the amount field shows it: 128050 → "1280.50". */
export function yuanOf(amountMinor: number): string {
	return `${Math.trunc(amountMinor / 100)}.${String(amountMinor % 100).padStart(2, '0')}`
}

/**
 * The company works in China time (the page shows every time in it, see date-time.tsx), so a
 * `datetime-local` value is read as Asia/Shanghai, which has had no daylight saving since 1991.
 */
const CHINA_OFFSET = '+08:00'
const FUTURE_SLACK_MS = 5 * 60_000
export const LocalDateTimeSchema = z
	.string({ error: 'validation:required' })
	.trim()
	.min(1, { error: 'validation:required' })
	.transform((value, ctx) => {
		const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value) ? new Date(`${value}${CHINA_OFFSET}`) : null
		if (!at || Number.isNaN(at.getTime())) {
			ctx.addIssue({ code: 'custom', message: 'casework:validation.dateInvalid' })
			return z.NEVER
		}
		if (at.getTime() > Date.now() + FUTURE_SLACK_MS) {
			ctx.addIssue({ code: 'custom', message: 'casework:validation.dateInFuture' })
			return z.NEVER
		}
		return at
	})

/** An instant as a `datetime-local` value in China time: the field's default. */
export function localDateTimeValue(at: Date): string {
	return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16)
}

const checkbox = z
	.string()
	.optional()
	.transform((value) => value === 'on')

// ---- one schema per form ----

export const AcknowledgeForm = z.object({ reply: message() })
export const ReplyForm = z.object({ body: message(), photos })
export const NoteForm = z.object({ body: message(), visibility: choice(NOTE_VISIBILITIES), photos })
export const InvestigateForm = z.object({})
export const RequestInformationForm = z.object({ message: message() })
export const RecordFindingForm = z
	.object({
		kind: choice(FINDING_KINDS),
		occurredAt: LocalDateTimeSchema,
		summary: message(),
		sampleReference: z
			.string()
			.trim()
			.max(SAMPLE_REFERENCE_MAX, { error: 'casework:validation.sampleReferenceTooLong' })
			.optional()
			.transform((value) => value || undefined),
		photos,
	})
	.refine((value) => value.kind !== 'SAMPLE' || !!value.sampleReference, {
		path: ['sampleReference'],
		error: 'casework:validation.sampleReferenceRequired',
		when: (payload) => (payload.value as { kind?: unknown } | undefined)?.kind === 'SAMPLE',
	})
export const DetermineResponsibilityForm = z.object({
	responsibility: choice(RESPONSIBILITIES),
	summary: message(),
	photos,
})
export const ProposeResolutionForm = z.object({
	type: choice(REMEDIES),
	summary: message(),
	amount: AmountSchema,
	costBearer: choice(COST_BEARERS),
})
export const DecideApprovalForm = z
	.object({
		stepId: z.string({ error: 'validation:required' }).min(1, { error: 'validation:required' }),
		decision: choice(DECISIONS),
		comment: z
			.string()
			.trim()
			.max(REASON_MAX, { error: 'validation:reasonTooLong' })
			.optional()
			.transform((value) => value ?? ''),
	})
	// a refusal says why, so the proposer can do better (004 §5.7)
	.refine((value) => value.decision !== 'DECLINED' || value.comment.length > 0, {
		path: ['comment'],
		error: 'casework:validation.commentRequired',
		when: (payload) => (payload.value as { decision?: unknown } | undefined)?.decision === 'DECLINED',
	})
export const RouteForm = z.object({
	department: choice(DEPARTMENTS),
	assigneeId: z
		.string()
		.optional()
		.transform((value) => value || null),
})
export const ResolveForm = z.object({ reply: message() })
export const RejectForm = z.object({ reason: message(), toldOfAuthoritiesRight: checkbox })
export const EscalateForm = z.object({ reason: reason() })
export const CloseForm = z.object({})
export const ReopenForm = z.object({ reason: reason() })

export const FORMS = {
	acknowledge: AcknowledgeForm,
	reply: ReplyForm,
	note: NoteForm,
	investigate: InvestigateForm,
	'request-information': RequestInformationForm,
	'record-finding': RecordFindingForm,
	'determine-responsibility': DetermineResponsibilityForm,
	'propose-resolution': ProposeResolutionForm,
	'decide-approval': DecideApprovalForm,
	route: RouteForm,
	resolve: ResolveForm,
	reject: RejectForm,
	escalate: EscalateForm,
	close: CloseForm,
	reopen: ReopenForm,
} as const satisfies Record<Intent, z.ZodType>

/** The forms that send files (multipart), under the field `photos`. */
export const WITH_FILES: readonly Intent[] = ['reply', 'note', 'record-finding', 'determine-responsibility']

/** The written replies to the customer: these offer the saved reply templates, in this field. */
export const TEMPLATE_FIELD: Partial<Record<Intent, string>> = {
	acknowledge: 'reply',
	reply: 'body',
	'request-information': 'message',
	resolve: 'reply',
	reject: 'reason',
}

/** The version the form was rendered at, sent with every form. */
export const ExpectedVersionSchema = z.coerce.number().int().positive()
