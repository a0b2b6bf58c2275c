import { encodeGlobalID } from '@pothos/plugin-relay'
import type { AppLoadContext } from '@remix-run/node'
import { mkdtemp, readdir } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import sharp from 'sharp'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import { parseConfig } from '#app/config.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { createApiToken } from '#app/domain/api-tokens/tokens.ts'
import { UPLOAD_LIMITS } from '#app/domain/complaints/schemas.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import type { ComplaintCategory, ComplaintStatus, StaffRole } from '#app/generated/prisma/enums.ts'
import { loader as signedThumbnailLoader } from '#app/routes/files.$attachmentId.thumbnail.tsx'
import { loader as signedFileLoader } from '#app/routes/files.$attachmentId.tsx'
import { createLocalDiskStorage } from '#app/storage/local-disk.server.ts'
import { attachmentUrlSigner } from '#app/uploads/signed-urls.server.ts'
import { jpegWithGpsAndOrientation, listObjects, plainImage, tinyPdf } from '#app/uploads/test-fixtures.ts'
import { createTestContext } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createOrder, createRegion, createUser } from '#tests/fixtures.ts'
import { MULTIPART_LIMITS } from './plugins/multipart-requests.ts'
import { createGraphQLHandler, type GraphQLHandler } from './yoga.ts'

/**
 * File uploads over GraphQL (the multipart request spec) and the signed download addresses of
 * attachments, through the real Yoga handler with multipart bodies built as a client library
 * builds them (FormData with `operations`, `map` and the files), and the real /files route.
 */

let db: Database
let yoga: GraphQLHandler
let storageDir: string
let uploadTmpDir: string
let context: AppLoadContext
const config = parseConfig({ NODE_ENV: 'test', APP_URL: 'http://portal.test' })

type Person = { id: string; viewer: Viewer; cookie: string }
const people = {} as Record<'customer' | 'agent' | 'quality' | 'officeMember', Person>
let officeToken: string
let dealerToken: string
let east: { id: string }
let dealerId: string
let sequence = 0

beforeAll(async () => {
	db = await createTestDatabase()
	storageDir = await mkdtemp(path.join(tmpdir(), 'graphql-uploads-storage-'))
	uploadTmpDir = await mkdtemp(path.join(tmpdir(), 'graphql-uploads-tmp-'))
	// the same services serve GraphQL and the /files route, as in the server
	context = { ...createTestContext(db), config, storage: createLocalDiskStorage(storageDir) }
	yoga = createGraphQLHandler(context, { uploadTmpDir })
	const prisma = db.prisma
	east = await createRegion(prisma)
	const org = (kind: 'DEALER' | 'REGIONAL_OFFICE') =>
		prisma.organization.create({
			data: { kind, code: `${kind}-${crypto.randomUUID().slice(0, 8)}`, name: kind, regionId: east.id },
		})
	const dealer = await org('DEALER')
	const office = await org('REGIONAL_OFFICE')
	dealerId = dealer.id
	const person = async (
		kind: 'CUSTOMER' | 'DEALER' | 'REGIONAL_OFFICE' | 'STAFF',
		options: { staffRole?: StaffRole; organizationId?: string } = {},
	): Promise<Person> => {
		const { user, viewer } = await createUser(prisma, { kind, ...options })
		const { token } = await createSession(prisma, { id: user.id, kind })
		return { id: user.id, viewer, cookie: `${SESSION_COOKIE}=${token}` }
	}
	people.customer = await person('CUSTOMER')
	people.agent = await person('STAFF', { staffRole: 'AGENT' })
	people.quality = await person('STAFF', { staffRole: 'QUALITY_ENGINEER' })
	people.officeMember = await person('REGIONAL_OFFICE', { organizationId: office.id })
	const dealerMember = await person('DEALER', { organizationId: dealer.id })
	const scopes = ['READ_COMPLAINTS', 'WRITE_REPLIES', 'WRITE_COMPLAINTS'] as const
	officeToken = (
		await createApiToken(prisma, people.officeMember.viewer, { name: 'erp', scopes: [...scopes], expiresInDays: 30 })
	).secret
	dealerToken = (
		await createApiToken(prisma, dealerMember.viewer, { name: 'erp', scopes: [...scopes], expiresInDays: 30 })
	).secret
})
afterAll(async () => {
	await context?.limits.close()
	await db?.close()
})

