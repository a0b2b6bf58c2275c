import type { Prisma } from '#app/generated/prisma/client.ts'
import type { WebhookEvent } from '#app/generated/prisma/enums.ts'
import { visibilitiesFor } from '../complaints/permissions.ts'

/**
 * What a change to a complaint tells the partner organizations that subscribed (issue 5 §5): one
 * `WebhookDelivery` row per endpoint and kind of event, written in the transaction of the change
 * (so a delivery exists exactly when the change commits) and sent later by the webhook worker.
 *
 * Who hears: the endpoints of the complaint's dealer and of the regional office(s) of its region,
 * the organizations that may read it (permissions.ts). What they hear is what a member of those
 * organizations may read: the complaint's headline fields, a status change, and a message only
 * when it is public or a partner note. Internal notes, internal reasons, the customer's contact
 * details and anything of another organization are never in a payload.
 *
 * A satisfaction survey answer (the staff-only `survey_answered` event, app/domain/surveys/) is
 * told as its scores and when: not the customer's free text, which is their word to the company
 * and may name the dealer or contain contact details, nor whether a follow-up was opened.
 */

type Tx = Prisma.TransactionClient

/** The event names on the wire, as receivers switch on them. */
export const WEBHOOK_EVENT_TYPES = {
	COMPLAINT_CREATED: 'complaint.created',
	STATUS_CHANGED: 'complaint.status_changed',
	REPLY_ADDED: 'complaint.reply_added',
	SURVEY_ANSWERED: 'survey.answered',
} as const satisfies Record<WebhookEvent, string>
export const PING_EVENT_TYPE = 'ping'

/** Partners read public messages and partner notes; dealers and regional offices alike. */
const PARTNER_VISIBLE = visibilitiesFor({ kind: 'DEALER' })

/** A Relay global ID, as the GraphQL API's `node(id:)` takes it (Pothos' encoding). */
export const complaintNodeId = (id: string) => btoa(`Complaint:${id}`)

/** What partners hear of a survey answer: the scores, no free text (see above). */
const SURVEY_FOR_PARTNERS = {
	timeliness: true,
	communication: true,
	resolutionQuality: true,
	productQuality: true,
	delivery: true,
	priceFairness: true,
	overall: true,
	recommend: true,
	answeredAt: true,
	answerUpdatedAt: true,
} satisfies Prisma.SurveySelect

export const partnerEventKey = (eventId: string, kind: WebhookEvent, endpointId: string) =>
	`event:${eventId}:${kind}:${endpointId}`

function dataField(data: Prisma.JsonValue, key: string): string | null {
	if (data && typeof data === 'object' && !Array.isArray(data)) {
		const value = (data as Record<string, Prisma.JsonValue>)[key]
		return typeof value === 'string' ? value : null
	}
	return null
}

/**
 * Writes the deliveries that the complaint event `eventId` causes, if any endpoint subscribed.
 * Idempotent: each row's key is the event, the kind and the endpoint.
 */
