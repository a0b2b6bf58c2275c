import type { Prisma } from '#app/generated/prisma/client.ts'
import type { MessageVisibility, StaffRole, UserKind } from '#app/generated/prisma/enums.ts'
import type { Viewer } from '../viewer.ts'

/**
 * Who may see and do what with a complaint. Permissions are data, typed strings
 * `${action}:complaint:${scope}`, granted per kind of account (and per staff role); one function
 * `can()` checks them, and the UI only reads it to show or hide buttons.
 *
 * Seeds 000 §(七)4: complaint matters are never disclosed to unrelated people. A complaint the
 * viewer may not see is reported as not found, never as forbidden.
 */

export type Scope = 'own' | 'dealer' | 'region' | 'any'
export type ComplaintAction =
	| 'read'
	| 'add-information'
	| 'respond-to-resolution'
	| 'withdraw'
	| 'escalate'
	| 'set-notifications'
	| 'reply'
	| 'note'
	| 'change-status'
	| 'propose-resolution'
export type Permission = `${ComplaintAction}:complaint:${Scope}`

const CUSTOMER: Permission[] = [
	'read:complaint:own',
	'add-information:complaint:own',
	'respond-to-resolution:complaint:own',
	'withdraw:complaint:own',
	'escalate:complaint:own',
	'set-notifications:complaint:own',
]
const DEALER: Permission[] = ['read:complaint:dealer', 'add-information:complaint:dealer', 'note:complaint:dealer']
const REGIONAL_OFFICE: Permission[] = [
	'read:complaint:region',
	'add-information:complaint:region',
	'note:complaint:region',
	'reply:complaint:region',
	'change-status:complaint:region',
]
const STAFF_BASE: Permission[] = [
	'read:complaint:any',
	'reply:complaint:any',
	'note:complaint:any',
	'change-status:complaint:any',
]
const STAFF: Record<StaffRole, Permission[]> = {
	AGENT: STAFF_BASE,
	QUALITY_ENGINEER: STAFF_BASE,
	REGIONAL_MANAGER: [...STAFF_BASE, 'propose-resolution:complaint:any'],
	MARKETING_DIRECTOR: [...STAFF_BASE, 'propose-resolution:complaint:any'],
	GENERAL_MANAGER: [...STAFF_BASE, 'propose-resolution:complaint:any'],
	ADMIN: [...STAFF_BASE, 'propose-resolution:complaint:any'],
}

export function permissionsOf(viewer: Pick<Viewer, 'kind' | 'staffRole'>): readonly Permission[] {
	const byKind: Record<UserKind, Permission[]> = {
		CUSTOMER,
		DEALER,
		REGIONAL_OFFICE,
		STAFF: viewer.staffRole ? STAFF[viewer.staffRole] : [],
	}
	return byKind[viewer.kind]
}

/** The fields of a complaint that decide who it belongs to. */
export interface ComplaintOwnership {
	customerId: string
	dealerId: string | null
	regionId: string
}

function inScope(viewer: Viewer, scope: Scope, complaint: ComplaintOwnership): boolean {
	switch (scope) {
		case 'any':
			return true
		case 'own':
			return complaint.customerId === viewer.userId
		case 'dealer':
			return viewer.organizationId !== null && complaint.dealerId === viewer.organizationId
		case 'region':
			return viewer.regionId !== null && complaint.regionId === viewer.regionId
	}
}

/** Whether the viewer holds `action` on this complaint, in any scope that covers it. */
export function can(viewer: Viewer, action: ComplaintAction, complaint: ComplaintOwnership): boolean {
	return permissionsOf(viewer).some((permission) => {
		const [granted, , scope] = permission.split(':') as [ComplaintAction, 'complaint', Scope]
		return granted === action && inScope(viewer, scope, complaint)
	})
}

/**
 * A Prisma `where` fragment for the complaints the viewer may read; loaders and resolvers
 * spread it into every complaint query, so there is one rule for lists, pages and `node(id:)`.
 */
export function complaintVisibleTo(viewer: Viewer): Prisma.ComplaintWhereInput {
	const scopes = permissionsOf(viewer)
		.filter((p) => p.startsWith('read:'))
		.map((p) => p.split(':')[2] as Scope)
	if (scopes.includes('any')) return {}
	const ors: Prisma.ComplaintWhereInput[] = []
	if (scopes.includes('own')) ors.push({ customerId: viewer.userId })
	if (scopes.includes('dealer') && viewer.organizationId) ors.push({ dealerId: viewer.organizationId })
	if (scopes.includes('region') && viewer.regionId) ors.push({ regionId: viewer.regionId })
	// no scope at all: match nothing (an impossible id) rather than everything
	return ors.length > 0 ? { OR: ors } : { id: { in: [] } }
}

/**
 * Which messages and timeline events the viewer may read: customers only public ones;
 * dealers and regional offices also partner notes; staff everything.
 */
export function visibilitiesFor(viewer: Pick<Viewer, 'kind'>): MessageVisibility[] {
	switch (viewer.kind) {
		case 'CUSTOMER':
			return ['PUBLIC']
		case 'DEALER':
		case 'REGIONAL_OFFICE':
			return ['PUBLIC', 'PARTNER']
		case 'STAFF':
			return ['PUBLIC', 'PARTNER', 'INTERNAL']
	}
}