/** A complaint of `people.customer`, sold by the dealer in the east region, put straight into `status`. */
async function complaintIn(status: ComplaintStatus, category: ComplaintCategory = 'HANDLING_DAMAGE') {
	const prisma = db.prisma
	const now = Date.now()
	const order = await createOrder(prisma, {
		regionId: east.id,
		customerId: people.customer.id,
		customerEmail: `c-${crypto.randomUUID()}@example.com`,
		dealerId,
		lines: 1,
	})
	sequence += 1
	const complaint = await prisma.complaint.create({
		data: {
			reference: `CMP-2026-${String(810_000 + sequence).padStart(6, '0')}`,
			customerId: people.customer.id,
			filedById: people.customer.id,
			orderId: order.id,
			orderLineId: order.lines[0]!.id,
			regionId: east.id,
			dealerId,
			category,
			severity: 'MINOR',
			status,
			title: '外箱破损',
			description: '收货时外箱破损，阀门手柄弯曲。',
			requestedRemedy: 'REPAIR',
			createdAt: new Date(now - 3 * 86_400_000),
			customerUpdatedAt: new Date(now - 3 * 86_400_000),
			firstResponseDueAt: new Date(now - 2 * 86_400_000),
			firstRespondedAt: status === 'SUBMITTED' ? null : new Date(now - 2 * 86_400_000),
			resolutionDueAt: status === 'SUBMITTED' ? null : new Date(now + 2 * 86_400_000),
			slaDueAt: new Date(now + 2 * 86_400_000),
		},
	})
	await prisma.complaintEvent.create({
		data: { complaintId: complaint.id, actorId: people.customer.id, type: 'filed', toStatus: 'SUBMITTED', version: 1 },
	})
	return { id: complaint.id, reference: complaint.reference, globalId: encodeGlobalID('Complaint', complaint.id) }
}

interface Upload {
	bytes: Buffer | Uint8Array
	name: string
	type?: string
}

interface Answer {
	status: number
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
	data?: Record<string, any> | null
	errors?: Array<{ message: string; extensions?: Record<string, unknown> }>
}

type Auth = { cookie?: string; bearer?: string; csrf?: boolean }

/**
 * A GraphQL multipart request as apollo-upload-client or urql build it: the operation with a
 * null for each file, the map from part names to variable paths, then the files.
 */
function multipartRequest(query: string, variables: { input: Record<string, unknown> }, files: Upload[], auth: Auth) {
	const form = new FormData()
	form.append(
		'operations',
		JSON.stringify({ query, variables: { ...variables, input: { ...variables.input, files: files.map(() => null) } } }),
	)
	form.append(
		'map',
		JSON.stringify(Object.fromEntries(files.map((_, i) => [String(i), [`variables.input.files.${i}`]]))),
	)
	files.forEach((file, i) =>
		form.append(String(i), new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? 'image/jpeg' })),
	)
	return new Request('http://portal.test/graphql', {
		method: 'POST',
		body: form,
		headers: {
			...(auth.cookie ? { cookie: auth.cookie } : {}),
			...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}),
			...(auth.csrf ? { 'x-graphql-csrf': '1' } : {}),
		},
	})
}

async function send(request: Request): Promise<Answer> {
	const response = await yoga.fetch(request)
	return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) }
}

const upload = (query: string, variables: { input: Record<string, unknown> }, files: Upload[], auth: Auth) =>
	send(multipartRequest(query, variables, files, auth))

async function query(q: string, variables: Record<string, unknown>, who: Person): Promise<Answer> {
	return send(
		new Request('http://portal.test/graphql', {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: who.cookie },
			body: JSON.stringify({ query: q, variables }),
		}),
	)
}

const staffSession = (who: Person): Auth => ({ cookie: who.cookie, csrf: true })

const REPLY = `mutation Reply($input: ReplyToComplaintInput!) {
	replyToComplaint(input: $input) { complaint { id } userErrors { code field message } }
}`
const ADD_REPLY = `mutation AddReply($input: AddReplyInput!) {
	addReply(input: $input) { complaint { id } userErrors { code field message } }
}`
const ADD_NOTE = `mutation AddNote($input: AddNoteInput!) {
	addNote(input: $input) { complaint { id } userErrors { code field message } }
}`
const RECORD_FINDING = `mutation Finding($input: RecordFindingInput!) {
	recordFinding(input: $input) { complaint { id } userErrors { code field message } }
}`
const DETERMINE = `mutation Decide($input: DetermineResponsibilityInput!) {
	determineResponsibility(input: $input) { complaint { id responsibility } userErrors { code field message } }
}`
const ATTACHMENTS = `query Files($reference: String!) {
	complaint(reference: $reference) {
		attachments { id name kind contentType visibility width height url thumbnailUrl urlExpiresAt }
	}
}`

