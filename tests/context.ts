import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { AppLoadContext } from '@remix-run/node'
import { createComplaintUpdates } from '#app/complaints/updates.server.ts'
import { parseConfig } from '#app/config.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { createLogger } from '#app/logger.server.ts'
import { createRateLimits } from '#app/rate-limit.server.ts'
import { createLocalDiskStorage } from '#app/storage/local-disk.server.ts'
import type { Storage } from '#app/storage/storage.server.ts'

/** Local-disk storage in a fresh directory under the OS's temp directory, made on first write. */
export function createTestStorage(): Storage {
	return createLocalDiskStorage(path.join(tmpdir(), `test-storage-${randomUUID()}`))
}

/**
 * What the server hands loaders and actions, over a test database, for calling them directly.
 * Its storage is the local-disk one in a fresh directory under the OS's temp directory.
 */
export function createTestContext(db: Database, env: Record<string, string> = {}): AppLoadContext {
	return {
		config: parseConfig({ NODE_ENV: 'test', APP_URL: 'http://portal.test', ...env }),
		db,
		logger: createLogger('silent'),
		limits: createRateLimits(),
		storage: createTestStorage(),
		complaintUpdates: createComplaintUpdates({ logger: createLogger('silent') }),
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
