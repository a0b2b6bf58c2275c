import type { Prisma } from '#app/generated/prisma/client.ts'
import type { ComplaintChannel, ComplaintStatus, RequestedRemedy } from '#app/generated/prisma/enums.ts'
import { COST_BEARERS } from '#app/domain/approvals/cost-bearer.ts'
import type { ComplaintNotifier } from '#app/domain/complaints/ports.ts'
import { nextStep } from '#app/domain/complaints/service-level.ts'
import { loadTargets } from '#app/domain/sla/targets.ts'
import { enqueuePartnerEvent } from '#app/domain/webhooks/partner-events.ts'
import { DEFAULT_LANGUAGE, languageFromLocale, type Language } from '#app/i18n/config.ts'
import { enqueueEmail } from '#app/mail/outbox.server.ts'
import type { ComplaintChange } from '#emails/complaint-parts.tsx'
import type { ComplaintReceivedProps } from '#emails/complaint-received.tsx'
import { createApprovalNotifier } from './approval-notifier.server.ts'
import { createSurveyNotifier } from '#app/surveys/notifier.server.ts'
import { createQualityNotifier } from './quality-notifier.server.ts'

/**
 * The customer's emails about their complaints, written to the outbox in the caller's
 * transaction: they exist if and only if the change that causes them commits. Each has an
 * idempotency key derived from its cause, so a command retried after a lost response still
 * sends one email.
 */

type Tx = Prisma.TransactionClient

const REMEDIES: readonly RequestedRemedy[] = ['REPLACEMENT', 'REPAIR', 'REFUND', 'EXPLANATION', 'OTHER']

export const complaintUrl = (appUrl: string, reference: string) => `${appUrl}/complaints/${reference}`
export const receivedKey = (complaintId: string) => `complaint-received:${complaintId}`
export const eventKey = (eventId: string) => `complaint-event:${eventId}`

/** What the emails need of a complaint and its customer. */
export const complaintForEmail = {
	id: true,
	reference: true,
	title: true,
	status: true,
	customerId: true,
	notifyFrequency: true,
	firstResponseDueAt: true,
	firstRespondedAt: true,
	resolutionDueAt: true,
	lastDigestAt: true,
	createdAt: true,
	customer: { select: { email: true, name: true, locale: true } },
	region: { select: { timeZone: true } },
} satisfies Prisma.ComplaintSelect

type EmailComplaint = Prisma.ComplaintGetPayload<{ select: typeof complaintForEmail }>

export const eventForEmail = {
	id: true,
	complaintId: true,
	actorId: true,
	type: true,
	fromStatus: true,
	toStatus: true,
	visibility: true,
	data: true,
	createdAt: true,
} satisfies Prisma.ComplaintEventSelect

type EmailEvent = Prisma.ComplaintEventGetPayload<{ select: typeof eventForEmail }>

export function customerLanguage(locale: 'zh_CN' | 'en' | null): Language {
	return languageFromLocale(locale) ?? DEFAULT_LANGUAGE
}

/**
 * Whether an event is one the customer should hear about: public, not their own doing (they
 * know what they did), and not the filing itself (complaint-received covers that).
 */
export function isNotifiable(event: Pick<EmailEvent, 'visibility' | 'actorId' | 'type'>, customerId: string) {
	return event.visibility === 'PUBLIC' && event.actorId !== customerId && event.type !== 'filed'
}

function dataField(data: Prisma.JsonValue, key: string): string | null {
	if (data && typeof data === 'object' && !Array.isArray(data)) {
		const value = (data as Record<string, Prisma.JsonValue>)[key]
		return typeof value === 'string' ? value : null
	}
	return null
}

function numberField(data: Prisma.JsonValue, key: string): number | null {
	if (data && typeof data === 'object' && !Array.isArray(data)) {
		const value = (data as Record<string, Prisma.JsonValue>)[key]
		return typeof value === 'number' && Number.isSafeInteger(value) ? value : null
	}
	return null
}