/** A PNG of 70 bytes that says it is `width` × `height`: a decompression bomb's header. */
function pngHeaderOnly(width: number, height: number): Buffer {
	const chunk = (type: string, data: Buffer) => {
		const length = Buffer.alloc(4)
		length.writeUInt32BE(data.length)
		const crc = Buffer.alloc(4)
		crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])))
		return Buffer.concat([length, Buffer.from(type), data, crc])
	}
	const header = Buffer.alloc(13)
	header.writeUInt32BE(width, 0)
	header.writeUInt32BE(height, 4)
	header[8] = 8 // bit depth
	header[9] = 2 // RGB
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(Buffer.alloc(16))),
		chunk('IEND', Buffer.alloc(0)),
	])
}

async function photos() {
	return [
		{ bytes: await jpegWithGpsAndOrientation(), name: '破损 "外箱".jpg' },
		{ bytes: await plainImage('png', 64, 48), name: 'label.png', type: 'image/png' },
	]
}

/** Fetches a signed address through the /files routes, as an API client's HTTP library would: no cookie. */
async function download(url: string) {
	const [, files, attachmentId, thumbnail] = new URL(url).pathname.split('/')
	expect(files).toBe('files')
	const args = { request: new Request(url), context, params: { attachmentId } }
	return thumbnail === 'thumbnail' ? signedThumbnailLoader(args) : signedFileLoader(args)
}

let objectsBefore: string[]
beforeEach(async () => {
	objectsBefore = await listObjects(storageDir)
})
const newObjects = async () => (await listObjects(storageDir)).filter((key) => !objectsBefore.includes(key))

