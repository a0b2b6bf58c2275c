import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { ComplaintCategory, ComplaintSeverity, ComplaintStatus } from '#app/generated/prisma/enums.ts'
import type { Viewer } from '../viewer.ts'
import { complaintVisibleTo } from './permissions.ts'
import { searchWhere, SEARCH_MAX } from './queue.ts'

/**
 * The API's list of complaints (issue 5 §1): every complaint the viewer may read, filtered and
 * ordered, paged by keyset so that a cursor stays valid however many complaints arrive while a
 * client pages through. The staff queue (queue.ts) pages by number for people; this pages for
 * programs, and shares its search.
 */

export const COMPLAINT_ORDER_FIELDS = ['CREATED_AT', 'UPDATED_AT', 'SLA_DUE_AT'] as const
export type ComplaintOrderField = (typeof COMPLAINT_ORDER_FIELDS)[number]
export type OrderDirection = 'ASC' | 'DESC'

export interface ComplaintOrder {
	field: ComplaintOrderField
	direction: OrderDirection
}

export const DEFAULT_COMPLAINT_ORDER: ComplaintOrder = { field: 'CREATED_AT', direction: 'DESC' }

export interface ComplaintConnectionFilter {
	status?: ComplaintStatus | null
	category?: ComplaintCategory | null
	severity?: ComplaintSeverity | null
	regionId?: string | null
	dealerId?: string | null
	search?: string | null
	updatedSince?: Date | null
}

/** What a complaint's cursor carries: the order it was made for, the order key and the id. */
interface Key {
	field: ComplaintOrderField
	value: Date | null
	id: string
}

type Column = 'createdAt' | 'updatedAt' | 'customerUpdatedAt' | 'slaDueAt'

/**
 * Customers see the time of the last change they can see (a reply, a new status), as on their
 * own pages: internal work must not show up as activity, nor be found by `updatedSince`.
 */
function updatedColumn(viewer: Viewer): Column {
	return viewer.kind === 'CUSTOMER' ? 'customerUpdatedAt' : 'updatedAt'
}

/** The service-level clock is the company's and its partners': customers see their promised dates instead. */
export function seesServiceLevel(viewer: Pick<Viewer, 'kind'>): boolean {
	return viewer.kind !== 'CUSTOMER'
}

function columnOf(field: ComplaintOrderField, viewer: Viewer): Column {
	switch (field) {
		case 'CREATED_AT':
			return 'createdAt'
		case 'UPDATED_AT':
			return updatedColumn(viewer)
		case 'SLA_DUE_AT':
			return 'slaDueAt'
	}
}

/** The complaints the viewer may read that match the filter. */
export function complaintConnectionWhere(
	viewer: Viewer,
	filter: ComplaintConnectionFilter,
): Prisma.ComplaintWhereInput {
	const and: Prisma.ComplaintWhereInput[] = [complaintVisibleTo(viewer)]
	if (filter.status) and.push({ status: filter.status })
	if (filter.category) and.push({ category: filter.category })
	if (filter.severity) and.push({ severity: filter.severity })
	if (filter.regionId) and.push({ regionId: filter.regionId })
	if (filter.dealerId) and.push({ dealerId: filter.dealerId })
	if (filter.updatedSince) and.push({ [updatedColumn(viewer)]: { gte: filter.updatedSince } })
	const search = filter.search?.trim() ?? ''
	if (search.length > SEARCH_MAX)
		throw new InvalidListArgumentError('filter.search', `Search for at most ${SEARCH_MAX} characters.`)
	if (search) and.push(...searchWhere(search, viewer))
	return { AND: and }
}

export function encodeComplaintCursor(field: ComplaintOrderField, row: ComplaintRowKeys, viewer: Viewer): string {
	const value = row[columnOf(field, viewer)]
	return Buffer.from(JSON.stringify([field, value ? value.getTime() : null, row.id])).toString('base64url')
}

/** Null when the cursor is not one of ours or was made for another order. */
function decodeCursor(cursor: string, field: ComplaintOrderField): Key | null {
	try {
		const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
		if (!Array.isArray(parsed) || parsed.length !== 3) return null
		const [f, ms, id] = parsed as unknown[]
		if (f !== field || typeof id !== 'string' || id.length === 0 || id.length > 64) return null
		if (ms !== null && (typeof ms !== 'number' || !Number.isFinite(ms))) return null
		if (ms === null && field !== 'SLA_DUE_AT') return null
		return { field, value: ms === null ? null : new Date(ms), id }
	} catch {
		return null
	}
}

