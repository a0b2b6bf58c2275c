import { initContextCache } from '@pothos/core'
import { GraphQLError } from 'graphql'
import { readSessionToken, validateSessionToken, type ValidSession } from '#app/auth/session.server.ts'
import { authenticateApiToken } from '#app/domain/api-tokens/tokens.ts'
import { viewerFromUser, type Viewer } from '#app/domain/viewer.ts'
import type { AppServices } from '#app/server/services.server.ts'
import { unauthenticatedError } from './errors.ts'

/** The signed-in account's row, as the session read it. */
export type SignedInUser = ValidSession['user']

/** What every resolver gets; one per request, so per-request caches (dataloaders) hang off it. */
export interface Context {
	services: AppServices
	/** who is asking, as the domain layer sees it; null when anonymous */
	viewer: Viewer | null
	/** the signed-in person's row, when a session cookie authenticated; null for an API token */
	user: SignedInUser | null
	request: Request
}

export async function createContext(services: AppServices, request: Request): Promise<Context> {
	const { user, viewer } = await authenticate(services, request)
	return {
		// keeps Pothos's per-request caches when a server copies the context object
		...initContextCache(),
		services,
		request,
		user,
		viewer,
	}
}

/**
 * Whether the credentials the request came with still stand for the same viewer. A subscription
 * lives on after its request: it asks before each update it sends, so that signing out, a revoked
 * or expired API token, or a change to the account (another organization, another role) ends it
 * as it would refuse or change the next request.
 */
export async function stillAuthenticated(context: Pick<Context, 'services' | 'request' | 'viewer'>): Promise<boolean> {
	if (!context.viewer) return false
	try {
		const { viewer } = await authenticate(context.services, context.request)
		return viewer !== null && sameViewer(viewer, context.viewer)
	} catch (error) {
		// a refused API token; anything else (the database is away) is not an answer
		if (error instanceof GraphQLError && error.extensions['code'] === 'UNAUTHENTICATED') return false
		throw error
	}
}

function sameViewer(a: Viewer, b: Viewer): boolean {
	const key = (v: Viewer) =>
		JSON.stringify([
			v.userId,
			v.kind,
			v.staffRole,
			v.organizationId,
			v.organizationKind,
			v.regionId,
			v.apiTokenId ?? null,
			[...(v.tokenScopes ?? [])].sort(),
		])
	return key(a) === key(b)
}

/**
 * The credential a request carries. An Authorization header wins over the cookie and is never
 * ignored: a client that sent a token and was quietly served as someone else, or as nobody,
 * would misread every answer it gets.
 */
async function authenticate(
	services: AppServices,
	request: Request,
): Promise<{ user: SignedInUser | null; viewer: Viewer | null }> {
	const authorization = request.headers.get('authorization')
	if (authorization !== null)
		return { user: null, viewer: await authenticateAuthorizationHeader(services, authorization) }
	const token = readSessionToken(request)
	if (!token) return { user: null, viewer: null }
	// An expired or revoked session is simply anonymous, as on the web pages; the cookie already
	// lives to the session's absolute cap, so a sliding refresh needs no Set-Cookie here.
	const session = await validateSessionToken(services.db.prisma, token)
	const user = session?.user ?? null
	return { user, viewer: user ? viewerFromUser(user) : null }
}

// RFC 6750 §2.1: the scheme is case-insensitive, then one or more spaces, then the token.
const BEARER = /^Bearer +(\S+)$/i

/**
 * Credentials in the Authorization header: an organization's API token as `Bearer cpt_…`
 * (app/domain/api-tokens/). Anything else, and a token that is unknown, revoked or expired, is a
 * 401 that says no more than that (RFC 6750 §3.1), rather than an anonymous answer.
 */
async function authenticateAuthorizationHeader(services: AppServices, authorization: string): Promise<Viewer> {
	const bearer = BEARER.exec(authorization.trim())
	// The messages do not echo the header: a token sent without its scheme would be the scheme.
	if (!bearer) throw unauthenticatedError('Send an API token as `Authorization: Bearer <token>`.')
	const outcome = await authenticateApiToken(services.db.prisma, bearer[1]!)
	if (!outcome.ok) {
		services.logger.info({ reason: outcome.reason }, 'API token refused')
		throw unauthenticatedError(
			'The API token is invalid, revoked or expired.',
			'Bearer error="invalid_token", error_description="The token is invalid, revoked or expired."',
		)
	}
	return outcome.viewer
}