describe('uploads with a mutation', () => {
	test('a reply with photos: stored cleaned, attached to the public reply, shown to the customer', async () => {
		const complaint = await complaintIn('INVESTIGATING')
		const answer = await upload(
			REPLY,
			{ input: { complaintId: complaint.globalId, body: '检测报告与照片见附件。' } },
			[...(await photos()), { bytes: tinyPdf(), name: '检测报告.pdf', type: 'application/pdf' }],
			staffSession(people.agent),
		)
		expect(answer.status).toBe(200)
		expect(answer.data?.replyToComplaint).toEqual({ complaint: { id: complaint.globalId }, userErrors: [] })

		const message = await db.prisma.complaintMessage.findFirstOrThrow({
			where: { complaintId: complaint.id },
			include: { attachments: { orderBy: { originalName: 'asc' } } },
		})
		expect(message.visibility).toBe('PUBLIC')
		expect(message.attachments.map((a) => [a.originalName, a.contentType, a.visibility, a.uploadedById])).toEqual([
			['label.png', 'image/png', 'PUBLIC', people.agent.id],
			['检测报告.pdf', 'application/pdf', 'PUBLIC', people.agent.id],
			['破损 "外箱".jpg', 'image/jpeg', 'PUBLIC', people.agent.id],
		])
		// two photos with thumbnails and a PDF
		expect(await newObjects()).toHaveLength(5)

		const seen = await query(ATTACHMENTS, { reference: complaint.reference }, people.customer)
		const files = seen.data?.complaint.attachments as Array<Record<string, string>>
		expect(files.map((f) => f.name).sort()).toEqual(['label.png', '检测报告.pdf', '破损 "外箱".jpg'])
		const photo = files.find((f) => f.name === '破损 "外箱".jpg')!
		// turned upright (the camera said 90°) and without any metadata
		expect([photo.width, photo.height]).toEqual([200, 300])
		const response = await download(photo.url!)
		expect(response.status).toBe(200)
		const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata()
		expect(meta).toMatchObject({ format: 'jpeg', width: 200, height: 300 })
		expect(meta.exif).toBeUndefined()
		expect(files.find((f) => f.name === '检测报告.pdf')!.thumbnailUrl).toBeNull()
		// the temp files of the requests are gone
		expect(await readdir(uploadTmpDir)).toEqual([])
	})

	test('a finding with evidence: the files hang off the finding, as internal as it is', async () => {
		const complaint = await complaintIn('INVESTIGATING')
		const answer = await upload(
			RECORD_FINDING,
			{
				input: {
					complaintId: complaint.globalId,
					kind: 'ON_SITE_VISIT',
					occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
					summary: '现场查看：外箱有叉车撞击痕迹。',
				},
			},
			[{ bytes: await plainImage('webp'), name: 'site.webp', type: 'image/webp' }],
			staffSession(people.agent),
		)
		expect(answer.data?.recordFinding.userErrors).toEqual([])
		const finding = await db.prisma.complaintFinding.findFirstOrThrow({
			where: { complaintId: complaint.id },
			include: { attachments: true },
		})
		expect(finding.attachments.map((a) => [a.originalName, a.contentType, a.visibility])).toEqual([
			['site.webp', 'image/webp', 'INTERNAL'],
		])
		const staffView = await query(
			`query($reference: String!) { complaint(reference: $reference) { findings { summary evidence { name url } } } }`,
			{ reference: complaint.reference },
			people.agent,
		)
		expect(staffView.data?.complaint.findings).toEqual([
			{ summary: '现场查看：外箱有叉车撞击痕迹。', evidence: [{ name: 'site.webp', url: expect.any(String) }] },
		])
		// the customer sees neither the finding nor its file
		const customerView = await query(ATTACHMENTS, { reference: complaint.reference }, people.customer)
		expect(customerView.data?.complaint.attachments).toEqual([])
	})

	test('a product-quality responsibility decision succeeds with an evidence photo, and not without', async () => {
		const complaint = await complaintIn('INVESTIGATING', 'PRODUCT_QUALITY')
		const input = { complaintId: complaint.globalId, responsibility: 'QUALITY_DEFECT', summary: '铸件气孔，质量缺陷。' }
		// a PDF alone is no photo: refused, and the PDF that was stored for it is deleted again
		const pdfOnly = await upload(
			DETERMINE,
			{ input },
			[{ bytes: tinyPdf(), name: 'report.pdf', type: 'application/pdf' }],
			staffSession(people.quality),
		)
		expect(pdfOnly.data?.determineResponsibility).toEqual({
			complaint: null,
			userErrors: [
				{
					code: 'INVALID',
					field: ['input', 'files'],
					message: 'A product-quality finding needs at least one evidence photo.',
				},
			],
		})
		expect(await newObjects()).toEqual([])

		const decided = await upload(
			DETERMINE,
			{ input },
			[{ bytes: await plainImage('jpeg'), name: 'porosity.jpg' }],
			staffSession(people.quality),
		)
		expect(decided.data?.determineResponsibility).toEqual({
			complaint: { id: complaint.globalId, responsibility: 'QUALITY_DEFECT' },
			userErrors: [],
		})
		const finding = await db.prisma.complaintFinding.findFirstOrThrow({
			where: { complaintId: complaint.id, kind: 'RESPONSIBILITY' },
			include: { attachments: true },
		})
		expect(finding.attachments.map((a) => [a.originalName, a.visibility])).toEqual([['porosity.jpg', 'INTERNAL']])
		expect(await newObjects()).toHaveLength(2)
	})

	test('an API token sends multipart without the CSRF header', async () => {
		const complaint = await complaintIn('INVESTIGATING')
		const answer = await upload(
			ADD_REPLY,
			{ input: { complaintId: complaint.globalId, body: '办事处已上门查看，照片见附件。' } },
			[{ bytes: await plainImage('jpeg'), name: 'visit.jpg' }],
			{ bearer: officeToken },
		)
		expect(answer.status).toBe(200)
		expect(answer.data?.addReply.userErrors).toEqual([])
		const attachments = await db.prisma.attachment.findMany({ where: { complaintId: complaint.id } })
		expect(attachments.map((a) => [a.originalName, a.visibility, a.uploadedById])).toEqual([
			['visit.jpg', 'PUBLIC', people.officeMember.id],
		])
	})

	test('a cookie multipart request without the CSRF header is refused before it is read', async () => {
		const complaint = await complaintIn('INVESTIGATING')
		const answer = await upload(
			REPLY,
			{ input: { complaintId: complaint.globalId, body: '跨站提交' } },
			[{ bytes: await plainImage('jpeg'), name: 'x.jpg' }],
			{ cookie: people.agent.cookie },
		)
		expect(answer.status).toBe(403)
		expect(answer.errors?.[0]?.extensions?.code).toBe('CSRF_PREVENTION')
		expect(await db.prisma.complaintMessage.count({ where: { complaintId: complaint.id } })).toBe(0)
		expect(await newObjects()).toEqual([])
		expect(await readdir(uploadTmpDir)).toEqual([])
	})
})

