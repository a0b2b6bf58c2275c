import { complaintDeps } from '#app/complaints/deps.server.ts'
import {
	checkFilingForCustomer,
	fileForCustomer,
	findFiledForCustomer,
	type FileForCustomerCommand,
} from '#app/domain/complaints/file-for-customer.ts'
import {
	CONTACT_METHODS,
	DESCRIPTION_MAX,
	DESCRIPTION_MIN,
	IDEMPOTENCY_KEY_MAX,
	NOTIFY_FREQUENCIES,
	TITLE_MAX,
	UPLOAD_LIMITS,
} from '#app/domain/complaints/schemas.ts'
import { InsufficientAuthorityError, NotFoundError } from '#app/domain/errors.ts'
import { builder } from '../builder.ts'
import { unauthenticatedError } from '../errors.ts'
import { discardUploads, storeUploads } from '../uploads.ts'
import { ComplaintNode } from './Complaint.ts'
import { ComplaintCategoryEnum, ComplaintChannelEnum, ComplaintSeverityEnum } from './ComplaintEnums.ts'
import { UserErrorType, toUserErrors, type UserErrorShape } from './UserError.ts'
import { RequestedRemedyEnum } from './WorkflowEnums.ts'

/**
 * `fileComplaint`: a dealer (or staff, from a call or an email) files a complaint for an order's
 * customer. The rules are app/domain/complaints/file-for-customer.ts's, the same filing as the
 * portal's (number, clock, email, webhooks in one transaction); this file maps the input in and
 * the refusals out.
 *
 * The order is given by its number, not a global ID: the number is what a dealer's own system
 * holds, and an Order's global ID could only be learnt from a complaint already filed on it.
 * The product likewise by its line number on the order (OrderLine has no ID in this API).
 */

export const ContactMethodEnum = builder.enumType('ContactMethod', {
	description: 'How the customer prefers to be contacted about the complaint.',
	values: {
		EMAIL: { description: 'By email, at the address of their account.' },
		PHONE: { description: 'By a phone call, at the number given with the complaint.' },
	} satisfies Record<(typeof CONTACT_METHODS)[number], { description: string }>,
})

export const NotificationFrequencyEnum = builder.enumType('NotificationFrequency', {
	description: 'How often the customer is emailed about changes to the complaint.',
	values: {
		EACH_CHANGE: { description: 'An email for every reply or change of status.' },
		DAILY_DIGEST: { description: 'At most one email a day, summing up the changes.' },
	} satisfies Record<(typeof NOTIFY_FREQUENCIES)[number], { description: string }>,
})

const FileComplaintInput = builder.inputType('FileComplaintInput', {
	description:
		'A complaint to file for the customer of an order: the order, what happened, what the customer asks for and how to reach them.',
	fields: (t) => ({
		orderNumber: t.string({
			required: true,
			description:
				'The order, by its number as printed on it; case, spaces and full-width characters do not matter. Dealers: an order they sold; staff: any order (regional managers in a regional office: their region’s). Any other order answers NOT_FOUND, exactly as one that does not exist.',
		}),
		lineNumber: t.int({
			description:
				'The product complained about, by its line number on the order (`OrderLine.lineNumber`, from 1); null or absent when the complaint is about the order as a whole (delivery, conduct, policy).',
		}),
		category: t.field({ type: ComplaintCategoryEnum, required: true, description: 'What kind of problem it is.' }),
		severity: t.field({
			type: ComplaintSeverityEnum,
			required: true,
			description: 'How badly it affects the customer.',
		}),
		title: t.string({
			required: true,
			description: `A one-line summary in the customer’s words, up to ${TITLE_MAX} characters.`,
		}),
		description: t.string({
			required: true,
			description: `What happened, in the customer’s words: ${DESCRIPTION_MIN} to ${DESCRIPTION_MAX} characters.`,
		}),
		requestedRemedy: t.field({
			type: RequestedRemedyEnum,
			required: true,
			description: 'What the customer asks for.',
		}),
		preferredContact: t.field({
			type: ContactMethodEnum,
			description: 'How the customer prefers to be contacted; EMAIL when absent.',
		}),
		contactPhone: t.string({
			description:
				'The customer’s phone number for this complaint (digits, an optional leading +, spaces and dashes allowed); required when `preferredContact` is PHONE, and kept only then.',
		}),
		notifyFrequency: t.field({
			type: NotificationFrequencyEnum,
			description:
				'How often the customer is emailed about changes; EACH_CHANGE when absent. They can change it on the complaint page.',
		}),
		channel: t.field({
			type: ComplaintChannelEnum,
			description:
				'How the complaint reached the company. Staff must say PHONE or EMAIL; dealers leave it out (their complaints are API).',
		}),
		files: t.field({
			type: ['Upload'],
			description: `Photos (JPEG, PNG, WebP, HEIC/HEIF) and PDFs of the problem, at most ${UPLOAD_LIMITS.maxFilesPerComplaint}, sent as a multipart request (see \`Upload\`). Each is checked by its bytes, cleaned of metadata and stored as the portal's uploads are; the customer sees them on the complaint page. A file refused is a userError at its index (["input", "files", "2"]) and nothing is filed.`,
		}),
		idempotencyKey: t.string({
			description: `A key the client makes up for this complaint (a UUID, say; 1 to ${IDEMPOTENCY_KEY_MAX} printable ASCII characters, no spaces), so that a retry after a timeout or a lost answer files nothing new: the same key with the same complaint returns the complaint filed the first time. A key is the dealer’s (shared by its tokens and members; no other dealer can use or detect it), or each staff member’s own. Reusing a key for a different complaint is an INVALID error on this field. Without a key, every call files a new complaint.`,
		}),
	}),
})

