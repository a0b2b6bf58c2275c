import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { MessageVisibility, ProposalStatus } from '#app/generated/prisma/enums.ts'
import { canSeeEmailOf } from '../directory/visibility.ts'
import type { Viewer } from '../viewer.ts'
import { complaintVisibleTo, permissionsOf, visibilitiesFor, type Scope } from './permissions.ts'

/**
 * The parts of complaints the API shows, read for many complaints at once (one statement per
 * part however many complaints a page holds, so that GraphQL's dataloaders keep the number of
 * SQL statements constant). Each read joins back through complaintVisibleTo(viewer) and the
 * viewer's message visibilities: an id the viewer may not see is simply absent.
 */

type Db = PrismaClient

/** Who wrote a message or made a change, as the viewer sees them: a name and a side. */
export interface Participant {
	name: string
	side: 'CUSTOMER' | 'COMPANY' | 'PARTNER'
}

function participant(user: { name: string; kind: string } | null): Participant | null {
	if (!user) return null
	return {
		name: user.name,
		side: user.kind === 'CUSTOMER' ? 'CUSTOMER' : user.kind === 'STAFF' ? 'COMPANY' : 'PARTNER',
	}
}

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
	const groups = new Map<string, T[]>(keys.map((k) => [k, []]))
	for (const row of rows) groups.get(keyOf(row))?.push(row)
	return keys.map((k) => groups.get(k) ?? [])
}

/** The messages and events filter: the viewer's visibilities, narrowed by the client's choice. */
export function allowedVisibilities(viewer: Viewer, wanted?: readonly MessageVisibility[] | null): MessageVisibility[] {
	const mine = visibilitiesFor(viewer)
	return wanted ? mine.filter((v) => wanted.includes(v)) : mine
}

/* ---------------------------------------------------------------- orders */

/**
 * The orders the viewer may read: the same scopes as their complaints, on the order's own fields,
 * and any order with a complaint the viewer may read (so that `Complaint.order` is never hidden).
 */
export function orderVisibleTo(viewer: Viewer | null): Prisma.OrderWhereInput {
	if (!viewer) return { id: { in: [] } }
	const scopes = permissionsOf(viewer)
		.filter((p) => p.startsWith('read:'))
		.map((p) => p.split(':')[2] as Scope)
	if (scopes.includes('any')) return {}
	const ors: Prisma.OrderWhereInput[] = []
	if (scopes.includes('own')) ors.push({ customerId: viewer.userId })
	if (scopes.includes('dealer') && viewer.organizationId) ors.push({ dealerId: viewer.organizationId })
	if (scopes.includes('region') && viewer.regionId) ors.push({ regionId: viewer.regionId })
	if (ors.length === 0) return { id: { in: [] } }
	ors.push({ complaints: { some: complaintVisibleTo(viewer) } })
	return { OR: ors }
}

const orderSelect = {
	id: true,
	orderNumber: true,
	orderedAt: true,
	shippedAt: true,
	deliveredAt: true,
	dealerId: true,
	regionId: true,
} as const satisfies Prisma.OrderSelect

export type OrderView = Prisma.OrderGetPayload<{ select: typeof orderSelect }>

export function findOrdersVisibleTo(db: Db, viewer: Viewer | null, ids: readonly string[]): Promise<OrderView[]> {
	if (!viewer || ids.length === 0) return Promise.resolve([])
	return db.order.findMany({ where: { AND: [orderVisibleTo(viewer), { id: { in: [...ids] } }] }, select: orderSelect })
}

const lineSelect = {
	id: true,
	orderId: true,
	lineNumber: true,
	productModel: true,
	productName: true,
	batchNumber: true,
	quantity: true,
} as const satisfies Prisma.OrderLineSelect

export type OrderLineView = Prisma.OrderLineGetPayload<{ select: typeof lineSelect }>

