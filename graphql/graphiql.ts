import { renderGraphiQL } from '@graphql-yoga/render-graphiql'
import type { GraphiQLOptions, Plugin } from 'graphql-yoga'
import { readSessionToken, validateSessionToken } from '#app/auth/session.server.ts'
import type { AppServices } from '#app/server/services.server.ts'
import { CSRF_HEADER } from './plugins/csrf-prevention.ts'

/**
 * GraphiQL at GET /graphql (a browser's `Accept: text/html`), for signed-in staff only, in every
 * environment. Yoga's own GraphiQL loads its JavaScript from a CDN (unpkg); this one is
 * @graphql-yoga/render-graphiql, the same IDE with its scripts, styles and editor workers inlined
 * in the page, so the browser fetches nothing from anyone but us. The IDE sends the staff
 * member's session cookie (same origin) and the CSRF header the cookie path requires
 * (plugins/csrf-prevention.ts). Everyone else, anonymous callers, customers, dealers and API
 * tokens, gets what a GET without a query gets from the API: no page.
 */

/** The query a new tab opens with: one that every signed-in person may run. */
export const GRAPHIQL_DEFAULT_QUERY = `# 售后服务平台 GraphQL API · After-sales Service Portal GraphQL API
# Documentation: /developers   Schema (SDL): /graphql/schema.graphql
{
  viewer {
    name
    kind
    staffRole
  }
}
`

export function staffGraphiQL(services: Pick<AppServices, 'db'>) {
	return async (request: Request): Promise<GraphiQLOptions | false> => {
		// a token is for programs; the IDE works with a person's session
		if (request.headers.has('authorization')) return false
		const token = readSessionToken(request)
		if (!token) return false
		const session = await validateSessionToken(services.db.prisma, token)
		if (session?.user.kind !== 'STAFF') return false
		return {
			title: 'GraphiQL · 售后服务平台 After-sales Service Portal',
			favicon: '/favicon.svg',
			endpoint: '/graphql',
			credentials: 'same-origin',
			additionalHeaders: { [CSRF_HEADER]: '1' },
			defaultQuery: GRAPHIQL_DEFAULT_QUERY,
			// subscriptions are served as server-sent events on the same endpoint
			subscriptionsProtocol: 'SSE',
			// the header editor may hold a token pasted for a test: not kept in localStorage
			shouldPersistHeaders: false,
		}
	}
}

export { renderGraphiQL }

/**
 * The IDE's page is given to some people and not others by their cookie: no shared cache may keep
 * it, and none may frame it (it runs queries with the session of whoever opens it).
 */
export function useGraphiQLPageHeaders(): Plugin {
	return {
		onResponse({ request, response }) {
			if (request.method !== 'GET' || !response.headers.get('content-type')?.startsWith('text/html')) return
			response.headers.set('cache-control', 'private, no-store')
			response.headers.set('vary', 'Cookie')
			response.headers.set('x-frame-options', 'DENY')
		},
	}
}
