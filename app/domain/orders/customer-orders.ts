import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { Viewer } from '../viewer.ts'
import { normalizeOrderNumber } from './order-number.ts'

/**
 * The orders a customer may file against: those linked to their account, and those the ERP
 * recorded under their (verified) email before they had an account (DESIGN.md §2). Nobody else's.
 */
export async function customerOrdersWhere(
	db: PrismaClient | Prisma.TransactionClient,
	viewer: Viewer,
): Promise<Prisma.OrderWhereInput | null> {
	if (viewer.kind !== 'CUSTOMER') return null
	const me = await db.user.findUnique({
		where: { id: viewer.userId },
		select: { email: true, emailVerifiedAt: true },
	})
	if (!me) return null
	const byEmail: Prisma.OrderWhereInput[] = me.emailVerifiedAt ? [{ customerId: null, customerEmail: me.email }] : []
	return { OR: [{ customerId: viewer.userId }, ...byEmail] }
}

const withLines = { lines: { orderBy: { lineNumber: 'asc' } } } as const satisfies Prisma.OrderInclude

export type CustomerOrder = Prisma.OrderGetPayload<{ include: typeof withLines }>

export async function listCustomerOrders(db: PrismaClient, viewer: Viewer): Promise<CustomerOrder[]> {
	const where = await customerOrdersWhere(db, viewer)
	if (!where) return []
	return db.order.findMany({ where, include: withLines, orderBy: { orderedAt: 'desc' }, take: 100 })
}

/**
 * The customer's order with this number, however it was typed; null when there is none. An
 * order that exists but belongs to someone else is also null: the answer must not tell a
 * stranger which order numbers exist.
 */
export async function findCustomerOrder(
	db: PrismaClient | Prisma.TransactionClient,
	viewer: Viewer,
	orderNumber: string,
): Promise<CustomerOrder | null> {
	const where = await customerOrdersWhere(db, viewer)
	const key = normalizeOrderNumber(orderNumber)
	if (!where || !key) return null
	return db.order.findFirst({ where: { AND: [where, { orderNumberKey: key }] }, include: withLines })
}

export async function findCustomerOrderById(
	db: PrismaClient | Prisma.TransactionClient,
	viewer: Viewer,
	orderId: string,
): Promise<CustomerOrder | null> {
	const where = await customerOrdersWhere(db, viewer)
	if (!where) return null
	return db.order.findFirst({ where: { AND: [where, { id: orderId }] }, include: withLines })
}
