import type { Prisma } from '#app/generated/prisma/client.ts'
import type { ComplaintStatus, NotificationFrequency } from '#app/generated/prisma/enums.ts'
import { pendingApprovalChange, supersedeWaitingProposal } from '../approvals/supersede.ts'
import { DomainValidationError, InsufficientAuthorityError, InvalidTransitionError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import { attachmentData } from './attachments.ts'
import { serviceClockFor } from './clock.ts'
import { loadForChange, writeVersioned } from './change.ts'
import { appendEvent, type ComplaintEventType } from './events.ts'
import { customerActionsIn, type CustomerAction } from './lifecycle.ts'
import type { ComplaintAction } from './permissions.ts'
import type { ComplaintDeps, StoredFile } from './ports.ts'
import { UPLOAD_LIMITS } from './schemas.ts'
import { promiseBy, resumeClock, type ServiceClock } from './service-level.ts'

/**
 * What a customer can do on their complaint page (DESIGN.md §3). Each command is one
 * transaction: the change, its event, and nothing else; the customer's own actions do not
 * email the customer.
 */

function assertOpen(action: CustomerAction, status: Parameters<typeof customerActionsIn>[0]) {
	if (!customerActionsIn(status).includes(action)) throw new InvalidTransitionError(action, status)
}

/** More text and photos from the customer; a case waiting on them goes back to the company. */
export async function addInformation(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: { body: string; files?: StoredFile[] },
) {
	const now = deps.now?.() ?? new Date()
	const files = input.files ?? []
	return deps.db.$transaction(async (tx) => {
		const complaint = await loadForChange(tx, viewer, complaintId, 'add-information')
		const clock = await serviceClockFor(tx, complaint.regionId, { keyAccount: complaint.isKeyAccount })
		assertOpen('add-information', complaint.status)
		if (files.length > 0) {
			// the cap is on what this person sent; staff evidence photos must not use it up
			const existing = await tx.attachment.count({ where: { complaintId, uploadedById: viewer.userId } })
			if (existing + files.length > UPLOAD_LIMITS.maxFilesPerComplaint)
				throw new DomainValidationError('photos', 'validation:tooManyFiles', {
					max: UPLOAD_LIMITS.maxFilesPerComplaint,
				})
		}
		const resumes = complaint.status === 'WAITING_ON_CUSTOMER'
		await writeVersioned(
			tx,
			complaint,
			{
				customerUpdatedAt: now,
				...(resumes ? { status: 'INVESTIGATING' as const, ...resumeClock(complaint, now, clock) } : {}),
			},
			now,
		)
		const visibility = viewer.kind === 'CUSTOMER' ? 'PUBLIC' : 'PARTNER'
		const message = await tx.complaintMessage.create({
			data: { complaintId, authorId: viewer.userId, visibility, body: input.body, createdAt: now },
			select: { id: true },
		})
		if (files.length > 0)
			await tx.attachment.createMany({
				data: files.map((f) => ({
					...attachmentData(f, viewer.userId),
					complaintId,
					messageId: message.id,
					visibility,
					createdAt: now,
				})),
			})
		const added = await appendEvent(tx, {
			complaintId,
			actorId: viewer.userId,
			type: 'customer_message',
			visibility,
			data: { messageId: message.id },
			at: now,
		})
		await deps.notifier.partnerEvent?.(tx, { complaintId, eventId: added.id })
		if (resumes) {
			const resumed = await appendEvent(tx, {
				complaintId,
				actorId: viewer.userId,
				type: 'status_changed',
				fromStatus: 'WAITING_ON_CUSTOMER',
				toStatus: 'INVESTIGATING',
				at: now,
			})
			await deps.notifier.partnerEvent?.(tx, { complaintId, eventId: resumed.id })
		}
		return { messageId: message.id }
	})
}

/**
 * The customer's status moves share one shape: the complaint as they may act on it, the state
 * check, the write with its version, and the event that records from where to where.
 */
async function moveByCustomer(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	move: {
		permission: ComplaintAction
		action: CustomerAction
		to: ComplaintStatus
		event: ComplaintEventType
		data?: Record<string, unknown>
		/** the customer's answer to the offered proposal, recorded on it too */
		answer?: 'ACCEPTED' | 'DISPUTED'
		/** the other columns the move sets; `clock()` reads the region's calendar, when needed */
		fields: (
			now: Date,
			clock: () => Promise<ServiceClock>,
		) => Prisma.ComplaintUpdateManyMutationInput | Promise<Prisma.ComplaintUpdateManyMutationInput>
		/** more to write in the same transaction (the survey that offered the move records it) */
		within?: (tx: Prisma.TransactionClient, now: Date) => Promise<void>
	},
) {
	const now = deps.now?.() ?? new Date()
	await deps.db.$transaction(async (tx) => {
		const complaint = await loadForChange(tx, viewer, complaintId, move.permission)
		// staff hold 'escalate' too, for their own escalation (staff-actions.ts); these moves are the customer's
		if (viewer.kind !== 'CUSTOMER') throw new InsufficientAuthorityError(`${move.permission}:complaint`)
		assertOpen(move.action, complaint.status)
		const fields = await move.fields(now, () =>
			serviceClockFor(tx, complaint.regionId, { keyAccount: complaint.isKeyAccount }),
		)
		await writeVersioned(tx, complaint, { status: move.to, customerUpdatedAt: now, ...fields }, now)
		// withdrawn or escalated while a proposal waits for approval: no approver decides it any more
		const superseded = await supersedeWaitingProposal(tx, complaintId, { from: complaint.status, to: move.to }, now)
		if (move.answer)
			await tx.resolutionProposal.updateMany({
				where: { complaintId, status: 'OFFERED' },
				data: { status: move.answer, decidedAt: now },
			})
		const moved = await appendEvent(tx, {
			complaintId,
			actorId: viewer.userId,
			type: move.event,
			fromStatus: complaint.status,
			toStatus: move.to,
			data: move.data,
			...(superseded ? { changes: pendingApprovalChange(superseded) } : {}),
			at: now,
		})
		await deps.notifier.partnerEvent?.(tx, { complaintId, eventId: moved.id })
		await move.within?.(tx, now)
	})
}

/** A fresh resolution promise: the configured RESOLUTION target in the region's working time. */
async function resolutionPromise(now: Date, clock: () => Promise<ServiceClock>) {
	const region = await clock()
	return promiseBy(region.due('RESOLUTION', now), now, region, 'RESOLUTION')
}

/** The customer accepts the proposed resolution: the company carries it out. */
export async function acceptResolution(deps: ComplaintDeps, viewer: Viewer, complaintId: string) {
	await moveByCustomer(deps, viewer, complaintId, {
		permission: 'respond-to-resolution',
		action: 'accept-resolution',
		to: 'RESOLVING',
		event: 'resolution_accepted',
		answer: 'ACCEPTED',
		fields: resolutionPromise,
	})
}

/**
 * The customer disputes the proposal: the case goes to HQ (004 §5.6.1). The page told them
 * of their right to take it to the authorities (§5.6.2); the event records that it did.
 */
export async function disputeResolution(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: { reason: string },
) {
	await moveByCustomer(deps, viewer, complaintId, {
		permission: 'respond-to-resolution',
		action: 'dispute-resolution',
		to: 'ESCALATED',
		event: 'resolution_disputed',
		answer: 'DISPUTED',
		data: { reason: input.reason, toldOfRightToReport: true },
		fields: async (now, clock) => ({ escalationLevel: { increment: 1 }, ...(await resolutionPromise(now, clock)) }),
	})
}

/** The customer no longer needs the complaint handled. */
export async function withdrawComplaint(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: { reason?: string },
) {
	await moveByCustomer(deps, viewer, complaintId, {
		permission: 'withdraw',
		action: 'withdraw',
		to: 'CLOSED',
		event: 'withdrawn',
		data: input.reason ? { reason: input.reason } : {},
		fields: (now) => ({ closeReason: 'WITHDRAWN', closedAt: now, ...promiseBy(null, now) }),
	})
}

/**
 * The customer is dissatisfied with how the case is handled: it goes up a level (to HQ). From a
 * low satisfaction score this is how a resolved case is reopened (app/domain/surveys/): `via`
 * records that, and `within` marks the survey in the same transaction.
 */
export async function escalateComplaint(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: { reason: string },
	options: { via?: 'survey'; within?: (tx: Prisma.TransactionClient, now: Date) => Promise<void> } = {},
) {
	await moveByCustomer(deps, viewer, complaintId, {
		permission: 'escalate',
		action: 'escalate',
		to: 'ESCALATED',
		event: 'escalated',
		data: { reason: input.reason, ...(options.via ? { via: options.via } : {}) },
		within: options.within,
		fields: async (now, clock) => ({
			escalationLevel: { increment: 1 },
			closedAt: null,
			...(await resolutionPromise(now, clock)),
		}),
	})
}

/** Email on each change, or one digest a day, for this complaint. */
export async function setNotificationFrequency(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	frequency: NotificationFrequency,
) {
	await deps.db.$transaction(async (tx) => {
		const complaint = await loadForChange(tx, viewer, complaintId, 'set-notifications')
		if (complaint.notifyFrequency === frequency) return
		// the digest window starts now, so switching does not replay older changes
		await writeVersioned(tx, complaint, { notifyFrequency: frequency, lastDigestAt: deps.now?.() ?? new Date() })
	})
}
