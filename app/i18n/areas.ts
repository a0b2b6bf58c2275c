/**
 * The portal has two areas with different vocabularies: the customer pages and the staff console.
 * The browser receives the messages of the area it is in, in the current language only (the root
 * loader sends them as data), so that a customer never downloads the console's copy and neither
 * area's JavaScript carries translations at all.
 */
export type Area = 'customer' | 'console'

/** Namespaces only the console uses. */
export const CONSOLE_NAMESPACES = ['console', 'casework', 'approvals', 'settings', 'reports', 'followups'] as const

export function areaOf(pathname: string): Area {
	return pathname === '/staff' || pathname.startsWith('/staff/') ? 'console' : 'customer'
}
