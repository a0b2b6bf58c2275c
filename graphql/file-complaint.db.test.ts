import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { decodeGlobalID } from '@pothos/plugin-relay'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import { createComplaintUpdates } from '#app/complaints/updates.server.ts'
import { parseConfig } from '#app/config.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { createApiToken } from '#app/domain/api-tokens/tokens.ts'
import type { ApiTokenScope } from '#app/generated/prisma/enums.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import { createWebhookEndpoint } from '#app/domain/webhooks/endpoints.ts'
import { createLogger } from '#app/logger.server.ts'
import { createRateLimits, type RateLimits } from '#app/rate-limit.server.ts'
import { createLocalDiskStorage } from '#app/storage/local-disk.server.ts'
import { plainImage } from '#app/uploads/test-fixtures.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createOrder, createRegion, createUser } from '#tests/fixtures.ts'
import { withoutCost } from '#tests/graphql-body.ts'
import { createGraphQLHandler, type GraphQLHandler } from './yoga.ts'

/**
 * `fileComplaint` through the real Yoga handler, as a dealer's integration calls it: with an API
 * token, JSON or a multipart request with photos. What it files (channel, dealer, region, event,
 * clock, the customer's email, the dealer's webhook), what a retry does, every refusal with its
 * userError, and that a refused request writes nothing: no row, no email, no webhook, no file.
 */

let db: Database
let limits: RateLimits
let updates: ReturnType<typeof createComplaintUpdates>
let yoga: GraphQLHandler
const storageDir = path.join(tmpdir(), `file-complaint-storage-${crypto.randomUUID()}`)

let east: { id: string }
let dealerA: { id: string }
let dealerB: { id: string }
let dan: Viewer
const secrets = {} as Record<'danWrite' | 'danRead' | 'danReplies' | 'beaWrite' | 'officeWrite', string>
const cookies = {} as Record<'customer' | 'agent' | 'dealerMember', string>
/** the customer whose orders dealer A sold, with their locale set to English */
let buyer: { id: string; email: string }
let endpointA: string
let endpointB: string

beforeAll(async () => {
	db = await createTestDatabase()
	limits = createRateLimits()
	const config = parseConfig({ NODE_ENV: 'production', APP_URL: 'http://portal.test' })
	const logger = createLogger('silent')
	updates = createComplaintUpdates({ logger })
	yoga = createGraphQLHandler({
		config,
		db,
		logger,
		limits,
		storage: createLocalDiskStorage(storageDir),
		complaintUpdates: updates,
	})
	const prisma = db.prisma
	east = await createRegion(prisma)
	const org = (kind: 'DEALER' | 'REGIONAL_OFFICE', name: string) =>
		prisma.organization.create({
			data: { kind, code: `${name}-${crypto.randomUUID().slice(0, 8)}`, name, regionId: east.id },
		})
	dealerA = await org('DEALER', '华东泵阀经销部')
	dealerB = await org('DEALER', 'Dealer B')
	const office = await org('REGIONAL_OFFICE', 'East office')
	const member = await createUser(prisma, { kind: 'DEALER', organizationId: dealerA.id, name: 'Dan' })
	dan = member.viewer
	const bea = await createUser(prisma, { kind: 'DEALER', organizationId: dealerB.id, name: 'Bea' })
	const olive = await createUser(prisma, { kind: 'REGIONAL_OFFICE', organizationId: office.id, name: 'Olive' })
	const token = async (viewer: Viewer, scopes: ApiTokenScope[]) =>
		(
			await createApiToken(prisma, viewer, {
				name: `token ${crypto.randomUUID()}`,
				scopes,
				expiresInDays: 90,
			})
		).secret
	secrets.danWrite = await token(dan, ['WRITE_COMPLAINTS'])
	secrets.danRead = await token(dan, ['READ_COMPLAINTS'])
	secrets.danReplies = await token(dan, ['WRITE_REPLIES', 'WEBHOOKS'])
	secrets.beaWrite = await token(bea.viewer, ['WRITE_COMPLAINTS'])
	secrets.officeWrite = await token(olive.viewer, ['WRITE_COMPLAINTS', 'WRITE_REPLIES'])

	const customer = await createUser(prisma, { name: 'Wang Fang' })
	await prisma.user.update({ where: { id: customer.user.id }, data: { locale: 'en' } })
	buyer = customer.user
	const session = async (id: string, kind: 'CUSTOMER' | 'STAFF' | 'DEALER') =>
		`${SESSION_COOKIE}=${(await createSession(prisma, { id, kind })).token}`
	cookies.customer = await session(customer.user.id, 'CUSTOMER')
	const agent = await createUser(prisma, { kind: 'STAFF', staffRole: 'AGENT' })
	cookies.agent = await session(agent.user.id, 'STAFF')
	cookies.dealerMember = await session(member.user.id, 'DEALER')

	const endpoint = async (viewer: Viewer) =>
		(
			await createWebhookEndpoint(
				prisma,
				viewer,
				{ url: 'https://erp.example.com/hooks', events: ['COMPLAINT_CREATED'] },
				{ allowLocalHttp: false },
			)
		).endpoint.id
	endpointA = await endpoint(dan)
	endpointB = await endpoint(bea.viewer)
})
afterAll(async () => {
	await updates?.close()
	await limits?.close()
	await db?.close()
})

