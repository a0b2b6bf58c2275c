import type { ApiTokenScope, OrganizationKind, StaffRole, UserKind } from '#app/generated/prisma/enums.ts'

/**
 * Who is asking, as the domain layer sees it: the same shape for a web session and an API
 * token. Permission checks take a Viewer, never a request.
 */
export interface Viewer {
	userId: string
	kind: UserKind
	staffRole: StaffRole | null
	organizationId: string | null
	organizationKind: OrganizationKind | null
	/** a regional office's region; dealers' orders carry their own region */
	regionId: string | null
	/**
	 * Set when an API token is asking (app/domain/api-tokens/): the token's scopes narrow what
	 * the organization may do (permissions.ts), and `userId` is then the member who created it,
	 * to whom what the token writes is attributed. Absent for a web session: scopes limit tokens only.
	 */
	tokenScopes?: readonly ApiTokenScope[]
	/** the API token asking, for per-token limits and logs; absent for a web session */
	apiTokenId?: string
}

export function viewerFromUser(user: {
	id: string
	kind: UserKind
	staffRole: StaffRole | null
	organizationId: string | null
	organization: { kind: OrganizationKind; regionId: string | null } | null
}): Viewer {
	return {
		userId: user.id,
		kind: user.kind,
		staffRole: user.staffRole,
		organizationId: user.organizationId,
		organizationKind: user.organization?.kind ?? null,
		regionId: user.organization?.regionId ?? null,
	}
}
