import type { Prisma } from '#app/generated/prisma/client.ts'
import type { Viewer } from '#app/domain/viewer.ts'

/**
 * Who may see whom in the directory of people, organizations and regions. Both front doors
 * (Remix loaders and GraphQL resolvers) read records through these fragments, so that a record
 * the viewer may not see looks exactly like one that does not exist.
 *
 * Combine a fragment with other conditions under `AND`, never by spreading it: a fragment may
 * constrain `id` itself, and a spread would silently replace the caller's own `id` filter.
 */

// Prisma turns an empty `in` into a constant false without a round trip.
const NOBODY = { id: { in: [] as string[] } }

/**
 * A user sees themself; staff see everyone; dealer and regional-office users see the members of
 * their own organization; anonymous visitors see nobody.
 */
export function userVisibleTo(viewer: Viewer | null): Prisma.UserWhereInput {
	if (!viewer) return NOBODY
	if (viewer.kind === 'STAFF') return {}
	if ((viewer.kind === 'DEALER' || viewer.kind === 'REGIONAL_OFFICE') && viewer.organizationId) {
		return { OR: [{ id: viewer.userId }, { organizationId: viewer.organizationId }] }
	}
	return { id: viewer.userId }
}

/** Organizations (names, codes, regions) are not secret from anyone signed in. */
export function organizationVisibleTo(viewer: Viewer | null): Prisma.OrganizationWhereInput {
	return viewer ? {} : NOBODY
}

/** Regions are not secret from anyone signed in. */
export function regionVisibleTo(viewer: Viewer | null): Prisma.RegionWhereInput {
	return viewer ? {} : NOBODY
}

/**
 * An email address is personal data (PIPL): shown to its owner and to staff, who must be able
 * to write to customers, but not to a dealer's colleagues, who see the name only.
 */
export function canSeeEmailOf(viewer: Viewer | null, user: { id: string }): boolean {
	return !!viewer && (viewer.userId === user.id || viewer.kind === 'STAFF')
}
