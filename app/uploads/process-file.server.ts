import { fileTypeFromFile } from 'file-type'
import heicDecode from 'heic-decode'
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, readFile, stat } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import sharp, { type OutputInfo, type Sharp } from 'sharp'
import type { StoredFile } from '#app/domain/complaints/ports.ts'
import { DomainValidationError } from '#app/domain/errors.ts'
import { newStorageKey, type Storage } from '#app/storage/storage.server.ts'
import { createWorkQueue } from './work-queue.server.ts'

// libvips' operation cache keeps recent images around for reuse; an upload server never
// reuses one, and the cache would show up as memory that never comes back.
sharp.cache(false)

/**
 * Images decoded at once, across every request of the process (see work-queue.server.ts): one
 * core is left to HTTP and the database, at most four images are in memory. On the 2-core
 * machines here that is one at a time, which bench/upload-memory.ts found both leaner and, per
 * photo, faster than two (docs/decisions/007-uploads-and-storage.md).
 */
const imageQueue = createWorkQueue(Math.min(4, Math.max(1, availableParallelism() - 1)))

export const THUMBNAIL_SIZE = 320
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'])

export interface ProcessFileOptions {
	storage: Storage
	/** the file as received, on local disk; not changed */
	path: string
	/** as the customer named it, for messages and display */
	name: string
	/** scratch paths for the cleaned copy and the thumbnail (the caller removes them) */
	scratch: { cleaned: string; thumbnail: string }
	maxPixels: number
	/** called with each key before anything is written under it, so that a caller can clean up */
	willStore: (key: string) => void
	/** false once the request has failed: queued work then does nothing */
	stillWanted: () => boolean
}

export interface ProcessedFile extends StoredFile {
	/** time spent checking, cleaning and thumbnailing, without waiting in the queue */
	processingMs: number
}

/**
 * Checks what a received file really is from its bytes and stores a clean copy:
 * - JPEG, PNG, WebP: orientation applied, every piece of metadata (EXIF, GPS, XMP, IPTC)
 *   dropped, re-encoded in the same format, plus a WebP thumbnail;
 * - HEIC/HEIF: decoded (HEVC-coded by libheif compiled to WebAssembly, AVIF-coded by sharp),
 *   stored as JPEG since most browsers cannot show HEIC, plus a thumbnail;
 * - PDF: checked and stored as received, no thumbnail.
 * Anything else is refused with a message naming the file.
 */
export async function processUploadedFile(options: ProcessFileOptions): Promise<ProcessedFile | null> {
	const { path, name } = options
	const detected = await fileTypeFromFile(path).catch(() => undefined)
	const mime = detected?.mime as string | undefined
	if (mime === 'application/pdf') return storePdf(options)
	if (!mime || !IMAGE_TYPES.has(mime)) {
		throw new DomainValidationError('photos', 'validation:fileTypeNotAccepted', { name })
	}
	return imageQueue.run(async () => {
		if (!options.stillWanted()) return null
		const started = performance.now()
		const file = await cleanImage(options, mime)
		return { ...file, processingMs: performance.now() - started }
	})
}