describe('refused files: a userError at the file, nothing stored, nothing written', () => {
	async function refused(files: Upload[], auth: Auth = staffSession(people.agent)) {
		const complaint = await complaintIn('INVESTIGATING')
		const answer = await upload(REPLY, { input: { complaintId: complaint.globalId, body: '见附件。' } }, files, auth)
		expect(answer.status).toBe(200)
		expect(answer.data?.replyToComplaint.complaint).toBeNull()
		expect(await db.prisma.complaintMessage.count({ where: { complaintId: complaint.id } })).toBe(0)
		expect(await db.prisma.attachment.count({ where: { complaintId: complaint.id } })).toBe(0)
		expect(await newObjects()).toEqual([])
		expect(await readdir(uploadTmpDir)).toEqual([])
		return answer.data?.replyToComplaint.userErrors as Array<{ code: string; field: string[]; message: string }>
	}

	test('an SVG, even named .jpg and sent as image/jpeg, is not an accepted type', async () => {
		const svg = Buffer.from(
			'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>',
		)
		expect(
			await refused([
				{ bytes: await plainImage('jpeg'), name: 'ok.jpg' },
				{ bytes: svg, name: 'photo.jpg' },
			]),
		).toEqual([
			{
				code: 'FILE_TYPE_NOT_ACCEPTED',
				field: ['input', 'files', '1'],
				message: '"photo.jpg" is not a JPEG, PNG, WebP or HEIC image, nor a PDF.',
			},
		])
	})

	test('polyglots: a GIF that is also a script; JPEG magic bytes in front of HTML', async () => {
		const gifScript = Buffer.concat([
			Buffer.from('GIF89a/*'),
			Buffer.alloc(16),
			Buffer.from('*/=1;alert(document.cookie)'),
		])
		expect(await refused([{ bytes: gifScript, name: 'a.jpg' }])).toEqual([
			expect.objectContaining({ code: 'FILE_TYPE_NOT_ACCEPTED', field: ['input', 'files', '0'] }),
		])
		const jpegHtml = Buffer.concat([
			Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
			Buffer.from('<html><script>alert(1)</script>'),
		])
		expect(
			await refused([
				{ bytes: await plainImage('png'), name: 'ok.png' },
				{ bytes: jpegHtml, name: 'b.jpg' },
			]),
		).toEqual([
			{
				code: 'FILE_UNREADABLE',
				field: ['input', 'files', '1'],
				message: '"b.jpg" cannot be read; the file may be damaged.',
			},
		])
	})

	test('a file over 15 MB is cut on arrival and named', async () => {
		const big = Buffer.alloc(UPLOAD_LIMITS.maxFileBytes + 1, 0xff)
		expect(
			await refused([
				{ bytes: await plainImage('jpeg'), name: 'fine.jpg' },
				{ bytes: big, name: 'huge.jpg' },
			]),
		).toEqual([{ code: 'FILE_TOO_LARGE', field: ['input', 'files', '1'], message: '"huge.jpg" is larger than 15 MB.' }])
	})

	test('an image over 40 megapixels is refused by its header, before it is decoded', async () => {
		expect(await refused([{ bytes: pngHeaderOnly(10_000, 5_000), name: 'bomb.png', type: 'image/png' }])).toEqual([
			{
				code: 'IMAGE_TOO_LARGE',
				field: ['input', 'files', '0'],
				message: '"bomb.png" has too many pixels (at most 40 megapixels).',
			},
		])
	})

	test('an eleventh file: TOO_MANY_FILES pointing at it', async () => {
		const jpeg = await plainImage('jpeg', 32, 32)
		const eleven = Array.from({ length: UPLOAD_LIMITS.maxFilesPerComplaint + 1 }, (_, i) => ({
			bytes: jpeg,
			name: `${i}.jpg`,
		}))
		expect(await refused(eleven)).toEqual([
			{ code: 'TOO_MANY_FILES', field: ['input', 'files', '10'], message: 'Attach at most 10 files at a time.' },
		])
	})

	test('past 10 files in one request, the rest are not read: TOO_MANY_FILES at each, even split over two mutations', async () => {
		const [first, second] = [await complaintIn('INVESTIGATING'), await complaintIn('INVESTIGATING')]
		const jpeg = new Uint8Array(await plainImage('jpeg', 32, 32))
		const form = new FormData()
		form.append(
			'operations',
			JSON.stringify({
				query: `mutation Two($a: ReplyToComplaintInput!, $b: ReplyToComplaintInput!) {
					a: replyToComplaint(input: $a) { complaint { id } userErrors { code field message } }
					b: replyToComplaint(input: $b) { complaint { id } userErrors { code field message } }
				}`,
				variables: {
					a: { complaintId: first.globalId, body: '第一批', files: Array(6).fill(null) },
					b: { complaintId: second.globalId, body: '第二批', files: Array(6).fill(null) },
				},
			}),
		)
		const map: Record<string, string[]> = {}
		for (let i = 0; i < 12; i++) map[String(i)] = [`variables.${i < 6 ? 'a' : 'b'}.files.${i % 6}`]
		form.append('map', JSON.stringify(map))
		for (let i = 0; i < 12; i++) form.append(String(i), new File([jpeg], `${i}.jpg`, { type: 'image/jpeg' }))
		const answer = await send(
			new Request('http://portal.test/graphql', {
				method: 'POST',
				body: form,
				headers: { cookie: people.agent.cookie, 'x-graphql-csrf': '1' },
			}),
		)
		expect(answer.data?.a).toEqual({ complaint: { id: first.globalId }, userErrors: [] })
		expect(answer.data?.b).toEqual({
			complaint: null,
			userErrors: [
				{
					code: 'TOO_MANY_FILES',
					field: ['input', 'files', '4'],
					message: '"10.jpg" was not read: a request carries at most 10 files.',
				},
				{
					code: 'TOO_MANY_FILES',
					field: ['input', 'files', '5'],
					message: '"11.jpg" was not read: a request carries at most 10 files.',
				},
			],
		})
		expect(await db.prisma.attachment.count({ where: { complaintId: second.id } })).toBe(0)
		// the first reply's six photos and their thumbnails, nothing of the second's
		expect(await newObjects()).toHaveLength(12)
		expect(await readdir(uploadTmpDir)).toEqual([])
	})

	test('files are discarded when the command refuses (a customer may not reply)', async () => {
		const errors = await refused(await photos(), staffSession(people.customer))
		expect(errors).toEqual([expect.objectContaining({ code: 'INSUFFICIENT_AUTHORITY', field: null })])
	})

	test('files are discarded when the command refuses (a dealer’s token may not write a public reply)', async () => {
		const complaint = await complaintIn('INVESTIGATING')
		const answer = await upload(
			ADD_REPLY,
			{ input: { complaintId: complaint.globalId, body: '经销商回复' } },
			await photos(),
			{ bearer: dealerToken },
		)
		expect(answer.data?.addReply.complaint).toBeNull()
		expect(answer.data?.addReply.userErrors).not.toEqual([])
		expect(await newObjects()).toEqual([])
		expect(await db.prisma.attachment.count({ where: { complaintId: complaint.id } })).toBe(0)
	})
})

