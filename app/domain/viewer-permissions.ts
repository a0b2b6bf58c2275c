import type { ApiTokenScope, MessageVisibility } from '#app/generated/prisma/enums.ts'
import { canManageApiTokens } from './api-tokens/access.ts'
import { mayDecideApprovals } from './approvals/queries.ts'
import { seesAuditTrail } from './complaints/case-view.ts'
import { seesFindings } from './complaints/finding-views.ts'
import { permissionsOf, visibilitiesFor, type ComplaintAction, type Scope } from './complaints/permissions.ts'
import { hasCustomerDirectory } from './directory/customers.ts'
import type { Viewer } from './viewer.ts'

/**
 * What the viewer may do, in one answer (GraphQL `viewerPermissions`): the complaint permissions
 * their account holds (narrowed by an API token's scopes), and the API's other reading rules, so
 * that a client can show or hide what the answers would leave empty. It states the rules the
 * domain functions apply; it grants nothing. What applies to one record (may I decide this step,
 * which actions does this complaint allow now) is on the record: `viewerCanDecide`,
 * `availableActions`.
 */

export interface ComplaintPermissionGrant {
	action: ComplaintAction
	/** whose complaints: their own, their dealer's orders, their region, or any */
	scope: Scope
}

export interface ViewerPermissions {
	authenticatedBy: 'SESSION' | 'API_TOKEN'
	/** an API token's scopes; null for a signed-in person, whom scopes do not limit */
	tokenScopes: readonly ApiTokenScope[] | null
	complaintPermissions: ComplaintPermissionGrant[]
	/** whose complaints and orders the viewer reads; empty when none */
	readScopes: Scope[]
	/** which messages, events and files of those complaints */
	messageVisibilities: MessageVisibility[]
	canListCustomers: boolean
	canSeeCustomerEmails: boolean
	canReadFindings: boolean
	canReadApprovals: boolean
	canDecideApprovals: boolean
	canReadAuditTrail: boolean
	canManageApiTokens: boolean
}

export function viewerPermissionsOf(viewer: Viewer): ViewerPermissions {
	const grants = permissionsOf(viewer).map((permission): ComplaintPermissionGrant => {
		const [action, , scope] = permission.split(':') as [ComplaintAction, 'complaint', Scope]
		return { action, scope }
	})
	const readScopes = grants.filter((g) => g.action === 'read').map((g) => g.scope)
	const reads = readScopes.length > 0
	return {
		authenticatedBy: viewer.tokenScopes === undefined ? 'SESSION' : 'API_TOKEN',
		tokenScopes: viewer.tokenScopes ?? null,
		complaintPermissions: grants,
		readScopes,
		messageVisibilities: reads ? visibilitiesFor(viewer) : [],
		// the customer directory (directory/customers.ts) lists the customers of what one reads
		canListCustomers: reads && hasCustomerDirectory(viewer),
		canSeeCustomerEmails: reads && viewer.kind === 'STAFF',
		canReadFindings: reads && seesFindings(viewer),
		canReadApprovals: reads && viewer.kind === 'STAFF',
		canDecideApprovals: mayDecideApprovals(viewer),
		canReadAuditTrail: reads && seesAuditTrail(viewer),
		canManageApiTokens: canManageApiTokens(viewer),
	}
}
