import { GraphQLError } from 'graphql'
import type { Plugin } from 'graphql-yoga'

/**
 * Cross-site request forgery protection for cookie-authenticated GraphQL (Apollo Server's and
 * Yoga's rule; @graphql-yoga/plugin-csrf-prevention is not a dependency, graphql-yoga 5 itself
 * does not export it). A browser sends a cross-site request with the user's cookies and without
 * asking the server first (a CORS preflight) only if it is "simple": GET, HEAD, or a POST whose
 * Content-Type is one of a form's. So a request passes when it is a POST with any other
 * Content-Type (`application/json`, as every GraphQL client sends) or when it carries the
 * `x-graphql-csrf` header, which no page can add without a preflight that we do not grant
 * (CORS is off). GET queries therefore need the header.
 */
export const CSRF_HEADER = 'x-graphql-csrf'

const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'])

export function isPreflighted(request: Request): boolean {
	if (request.headers.get(CSRF_HEADER)) return true
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
