import { findOrganizationsVisibleTo } from '#app/domain/directory/queries.ts'
import type { Context } from '../context.ts'
import { builder } from '../builder.ts'
import { OrganizationKindEnum } from './OrganizationKind.ts'
import { RegionNode } from './Region.ts'

export const OrganizationNode = builder.loadableNode('Organization', {
	description: 'A dealer, a regional office or headquarters: the organization partner and staff accounts belong to.',
	authScopes: { signedIn: true },
	id: { resolve: (organization) => organization.id },
	load: (ids: string[], context: Context) =>
		findOrganizationsVisibleTo(context.services.db.prisma, context.viewer, ids),
	sort: (organization) => organization.id,
	fields: (t) => ({
		name: t.exposeString('name', { description: 'Name of the organization.' }),
		code: t.exposeString('code', { description: 'Short code of the organization, unique.' }),
		kind: t.expose('kind', { type: OrganizationKindEnum, description: 'What part the organization plays.' }),
		region: t.field({
			type: RegionNode,
			nullable: true,
			description: 'The region a dealer or regional office works in; null for headquarters.',
			resolve: (organization) => organization.regionId,
		}),
	}),
})
