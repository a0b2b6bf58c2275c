import type { OrganizationKind, StaffRole, UserKind } from '#app/generated/prisma/enums.ts'

/**
 * Who is asking, as the domain layer sees it: the same shape for a web session and (later)
 * an API token. Permission checks take a Viewer, never a request.
 */
export interface Viewer {
	userId: string
	kind: UserKind
	staffRole: StaffRole | null
	organizationId: string | null
	organizationKind: OrganizationKind | null
	/** a regional office's region; dealers' orders carry their own region */
	regionId: string | null
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
