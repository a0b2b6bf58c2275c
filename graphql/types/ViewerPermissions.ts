import type { ComplaintAction, Scope } from '#app/domain/complaints/permissions.ts'
import {
	viewerPermissionsOf,
	type ComplaintPermissionGrant,
	type ViewerPermissions,
} from '#app/domain/viewer-permissions.ts'
import type { ApiTokenScope } from '#app/generated/prisma/enums.ts'
import { builder } from '../builder.ts'
import { MessageVisibilityEnum } from './ComplaintEnums.ts'
import { OrganizationNode } from './Organization.ts'
import { RegionNode } from './Region.ts'

/**
 * `viewerPermissions`: what the viewer may do, beside `viewer` (who they are), as GitHub keeps
 * `viewer` a User and answers "may I" with `viewerCan*` fields. The rules are the domain's
 * (app/domain/viewer-permissions.ts); this only names them.
 */

const AuthenticationMethodEnum = builder.enumType('AuthenticationMethod', {
	description: 'How the request proved who is asking.',
	values: {
		SESSION: { description: 'A signed-in person’s session cookie: the portal’s own pages and scripts.' },
		API_TOKEN: {
			description:
				'An organization’s API token (`Authorization: Bearer cpt_…`): its scopes narrow what the organization may do.',
		},
	} satisfies Record<ViewerPermissions['authenticatedBy'], { description: string }>,
})

const ApiTokenScopeEnum = builder.enumType('ApiTokenScope', {
	description: 'What an API token may do on its organization’s behalf; scopes only ever take away.',
	values: {
		READ_COMPLAINTS: {
			description: 'Read the complaints, orders and customers the organization may see (any write scope includes it).',
		},
		WRITE_COMPLAINTS: { description: 'Change complaints and move them through the workflow.' },
		WRITE_REPLIES: { description: 'Write replies and partner notes, and acknowledge new complaints.' },
		WEBHOOKS: { description: 'Manage the organization’s webhooks.' },
	} satisfies Record<ApiTokenScope, { description: string }>,
})

const PermissionScopeEnum = builder.enumType('PermissionScope', {
	description: 'Whose complaints a permission covers.',
	values: {
		OWN: { description: 'The viewer’s own, as the customer.' },
		DEALER: { description: 'Those on orders the viewer’s dealer sold.' },
		REGION: { description: 'Those in the viewer’s region (a regional office, or regional-office staff).' },
		ANY: { description: 'Every complaint.' },
	} satisfies Record<Uppercase<Scope>, { description: string }>,
})

/** Each permission's action, by the kebab-case name permissions.ts gives it. */
const ACTIONS = {
	READ: { action: 'read', description: 'Read the complaint, its order and its customer.' },
	FILE: { action: 'file', description: 'File a complaint for a customer, on an order in scope.' },
	ADD_INFORMATION: { action: 'add-information', description: 'Add information and files to the complaint.' },
	RESPOND_TO_RESOLUTION: {
		action: 'respond-to-resolution',
		description: 'Accept or dispute the proposed resolution, as the customer.',
	},
	WITHDRAW: { action: 'withdraw', description: 'Withdraw the complaint, as the customer.' },
	ESCALATE: { action: 'escalate', description: 'Escalate the complaint to head office (`escalateComplaint`).' },
	SET_NOTIFICATIONS: { action: 'set-notifications', description: 'Choose how the customer hears of changes.' },
	ACKNOWLEDGE: { action: 'acknowledge', description: 'Acknowledge a new complaint (`acknowledgeComplaint`).' },
	ROUTE: { action: 'route', description: 'Route and assign the complaint (`assignComplaint`).' },
	INVESTIGATE: { action: 'investigate', description: 'Start the investigation (`startInvestigation`).' },
	REQUEST_INFORMATION: {
		action: 'request-information',
		description: 'Ask the customer for information (`requestInformation`).',
	},
	RECORD_FINDING: { action: 'record-finding', description: 'Record an on-site visit or a sample (`recordFinding`).' },
	DETERMINE_RESPONSIBILITY: {
		action: 'determine-responsibility',
		description: 'Record who is responsible (`determineResponsibility`).',
	},
	PROPOSE_RESOLUTION: { action: 'propose-resolution', description: 'Propose a resolution (`proposeResolution`).' },
	DECIDE_APPROVAL: {
		action: 'decide-approval',
		description: 'Approve or decline a proposal waiting for the viewer’s role (`decideApproval`).',
	},
	RESOLVE: { action: 'resolve', description: 'Resolve the complaint (`resolveComplaint`).' },
	REJECT: { action: 'reject', description: 'Reject the complaint (`rejectComplaint`).' },
	CLOSE: { action: 'close', description: 'Close the complaint (`closeComplaint`).' },
	REOPEN: { action: 'reopen', description: 'Reopen a closed complaint (`reopenComplaint`).' },
	REPLY: { action: 'reply', description: 'Reply to the customer in writing (`replyToComplaint`, `addReply`).' },
	NOTE: { action: 'note', description: 'Write an internal or partner note (`addNote`).' },
} as const satisfies Record<string, { action: ComplaintAction; description: string }>
type ActionValue = keyof typeof ACTIONS
// the compiler keeps the table complete: a new action in permissions.ts fails here until named
const VALUE_OF = Object.fromEntries(Object.entries(ACTIONS).map(([value, { action }]) => [action, value])) as Record<
	ComplaintAction,
	ActionValue
