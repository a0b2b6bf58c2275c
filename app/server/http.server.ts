import { createRequestHandler } from '@remix-run/express'
import type { AppLoadContext, ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express, { type RequestHandler, type Response } from 'express'
import { randomUUID } from 'node:crypto'
import type { Server } from 'node:http'
import { pinoHttp } from 'pino-http'
import type { AppServices } from './services.server.ts'

export interface HttpOptions {
	services: AppServices
	build: ServerBuild
	/** extra handlers mounted ahead of Remix (GraphQL, dev tools) */
	mounts?: Array<{ path: string; handler: RequestHandler }>
}

/**
 * The Node HTTP front: health probes, static files, then whatever is mounted ahead of Remix
 * (GraphQL answers ~2.7x faster outside Remix's handler, see docs/decisions/005), then Remix.
 */
export function createHttpApp({ services, build, mounts = [] }: HttpOptions) {
	const { config, db, logger } = services
	const app = express()
	app.disable('x-powered-by')
	if (config.trustProxy) app.set('trust proxy', true)

	app.get('/healthz', (_req, res) => {
		res.type('text/plain').send('ok')
	})
	app.get('/readyz', async (_req, res) => {
		try {
			await db.sql.query('SELECT 1')
			res.type('text/plain').send('ready')
		} catch {
			res.status(503).set('Retry-After', '5').type('text/plain').send('database unreachable')
		}
	})

	// An event stream (GraphQL subscriptions over SSE) must reach the client as each event is
	// written; compressed, it would wait in the compressor's buffer, which a quiet stream never fills.
	app.use(compression({ filter: (req, res) => !isEventStream(res) && compression.filter(req, res) }))
	// Fingerprinted assets can be cached forever; everything else in public/ for an hour.
	app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
	app.use(express.static('public', { maxAge: '1h' }))

	app.use(
		pinoHttp({
			logger,
			genReqId: (req, res) => {
				const incoming = req.headers['x-request-id']
				const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID()
				res.setHeader('x-request-id', id)
				return id
			},
			customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
			// query strings can carry single-use tokens (reset links); log the path only
			serializers: {
				req: (req: { id: string; method: string; url: string }) => ({
					id: req.id,
					method: req.method,
					path: req.url.split('?')[0],
				}),
			},
		}),
	)

	for (const mount of mounts) app.use(mount.path, mount.handler)

	app.all(
		'*',
		createRequestHandler({
			build,
			mode: config.env,
			getLoadContext: (req): AppLoadContext => ({
				...services,
				logger: req.log,
				requestId: String(req.id),
				clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
			}),
		}),
	)
	return app
}

function isEventStream(res: Response): boolean {
	return String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream')
}

/**
 * Stops taking connections and resolves once every open one has closed. Requests in flight
 * finish; event streams (GraphQL subscriptions) never finish by themselves, so `endStreams` ends
 * them, and their clients get `complete` and reconnect to another instance. A response that has
 * ended leaves its keep-alive connection open until the client's next request or the keep-alive
 * timeout, so connections are closed as soon as they are idle, not seconds later.
 */
export function closeGracefully(server: Server, { endStreams }: { endStreams: () => void }): Promise<void> {
	return new Promise((resolve, reject) => {
		const idle = setInterval(() => server.closeIdleConnections(), 50)
		server.close((error) => {
			clearInterval(idle)
			if (error) reject(error)
			else resolve()
		})
		endStreams()
		server.closeIdleConnections()
	})
}
