import {
	countOrganizations,
	countRegions,
	DEFAULT_ORGANIZATION_ORDER,
	DEFAULT_REGION_ORDER,
	encodeOrganizationCursor,
	encodeRegionCursor,
	pageOrganizations,
	pageRegions,
	type OrganizationOrderField,
	type RegionOrderField,
} from '#app/domain/directory/directory-connections.ts'
import type { DirectoryOrganization, DirectoryRegion } from '#app/domain/directory/queries.ts'
import { builder } from '../builder.ts'
import { keysetConnection, totalCountOf } from '../keyset-connection.ts'
import { MAX_PAGE_SIZE } from '../pagination.ts'
import { OrderDirectionEnum } from './ComplaintEnums.ts'
import { OrganizationNode } from './Organization.ts'
import { OrganizationKindEnum } from './OrganizationKind.ts'
import { RegionNode } from './Region.ts'

/** The lists of organizations and regions (app/domain/directory/directory-connections.ts). */

/* ----------------------------------------------------------- organizations */

const OrganizationOrderFieldEnum = builder.enumType('OrganizationOrderField', {
	description: 'What to order organizations by; ties are broken by ID, so the order is total and cursors are stable.',
	values: {
		NAME: { description: 'The organization’s name.' },
		CODE: { description: 'The organization’s short code.' },
	} satisfies Record<OrganizationOrderField, { description: string }>,
})

const OrganizationOrderInput = builder.inputType('OrganizationOrder', {
	description: 'How to order a list of organizations.',
	fields: (t) => ({
		field: t.field({ type: OrganizationOrderFieldEnum, required: true, description: 'What to order by.' }),
		direction: t.field({ type: OrderDirectionEnum, required: true, description: 'Which way.' }),
	}),
})

const OrganizationFilterInput = builder.inputType('OrganizationFilter', {
	description: 'Narrows a list of organizations; every condition given must hold.',
	fields: (t) => ({
		kind: t.field({ type: OrganizationKindEnum, required: false, description: 'Only organizations of this kind.' }),
		regionId: t.globalID({
			required: false,
			description: 'Only organizations working in this region (a Region ID).',
			for: [RegionNode],
		}),
		search: t.string({
			required: false,
			description: 'Words that must each appear in the name or the code; at most 100 characters.',
		}),
	}),
})

builder.queryField('organizations', (t) =>
	t.connection(
		{
			type: OrganizationNode,
			description: `Dealers, regional offices and headquarters, by name unless ordered otherwise. Not secret from anyone signed in; empty when nobody is. Pages hold at most ${MAX_PAGE_SIZE}.`,
			args: {
				filter: t.arg({ type: OrganizationFilterInput, required: false, description: 'Which organizations.' }),
				orderBy: t.arg({
					type: OrganizationOrderInput,
					required: false,
					description: 'The order; NAME ascending by default. A cursor is valid only with the order it came from.',
				}),
			},
			resolve: (_root, args, context) => {
				const db = context.services.db.prisma
				const filter = {
					kind: args.filter?.kind,
					regionId: args.filter?.regionId?.id,
					search: args.filter?.search,
				}
				const order = args.orderBy ?? DEFAULT_ORGANIZATION_ORDER
				return keysetConnection<DirectoryOrganization>(args, {
					toCursor: (row) => encodeOrganizationCursor(order.field, row),
					page: (page) => pageOrganizations(db, context.viewer, filter, { order, ...page }),
					count: () => countOrganizations(db, context.viewer, filter),
				})
			},
		},
		{
			name: 'OrganizationConnection',
			description: 'A page of organizations.',
			fields: (c) => ({
				totalCount: c.int({
					description: 'How many organizations match in all pages (one more query; ask only when needed).',
					resolve: totalCountOf,
				}),
			}),
		},
		{ name: 'OrganizationEdge', description: 'An organization and its cursor.' },
	),
)

/* ----------------------------------------------------------------- regions */

const RegionOrderFieldEnum = builder.enumType('RegionOrderField', {
	description: 'What to order regions by; ties are broken by ID, so the order is total and cursors are stable.',
	values: {
		CODE: { description: 'The region’s short code.' },
		NAME_EN: { description: 'The region’s English name.' },
		NAME_ZH: { description: 'The region’s Chinese name, in the database’s collation.' },
	} satisfies Record<RegionOrderField, { description: string }>,
})

const RegionOrderInput = builder.inputType('RegionOrder', {
	description: 'How to order a list of regions.',
	fields: (t) => ({
		field: t.field({ type: RegionOrderFieldEnum, required: true, description: 'What to order by.' }),
		direction: t.field({ type: OrderDirectionEnum, required: true, description: 'Which way.' }),
	}),
})

const RegionFilterInput = builder.inputType('RegionFilter', {
	description: 'Narrows a list of regions; every condition given must hold.',
	fields: (t) => ({
		search: t.string({
			required: false,
			description: 'Words that must each appear in the code or one of the names; at most 100 characters.',
		}),
	}),
})

builder.queryField('regions', (t) =>
	t.connection(
		{
			type: RegionNode,
			description: `The sales regions, by code unless ordered otherwise. Not secret from anyone signed in; empty when nobody is. Pages hold at most ${MAX_PAGE_SIZE}.`,
			args: {
				filter: t.arg({ type: RegionFilterInput, required: false, description: 'Which regions.' }),
				orderBy: t.arg({
					type: RegionOrderInput,
					required: false,
					description: 'The order; CODE ascending by default. A cursor is valid only with the order it came from.',
				}),
			},
			resolve: (_root, args, context) => {
				const db = context.services.db.prisma
				const filter = { search: args.filter?.search }
				const order = args.orderBy ?? DEFAULT_REGION_ORDER
				return keysetConnection<DirectoryRegion>(args, {
					toCursor: (row) => encodeRegionCursor(order.field, row),
					page: (page) => pageRegions(db, context.viewer, filter, { order, ...page }),
					count: () => countRegions(db, context.viewer, filter),
				})
			},
		},
		{
			name: 'RegionConnection',
			description: 'A page of regions.',
			fields: (c) => ({
				totalCount: c.int({
					description: 'How many regions match in all pages (one more query; ask only when needed).',
					resolve: totalCountOf,
				}),
			}),
		},
		{ name: 'RegionEdge', description: 'A region and its cursor.' },
	),
)
