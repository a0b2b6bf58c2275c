import {
	countCustomers,
	DEFAULT_CUSTOMER_ORDER,
	encodeCustomerCursor,
	findCustomersVisibleTo,
	pageCustomers,
	type CustomerOrderField,
	type CustomerRecord,
} from '#app/domain/directory/customers.ts'
import type { Context } from '../context.ts'
import { builder } from '../builder.ts'
import { keysetConnection, totalCountOf } from '../keyset-connection.ts'
import { MAX_PAGE_SIZE } from '../pagination.ts'
import { OrderDirectionEnum } from './ComplaintEnums.ts'

/**
 * Customers (issue 5 §1): the customer directory for staff, the customers of their orders for
 * dealers and regional offices (names only), and a customer's own record. The rules are in
 * app/domain/directory/customers.ts.
 */

export const CustomerNode = builder.loadableNode('Customer', {
	description:
		'A customer account, as the viewer may see it: staff see every customer; dealers and regional offices the customers of orders and complaints they may see; a customer themself. The email address only for staff and the customer themself (personal data, PIPL).',
	authScopes: { signedIn: true },
	id: { resolve: (customer) => customer.id },
	load: (ids: string[], context: Context) => findCustomersVisibleTo(context.services.db.prisma, context.viewer, ids),
	sort: (customer) => customer.id,
	fields: (t) => ({
		name: t.exposeString('name', { description: 'The name the customer goes by.' }),
		email: t.exposeString('email', {
			nullable: true,
			description: 'Email address; null unless the viewer is staff or the customer (personal data, PIPL).',
		}),
		isKeyAccount: t.exposeBoolean('isKeyAccount', {
			nullable: true,
			description: 'Whether the customer is a key account (tighter service levels). Staff only; null for others.',
			authScopes: { staff: true },
		}),
		customerSince: t.expose('createdAt', {
			type: 'DateTime',
			nullable: true,
			description: 'When the customer’s account was opened. Staff only; null for others.',
			authScopes: { staff: true },
		}),
	}),
})

const CustomerOrderFieldEnum = builder.enumType('CustomerOrderField', {
	description: 'What to order customers by; ties are broken by ID, so the order is total and cursors are stable.',
	values: {
		NAME: { description: 'The customer’s name.' },
		CREATED_AT: { description: 'When the account was opened. Staff only.' },
	} satisfies Record<CustomerOrderField, { description: string }>,
})

const CustomerOrderInput = builder.inputType('CustomerOrder', {
	description: 'How to order a list of customers.',
	fields: (t) => ({
		field: t.field({ type: CustomerOrderFieldEnum, required: true, description: 'What to order by.' }),
		direction: t.field({ type: OrderDirectionEnum, required: true, description: 'Which way.' }),
	}),
})

const CustomerFilterInput = builder.inputType('CustomerFilter', {
	description: 'Narrows a list of customers; every condition given must hold.',
	fields: (t) => ({
		search: t.string({
			required: false,
			description:
				'Words that must each appear in the name, or for staff in the name or email address; at most 100 characters.',
		}),
		isKeyAccount: t.boolean({
			required: false,
			description: 'Only key accounts (true) or only the others (false). Staff only.',
		}),
	}),
})

builder.queryField('customers', (t) =>
	t.connection(
		{
			type: CustomerNode,
			description: `Customers the viewer may see, by name unless ordered otherwise: for staff the whole customer directory (searchable by name and email); for dealers and regional offices the customers of the orders and complaints they may see, names only; empty for customers and when nobody is signed in. Pages hold at most ${MAX_PAGE_SIZE}.`,
			args: {
				filter: t.arg({ type: CustomerFilterInput, required: false, description: 'Which customers.' }),
				orderBy: t.arg({
					type: CustomerOrderInput,
					required: false,
					description: 'The order; NAME ascending by default. A cursor is valid only with the order it came from.',
				}),
			},
			resolve: (_root, args, context) => {
				const db = context.services.db.prisma
				const filter = { search: args.filter?.search, isKeyAccount: args.filter?.isKeyAccount }
				const order = args.orderBy ?? DEFAULT_CUSTOMER_ORDER
				return keysetConnection<CustomerRecord>(args, {
					toCursor: (customer) => encodeCustomerCursor(order.field, customer),
					page: (page) => pageCustomers(db, context.viewer, { filter, order, ...page }),
					count: () => countCustomers(db, context.viewer, filter),
				})
			},
		},
		{
			name: 'CustomerConnection',
			description: 'A page of customers.',
			fields: (c) => ({
				totalCount: c.int({
					description: 'How many customers match in all pages (one more query; ask only when needed).',
					resolve: totalCountOf,
				}),
			}),
		},
		{ name: 'CustomerEdge', description: 'A customer and its cursor.' },
	),
)
