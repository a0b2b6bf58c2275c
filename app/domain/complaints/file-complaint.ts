import type { Prisma } from '#app/generated/prisma/client.ts'
import { DomainValidationError, NotFoundError } from '../errors.ts'
import { customerOrdersWhere } from '../orders/customer-orders.ts'
import type { Viewer } from '../viewer.ts'
import { appendEvent } from './events.ts'
import type { ComplaintDeps } from './ports.ts'
import { complaintReferenceYear, nextComplaintReference } from './reference.ts'
import { DraftDataSchema, FileableDraftSchema, type DraftData } from './schemas.ts'
import { serviceClockFor } from './clock.ts'
import { runningClock } from './service-level.ts'

export type FilingStep = 'order' | 'line' | 'details' | 'contact'

/** The first step of the guided form that the draft has not completed, or null when none. */
export function missingStep(data: DraftData): FilingStep | null {
	if (!data.orderId) return 'order'
	if (data.orderLineId === undefined) return 'line'
	if (!data.category || !data.severity || !data.title || !data.description || !data.requestedRemedy) return 'details'
	if (!data.preferredContact || !data.notifyFrequency) return 'contact'
	return null
}

export interface FiledComplaint {
	complaintId: string
	reference: string
	/** false when this draft had already been filed: a double click or a retry */
	created: boolean
}

/** The complaint this draft became, if it was filed already (from this tab or another). */
export async function alreadyFiled(
	deps: ComplaintDeps,
	viewer: Viewer,
	draftId: string,
): Promise<FiledComplaint | null> {
	const existing = await deps.db.complaint.findUnique({
		where: { submissionKey: draftId },
		select: { id: true, reference: true, customerId: true },
	})
	if (!existing) return null
	if (existing.customerId !== viewer.userId) throw new NotFoundError('ComplaintDraft')
	return { complaintId: existing.id, reference: existing.reference, created: false }
}

function isUniqueViolation(error: unknown): boolean {
	return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
}

/**
 * Files the draft as a complaint, in one transaction: the reference number, the complaint,
 * its photos moved over from the draft, the first event, the "received" email in the outbox,
 * and the draft removed. The draft id is the submission key, so submitting twice (a double
 * click, a retry after a timeout, two tabs) files one complaint and returns it both times.
 */
export async function fileComplaint(deps: ComplaintDeps, viewer: Viewer, draftId: string): Promise<FiledComplaint> {
	if (viewer.kind !== 'CUSTOMER') throw new NotFoundError('ComplaintDraft')
	const done = await alreadyFiled(deps, viewer, draftId)
	if (done) return done

	const draft = await deps.db.complaintDraft.findFirst({ where: { id: draftId, customerId: viewer.userId } })
	if (!draft) throw new NotFoundError('ComplaintDraft')
	const data = DraftDataSchema.safeParse(draft.data)
	const step = data.success ? missingStep(data.data) : 'order'
	const input = FileableDraftSchema.safeParse(data.success ? data.data : {})
	if (step || !input.success)
		throw new DomainValidationError('draft', 'validation:draftIncomplete', { step: step ?? 'details' })
	const record = input.data
	const now = deps.now?.() ?? new Date()

	try {
		return await deps.db.$transaction(async (tx) => {
			const ownOrders = await customerOrdersWhere(tx, viewer)
			const order = ownOrders
				? await tx.order.findFirst({
						where: { AND: [ownOrders, { id: record.orderId }] },
						include: { lines: { select: { id: true } } },
					})
				: null
			if (!order) throw new DomainValidationError('orderNumber', 'validation:orderNotFound', { orderNumber: '' })
			if (record.orderLineId && !order.lines.some((l) => l.id === record.orderLineId))
				throw new DomainValidationError('orderLineId', 'validation:orderLineNotFound')
			// an order the ERP recorded under this customer's email becomes theirs
			if (!order.customerId)
				await tx.order.updateMany({ where: { id: order.id, customerId: null }, data: { customerId: viewer.userId } })

			const customer = await tx.user.findUniqueOrThrow({
				where: { id: viewer.userId },
				select: { isKeyAccount: true },
			})
			// the first-response target of the customer's kind (key accounts: 4 h by default)
			const clock = await serviceClockFor(tx, order.regionId, { keyAccount: customer.isKeyAccount })
			const firstResponseDueAt = clock.due('FIRST_RESPONSE', now)
			const complaint = await tx.complaint.create({
				data: {
					reference: await nextComplaintReference(tx, complaintReferenceYear(now)),
					submissionKey: draftId,
					customerId: viewer.userId,
					filedById: viewer.userId,
					orderId: order.id,
					orderLineId: record.orderLineId,
					regionId: order.regionId,
					dealerId: order.dealerId,
					category: record.category,
					severity: record.severity,
					channel: 'WEB',
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
			await tx.attachment.updateMany({ where: { draftId }, data: { complaintId: complaint.id, draftId: null } })
			const filed = await appendEvent(tx, {
				complaintId: complaint.id,
				actorId: viewer.userId,
				type: 'filed',
				toStatus: 'SUBMITTED',
				at: now,
			})
			await tx.complaintDraft.delete({ where: { id: draftId } })
			await deps.notifier.complaintFiled(tx, complaint.id)
			await deps.notifier.partnerEvent?.(tx, { complaintId: complaint.id, eventId: filed.id })
			return { complaintId: complaint.id, reference: complaint.reference, created: true }
		})
	} catch (error) {
		// the same draft filed concurrently: the other transaction won the submission key
		if (isUniqueViolation(error)) {
			const winner = await alreadyFiled(deps, viewer, draftId)
			if (winner) return winner
		}
		throw error
	}
}
