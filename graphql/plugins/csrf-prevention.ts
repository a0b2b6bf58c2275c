import { GraphQLError } from 'graphql'
import type { Plugin } from 'graphql-yoga'

/**
 * Cross-site request forgery protection for cookie-authenticated GraphQL (Apollo Server's and
 * Yoga's rule). A browser sends a cross-site request with the user's cookies and without
 * asking the server first (a CORS preflight) only if it is "simple": GET, HEAD, or a POST whose
 * Content-Type is one of a form's. So a request passes when it is a POST with any other
 * Content-Type (`application/json`, as every GraphQL client sends) or when it carries the
 * `x-graphql-csrf` header, which no page can add without a preflight that we do not grant
 * (CORS is off). GET queries therefore need the header. Bearer requests are exempt (below).
 *
 * @graphql-yoga/plugin-csrf-prevention implements the same rule in the same hook, but its only
 * option is the list of header names: it cannot exempt bearer requests, it accepts an empty
 * header, and its error has no `extensions.code` for clients to test. Hence our own.
 */
export const CSRF_HEADER = 'x-graphql-csrf'

const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'])

export function isPreflighted(request: Request): boolean {
	if (request.headers.get(CSRF_HEADER)) return true
	// A page cannot set Authorization on a cross-site request without a preflight either, and a
	// request that carries it is authenticated by it alone, never by the cookie (context.ts):
	// API clients with a bearer token need neither the header nor a JSON Content-Type.
	if (request.headers.has('authorization')) return true
	if (request.method !== 'POST') return false
	const contentType = request.headers.get('content-type')
	if (!contentType) return false
	const mediaType = contentType.split(';', 1)[0]!.trim().toLowerCase()
	return mediaType !== '' && !SIMPLE_CONTENT_TYPES.has(mediaType)
}

export function useCsrfPrevention(): Plugin {
	return {
		onRequestParse({ request }) {
			if (!isPreflighted(request)) {
				throw new GraphQLError(
					`Send GraphQL requests as a POST with Content-Type: application/json, or with a non-empty ${CSRF_HEADER} header.`,
					{ extensions: { code: 'CSRF_PREVENTION', http: { status: 403 } } },
				)
			}
		},
	}
}
