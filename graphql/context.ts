import { initContextCache } from '@pothos/core'
import { readSessionToken, validateSessionToken, type ValidSession } from '#app/auth/session.server.ts'
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
	user: SignedInUser | null
	request: Request
}

export async function createContext(services: AppServices, request: Request): Promise<Context> {
	const user = await authenticate(services, request)
	return {
		// keeps Pothos's per-request caches when a server copies the context object
		...initContextCache(),
		services,
		request,
		user,
		viewer: user ? viewerFromUser(user) : null,
	}
}

/**
 * The credential a request carries. An Authorization header wins over the cookie and is never
 * ignored: a client that sent a token and was quietly served as someone else, or as nobody,
 * would misread every answer it gets.
 */
async function authenticate(services: AppServices, request: Request): Promise<SignedInUser | null> {
	const authorization = request.headers.get('authorization')
	if (authorization !== null) return authenticateAuthorizationHeader(services, authorization)
	const token = readSessionToken(request)
	if (!token) return null
	// An expired or revoked session is simply anonymous, as on the web pages; the cookie already
	// lives to the session's absolute cap, so a sliding refresh needs no Set-Cookie here.
	const session = await validateSessionToken(services.db.prisma, token)
	return session?.user ?? null
}

/**
 * Credentials in the Authorization header: each scheme the API accepts gets its branch here
 * (partners' API tokens are the first, in a later issue). A scheme without a branch is refused.
 */
async function authenticateAuthorizationHeader(
	_services: AppServices,
	_authorization: string,
): Promise<SignedInUser | null> {
	// The message does not echo the header: a token sent without its scheme would be the scheme.
	throw unauthenticatedError('The Authorization header carries no scheme this API accepts.')
}
