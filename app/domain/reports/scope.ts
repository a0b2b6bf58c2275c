import { permissionsOf, type Scope } from '../complaints/permissions.ts'
import type { Viewer } from '../viewer.ts'

/**
 * Whose figures a viewer may see: the complaints (and surveys) they may read, aggregated, and
 * nothing else. Derived from the same `read:complaint:<scope>` permissions as every complaint
 * query (permissions.ts), so a report can never count a complaint its reader could not open:
 *
 *   staff (any role)                 every complaint
 *   staff sitting in a regional office, and regional offices    their region's
 *   dealers (session or API token with READ_COMPLAINTS)          the complaints on orders they sold
 *   customers, anonymous, tokens without READ_COMPLAINTS         none: no report at all
 *
 * A customer reads their own complaints, but a report of one's own cases is not what reports are
 * for; they get none.
 */
export type ReportScope = { kind: 'all' } | { kind: 'region'; regionId: string } | { kind: 'dealer'; dealerId: string }

export function reportScopeOf(viewer: Viewer | null): ReportScope | null {
	if (!viewer) return null
	const scopes = new Set(
		permissionsOf(viewer)
			.filter((p) => p.startsWith('read:'))
			.map((p) => p.split(':')[2] as Scope),
	)
	if (scopes.has('any')) return { kind: 'all' }
	if (scopes.has('region') && viewer.regionId) return { kind: 'region', regionId: viewer.regionId }
	if (scopes.has('dealer') && viewer.organizationId) return { kind: 'dealer', dealerId: viewer.organizationId }
	return null
}

/**
 * The SQL condition of a scope on a table alias whose `regionId` and `dealerId` columns say
 * whose a row is (Complaint, Survey); the id goes in `params`, never into the text.
 */
export function scopeCondition(scope: ReportScope, alias: string, params: unknown[]): string {
	switch (scope.kind) {
		case 'all':
			return 'TRUE'
		case 'region':
			params.push(scope.regionId)
			return `${alias}."regionId" = $${params.length}`
		case 'dealer':
			params.push(scope.dealerId)
			return `${alias}."dealerId" = $${params.length}`
	}
}
