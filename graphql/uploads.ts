import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import type { StoredFile } from '#app/domain/complaints/ports.ts'
import { UPLOAD_LIMITS } from '#app/domain/complaints/schemas.ts'
import { DomainValidationError } from '#app/domain/errors.ts'
import { createI18n } from '#app/i18n/i18n.server.ts'
import { displayName } from '#app/uploads/multipart.server.ts'
import { createUploadBatch, deleteStoredFiles } from '#app/uploads/upload-batch.server.ts'
import type { Context } from './context.ts'
import { MULTIPART_LIMITS, receivedUploadOf } from './plugins/multipart-requests.ts'
import { FILE_ERROR_CODES, type UserErrorShape } from './types/UserError.ts'

/**
 * Files a mutation received as `Upload`s, made into what the domain commands take: each one
 * checked, cleaned and stored exactly as the web's forms do it (app/uploads/: type from the
 * bytes, size and pixel limits, metadata stripped, a thumbnail, random storage keys). A
 * mutation stores its files first, hands the StoredFiles to its command, and discards them
 * when the command refuses, so that no object is left without its attachment row:
 *
 *     const stored = await storeUploads(context, input.files, { field: ['input', 'files'] })
 *     if (!stored.ok) return { complaint: null, userErrors: stored.userErrors }
 *     try { await command({ ...input, files: stored.files }) }
 *     catch (error) { await discardUploads(context, stored.files); … }
 */

export type StoreUploadsResult = { ok: true; files: StoredFile[] } | { ok: false; userErrors: UserErrorShape[] }

const english = createI18n('en')

/**
 * Stores `files`, in order. `alreadyStored` counts files the target has already (they count
 * against the limit of UPLOAD_LIMITS.maxFilesPerComplaint); `field` is the input's path to the
 * list, and each userError points at `[...field, index]` of the file at fault. On any refusal
 * nothing stays stored. A failure that is no user's doing (storage down) is thrown, after
 * what was stored is deleted.
 */
export async function storeUploads(
	context: Context,
	files: readonly File[] | null | undefined,
	options: { alreadyStored?: number; field: readonly (string | number)[] },
): Promise<StoreUploadsResult> {
	if (!files || files.length === 0) return { ok: true, files: [] }
	const { alreadyStored = 0 } = options
	const max = UPLOAD_LIMITS.maxFilesPerComplaint
	const at = (index: number) => [...options.field, index].map(String)

	if (alreadyStored + files.length > max) {
		const message =
			alreadyStored > 0
				? english.t('validation:tooManyFiles', { max })
				: english.t('validation:tooManyFilesAtOnce', { max })
		return { ok: false, userErrors: [{ code: 'TOO_MANY_FILES', field: at(Math.max(0, max - alreadyStored)), message }] }
	}

	// what the request's parser already knows, for every file, before any is decoded
	const refusals: UserErrorShape[] = []
	files.forEach((file, index) => {
		const received = receivedUploadOf(file)
		const name = displayName(file.name)
		if (received?.notRead)
			refusals.push({
				code: 'TOO_MANY_FILES',
				field: at(index),
				message: `"${name}" was not read: a request carries at most ${MULTIPART_LIMITS.files} files.`,
			})
		else if (received?.tooLarge || file.size > UPLOAD_LIMITS.maxFileBytes)
			refusals.push({
				code: 'FILE_TOO_LARGE',
				field: at(index),
				message: english.t('validation:fileTooLarge', {
					name,
					maxMb: Math.round(UPLOAD_LIMITS.maxFileBytes / (1024 * 1024)),
				}),
			})
	})
	if (refusals.length > 0) return { ok: false, userErrors: refusals }

	const { storage, logger } = context.services
	const workDir = await mkdtemp(path.join(tmpdir(), 'graphql-store-'))
	const batch = createUploadBatch({ storage, maxPixels: UPLOAD_LIMITS.maxPixels, logger })
	const failures: Array<{ index: number; error: unknown }> = []
	try {
		const stored = await Promise.all(
			files.map(async (file, index) => {
				try {
					// the parser's temp file when the file came from a multipart request (removed with
					// the request, and maybe mapped to a second variable); else a copy of our own
					const received = receivedUploadOf(file)?.path
					return await batch.process({
						path: received ?? (await copyToDisk(file, path.join(workDir, `${index}.in`))),
						keepSource: received !== undefined && received !== null,
						name: displayName(file.name),
						scratch: {
							cleaned: path.join(workDir, `${index}.out`),
							thumbnail: path.join(workDir, `${index}.thumb`),
						},
					})
				} catch (error) {
					failures.push({ index, error })
					batch.fail(error)
					return null
				}
			}),
		)
		if (failures.length === 0) return { ok: true, files: stored.filter((file) => file !== null) }
		await batch.discard()
		// the files refused for what they are; the others were only stopped because one was
		const refused = failures.filter((f) => f.error instanceof DomainValidationError)
		if (refused.length === 0) throw failures[0]!.error
		return {
			ok: false,
			userErrors: refused
				.sort((a, b) => a.index - b.index)
				.map(({ index, error }) => {
					const { messageKey, params } = error as DomainValidationError
					return {
						code: FILE_ERROR_CODES[messageKey] ?? 'INVALID',
						field: at(index),
						message: english.t(messageKey, params),
					}
				}),
		}
	} finally {
		await rm(workDir, { recursive: true, force: true })
	}
}

/** Deletes stored files that no attachment row will point at (the command refused); never throws. */
export async function discardUploads(context: Context, files: readonly StoredFile[]): Promise<void> {
	await deleteStoredFiles(context.services.storage, files, context.services.logger)
}

/** A File from elsewhere than the multipart parser (already in memory or a Blob), written out for the pipeline. */
async function copyToDisk(file: File, to: string): Promise<string> {
	await pipeline(
		Readable.fromWeb(file.stream() as NodeReadableStream<Uint8Array>),
		createWriteStream(to, { flags: 'wx' }),
	)
	return to
}