/** The lines of each order, by line number; an order the viewer may not read has none. */
export async function findLinesOfOrders(db: Db, viewer: Viewer | null, orderIds: readonly string[]) {
	if (!viewer || orderIds.length === 0) return orderIds.map(() => [])
	const rows = await db.orderLine.findMany({
		where: { orderId: { in: [...orderIds] }, order: { is: orderVisibleTo(viewer) } },
		orderBy: [{ orderId: 'asc' }, { lineNumber: 'asc' }],
		select: lineSelect,
	})
	return groupBy(orderIds, rows, (r) => r.orderId)
}

/** Order lines by id (the line a complaint is about). */
export function findOrderLinesVisibleTo(db: Db, viewer: Viewer | null, ids: readonly string[]) {
	if (!viewer || ids.length === 0) return Promise.resolve([])
	return db.orderLine.findMany({
		where: { id: { in: [...ids] }, order: { is: orderVisibleTo(viewer) } },
		select: lineSelect,
	})
}

/* ------------------------------------------------------------- customers */

export interface CustomerView {
	id: string
	name: string
	/** only for staff and the customer themself (PIPL; directory/visibility.ts) */
	email: string | null
}

/** Each complaint's customer, as the viewer may see them; null for a complaint they may not read. */
export async function findCustomersOfComplaints(
	db: Db,
	viewer: Viewer | null,
	complaintIds: readonly string[],
): Promise<Array<CustomerView | null>> {
	if (!viewer || complaintIds.length === 0) return complaintIds.map(() => null)
	const rows = await db.complaint.findMany({
		where: { AND: [complaintVisibleTo(viewer), { id: { in: [...complaintIds] } }] },
		select: { id: true, customer: { select: { id: true, name: true, email: true } } },
	})
	const byId = new Map(rows.map((r) => [r.id, r.customer]))
	return complaintIds.map((id) => {
		const customer = byId.get(id)
		if (!customer) return null
		return { id: customer.id, name: customer.name, email: canSeeEmailOf(viewer, customer) ? customer.email : null }
	})
}

/* --------------------------------------------------- messages and events */

export interface PageRequest {
	/** an id of the same kind of row: the page starts after (ends before) it */
	after?: string
	before?: string
	limit: number
	/** read backwards from the end (a `last` page) */
	inverted: boolean
}

/**
 * Up to `limit` ids per complaint, oldest first (newest first when inverted), in ONE statement:
 * a window function numbers each complaint's rows. The cursors are row ids, compared as
 * (createdAt, id) through a subquery, so a cursor is valid for every complaint of a page.
 */
async function pageIdsPerComplaint(
	db: Db,
	table: 'ComplaintMessage' | 'ComplaintEvent',
	complaintIds: readonly string[],
	visibilities: MessageVisibility[],
	page: PageRequest,
): Promise<string[]> {
	const dir = page.inverted ? 'DESC' : 'ASC'
	const params: unknown[] = [[...complaintIds], visibilities, page.limit]
	const conditions = [`t."complaintId" = ANY($1::text[])`, `t."visibility"::text = ANY($2::text[])`]
	// the table name is one of two constants; values travel as parameters
	const key = (param: number) => `(SELECT c."createdAt", c."id" FROM "${table}" c WHERE c."id" = $${param})`
	if (page.after) {
		params.push(page.after)
		conditions.push(`(t."createdAt", t."id") > ${key(params.length)}`)
	}
	if (page.before) {
		params.push(page.before)
		conditions.push(`(t."createdAt", t."id") < ${key(params.length)}`)
	}
	const rows = await db.$queryRawUnsafe<Array<{ id: string }>>(
		`SELECT ranked."id" FROM (
			SELECT t."id", row_number() OVER (PARTITION BY t."complaintId" ORDER BY t."createdAt" ${dir}, t."id" ${dir}) AS n
			FROM "${table}" t WHERE ${conditions.join(' AND ')}
		) ranked WHERE ranked.n <= $3`,
		...params,
	)
	return rows.map((r) => r.id)
}

