import { createContextCache } from '@pothos/core'
import DataLoader from 'dataloader'
import {
	DEFAULT_COMPLAINT_ORDER,
	encodeComplaintCursor,
	type ComplaintConnectionFilter,
	type ComplaintPageRequest,
} from '#app/domain/complaints/complaint-connection.ts'
import { countComplaintsOfOrders, pageComplaintsOfOrders } from '#app/domain/orders/order-connection.ts'
import type { Complaint } from '#app/generated/prisma/client.ts'
import type { Context } from '../context.ts'
import { builder } from '../builder.ts'
import { keysetConnection, totalCountOf } from '../keyset-connection.ts'
import { MAX_PAGE_SIZE } from '../pagination.ts'
import { ComplaintFilterInput, ComplaintNode, ComplaintOrderInput } from './Complaint.ts'
import { OrderNode } from './Order.ts'

/**
 * `Order.complaints`: the complaints about an order that the viewer may read, paged like
 * `complaints`. Each distinct page request (the field's arguments) gets one loader per request,
 * so the same field on a page of fifty orders is one statement, not fifty.
 */

const loaders = createContextCache(() => new Map<string, DataLoader<string, unknown>>())

function loaderFor<T>(context: Context, key: string, load: (orderIds: readonly string[]) => Promise<T[]>) {
	const map = loaders(context)
	let loader = map.get(key)
	if (!loader) {
		loader = new DataLoader<string, unknown>((ids) => load(ids))
		map.set(key, loader)
	}
	return loader as DataLoader<string, T>
}

function pageOf(context: Context, orderId: string, request: ComplaintPageRequest): Promise<Complaint[]> {
	return loaderFor(context, `page:${JSON.stringify(request)}`, (ids) =>
		pageComplaintsOfOrders(context.services.db.prisma, context.viewer, ids, request),
	).load(orderId)
}

function countOf(context: Context, orderId: string, filter: ComplaintConnectionFilter): Promise<number> {
	return loaderFor(context, `count:${JSON.stringify(filter)}`, (ids) =>
		countComplaintsOfOrders(context.services.db.prisma, context.viewer, ids, filter),
	).load(orderId)
}

builder.objectField(OrderNode, 'complaints', (t) =>
	t.connection(
		{
			type: ComplaintNode,
			description: `The complaints about this order that the viewer may read, newest first unless ordered otherwise (another dealer’s or another customer’s complaint on the same order is not shown). Pages hold at most ${MAX_PAGE_SIZE}.`,
			args: {
				filter: t.arg({ type: ComplaintFilterInput, required: false, description: 'Which complaints.' }),
				orderBy: t.arg({
					type: ComplaintOrderInput,
					required: false,
					description:
						'The order; CREATED_AT descending by default. A cursor is valid only with the order it came from.',
				}),
			},
			resolve: (order, args, context) => {
				const viewer = context.viewer
				const filter: ComplaintConnectionFilter = {
					status: args.filter?.status,
					category: args.filter?.category,
					severity: args.filter?.severity,
					regionId: args.filter?.regionId?.id,
					dealerId: args.filter?.dealerId?.id,
					search: args.filter?.search,
					updatedSince: args.filter?.updatedSince,
				}
				const sort = args.orderBy ?? DEFAULT_COMPLAINT_ORDER
				return keysetConnection<Complaint>(args, {
					toCursor: (complaint) => encodeComplaintCursor(sort.field, complaint, viewer!),
					page: async (page) => (viewer ? pageOf(context, order.id, { filter, order: sort, ...page }) : []),
					count: async () => (viewer ? countOf(context, order.id, filter) : 0),
				})
			},
		},
		{
			name: 'OrderComplaintConnection',
			description: 'A page of the complaints about an order.',
			fields: (c) => ({
				totalCount: c.int({
					description:
						'How many of the order’s complaints match in all pages (one statement for a whole page of orders).',
					resolve: totalCountOf,
				}),
			}),
		},
		{ name: 'OrderComplaintEdge', description: 'A complaint about an order, and its cursor.' },
	),
)
