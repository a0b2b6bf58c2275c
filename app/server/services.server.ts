import type { ComplaintUpdates } from '#app/complaints/updates.server.ts'
import type { Config } from '#app/config.server.ts'
import type { Database } from '#app/db/database.server.ts'
import type { Logger } from '#app/logger.server.ts'
import type { RateLimits } from '#app/rate-limit.server.ts'
import type { Storage } from '#app/storage/storage.server.ts'

/**
 * Everything a request handler needs, made once at start and handed to Remix loaders and
 * actions (as their `context`) and to GraphQL resolvers. Nothing is a module-level
 * singleton, so tests build their own with their own database and config.
 */
export interface AppServices {
	config: Config
	db: Database
	logger: Logger
	limits: RateLimits
	/** attachment bytes: local disk or S3-compatible (app/storage/) */
	storage: Storage
	/** committed complaint changes for live subscribers, shared through Redis when configured (app/complaints/updates.server.ts) */
	complaintUpdates: ComplaintUpdates
}

export interface RequestContext extends AppServices {
	requestId: string
	/** the client's address (behind a proxy only when TRUST_PROXY is set) */
	clientIp: string
}

declare module '@remix-run/node' {
	interface AppLoadContext extends RequestContext {}
}