function sortForPage<T extends { createdAt: Date; id: string }>(rows: T[], inverted: boolean): T[] {
	const sign = inverted ? -1 : 1
	return rows.sort(
		(a, b) => sign * (a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
	)
}

export interface MessageView {
	id: string
	complaintId: string
	visibility: MessageVisibility
	body: string
	createdAt: Date
	author: Participant
}

/** A page of messages per complaint, as far as the viewer may read them. */
export async function pageMessagesOfComplaints(
	db: Db,
	viewer: Viewer | null,
	complaintIds: readonly string[],
	{ visibility, ...page }: PageRequest & { visibility?: readonly MessageVisibility[] | null },
): Promise<MessageView[][]> {
	if (!viewer || complaintIds.length === 0) return complaintIds.map(() => [])
	const visibilities = allowedVisibilities(viewer, visibility)
	if (visibilities.length === 0) return complaintIds.map(() => [])
	const ids = await pageIdsPerComplaint(db, 'ComplaintMessage', complaintIds, visibilities, page)
	if (ids.length === 0) return complaintIds.map(() => [])
	const rows = await findMessagesWhere(db, viewer, { id: { in: ids } })
	return groupBy(complaintIds, sortForPage(rows, page.inverted), (r) => r.complaintId)
}

async function findMessagesWhere(db: Db, viewer: Viewer, where: Prisma.ComplaintMessageWhereInput) {
	const rows = await db.complaintMessage.findMany({
		where: {
			AND: [where, { visibility: { in: visibilitiesFor(viewer) } }, { complaint: { is: complaintVisibleTo(viewer) } }],
		},
		select: {
			id: true,
			complaintId: true,
			visibility: true,
			body: true,
			createdAt: true,
			author: { select: { name: true, kind: true } },
		},
	})
	return rows.map(({ author, ...r }) => ({ ...r, author: participant(author)! }))
}

/** Messages by id, for `node`: absent when the viewer may not read the message or its complaint. */
export function findMessagesVisibleTo(db: Db, viewer: Viewer | null, ids: readonly string[]): Promise<MessageView[]> {
	if (!viewer || ids.length === 0) return Promise.resolve([])
	return findMessagesWhere(db, viewer, { id: { in: [...ids] } })
}

export interface EventView {
	id: string
	complaintId: string
	type: string
	fromStatus: Prisma.ComplaintEventGetPayload<object>['fromStatus']
	toStatus: Prisma.ComplaintEventGetPayload<object>['toStatus']
	visibility: MessageVisibility
	createdAt: Date
	actor: Participant | null
}

/** A page of timeline events per complaint, as far as the viewer may read them. */
export async function pageEventsOfComplaints(
	db: Db,
	viewer: Viewer | null,
	complaintIds: readonly string[],
	page: PageRequest,
): Promise<EventView[][]> {
	if (!viewer || complaintIds.length === 0) return complaintIds.map(() => [])
	const visibilities = visibilitiesFor(viewer)
	const ids = await pageIdsPerComplaint(db, 'ComplaintEvent', complaintIds, visibilities, page)
	if (ids.length === 0) return complaintIds.map(() => [])
	const rows = await db.complaintEvent.findMany({
		where: {
			AND: [
				{ id: { in: ids } },
				{ visibility: { in: visibilities } },
				{ complaint: { is: complaintVisibleTo(viewer) } },
			],
		},
		select: {
			id: true,
			complaintId: true,
			type: true,
			fromStatus: true,
			toStatus: true,
			visibility: true,
			createdAt: true,
			actor: { select: { name: true, kind: true } },
		},
	})
	const views = rows.map(({ actor, ...r }) => ({ ...r, actor: participant(actor) }))
	return groupBy(complaintIds, sortForPage(views, page.inverted), (r) => r.complaintId)
}

/* ----------------------------------------------------------- attachments */

const attachmentSelect = {
	id: true,
	complaintId: true,
	messageId: true,
	kind: true,
	originalName: true,
	contentType: true,
	byteSize: true,
	width: true,
	height: true,
	thumbnailKey: true,
	visibility: true,
	createdAt: true,
} as const satisfies Prisma.AttachmentSelect

export type AttachmentRow = Omit<Prisma.AttachmentGetPayload<{ select: typeof attachmentSelect }>, 'thumbnailKey'> & {
	hasThumbnail: boolean
}

async function findAttachmentsWhere(db: Db, viewer: Viewer, where: Prisma.AttachmentWhereInput) {
	const rows = await db.attachment.findMany({
		where: {
			AND: [
				where,
				{ complaintId: { not: null } },
				{ visibility: { in: visibilitiesFor(viewer) } },
				{ complaint: { is: complaintVisibleTo(viewer) } },
			],
		},
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: attachmentSelect,
	})
	return rows.map(({ thumbnailKey, ...r }): AttachmentRow => ({ ...r, hasThumbnail: thumbnailKey !== null }))
}

/** Every file on each complaint the viewer may see (those filed with it and those on messages). */
export async function findAttachmentsOfComplaints(db: Db, viewer: Viewer | null, complaintIds: readonly string[]) {
	if (!viewer || complaintIds.length === 0) return complaintIds.map(() => [])
	const rows = await findAttachmentsWhere(db, viewer, { complaintId: { in: [...complaintIds] } })
	return groupBy(complaintIds, rows, (r) => r.complaintId!)
}

/** The files on each message. */
export async function findAttachmentsOfMessages(db: Db, viewer: Viewer | null, messageIds: readonly string[]) {
	if (!viewer || messageIds.length === 0) return messageIds.map(() => [])
	const rows = await findAttachmentsWhere(db, viewer, { messageId: { in: [...messageIds] } })
	return groupBy(messageIds, rows, (r) => r.messageId!)
}

/** Attachments by id, for `node`. */
export function findAttachmentsVisibleTo(db: Db, viewer: Viewer | null, ids: readonly string[]) {
	if (!viewer || ids.length === 0) return Promise.resolve([])
	return findAttachmentsWhere(db, viewer, { id: { in: [...ids] } })
}

/* ------------------------------------------------------------- proposals */

/** What a customer, dealer or regional office sees of proposals: those put to the customer. */
const OFFERED: ProposalStatus[] = ['OFFERED', 'ACCEPTED', 'DISPUTED']

export function proposalStatusesFor(viewer: Pick<Viewer, 'kind'>): ProposalStatus[] | null {
	return viewer.kind === 'STAFF' ? null : OFFERED
}

const proposalSelect = {
	id: true,
	complaintId: true,
	type: true,
	summary: true,
	amountMinor: true,
	currency: true,
	costBearer: true,
	status: true,
	createdAt: true,
	decidedAt: true,
} as const satisfies Prisma.ResolutionProposalSelect

export type ProposalView = Prisma.ResolutionProposalGetPayload<{ select: typeof proposalSelect }>

/**
 * Each complaint's resolution proposals, oldest first: every one for staff (drafts waiting for
 * approval, declined, superseded); for everyone else only those put to the customer.
 */
export async function findProposalsOfComplaints(db: Db, viewer: Viewer | null, complaintIds: readonly string[]) {
	if (!viewer || complaintIds.length === 0) return complaintIds.map(() => [])
	const statuses = proposalStatusesFor(viewer)
	const rows = await db.resolutionProposal.findMany({
		where: {
			AND: [
				{ complaintId: { in: [...complaintIds] } },
				statuses ? { status: { in: statuses } } : {},
				{ complaint: { is: complaintVisibleTo(viewer) } },
			],
		},
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: proposalSelect,
	})
	return groupBy(complaintIds, rows, (r) => r.complaintId)
}
