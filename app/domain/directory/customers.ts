import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import { orderVisibleTo } from '../complaints/complaint-parts.ts'
import { complaintVisibleTo, permissionsOf } from '../complaints/permissions.ts'
import { searchesCustomerEmail, SEARCH_MAX } from '../complaints/queue.ts'
import { InvalidListArgumentError } from '../complaints/complaint-connection.ts'
import { encodeKeysetCursor, keysetPage, type SortDirection, type SortKey } from '../keyset.ts'
import type { Viewer } from '../viewer.ts'
import { canSeeEmailOf } from './visibility.ts'

/**
 * Customers as the API shows them (issue 5 §1): staff have a customer directory, searchable by
 * name and email; dealers and regional offices see the customers of the orders and complaints
 * they may see, by name only (PIPL: canSeeEmailOf); a customer sees themself (on their own
 * complaints and orders) and has no directory. What the viewer may not see looks like nothing.
 */

type Db = PrismaClient | Prisma.TransactionClient

const NOBODY: Prisma.UserWhereInput = { id: { in: [] } }

/**
 * The customer accounts the viewer may see: every one for viewers who read every complaint;
 * otherwise the customers of orders and complaints the viewer may see (an order's account, and a
 * complaint's customer, who may have filed against an order recorded under their email), and a
 * customer themself. Follows the viewer's permissions, so an API token without the read scope
 * sees nobody, and regional-office staff their region's customers.
 */
export function customerVisibleTo(viewer: Viewer | null): Prisma.UserWhereInput {
	if (!viewer) return NOBODY
	if (permissionsOf(viewer).includes('read:complaint:any')) return { kind: 'CUSTOMER' }
	const ors: Prisma.UserWhereInput[] = [
		{ orders: { some: orderVisibleTo(viewer) } },
		{ complaints: { some: complaintVisibleTo(viewer) } },
	]
	if (viewer.kind === 'CUSTOMER') ors.push({ id: viewer.userId })
	return { AND: [{ kind: 'CUSTOMER' }, { OR: ors }] }
}

/** Whether the viewer has a customer directory at all: everyone who sees customers but customers. */
export function hasCustomerDirectory(viewer: Viewer | null): viewer is Viewer {
	return viewer !== null && viewer.kind !== 'CUSTOMER'
}

export interface CustomerRecord {
	id: string
	name: string
	/** null unless the viewer is staff or the customer themself */
	email: string | null
	isKeyAccount: boolean
	createdAt: Date
}

const customerSelect = { id: true, name: true, email: true, isKeyAccount: true, createdAt: true } as const

function toRecord(
	viewer: Viewer | null,
	row: Prisma.UserGetPayload<{ select: typeof customerSelect }>,
): CustomerRecord {
	return { ...row, email: canSeeEmailOf(viewer, row) ? row.email : null }
}

/** Customers by id, for `node` and for the customer of a complaint or order. */
export async function findCustomersVisibleTo(
	db: Db,
	viewer: Viewer | null,
	ids: readonly string[],
): Promise<CustomerRecord[]> {
	if (!viewer || ids.length === 0) return []
	const rows = await db.user.findMany({
		where: { AND: [customerVisibleTo(viewer), { id: { in: [...ids] } }] },
		select: customerSelect,
	})
	return rows.map((row) => toRecord(viewer, row))
}

export interface CustomerConnectionFilter {
	/** words that must each appear in the name, or (staff) the email address */
	search?: string | null
	isKeyAccount?: boolean | null
}

function likeLiteral(text: string): string {
	return text.replace(/[\\%_]/g, '\\$&')
}

export function customerConnectionWhere(viewer: Viewer, filter: CustomerConnectionFilter): Prisma.UserWhereInput {
	const and: Prisma.UserWhereInput[] = [customerVisibleTo(viewer)]
	const search = filter.search?.trim() ?? ''
	if (search.length > SEARCH_MAX)
		throw new InvalidListArgumentError('filter.search', `Search for at most ${SEARCH_MAX} characters.`)
	for (const word of search.split(/\s+/).filter(Boolean).slice(0, 5)) {
		const text = { contains: likeLiteral(word), mode: 'insensitive' as const }
		// an address is found only by those who may read it
		and.push(searchesCustomerEmail(viewer) ? { OR: [{ name: text }, { email: text }] } : { name: text })
	}
	if (filter.isKeyAccount != null) {
		// the key-account flag is the company's own assessment: a filter on it is for staff
		if (viewer.kind !== 'STAFF')
			throw new InvalidListArgumentError('filter.isKeyAccount', 'Filtering by key account is for staff.')
		and.push({ isKeyAccount: filter.isKeyAccount })
	}
	return { AND: and }
}

export const CUSTOMER_ORDER_FIELDS = ['NAME', 'CREATED_AT'] as const
export type CustomerOrderField = (typeof CUSTOMER_ORDER_FIELDS)[number]
export interface CustomerOrder {
	field: CustomerOrderField
	direction: SortDirection
}
export const DEFAULT_CUSTOMER_ORDER: CustomerOrder = { field: 'NAME', direction: 'ASC' }

const CUSTOMER_KEYS: Record<
	CustomerOrderField,
	SortKey<CustomerRecord, Prisma.UserWhereInput, Prisma.UserOrderByWithRelationInput>
> = {
	NAME: {
		kind: 'string',
		valueOf: (customer) => customer.name,
		where: (comparison) => ({ name: comparison }),
		orderBy: (direction) => ({ name: direction }),
	},
	CREATED_AT: {
		kind: 'date',
		valueOf: (customer) => customer.createdAt,
		where: (comparison) => ({ createdAt: comparison }),
		orderBy: (direction) => ({ createdAt: direction }),
	},
}

export function encodeCustomerCursor(field: CustomerOrderField, customer: CustomerRecord): string {
	return encodeKeysetCursor(CUSTOMER_KEYS, field, customer)
}

/** One page of the viewer's customer directory; empty for customers and anonymous callers. */
export async function pageCustomers(
	db: Db,
	viewer: Viewer | null,
	request: {
		filter: CustomerConnectionFilter
		order: CustomerOrder
		after?: string
		before?: string
		limit: number
		inverted: boolean
	},
): Promise<CustomerRecord[]> {
	if (!hasCustomerDirectory(viewer)) return []
	// when someone became a customer is the company's record, like the key-account flag
	if (request.order.field === 'CREATED_AT' && viewer.kind !== 'STAFF')
		throw new InvalidListArgumentError('orderBy', 'Ordering customers by CREATED_AT is for staff.')
	const page = keysetPage(CUSTOMER_KEYS, { ...request.order, ...request })
	const rows = await db.user.findMany({
		where: { AND: [customerConnectionWhere(viewer, request.filter), ...page.where] },
		orderBy: page.orderBy,
		take: request.limit,
		select: customerSelect,
	})
	return rows.map((row) => toRecord(viewer, row))
}

export function countCustomers(db: Db, viewer: Viewer | null, filter: CustomerConnectionFilter): Promise<number> {
	if (!hasCustomerDirectory(viewer)) return Promise.resolve(0)
	return db.user.count({ where: customerConnectionWhere(viewer, filter) })
}
