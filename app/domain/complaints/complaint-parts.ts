import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { MessageVisibility, ProposalStatus } from '#app/generated/prisma/enums.ts'
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

export function participant(user: { name: string; kind: string } | null): Participant | null {
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

/* --------------------------------------------------- messages and events */

export interface PageRequest {
	/** an id of the same kind of row: the page starts after (ends before) it */
	after?: string
	before?: string
	limit: number
	/** read backwards from the end (a `last` page) */
	inverted: boolean
}

/** A row of a page: its id, and who wrote it or did it (null for the system). */
interface PagedRow {
	id: string
	person: Participant | null
}

/**
 * Up to `limit` rows per complaint, oldest first (newest first when inverted), in ONE statement:
 * a window function numbers each complaint's rows. The cursors are row ids, compared as
 * (createdAt, id) through a subquery, so a cursor is valid for every complaint of a page. Each
 * row comes with its author's or actor's name and kind, so that the page needs no statement of
 * its own for people (Prisma would read them with one more).
 */
async function pageRowsPerComplaint(
	db: Db,
	table: 'ComplaintMessage' | 'ComplaintEvent',
	complaintIds: readonly string[],
	visibilities: MessageVisibility[],
	page: PageRequest,
): Promise<PagedRow[]> {
	const person = table === 'ComplaintMessage' ? 'authorId' : 'actorId'
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
	const rows = await db.$queryRawUnsafe<Array<{ id: string; name: string | null; kind: string | null }>>(
		`SELECT ranked."id", u."name", u."kind"::text AS "kind" FROM (
			SELECT t."id", t."${person}" AS "personId",
				row_number() OVER (PARTITION BY t."complaintId" ORDER BY t."createdAt" ${dir}, t."id" ${dir}) AS n
			FROM "${table}" t WHERE ${conditions.join(' AND ')}
		) ranked LEFT JOIN "User" u ON u."id" = ranked."personId" WHERE ranked.n <= $3`,
		...params,
	)
	return rows.map(({ id, name, kind }) => ({
		id,
		person: name === null || kind === null ? null : participant({ name, kind }),
	}))
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
	const ranked = await pageRowsPerComplaint(db, 'ComplaintMessage', complaintIds, visibilities, page)
	if (ranked.length === 0) return complaintIds.map(() => [])
	const authors = new Map(ranked.map((row) => [row.id, row.person!]))
	// the rows again, through the viewer's visibility rules: the page's query only chose ids
	const rows = await db.complaintMessage.findMany({
		where: messagesVisibleTo(viewer, { id: { in: [...authors.keys()] } }),
		select: messageSelect,
	})
	const views = rows.map((row) => ({ ...row, author: authors.get(row.id)! }))
	return groupBy(complaintIds, sortForPage(views, page.inverted), (r) => r.complaintId)
}

const messageSelect = {
	id: true,
	complaintId: true,
	visibility: true,
	body: true,
	createdAt: true,
} as const satisfies Prisma.ComplaintMessageSelect

function messagesVisibleTo(
	viewer: Viewer,
	where: Prisma.ComplaintMessageWhereInput,
): Prisma.ComplaintMessageWhereInput {
	return {
		AND: [where, { visibility: { in: visibilitiesFor(viewer) } }, { complaint: { is: complaintVisibleTo(viewer) } }],
	}
}

async function findMessagesWhere(db: Db, viewer: Viewer, where: Prisma.ComplaintMessageWhereInput) {
	const rows = await db.complaintMessage.findMany({
		where: messagesVisibleTo(viewer, where),
		select: { ...messageSelect, author: { select: { name: true, kind: true } } },
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
	/** the complaint's version after the change; null for changes recorded before versions */
	version: number | null
	/** the audit record: { field: { before, after } }; staff read it (auditChangesOf in case-view.ts) */
	changes: Prisma.JsonValue | null
	data: Prisma.JsonValue | null
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
	const ranked = await pageRowsPerComplaint(db, 'ComplaintEvent', complaintIds, visibilities, page)
	if (ranked.length === 0) return complaintIds.map(() => [])
	const actors = new Map(ranked.map((row) => [row.id, row.person]))
	// the rows again, through the viewer's visibility rules: the page's query only chose ids
	const rows = await db.complaintEvent.findMany({
		where: eventsVisibleTo(viewer, { id: { in: [...actors.keys()] } }),
		select: eventSelect,
	})
	const views = rows.map((row) => ({ ...row, actor: actors.get(row.id) ?? null }))
	return groupBy(complaintIds, sortForPage(views, page.inverted), (r) => r.complaintId)
}

const eventSelect = {
	id: true,
	complaintId: true,
	type: true,
	fromStatus: true,
	toStatus: true,
	visibility: true,
	createdAt: true,
	version: true,
	changes: true,
	data: true,
} as const satisfies Prisma.ComplaintEventSelect

function eventsVisibleTo(viewer: Viewer, where: Prisma.ComplaintEventWhereInput): Prisma.ComplaintEventWhereInput {
	return {
		AND: [where, { visibility: { in: visibilitiesFor(viewer) } }, { complaint: { is: complaintVisibleTo(viewer) } }],
	}
}

async function findEventsWhere(db: Db, viewer: Viewer, where: Prisma.ComplaintEventWhereInput): Promise<EventView[]> {
	const rows = await db.complaintEvent.findMany({
		where: eventsVisibleTo(viewer, where),
		select: { ...eventSelect, actor: { select: { name: true, kind: true } } },
	})
	return rows.map(({ actor, ...r }) => ({ ...r, actor: participant(actor) }))
}

/** Timeline events by id, for `node`: absent when the viewer may not read the event or its complaint. */
export function findEventsVisibleTo(db: Db, viewer: Viewer | null, ids: readonly string[]): Promise<EventView[]> {
	if (!viewer || ids.length === 0) return Promise.resolve([])
	return findEventsWhere(db, viewer, { id: { in: [...ids] } })
}

/* ----------------------------------------------------------- attachments */

const attachmentSelect = {
	id: true,
	complaintId: true,
	messageId: true,
	findingId: true,
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

/** The evidence files of each finding (finding-views.ts decides which findings the viewer reads). */
export async function findAttachmentsOfFindings(db: Db, viewer: Viewer | null, findingIds: readonly string[]) {
	if (!viewer || findingIds.length === 0) return findingIds.map(() => [])
	const rows = await findAttachmentsWhere(db, viewer, { findingId: { in: [...findingIds] } })
	return groupBy(findingIds, rows, (r) => r.findingId!)
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
	proposedById: true,
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
	const rows = await findProposalsWhere(db, viewer, { complaintId: { in: [...complaintIds] } })
	return groupBy(complaintIds, rows, (r) => r.complaintId)
}

function findProposalsWhere(db: Db, viewer: Viewer, where: Prisma.ResolutionProposalWhereInput) {
	const statuses = proposalStatusesFor(viewer)
	return db.resolutionProposal.findMany({
		where: {
			AND: [where, statuses ? { status: { in: statuses } } : {}, { complaint: { is: complaintVisibleTo(viewer) } }],
		},
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: proposalSelect,
	})
}

/** Proposals by id, for `node`: as on the complaint, staff read every one, others those put to the customer. */
export function findProposalsVisibleTo(db: Db, viewer: Viewer | null, ids: readonly string[]): Promise<ProposalView[]> {
	if (!viewer || ids.length === 0) return Promise.resolve([])
	return findProposalsWhere(db, viewer, { id: { in: [...ids] } })
}
