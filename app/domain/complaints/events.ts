import type { Prisma } from '#app/generated/prisma/client.ts'
import type { ComplaintStatus, MessageVisibility } from '#app/generated/prisma/enums.ts'
import { noteAppendedEvent } from './announcements.ts'

/**
 * The audit trail: every change to a complaint appends one event (who, when, from, to).
 * Types are a closed list so that the timeline, emails and the API read them the same way.
 */
export type ComplaintEventType =
	| 'filed'
	| 'status_changed'
	| 'reply'
	| 'customer_message'
	| 'note'
	| 'resolution_proposed'
	| 'resolution_accepted'
	| 'resolution_disputed'
	| 'withdrawn'
	| 'escalated'
	// the staff workflow (workflow.ts)
	| 'acknowledged'
	| 'routed'
	| 'information_requested'
	| 'finding_recorded'
	| 'responsibility_determined'
	| 'approval_requested'
	| 'approval_decided'
	| 'resolved'
	| 'rejected'
	| 'closed'
	| 'reopened'
	| 'sla_at_risk'
	| 'sla_breached'
	// the satisfaction survey (app/domain/surveys/): staff-only, with the scores
	| 'survey_answered'
	| 'survey_follow_up_closed'

export interface NewEvent {
	complaintId: string
	actorId: string | null
	type: ComplaintEventType
	fromStatus?: ComplaintStatus | null
	toStatus?: ComplaintStatus | null
	visibility?: MessageVisibility
	data?: Record<string, unknown>
	/** the complaint's version after the change (what writeVersioned returned) */
	version?: number
	/** the fields the change set, before and after */
	changes?: Record<string, { before: unknown; after: unknown }>
	at: Date
}

/**
 * Appends the event and notes it in the transaction's journal, so that live subscribers hear of
 * it once the transaction has committed (announcements.ts).
 */
export async function appendEvent(tx: Prisma.TransactionClient, event: NewEvent): Promise<{ id: string }> {
	const visibility = event.visibility ?? 'PUBLIC'
	const toStatus = event.toStatus ?? null
	const version = event.version ?? null
	const row = await tx.complaintEvent.create({
		data: {
			complaintId: event.complaintId,
			actorId: event.actorId,
			type: event.type,
			fromStatus: event.fromStatus ?? null,
			toStatus,
			visibility,
			data: (event.data ?? undefined) as Prisma.InputJsonValue | undefined,
			version,
			changes: (event.changes ?? undefined) as Prisma.InputJsonValue | undefined,
			createdAt: event.at,
		},
		select: { id: true },
	})
	noteAppendedEvent(tx, {
		complaintId: event.complaintId,
		eventId: row.id,
		type: event.type,
		visibility,
		toStatus,
		version,
	})
	return row
}
