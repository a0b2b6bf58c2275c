import type { Prisma } from '#app/generated/prisma/client.ts'
import type { ComplaintStatus, RequestedRemedy } from '#app/generated/prisma/enums.ts'
import { DomainValidationError, InvalidTransitionError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import { loadForChange, writeVersioned } from './change.ts'
import { appendEvent } from './events.ts'
import { canTransition } from './lifecycle.ts'
import type { ComplaintDeps } from './ports.ts'
import { serviceClockFor } from './clock.ts'
import { pauseClock, promiseBy, resumeClock, SERVICE_LEVELS, type ServiceClock } from './service-level.ts'

/**
 * The company's side of the conversation, as far as the customer's half needs it: written
 * replies, status changes and proposals. The staff console and GraphQL build on these.
 * Every public change is announced to the customer through the notifier, in the same
 * transaction.
 */

/** Status-specific fields: closing stamps, the next promise date. */
function statusFields(
	complaint: { status: ComplaintStatus; resolutionDueAt: Date | null; slaStateChangedAt: Date | null },
	to: ComplaintStatus,
	now: Date,
	clock: ServiceClock,
): Prisma.ComplaintUpdateManyMutationInput {
	switch (to) {
		case 'ACKNOWLEDGED':
			return promiseBy(clock.addWorkingDays(now, SERVICE_LEVELS.initialVerificationWorkingDays), now, clock)
		case 'RESOLVING':
			return promiseBy(clock.addWorkingDays(now, SERVICE_LEVELS.resolutionWorkingDays), now, clock)
		case 'CLOSED':
			return { closedAt: now, closeReason: 'COMPLETED', ...promiseBy(null, now) }
		case 'RESOLVED':
		case 'REJECTED':
			return promiseBy(null, now)
		case 'WAITING_ON_CUSTOMER':
			return pauseClock(now)
		case 'INVESTIGATING':
			// back from waiting on the customer the clock resumes; a reopened case gets a new one
			if (complaint.status === 'WAITING_ON_CUSTOMER') return resumeClock(complaint, now, clock)
			if (complaint.status === 'CLOSED')
				return {
					closedAt: null,
					closeReason: null,
					...promiseBy(clock.addWorkingDays(now, SERVICE_LEVELS.initialVerificationWorkingDays), now, clock),
				}
			return {}
		default:
			return {}
	}
}

function assertTransition(from: ComplaintStatus, to: ComplaintStatus) {
	if (!canTransition(from, to)) throw new InvalidTransitionError(`move to ${to}`, from)
}

/**
 * A written reply to the customer (000 (七)5: replies are in writing), optionally with a status
 * change. The first reply stops the first-response clock and acknowledges a new complaint.
 */
export async function replyToCustomer(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: { body: string; status?: ComplaintStatus },
) {
	const body = input.body.trim()
	if (!body) throw new DomainValidationError('body', 'validation:required')
	const now = deps.now?.() ?? new Date()
	return deps.db.$transaction(async (tx) => {
		const complaint = await loadForChange(tx, viewer, complaintId, 'reply')
		const requested = input.status ?? (complaint.status === 'SUBMITTED' ? 'ACKNOWLEDGED' : undefined)
		const to = requested && requested !== complaint.status ? requested : null
		if (to) assertTransition(complaint.status, to)
		const message = await tx.complaintMessage.create({
			data: { complaintId, authorId: viewer.userId, visibility: 'PUBLIC', body, createdAt: now },
			select: { id: true },
		})
		await writeVersioned(tx, complaint, {
			...(to ? { ...statusFields(complaint, to, now, await serviceClockFor(tx, complaint.regionId)), status: to } : {}),
			firstRespondedAt: complaint.firstRespondedAt ?? now,
			customerUpdatedAt: now,
		})
		// one event, so the customer gets one email for "we replied, and the case moved on"
		const event = await appendEvent(tx, {
			complaintId,
			actorId: viewer.userId,
			type: 'reply',
			fromStatus: to ? complaint.status : null,
			toStatus: to,
			data: { messageId: message.id },
			at: now,
		})
		// announced after the write, so the email can state the new promise date
		await deps.notifier.publicChange(tx, { complaintId, eventId: event.id })
		return { messageId: message.id }
	})
}

/** A status change on its own. Resolving or rejecting needs a written reply (DESIGN.md §3). */
export async function changeStatus(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: { to: ComplaintStatus; reply?: string },
) {
	if (input.to === 'RESOLVED' || input.to === 'REJECTED' || input.reply?.trim()) {
		if (!input.reply?.trim()) throw new DomainValidationError('reply', 'validation:replyRequired')
		return replyToCustomer(deps, viewer, complaintId, { body: input.reply, status: input.to })
	}
	const now = deps.now?.() ?? new Date()
	await deps.db.$transaction(async (tx) => {
		const complaint = await loadForChange(tx, viewer, complaintId, 'change-status')
		assertTransition(complaint.status, input.to)
		await writeVersioned(tx, complaint, {
			...statusFields(complaint, input.to, now, await serviceClockFor(tx, complaint.regionId)),
			status: input.to,
			customerUpdatedAt: now,
		})
		const event = await appendEvent(tx, {
			complaintId,
			actorId: viewer.userId,
			type: 'status_changed',
			fromStatus: complaint.status,
			toStatus: input.to,
			at: now,
		})
		await deps.notifier.publicChange(tx, { complaintId, eventId: event.id })
	})
}

/**
 * Proposes a resolution for the customer to accept or dispute. No promise before a decision
 * (000 (七)2): only from investigation or escalation, where responsibility is being decided.
 */
export async function proposeResolution(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: { type: RequestedRemedy; summary: string },
) {
	const summary = input.summary.trim()
	if (!summary) throw new DomainValidationError('summary', 'validation:required')
	const now = deps.now?.() ?? new Date()
	await deps.db.$transaction(async (tx) => {
		const complaint = await loadForChange(tx, viewer, complaintId, 'propose-resolution')
		assertTransition(complaint.status, 'RESOLUTION_PROPOSED')
		await writeVersioned(tx, complaint, {
			status: 'RESOLUTION_PROPOSED',
			resolutionType: input.type,
			resolutionSummary: summary,
			...promiseBy(null, now),
			customerUpdatedAt: now,
		})
		const event = await appendEvent(tx, {
			complaintId,
			actorId: viewer.userId,
			type: 'resolution_proposed',
			fromStatus: complaint.status,
			toStatus: 'RESOLUTION_PROPOSED',
			data: { type: input.type, summary },
			at: now,
		})
		await deps.notifier.publicChange(tx, { complaintId, eventId: event.id })
	})
}
