import { readdir } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'

/** Test files made on the fly, so that no binary fixture lives in git. */

/** A 300×200 JPEG taken "in Shanghai" with a camera that says to rotate it 90° clockwise. */
export function jpegWithGpsAndOrientation(): Promise<Buffer> {
	return sharp({ create: { width: 300, height: 200, channels: 3, background: '#c33' } })
		.jpeg()
		.withExif({
			IFD0: { Make: 'TestCam', Model: 'X1', Copyright: 'Jane Customer' },
			IFD3: {
				GPSLatitudeRef: 'N',
				GPSLatitude: '31/1 13/1 5000/100',
				GPSLongitudeRef: 'E',
				GPSLongitude: '121/1 28/1 0/1',
			},
		})
		.withMetadata({ orientation: 6 })
		.toBuffer()
}

export function plainImage(format: 'jpeg' | 'png' | 'webp', width = 640, height = 480): Promise<Buffer> {
	return sharp({ create: { width, height, channels: 3, background: '#3a6' } })
		.toFormat(format)
		.toBuffer()
}

/** A 64×48 red HEIC (HEVC) image, 491 bytes, made with libheif's heif-enc. */
export const TINY_HEIC = Buffer.from(
	'AAAAHGZ0eXBoZWljAAAAAG1pZjFoZWljbWlhZgAAAa1tZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAAAAAAAAAAAA5waXRtAAAAAAACAAAAEGlkYXQAAAAAAEAAMAAAADhpbG9jAQAAAERAAAIAAQAAAAAAAAHRAAEAAAAAAAAAGgACAAEAAAAAAAAAAQAAAAAAAAAIAAAAOGlpbmYAAAAAAAIAAAAVaW5mZQIAAAEAAQAAaHZjMQAAAAAVaW5mZQIAAAAAAgAAZ3JpZAAAAADYaXBycAAAALZpcGNvAAAAdmh2Y0MBA3AAAAAAAAAAAAAe8AD8/fj4AAAPAyAAAQAYQAEMAf//A3AAAAMAkAAAAwAAAwAeugJAIQABACpCAQEDcAAAAwCQAAADAAADAB6gIIEFlurkprm4EBAwIAAAAwAgAAADACEiAAEABkQBwXPAiQAAABRpc3BlAAAAAAAAAEAAAABAAAAAFGlzcGUAAAAAAAAAQAAAADAAAAAQcGl4aQAAAAADCAgIAAAAGmlwbWEAAAAAAAAAAgABAoECAAICA4QAAAAaaXJlZgAAAAAAAAAOZGltZwACAAEAAQAAACJtZGF0AAAAFigBrxmA70mlv//cOZ/1Ni/4XrWmPm4=',
	'base64',
)

/** The smallest well-formed one-page PDF. */
export function tinyPdf(): Buffer {
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
	]
	let body = '%PDF-1.4\n'
	const offsets: number[] = []
	objects.forEach((object, i) => {
		offsets.push(body.length)
		body += `${i + 1} 0 obj\n${object}\nendobj\n`
	})
	const xref = body.length
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
	body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
	return Buffer.from(body, 'latin1')
}

/** Every file under `dir`, recursively, relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])
	return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
}

/** The objects of a local-disk storage (its `.tmp` and `.meta` bookkeeping left out). */
export async function listObjects(storageDir: string): Promise<string[]> {
	return (await listFiles(storageDir)).filter((f) => !f.startsWith('.tmp') && !f.startsWith('.meta'))
}

/** A multipart POST as a browser's form submit sends it. */
export function uploadRequest(
	files: Array<{ name: string; bytes: Buffer; type?: string; field?: string }>,
	fields: Record<string, string> = {},
	init: { signal?: AbortSignal } = {},
): Request {
	const form = new FormData()
	for (const [name, value] of Object.entries(fields)) form.append(name, value)
	for (const file of files) {
		form.append(
			file.field ?? 'photos',
			new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? 'image/jpeg' }),
		)
	}
	return new Request('http://portal.test/upload', { method: 'POST', body: form, signal: init.signal })
}