async function cleanImage(options: ProcessFileOptions, mime: string): Promise<StoredFile> {
	const { path, name, scratch, maxPixels } = options
	const unreadable = () => new DomainValidationError('photos', 'validation:fileUnreadable', { name })
	const tooLarge = () =>
		new DomainValidationError('photos', 'validation:imageTooLarge', { name, max: Math.round(maxPixels / 1e6) })

	// The header alone: refuses a decompression bomb before a single pixel is decoded.
	const meta = await sharp(path)
		.metadata()
		.catch(() => null)
	if (!meta?.width || !meta.height) throw unreadable()
	if (meta.width * meta.height > maxPixels) throw tooLarge()

	let input: Sharp
	let contentType = mime
	// Prebuilt sharp has no HEVC decoder (patents), so HEIC photos go through libheif compiled
	// to WebAssembly; AVIF-coded HEIF stays with sharp.
	if (meta.format === 'heif' && meta.compression === 'hevc') {
		input = await decodeHeic(path, maxPixels, unreadable, tooLarge)
		contentType = 'image/jpeg'
	} else {
		input = sharp(path, { limitInputPixels: maxPixels, failOn: 'error' }).autoOrient()
		if (mime === 'image/heic' || mime === 'image/heif') contentType = 'image/jpeg'
	}

	// sharp writes no metadata unless asked (withMetadata/keepExif): the output has none.
	const encoder =
		contentType === 'image/png'
			? input.png()
			: contentType === 'image/webp'
				? input.webp({ quality: 85 })
				: // one-pass Huffman coding: optimised coding holds the whole image's coefficients in
					// memory (~30 MB more per 10-megapixel photo) and takes ~40 % longer, for ~5 % fewer bytes
					input.jpeg({ quality: 85, optimiseCoding: false })
	let cleaned: OutputInfo
	try {
		cleaned = await encoder.toFile(scratch.cleaned)
	} catch (error) {
		if (/pixel limit/i.test(String(error))) throw tooLarge()
		throw unreadable()
	}
	await sharp(scratch.cleaned)
		.resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
		.webp({ quality: 75 })
		.toFile(scratch.thumbnail)

	if (!options.stillWanted()) throw new Error('upload abandoned')
	const storageKey = newStorageKey()
	const thumbnailKey = `${storageKey}-thumb`
	const sha256 = await hashFile(scratch.cleaned)
	options.willStore(storageKey)
	options.willStore(thumbnailKey)
	await Promise.all([
		options.storage.put(storageKey, scratch.cleaned, { contentType }),
		options.storage.put(thumbnailKey, scratch.thumbnail, { contentType: 'image/webp' }),
	])
	return {
		kind: 'IMAGE',
		originalName: name,
		contentType,
		byteSize: cleaned.size,
		width: cleaned.width,
		height: cleaned.height,
		sha256,
		storageKey,
		thumbnailKey,
	}
}

async function decodeHeic(
	path: string,
	maxPixels: number,
	unreadable: () => Error,
	tooLarge: () => Error,
): Promise<Sharp> {
	try {
		const [primary] = await heicDecode.all({ buffer: await readFile(path) })
		if (!primary) throw unreadable()
		if (primary.width * primary.height > maxPixels) throw tooLarge()
		const { width, height, data } = await primary.decode()
		return sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
			raw: { width, height, channels: 4 },
		})
	} catch (error) {
		if (error instanceof DomainValidationError) throw error
		throw unreadable()
	}
}

async function storePdf(options: ProcessFileOptions): Promise<ProcessedFile> {
	const started = performance.now()
	const { path, name } = options
	if (!(await looksLikePdf(path))) throw new DomainValidationError('photos', 'validation:fileUnreadable', { name })
	const { size } = await stat(path)
	const sha256 = await hashFile(path)
	if (!options.stillWanted()) throw new Error('upload abandoned')
	const storageKey = newStorageKey()
	options.willStore(storageKey)
	await options.storage.put(storageKey, path, { contentType: 'application/pdf' })
	return {
		kind: 'PDF',
		originalName: name,
		contentType: 'application/pdf',
		byteSize: size,
		width: null,
		height: null,
		sha256,
		storageKey,
		thumbnailKey: null,
		processingMs: performance.now() - started,
	}
}

/** A PDF starts with `%PDF-` and ends with `%%EOF` (give or take trailing whitespace). */
async function looksLikePdf(path: string): Promise<boolean> {
	const handle = await open(path, 'r')
	try {
		const { size } = await handle.stat()
		const head = Buffer.alloc(8)
		await handle.read(head, 0, 8, 0)
		const tailLength = Math.min(size, 1024)
		const tail = Buffer.alloc(tailLength)
		await handle.read(tail, 0, tailLength, size - tailLength)
		return /^%PDF-\d\.\d/.test(head.toString('latin1')) && tail.includes('%%EOF')
	} finally {
		await handle.close()
	}
}

function hashFile(path: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const hash = createHash('sha256')
		createReadStream(path)
			.on('error', reject)
			.on('data', (chunk) => hash.update(chunk))
			.on('end', () => resolve(hash.digest('hex')))
	})
}
