import type { NotificationFrequency } from '#app/generated/prisma/enums.ts'
import { DomainValidationError, InvalidTransitionError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import { attachmentData } from './attachments.ts'
import { loadForChange, writeVersioned } from './change.ts'
import { appendEvent } from './events.ts'
import { customerActionsIn, type CustomerAction } from './lifecycle.ts'
import type { ComplaintDeps, StoredFile } from './ports.ts'
import { UPLOAD_LIMITS } from './schemas.ts'
import { serviceClockFor } from './clock.ts'
import { promiseBy, resumeClock, SERVICE_LEVELS } from './service-level.ts'

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
		const clock = await serviceClockFor(tx, complaint.regionId)
		assertOpen('add-information', complaint.status)
		if (files.length > 0) {
			const existing = await tx.attachment.count({ where: { complaintId } })
			if (existing + files.length > UPLOAD_LIMITS.maxFilesPerComplaint)
				throw new DomainValidationError('photos', 'validation:tooManyFiles', {
					max: UPLOAD_LIMITS.maxFilesPerComplaint,
				})
		}
		const resumes = complaint.status === 'WAITING_ON_CUSTOMER'
		await writeVersioned(tx, complaint, {
			customerUpdatedAt: now,
			...(resumes ? { status: 'INVESTIGATING' as const, ...resumeClock(complaint, now, clock) } : {}),
		})
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
		await appendEvent(tx, {
			complaintId,
			actorId: viewer.userId,
			type: 'customer_message',
			visibility,
			data: { messageId: message.id },
			at: now,
		})
		if (resumes)
			await appendEvent(tx, {
				complaintId,
				actorId: viewer.userId,
				type: 'status_changed',
				fromStatus: 'WAITING_ON_CUSTOMER',
				toStatus: 'INVESTIGATING',
				at: now,
			})
		return { messageId: message.id }
	})
}

/** The customer accepts the proposed resolution: the company carries it out. */
export async function acceptResolution(deps: ComplaintDeps, viewer: Viewer, complaintId: string) {
	const now = deps.now?.() ?? new Date()
	await deps.db.$transaction(async (tx) => {
		const complaint = await loadForChange(tx, viewer, complaintId, 'respond-to-resolution')
		const clock = await serviceClockFor(tx, complaint.regionId)
		assertOpen('accept-resolution', complaint.status)
		await writeVersioned(tx, complaint, {
			status: 'RESOLVING',
			customerUpdatedAt: now,
			...promiseBy(clock.addWorkingDays(now, SERVICE_LEVELS.resolutionWorkingDays), now, clock),
		})
		await appendEvent(tx, {
			complaintId,
			actorId: viewer.userId,
			type: 'resolution_accepted',
			fromStatus: complaint.status,
			toStatus: 'RESOLVING',
			at: now,
		})
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
	const now = deps.now?.() ?? new Date()
	await deps.db.$transaction(async (tx) => {
		const complaint = await loadForChange(tx, viewer, complaintId, 'respond-to-resolution')
		const clock = await serviceClockFor(tx, complaint.regionId)
		assertOpen('dispute-resolution', complaint.status)
		await writeVersioned(tx, complaint, {
			status: 'ESCALATED',
			escalationLevel: { increment: 1 },
			customerUpdatedAt: now,
			...promiseBy(clock.addWorkingDays(now, SERVICE_LEVELS.resolutionWorkingDays), now, clock),
		})
		await appendEvent(tx, {
			complaintId,
			actorId: viewer.userId,
			type: 'resolution_disputed',
			fromStatus: complaint.status,
			toStatus: 'ESCALATED',
			data: { reason: input.reason, toldOfRightToReport: true },
			at: now,
		})
	})
}

/** The customer no longer needs the complaint handled. */
export async function withdrawComplaint(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: { reason?: string },
) {
	const now = deps.now?.() ?? new Date()
	await deps.db.$transaction(async (tx) => {
		const complaint = await loadForChange(tx, viewer, complaintId, 'withdraw')
		assertOpen('withdraw', complaint.status)
		await writeVersioned(tx, complaint, {
			status: 'CLOSED',
			closeReason: 'WITHDRAWN',
			closedAt: now,
			customerUpdatedAt: now,
			...promiseBy(null, now),
		})
		await appendEvent(tx, {
			complaintId,
			actorId: viewer.userId,
			type: 'withdrawn',
			fromStatus: complaint.status,
			toStatus: 'CLOSED',
			data: input.reason ? { reason: input.reason } : {},
			at: now,
		})
	})
}

/** The customer is dissatisfied with how the case is handled: it goes up a level (to HQ). */
export async function escalateComplaint(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: { reason: string },
) {
	const now = deps.now?.() ?? new Date()
	await deps.db.$transaction(async (tx) => {
		const complaint = await loadForChange(tx, viewer, complaintId, 'escalate')
		const clock = await serviceClockFor(tx, complaint.regionId)
		assertOpen('escalate', complaint.status)
		await writeVersioned(tx, complaint, {
			status: 'ESCALATED',
			escalationLevel: { increment: 1 },
			closedAt: null,
			customerUpdatedAt: now,
			...promiseBy(clock.addWorkingDays(now, SERVICE_LEVELS.resolutionWorkingDays), now, clock),
		})
		await appendEvent(tx, {
			complaintId,
			actorId: viewer.userId,
			type: 'escalated',
			fromStatus: complaint.status,
			toStatus: 'ESCALATED',
			data: { reason: input.reason },
			at: now,
		})
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
