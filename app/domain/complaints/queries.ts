import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type {
	ComplaintCategory,
	ComplaintSeverity,
	ComplaintStatus,
	ContactMethod,
	CostBearer,
	MessageVisibility,
	NotificationFrequency,
	RequestedRemedy,
} from '#app/generated/prisma/enums.ts'
import { NotFoundError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import { attachmentViewSelect, toAttachmentView, type AttachmentView } from './attachments.ts'
import type { ComplaintEventType } from './events.ts'
import { customerActionsIn, FINISHED, waitingOn, type CustomerAction, type WaitingOn } from './lifecycle.ts'
import { can, complaintVisibleTo, visibilitiesFor, type ComplaintAction } from './permissions.ts'
import { formatComplaintReference, parseComplaintReference } from './reference.ts'
import { nextStep, type NextStep } from './service-level.ts'

/** Read side of complaints: every query spreads complaintVisibleTo(viewer). */

export type ComplaintListFilter = 'all' | 'open' | 'waiting' | 'finished' | ComplaintStatus
export const LIST_FILTERS = ['all', 'open', 'waiting', 'finished'] as const

function filterWhere(filter: ComplaintListFilter): Prisma.ComplaintWhereInput {
	switch (filter) {
		case 'all':
			return {}
		case 'open':
			return { status: { notIn: [...FINISHED] } }
		case 'waiting':
			return { status: { in: ['WAITING_ON_CUSTOMER', 'RESOLUTION_PROPOSED'] } }
		case 'finished':
			return { status: { in: [...FINISHED] } }
		default:
			return { status: filter }
	}
}

export interface ComplaintListItem {
	id: string
	reference: string
	title: string
	status: ComplaintStatus
	orderNumber: string
	productModel: string | null
	productName: string | null
	createdAt: Date
	/** the last change the customer can see */
	updatedAt: Date
	waitingOn: WaitingOn
}

export interface ComplaintPage<T> {
	items: T[]
	total: number
	page: number
	pageSize: number
	pageCount: number
}

/** The viewer's own complaints (as the customer), most recently changed first. */
export async function listMyComplaints(
	db: PrismaClient,
	viewer: Viewer,
	{ filter = 'all', page = 1, pageSize = 10 }: { filter?: ComplaintListFilter; page?: number; pageSize?: number } = {},
): Promise<ComplaintPage<ComplaintListItem>> {
	const size = Math.min(Math.max(1, Math.trunc(pageSize)), 50)
	const where: Prisma.ComplaintWhereInput = {
		AND: [complaintVisibleTo(viewer), { customerId: viewer.userId }, filterWhere(filter)],
	}
	const total = await db.complaint.count({ where })
	const pageCount = Math.max(1, Math.ceil(total / size))
	const current = Math.min(Math.max(1, Math.trunc(page) || 1), pageCount)
	const rows = await db.complaint.findMany({
		where,
		orderBy: [{ customerUpdatedAt: 'desc' }, { id: 'desc' }],
		skip: (current - 1) * size,
		take: size,
		select: {
			id: true,
			reference: true,
			title: true,
			status: true,
			createdAt: true,
			customerUpdatedAt: true,
			order: { select: { orderNumber: true } },
			orderLine: { select: { productModel: true, productName: true } },
		},
	})
	return {
		items: rows.map((r) => ({
			id: r.id,
			reference: r.reference,
			title: r.title,
			status: r.status,
			orderNumber: r.order.orderNumber,
			productModel: r.orderLine?.productModel ?? null,
			productName: r.orderLine?.productName ?? null,
			createdAt: r.createdAt,
			updatedAt: r.customerUpdatedAt,
			waitingOn: waitingOn(r.status),
		})),
		total,
		page: current,
		pageSize: size,
		pageCount,
	}
}

export type Side = 'customer' | 'company' | 'partner'

export interface TimelineItem {
	id: string
	at: Date
	type: ComplaintEventType
	fromStatus: ComplaintStatus | null
	toStatus: ComplaintStatus | null
	visibility: MessageVisibility
	actor: { name: string; side: Side } | null
	/** the written text, for replies, messages and notes */
	message: { id: string; body: string; attachments: AttachmentView[] } | null
	/** reason, proposal and the like, as the event recorded them */
	data: Record<string, unknown>
}

/** The resolution offered to the customer: what, and when money is involved how much and who pays. */
export interface ResolutionView {
	type: RequestedRemedy
	summary: string
	/** in fen; 0 when no money is involved */
	amountMinor: number
	currency: string
	costBearer: CostBearer | null
}

export interface ComplaintDetail {
	id: string
	reference: string
	version: number
	title: string
	description: string
	status: ComplaintStatus
	category: ComplaintCategory
	severity: ComplaintSeverity
	requestedRemedy: RequestedRemedy
	preferredContact: ContactMethod
	contactPhone: string | null
	notifyFrequency: NotificationFrequency
	createdAt: Date
	updatedAt: Date
	closedAt: Date | null
	resolution: ResolutionView | null
	order: { orderNumber: string; orderedAt: Date; deliveredAt: Date | null }
	line: { productModel: string; productName: string; batchNumber: string; quantity: number } | null
	/** files filed with the complaint (those added later sit on their message) */
	attachments: AttachmentView[]
	timeline: TimelineItem[]
	nextStep: NextStep
	/** the customer actions open to this viewer now */
	actions: CustomerAction[]
}

const ACTION_PERMISSION: Record<CustomerAction, ComplaintAction> = {
	'add-information': 'add-information',
	'accept-resolution': 'respond-to-resolution',
	'dispute-resolution': 'respond-to-resolution',
	withdraw: 'withdraw',
	escalate: 'escalate',
}

function sideOf(kind: string): Side {
	return kind === 'CUSTOMER' ? 'customer' : kind === 'STAFF' ? 'company' : 'partner'
}

function normalizedReference(reference: string): string | null {
	const parsed = parseComplaintReference(reference)
	return parsed ? formatComplaintReference(parsed) : null
}

/**
 * The complaint page: the record, its timeline as far as the viewer may see it, and what they
 * may do next. Someone else's complaint is NotFoundError, exactly like a missing one.
 */
export async function getComplaintByReference(
	db: PrismaClient,
	viewer: Viewer,
	reference: string,
	now = new Date(),
): Promise<ComplaintDetail> {
	const ref = normalizedReference(reference)
	if (!ref) throw new NotFoundError('Complaint')
	const visible = visibilitiesFor(viewer)
	const row = await db.complaint.findFirst({
		where: { AND: [complaintVisibleTo(viewer), { reference: ref }] },
		include: {
			order: { select: { orderNumber: true, orderedAt: true, deliveredAt: true } },
			orderLine: { select: { productModel: true, productName: true, batchNumber: true, quantity: true } },
			attachments: {
				where: { messageId: null, visibility: { in: visible } },
				orderBy: { createdAt: 'asc' },
				select: attachmentViewSelect,
			},
			messages: {
				where: { visibility: { in: visible } },
				include: {
					author: { select: { name: true, kind: true } },
					attachments: {
						where: { visibility: { in: visible } },
						orderBy: { createdAt: 'asc' },
						select: attachmentViewSelect,
					},
				},
			},
			events: {
				where: { visibility: { in: visible } },
				orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
				include: { actor: { select: { name: true, kind: true } } },
			},
		},
	})
	if (!row) throw new NotFoundError('Complaint')

	const messages = new Map(row.messages.map((m) => [m.id, m]))
	const shown = new Set<string>()
	const timeline: TimelineItem[] = row.events.map((e) => {
		const data = (e.data && typeof e.data === 'object' && !Array.isArray(e.data) ? e.data : {}) as Record<
			string,
			unknown
		>
		const message = typeof data.messageId === 'string' ? messages.get(data.messageId) : undefined
		if (message) shown.add(message.id)
		return {
			id: e.id,
			at: e.createdAt,
			type: e.type as ComplaintEventType,
			fromStatus: e.fromStatus,
			toStatus: e.toStatus,
			visibility: e.visibility,
			actor: e.actor ? { name: e.actor.name, side: sideOf(e.actor.kind) } : null,
			message: message
				? { id: message.id, body: message.body, attachments: message.attachments.map(toAttachmentView) }
				: null,
			data,
		}
	})
	// messages written without an event of their own (imported, or older data) still show
	for (const m of row.messages) {
		if (shown.has(m.id)) continue
		timeline.push({
			id: `message-${m.id}`,
			at: m.createdAt,
			type: m.author.kind === 'CUSTOMER' ? 'customer_message' : m.visibility === 'PUBLIC' ? 'reply' : 'note',
			fromStatus: null,
			toStatus: null,
			visibility: m.visibility,
			actor: { name: m.author.name, side: sideOf(m.author.kind) },
			message: { id: m.id, body: m.body, attachments: m.attachments.map(toAttachmentView) },
			data: {},
		})
	}
	timeline.sort((a, b) => a.at.getTime() - b.at.getTime())

	const ownership = { customerId: row.customerId, dealerId: row.dealerId, regionId: row.regionId }
	return {
		id: row.id,
		reference: row.reference,
		version: row.version,
		title: row.title,
		description: row.description,
		status: row.status,
		category: row.category,
		severity: row.severity,
		requestedRemedy: row.requestedRemedy,
		preferredContact: row.preferredContact,
		contactPhone: row.contactPhone,
		notifyFrequency: row.notifyFrequency,
		createdAt: row.createdAt,
		updatedAt: row.customerUpdatedAt,
		closedAt: row.closedAt,
		resolution:
			row.resolutionType && row.resolutionSummary
				? {
						type: row.resolutionType,
						summary: row.resolutionSummary,
						amountMinor: row.resolutionAmountMinor ?? 0,
						currency: row.resolutionCurrency ?? 'CNY',
						costBearer: row.costBearer,
					}
				: null,
		order: row.order,
		line: row.orderLine,
		attachments: row.attachments.map(toAttachmentView),
		timeline,
		nextStep: nextStep(row, now),
		// the customer's own moves are the customer's; partners may only add information here
		actions: customerActionsIn(row.status).filter(
			(action) =>
				(viewer.kind === 'CUSTOMER' || action === 'add-information') &&
				can(viewer, ACTION_PERMISSION[action], ownership),
		),
	}
}

/**
 * An attachment's storage keys, for the file routes: only when the viewer may see the
 * complaint and the file's visibility, or when it sits on the viewer's own draft.
 */
export async function getAttachmentForViewer(db: PrismaClient, viewer: Viewer, attachmentId: string) {
	const row = await db.attachment.findFirst({
		where: {
			id: attachmentId,
			OR: [
				{
					complaintId: { not: null },
					complaint: { is: complaintVisibleTo(viewer) },
					visibility: { in: visibilitiesFor(viewer) },
				},
				{ draftId: { not: null }, draft: { is: { customerId: viewer.userId } } },
			],
		},
		select: { storageKey: true, thumbnailKey: true, contentType: true, originalName: true, byteSize: true },
	})
	if (!row) throw new NotFoundError('Attachment')
	return row
}

/** Complaints by id for the API's `node` and dataloaders: the invisible ones are simply absent. */
export async function findComplaintsVisibleTo(db: PrismaClient, viewer: Viewer | null, ids: readonly string[]) {
	if (!viewer || ids.length === 0) return []
	return db.complaint.findMany({ where: { AND: [complaintVisibleTo(viewer), { id: { in: [...ids] } }] } })
}

/** A complaint's id by its reference, if the viewer may see it. */
export async function findComplaintIdByReference(db: PrismaClient, viewer: Viewer, reference: string) {
	const ref = normalizedReference(reference)
	if (!ref) return null
	const row = await db.complaint.findFirst({
		where: { AND: [complaintVisibleTo(viewer), { reference: ref }] },
		select: { id: true },
	})
	return row?.id ?? null
}
