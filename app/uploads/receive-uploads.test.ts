import exifr from 'exifr'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buffer } from 'node:stream/consumers'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { DomainValidationError } from '#app/domain/errors.ts'
import { createLocalDiskStorage } from '#app/storage/local-disk.server.ts'
import { createS3Storage } from '#app/storage/s3.server.ts'
import type { Storage } from '#app/storage/storage.server.ts'
import { startLocalS3 } from '#tests/s3-server.ts'
import { deleteStoredFiles, receiveUploads, type ReceiveUploadsOptions } from './receive-uploads.server.ts'
import {
	jpegWithGpsAndOrientation,
	listFiles,
	listObjects,
	plainImage,
	TINY_HEIC,
	tinyPdf,
	uploadRequest,
} from './test-fixtures.ts'

let storageDir: string
let tmpDir: string
let storage: Storage

beforeEach(async () => {
	storageDir = await mkdtemp(path.join(tmpdir(), 'uploads-storage-'))
	tmpDir = await mkdtemp(path.join(tmpdir(), 'uploads-tmp-'))
	storage = createLocalDiskStorage(storageDir)
})
afterEach(async () => {
	await rm(storageDir, { recursive: true, force: true })
	await rm(tmpDir, { recursive: true, force: true })
})

function receive(request: Request, options: Partial<ReceiveUploadsOptions> = {}) {
	return receiveUploads(request, { storage, tmpDir, ...options })
}

async function read(key: string): Promise<Buffer> {
	const object = await storage.get(key)
	if (!object) throw new Error(`no object ${key}`)
	return buffer(object.stream)
}

/** The rejection, which must be a DomainValidationError. */
async function refusal(promise: Promise<unknown>): Promise<DomainValidationError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e,
	)
	expect(error).toBeInstanceOf(DomainValidationError)
	return error as DomainValidationError
}

async function expectNothingLeft() {
	expect(await listObjects(storageDir)).toEqual([])
	expect(await listFiles(tmpDir)).toEqual([])
}