interface FileComplaintPayloadShape {
	complaintId: string | null
	userErrors: UserErrorShape[]
}

const FileComplaintPayload = builder.objectRef<FileComplaintPayloadShape>('FileComplaintPayload').implement({
	description: 'The result of `fileComplaint`.',
	fields: (t) => ({
		complaint: t.field({
			type: ComplaintNode,
			nullable: true,
			description:
				'The complaint filed, with its reference and status (SUBMITTED); on a retry with the same `idempotencyKey`, the one filed the first time. Null when nothing was filed (see `userErrors`).',
			resolve: (payload) => payload.complaintId,
		}),
		userErrors: t.field({
			type: [UserErrorType],
			description: 'Why nothing was filed, one per field at fault; empty on success.',
			resolve: (payload) => payload.userErrors,
		}),
	}),
})

const SIGN_IN = 'Filing a complaint needs an API token (`Authorization: Bearer <token>`) or a signed-in session.'

const NOT_ALLOWED: UserErrorShape = {
	code: 'INSUFFICIENT_AUTHORITY',
	field: null,
	message:
		'Only dealers (for orders they sold; an API token needs the WRITE_COMPLAINTS scope) and staff file complaints for customers. Customers file their own in the portal.',
}

// The order is the target: say so at its field, with the same words whether it is missing or someone else's.
const ORDER_NOT_FOUND: UserErrorShape = {
	code: 'NOT_FOUND',
	field: ['input', 'orderNumber'],
	message: 'Order not found.',
}

function userErrorsOf(error: unknown): UserErrorShape[] {
	if (error instanceof InsufficientAuthorityError) return [NOT_ALLOWED]
	if (error instanceof NotFoundError && error.entity === 'Order') return [ORDER_NOT_FOUND]
	return toUserErrors(error)
}

builder.mutationField('fileComplaint', (t) =>
	t.field({
		type: FileComplaintPayload,
		description: `Files a complaint for the customer of an order, as if they had filed it in the portal: it gets its reference (CMP-YYYY-NNNNNN), its first-response clock, and the customer the same "received" email, saying who filed it for them; subscribed webhooks hear \`complaint.created\`. Dealers file on orders they sold (channel API; an API token needs the WRITE_COMPLAINTS scope); staff file what reached them by phone or email (channel PHONE or EMAIL) on any order. Customers, regional offices and read-only tokens get INSUFFICIENT_AUTHORITY. The order’s customer must have a verified portal account (an INVALID error on \`orderNumber\` otherwise). At most ${UPLOAD_LIMITS.maxFilesPerComplaint} files per complaint. Send an \`idempotencyKey\` to make retries safe.`,
		authScopes: { signedIn: true },
		// not Pothos's bare "Not authorized": a code and a 401 the client can act on
		unauthorizedError: () => unauthenticatedError(SIGN_IN),
		args: {
			input: t.arg({ type: FileComplaintInput, required: true, description: 'The order and the complaint.' }),
		},
		resolve: async (_root, { input }, context): Promise<FileComplaintPayloadShape> => {
			const viewer = context.viewer
			if (!viewer) return { complaintId: null, userErrors: [NOT_ALLOWED] }
			const deps = complaintDeps(context.services)
			const { files, ...fields } = input
			// GraphQL's explicit nulls mean "not given" here, so that the domain's defaults apply
			const command = Object.fromEntries(
				Object.entries(fields).filter(([, value]) => value !== null && value !== undefined),
			) as unknown as FileForCustomerCommand
			try {
				// refusals that need no photo first: storing one means decoding and re-encoding it
				checkFilingForCustomer(viewer, command)
				const retried = await findFiledForCustomer(deps, viewer, command)
				if (retried) return { complaintId: retried.complaintId, userErrors: [] }
			} catch (error) {
				return { complaintId: null, userErrors: userErrorsOf(error) }
			}
			const stored = await storeUploads(context, files, { field: ['input', 'files'] })
			if (!stored.ok) return { complaintId: null, userErrors: stored.userErrors }
			try {
				const filed = await fileForCustomer(deps, viewer, { ...command, files: stored.files })
				// a retry that raced the first request: the complaint has the first one's photos
				if (!filed.created) await discardUploads(context, stored.files)
				return { complaintId: filed.complaintId, userErrors: [] }
			} catch (error) {
				await discardUploads(context, stored.files)
				return { complaintId: null, userErrors: userErrorsOf(error) }
			}
		},
	}),
)
