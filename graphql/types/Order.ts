import {
	findLinesOfOrders,
	findOrderLinesVisibleTo,
	findOrdersVisibleTo,
	type OrderLineView,
} from '#app/domain/complaints/complaint-parts.ts'
import type { Context } from '../context.ts'
import { builder } from '../builder.ts'
import { OrganizationNode } from './Organization.ts'
import { RegionNode } from './Region.ts'

export const OrderLineType = builder.objectRef<OrderLineView>('OrderLine').implement({
	description: 'One product on an order: the model, the batch it was made in, how many.',
	fields: (t) => ({
		lineNumber: t.exposeInt('lineNumber', { description: 'The line’s number on the order, from 1.' }),
		productModel: t.exposeString('productModel', { description: 'The product’s model, such as `ISG65-160`.' }),
		productName: t.exposeString('productName', { description: 'The product’s name.' }),
		batchNumber: t.exposeString('batchNumber', {
			description: 'The production batch (批号), which quality traces defects by.',
		}),
		quantity: t.exposeInt('quantity', { description: 'How many were ordered.' }),
	}),
})

/** Orders are read through the complaints about them; the same scopes decide (complaint-parts.ts). */
export const OrderNode = builder.loadableNode('Order', {
	description:
		'An order as the ERP recorded it: what was sold, by which dealer, in which region. Visible to its customer, its dealer, its region and staff.',
	authScopes: { signedIn: true },
	id: { resolve: (order) => order.id },
	load: (ids: string[], context: Context) => findOrdersVisibleTo(context.services.db.prisma, context.viewer, ids),
	sort: (order) => order.id,
	fields: (t) => ({
		orderNumber: t.exposeString('orderNumber', { description: 'The order number, as printed on the order.' }),
		orderedAt: t.expose('orderedAt', { type: 'DateTime', description: 'When the order was placed.' }),
		shippedAt: t.expose('shippedAt', {
			type: 'DateTime',
			nullable: true,
			description: 'When the goods were shipped; null until then.',
		}),
		deliveredAt: t.expose('deliveredAt', {
			type: 'DateTime',
			nullable: true,
			description: 'When the goods were delivered; null until then.',
		}),
		lines: t.loadableList({
			type: OrderLineType,
			description: 'The products on the order, by line number.',
			resolve: (order) => order.id,
			load: (orderIds: string[], context: Context) =>
				findLinesOfOrders(context.services.db.prisma, context.viewer, orderIds),
		}),
		dealer: t.field({
			type: OrganizationNode,
			nullable: true,
			description: 'The dealer who sold the order; null for a direct sale.',
			resolve: (order) => order.dealerId,
		}),
		region: t.field({
			type: RegionNode,
			description: 'The sales region the order belongs to.',
			resolve: (order) => order.regionId,
		}),
	}),
})

/** Loads order lines by id, for the line a complaint is about. */
export function loadOrderLines(ids: string[], context: Context) {
	return findOrderLinesVisibleTo(context.services.db.prisma, context.viewer, ids)
}
