import type { AppLoadContext } from '@remix-run/node'
import { parseConfig } from '#app/config.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { createLogger } from '#app/logger.server.ts'
import { createRateLimits } from '#app/rate-limit.server.ts'

/** What the server hands loaders and actions, over a test database, for calling them directly. */
export function createTestContext(db: Database, env: Record<string, string> = {}): AppLoadContext {
	return {
		config: parseConfig({ NODE_ENV: 'test', APP_URL: 'http://portal.test', ...env }),
		db,
		logger: createLogger('silent'),
		limits: createRateLimits(),
		requestId: 'test',
		clientIp: `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
	}
}

/** A form POST as a browser sends it. */
export function formRequest(
	path: string,
	fields: Record<string, string>,
	headers: Record<string, string> = {},
): Request {
	return new Request(`http://portal.test${path}`, {
		method: 'POST',
		body: new URLSearchParams(fields),
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
	})
}
