import { InsufficientAuthorityError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'

/**
 * Who may use the console's settings: reply templates are every staff member's tools; service
 * levels and the holiday calendar decide every promise made to customers, so only
 * administrators change them. Customers, dealers and regional offices (the organizations'
 * accounts) have no settings at all.
 */

export type SettingsPermission =
	'use:settings' | 'manage:reply-templates' | 'read:service-levels' | 'administer:settings'

export function isStaff(viewer: Pick<Viewer, 'kind' | 'staffRole'>): boolean {
	return viewer.kind === 'STAFF' && viewer.staffRole !== null
}

export function isAdmin(viewer: Pick<Viewer, 'kind' | 'staffRole'>): boolean {
	return viewer.kind === 'STAFF' && viewer.staffRole === 'ADMIN'
}

export function canInSettings(viewer: Pick<Viewer, 'kind' | 'staffRole'>, permission: SettingsPermission): boolean {
	return permission === 'administer:settings' ? isAdmin(viewer) : isStaff(viewer)
}

/** Throws InsufficientAuthorityError unless the viewer holds `permission`. */
export function assertInSettings(viewer: Pick<Viewer, 'kind' | 'staffRole'>, permission: SettingsPermission): void {
	if (!canInSettings(viewer, permission)) throw new InsufficientAuthorityError(permission)
}
