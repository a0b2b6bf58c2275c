import type { ApiTokenScope } from '#app/generated/prisma/enums.ts'
import type { ComplaintAction } from '../complaints/permissions.ts'

/**
 * What an API token's scopes allow. A token never has more power than its organization: the
 * scopes only take away (permissions.ts filters the organization's permissions through
 * `scopeAllows`). Every complaint action names the one scope it needs, in a table the compiler
 * keeps complete, so a new action cannot slip past tokens unnoticed.
 */

export const API_TOKEN_SCOPES = [
	'READ_COMPLAINTS',
	'WRITE_COMPLAINTS',
	'WRITE_REPLIES',
	'WEBHOOKS',
] as const satisfies readonly ApiTokenScope[]

const SCOPE_OF_ACTION: Record<ComplaintAction, ApiTokenScope> = {
	read: 'READ_COMPLAINTS',
	// Written words: a reply to the customer and a partner note. Acknowledging a new complaint is
	// its first reply (replyToComplaint acknowledges a SUBMITTED complaint), so it goes with them.
	reply: 'WRITE_REPLIES',
	note: 'WRITE_REPLIES',
	acknowledge: 'WRITE_REPLIES',
	// Everything else creates or changes the complaint's record or moves it through the workflow.
	file: 'WRITE_COMPLAINTS',
	'add-information': 'WRITE_COMPLAINTS',
	'respond-to-resolution': 'WRITE_COMPLAINTS',
	withdraw: 'WRITE_COMPLAINTS',
	escalate: 'WRITE_COMPLAINTS',
	'set-notifications': 'WRITE_COMPLAINTS',
	route: 'WRITE_COMPLAINTS',
	investigate: 'WRITE_COMPLAINTS',
	'request-information': 'WRITE_COMPLAINTS',
	'record-finding': 'WRITE_COMPLAINTS',
	'determine-responsibility': 'WRITE_COMPLAINTS',
	'propose-resolution': 'WRITE_COMPLAINTS',
	'decide-approval': 'WRITE_COMPLAINTS',
	resolve: 'WRITE_COMPLAINTS',
	reject: 'WRITE_COMPLAINTS',
	close: 'WRITE_COMPLAINTS',
	reopen: 'WRITE_COMPLAINTS',
}

export function scopeOf(action: ComplaintAction): ApiTokenScope {
	return SCOPE_OF_ACTION[action]
}

/** Whether a token with `scopes` may take `action`; a web session (no scopes) is not limited here. */
export function scopeAllows(scopes: readonly ApiTokenScope[] | undefined, action: ComplaintAction): boolean {
	return scopes === undefined || scopes.includes(SCOPE_OF_ACTION[action])
}

/**
 * The scopes stored for a new token: the ones chosen, once each, in a fixed order, and reading
 * with any write (as on GitHub): a command loads the complaint the way the token may see it,
 * so a write scope without reading would find nothing to write to.
 */
export function normalizeScopes(chosen: readonly ApiTokenScope[]): ApiTokenScope[] {
	const writes = chosen.includes('WRITE_COMPLAINTS') || chosen.includes('WRITE_REPLIES')
	return API_TOKEN_SCOPES.filter((scope) => chosen.includes(scope) || (scope === 'READ_COMPLAINTS' && writes))
}
