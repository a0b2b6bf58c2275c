import type { GraphQLSchema } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import { printSchemaSDL } from '../print.ts'

/** Where the schema's SDL is served: beside the endpoint, which Express mounts at /graphql. */
export const SCHEMA_SDL_PATH = '/graphql/schema.graphql'

/**
 * The schema as SDL, for anyone (partners read it before they have a token, and introspection
 * tells the same to anyone who asks). Printed from the running schema the way
 * graphql/schema.graphql is printed, so the download is that file, and a test says they agree.
 */
export function useSchemaDownload(schema: GraphQLSchema): Plugin {
	const sdl = printSchemaSDL(schema)
	return {
		onRequest({ url, request, fetchAPI, endResponse }) {
			if (url.pathname !== SCHEMA_SDL_PATH) return
			if (request.method !== 'GET' && request.method !== 'HEAD') {
				endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }))
				return
			}
			endResponse(
				new fetchAPI.Response(request.method === 'HEAD' ? null : sdl, {
					headers: {
						'content-type': 'text/plain; charset=utf-8',
						'content-disposition': 'inline; filename="schema.graphql"',
						'cache-control': 'public, max-age=300',
					},
				}),
			)
		},
	}
}