function statusChangeOf(event: EmailEvent): { from: ComplaintStatus | null; to: ComplaintStatus } | null {
	return event.toStatus && event.toStatus !== event.fromStatus ? { from: event.fromStatus, to: event.toStatus } : null
}

/**
 * Events as the emails tell them, in order. An event with a written message (a reply, an
 * acknowledgement, a question, a resolution or rejection) quotes it, and only a public one: an
 * event pointing at anything else (an escalation's internal reason) is told as a bare change.
 */
export async function describeEvents(tx: Tx, events: EmailEvent[]): Promise<ComplaintChange[]> {
	const messageIds = events.flatMap((e) => {
		const id = dataField(e.data, 'messageId')
		return id ? [id] : []
	})
	const messages = messageIds.length
		? await tx.complaintMessage.findMany({
				where: { id: { in: messageIds }, visibility: 'PUBLIC' },
				select: { id: true, body: true },
			})
		: []
	const bodies = new Map(messages.map((m) => [m.id, m.body]))
	return events.map((event): ComplaintChange => {
		const at = event.createdAt
		const statusChange = statusChangeOf(event)
		const body = bodies.get(dataField(event.data, 'messageId') ?? '')
		if (body !== undefined) return { kind: 'reply', at, body, statusChange }
		if (event.type === 'resolution_proposed') {
			const type = dataField(event.data, 'type')
			const remedy = REMEDIES.find((r) => r === type) ?? null
			const bearer = dataField(event.data, 'costBearer')
			return {
				kind: 'resolution',
				at,
				remedy,
				summary: dataField(event.data, 'summary') ?? '',
				// what it costs and who pays, as proposals.ts recorded them (older events have neither)
				amountMinor: numberField(event.data, 'amountMinor') ?? 0,
				currency: dataField(event.data, 'currency') ?? 'CNY',
				costBearer: COST_BEARERS.find((b) => b === bearer) ?? null,
			}
		}
		if (statusChange) return { kind: 'status', at, ...statusChange }
		return { kind: 'other', at }
	})
}

/** Where a complaint stands now and what the company promised next by (for the digest). */
export function standing(complaint: EmailComplaint, at: Date) {
	const { dueAt } = nextStep(complaint, at)
	return { status: complaint.status, nextDueAt: dueAt && dueAt > at ? dueAt : null }
}

/**
 * Where the complaint stands after `event`. Commands may announce a change before they write
 * the complaint row, so a promise date is shown only once the row has the status the email
 * talks about. A reply to a new complaint is its first response: until the row says so, the
 * first-response promise would read wrong, so the email then leaves the standing out.
 */
export function standingAfter(complaint: EmailComplaint, event: EmailEvent) {
	const at = event.createdAt
	if (!event.toStatus && complaint.status === 'SUBMITTED' && event.type === 'reply')
		return { status: null, nextDueAt: null }
	const status = event.toStatus ?? complaint.status
	if (complaint.status !== status) return { status, nextDueAt: null }
	return standing(complaint, at)
}

/**
 * Who filed the complaint for its customer (app/domain/complaints/file-for-customer.ts), as the
 * "received" email tells it: their dealer by name, or our staff from a call or an email; null
 * when the customer filed it themself.
 */
async function filedOnBehalfOf(
	tx: Tx,
	complaint: { customerId: string; filedById: string; channel: ComplaintChannel },
): Promise<ComplaintReceivedProps['filedOnBehalf']> {
	if (complaint.filedById === complaint.customerId) return null
	if (complaint.channel === 'PHONE' || complaint.channel === 'EMAIL') return { by: 'STAFF', channel: complaint.channel }
	const filer = await tx.user.findUnique({
		where: { id: complaint.filedById },
		select: { kind: true, organization: { select: { name: true } } },
	})
	return filer?.kind === 'DEALER' && filer.organization ? { by: 'DEALER', dealerName: filer.organization.name } : null
}

