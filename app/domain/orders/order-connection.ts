import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import { orderVisibleTo } from '../complaints/complaint-parts.ts'
import {
	complaintConnectionWhere,
	complaintPageQuery,
	type ComplaintPageRequest,
	type ComplaintConnectionFilter,
} from '../complaints/complaint-connection.ts'
import { complaintVisibleTo } from '../complaints/permissions.ts'
import { encodeKeysetCursor, keysetPage, type SortDirection, type SortKey } from '../keyset.ts'
import type { Viewer } from '../viewer.ts'
import { customerOrdersWhere } from './customer-orders.ts'
import { normalizeOrderNumber } from './order-number.ts'

/**
 * The API's orders (issue 5 §1): the list, a record by id, its lines and the complaints under
 * each, as far as the viewer may see them. Who sees an order: its customer (including the orders
 * the ERP recorded under their verified email before they had an account, as the portal's order
 * picker shows them), the dealer who sold it, its region's office and regional staff, head-office
 * staff, and anyone who may read a complaint about it (complaint-parts.ts orderVisibleTo).
 */

type Db = PrismaClient | Prisma.TransactionClient

/**
 * The orders the viewer may see, as a `where` fragment. A customer's verified email is read from
 * the database (the viewer does not carry it), so callers read this once per request and pass
 * it to the functions below.
 */
export async function orderScopeOf(db: Db, viewer: Viewer | null): Promise<Prisma.OrderWhereInput> {
	if (!viewer) return orderVisibleTo(null)
	const own = await customerOrdersWhere(db, viewer)
	return own ? { OR: [orderVisibleTo(viewer), own] } : orderVisibleTo(viewer)
}

const orderSelect = {
	id: true,
	orderNumber: true,
	orderNumberKey: true,
	customerId: true,
	orderedAt: true,
	shippedAt: true,
	deliveredAt: true,
	dealerId: true,
	regionId: true,
} as const satisfies Prisma.OrderSelect

export type OrderRow = Prisma.OrderGetPayload<{ select: typeof orderSelect }>

/** Where an order is on its way to the customer, from the dates the ERP recorded. */
export type OrderFulfillment = 'ORDERED' | 'SHIPPED' | 'DELIVERED'

export function fulfillmentOf(order: Pick<OrderRow, 'shippedAt' | 'deliveredAt'>): OrderFulfillment {
	return order.deliveredAt ? 'DELIVERED' : order.shippedAt ? 'SHIPPED' : 'ORDERED'
}

function fulfillmentWhere(status: OrderFulfillment): Prisma.OrderWhereInput {
	switch (status) {
		case 'DELIVERED':
			return { deliveredAt: { not: null } }
		case 'SHIPPED':
			return { shippedAt: { not: null }, deliveredAt: null }
		case 'ORDERED':
			return { shippedAt: null, deliveredAt: null }
	}
}

/** An instant range: `from` included, `to` excluded; either may be left open. */
export interface DateRange {
	from?: Date | null
	to?: Date | null
}

function rangeWhere(range: DateRange | null | undefined): Prisma.DateTimeFilter | null {
	if (!range || (!range.from && !range.to)) return null
	return { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lt: range.to } : {}) }
}

export interface OrderConnectionFilter {
	/** however it is typed: case, spaces and full-width characters do not matter */
	orderNumber?: string | null
	customerId?: string | null
	regionId?: string | null
	dealerId?: string | null
	fulfillment?: OrderFulfillment | null
	orderedAt?: DateRange | null
	deliveredAt?: DateRange | null
	/** true: only orders with a complaint the viewer may read; false: only those without */
	hasComplaints?: boolean | null
}

export function orderConnectionWhere(
	viewer: Viewer | null,
	scope: Prisma.OrderWhereInput,
	filter: OrderConnectionFilter,
): Prisma.OrderWhereInput {
	const and: Prisma.OrderWhereInput[] = [scope]
	if (filter.orderNumber != null) and.push({ orderNumberKey: normalizeOrderNumber(filter.orderNumber) })
	if (filter.customerId) and.push({ customerId: filter.customerId })
	if (filter.regionId) and.push({ regionId: filter.regionId })
	if (filter.dealerId) and.push({ dealerId: filter.dealerId })
	if (filter.fulfillment) and.push(fulfillmentWhere(filter.fulfillment))
	const ordered = rangeWhere(filter.orderedAt)
	if (ordered) and.push({ orderedAt: ordered })
	const delivered = rangeWhere(filter.deliveredAt)
	if (delivered) and.push({ deliveredAt: delivered })
	if (filter.hasComplaints != null && viewer) {
		// only complaints the viewer may read count: another dealer's complaint on a shared order is not theirs to know of
		const some = { complaints: { some: complaintVisibleTo(viewer) } }
		and.push(filter.hasComplaints ? some : { NOT: some })
	}
	return { AND: and }
}

export const ORDER_ORDER_FIELDS = ['ORDERED_AT', 'ORDER_NUMBER'] as const
export type OrderOrderField = (typeof ORDER_ORDER_FIELDS)[number]
export interface OrderOrder {
	field: OrderOrderField
	direction: SortDirection
}
export const DEFAULT_ORDER_ORDER: OrderOrder = { field: 'ORDERED_AT', direction: 'DESC' }

