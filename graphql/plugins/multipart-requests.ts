import { openAsBlob } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { GraphQLError } from 'graphql'
import type { GraphQLParams, Plugin } from 'graphql-yoga'
import { UPLOAD_LIMITS } from '#app/domain/complaints/schemas.ts'
import {
	FORM_FIELD_BYTES,
	MalformedUploadError,
	PART_OVERHEAD_BYTES,
	readMultipart,
	UploadAbortedError,
	UploadBodyTooLargeError,
} from '#app/uploads/multipart.server.ts'

/**
 * Request bodies: GraphQL multipart requests (file uploads, the GraphQL multipart request spec)
 * read as the web's upload forms read theirs, and a cap on every other body.
 *
 * Yoga's own multipart parser calls `request.formData()`, which on Node (@whatwg-node/node-fetch's
 * Body.formData) collects each file's chunks in memory, and turns a file over `formDataLimits`'s
 * `fileSize` into a 413 for the whole request. This one streams each file to a temp file
 * (app/uploads/multipart.server.ts, the web's reader) and hands resolvers `File` objects backed
 * by those files (`fs.openAsBlob`), so that memory does not grow with file size; a file over the
 * size limit arrives cut and marked, and `storeUploads` (graphql/uploads.ts) answers it with a
 * userError pointing at it, as the web form names the file. The temp files are removed once the
 * response is ready. Yoga's `maxRequestBodySize` is off (it would apply the upload cap to JSON
 * bodies too, which are read into memory whole); JSON_BODY_MAX_BYTES takes its place.
 */

export const MULTIPART_LIMITS = {
	/** files read per request; a part beyond them is read and dropped, and marked `notRead` */
	files: UPLOAD_LIMITS.maxFilesPerComplaint,
	fileBytes: UPLOAD_LIMITS.maxFileBytes,
	/** `operations` and `map`, as a text field of the web's forms */
	fieldBytes: FORM_FIELD_BYTES,
	/**
	 * The whole body: every file at its largest, and one file more, so that a client that sends
	 * one file too many is told which (TOO_MANY_FILES) rather than refused whole.
	 */
	bodyBytes:
		(UPLOAD_LIMITS.maxFilesPerComplaint + 1) * (UPLOAD_LIMITS.maxFileBytes + PART_OVERHEAD_BYTES) +
		4 * FORM_FIELD_BYTES,
} as const

/** Any other body (JSON, a GraphQL string): Yoga's default `maxRequestBodySize`, unchanged. */
export const JSON_BODY_MAX_BYTES = 25_000_000

/** What the multipart parser knows of a file it put into the variables. */
export interface ReceivedUpload {
	/** the bytes on disk (the `File` reads them too); null for a part that was not read */
	path: string | null
	/** longer than the limit: only its first `MULTIPART_LIMITS.fileBytes` were kept */
	tooLarge: boolean
	/** a part beyond `MULTIPART_LIMITS.files`: read and dropped, the `File` is empty */
	notRead: boolean
}

const receivedUploads = new WeakMap<Blob, ReceivedUpload>()

/** The parser's note on a file from a multipart request; null for a File from anywhere else. */
export function receivedUploadOf(file: Blob): ReceivedUpload | null {
	return receivedUploads.get(file) ?? null
}

export function useRequestBodies(options: { tmpDir?: string } = {}): Plugin {
	const tempDirs = new WeakMap<Request, string>()
	return {
		onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
			if (request.method !== 'POST' || !request.body) return
			const multipart = /^multipart\/form-data\s*;/i.test(request.headers.get('content-type') ?? '')
			const max = multipart ? MULTIPART_LIMITS.bodyBytes : JSON_BODY_MAX_BYTES
			const declared = request.headers.get('content-length')
			if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > max)) throw bodyTooLarge(max)
			if (multipart) {
				setRequestParser(async (req) => {
					const dir = await mkdtemp(path.join(options.tmpDir ?? tmpdir(), 'graphql-upload-'))
					tempDirs.set(request, dir)
					try {
						return await parseMultipartRequest(req, dir)
					} catch (error) {
						await rm(dir, { recursive: true, force: true })
						throw error
					}
				})
			} else if (requestParser) {
				setRequestParser((req) => requestParser(limitBody(req, max, fetchAPI)))
			}
		},
		// The resolvers are done with the files once the response exists (no @defer or @stream
		// here), whether they stored them or not.
		async onResponse({ request }) {
			const dir = tempDirs.get(request)
			if (dir) {
				tempDirs.delete(request)
				await rm(dir, { recursive: true, force: true })
			}
		},
	}
}

/**
 * The GraphQL multipart request spec: `operations` (the request as JSON), then `map` (which file
 * part goes to which paths, such as `variables.input.files.0`), then the file parts.
 */