/** An order of the buyer's (two lines), sold by dealer A unless said otherwise. */
async function order(dealerId: string | null = dealerA.id, customer = buyer) {
	return createOrder(db.prisma, {
		regionId: east.id,
		dealerId,
		customerId: customer.id,
		customerEmail: customer.email,
	})
}

interface Answer {
	status: number
	errors?: Array<{ message: string; extensions?: Record<string, unknown> }>
	payload: {
		complaint: null | {
			id: string
			reference: string
			status: string
			channel: string
			order: { orderNumber: string }
			orderLine: { lineNumber: number } | null
			dealer: { id: string } | null
			region: { id: string }
			attachments: Array<{ name: string }>
		}
		userErrors: Array<{ code: string; field: string[] | null; message: string }>
	} | null
}

const FILE = /* GraphQL */ `
	mutation File($input: FileComplaintInput!) {
		fileComplaint(input: $input) {
			complaint {
				id
				reference
				status
				channel
				order {
					orderNumber
				}
				orderLine {
					lineNumber
				}
				dealer {
					id
				}
				region {
					id
				}
				attachments {
					name
				}
			}
			userErrors {
				code
				field
				message
			}
		}
	}
`

type Auth = { bearer: string } | { cookie: string } | Record<string, never>

function authHeaders(auth: Auth): Record<string, string> {
	if ('bearer' in auth) return { authorization: `Bearer ${auth.bearer}` }
	if ('cookie' in auth) return { cookie: auth.cookie }
	return {}
}

async function answerOf(response: Response): Promise<Answer> {
	const body = withoutCost(
		(await response.json()) as { data?: { fileComplaint: Answer['payload'] } | null; errors?: Answer['errors'] },
	)
	return { status: response.status, errors: body.errors, payload: body.data?.fileComplaint ?? null }
}

async function file(auth: Auth, input: Record<string, unknown>): Promise<Answer> {
	const response = await yoga.fetch(
		new Request('http://portal.test/graphql', {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...authHeaders(auth) },
			body: JSON.stringify({ query: FILE, variables: { input } }),
		}),
	)
	return answerOf(response)
}

