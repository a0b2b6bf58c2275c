import { rm } from 'node:fs/promises'
import type { StoredFile } from '#app/domain/complaints/ports.ts'
import type { Logger } from '#app/logger.server.ts'
import type { Storage } from '#app/storage/storage.server.ts'
import { processUploadedFile } from './process-file.server.ts'

export interface UploadBatchOptions {
	storage: Storage
	maxPixels: number
	logger?: Pick<Logger, 'debug' | 'warn'>
	/** called once a file is checked, cleaned and stored (the upload benchmark reads this) */
	onFileProcessed?: (event: { name: string; contentType: string; bytes: number; processingMs: number }) => void
}

/**
 * The files of one upload (a form post, a GraphQL mutation's `files`), checked, cleaned and
 * stored one by one (process-file.server.ts) and kept track of as a whole: once any of them
 * fails, files still waiting for the image queue are skipped, and `discard` deletes every
 * object the batch wrote, including those written after the failure.
 */
export interface UploadBatch {
	/** checks and stores one received file; null when the batch failed before its turn came */
	process(file: {
		/** the file as received, on local disk; removed once it is stored unless `keepSource` */
		path: string
		/** the file is someone else's to remove (a GraphQL request's, which may store it twice) */
		keepSource?: boolean
		name: string
		scratch: { cleaned: string; thumbnail: string }
	}): Promise<StoredFile | null>
	/** the batch has failed (the first reason is kept); work not yet started is skipped */
	fail(error: unknown): void
	readonly failure: unknown
	/** deletes everything stored so far; never throws */
	discard(): Promise<void>
}

export function createUploadBatch(options: UploadBatchOptions & { stillWanted?: () => boolean }): UploadBatch {
	const { storage, maxPixels, logger } = options
	const storedKeys: string[] = []
	let failure: unknown = null
	const stillWanted = () => failure === null && (options.stillWanted?.() ?? true)
	return {
		get failure() {
			return failure
		},
		fail(error) {
			failure ??= error
		},
		async process({ path, name, scratch, keepSource = false }) {
			const file = await processUploadedFile({
				storage,
				path,
				name,
				scratch,
				maxPixels,
				willStore: (key) => storedKeys.push(key),
				stillWanted,
			})
			if (!file) return null
			const { processingMs, ...stored } = file
			logger?.debug({ contentType: file.contentType, bytes: file.byteSize, processingMs }, 'upload processed')
			options.onFileProcessed?.({ name, contentType: file.contentType, bytes: file.byteSize, processingMs })
			// the file is stored: its temp copies are no longer needed
			const temporary = keepSource ? [scratch.cleaned, scratch.thumbnail] : [path, scratch.cleaned, scratch.thumbnail]
			await Promise.all(temporary.map((p) => rm(p, { force: true })))
			return stored
		},
		discard: () => deleteStoredFiles(storage, storedKeys, logger),
	}
}

/**
 * Deletes stored uploads, for a caller whose database write failed afterwards.
 * Takes StoredFiles or bare keys; never throws (a leftover object is logged, not fatal).
 */
export async function deleteStoredFiles(
	storage: Storage,
	files: ReadonlyArray<Pick<StoredFile, 'storageKey' | 'thumbnailKey'> | string>,
	logger?: Pick<Logger, 'warn'>,
): Promise<void> {
	const keys = files.flatMap((f) =>
		typeof f === 'string' ? [f] : f.thumbnailKey ? [f.storageKey, f.thumbnailKey] : [f.storageKey],
	)
	if (keys.length === 0) return
	try {
		await storage.delete(keys)
	} catch (error) {
		logger?.warn({ err: error, keys }, 'could not delete stored uploads')
	}
}