describe('over HTTP, as the server receives requests (Node requests adapted by @whatwg-node/server)', () => {
	test('a token uploads a photo and a PDF; a file over 15 MB is cut and named; temp files are gone', async () => {
		const server = createServer(yoga)
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
		const { port } = server.address() as AddressInfo
		try {
			const post = async (files: Upload[]) => {
				const complaint = await complaintIn('INVESTIGATING')
				const request = multipartRequest(
					ADD_REPLY,
					{ input: { complaintId: complaint.globalId, body: '办事处回复，附照片与报告。' } },
					files,
					{ bearer: officeToken },
				)
				const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
					method: 'POST',
					headers: request.headers,
					body: await request.arrayBuffer(),
				})
				expect(response.status).toBe(200)
				const body = (await response.json()) as Answer
				return { complaint, result: body.data?.addReply }
			}
			const stored = await post([
				{ bytes: await jpegWithGpsAndOrientation(), name: 'site.jpg' },
				{ bytes: tinyPdf(), name: 'report.pdf', type: 'application/pdf' },
			])
			expect(stored.result.userErrors).toEqual([])
			const rows = await db.prisma.attachment.findMany({
				where: { complaintId: stored.complaint.id },
				orderBy: { originalName: 'asc' },
			})
			expect(rows.map((a) => [a.originalName, a.contentType, a.width, a.height])).toEqual([
				['report.pdf', 'application/pdf', null, null],
				['site.jpg', 'image/jpeg', 200, 300],
			])
			expect(await newObjects()).toHaveLength(3)

			objectsBefore = await listObjects(storageDir)
			const big = await post([
				{ bytes: await plainImage('jpeg'), name: 'fine.jpg' },
				{ bytes: Buffer.alloc(UPLOAD_LIMITS.maxFileBytes + 1024, 0xff), name: 'huge.jpg' },
			])
			expect(big.result).toEqual({
				complaint: null,
				userErrors: [
					{ code: 'FILE_TOO_LARGE', field: ['input', 'files', '1'], message: '"huge.jpg" is larger than 15 MB.' },
				],
			})
			expect(await newObjects()).toEqual([])
			expect(await readdir(uploadTmpDir)).toEqual([])

			// JSON bodies pass the same plugin's size cap on their way to Yoga's parser
			const json = await fetch(`http://127.0.0.1:${port}/graphql`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${officeToken}` },
				body: JSON.stringify({ query: '{ __typename }' }),
			})
			expect(await json.json()).toMatchObject({ data: { __typename: 'Query' } })
		} finally {
			await new Promise((resolve) => server.close(resolve))
		}
	})
})

describe('multipart requests the spec does not allow', () => {
	const complaintInput = async () => ({
		input: { complaintId: (await complaintIn('INVESTIGATING')).globalId, body: 'x' },
	})

	test('without operations, with a map that is not one, or files before the map: 400, nothing read', async () => {
		const noOperations = new FormData()
		noOperations.append('map', '{}')
		const badMap = new FormData()
		badMap.append('operations', JSON.stringify({ query: REPLY, variables: await complaintInput() }))
		badMap.append('map', '{"0": "variables.input.files.0"}')
		const filesFirst = new FormData()
		filesFirst.append('0', new File([new Uint8Array(await plainImage('jpeg'))], 'a.jpg', { type: 'image/jpeg' }))
		filesFirst.append('operations', JSON.stringify({ query: REPLY, variables: await complaintInput() }))
		filesFirst.append('map', '{"0": ["variables.input.files.0"]}')
		for (const body of [noOperations, badMap, filesFirst]) {
			const answer = await send(
				new Request('http://portal.test/graphql', {
					method: 'POST',
					body,
					headers: { cookie: people.agent.cookie, 'x-graphql-csrf': '1' },
				}),
			)
			expect(answer.status).toBe(400)
			expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST')
		}
		expect(await newObjects()).toEqual([])
		expect(await readdir(uploadTmpDir)).toEqual([])
	})

	test('a file given as a JSON value is not an Upload', async () => {
		const answer = await send(
			new Request('http://portal.test/graphql', {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie: people.agent.cookie },
				body: JSON.stringify({
					query: REPLY,
					variables: { input: { ...(await complaintInput()).input, files: ['/etc/passwd'] } },
				}),
			}),
		)
		expect(answer.errors?.[0]?.message).toMatch(/Upload takes a file part of a multipart request/)
	})

	test('a body announced larger than any valid upload is refused before it is read: 413', async () => {
		for (const [contentType, length] of [
			['multipart/form-data; boundary=x', MULTIPART_LIMITS.bodyBytes + 1],
			['application/json', 25_000_001],
		] as const) {
			const answer = await send(
				new Request('http://portal.test/graphql', {
					method: 'POST',
					headers: { 'content-type': contentType, 'content-length': String(length), 'x-graphql-csrf': '1' },
					body: 'x',
				}),
			)
			expect(answer.status).toBe(413)
			expect(answer.errors?.[0]?.extensions?.code).toBe('REQUEST_ENTITY_TOO_LARGE')
		}
	})
})

describe('signed download addresses', () => {
	let complaint: { id: string; reference: string; globalId: string }
	let publicPhoto: { id: string; url: string; thumbnailUrl: string; urlExpiresAt: string }
	let publicId: string
	let internalId: string

	beforeAll(async () => {
		complaint = await complaintIn('INVESTIGATING')
		await upload(
			REPLY,
			{ input: { complaintId: complaint.globalId, body: '照片见附件。' } },
			[{ bytes: await plainImage('jpeg'), name: 'public.jpg' }],
			staffSession(people.agent),
		)
		const note = await upload(
			ADD_NOTE,
			{ input: { complaintId: complaint.globalId, body: '内部：供应商批次问题。', visibility: 'INTERNAL' } },
			[{ bytes: await plainImage('png', 40, 40), name: 'internal.png', type: 'image/png' }],
			staffSession(people.agent),
		)
		expect(note.data?.addNote.userErrors).toEqual([])
		const seen = await query(ATTACHMENTS, { reference: complaint.reference }, people.customer)
		publicPhoto = seen.data?.complaint.attachments[0]
		publicId = (await db.prisma.attachment.findFirstOrThrow({ where: { originalName: 'public.jpg' } })).id
		internalId = (await db.prisma.attachment.findFirstOrThrow({ where: { originalName: 'internal.png' } })).id
	})

	test('the address works without a session, with the portal’s safe headers, cached no longer than it lives', async () => {
		const { url, urlExpiresAt } = publicPhoto
		expect(url).toMatch(new RegExp(`^http://portal\\.test/files/${publicId}\\?expires=\\d+&signature=[\\w-]{43}$`))
		expect(publicPhoto.thumbnailUrl).toMatch(new RegExp(`^http://portal\\.test/files/${publicId}/thumbnail\\?expires=`))
		const expiresIn = Date.parse(urlExpiresAt) - Date.now()
		expect(expiresIn).toBeGreaterThan(59 * 60_000)
		expect(expiresIn).toBeLessThanOrEqual(65 * 60_000)
		expect(new URL(url).searchParams.get('expires')).toBe(String(Date.parse(urlExpiresAt) / 1000))
		const response = await download(url)
		expect(response.status).toBe(200)
		expect(Object.fromEntries(response.headers)).toMatchObject({
			'content-type': 'image/jpeg',
			'content-disposition': `inline; filename="public.jpg"; filename*=UTF-8''public.jpg`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
		})
		const maxAge = Number(/^private, max-age=(\d+)$/.exec(response.headers.get('cache-control')!)?.[1])
		expect(maxAge).toBeGreaterThan(59 * 60)
		expect(maxAge).toBeLessThanOrEqual(Math.ceil(expiresIn / 1000))
		expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).format).toBe('jpeg')
		const thumbnail = await download(publicPhoto.thumbnailUrl)
		expect(thumbnail.status).toBe(200)
		expect(thumbnail.headers.get('content-type')).toBe('image/webp')
	})

	test('an expired address, a tampered one and a forged one are 404, never 500', async () => {
		const url = new URL(publicPhoto.url)
		const expires = url.searchParams.get('expires')!
		const signature = url.searchParams.get('signature')!
		const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`
		const past = attachmentUrlSigner(config).sign(publicId, 'original', new Date(Date.now() - 1000))
		const base = `http://portal.test/files/${publicId}`
		const candidates = [
			`${base}?${new URLSearchParams({ ...past })}`,
			`${base}?expires=${Number(expires) + 3600}&signature=${signature}`,
			`${base}/thumbnail?expires=${expires}&signature=${signature}`,
			`${base}?expires=${expires}&signature=${flipped}`,
			`${base}?expires=${expires}`,
			`${base}?signature=${signature}`,
			base,
			`${base}?expires=99999999999&signature=${'A'.repeat(43)}`,
			`${base}?expires=${expires}&signature=x`,
		]
		for (const candidate of candidates) {
			const response = await download(candidate)
			expect(response.status, candidate).toBe(404)
			expect(response.headers.get('cache-control')).toBe('private, no-store')
		}
	})

	test('a valid signature does not carry over to another attachment', async () => {
		const swapped = publicPhoto.url.replace(`/files/${publicId}?`, `/files/${internalId}?`)
		expect(swapped).not.toBe(publicPhoto.url)
		expect((await download(swapped)).status).toBe(404)
	})

	test('an internal attachment never gets an address through the customer’s query', async () => {
		const customer = await query(ATTACHMENTS, { reference: complaint.reference }, people.customer)
		const customerFiles = customer.data?.complaint.attachments as Array<{ id: string; url: string }>
		expect(customerFiles.map((f) => f.id)).toEqual([publicPhoto.id])
		expect(customerFiles[0]!.url).toContain(`/files/${publicId}?`)
		const internalGlobalId = encodeGlobalID('Attachment', internalId)
		const byNode = await query(
			`query($id: ID!) { node(id: $id) { ... on Attachment { url } } }`,
			{ id: internalGlobalId },
			people.customer,
		)
		expect(byNode.data?.node).toBeNull()
		expect(JSON.stringify([customer, byNode])).not.toContain(internalId)
		// staff get it, and their address works
		const staff = await query(ATTACHMENTS, { reference: complaint.reference }, people.agent)
		const internal = (
			staff.data?.complaint.attachments as Array<{ name: string; url: string; visibility: string }>
		).find((f) => f.name === 'internal.png')!
		expect(internal.visibility).toBe('INTERNAL')
		expect((await download(internal.url)).status).toBe(200)
	})

	test('an address whose attachment is gone is 404', async () => {
		const signed = attachmentUrlSigner(config).sign(
			'cl0nexistent0attachment0',
			'original',
			new Date(Date.now() + 60_000),
		)
		expect(
			(await download(`http://portal.test/files/cl0nexistent0attachment0?${new URLSearchParams({ ...signed })}`))
				.status,
		).toBe(404)
	})
})
