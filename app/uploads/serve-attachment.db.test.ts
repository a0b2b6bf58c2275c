import type { AppLoadContext } from '@remix-run/node'
import { buffer } from 'node:stream/consumers'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { addDraftAttachment, startDraft } from '#app/domain/complaints/drafts.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import { loader as thumbnailLoader } from '#app/routes/attachments.$attachmentId.thumbnail.tsx'
import { loader as originalLoader } from '#app/routes/attachments.$attachmentId.tsx'
import { createTestContext } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { receiveUploads } from './receive-uploads.server.ts'
import { contentDisposition, withExtension } from './serve-attachment.server.ts'
import { jpegWithGpsAndOrientation, tinyPdf, uploadRequest } from './test-fixtures.ts'

let db: Database
let context: AppLoadContext
const cookies: Record<'owner' | 'stranger', string> = { owner: '', stranger: '' }
let photoId: string
let pdfId: string

function customer(id: string): Viewer {
	return { userId: id, kind: 'CUSTOMER', staffRole: null, organizationId: null, organizationKind: null, regionId: null }
}

beforeAll(async () => {
	db = await createTestDatabase()
	context = createTestContext(db)
	for (const who of ['owner', 'stranger'] as const) {
		const user = await db.prisma.user.create({
			data: {
				email: `${who}@example.com`,
				name: who,
				passwordHash: 'not-a-hash',
				kind: 'CUSTOMER',
				emailVerifiedAt: new Date(),
			},
			select: { id: true, kind: true },
		})
		const session = await createSession(db.prisma, user)
		cookies[who] = `${SESSION_COOKIE}=${session.token}`
		if (who === 'owner') {
			const deps = complaintDeps(context)
			const draft = await startDraft(deps, customer(user.id))
			const { files } = await receiveUploads(
				uploadRequest([
					{ name: 'lid "cracked".jpg', bytes: await jpegWithGpsAndOrientation() },
					{ name: '发票.pdf', bytes: tinyPdf(), type: 'application/pdf' },
				]),
				{ storage: context.storage },
			)
			photoId = (await addDraftAttachment(deps, customer(user.id), draft.id, files[0]!)).id
			pdfId = (await addDraftAttachment(deps, customer(user.id), draft.id, files[1]!)).id
		}
	}
})
afterAll(() => db.close())

function get(path: string, cookie?: string) {
	const request = new Request(`http://portal.test${path}`, { headers: cookie ? { cookie } : {} })
	const attachmentId = path.split('/')[2]!
	const args = { request, context, params: { attachmentId } }
	return path.endsWith('/thumbnail') ? thumbnailLoader(args) : originalLoader(args)
}

describe('GET /attachments/:id', () => {
	test('the owner gets the cleaned photo inline, with safe headers', async () => {
		const response = await get(`/attachments/${photoId}`, cookies.owner)
		expect(response.status).toBe(200)
		expect(Object.fromEntries(response.headers)).toMatchObject({
			'content-type': 'image/jpeg',
			'content-disposition': `inline; filename="lid _cracked_.jpg"; filename*=UTF-8''lid%20%22cracked%22.jpg`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, max-age=300',
		})
		const body = Buffer.from(await response.arrayBuffer())
		expect(response.headers.get('content-length')).toBe(String(body.length))
		const meta = await sharp(body).metadata()
		expect(meta).toMatchObject({ format: 'jpeg', width: 200, height: 300 })
		expect(meta.exif).toBeUndefined()
	})

	test('a PDF is a download, never rendered inline, and has no thumbnail', async () => {
		const response = await get(`/attachments/${pdfId}`, cookies.owner)
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toBe('application/pdf')
		expect(response.headers.get('content-disposition')).toBe(
			`attachment; filename="__.pdf"; filename*=UTF-8''%E5%8F%91%E7%A5%A8.pdf`,
		)
		expect(Buffer.from(await response.arrayBuffer()).equals(tinyPdf())).toBe(true)
		expect((await get(`/attachments/${pdfId}/thumbnail`, cookies.owner)).status).toBe(404)
	})

	test('the thumbnail is WebP', async () => {
		const response = await get(`/attachments/${photoId}/thumbnail`, cookies.owner)
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toBe('image/webp')
		expect(response.headers.get('content-disposition')).toMatch(/^inline; filename="lid _cracked_-thumbnail.webp"/)
		expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).format).toBe('webp')
	})

	test('another customer gets 404, exactly as for an id that does not exist', async () => {
		for (const path of [`/attachments/${photoId}`, `/attachments/${photoId}/thumbnail`, `/attachments/${pdfId}`]) {
			const response = await get(path, cookies.stranger)
			expect(response.status).toBe(404)
			expect(await response.text()).toBe('Not found')
		}
		const unknown = await get('/attachments/does-not-exist', cookies.stranger)
		expect(unknown.status).toBe(404)
		expect(await unknown.text()).toBe('Not found')
	})

	test('signed out: to the sign-in page', async () => {
		const outcome = await get(`/attachments/${photoId}`).catch((thrown: unknown) => thrown)
		expect(outcome).toBeInstanceOf(Response)
		expect((outcome as Response).status).toBe(302)
		expect((outcome as Response).headers.get('location')).toMatch(/^\/login\?redirectTo=/)
	})

	test('a row whose object is gone is a 404, not a crash', async () => {
		const row = await db.prisma.attachment.findUniqueOrThrow({ where: { id: photoId }, select: { thumbnailKey: true } })
		const object = await context.storage.get(row.thumbnailKey!)
		await buffer(object!.stream)
		await context.storage.delete([row.thumbnailKey!])
		expect((await get(`/attachments/${photoId}/thumbnail`, cookies.owner)).status).toBe(404)
	})
})

describe('headers', () => {
	test('content disposition cannot be broken out of', () => {
		expect(contentDisposition('inline', 'a\r\nSet-Cookie: x=1;.jpg')).toBe(
			`inline; filename="a__Set-Cookie: x=1_.jpg"; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x%3D1%3B.jpg`,
		)
	})

	test('the served extension follows the served type', () => {
		expect(withExtension('IMG_0001.HEIC', 'image/jpeg')).toBe('IMG_0001.jpg')
		expect(withExtension('photo.JPEG', 'image/jpeg')).toBe('photo.JPEG')
		expect(withExtension('scan', 'application/pdf')).toBe('scan.pdf')
		expect(withExtension('photo.png', 'image/webp', '-thumbnail')).toBe('photo-thumbnail.webp')
	})
})