const ORDER_KEYS: Record<
	OrderOrderField,
	SortKey<OrderRow, Prisma.OrderWhereInput, Prisma.OrderOrderByWithRelationInput>
> = {
	ORDERED_AT: {
		kind: 'date',
		valueOf: (order) => order.orderedAt,
		where: (comparison) => ({ orderedAt: comparison }),
		orderBy: (direction) => ({ orderedAt: direction }),
	},
	// the normalised number, so that `so-1` and `SO-1` sort together as they match together
	ORDER_NUMBER: {
		kind: 'string',
		valueOf: (order) => order.orderNumberKey,
		where: (comparison) => ({ orderNumberKey: comparison }),
		orderBy: (direction) => ({ orderNumberKey: direction }),
	},
}

export function encodeOrderCursor(field: OrderOrderField, order: OrderRow): string {
	return encodeKeysetCursor(ORDER_KEYS, field, order)
}

/** One page of the orders the viewer may see, as resolveCursorConnection asks for it. */
export function pageOrders(
	db: Db,
	viewer: Viewer | null,
	scope: Prisma.OrderWhereInput,
	request: {
		filter: OrderConnectionFilter
		order: OrderOrder
		after?: string
		before?: string
		limit: number
		inverted: boolean
	},
): Promise<OrderRow[]> {
	const page = keysetPage(ORDER_KEYS, { ...request.order, ...request })
	return db.order.findMany({
		where: { AND: [orderConnectionWhere(viewer, scope, request.filter), ...page.where] },
		orderBy: page.orderBy,
		take: request.limit,
		select: orderSelect,
	})
}

export function countOrders(
	db: Db,
	viewer: Viewer | null,
	scope: Prisma.OrderWhereInput,
	filter: OrderConnectionFilter,
): Promise<number> {
	return db.order.count({ where: orderConnectionWhere(viewer, scope, filter) })
}

/** Orders by id, for `node` and for the order of a complaint; ids out of scope are absent. */
export function findOrdersIn(db: Db, scope: Prisma.OrderWhereInput, ids: readonly string[]): Promise<OrderRow[]> {
	if (ids.length === 0) return Promise.resolve([])
	return db.order.findMany({ where: { AND: [scope, { id: { in: [...ids] } }] }, select: orderSelect })
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

export type OrderLineRow = Prisma.OrderLineGetPayload<{ select: typeof lineSelect }>

/** The lines of each order, by line number; an order out of scope has none. */
export async function findLinesOfOrdersIn(
	db: Db,
	scope: Prisma.OrderWhereInput,
	orderIds: readonly string[],
): Promise<OrderLineRow[][]> {
	if (orderIds.length === 0) return []
	const rows = await db.orderLine.findMany({
		where: { orderId: { in: [...orderIds] }, order: { is: scope } },
		orderBy: [{ orderId: 'asc' }, { lineNumber: 'asc' }],
		select: lineSelect,
	})
	const byOrder = new Map<string, OrderLineRow[]>(orderIds.map((id) => [id, []]))
	for (const row of rows) byOrder.get(row.orderId)?.push(row)
	return orderIds.map((id) => byOrder.get(id) ?? [])
}

/** Order lines by id (`node`, the line a complaint is about); lines of orders out of scope are absent. */
export function findOrderLinesIn(
	db: Db,
	scope: Prisma.OrderWhereInput,
	ids: readonly string[],
): Promise<OrderLineRow[]> {
	if (ids.length === 0) return Promise.resolve([])
	return db.orderLine.findMany({ where: { id: { in: [...ids] }, order: { is: scope } }, select: lineSelect })
}

/**
 * A page of the complaints under each order that the viewer may read, for many orders in one
 * statement: Prisma reads them as the orders' nested relation with the page's `take`, so a page
 * of fifty orders costs what a page of five does. Every order gets the same page request (the
 * same field arguments), which is how a GraphQL page asks.
 */
export async function pageComplaintsOfOrders(
	db: Db,
	viewer: Viewer | null,
	orderIds: readonly string[],
	request: ComplaintPageRequest,
) {
	if (!viewer || orderIds.length === 0) return orderIds.map(() => [])
	const { where, orderBy } = complaintPageQuery(viewer, request)
	const rows = await db.order.findMany({
		where: { id: { in: [...orderIds] } },
		select: { id: true, complaints: { where, orderBy, take: request.limit } },
	})
	const byOrder = new Map(rows.map((row) => [row.id, row.complaints]))
	return orderIds.map((id) => byOrder.get(id) ?? [])
}

/** How many complaints under each order the viewer may read and the filter matches, in one statement. */
export async function countComplaintsOfOrders(
	db: Db,
	viewer: Viewer | null,
	orderIds: readonly string[],
	filter: ComplaintConnectionFilter,
): Promise<number[]> {
	if (!viewer || orderIds.length === 0) return orderIds.map(() => 0)
	// grouped over the page's orders only (a filtered relation count would aggregate the whole table first)
	const rows = await db.complaint.groupBy({
		by: ['orderId'],
		where: { AND: [complaintConnectionWhere(viewer, filter), { orderId: { in: [...orderIds] } }] },
		_count: { _all: true },
	})
	const byOrder = new Map(rows.map((row) => [row.orderId, row._count._all]))
	return orderIds.map((id) => byOrder.get(id) ?? 0)
}
