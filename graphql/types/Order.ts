import { createContextCache } from '@pothos/core'
import {
	countOrders,
	DEFAULT_ORDER_ORDER,
	encodeOrderCursor,
	findLinesOfOrdersIn,
	findOrderLinesIn,
	findOrdersIn,
	fulfillmentOf,
	orderScopeOf,
	pageOrders,
	type OrderConnectionFilter,
	type OrderFulfillment,
	type OrderLineRow,
	type OrderOrderField,
	type OrderRow,
} from '#app/domain/orders/order-connection.ts'
import type { Context } from '../context.ts'
import { builder } from '../builder.ts'
import { keysetConnection, totalCountOf } from '../keyset-connection.ts'
import { MAX_PAGE_SIZE } from '../pagination.ts'
import { OrderDirectionEnum } from './ComplaintEnums.ts'
import { CustomerNode } from './Customer.ts'
import { OrganizationNode } from './Organization.ts'
import { RegionNode } from './Region.ts'

/**
 * Orders and their lines, and the `orders` list. Who sees an order is decided once per request
 * by app/domain/orders/order-connection.ts (a customer's verified email takes one read), and
 * every read here goes through that scope.
 */
const orderScopes = createContextCache((context: Context) => orderScopeOf(context.services.db.prisma, context.viewer))
export const orderScope = (context: Context) => orderScopes(context)

