import type { Logger } from 'pino'
import type { Database } from '#app/db/database.server.ts'
import { DRAFT_RETENTION_DAYS, purgeAbandonedDrafts } from '#app/domain/complaints/drafts.ts'
import type { Storage } from '#app/storage/storage.server.ts'
import { deleteStoredFiles } from '#app/uploads/receive-uploads.server.ts'
import { startPeriodicJob, type PeriodicJob } from '#app/server/periodic-job.server.ts'

const DAY_MS = 24 * 60 * 60 * 1000
const HOUR_MS = 60 * 60 * 1000

/**
 * Drafts that were started and never filed keep their photos in storage; after
 * DRAFT_RETENTION_DAYS untouched, this deletes the draft, its rows and its files. Rows go first,
 * in a transaction; files after, so a crash in between leaves at worst unreferenced files, never
 * rows pointing at missing ones.
 */
export async function removeAbandonedDrafts({
	db,
	storage,
	logger,
	now = new Date(),
	batch = 50,
}: {
	db: Database
	storage: Storage
	logger: Pick<Logger, 'info' | 'warn' | 'error'>
	now?: Date
	batch?: number
}) {
	const cutoff = new Date(now.getTime() - DRAFT_RETENTION_DAYS * DAY_MS)
	const result = await purgeAbandonedDrafts({ db: db.prisma }, cutoff, batch)
	if (result.storageKeys.length) await deleteStoredFiles(storage, result.storageKeys, logger)
	if (result.drafts)
		logger.info({ drafts: result.drafts, files: result.storageKeys.length }, 'abandoned drafts removed')
	return result
}

/** Runs the cleanup now and then every hour; several instances may run it at once. */
export function startDraftCleanupJob(
	services: { db: Database; storage: Storage; logger: Pick<Logger, 'info' | 'warn' | 'error'> },
	{ intervalMs = HOUR_MS }: { intervalMs?: number } = {},
): PeriodicJob {
	return startPeriodicJob({
		intervalMs,
		pass: async () => {
			await removeAbandonedDrafts(services)
		},
		logger: services.logger,
		failureMessage: 'abandoned draft cleanup failed',
	})
}