type Direction = 'asc' | 'desc'

/**
 * The rows strictly beyond `key` in the order (column `dir`, nulls `nulls`, id `dir`). A null
 * key value sits among the nulls, which come after (or before) every value.
 */
function beyond(column: Column, dir: Direction, nulls: 'first' | 'last', key: Key): Prisma.ComplaintWhereInput {
	const cmp = dir === 'asc' ? 'gt' : 'lt'
	const idBeyond: Prisma.ComplaintWhereInput = { id: { [cmp]: key.id } }
	if (key.value === null) {
		const amongNulls: Prisma.ComplaintWhereInput = { AND: [{ [column]: null }, idBeyond] }
		return nulls === 'last' ? amongNulls : { OR: [amongNulls, { [column]: { not: null } }] }
	}
	const ors: Prisma.ComplaintWhereInput[] = [
		{ [column]: { [cmp]: key.value } },
		{ AND: [{ [column]: key.value }, idBeyond] },
	]
	if (nulls === 'last' && column === 'slaDueAt') ors.push({ [column]: null })
	return { OR: ors }
}

export interface ComplaintRowKeys {
	id: string
	createdAt: Date
	updatedAt: Date
	customerUpdatedAt: Date
	slaDueAt: Date | null
}

/** An argument of a list that no viewer could make sense of; the API reports it as bad input. */
export class InvalidListArgumentError extends Error {
	constructor(
		readonly argument: string,
		message: string,
	) {
		super(message)
	}
}

const invalidCursor = (argument: 'after' | 'before') =>
	new InvalidListArgumentError(argument, `The ${argument} cursor is not valid for this list and order.`)

export interface ComplaintPageRequest {
	filter: ComplaintConnectionFilter
	order: ComplaintOrder
	after?: string
	before?: string
	limit: number
	inverted: boolean
}

/**
 * One page of complaints, as Pothos's resolveCursorConnection asks for it: `limit` rows beyond
 * `after` and before `before`, read backwards when `inverted` (a `last` page). Complaints without
 * a running clock sort after all others by SLA_DUE_AT, in either direction.
 */
export async function pageComplaints(db: PrismaClient, viewer: Viewer, request: ComplaintPageRequest) {
	const { where, orderBy } = complaintPageQuery(viewer, request)
	return db.complaint.findMany({ where, orderBy, take: request.limit })
}

/**
 * The `where` and `orderBy` of a page of complaints, for pageComplaints and for lists of the
 * complaints under another record (an order's), which read them as a nested relation.
 */
export function complaintPageQuery(
	viewer: Viewer,
	{ filter, order, after, before, inverted }: Omit<ComplaintPageRequest, 'limit'>,
): { where: Prisma.ComplaintWhereInput; orderBy: Prisma.ComplaintOrderByWithRelationInput[] } {
	if (order.field === 'SLA_DUE_AT' && !seesServiceLevel(viewer)) {
		throw new InvalidListArgumentError('orderBy', 'Ordering by SLA_DUE_AT is for staff and partners.')
	}
	const column = columnOf(order.field, viewer)
	const forward: Direction = order.direction === 'ASC' ? 'asc' : 'desc'
	const backward: Direction = forward === 'asc' ? 'desc' : 'asc'
	const nullable = column === 'slaDueAt'
	const and: Prisma.ComplaintWhereInput[] = [complaintConnectionWhere(viewer, filter)]
	if (after) {
		const key = decodeCursor(after, order.field)
		if (!key) throw invalidCursor('after')
		and.push(beyond(column, forward, 'last', key))
	}
	if (before) {
		const key = decodeCursor(before, order.field)
		if (!key) throw invalidCursor('before')
		and.push(beyond(column, backward, 'first', key))
	}
	const dir = inverted ? backward : forward
	const orderBy: Prisma.ComplaintOrderByWithRelationInput[] = [
		nullable ? { [column]: { sort: dir, nulls: inverted ? 'first' : 'last' } } : { [column]: dir },
		{ id: dir },
	]
	return { where: { AND: and }, orderBy }
}

/** How many complaints match, for `totalCount`: a separate count, run only when asked for. */
export function countComplaints(db: PrismaClient, viewer: Viewer, filter: ComplaintConnectionFilter) {
	return db.complaint.count({ where: complaintConnectionWhere(viewer, filter) })
}
