import type { IncomingMessage } from 'node:http'
import { createYoga, type YogaLogger } from 'graphql-yoga'
import type { Logger } from '#app/logger.server.ts'
import type { AppServices } from '#app/server/services.server.ts'
import { createContext, type Context } from './context.ts'
import { renderGraphiQL, staffGraphiQL, useGraphiQLPageHeaders } from './graphiql.ts'
import { useCsrfPrevention } from './plugins/csrf-prevention.ts'
import { useRequestBodies } from './plugins/multipart-requests.ts'
import { useQueryCost } from './plugins/query-cost.ts'
import { useQueryLimits } from './plugins/query-limits.ts'
import { useSchemaDownload } from './plugins/schema-download.ts'
import { schema } from './schema.ts'

/** What Express hands Yoga; absent when a test calls `yoga.fetch` directly. */
interface ServerContext {
	req?: IncomingMessage & { log?: Logger }
}

/**
 * The GraphQL server, mounted by the Node server at /graphql ahead of Remix's handler (see
 * docs/decisions/005-graphql-served-before-remix.md). Also callable as `yoga.fetch(request)`.
 */
export function createGraphQLHandler(
	services: AppServices,
	/** `uploadTmpDir`: where uploaded files wait while the request runs; the OS's temp directory by default */
	options: { uploadTmpDir?: string } = {},
) {
	const development = services.config.env === 'development'
	return createYoga<ServerContext, Context>({
		schema,
		graphqlEndpoint: '/graphql',
		// pino-http's per-request logger carries the request id into resolvers' logs
		context: ({ request, req }) => createContext(req?.log ? { ...services, logger: req.log } : services, request),
		// Unexpected errors become "Unexpected error." outside development; their details go to the log.
		maskedErrors: development ? false : { isDev: false },
		// for signed-in staff only, from our own assets (graphiql.ts)
		graphiql: staffGraphiQL(services),
		renderGraphiQL,
		landingPage: false,
		// Same-origin only. Yoga's default reflects any Origin with credentials, which would let
		// another site read answers given with our users' cookies.
		cors: false,
		logging: yogaLogger(services.logger),
		// File uploads (the GraphQL multipart request spec) are read by useRequestBodies, which
		// streams files to disk and caps every body itself; Yoga's parser would hold files in memory.
		multipart: false,
		maxRequestBodySize: false,
		// CSRF first: a refused request is not read at all
		plugins: [
			useCsrfPrevention(),
			useRequestBodies({ tmpDir: options.uploadTmpDir }),
			useQueryLimits(),
			useQueryCost(),
			// GET /graphql/schema.graphql, and the IDE page's headers: neither is a GraphQL request
			useSchemaDownload(schema),
			useGraphiQLPageHeaders(),
		],
	})
}

export type GraphQLHandler = ReturnType<typeof createGraphQLHandler>

function yogaLogger(logger: Logger): YogaLogger {
	const forward =
		(level: 'debug' | 'info' | 'warn' | 'error') =>
		(...args: unknown[]) => {
			const [first, ...rest] = args
			if (first instanceof Error) logger[level]({ err: first }, 'graphql error')
			else logger[level]({ args: rest.length ? rest : undefined }, String(first))
		}
	return { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') }
}
