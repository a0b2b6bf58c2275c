import type { OrganizationKind } from '#app/generated/prisma/enums.ts'
import { InsufficientAuthorityError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'

/**
 * Who manages an organization's API tokens: any member of a dealer or a regional office, for
 * their own organization only. Those organizations have no roles of their own (every member is
 * its administrator in effect), so membership is the rule. Headquarters has no tokens for now:
 * an HQ token would need a staff role to act with, and staff use the console and GraphQL with
 * their own sessions. A token never manages tokens, whatever its scopes: creating a credential
 * takes a person signed in to the portal.
 */

export const TOKEN_ORGANIZATION_KINDS = ['DEALER', 'REGIONAL_OFFICE'] as const satisfies readonly OrganizationKind[]
export type TokenOrganizationKind = (typeof TOKEN_ORGANIZATION_KINDS)[number]

export function isTokenOrganizationKind(kind: OrganizationKind | null): kind is TokenOrganizationKind {
	return kind === 'DEALER' || kind === 'REGIONAL_OFFICE'
}

export function canManageApiTokens(
	viewer: Pick<Viewer, 'organizationId' | 'organizationKind' | 'tokenScopes'>,
): viewer is Pick<Viewer, 'organizationKind' | 'tokenScopes'> & { organizationId: string } {
	return (
		viewer.tokenScopes === undefined &&
		viewer.organizationId !== null &&
		isTokenOrganizationKind(viewer.organizationKind)
	)
}

/** The viewer's organization, whose tokens they manage; InsufficientAuthorityError if they may not. */
export function tokenOrganizationOf(viewer: Viewer): string {
	if (!canManageApiTokens(viewer)) throw new InsufficientAuthorityError('manage:api-tokens')
	return viewer.organizationId
}
