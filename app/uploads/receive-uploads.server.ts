import busboy from 'busboy'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { UPLOAD_LIMITS } from '#app/domain/complaints/schemas.ts'
import type { StoredFile } from '#app/domain/complaints/ports.ts'
import { DomainValidationError } from '#app/domain/errors.ts'
import type { Logger } from '#app/logger.server.ts'
import type { Storage } from '#app/storage/storage.server.ts'
import { processUploadedFile } from './process-file.server.ts'

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

/** The client went away before the whole request arrived; everything received was removed. */
export class UploadAbortedError extends Error {
	name = 'UploadAbortedError'
	constructor() {
		super('the client aborted the upload')
	}
}

/** The request is not multipart/form-data or is malformed: a client bug, not a user error. */
export class MalformedUploadError extends Error {
	name = 'MalformedUploadError'
}

const TEXT_FIELD_BYTES = 64 * 1024
const TEXT_FIELDS = 100

/**
 * Reads a multipart/form-data request as it arrives: each file streams to a temp file (never
 * to memory), is checked against the size and count limits, has its real type detected from
 * its bytes, is cleaned (see process-file.server.ts) and stored under a random key.
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
	const contentType = request.headers.get('content-type') ?? ''
	if (!/^multipart\/form-data\s*;/i.test(contentType) || !request.body) {
		throw new MalformedUploadError('expected a multipart/form-data body')
	}
	if (request.signal.aborted) throw new UploadAbortedError()

	const workDir = await mkdtemp(path.join(options.tmpDir ?? tmpdir(), 'upload-'))
	const storedKeys: string[] = []
	const results: StoredFile[] = []
	const work: Array<Promise<void>> = []
	const fields = new FormData()
	let failure: unknown = null
	let fileCount = 0

	const fail = (error: unknown) => {
		failure ??= error
	}
	const body = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>)
	const onAbort = () => {
		fail(new UploadAbortedError())
		body.destroy(new UploadAbortedError())
	}
	request.signal.addEventListener('abort', onAbort)

	// Once a rule is broken the rest of the body is still read (and dropped) so that the browser
	// gets the answer, but only up to what a valid request could carry.
	const maxBodyBytes = maxFiles * (maxFileBytes + 64 * 1024) + TEXT_FIELDS * TEXT_FIELD_BYTES
	let bodyBytes = 0
	const bodyLimit = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			bodyBytes += chunk.length
			if (bodyBytes > maxBodyBytes) {
				fail(new DomainValidationError('photos', 'validation:tooManyFiles', { max: maxFiles }))
				callback(new MalformedUploadError('request body too large'))
			} else callback(null, chunk)
		},
	})

	let parser: busboy.Busboy
	try {
		parser = busboy({
			headers: { 'content-type': contentType },
			// browsers send file names as raw UTF-8 (中文 names included)
			defParamCharset: 'utf8',
			limits: {
				fileSize: maxFileBytes,
				files: maxFiles + 1,
				fields: TEXT_FIELDS,
				fieldSize: TEXT_FIELD_BYTES,
			},
		})
	} catch (error) {
		request.signal.removeEventListener('abort', onAbort)
		await rm(workDir, { recursive: true, force: true })
		throw new MalformedUploadError(String(error))
	}

	parser.on('field', (name, value, info) => {
		if (!failure && !info.valueTruncated) fields.append(name, value)
	})
	parser.on('file', (name, stream, info) => {
		// an <input type=file> left empty still sends a part, without a file name
		if (failure || name !== fieldName || !info.filename) {
			stream.resume()
			return
		}
		const index = fileCount++
		const fileName = displayName(info.filename)
		if (alreadyStored + fileCount > maxFiles) {
			fail(new DomainValidationError('photos', 'validation:tooManyFiles', { max: maxFiles }))
			stream.resume()
			return
		}
		const received = path.join(workDir, `${index}.in`)
		const scratch = { cleaned: path.join(workDir, `${index}.out`), thumbnail: path.join(workDir, `${index}.thumb`) }
		let truncated = false
		stream.on('limit', () => {
			truncated = true
			fail(
				new DomainValidationError('photos', 'validation:fileTooLarge', {
					name: fileName,
					maxMb: Math.round(maxFileBytes / (1024 * 1024)),
				}),
			)
		})
		const job = pipeline(stream, createWriteStream(received, { flags: 'wx' }))
			.then(async () => {
				if (failure || truncated) return
				const file = await processUploadedFile({
					storage,
					path: received,
					name: fileName,
					scratch,
					maxPixels,
					willStore: (key) => storedKeys.push(key),
					stillWanted: () => !failure,
				})
				if (!file) return
				const { processingMs, ...stored } = file
				results[index] = stored
				logger?.debug({ contentType: file.contentType, bytes: file.byteSize, processingMs }, 'upload processed')
				options.onFileProcessed?.({
					name: fileName,
					contentType: file.contentType,
					bytes: file.byteSize,
					processingMs,
				})
				// the file is on its way to storage: its temp copies are no longer needed
				await Promise.all([received, scratch.cleaned, scratch.thumbnail].map((p) => rm(p, { force: true })))
			})
			.catch(fail)
		work.push(job)
	})

	try {
		try {
			await pipeline(body, bodyLimit, parser)
		} catch (error) {
			fail(
				request.signal.aborted || isConnectionLoss(error)
					? new UploadAbortedError()
					: new MalformedUploadError(String(error)),
			)
		}
		// every file part has been announced by now; wait for their writes and checks
		await Promise.all(work)
		if (!failure && request.signal.aborted) fail(new UploadAbortedError())
		if (failure) throw failure
		return { files: results.filter(Boolean), fields }
	} catch (error) {
		fail(error)
		await Promise.allSettled(work)
		await deleteStoredFiles(storage, storedKeys, logger)
		if (typeof failure === 'object' && failure !== null) fieldsReceivedBefore.set(failure, fields)
		throw failure
	} finally {
		request.signal.removeEventListener('abort', onAbort)
		await rm(workDir, { recursive: true, force: true })
	}
}

/**
 * The connection closed before the body was complete. Node fails the request stream with
 * `aborted` (ECONNRESET) a moment before Remix's adapter fires the request's abort signal.
 */
function isConnectionLoss(error: unknown): boolean {
	let e = error as { code?: string; message?: string; cause?: unknown } | undefined
	for (let depth = 0; e && depth < 5; depth++, e = e.cause as typeof e) {
		if (e.code === 'ECONNRESET' || e.code === 'EPIPE' || e.message === 'aborted') return true
	}
	return false
}

const fieldsReceivedBefore = new WeakMap<object, FormData>()

/**
 * The text fields that arrived before an upload was refused (a form sends them ahead of its
 * files), so that the page can show the customer's text again next to the file's error.
 */
export function fieldsBeforeFailure(error: unknown): FormData | null {
	return typeof error === 'object' && error !== null ? (fieldsReceivedBefore.get(error) ?? null) : null
}

/**
 * Deletes what receiveUploads stored, for a caller whose database write failed afterwards.
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

/**
 * The name to show: without any path a browser put in, control characters or excess length.
 * Browsers escape `"` in multipart file names as `%22` (WHATWG HTML, "multipart/form-data
 * encoding"); that one is turned back.
 */
function displayName(filename: string): string {
	const base = filename
		.split(/[\\/]/)
		.pop()!
		.replaceAll('%22', '"')
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f\u007f]|%0[AD]/gi, '')
		.trim()
	return (base || 'file').slice(0, 200)
}
