import type { Prisma } from '#app/generated/prisma/client.ts'
import type { ComplaintChannel } from '#app/generated/prisma/enums.ts'
import { attachmentData } from './attachments.ts'
import { serviceClockFor } from './clock.ts'
import { appendEvent } from './events.ts'
import type { ComplaintNotifier, StoredFile } from './ports.ts'
import { complaintReferenceYear, nextComplaintReference } from './reference.ts'
import type { FileableDraft } from './schemas.ts'
import { runningClock } from './service-level.ts'

/**
 * What every way of filing a complaint writes, in the caller's transaction: the customer filing
 * their own draft in the portal (file-complaint.ts) and a dealer or staff member filing for a
 * customer (file-for-customer.ts). One place, so that both number, clock, email and announce a
 * complaint the same way.
 */

/** What was said about the problem and how the customer wants to be reached, already validated. */
export type FilingRecord = Pick<
	FileableDraft,
	| 'category'
	| 'severity'
	| 'title'
	| 'description'
	| 'requestedRemedy'
	| 'preferredContact'
	| 'contactPhone'
	| 'notifyFrequency'
>

export interface NewComplaint {
	/** unique across all complaints: a second filing with the same key fails on the index */
	submissionKey: string | null
	customerId: string
	/** who wrote it down: the customer, or the dealer's member or staff member acting for them */
	filedById: string
	channel: ComplaintChannel
	order: { id: string; regionId: string; dealerId: string | null }
	orderLineId: string | null
	record: FilingRecord
	/** the draft whose photos move over, or files stored for this filing */
	attachments: { draftId: string } | { files: readonly StoredFile[] }
	now: Date
}

/**
 * Writes the complaint with its reference number, photos, first event and running
 * first-response clock, and asks the notifier for the customer's "received" email and the
 * partners' webhooks, all in `tx`: they exist exactly when the complaint does.
 */
export async function recordFiledComplaint(
	tx: Prisma.TransactionClient,
	notifier: ComplaintNotifier,
	filing: NewComplaint,
): Promise<{ complaintId: string; reference: string }> {
	const { record, now } = filing
	const customer = await tx.user.findUniqueOrThrow({
		where: { id: filing.customerId },
		select: { isKeyAccount: true },
	})
	// the first-response target of the customer's kind (key accounts: 4 h by default)
	const clock = await serviceClockFor(tx, filing.order.regionId, { keyAccount: customer.isKeyAccount })
	const firstResponseDueAt = clock.due('FIRST_RESPONSE', now)
	// the product as complained about, kept on the complaint for the reports and batch alerts
	const line = filing.orderLineId
		? await tx.orderLine.findUnique({
				where: { id: filing.orderLineId },
				select: { productModel: true, batchNumber: true },
			})
		: null
	const complaint = await tx.complaint.create({
		data: {
			reference: await nextComplaintReference(tx, complaintReferenceYear(now)),
			submissionKey: filing.submissionKey,
			customerId: filing.customerId,
			filedById: filing.filedById,
			orderId: filing.order.id,
			orderLineId: filing.orderLineId,
			productModel: line?.productModel ?? null,
			batchNumber: line?.batchNumber ?? null,
			regionId: filing.order.regionId,
			dealerId: filing.order.dealerId,
			category: record.category,
			severity: record.severity,
			channel: filing.channel,
			title: record.title,
			description: record.description,
			requestedRemedy: record.requestedRemedy,
			preferredContact: record.preferredContact,
			contactPhone: record.preferredContact === 'PHONE' ? (record.contactPhone ?? null) : null,
			notifyFrequency: record.notifyFrequency,
			isKeyAccount: customer.isKeyAccount,
			firstResponseDueAt,
			...runningClock(firstResponseDueAt, now, clock, 'FIRST_RESPONSE'),
			createdAt: now,
			customerUpdatedAt: now,
		} satisfies Prisma.ComplaintUncheckedCreateInput,
		select: { id: true, reference: true },
	})
	if ('draftId' in filing.attachments)
		await tx.attachment.updateMany({
			where: { draftId: filing.attachments.draftId },
			data: { complaintId: complaint.id, draftId: null },
		})
	else if (filing.attachments.files.length > 0)
		await tx.attachment.createMany({
			data: filing.attachments.files.map((file) => ({
				...attachmentData(file, filing.filedById),
				complaintId: complaint.id,
				createdAt: now,
			})),
		})
	const filed = await appendEvent(tx, {
		complaintId: complaint.id,
		actorId: filing.filedById,
		type: 'filed',
		toStatus: 'SUBMITTED',
		at: now,
	})
	await notifier.complaintFiled(tx, complaint.id)
	await notifier.partnerEvent?.(tx, { complaintId: complaint.id, eventId: filed.id })
	return { complaintId: complaint.id, reference: complaint.reference }
}

/** Prisma's unique-constraint failure: here, another request filed with the same submission key first. */
export function isUniqueViolation(error: unknown): boolean {
	return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
}