export const OrderLineType = builder.loadableNode('OrderLine', {
	description: 'One product on an order: the model, the batch it was made in, how many. Visible with its order.',
	authScopes: { signedIn: true },
	id: { resolve: (line: OrderLineRow) => line.id },
	load: async (ids: string[], context: Context) =>
		findOrderLinesIn(context.services.db.prisma, await orderScope(context), ids),
	sort: (line) => line.id,
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

const OrderFulfillmentEnum = builder.enumType('OrderFulfillment', {
	description: 'Where an order is on its way to the customer, from the dates the ERP recorded.',
	values: {
		ORDERED: { description: 'Ordered; not shipped yet.' },
		SHIPPED: { description: 'Shipped; not delivered yet.' },
		DELIVERED: { description: 'Delivered.' },
	} satisfies Record<OrderFulfillment, { description: string }>,
})

export const OrderNode = builder.loadableNode('Order', {
	description:
		'An order as the ERP recorded it: what was sold, by which dealer, in which region. Visible to its customer (also before they linked it to their account, when it was recorded under their verified email), the dealer who sold it, its region’s office and staff, head-office staff, and anyone who may read a complaint about it.',
	authScopes: { signedIn: true },
	id: { resolve: (order) => order.id },
	load: async (ids: string[], context: Context) =>
		findOrdersIn(context.services.db.prisma, await orderScope(context), ids),
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
		fulfillment: t.field({
			type: OrderFulfillmentEnum,
			description: 'Where the order is on its way to the customer.',
			resolve: (order) => fulfillmentOf(order),
		}),
		lines: t.loadableList({
			type: OrderLineType,
			description: 'The products on the order, by line number.',
			resolve: (order) => order.id,
			load: async (orderIds: string[], context: Context) =>
				findLinesOfOrdersIn(context.services.db.prisma, await orderScope(context), orderIds),
		}),
		customer: t.field({
			type: CustomerNode,
			nullable: true,
			description:
				'The customer account the order belongs to; null while the buyer has no account linked to it (the ERP records their email until they sign up and file).',
			resolve: (order) => order.customerId,
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

/* ------------------------------------------------------------------ orders */

const OrderOrderFieldEnum = builder.enumType('OrderOrderField', {
	description: 'What to order orders by; ties are broken by ID, so the order is total and cursors are stable.',
	values: {
		ORDERED_AT: { description: 'When the order was placed.' },
		ORDER_NUMBER: { description: 'The order number, compared as it is matched: ignoring case and spaces.' },
	} satisfies Record<OrderOrderField, { description: string }>,
})

const OrderOrderInput = builder.inputType('OrderOrder', {
	description: 'How to order a list of orders.',
	fields: (t) => ({
		field: t.field({ type: OrderOrderFieldEnum, required: true, description: 'What to order by.' }),
		direction: t.field({ type: OrderDirectionEnum, required: true, description: 'Which way.' }),
	}),
})

export const DateTimeRangeInput = builder.inputType('DateTimeRange', {
	description: 'A range of instants: `from` included, `to` excluded; leave either out for an open end.',
	fields: (t) => ({
		from: t.field({ type: 'DateTime', required: false, description: 'The first instant in the range.' }),
		to: t.field({ type: 'DateTime', required: false, description: 'The first instant after the range.' }),
	}),
})

const OrderFilterInput = builder.inputType('OrderFilter', {
	description: 'Narrows a list of orders; every condition given must hold.',
	fields: (t) => ({
		orderNumber: t.string({
			required: false,
			description:
				'The order with this number, however it is typed (case, spaces and full-width characters do not matter).',
		}),
		customerId: t.globalID({
			required: false,
			description: 'Only this customer’s orders (a Customer ID).',
			for: [CustomerNode],
		}),
		regionId: t.globalID({
			required: false,
			description: 'Only orders in this region (a Region ID).',
			for: [RegionNode],
		}),
		dealerId: t.globalID({
			required: false,
			description: 'Only orders this dealer sold (an Organization ID).',
			for: [OrganizationNode],
		}),
		fulfillment: t.field({
			type: OrderFulfillmentEnum,
			required: false,
			description: 'Only orders this far on their way to the customer.',
		}),
		orderedAt: t.field({ type: DateTimeRangeInput, required: false, description: 'Only orders placed in this range.' }),
		deliveredAt: t.field({
			type: DateTimeRangeInput,
			required: false,
			description: 'Only orders delivered in this range.',
		}),
		hasComplaints: t.boolean({
			required: false,
			description:
				'Only orders with (true) or without (false) a complaint the viewer may read; complaints the viewer may not read do not count.',
		}),
	}),
})

builder.queryField('orders', (t) =>
	t.connection(
		{
			type: OrderNode,
			description: `The orders the viewer may see, newest first unless ordered otherwise: customers their own (including those recorded under their verified email), dealers those they sold, regional offices and regional staff their region, head-office staff all. Empty when nobody is signed in. Pages hold at most ${MAX_PAGE_SIZE}.`,
			args: {
				filter: t.arg({ type: OrderFilterInput, required: false, description: 'Which orders.' }),
				orderBy: t.arg({
					type: OrderOrderInput,
					required: false,
					description:
						'The order; ORDERED_AT descending by default. A cursor is valid only with the order it came from.',
				}),
			},
			resolve: (_root, args, context) => {
				const db = context.services.db.prisma
				const filter: OrderConnectionFilter = {
					orderNumber: args.filter?.orderNumber,
					customerId: args.filter?.customerId?.id,
					regionId: args.filter?.regionId?.id,
					dealerId: args.filter?.dealerId?.id,
					fulfillment: args.filter?.fulfillment,
					orderedAt: args.filter?.orderedAt,
					deliveredAt: args.filter?.deliveredAt,
					hasComplaints: args.filter?.hasComplaints,
				}
				const order = args.orderBy ?? DEFAULT_ORDER_ORDER
				return keysetConnection<OrderRow>(args, {
					toCursor: (row) => encodeOrderCursor(order.field, row),
					page: async (page) => pageOrders(db, context.viewer, await orderScope(context), { filter, order, ...page }),
					count: async () => countOrders(db, context.viewer, await orderScope(context), filter),
				})
			},
		},
		{
			name: 'OrderConnection',
			description: 'A page of orders.',
			fields: (c) => ({
				totalCount: c.int({
					description: 'How many orders match in all pages (one more query; ask only when needed).',
					resolve: totalCountOf,
				}),
			}),
		},
		{ name: 'OrderEdge', description: 'An order and its cursor.' },
	),
)
