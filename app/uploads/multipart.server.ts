import busboy from 'busboy'
import { createWriteStream } from 'node:fs'
import path from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'

/**
 * Reading a multipart/form-data body as it arrives, shared by the web's upload forms
 * (receive-uploads.server.ts) and GraphQL's multipart requests (graphql/plugins/multipart-requests.ts):
 * each kept file part streams to a file on disk, never to memory, with busboy's limits on each
 * file and text field and a cap on the whole body.
 */

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

/** The body is longer than any valid request could be; it was not read to the end. */
export class UploadBodyTooLargeError extends Error {
	name = 'UploadBodyTooLargeError'
	constructor(public readonly maxBytes: number) {
		super(`the request body is larger than ${maxBytes} bytes`)
	}
}

/** A text field of a form (its value, not its name) may hold this much; 64 KB. */
export const FORM_FIELD_BYTES = 64 * 1024
/** What a file part's headers and boundary add to its bytes, at most, for body caps. */
export const PART_OVERHEAD_BYTES = 64 * 1024

export interface MultipartLimits {
	/** a file part longer than this is cut there and reported as `tooLarge` */
	maxFileBytes: number
	/** file parts handed to `acceptFile` at most; later ones are read and dropped */
	maxFileParts: number
	/** the whole body; past it, reading stops with UploadBodyTooLargeError */
	maxBodyBytes: number
	/** text fields at most; later ones are dropped */
	fields: number
	/** a text field's value past this is cut and reported as truncated */
	fieldBytes: number
}

export interface ReceivedFilePart {
	/** order among the kept file parts, from 0 */
	index: number
	/** the form field (part name) it came under */
	field: string
	/** the sender's file name, fit for display (see displayName) */
	name: string
	/** the Content-Type the sender declared; never trusted, the bytes decide */
	declaredType: string
	/** where its bytes are on disk, once `fileWritten` is called */
	path: string
	/** it was longer than maxFileBytes: `path` holds only its first maxFileBytes */
	tooLarge: boolean
}

export interface MultipartHandlers {
	field?(name: string, value: string, info: { truncated: boolean }): void
	/** whether to keep a file part on disk; one that is not kept is read and dropped */
	acceptFile(field: string, filename: string | undefined): boolean
	/** the moment a kept file goes past maxFileBytes (the rest of it is read and dropped) */
	fileTooLarge?(file: ReceivedFilePart): void
	/** a kept file is complete on disk (or cut: see `tooLarge`); awaited before readMultipart returns */
	fileWritten?(file: ReceivedFilePart): Promise<void> | void
}

/**
 * Reads `request`'s multipart body into `dir` (which the caller made and removes), calling the
 * handlers as parts arrive. Resolves once the body is read and every kept file and
 * `fileWritten` is done. Throws UploadAbortedError when the client disconnects (or the
 * request's signal aborts), UploadBodyTooLargeError past `maxBodyBytes`, MalformedUploadError
 * for a body no client should send, and the first error of a `fileWritten` or a disk write.
 */
export async function readMultipart(
	request: Request,
	dir: string,
	limits: MultipartLimits,
	handlers: MultipartHandlers,
): Promise<void> {
	const contentType = request.headers.get('content-type') ?? ''
	if (!/^multipart\/form-data\s*;/i.test(contentType) || !request.body) {
		throw new MalformedUploadError('expected a multipart/form-data body')
	}
	if (request.signal.aborted) throw new UploadAbortedError()

	let parser: busboy.Busboy
	try {
		parser = busboy({
			headers: { 'content-type': contentType },
			// browsers send file names as raw UTF-8 (中文 names included)
			defParamCharset: 'utf8',
			limits: {
				fileSize: limits.maxFileBytes,
				files: limits.maxFileParts,
				fields: limits.fields,
				fieldSize: limits.fieldBytes,
			},
		})
	} catch (error) {
		throw new MalformedUploadError(String(error))
	}

	// Node's own Request has a web ReadableStream; the Request that @whatwg-node/server makes of
	// an incoming Node request (Yoga behind Express) has its ponyfill, which fromWeb refuses but
	// which is async iterable like the native one.
	const body =
		request.body instanceof ReadableStream
			? Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>)
			: Readable.from(request.body as unknown as AsyncIterable<Uint8Array>, { objectMode: false })
	const onAbort = () => body.destroy(new UploadAbortedError())
	request.signal.addEventListener('abort', onAbort)

	let bodyBytes = 0
	let overLimit = false
	const bodyLimit = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			bodyBytes += chunk.length
			if (bodyBytes > limits.maxBodyBytes) {
				overLimit = true
				callback(new UploadBodyTooLargeError(limits.maxBodyBytes))
			} else callback(null, chunk)
		},
	})

	const work: Array<Promise<void>> = []
	let workError: unknown = null
	let index = 0
	parser.on('field', (name, value, info) => handlers.field?.(name, value, { truncated: info.valueTruncated }))
	parser.on('file', (field, stream, info) => {
		if (!handlers.acceptFile(field, info.filename)) {
			stream.resume()
			return
		}
		const file: ReceivedFilePart = {
			index,
			field,
			name: displayName(info.filename ?? ''),
			declaredType: info.mimeType,
			path: path.join(dir, `${index}.in`),
			tooLarge: false,
		}
		index += 1
		stream.on('limit', () => {
			file.tooLarge = true
			handlers.fileTooLarge?.(file)
		})
		// a rejection is recorded at once, so that none is left unhandled while the body still arrives
		const job = pipeline(stream, createWriteStream(file.path, { flags: 'wx' }))
			.then(() => handlers.fileWritten?.(file))
			.catch((error: unknown) => {
				workError ??= error
			})
		work.push(job)
	})

	try {
		try {
			await pipeline(body, bodyLimit, parser)
		} catch (error) {
			if (overLimit) throw new UploadBodyTooLargeError(limits.maxBodyBytes)
			if (request.signal.aborted || error instanceof UploadAbortedError || isConnectionLoss(error))
				throw new UploadAbortedError()
			throw new MalformedUploadError(String(error))
		}
		// every file part has been announced by now; wait for their writes
		await Promise.all(work)
		if (request.signal.aborted) throw new UploadAbortedError()
		if (workError) throw workError
	} catch (error) {
		await Promise.all(work)
		throw error
	} finally {
		request.signal.removeEventListener('abort', onAbort)
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

/**
 * The name to show: without any path a browser put in, control characters or excess length.
 * Browsers escape `"` in multipart file names as `%22` (WHATWG HTML, "multipart/form-data
 * encoding"); that one is turned back.
 */
export function displayName(filename: string): string {
	const base = filename
		.split(/[\\/]/)
		.pop()!
		.replaceAll('%22', '"')
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f\u007f]|%0[AD]/gi, '')
		.trim()
	return (base || 'file').slice(0, 200)
}