async function parseMultipartRequest(request: Request, dir: string): Promise<GraphQLParams> {
	let operations: unknown
	let map: Record<string, string[]> | null = null
	let problem: GraphQLError | null = null
	const seen = new Set<string>()
	const files = new Map<string, File>()
	let kept = 0
	const refuse = (error: GraphQLError) => {
		problem ??= error
	}
	try {
		await readMultipart(
			request,
			dir,
			{
				maxFileBytes: MULTIPART_LIMITS.fileBytes,
				// parts past this one are skipped by the parser and count as missing
				maxFileParts: 5 * MULTIPART_LIMITS.files,
				maxBodyBytes: MULTIPART_LIMITS.bodyBytes,
				fields: 10,
				fieldBytes: MULTIPART_LIMITS.fieldBytes,
			},
			{
				field(name, value, { truncated }) {
					if (name !== 'operations' && name !== 'map') return
					if (truncated)
						return refuse(
							bodyTooLargeError(`The "${name}" part is larger than ${MULTIPART_LIMITS.fieldBytes / 1024} KB.`),
						)
					if (name === 'operations') {
						operations = parseJson(value, 'operations', refuse)
					} else {
						const parsed = parseJson(value, 'map', refuse)
						if (parsed !== undefined && !isMap(parsed))
							return refuse(badRequest('The "map" part must be a JSON object of arrays of paths.'))
						map = (parsed as Record<string, string[]> | undefined) ?? null
					}
				},
				acceptFile(field, filename) {
					if (problem) return false
					if (!map || operations === undefined) {
						refuse(badRequest('The "operations" and "map" parts must come before the files.'))
						return false
					}
					if (!Object.hasOwn(map, field) || seen.has(field)) return false
					seen.add(field)
					if (kept >= MULTIPART_LIMITS.files) {
						const dropped = new File([], filename ?? 'file')
						receivedUploads.set(dropped, { path: null, tooLarge: false, notRead: true })
						files.set(field, dropped)
						return false
					}
					kept += 1
					return true
				},
				async fileWritten(part) {
					// backed by the file on disk: its bytes are read when a resolver reads them
					const blob = await openAsBlob(part.path, { type: part.declaredType })
					const file = new File([blob], part.name, { type: part.declaredType })
					receivedUploads.set(file, { path: part.path, tooLarge: part.tooLarge, notRead: false })
					files.set(part.field, file)
				},
			},
		)
	} catch (error) {
		if (error instanceof UploadBodyTooLargeError) throw bodyTooLarge(MULTIPART_LIMITS.bodyBytes)
		if (error instanceof UploadAbortedError) throw badRequest('The client aborted the request.')
		if (error instanceof MalformedUploadError) throw badRequest('The multipart body is malformed.')
		throw error
	}
	if (problem) throw problem
	if (operations === undefined) throw badRequest('The multipart request has no "operations" part.')
	// assigned in the handlers above, which TypeScript does not follow
	const received = map as Record<string, string[]> | null
	for (const [field, paths] of Object.entries(received ?? {})) {
		const file = files.get(field) ?? null
		for (const at of paths) setPath(operations, at, file)
	}
	return operations as GraphQLParams
}

function parseJson(value: string, name: string, refuse: (error: GraphQLError) => void): unknown {
	try {
		return JSON.parse(value) as unknown
	} catch {
		refuse(badRequest(`The "${name}" part is not valid JSON.`))
		return undefined
	}
}

function isMap(value: unknown): value is Record<string, string[]> {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		Object.values(value).every((paths) => Array.isArray(paths) && paths.every((p) => typeof p === 'string'))
	)
}

/** Puts `value` at a dotted path such as `variables.input.files.0`; never on a prototype. */
function setPath(target: unknown, at: string, value: unknown) {
	const keys = at.split('.')
	let current = target as Record<string, unknown>
	for (const [i, key] of keys.entries()) {
		if (key === '__proto__' || key === 'constructor' || key === 'prototype') return
		if (typeof current !== 'object' || current === null) return
		if (i === keys.length - 1) {
			current[key] = value
			return
		}
		if (!Object.hasOwn(current, key) || typeof current[key] !== 'object' || current[key] === null) current[key] = {}
		current = current[key] as Record<string, unknown>
	}
}

/** Yoga's own cap, for bodies other than multipart: counted as they are read. */
function limitBody(
	request: Request,
	max: number,
	fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream },
): Request {
	if (!request.body) return request
	// as Yoga's own limiter does: a native body needs Node's TransformStream, a ponyfill body the ponyfill's
	const Transform = request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream
	let bytes = 0
	const counted = request.body.pipeThrough(
		new Transform<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				bytes += chunk.byteLength
				if (bytes > max) controller.error(bodyTooLarge(max))
				else controller.enqueue(chunk)
			},
		}),
	)
	return new fetchAPI.Request(request.url, {
		method: request.method,
		headers: request.headers,
		signal: request.signal,
		body: counted,
		// Node's fetch needs it for a stream body
		duplex: 'half',
	} as RequestInit)
}

function bodyTooLarge(max: number): GraphQLError {
	return bodyTooLargeError(`The request body is larger than ${max} bytes.`)
}

function bodyTooLargeError(message: string): GraphQLError {
	return new GraphQLError(message, { extensions: { code: 'REQUEST_ENTITY_TOO_LARGE', http: { status: 413 } } })
}

function badRequest(message: string): GraphQLError {
	return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } })
}
