import type { Prisma } from '#app/generated/prisma/client.ts'
import type { MessageVisibility, StaffRole, UserKind } from '#app/generated/prisma/enums.ts'
import { scopeAllows } from '../api-tokens/scopes.ts'
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
	// filing a complaint for a customer, on an order in scope (file-for-customer.ts); customers
	// file their own through the portal's draft (file-complaint.ts), which needs no permission
	| 'file'
	| 'add-information'
	| 'respond-to-resolution'
	| 'withdraw'
	| 'escalate'
	| 'set-notifications'
	// the staff workflow (workflow.ts)
	| 'acknowledge'
	| 'route'
	| 'investigate'
	| 'request-information'
	| 'record-finding'
	| 'determine-responsibility'
	| 'propose-resolution'
	| 'decide-approval'
	| 'resolve'
	| 'reject'
	| 'close'
	| 'reopen'
	| 'reply'
	| 'note'
export type Permission = `${ComplaintAction}:complaint:${Scope}`

const CUSTOMER: Permission[] = [
	'read:complaint:own',
	'add-information:complaint:own',
	'respond-to-resolution:complaint:own',
	'withdraw:complaint:own',
	'escalate:complaint:own',
	'set-notifications:complaint:own',
]
/**
 * Dealers follow the complaints on orders they sold, talk to us in partner notes, and file
 * complaints for the customers of those orders (DESIGN.md §1).
 */
const DEALER: Permission[] = [
	'read:complaint:dealer',
	'add-information:complaint:dealer',
	'note:complaint:dealer',
	'file:complaint:dealer',
]
/**
 * Regional offices (as organizations, through the API and the console) do the first-line work in
 * their region: reply, visit the customer, record what they found; decisions stay with staff.
 */
const REGIONAL_OFFICE: Permission[] = [
	'read:complaint:region',
	'add-information:complaint:region',
	'note:complaint:region',
	'reply:complaint:region',
	'acknowledge:complaint:region',
	'investigate:complaint:region',
	'request-information:complaint:region',
	'record-finding:complaint:region',
]
const CASE_WORK: ComplaintAction[] = [
	'read',
	// a complaint taken down from a phone call or an email (channel PHONE / EMAIL)
	'file',
	'acknowledge',
	'route',
	'investigate',
	'request-information',
	'record-finding',
	'determine-responsibility',
	'propose-resolution',
	'resolve',
	'reject',
	'escalate',
	'close',
	'reopen',
	'reply',
	'note',
]
const any = (actions: ComplaintAction[]): Permission[] => actions.map((a) => `${a}:complaint:any` as const)
const STAFF: Record<StaffRole, Permission[]> = {
	AGENT: any(CASE_WORK),
	QUALITY_ENGINEER: any(CASE_WORK),
	REGIONAL_MANAGER: any([...CASE_WORK, 'decide-approval']),
	MARKETING_DIRECTOR: any([...CASE_WORK, 'decide-approval']),
	GENERAL_MANAGER: any([...CASE_WORK, 'decide-approval']),
	ADMIN: any(CASE_WORK),
}

/**
 * Staff who sit in a regional office (a regional manager) work their region only: the same
 * permissions with the scope narrowed, so the queue, the case page and approvals all follow.
 */
function narrowToRegion(permissions: Permission[]): Permission[] {
	return permissions.map((p) => p.replace(/:any$/, ':region') as Permission)
}

/**
 * The permissions of the viewer's kind (and staff role). An API token holds its organization's,
 * less what its scopes leave out; every check below (can, complaintVisibleTo) reads this list.
 */
export function permissionsOf(
	viewer: Pick<Viewer, 'kind' | 'staffRole' | 'organizationKind' | 'tokenScopes'>,
): readonly Permission[] {
	const granted = permissionsOfKind(viewer)
	const scopes = viewer.tokenScopes
	if (scopes === undefined) return granted
	return granted.filter((permission) => scopeAllows(scopes, permission.split(':', 1)[0] as ComplaintAction))
}

function permissionsOfKind(viewer: Pick<Viewer, 'kind' | 'staffRole' | 'organizationKind'>): readonly Permission[] {
	const byKind: Record<UserKind, Permission[]> = {
		CUSTOMER,
		DEALER,
		REGIONAL_OFFICE,
		STAFF: !viewer.staffRole
			? []
			: viewer.organizationKind === 'REGIONAL_OFFICE'
				? narrowToRegion(STAFF[viewer.staffRole])
				: STAFF[viewer.staffRole],
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