describe('receiveUploads', () => {
	test('a photo with GPS EXIF is stored without any metadata, upright, with a WebP thumbnail', async () => {
		const original = await jpegWithGpsAndOrientation()
		expect(await exifr.gps(original)).toMatchObject({ latitude: expect.closeTo(31.23, 2) })

		const { files, fields } = await receive(
			uploadRequest([{ name: 'broken lid.jpg', bytes: original }], { intent: 'upload' }),
		)

		expect(fields.get('intent')).toBe('upload')
		expect(files).toHaveLength(1)
		const [file] = files
		expect(file).toMatchObject({
			kind: 'IMAGE',
			originalName: 'broken lid.jpg',
			contentType: 'image/jpeg',
			// orientation 6 means "rotate 90° clockwise": the stored copy is portrait
			width: 200,
			height: 300,
			sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
			storageKey: expect.stringMatching(/^attachments\/\d{4}\/\d{2}\/[a-z2-7]{26}$/),
		})
		const stored = await read(file!.storageKey)
		expect(file!.byteSize).toBe(stored.length)
		expect(await exifr.parse(stored, true)).toBeUndefined()
		expect(await exifr.gps(stored)).toBeUndefined()
		const meta = await sharp(stored).metadata()
		expect(meta).toMatchObject({ format: 'jpeg', width: 200, height: 300 })
		expect(meta.exif).toBeUndefined()
		expect(meta.xmp).toBeUndefined()
		expect(meta.orientation).toBeUndefined()

		const thumbnail = await sharp(await read(file!.thumbnailKey!)).metadata()
		// never enlarged: a small photo's thumbnail is its own size
		expect(thumbnail).toMatchObject({ format: 'webp', width: 200, height: 300 })
		expect(thumbnail.exif).toBeUndefined()
		expect(await listFiles(tmpDir)).toEqual([])
	})

	test('PNG, WebP, PDF and HEIC are accepted; names in any script are kept for display', async () => {
		const { files } = await receive(
			uploadRequest([
				{ name: '划痕.png', bytes: await plainImage('png'), type: 'image/png' },
				{ name: 'side.webp', bytes: await plainImage('webp'), type: 'image/webp' },
				{ name: '发票 invoice.pdf', bytes: tinyPdf(), type: 'application/pdf' },
				{ name: 'IMG_0001.HEIC', bytes: TINY_HEIC, type: 'image/heic' },
			]),
		)
		expect(
			files.map((f) => [f.originalName, f.kind, f.contentType, f.width, f.height, f.thumbnailKey !== null]),
		).toEqual([
			['划痕.png', 'IMAGE', 'image/png', 640, 480, true],
			['side.webp', 'IMAGE', 'image/webp', 640, 480, true],
			['发票 invoice.pdf', 'PDF', 'application/pdf', null, null, false],
			// browsers cannot show HEIC: it is stored as JPEG
			['IMG_0001.HEIC', 'IMAGE', 'image/jpeg', 64, 48, true],
		])
		const pdf = files[2]!
		expect((await read(pdf.storageKey)).equals(tinyPdf())).toBe(true)
		const pdfObject = await storage.get(pdf.storageKey)
		pdfObject!.stream.destroy()
		expect(pdfObject!.contentType).toBe('application/pdf')
		const heic = await sharp(await read(files[3]!.storageKey))
			.raw()
			.toBuffer({ resolveWithObject: true })
		// decoded for real: the red the fixture was made with (HEVC is lossy, so roughly)
		expect(heic.data[0]).toBeGreaterThan(180)
		expect(heic.data[1]).toBeLessThan(70)
		expect(await listFiles(tmpDir)).toEqual([])
	})

	test('a text file named .jpg is refused by name, whatever its declared type', async () => {
		const error = await refusal(
			receive(
				uploadRequest([
					{ name: 'photo.jpg', bytes: Buffer.from('not a photo at all\n'.repeat(100)), type: 'image/jpeg' },
				]),
			),
		)
		expect(error).toMatchObject({
			field: 'photos',
			messageKey: 'validation:fileTypeNotAccepted',
			params: { name: 'photo.jpg' },
		})
		await expectNothingLeft()
	})

	test('a damaged JPEG (right magic bytes, garbage after) is refused as unreadable', async () => {
		const good = await plainImage('jpeg')
		const damaged = Buffer.concat([good.subarray(0, 200), randomBytes(2000)])
		const error = await refusal(receive(uploadRequest([{ name: 'cut.jpg', bytes: damaged }])))
		expect(error).toMatchObject({ messageKey: 'validation:fileUnreadable', params: { name: 'cut.jpg' } })
		await expectNothingLeft()
	})

	test('a 16 MB file is refused by name, and the photos before it are removed again', async () => {
		const error = await refusal(
			receive(
				uploadRequest([
					{ name: 'first.jpg', bytes: await plainImage('jpeg') },
					{ name: 'huge.jpg', bytes: randomBytes(16 * 1024 * 1024) },
				]),
			),
		)
		expect(error).toMatchObject({ messageKey: 'validation:fileTooLarge', params: { name: 'huge.jpg', maxMb: 15 } })
		await expectNothingLeft()
	})

	test('an 11th file is refused, counting the files already attached', async () => {
		const photo = await plainImage('jpeg', 64, 64)
		const error = await refusal(
			receive(
				uploadRequest([
					{ name: 'a.jpg', bytes: photo },
					{ name: 'b.jpg', bytes: photo },
				]),
				{ alreadyStored: 9 },
			),
		)
		expect(error).toMatchObject({ messageKey: 'validation:tooManyFiles', params: { max: 10 } })
		await expectNothingLeft()

		const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `p${i}.jpg`, bytes: photo }))
		expect(await refusal(receive(uploadRequest(eleven)))).toMatchObject({ messageKey: 'validation:tooManyFiles' })
		await expectNothingLeft()

		const ten = await receive(uploadRequest(eleven.slice(0, 10)))
		expect(ten.files.map((f) => f.originalName)).toEqual(eleven.slice(0, 10).map((f) => f.name))
	})

	test('an image over the pixel limit is refused before it is decoded', async () => {
		const error = await refusal(
			receive(uploadRequest([{ name: 'wide.png', bytes: await plainImage('png', 400, 300), type: 'image/png' }]), {
				maxPixels: 100_000,
			}),
		)
		expect(error).toMatchObject({ messageKey: 'validation:imageTooLarge', params: { name: 'wide.png' } })
		await expectNothingLeft()
	})

	test('a file that fails after others were stored takes them all back out', async () => {
		const error = await refusal(
			receive(
				uploadRequest([
					{ name: 'one.jpg', bytes: await plainImage('jpeg') },
					{ name: 'two.png', bytes: await plainImage('png'), type: 'image/png' },
					{ name: 'three.jpg', bytes: Buffer.from('<html>nope</html>') },
				]),
			),
		)
		expect(error.params).toEqual({ name: 'three.jpg' })
		await expectNothingLeft()
	})

	test('empty file inputs and files under other field names are ignored', async () => {
		const { files, fields } = await receive(
			uploadRequest(
				[
					{ name: '', bytes: Buffer.alloc(0), type: 'application/octet-stream' },
					{ name: 'other.jpg', bytes: await plainImage('jpeg'), field: 'avatar' },
				],
				{ description: 'box crushed' },
			),
		)
		expect(files).toEqual([])
		expect(fields.get('description')).toBe('box crushed')
	})

	test('a request that is not multipart is refused as malformed', async () => {
		const request = new Request('http://portal.test/upload', {
			method: 'POST',
			body: 'a=1',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		})
		await expect(receive(request)).rejects.toMatchObject({ name: 'MalformedUploadError' })
	})

	test('a form cut short (no closing boundary) is malformed, and what it had stored is removed', async () => {
		const boundary = 'cut-short'
		const body = Buffer.concat([
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\n\r\n`),
			await plainImage('jpeg'),
			Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="b.jpg"\r\n\r\n`),
			Buffer.alloc(1000, 1),
		])
		const request = new Request('http://portal.test/upload', {
			method: 'POST',
			body,
			headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
		})
		await expect(receive(request)).rejects.toMatchObject({ name: 'MalformedUploadError' })
		await expectNothingLeft()
	})

	test('deleteStoredFiles removes files and their thumbnails', async () => {
		const { files } = await receive(uploadRequest([{ name: 'a.jpg', bytes: await plainImage('jpeg') }]))
		expect(await listObjects(storageDir)).toHaveLength(2)
		await deleteStoredFiles(storage, files)
		await expectNothingLeft()
	})
})