/** The same mutation as a GraphQL multipart request, with `files` as its file parts. */
async function fileWithPhotos(auth: Auth, input: Record<string, unknown>, files: File[]): Promise<Answer> {
	const form = new FormData()
	form.set(
		'operations',
		JSON.stringify({ query: FILE, variables: { input: { ...input, files: files.map(() => null) } } }),
	)
	form.set('map', JSON.stringify(Object.fromEntries(files.map((_, i) => [String(i), [`variables.input.files.${i}`]]))))
	files.forEach((f, i) => form.set(String(i), f))
	const response = await yoga.fetch(
		new Request('http://portal.test/graphql', {
			method: 'POST',
			headers: { ...authHeaders(auth), 'x-graphql-csrf': '1' },
			body: form,
		}),
	)
	return answerOf(response)
}

const details = (orderNumber: string, extra: Record<string, unknown> = {}) => ({
	orderNumber,
	category: 'HANDLING_DAMAGE',
	severity: 'MINOR',
	title: 'Carton crushed on delivery',
	description: 'The outer carton was crushed and the valve handle is bent.',
	requestedRemedy: 'REPAIR',
	...extra,
})

/** Everything a filing writes, to show that a refused or repeated request wrote none of it. */
async function written() {
	const prisma = db.prisma
	const [complaints, events, outbox, deliveries, attachments, sequence, stored] = await Promise.all([
		prisma.complaint.count(),
		prisma.complaintEvent.count(),
		prisma.outboxMessage.count(),
		prisma.webhookDelivery.count(),
		prisma.attachment.count(),
		prisma.complaintSequence.findMany(),
		storedObjects(),
	])
	return { complaints, events, outbox, deliveries, attachments, sequence, stored }
}

/** The objects in storage, other than its own temp and metadata folders. */
async function storedObjects(dir = storageDir): Promise<number> {
	const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
	let count = 0
	for (const entry of entries) {
		if (entry.name.startsWith('.')) continue
		count += entry.isDirectory() ? await storedObjects(path.join(dir, entry.name)) : 1
	}
	return count
}

const complaintIdOf = (answer: Answer) => decodeGlobalID(answer.payload!.complaint!.id).id

