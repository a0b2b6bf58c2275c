import { redirect } from '@remix-run/node'
import type { AppLoadContext } from '@remix-run/node'
import { viewerFromUser, type Viewer } from '#app/domain/viewer.ts'
import { readSessionToken, validateSessionToken, type ValidSession } from './session.server.ts'

// A page render calls this from the root loader and from the route's loader; validate once.
const cache = new WeakMap<Request, Promise<ValidSession | null>>()

export function getSession(request: Request, context: AppLoadContext): Promise<ValidSession | null> {
	let pending = cache.get(request)
	if (!pending) {
		const token = readSessionToken(request)
		pending = token ? validateSessionToken(context.db.prisma, token) : Promise.resolve(null)
		cache.set(request, pending)
	}
	return pending
}

export interface SignedIn extends ValidSession {
	viewer: Viewer
}

/** For pages that need a signed-in user: otherwise to the sign-in page, and back after. */
export async function requireUser(request: Request, context: AppLoadContext): Promise<SignedIn> {
	const session = await getSession(request, context)
	if (!session) {
		const url = new URL(request.url)
		const redirectTo = url.pathname + url.search
		throw redirect(`/login?${new URLSearchParams({ redirectTo })}`)
	}
	return { ...session, viewer: viewerFromUser(session.user) }
}

/** For sign-in, sign-up and reset pages: a signed-in user has nothing to do there. */
export async function requireAnonymous(request: Request, context: AppLoadContext): Promise<void> {
	if (await getSession(request, context)) throw redirect('/')
}

/** Only same-site paths, so that ?redirectTo= cannot send people to another site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
	if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
	return to
}