>
type MissingActions = Exclude<ComplaintAction, (typeof ACTIONS)[ActionValue]['action']>
const complete: MissingActions extends never ? true : never = true
void complete

const ComplaintPermissionActionEnum = builder.enumType('ComplaintPermissionAction', {
	description: 'What a complaint permission allows.',
	values: Object.fromEntries(
		Object.entries(ACTIONS).map(([value, { description }]) => [value, { description }]),
	) as Record<ActionValue, { description: string }>,
})

const ComplaintPermissionType = builder.objectRef<ComplaintPermissionGrant>('ComplaintPermission').implement({
	description:
		'One thing the viewer may do to complaints, and whose. Whether it applies to a complaint now is `Complaint.availableActions`.',
	fields: (t) => ({
		action: t.field({
			type: ComplaintPermissionActionEnum,
			description: 'What the permission allows.',
			resolve: (grant) => VALUE_OF[grant.action],
		}),
		scope: t.field({
			type: PermissionScopeEnum,
			description: 'Whose complaints it covers.',
			resolve: (grant) => grant.scope.toUpperCase() as Uppercase<Scope>,
		}),
	}),
})

interface ViewerPermissionsRow extends ViewerPermissions {
	organizationId: string | null
	regionId: string | null
}

const ViewerPermissionsType = builder.objectRef<ViewerPermissionsRow>('ViewerPermissions').implement({
	description:
		'What the viewer may do and see, as the API applies it: the complaint permissions their account holds (an API token’s scopes narrow them), and what the lists and fields will show them. It grants nothing: every list and field applies the same rules.',
	fields: (t) => ({
		authenticatedBy: t.expose('authenticatedBy', {
			type: AuthenticationMethodEnum,
			description: 'How the request was authenticated.',
		}),
		apiTokenScopes: t.field({
			type: [ApiTokenScopeEnum],
			nullable: true,
			description: 'The API token’s scopes; null for a signed-in session, which scopes do not limit.',
			resolve: (row) => (row.tokenScopes ? [...row.tokenScopes] : null),
		}),
		organization: t.field({
			type: OrganizationNode,
			nullable: true,
			description:
				'The dealer, regional office or headquarters the viewer acts for (for an API token, its organization); null for customers.',
			resolve: (row) => row.organizationId,
		}),
		region: t.field({
			type: RegionNode,
			nullable: true,
			description:
				'The region a regional office (or regional-office staff) works; its complaints and orders are the ones they see. Null for everyone else.',
			resolve: (row) => row.regionId,
		}),
		complaintPermissions: t.field({
			type: [ComplaintPermissionType],
			description: 'Every complaint permission the viewer holds, with its scope.',
			resolve: (row) => row.complaintPermissions,
		}),
		readScopes: t.field({
			type: [PermissionScopeEnum],
			description:
				'Whose complaints and orders the viewer reads (`complaints`, `orders`, `node`); empty when none, such as a token without READ_COMPLAINTS.',
			resolve: (row) => row.readScopes.map((scope) => scope.toUpperCase() as Uppercase<Scope>),
		}),
		messageVisibilities: t.field({
			type: [MessageVisibilityEnum],
			description: 'Which messages, timeline events and files of those complaints the viewer reads.',
			resolve: (row) => row.messageVisibilities,
		}),
		canListCustomers: t.exposeBoolean('canListCustomers', {
			description:
				'Whether `customers` lists anyone: staff, dealers and regional offices (the customers of what they see).',
		}),
		canSeeCustomerEmails: t.exposeBoolean('canSeeCustomerEmails', {
			description: 'Whether customers’ email addresses are shown (and searchable): staff only (personal data, PIPL).',
		}),
		canReadFindings: t.exposeBoolean('canReadFindings', {
			description:
				'Whether `Complaint.findings` shows anything: staff, and partners for the findings recorded for them.',
		}),
		canReadApprovals: t.exposeBoolean('canReadApprovals', {
			description: 'Whether `ResolutionProposal.approvalSteps` is shown: staff only.',
		}),
		canDecideApprovals: t.exposeBoolean('canDecideApprovals', {
			description:
				'Whether the viewer’s role decides approvals, so that `approvals` lists the steps asked of it: regional managers, the marketing director and the general manager.',
		}),
		canReadAuditTrail: t.exposeBoolean('canReadAuditTrail', {
			description: 'Whether `ComplaintEvent.changes`, the before and after of each change, is shown: staff only.',
		}),
		canManageApiTokens: t.exposeBoolean('canManageApiTokens', {
			description:
				'Whether the viewer manages their organization’s API tokens in the portal: members of a dealer or regional office, signed in (never a token).',
		}),
	}),
})

builder.queryField('viewerPermissions', (t) =>
	t.field({
		type: ViewerPermissionsType,
		nullable: true,
		description:
			'What the viewer may do and see: their complaint permissions (narrowed by an API token’s scopes), how they authenticated, and which lists and fields show them anything. `viewer` says who they are. Null when nobody is signed in.',
		resolve: (_root, _args, context) => {
			const viewer = context.viewer
			if (!viewer) return null
			return {
				...viewerPermissionsOf(viewer),
				organizationId: viewer.organizationId,
				regionId: viewer.organizationKind === 'REGIONAL_OFFICE' ? viewer.regionId : null,
			}
		},
	}),
)