describe('receiveUploads into S3 (s3rver)', () => {
	let s3: Awaited<ReturnType<typeof startLocalS3>>
	beforeAll(async () => {
		s3 = await startLocalS3('uploads-test')
	})
	afterAll(() => s3.close())

	test('stores the cleaned photo and thumbnail, and removes them on failure', async () => {
		const bucket = createS3Storage(s3.config)
		const { files } = await receiveUploads(
			uploadRequest([{ name: 'gps.jpg', bytes: await jpegWithGpsAndOrientation() }]),
			{
				storage: bucket,
				tmpDir,
			},
		)
		const object = await bucket.get(files[0]!.storageKey)
		expect(object!.size).toBe(files[0]!.byteSize)
		expect(object!.contentType).toBe('image/jpeg')
		expect(await exifr.gps(await buffer(object!.stream))).toBeUndefined()
		expect(await bucket.exists(files[0]!.thumbnailKey!)).toBe(true)

		const keys: string[] = []
		const error = await refusal(
			receiveUploads(
				uploadRequest([
					{ name: 'ok.jpg', bytes: await plainImage('jpeg') },
					{ name: 'bad.jpg', bytes: Buffer.from('plain text') },
				]),
				{
					storage: { ...bucket, put: (key, source, options) => (keys.push(key), bucket.put(key, source, options)) },
					tmpDir,
				},
			),
		)
		expect(error.params).toEqual({ name: 'bad.jpg' })
		for (const key of keys) expect(await bucket.exists(key)).toBe(false)
		expect(await listFiles(tmpDir)).toEqual([])
	})
})

test('a large photo gets a 320 px thumbnail', async () => {
	const { files } = await receive(uploadRequest([{ name: 'big.jpg', bytes: await plainImage('jpeg', 2000, 1500) }]))
	const thumbnail = await sharp(await read(files[0]!.thumbnailKey!)).metadata()
	expect(thumbnail).toMatchObject({ format: 'webp', width: 320, height: 240 })
})
