import { createRequestHandler } from '@remix-run/express'
import type { AppLoadContext, ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express, { type RequestHandler } from 'express'
import { randomUUID } from 'node:crypto'
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

	app.use(compression())
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
