import { findRegionsVisibleTo } from '#app/domain/directory/queries.ts'
import type { Context } from '../context.ts'
import { builder } from '../builder.ts'

export const RegionNode = builder.loadableNode('Region', {
	description: 'A sales region. Orders and complaints belong to one; regional offices serve one.',
	authScopes: { signedIn: true },
	id: { resolve: (region) => region.id },
	load: (ids: string[], context: Context) => findRegionsVisibleTo(context.services.db.prisma, context.viewer, ids),
	sort: (region) => region.id,
	fields: (t) => ({
		code: t.exposeString('code', { description: 'Short code of the region, unique, such as `EAST`.' }),
		nameZh: t.exposeString('nameZh', { description: 'Name of the region in Chinese.' }),
		nameEn: t.exposeString('nameEn', { description: 'Name of the region in English.' }),
	}),
})