export function createComplaintNotifier({ appUrl }: { appUrl: string }): ComplaintNotifier {
	return {
		// the staff's emails about proposals waiting for approval and declined
		...createApprovalNotifier({ appUrl }),
		// the general managers' email about every product-quality responsibility decision
		...createQualityNotifier({ appUrl }),
		// the satisfaction survey's link to the customer, and the managers' follow-up (app/domain/surveys/)
		...createSurveyNotifier({ appUrl }),
		// the partner organizations' webhooks, queued with the change (docs/decisions/011-webhooks.md)
		async partnerEvent(tx, event) {
			await enqueuePartnerEvent(tx, event)
		},

		async complaintFiled(tx, complaintId) {
			const complaint = await tx.complaint.findUniqueOrThrow({
				where: { id: complaintId },
				select: {
					...complaintForEmail,
					isKeyAccount: true,
					category: true,
					requestedRemedy: true,
					orderId: true,
					orderLineId: true,
					filedById: true,
					channel: true,
				},
			})
			// separate queries: Prisma runs a select with many relations as parallel queries on the
			// transaction's one connection, which node-postgres warns about
			const order = await tx.order.findUniqueOrThrow({
				where: { id: complaint.orderId },
				select: { orderNumber: true },
			})
			const line = complaint.orderLineId
				? await tx.orderLine.findUnique({
						where: { id: complaint.orderLineId },
						select: { productName: true, productModel: true, batchNumber: true },
					})
				: null
			const filedOnBehalf = await filedOnBehalfOf(tx, complaint)
			await enqueueEmail(tx, {
				to: complaint.customer.email,
				template: 'complaint-received',
				language: customerLanguage(complaint.customer.locale),
				idempotencyKey: receivedKey(complaint.id),
				props: {
					name: complaint.customer.name,
					reference: complaint.reference,
					url: complaintUrl(appUrl, complaint.reference),
					title: complaint.title,
					orderNumber: order.orderNumber,
					product: line ? { name: line.productName, model: line.productModel, batchNumber: line.batchNumber } : null,
					category: complaint.category,
					requestedRemedy: complaint.requestedRemedy,
					firstResponseDueAt:
						complaint.firstResponseDueAt ??
						nextStep({ ...complaint, status: 'SUBMITTED' }, complaint.createdAt).dueAt ??
						complaint.createdAt,
					// what the customer is promised is what the clock runs by: the configured target
					firstResponseTarget: (await loadTargets(tx)).of('FIRST_RESPONSE', complaint.isKeyAccount),
					timeZone: complaint.region.timeZone,
					filedOnBehalf,
				},
			})
		},

		async publicChange(tx, { complaintId, eventId }) {
			const event = await tx.complaintEvent.findUniqueOrThrow({ where: { id: eventId }, select: eventForEmail })
			if (event.complaintId !== complaintId) throw new Error(`event ${eventId} is not about complaint ${complaintId}`)
			const complaint = await tx.complaint.findUniqueOrThrow({ where: { id: complaintId }, select: complaintForEmail })
			if (!isNotifiable(event, complaint.customerId)) return
			// the digest job (digest.server.ts) picks the change up later
			if (complaint.notifyFrequency !== 'EACH_CHANGE') return
			const [change] = await describeEvents(tx, [event])
			await enqueueEmail(tx, {
				to: complaint.customer.email,
				template: 'complaint-updated',
				language: customerLanguage(complaint.customer.locale),
				idempotencyKey: eventKey(event.id),
				props: {
					name: complaint.customer.name,
					reference: complaint.reference,
					url: complaintUrl(appUrl, complaint.reference),
					title: complaint.title,
					change: change!,
					...standingAfter(complaint, event),
					timeZone: complaint.region.timeZone,
				},
			})
		},
	}
}
