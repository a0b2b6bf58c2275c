import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { UPLOAD_LIMITS } from '#app/domain/complaints/schemas.ts'
import type { StoredFile } from '#app/domain/complaints/ports.ts'
import { DomainValidationError } from '#app/domain/errors.ts'
import type { Logger } from '#app/logger.server.ts'
import type { Storage } from '#app/storage/storage.server.ts'
import {
	FORM_FIELD_BYTES,
	PART_OVERHEAD_BYTES,
	readMultipart,
	UploadBodyTooLargeError,
	type ReceivedFilePart,
} from './multipart.server.ts'
import { createUploadBatch } from './upload-batch.server.ts'

export { MalformedUploadError, UploadAbortedError } from './multipart.server.ts'
export { deleteStoredFiles } from './upload-batch.server.ts'

export interface ReceiveUploadsOptions {
	storage: Storage
	/** the form field that carries the files; files under other names are read and dropped */
	fieldName?: string
	/** files a complaint may have in all (10) */
	maxFiles?: number
	maxFileBytes?: number
	maxPixels?: number
	/** files the complaint or draft has already: they count against maxFiles */
	alreadyStored?: number
	/** where received files wait while they are checked; the OS's temp directory by default */
	tmpDir?: string
	logger?: Pick<Logger, 'debug' | 'warn'>
	/** called once a file is checked, cleaned and stored (the upload benchmark reads this) */
	onFileProcessed?: (event: { name: string; contentType: string; bytes: number; processingMs: number }) => void
}

export interface ReceivedUploads {
	/** in the order the form sent them */
	files: StoredFile[]
	/** the form's text fields, for the action's schema (parseWithZod takes FormData) */
	fields: FormData
}

const TEXT_FIELDS = 100

/**
 * Reads a multipart/form-data request as it arrives: each file streams to a temp file (never
 * to memory), is checked against the size and count limits, has its real type detected from
 * its bytes, is cleaned (see process-file.server.ts) and stored under a random key, while the
 * files after it are still arriving.
 *
 * Throws DomainValidationError('photos', 'validation:…', { name, maxMb, max }) for the first
 * file that breaks a rule, UploadAbortedError when the client disconnects, and
 * MalformedUploadError for a request no browser would send. Whatever the outcome, the temp
 * files are gone when it returns, and on any failure so is every object it stored: the caller
 * only has to delete the returned files itself (`deleteStoredFiles`) when its own database
 * write fails afterwards.
 */
export async function receiveUploads(request: Request, options: ReceiveUploadsOptions): Promise<ReceivedUploads> {
	const {
		storage,
		fieldName = 'photos',
		maxFiles = UPLOAD_LIMITS.maxFilesPerComplaint,
		maxFileBytes = UPLOAD_LIMITS.maxFileBytes,
		maxPixels = UPLOAD_LIMITS.maxPixels,
		alreadyStored = 0,
		logger,
	} = options
	const batch = createUploadBatch({
		storage,
		maxPixels,
		logger,
		onFileProcessed: options.onFileProcessed,
		stillWanted: () => !request.signal.aborted,
	})
	const results: StoredFile[] = []
	const fields = new FormData()
	let fileCount = 0
	const tooManyFiles = () => new DomainValidationError('photos', 'validation:tooManyFiles', { max: maxFiles })

	const workDir = await mkdtemp(path.join(options.tmpDir ?? tmpdir(), 'upload-'))
	try {
		await readMultipart(
			request,
			workDir,
			{
				maxFileBytes,
				maxFileParts: maxFiles + 1,
				// Once a rule is broken the rest of the body is still read (and dropped) so that the
				// browser gets the answer, but only up to what a valid request could carry.
				maxBodyBytes: maxFiles * (maxFileBytes + PART_OVERHEAD_BYTES) + TEXT_FIELDS * FORM_FIELD_BYTES,
				fields: TEXT_FIELDS,
				fieldBytes: FORM_FIELD_BYTES,
			},
			{
				field(name, value, { truncated }) {
					if (!batch.failure && !truncated) fields.append(name, value)
				},
				acceptFile(name, filename) {
					// an <input type=file> left empty still sends a part, without a file name
					if (batch.failure || name !== fieldName || !filename) return false
					fileCount += 1
					if (alreadyStored + fileCount > maxFiles) {
						batch.fail(tooManyFiles())
						return false
					}
					return true
				},
				fileTooLarge(file) {
					batch.fail(
						new DomainValidationError('photos', 'validation:fileTooLarge', {
							name: file.name,
							maxMb: Math.round(maxFileBytes / (1024 * 1024)),
						}),
					)
				},
				async fileWritten(file: ReceivedFilePart) {
					if (batch.failure || file.tooLarge) return
					try {
						const stored = await batch.process({
							path: file.path,
							name: file.name,
							scratch: {
								cleaned: path.join(workDir, `${file.index}.out`),
								thumbnail: path.join(workDir, `${file.index}.thumb`),
							},
						})
						if (stored) results[file.index] = stored
					} catch (error) {
						batch.fail(error)
					}
				},
			},
		)
		if (batch.failure) throw batch.failure
		return { files: results.filter(Boolean), fields }
	} catch (error) {
		batch.fail(error instanceof UploadBodyTooLargeError ? tooManyFiles() : error)
		await batch.discard()
		const failure = batch.failure
		if (typeof failure === 'object' && failure !== null) fieldsReceivedBefore.set(failure, fields)
		throw failure
	} finally {
		await rm(workDir, { recursive: true, force: true })
	}
}

const fieldsReceivedBefore = new WeakMap<object, FormData>()

/**
 * The text fields that arrived before an upload was refused (a form sends them ahead of its
 * files), so that the page can show the customer's text again next to the file's error.
 */
export function fieldsBeforeFailure(error: unknown): FormData | null {
	return typeof error === 'object' && error !== null ? (fieldsReceivedBefore.get(error) ?? null) : null
}
