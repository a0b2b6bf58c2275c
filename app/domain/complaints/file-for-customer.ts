import type { Prisma } from '#app/generated/prisma/client.ts'
import type { ComplaintChannel } from '#app/generated/prisma/enums.ts'
import { DomainValidationError, DomainValidationErrors, InsufficientAuthorityError, NotFoundError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import type { FiledComplaint } from './file-complaint.ts'
import { isUniqueViolation, recordFiledComplaint } from './filing.ts'
import { can, complaintVisibleTo, permissionsOf } from './permissions.ts'
import type { ComplaintDeps, StoredFile } from './ports.ts'
import { FileForCustomerSchema, UPLOAD_LIMITS, type FileForCustomerInput } from './schemas.ts'

/**
 * Filing a complaint on behalf of an order's customer (DESIGN.md §1), for:
 *
 * - **Partner dealers**, on orders they sold, through the API (channel API). An order the dealer
 *   did not sell is not found, exactly like one that does not exist, so that no dealer learns
 *   another's order numbers. An API token needs the WRITE_COMPLAINTS scope (the `file` action).
 * - **Staff**, who take complaints down from phone calls and emails: the channel, PHONE or
 *   EMAIL, is theirs to say, and the order may be any order (regional managers who sit in a
 *   regional office: their region's, as for everything else they do). Allowed because those
 *   channels exist (DESIGN.md §2) and someone has to type such complaints in; otherwise a
 *   customer who phones would be told to go and use the portal.
 *
 * Customers file their own in the portal (file-complaint.ts), and regional offices do not file:
 * they handle complaints once filed. Both are refused before any order is looked up.
 *
 * The complaint is the customer's in every way that matters: it is on their complaint list,
 * they get the same "received" email (which says who filed it for them) and follow it as if
 * they had filed it; `filedById` keeps who typed it in. The rest of the filing (number, clock,
 * event, email, webhooks) is the portal's, in one transaction (filing.ts).
 */

export interface FileForCustomerCommand extends FileForCustomerInput {
	/** staff only: how the complaint reached them (PHONE or EMAIL); dealers leave it out */
	channel?: ComplaintChannel | null
	/** photos and PDFs already checked and stored by the upload pipeline */
	files?: readonly StoredFile[]
}

/** Whether the viewer may file for customers at all (in some scope), before any order is read. */
export function mayFileForCustomers(viewer: Viewer): boolean {
	return permissionsOf(viewer).some((permission) => permission.startsWith('file:'))
}

/**
 * The client's idempotency key as stored in `Complaint.submissionKey` (unique across all
 * complaints), in a namespace of its own: a dealer's, shared by its tokens and members, so that
 * two dealers using the same key neither collide nor can find out whether the other used it;
 * and each staff member's own, since staff belong to no partner. Neither form can be a draft id
 * (a cuid, which the portal's filings use), so the two kinds of keys never meet either.
 */
export function submissionKeyFor(viewer: Viewer, idempotencyKey: string): string {
	return viewer.kind === 'DEALER' && viewer.organizationId
		? `org:${viewer.organizationId}:${idempotencyKey}`
		: `user:${viewer.userId}:${idempotencyKey}`
}

type ParsedFiling = ReturnType<typeof FileForCustomerSchema.parse>

function channelFor(
	viewer: Viewer,
	asked: ComplaintChannel | null | undefined,
): ComplaintChannel | DomainValidationError {
	if (viewer.kind === 'STAFF')
		return asked === 'PHONE' || asked === 'EMAIL'
			? asked
			: new DomainValidationError('channel', 'validation:channelRequired')
	return asked === undefined || asked === null || asked === 'API'
		? 'API'
		: new DomainValidationError('channel', 'validation:channelNotAllowed')
}

/** Every rule the input breaks, one error per field (the first rule it breaks). */
function validate(viewer: Viewer, command: FileForCustomerCommand) {
	const errors: DomainValidationError[] = []
	const add = (error: DomainValidationError) => {
		if (!errors.some((e) => e.field === error.field)) errors.push(error)
	}
	const { channel: askedChannel, files = [], ...fields } = command
	const parsed = FileForCustomerSchema.safeParse(fields)
	if (!parsed.success)
		for (const issue of parsed.error.issues) add(new DomainValidationError(String(issue.path[0] ?? ''), issue.message))
	const channel = channelFor(viewer, askedChannel)
	if (channel instanceof DomainValidationError) add(channel)
	if (files.length > UPLOAD_LIMITS.maxFilesPerComplaint)
		add(new DomainValidationError('files', 'validation:tooManyFiles', { max: UPLOAD_LIMITS.maxFilesPerComplaint }))
	// (each failed check added an error; the last two conditions narrow the types)
	if (errors.length > 0 || !parsed.success || channel instanceof DomainValidationError)
		throw new DomainValidationErrors(errors)
	return { record: parsed.data, channel, files }
}

/**
 * What fileForCustomer checks before it reads anything: that the viewer may file for customers
 * at all, and every field's own rules. The API calls it before storing a request's photos, so
 * that a request refused for its text costs no image processing.
 */
export function checkFilingForCustomer(viewer: Viewer, command: FileForCustomerCommand) {
	if (!mayFileForCustomers(viewer)) throw new InsufficientAuthorityError('file:complaint')
	return validate(viewer, command)
}

const filedSelect = {
	id: true,
	reference: true,
	category: true,
	severity: true,
	title: true,
	description: true,
	requestedRemedy: true,
	order: { select: { orderNumberKey: true } },
	orderLine: { select: { lineNumber: true } },
} satisfies Prisma.ComplaintSelect

/**
 * The complaint already filed under this key, when the request is a retry of the one that filed
 * it. A key the viewer used for a different complaint is refused rather than answered with that
 * complaint: a client that reuses keys by mistake must not take someone's complaint for its own.
 */
async function filedUnder(
	deps: ComplaintDeps,
	viewer: Viewer,
	submissionKey: string,
	record: ParsedFiling,
): Promise<FiledComplaint | null> {
	const existing = await deps.db.complaint.findFirst({
		where: { submissionKey },
		select: filedSelect,
	})
	if (!existing) return null
	const visible = await deps.db.complaint.count({ where: { AND: [complaintVisibleTo(viewer), { id: existing.id }] } })
	const same =
		existing.order.orderNumberKey === record.orderNumber &&
		(existing.orderLine?.lineNumber ?? null) === (record.lineNumber ?? null) &&
		existing.category === record.category &&
		existing.severity === record.severity &&
		existing.title === record.title &&
		existing.description === record.description &&
		existing.requestedRemedy === record.requestedRemedy
	if (visible === 0 || !same) throw new DomainValidationError('idempotencyKey', 'validation:idempotencyKeyReused')
	return { complaintId: existing.id, reference: existing.reference, created: false }
}

/**
 * The complaint this viewer filed under `idempotencyKey`, if any, without filing anything: lets
 * the API skip storing a retry's photos again. Null also for a key that is not well-formed.
 */
export async function findFiledForCustomer(
	deps: ComplaintDeps,
	viewer: Viewer,
	command: FileForCustomerCommand,
): Promise<FiledComplaint | null> {
	if (!mayFileForCustomers(viewer) || !command.idempotencyKey) return null
	const parsed = FileForCustomerSchema.safeParse(command)
	if (!parsed.success || !parsed.data.idempotencyKey) return null
	try {
		return await filedUnder(deps, viewer, submissionKeyFor(viewer, parsed.data.idempotencyKey), parsed.data)
	} catch (error) {
		// a reused key: fileForCustomer reports it, once the rest of the input is checked too
		if (error instanceof DomainValidationError) return null
		throw error
	}
}

/**
 * The order's portal account: the one linked to the order, or else the verified account under
 * the email the ERP recorded (the rule by which a customer may file against it themself), which
 * the order is then linked to. None: the customer must sign up first, since a complaint is
 * followed, answered and emailed through an account.
 */
async function customerOf(
	tx: Prisma.TransactionClient,
	order: { id: string; customerId: string | null; customerEmail: string },
): Promise<string> {
	if (order.customerId) return order.customerId
	const buyer = await tx.user.findUnique({
		where: { email: order.customerEmail },
		select: { id: true, kind: true, emailVerifiedAt: true },
	})
	if (!buyer || buyer.kind !== 'CUSTOMER' || !buyer.emailVerifiedAt)
		throw new DomainValidationError('orderNumber', 'validation:customerNotRegistered')
	await tx.order.updateMany({ where: { id: order.id, customerId: null }, data: { customerId: buyer.id } })
	return buyer.id
}

/**
 * Files a complaint for the customer of the order numbered `orderNumber`, as described above.
 * Throws InsufficientAuthorityError for a viewer who may not file for customers,
 * DomainValidationErrors listing every field at fault, NotFoundError('Order') for an order
 * that does not exist or is not in the viewer's scope, and DomainValidationError for a line the
 * order does not have, a customer without an account, or a reused idempotency key.
 *
 * With an `idempotencyKey`, a retry (after a timeout, or sent twice at once) returns the
 * complaint the first request filed, with `created: false`, and writes nothing.
 */
export async function fileForCustomer(
	deps: ComplaintDeps,
	viewer: Viewer,
	command: FileForCustomerCommand,
): Promise<FiledComplaint> {
	const { record, channel, files } = checkFilingForCustomer(viewer, command)
	const submissionKey = record.idempotencyKey ? submissionKeyFor(viewer, record.idempotencyKey) : null
	if (submissionKey) {
		const done = await filedUnder(deps, viewer, submissionKey, record)
		if (done) return done
	}
	const now = deps.now?.() ?? new Date()

	try {
		return await deps.db.$transaction(async (tx) => {
			const order = await tx.order.findUnique({
				where: { orderNumberKey: record.orderNumber },
				select: {
					id: true,
					customerId: true,
					customerEmail: true,
					dealerId: true,
					regionId: true,
					lines: { select: { id: true, lineNumber: true } },
				},
			})
			// the complaint would be the order's: the viewer must hold `file` in a scope covering it
			const ownership = { customerId: order?.customerId ?? '', dealerId: order?.dealerId ?? null }
			if (!order || !can(viewer, 'file', { ...ownership, regionId: order.regionId })) throw new NotFoundError('Order')
			const line = record.lineNumber == null ? null : order.lines.find((l) => l.lineNumber === record.lineNumber)
			if (line === undefined)
				throw new DomainValidationError('lineNumber', 'validation:lineNumberNotOnOrder', {
					lineNumber: record.lineNumber!,
				})

			const filed = await recordFiledComplaint(tx, deps.notifier, {
				submissionKey,
				customerId: await customerOf(tx, order),
				filedById: viewer.userId,
				channel,
				order,
				orderLineId: line?.id ?? null,
				record,
				attachments: { files },
				now,
			})
			return { ...filed, created: true }
		})
	} catch (error) {
		// the same key filed concurrently: the other transaction won the submission key
		if (submissionKey && isUniqueViolation(error)) {
			const winner = await filedUnder(deps, viewer, submissionKey, record)
			if (winner) return winner
		}
		throw error
	}
}
