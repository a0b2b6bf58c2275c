import type { Prisma } from '#app/generated/prisma/client.ts'
import type { ComplaintStatus, RequestedRemedy } from '#app/generated/prisma/enums.ts'
import { DomainValidationError, InvalidTransitionError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import { loadForChange, writeVersioned } from './change.ts'
import { appendEvent } from './events.ts'
import { canTransition } from './lifecycle.ts'
import type { ComplaintDeps } from './ports.ts'
import { addWorkingDays, SERVICE_LEVELS } from './service-level.ts'

/**
 * The company's side of the conversation, as far as the customer's half needs it: written
 * replies, status changes and proposals. The staff console and GraphQL build on these.
 * Every public change is announced to the customer through the notifier, in the same
 * transaction.
 */

type Complaint = Awaited<ReturnType<typeof loadForChange>>

/** Status-specific fields: closing stamps, the next promise date. */
function statusFields(to: ComplaintStatus, now: Date): Prisma.ComplaintUpdateManyMutationInput {
	switch (to) {
		case 'ACKNOWLEDGED':
			return { resolutionDueAt: addWorkingDays(now, SERVICE_LEVELS.initialVerificationWorkingDays) }
		case 'RESOLVING':
			return { resolutionDueAt: addWorkingDays(now, SERVICE_LEVELS.resolutionWorkingDays) }
		case 'CLOSED':
			return { closedAt: now, closeReason: 'COMPLETED', resolutionDueAt: null }
		case 'RESOLVED':
		case 'REJECTED':
			return { resolutionDueAt: null }
		case 'INVESTIGATING':
			return { closedAt: null, closeReason: null }
		default:
			return {}
	}
}

async function moveTo(
	deps: ComplaintDeps,
	tx: Prisma.TransactionClient,
	viewer: Viewer,
	complaint: Complaint,
	to: ComplaintStatus,
	now: Date,
) {
	if (!canTransition(complaint.status, to)) throw new InvalidTransitionError(`move to ${to}`, complaint.status)
	const event = await appendEvent(tx, {
		complaintId: complaint.id,
		actorId: viewer.userId,
		type: 'status_changed',
		fromStatus: complaint.status,
		toStatus: to,
		at: now,
	})
	await deps.notifier.publicChange(tx, { complaintId: complaint.id, eventId: event.id })
	return statusFields(to, now)
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
		const message = await tx.complaintMessage.create({
			data: { complaintId, authorId: viewer.userId, visibility: 'PUBLIC', body, createdAt: now },
			select: { id: true },
		})
		const event = await appendEvent(tx, {
			complaintId,
			actorId: viewer.userId,
			type: 'reply',
			data: { messageId: message.id },
			at: now,
		})
		await deps.notifier.publicChange(tx, { complaintId, eventId: event.id })
		const to = input.status ?? (complaint.status === 'SUBMITTED' ? 'ACKNOWLEDGED' : undefined)
		const statusData = to && to !== complaint.status ? await moveTo(deps, tx, viewer, complaint, to, now) : {}
		await writeVersioned(tx, complaint, {
			...statusData,
			...(to && to !== complaint.status ? { status: to } : {}),
			firstRespondedAt: complaint.firstRespondedAt ?? now,
			customerUpdatedAt: now,
		})
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
		const data = await moveTo(deps, tx, viewer, complaint, input.to, now)
		await writeVersioned(tx, complaint, { ...data, status: input.to, customerUpdatedAt: now })
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
		if (!canTransition(complaint.status, 'RESOLUTION_PROPOSED'))
			throw new InvalidTransitionError('propose-resolution', complaint.status)
		await writeVersioned(tx, complaint, {
			status: 'RESOLUTION_PROPOSED',
			resolutionType: input.type,
			resolutionSummary: summary,
			resolutionDueAt: null,
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
