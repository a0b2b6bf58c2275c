import * as z from 'zod'
import { normalizeOrderNumber } from '../orders/order-number.ts'

/**
 * Field rules for filing and following a complaint, written once for the portal's forms
 * (client and server) and GraphQL. Messages are i18n keys in the `validation` namespace.
 */

const requiredString = (tooLong: string, max: number) =>
	z
		.string({ error: 'validation:required' })
		.trim()
		.min(1, { error: 'validation:required' })
		.max(max, { error: tooLong })

export const CATEGORIES = ['PRODUCT_QUALITY', 'HANDLING_DAMAGE', 'SERVICE_CONDUCT', 'SALES_POLICY', 'OTHER'] as const
export const SEVERITIES = ['MINOR', 'MAJOR', 'CRITICAL'] as const
export const REMEDIES = ['REPLACEMENT', 'REPAIR', 'REFUND', 'EXPLANATION', 'OTHER'] as const
export const CONTACT_METHODS = ['EMAIL', 'PHONE'] as const
export const NOTIFY_FREQUENCIES = ['EACH_CHANGE', 'DAILY_DIGEST'] as const

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { error: (issue) => (issue.input === undefined ? 'validation:required' : 'validation:choose') })

/** Case, spaces and full-width characters do not matter (see normalizeOrderNumber). */
export const OrderNumberSchema = z
	.string({ error: 'validation:required' })
	.transform(normalizeOrderNumber)
	.pipe(
		z
			.string({ error: 'validation:required' })
			.min(1, { error: 'validation:required' })
			.max(40, { error: 'validation:orderNumberTooLong' })
			.regex(/^[A-Z0-9][A-Z0-9\-_/]*$/, { error: 'validation:orderNumberInvalid' }),
	)

export const OrderStepSchema = z.object({ orderNumber: OrderNumberSchema })

/** `ORDER` when the complaint is about the order as a whole (delivery, conduct, policy). */
export const WHOLE_ORDER = 'ORDER'
export const LineStepSchema = z.object({ orderLineId: requiredString('validation:choose', 40) })

export const TITLE_MAX = 80
export const DESCRIPTION_MIN = 10
export const DESCRIPTION_MAX = 4000
export const DetailsStepSchema = z.object({
	category: choice(CATEGORIES),
	severity: choice(SEVERITIES),
	title: requiredString('validation:titleTooLong', TITLE_MAX),
	description: requiredString('validation:descriptionTooLong', DESCRIPTION_MAX).refine(
		(value) => value.length >= DESCRIPTION_MIN,
		{ error: 'validation:descriptionTooShort' },
	),
	requestedRemedy: choice(REMEDIES),
})

// Mainland mobile and landline numbers, or international with +; spaces and dashes allowed.
const PhoneSchema = z
	.string()
	.trim()
	.transform((value) => value.replace(/[\s-]/g, ''))
	.pipe(z.string().regex(/^\+?\d{7,15}$/, { error: 'validation:phoneInvalid' }))

const ContactPhoneSchema = z.union([z.literal('').transform(() => undefined), PhoneSchema]).optional()

/** A customer who prefers a call leaves a number (the contact step and filing for a customer). */
const withPhoneIfCalled = <S extends z.ZodType<{ preferredContact?: string; contactPhone?: string }>>(schema: S) =>
	schema.refine((value) => value.preferredContact !== 'PHONE' || !!value.contactPhone, {
		path: ['contactPhone'],
		error: 'validation:phoneRequired',
		when: (payload) => {
			const v = payload.value as { preferredContact?: unknown } | undefined
			return v?.preferredContact === 'PHONE'
		},
	})

export const ContactStepSchema = withPhoneIfCalled(
	z.object({
		preferredContact: choice(CONTACT_METHODS),
		contactPhone: ContactPhoneSchema,
		notifyFrequency: choice(NOTIFY_FREQUENCIES),
	}),
)

/** Everything a draft must hold before it can be filed (the review step checks this). */
export const FileableDraftSchema = z.object({
	orderId: z.string().min(1),
	orderLineId: z.string().min(1).nullable(),
	...DetailsStepSchema.shape,
	preferredContact: choice(CONTACT_METHODS),
	contactPhone: z.string().optional(),
	notifyFrequency: choice(NOTIFY_FREQUENCIES),
})
export type FileableDraft = z.infer<typeof FileableDraftSchema>

/** What a draft holds while being written: any subset, kept as JSON in ComplaintDraft.data. */
export const DraftDataSchema = FileableDraftSchema.partial().extend({
	orderNumber: z.string().optional(),
})
export type DraftData = z.infer<typeof DraftDataSchema>

/** A client's key for "file this once": printable ASCII without spaces, such as a UUID. */
export const IDEMPOTENCY_KEY_MAX = 100

/**
 * Filing a complaint for a customer (a dealer through the API, staff from a call or an email):
 * the order by its number and a line by its number on the order, since that is what the
 * dealer's own system knows; then the same fields and rules as the portal's steps. Contact
 * defaults to email on each change, as the portal's contact step offers first.
 */
export const FileForCustomerSchema = withPhoneIfCalled(
	z.object({
		orderNumber: OrderNumberSchema,
		/** checked against the order's lines by the command; null or absent for the whole order */
		lineNumber: z.number().int().nullish(),
		...DetailsStepSchema.shape,
		preferredContact: choice(CONTACT_METHODS).default('EMAIL'),
		contactPhone: ContactPhoneSchema,
		notifyFrequency: choice(NOTIFY_FREQUENCIES).default('EACH_CHANGE'),
		idempotencyKey: z
			.string()
			.max(IDEMPOTENCY_KEY_MAX, { error: 'validation:idempotencyKeyInvalid' })
			.regex(/^[\x21-\x7E]+$/, { error: 'validation:idempotencyKeyInvalid' })
			.optional(),
	}),
)
export type FileForCustomerInput = z.input<typeof FileForCustomerSchema>

export const MESSAGE_MAX = 4000
export const AddInformationSchema = z.object({ body: requiredString('validation:messageTooLong', MESSAGE_MAX) })

export const REASON_MAX = 2000
export const DisputeSchema = z.object({ reason: requiredString('validation:reasonTooLong', REASON_MAX) })
export const EscalateSchema = z.object({ reason: requiredString('validation:reasonTooLong', REASON_MAX) })
export const WithdrawSchema = z.object({
	reason: z.string().trim().max(REASON_MAX, { error: 'validation:reasonTooLong' }).optional(),
})
export const NotificationsSchema = z.object({ notifyFrequency: choice(NOTIFY_FREQUENCIES) })

/** Upload limits (the issue's numbers, which win over DESIGN.md §9's 10 MB). */
export const UPLOAD_LIMITS = {
	maxFilesPerComplaint: 10,
	maxFileBytes: 15 * 1024 * 1024,
	maxPixels: 40_000_000,
	/** detected from the bytes, never from the name or the Content-Type header */
	acceptedTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'application/pdf'],
} as const