export async function enqueuePartnerEvent(
	tx: Tx,
	{ complaintId, eventId }: { complaintId: string; eventId: string },
): Promise<{ deliveries: number }> {
	const event = await tx.complaintEvent.findUniqueOrThrow({
		where: { id: eventId },
		select: { id: true, complaintId: true, type: true, fromStatus: true, toStatus: true, data: true, createdAt: true },
	})
	if (event.complaintId !== complaintId) throw new Error(`event ${eventId} is not about complaint ${complaintId}`)

	const kinds: WebhookEvent[] = []
	if (event.type === 'survey_answered') kinds.push('SURVEY_ANSWERED')
	else if (event.type === 'filed') kinds.push('COMPLAINT_CREATED')
	else if (event.toStatus && event.toStatus !== event.fromStatus) kinds.push('STATUS_CHANGED')
	const messageId =
		event.type === 'filed' || event.type === 'survey_answered' ? null : dataField(event.data, 'messageId')
	// only a message partners may read: never an internal note or an internal reason
	const message = messageId
		? await tx.complaintMessage.findFirst({
				where: { id: messageId, complaintId, visibility: { in: PARTNER_VISIBLE } },
				select: { id: true, body: true, visibility: true, createdAt: true, authorId: true },
			})
		: null
	if (message) kinds.push('REPLY_ADDED')
	if (kinds.length === 0) return { deliveries: 0 }

	const complaint = await tx.complaint.findUniqueOrThrow({
		where: { id: complaintId },
		select: {
			id: true,
			reference: true,
			title: true,
			status: true,
			category: true,
			severity: true,
			createdAt: true,
			dealerId: true,
			regionId: true,
			orderId: true,
		},
	})
	const organizations: Prisma.OrganizationWhereInput[] = [{ kind: 'REGIONAL_OFFICE', regionId: complaint.regionId }]
	if (complaint.dealerId) organizations.push({ kind: 'DEALER', id: complaint.dealerId })
	// the subscribed events are matched below, in JS: an organization has at most 10 endpoints,
	// and `events: { hasSome }` on an enum array reaches PGlite's driver adapter as a malformed
	// array literal (it failed every filing on the embedded database)
	const endpoints = await tx.webhookEndpoint.findMany({
		where: { active: true, organization: { OR: organizations } },
		select: { id: true, events: true },
	})
	if (endpoints.length === 0) return { deliveries: 0 }

	// separate queries: a select with relations runs as parallel queries on the transaction's connection
	const order = await tx.order.findUniqueOrThrow({ where: { id: complaint.orderId }, select: { orderNumber: true } })
	const author = message
		? await tx.user.findUniqueOrThrow({ where: { id: message.authorId }, select: { kind: true } })
		: null
	const attachmentCount = message
		? await tx.attachment.count({ where: { messageId: message.id, visibility: { in: PARTNER_VISIBLE } } })
		: 0
	const survey = kinds.includes('SURVEY_ANSWERED')
		? await tx.survey.findUniqueOrThrow({ where: { complaintId }, select: SURVEY_FOR_PARTNERS })
		: null

	const headline = {
		id: complaintNodeId(complaint.id),
		reference: complaint.reference,
		title: complaint.title,
		// a command may announce its change before it writes the complaint row
		status: event.toStatus ?? complaint.status,
		category: complaint.category,
		severity: complaint.severity,
		orderNumber: order.orderNumber,
		createdAt: complaint.createdAt.toISOString(),
	}
	const payloadOf = (kind: WebhookEvent): Prisma.InputJsonObject => {
		switch (kind) {
			case 'COMPLAINT_CREATED':
				return { complaint: headline }
			case 'STATUS_CHANGED':
				return {
					complaint: headline,
					change: { from: event.fromStatus, to: event.toStatus, at: event.createdAt.toISOString() },
				}
			case 'REPLY_ADDED':
				return {
					complaint: headline,
					message: {
						body: message!.body,
						visibility: message!.visibility,
						authorKind: author!.kind,
						attachmentCount,
						at: message!.createdAt.toISOString(),
					},
				}
			case 'SURVEY_ANSWERED':
				return {
					complaint: headline,
					survey: {
						timeliness: survey!.timeliness,
						communication: survey!.communication,
						resolutionQuality: survey!.resolutionQuality,
						productQuality: survey!.productQuality,
						delivery: survey!.delivery,
						priceFairness: survey!.priceFairness,
						overall: survey!.overall,
						recommend: survey!.recommend,
						answeredAt: survey!.answeredAt!.toISOString(),
						// an edit carries the whole answer again, with when it changed
						updatedAt: (survey!.answerUpdatedAt ?? survey!.answeredAt!).toISOString(),
						edited: survey!.answerUpdatedAt !== null && survey!.answerUpdatedAt > survey!.answeredAt!,
					},
				}
		}
	}

	const rows = endpoints.flatMap((endpoint) =>
		kinds
			.filter((kind) => endpoint.events.includes(kind))
			.map((kind) => ({
				endpointId: endpoint.id,
				eventType: WEBHOOK_EVENT_TYPES[kind],
				payload: payloadOf(kind),
				idempotencyKey: partnerEventKey(event.id, kind, endpoint.id),
				nextAttemptAt: event.createdAt,
				createdAt: event.createdAt,
			})),
	)
	// ON CONFLICT DO NOTHING: a unique violation would abort the caller's whole transaction on PostgreSQL
	const { count } = await tx.webhookDelivery.createMany({ data: rows, skipDuplicates: true })
	return { deliveries: count }
}