describe('a dealer’s token', () => {
	test('files for the order’s customer: channel API, dealer and region from the order, event, clock, email, webhook', async () => {
		const sold = await order()
		const answer = await file({ bearer: secrets.danWrite }, details(sold.orderNumber, { lineNumber: 2 }))
		expect(answer.errors).toBeUndefined()
		expect(answer.payload).toEqual({
			complaint: {
				id: expect.any(String),
				reference: expect.stringMatching(/^CMP-\d{4}-\d{6}$/),
				status: 'SUBMITTED',
				channel: 'API',
				order: { orderNumber: sold.orderNumber },
				orderLine: { lineNumber: 2 },
				dealer: { id: expect.any(String) },
				region: { id: expect.any(String) },
				attachments: [],
			},
			userErrors: [],
		})
		const id = complaintIdOf(answer)
		const row = await db.prisma.complaint.findUniqueOrThrow({ where: { id }, include: { events: true } })
		expect(row).toMatchObject({
			customerId: buyer.id,
			filedById: dan.userId,
			channel: 'API',
			dealerId: dealerA.id,
			regionId: east.id,
			orderLineId: sold.lines[1]!.id,
			preferredContact: 'EMAIL',
			notifyFrequency: 'EACH_CHANGE',
			slaState: 'ON_TRACK',
		})
		expect(row.firstResponseDueAt).not.toBeNull()
		expect(row.slaDueAt).toEqual(row.firstResponseDueAt)
		expect(row.events.map((e) => [e.type, e.actorId, e.toStatus])).toEqual([['filed', dan.userId, 'SUBMITTED']])

		// the customer's "received" email, in their language, saying who filed it for them
		const emails = await db.prisma.outboxMessage.findMany({ where: { toAddress: buyer.email } })
		expect(emails).toHaveLength(1)
		expect(emails[0]).toMatchObject({
			template: 'complaint-received',
			idempotencyKey: `complaint-received:${id}`,
			subject: `We have received your complaint ${row.reference}`,
		})
		expect(emails[0]!.text).toContain('Your dealer 华东泵阀经销部 filed this complaint on your behalf.')

		// complaint.created for dealer A's endpoint only
		const deliveries = await db.prisma.webhookDelivery.findMany({
			where: { endpointId: { in: [endpointA, endpointB] } },
		})
		expect(deliveries.map((d) => [d.endpointId, d.eventType, d.status])).toEqual([
			[endpointA, 'complaint.created', 'PENDING'],
		])
		expect(deliveries[0]!.payload).toMatchObject({ complaint: { reference: row.reference } })
	})

	test('a customer who reads Chinese gets the Chinese email, with the same note', async () => {
		const chinese = (await createUser(db.prisma)).user
		const sold = await order(dealerA.id, chinese)
		const answer = await file({ bearer: secrets.danWrite }, details(sold.orderNumber))
		expect(answer.payload?.userErrors).toEqual([])
		const [email] = await db.prisma.outboxMessage.findMany({ where: { toAddress: chinese.email } })
		expect(email!.subject).toContain('我们已收到您的投诉')
		expect(email!.text).toContain('您的经销商华东泵阀经销部已代您提交此投诉。')
	})

	test('a retry with the same idempotency key returns the same complaint and writes nothing more', async () => {
		const sold = await order()
		const input = details(sold.orderNumber, { idempotencyKey: crypto.randomUUID() })
		const first = await file({ bearer: secrets.danWrite }, input)
		expect(first.payload?.userErrors).toEqual([])
		const before = await written()

		const again = await file({ bearer: secrets.danWrite }, input)
		expect(again.payload).toEqual(first.payload)
		// the dealer's member in the portal shares the dealer's keys
		const fromSession = await file({ cookie: cookies.dealerMember }, input)
		expect(fromSession.payload).toEqual(first.payload)
		expect(await written()).toEqual(before)

		// another dealer's use of the same key is its own
		const theirs = await order(dealerB.id)
		const other = await file({ bearer: secrets.beaWrite }, { ...input, orderNumber: theirs.orderNumber })
		expect(other.payload?.userErrors).toEqual([])
		expect(other.payload?.complaint?.id).not.toBe(first.payload?.complaint?.id)

		const reused = await file({ bearer: secrets.danWrite }, { ...input, title: 'Something else' })
		expect(reused.payload).toEqual({
			complaint: null,
			userErrors: [
				{
					code: 'INVALID',
					field: ['input', 'idempotencyKey'],
					message: 'This idempotency key was used for a different complaint. Use a new key for each new complaint.',
				},
			],
		})
	})

	test('every invalid field is a userError at its path, in English, and nothing is written', async () => {
		const sold = await order()
		const before = await written()
		const answer = await file(
			{ bearer: secrets.danWrite },
			{
				orderNumber: 'SO#1',
				category: 'PRODUCT_QUALITY',
				severity: 'MAJOR',
				title: '   ',
				description: 'too short',
				requestedRemedy: 'REFUND',
				preferredContact: 'PHONE',
				channel: 'PHONE',
				idempotencyKey: 'a key with spaces',
			},
		)
		expect(answer.payload).toEqual({
			complaint: null,
			userErrors: [
				{
					code: 'INVALID',
					field: ['input', 'orderNumber'],
					message:
						'An order number has only letters, digits, "-", "_" and "/": type it as printed on the order or delivery note.',
				},
				{ code: 'INVALID', field: ['input', 'title'], message: 'This field is required.' },
				{
					code: 'INVALID',
					field: ['input', 'description'],
					message: 'Please write at least 10 characters about what happened.',
				},
				{
					code: 'INVALID',
					field: ['input', 'idempotencyKey'],
					message: 'An idempotency key has 1 to 100 characters: letters, digits and punctuation, no spaces.',
				},
				{ code: 'INVALID', field: ['input', 'contactPhone'], message: 'Leave a phone number if you prefer a call.' },
				{
					code: 'INVALID',
					field: ['input', 'channel'],
					message:
						'Only staff say how a complaint reached the company; a dealer files through the API. Leave the channel out.',
				},
			],
		})

		const tooLong = await file(
			{ bearer: secrets.danWrite },
			details(sold.orderNumber, {
				title: 'x'.repeat(81),
				description: 'y'.repeat(4001),
				preferredContact: 'PHONE',
				contactPhone: 'call me',
			}),
		)
		expect(tooLong.payload?.userErrors).toEqual([
			{ code: 'INVALID', field: ['input', 'title'], message: 'The title has at most 80 characters.' },
			{ code: 'INVALID', field: ['input', 'description'], message: 'The description has at most 4,000 characters.' },
			{
				code: 'INVALID',
				field: ['input', 'contactPhone'],
				message: 'Enter a valid phone number, for example +86 138 0013 8000.',
			},
		])

		// a line of another order: this order has two lines, the other three
		const other = await createOrder(db.prisma, {
			regionId: east.id,
			dealerId: dealerA.id,
			customerId: buyer.id,
			customerEmail: buyer.email,
			lines: 3,
		})
		expect(other.lines).toHaveLength(3)
		const wrongLine = await file({ bearer: secrets.danWrite }, details(sold.orderNumber, { lineNumber: 3 }))
		expect(wrongLine.payload).toEqual({
			complaint: null,
			userErrors: [{ code: 'INVALID', field: ['input', 'lineNumber'], message: 'This order has no line 3.' }],
		})
		expect(await written()).toEqual(before)
	})

	test('another dealer’s order answers exactly as an order that does not exist, and writes nothing', async () => {
		const theirs = await order(dealerB.id)
		const direct = await order(null)
		const before = await written()
		const answers = await Promise.all(
			[theirs.orderNumber, direct.orderNumber, 'SO-1999-000000'].map((number) =>
				file({ bearer: secrets.danWrite }, details(number, { idempotencyKey: 'probe-1' })),
			),
		)
		for (const answer of answers)
			expect({ status: answer.status, errors: answer.errors, payload: answer.payload }).toEqual({
				status: 200,
				errors: undefined,
				payload: {
					complaint: null,
					userErrors: [{ code: 'NOT_FOUND', field: ['input', 'orderNumber'], message: 'Order not found.' }],
				},
			})
		expect(await written()).toEqual(before)
	})
})

