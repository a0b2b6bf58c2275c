import { DomainValidationError, NotFoundError } from '../errors.ts'
import { customerOrdersWhere } from '../orders/customer-orders.ts'
import type { Viewer } from '../viewer.ts'
import { isUniqueViolation, recordFiledComplaint } from './filing.ts'
import type { ComplaintDeps } from './ports.ts'
import { DraftDataSchema, FileableDraftSchema, type DraftData } from './schemas.ts'

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

/**
 * Files the draft as a complaint, in one transaction: the reference number, the complaint,
 * its photos moved over from the draft, the first event, the "received" email in the outbox
 * and the partners' webhooks (filing.ts), and the draft removed. The draft id is the
 * submission key, so submitting twice (a double click, a retry after a timeout, two tabs)
 * files one complaint and returns it both times.
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

			const filed = await recordFiledComplaint(tx, deps.notifier, {
				submissionKey: draftId,
				customerId: viewer.userId,
				filedById: viewer.userId,
				channel: 'WEB',
				order,
				orderLineId: record.orderLineId,
				record,
				attachments: { draftId },
				now,
			})
			await tx.complaintDraft.delete({ where: { id: draftId } })
			return { ...filed, created: true }
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