describe('who may not file', () => {
	const REFUSED = {
		complaint: null,
		userErrors: [
			{
				code: 'INSUFFICIENT_AUTHORITY',
				field: null,
				message:
					'Only dealers (for orders they sold; an API token needs the WRITE_COMPLAINTS scope) and staff file complaints for customers. Customers file their own in the portal.',
			},
		],
	}

	test('a token without WRITE_COMPLAINTS, the customer themself and a regional office are refused', async () => {
		const sold = await order()
		const before = await written()
		for (const auth of [
			{ bearer: secrets.danRead },
			{ bearer: secrets.danReplies },
			{ cookie: cookies.customer },
			{ bearer: secrets.officeWrite },
		]) {
			const answer = await file(auth, details(sold.orderNumber))
			expect(answer.payload).toEqual(REFUSED)
		}
		expect(await written()).toEqual(before)
	})

	test('anonymous requests are a 401, and an invalid token too', async () => {
		const sold = await order()
		const before = await written()
		for (const auth of [{}, { bearer: 'cpt_not-a-real-token' }] as Auth[]) {
			const answer = await file(auth, details(sold.orderNumber))
			expect(answer.status).toBe(401)
			expect(answer.payload).toBeNull()
			expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
		}
		expect(await written()).toEqual(before)
	})
})

describe('staff', () => {
	test('file what reached them by phone, on any order, and the email says so', async () => {
		const direct = await order(null)
		const answer = await file({ cookie: cookies.agent }, details(direct.orderNumber, { channel: 'PHONE' }))
		expect(answer.payload?.userErrors).toEqual([])
		expect(answer.payload?.complaint).toMatchObject({ channel: 'PHONE', dealer: null })
		const id = complaintIdOf(answer)
		const email = await db.prisma.outboxMessage.findUniqueOrThrow({
			where: { idempotencyKey: `complaint-received:${id}` },
		})
		expect(email.text).toContain('Our after-sales service recorded this complaint on your behalf from your phone call.')

		const noChannel = await file({ cookie: cookies.agent }, details(direct.orderNumber))
		expect(noChannel.payload?.userErrors).toEqual([
			{ code: 'INVALID', field: ['input', 'channel'], message: 'Say how the complaint reached you: PHONE or EMAIL.' },
		])
	})
})

describe('photos', () => {
	test('are stored, attached to the complaint, and shown to the customer', async () => {
		const sold = await order()
		const jpeg = new File([new Uint8Array(await plainImage('jpeg', 64, 48))], 'crushed carton.jpg', {
			type: 'image/jpeg',
		})
		const before = await storedObjects()
		const answer = await fileWithPhotos({ bearer: secrets.danWrite }, details(sold.orderNumber), [jpeg])
		expect(answer.payload?.userErrors).toEqual([])
		expect(answer.payload?.complaint?.attachments).toEqual([{ name: 'crushed carton.jpg' }])
		const rows = await db.prisma.attachment.findMany({ where: { complaintId: complaintIdOf(answer) } })
		expect(rows).toHaveLength(1)
		expect(rows[0]).toMatchObject({ uploadedById: dan.userId, visibility: 'PUBLIC', contentType: 'image/jpeg' })
		// the cleaned image and its thumbnail
		expect(await storedObjects()).toBe(before + 2)
	})

	test('a file refused for its bytes names its index; nothing is filed and nothing stays stored', async () => {
		const sold = await order()
		const before = await written()
		const jpeg = new File([new Uint8Array(await plainImage('jpeg', 64, 48))], 'ok.jpg', { type: 'image/jpeg' })
		const fake = new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'photo.jpg', { type: 'image/jpeg' })
		const answer = await fileWithPhotos({ bearer: secrets.danWrite }, details(sold.orderNumber), [jpeg, fake])
		expect(answer.payload).toEqual({
			complaint: null,
			userErrors: [
				{
					code: 'FILE_TYPE_NOT_ACCEPTED',
					field: ['input', 'files', '1'],
					message: '"photo.jpg" is not a JPEG, PNG, WebP or HEIC image, nor a PDF.',
				},
			],
		})
		expect(await written()).toEqual(before)
	})

	test('photos of a request refused by the domain (another dealer’s order) are deleted again', async () => {
		const theirs = await order(dealerB.id)
		const before = await written()
		const jpeg = new File([new Uint8Array(await plainImage('jpeg', 64, 48))], 'ok.jpg', { type: 'image/jpeg' })
		const answer = await fileWithPhotos({ bearer: secrets.danWrite }, details(theirs.orderNumber), [jpeg])
		expect(answer.payload?.userErrors).toEqual([
			{ code: 'NOT_FOUND', field: ['input', 'orderNumber'], message: 'Order not found.' },
		])
		expect(await written()).toEqual(before)
	})

	test('a retry does not store its photos again', async () => {
		const sold = await order()
		const input = details(sold.orderNumber, { idempotencyKey: crypto.randomUUID() })
		const jpeg = () =>
			plainImage('jpeg', 64, 48).then((b) => new File([new Uint8Array(b)], 'ok.jpg', { type: 'image/jpeg' }))
		const first = await fileWithPhotos({ bearer: secrets.danWrite }, input, [await jpeg()])
		expect(first.payload?.complaint?.attachments).toHaveLength(1)
		const before = await written()
		const again = await fileWithPhotos({ bearer: secrets.danWrite }, input, [await jpeg()])
		expect(again.payload).toEqual(first.payload)
		expect(await written()).toEqual(before)
	})
})
