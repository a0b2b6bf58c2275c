import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import type { ApiTokenScope } from '#app/generated/prisma/enums.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createOrder, createRegion, createUser } from '#tests/fixtures.ts'
import { DomainValidationError, DomainValidationErrors, InsufficientAuthorityError, NotFoundError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import { fileForCustomer, findFiledForCustomer, type FileForCustomerCommand } from './file-for-customer.ts'
import type { ComplaintDeps, ComplaintNotifier, StoredFile } from './ports.ts'

/**
 * Filing for a customer, at the domain: who may (dealers on orders they sold, staff from a call
 * or an email), what the complaint records, every refusal, and idempotency. The notifier records
 * what the command asked for; the emails and webhooks themselves are checked through the API
 * (graphql/file-complaint.db.test.ts).
 */

let database: Database
let notified: Array<{ kind: 'filed' | 'partner'; complaintId: string; eventId?: string }>
let deps: ComplaintDeps
const NOW = new Date('2026-11-24T02:00:00Z')
const HOUR = 3_600_000

function recordingNotifier(): ComplaintNotifier {
	return {
		async complaintFiled(_tx, complaintId) {
			notified.push({ kind: 'filed', complaintId })
		},
		async publicChange() {
			throw new Error('filing is not a public change')
		},
		async partnerEvent(_tx, { complaintId, eventId }) {
			notified.push({ kind: 'partner', complaintId, eventId })
		},
	}
}

let east: { id: string }
let west: { id: string }
let dealer: Viewer
let otherDealer: Viewer
let office: Viewer
let agent: Viewer
let eastManager: Viewer
let dealerOrgId: string
let otherDealerOrgId: string

beforeAll(async () => {
	database = await createTestDatabase()
	deps = { db: database.prisma, notifier: recordingNotifier(), now: () => NOW }
	const prisma = database.prisma
	east = await createRegion(prisma)
	west = await createRegion(prisma)
	const org = (kind: 'DEALER' | 'REGIONAL_OFFICE', regionId: string) =>
		prisma.organization.create({
			data: { kind, code: `${kind}-${crypto.randomUUID().slice(0, 8)}`, name: `${kind} org`, regionId },
		})
	const dealerOrg = await org('DEALER', east.id)
	const otherDealerOrg = await org('DEALER', east.id)
	const officeOrg = await org('REGIONAL_OFFICE', east.id)
	dealerOrgId = dealerOrg.id
	otherDealerOrgId = otherDealerOrg.id
	dealer = (await createUser(prisma, { kind: 'DEALER', organizationId: dealerOrg.id })).viewer
	otherDealer = (await createUser(prisma, { kind: 'DEALER', organizationId: otherDealerOrg.id })).viewer
	office = (await createUser(prisma, { kind: 'REGIONAL_OFFICE', organizationId: officeOrg.id })).viewer
	agent = (await createUser(prisma, { kind: 'STAFF', staffRole: 'AGENT' })).viewer
	eastManager = (
		await createUser(prisma, { kind: 'STAFF', staffRole: 'REGIONAL_MANAGER', organizationId: officeOrg.id })
	).viewer
})
afterAll(() => database.close())
beforeEach(() => {
	notified = []
})

const token = (viewer: Viewer, scopes: ApiTokenScope[]): Viewer => ({ ...viewer, tokenScopes: scopes, apiTokenId: 't' })

/** A customer with an order of two lines, sold by `dealerId` in `regionId`. */
async function customerOrder({
	dealerId = dealerOrgId,
	regionId = east.id,
	keyAccount = false,
}: { dealerId?: string | null; regionId?: string; keyAccount?: boolean } = {}) {
	const customer = await createUser(database.prisma)
	if (keyAccount) await database.prisma.user.update({ where: { id: customer.user.id }, data: { isKeyAccount: true } })
	const order = await createOrder(database.prisma, {
		regionId,
		dealerId,
		customerId: customer.user.id,
		customerEmail: customer.user.email,
	})
	return { customer, order }
}

const complaint = (orderNumber: string, extra: Partial<FileForCustomerCommand> = {}): FileForCustomerCommand => ({
	orderNumber,
	category: 'PRODUCT_QUALITY',
	severity: 'MAJOR',
	title: '泵体渗漏',
	description: '安装后第三天，泵体接口处开始渗水。',
	requestedRemedy: 'REPLACEMENT',
	...extra,
})

const photo = (n: number): StoredFile => ({
	kind: 'IMAGE',
	originalName: `photo-${n}.jpg`,
	contentType: 'image/jpeg',
	byteSize: 1000,
	width: 10,
	height: 10,
	sha256: 'a'.repeat(64),
	storageKey: `test/${crypto.randomUUID()}`,
	thumbnailKey: `test/${crypto.randomUUID()}`,
})

async function counts() {
	const db = database.prisma
	const [complaints, events, attachments, sequence] = await Promise.all([
		db.complaint.count(),
		db.complaintEvent.count(),
		db.attachment.count(),
		db.complaintSequence.findUnique({ where: { year: 2026 } }),
	])
	return { complaints, events, attachments, lastUsed: sequence?.lastUsed ?? 0 }
}

async function refusal(promise: Promise<unknown>) {
	return promise.then(
		() => {
			throw new Error('expected a refusal')
		},
		(error: unknown) => error,
	)
}

describe('a dealer', () => {
	test('files for the order’s customer: channel API, the order’s dealer and region, clock, photos, one event', async () => {
		const { customer, order } = await customerOrder()
		const filed = await fileForCustomer(
			deps,
			token(dealer, ['READ_COMPLAINTS', 'WRITE_COMPLAINTS']),
			complaint(`  ${order.orderNumber.toLowerCase()} `, { lineNumber: 2, files: [photo(1), photo(2)] }),
		)
		expect(filed).toMatchObject({ created: true, reference: expect.stringMatching(/^CMP-2026-\d{6}$/) })

		const row = await database.prisma.complaint.findUniqueOrThrow({
			where: { id: filed.complaintId },
			include: { attachments: true, events: true },
		})
		expect(row).toMatchObject({
			customerId: customer.user.id,
			filedById: dealer.userId,
			channel: 'API',
			orderId: order.id,
			orderLineId: order.lines[1]!.id,
			dealerId: dealerOrgId,
			regionId: east.id,
			status: 'SUBMITTED',
			title: '泵体渗漏',
			preferredContact: 'EMAIL',
			notifyFrequency: 'EACH_CHANGE',
			contactPhone: null,
			submissionKey: null,
			isKeyAccount: false,
			createdAt: NOW,
		})
		// the default first-response target: 24 hours, at risk at 80 %
		expect(row.firstResponseDueAt).toEqual(new Date(NOW.getTime() + 24 * HOUR))
		expect(row.slaDueAt).toEqual(row.firstResponseDueAt)
		expect(row.slaAtRiskAt).toEqual(new Date(NOW.getTime() + 0.8 * 24 * HOUR))
		expect(row.attachments.map((a) => [a.originalName, a.uploadedById, a.visibility])).toEqual([
			['photo-1.jpg', dealer.userId, 'PUBLIC'],
			['photo-2.jpg', dealer.userId, 'PUBLIC'],
		])
		expect(row.events.map((e) => [e.type, e.actorId, e.toStatus, e.visibility])).toEqual([
			['filed', dealer.userId, 'SUBMITTED', 'PUBLIC'],
		])
		expect(notified).toEqual([
			{ kind: 'filed', complaintId: filed.complaintId },
			{ kind: 'partner', complaintId: filed.complaintId, eventId: row.events[0]!.id },
		])
	})

	test('a key account’s complaint runs on the key-account clock', async () => {
		const { order } = await customerOrder({ keyAccount: true })
		const filed = await fileForCustomer(deps, dealer, complaint(order.orderNumber))
		const row = await database.prisma.complaint.findUniqueOrThrow({ where: { id: filed.complaintId } })
		expect(row.isKeyAccount).toBe(true)
		expect(row.firstResponseDueAt).toEqual(new Date(NOW.getTime() + 4 * HOUR))
	})

	test('another dealer’s order, a direct sale and an unknown number are the same NotFound, and write nothing', async () => {
		const { order: theirs } = await customerOrder({ dealerId: otherDealerOrgId })
		const { order: direct } = await customerOrder({ dealerId: null })
		const before = await counts()
		const errors = await Promise.all(
			[theirs.orderNumber, direct.orderNumber, 'SO-1999-000000'].map((number) =>
				refusal(fileForCustomer(deps, dealer, complaint(number))),
			),
		)
		for (const error of errors) {
			expect(error).toBeInstanceOf(NotFoundError)
			expect(error).toMatchObject({ entity: 'Order', message: 'Order not found' })
		}
		expect(await counts()).toEqual(before)
		expect(notified).toEqual([])
	})

	test('a line is given by its number on the order; a number the order does not have is refused', async () => {
		const { order } = await customerOrder()
		const before = await counts()
		const error = await refusal(fileForCustomer(deps, dealer, complaint(order.orderNumber, { lineNumber: 3 })))
		expect(error).toMatchObject({ field: 'lineNumber', messageKey: 'validation:lineNumberNotOnOrder' })
		expect(await counts()).toEqual(before)

		const whole = await fileForCustomer(deps, dealer, complaint(order.orderNumber, { lineNumber: null }))
		const row = await database.prisma.complaint.findUniqueOrThrow({ where: { id: whole.complaintId } })
		expect(row.orderLineId).toBeNull()
	})

	test('every field at fault is reported at once, and nothing is written', async () => {
		const { order } = await customerOrder()
		const before = await counts()
		const error = await refusal(
			fileForCustomer(deps, dealer, {
				orderNumber: '订单#1',
				category: 'PRODUCT_QUALITY',
				severity: 'MAJOR',
				title: ' ',
				description: 'short',
				requestedRemedy: 'REPAIR',
				preferredContact: 'PHONE',
				idempotencyKey: 'has spaces',
				channel: 'PHONE',
				files: Array.from({ length: 11 }, (_, i) => photo(i)),
			}),
		)
		expect(error).toBeInstanceOf(DomainValidationErrors)
		const byField = Object.fromEntries(
			(error as DomainValidationErrors).errors.map((e) => [e.field, e.messageKey] as const),
		)
		expect(byField).toEqual({
			orderNumber: 'validation:orderNumberInvalid',
			title: 'validation:required',
			description: 'validation:descriptionTooShort',
			contactPhone: 'validation:phoneRequired',
			idempotencyKey: 'validation:idempotencyKeyInvalid',
			channel: 'validation:channelNotAllowed',
			files: 'validation:tooManyFiles',
		})
		const long = await refusal(
			fileForCustomer(
				deps,
				dealer,
				complaint(order.orderNumber, {
					title: 'x'.repeat(81),
					description: 'y'.repeat(4001),
					preferredContact: 'PHONE',
					contactPhone: '12ab',
					idempotencyKey: 'k'.repeat(101),
				}),
			),
		)
		expect(
			Object.fromEntries((long as DomainValidationErrors).errors.map((e) => [e.field, e.messageKey] as const)),
		).toEqual({
			title: 'validation:titleTooLong',
			description: 'validation:descriptionTooLong',
			contactPhone: 'validation:phoneInvalid',
			idempotencyKey: 'validation:idempotencyKeyInvalid',
		})
		expect(await counts()).toEqual(before)
		expect(notified).toEqual([])
	})

	test('a phone contact keeps the number, normalised as the portal does', async () => {
		const { order } = await customerOrder()
		const filed = await fileForCustomer(
			deps,
			dealer,
			complaint(order.orderNumber, {
				preferredContact: 'PHONE',
				contactPhone: '138 0013-8000',
				notifyFrequency: 'DAILY_DIGEST',
			}),
		)
		const row = await database.prisma.complaint.findUniqueOrThrow({ where: { id: filed.complaintId } })
		expect(row).toMatchObject({
			preferredContact: 'PHONE',
			contactPhone: '13800138000',
			notifyFrequency: 'DAILY_DIGEST',
		})
	})
})

describe('who may file', () => {
	test('customers, regional offices and tokens without WRITE_COMPLAINTS are refused before any order is read', async () => {
		const { customer, order } = await customerOrder()
		const before = await counts()
		const refused = [
			customer.viewer,
			office,
			token(office, ['READ_COMPLAINTS', 'WRITE_COMPLAINTS', 'WRITE_REPLIES']),
			token(dealer, ['READ_COMPLAINTS']),
			token(dealer, ['READ_COMPLAINTS', 'WRITE_REPLIES', 'WEBHOOKS']),
		]
		for (const viewer of refused) {
			const error = await refusal(fileForCustomer(deps, viewer, complaint(order.orderNumber)))
			expect(error).toBeInstanceOf(InsufficientAuthorityError)
		}
		// the same refusal for an order that does not exist: nothing is learnt about orders
		const unknown = await refusal(fileForCustomer(deps, customer.viewer, complaint('SO-1999-000000')))
		expect(unknown).toBeInstanceOf(InsufficientAuthorityError)
		expect(await counts()).toEqual(before)
	})

	test('staff file what reached them by phone or email, on any order; the channel is theirs to say', async () => {
		const { customer, order } = await customerOrder({ dealerId: null, regionId: west.id })
		const filed = await fileForCustomer(deps, agent, complaint(order.orderNumber, { channel: 'PHONE' }))
		const row = await database.prisma.complaint.findUniqueOrThrow({ where: { id: filed.complaintId } })
		expect(row).toMatchObject({
			channel: 'PHONE',
			customerId: customer.user.id,
			filedById: agent.userId,
			dealerId: null,
			regionId: west.id,
		})

		for (const channel of [undefined, 'API', 'WEB'] as const) {
			const error = await refusal(fileForCustomer(deps, agent, complaint(order.orderNumber, { channel })))
			expect((error as DomainValidationErrors).errors).toMatchObject([
				{ field: 'channel', messageKey: 'validation:channelRequired' },
			])
		}
	})

	test('a regional manager in a regional office files in their region only', async () => {
		const { order: inRegion } = await customerOrder()
		const { order: elsewhere } = await customerOrder({ regionId: west.id })
		const filed = await fileForCustomer(deps, eastManager, complaint(inRegion.orderNumber, { channel: 'EMAIL' }))
		expect(filed.created).toBe(true)
		const error = await refusal(
			fileForCustomer(deps, eastManager, complaint(elsewhere.orderNumber, { channel: 'EMAIL' })),
		)
		expect(error).toBeInstanceOf(NotFoundError)
	})
})

describe('the order’s customer', () => {
	test('an order only the ERP’s email ties to a verified account is linked to it and filed for them', async () => {
		const email = `buyer-${crypto.randomUUID()}@example.com`
		const order = await createOrder(database.prisma, { regionId: east.id, dealerId: dealerOrgId, customerEmail: email })
		const buyer = await createUser(database.prisma, { email })
		const filed = await fileForCustomer(deps, dealer, complaint(order.orderNumber))
		const row = await database.prisma.complaint.findUniqueOrThrow({ where: { id: filed.complaintId } })
		expect(row.customerId).toBe(buyer.user.id)
		expect((await database.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).customerId).toBe(buyer.user.id)
	})

	test('a customer with no account, or an unverified one, must sign up first', async () => {
		const email = `nobody-${crypto.randomUUID()}@example.com`
		const order = await createOrder(database.prisma, { regionId: east.id, dealerId: dealerOrgId, customerEmail: email })
		const before = await counts()
		const error = await refusal(fileForCustomer(deps, dealer, complaint(order.orderNumber)))
		expect(error).toBeInstanceOf(DomainValidationError)
		expect(error).toMatchObject({ field: 'orderNumber', messageKey: 'validation:customerNotRegistered' })

		await createUser(database.prisma, { email, verified: false })
		const again = await refusal(fileForCustomer(deps, dealer, complaint(order.orderNumber)))
		expect(again).toMatchObject({ field: 'orderNumber', messageKey: 'validation:customerNotRegistered' })
		expect(await counts()).toEqual(before)
		expect((await database.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).customerId).toBeNull()
	})
})

describe('idempotency', () => {
	test('a retry with the same key returns the same complaint and writes nothing', async () => {
		const { order } = await customerOrder()
		const key = crypto.randomUUID()
		const first = await fileForCustomer(deps, dealer, complaint(order.orderNumber, { idempotencyKey: key }))
		const row = await database.prisma.complaint.findUniqueOrThrow({ where: { id: first.complaintId } })
		expect(row.submissionKey).toBe(`org:${dealerOrgId}:${key}`)
		const before = await counts()
		notified = []

		// another member's token of the same dealer shares the key space
		const colleague = (await createUser(database.prisma, { kind: 'DEALER', organizationId: dealerOrgId })).viewer
		const again = await fileForCustomer(
			deps,
			token(colleague, ['READ_COMPLAINTS', 'WRITE_COMPLAINTS']),
			complaint(order.orderNumber.toLowerCase(), { idempotencyKey: key, files: [photo(9)] }),
		)
		expect(again).toEqual({ ...first, created: false })
		expect(await findFiledForCustomer(deps, dealer, complaint(order.orderNumber, { idempotencyKey: key }))).toEqual(
			again,
		)
		expect(await counts()).toEqual(before)
		expect(notified).toEqual([])
	})

	test('requests with one key at once file one complaint', async () => {
		const { order } = await customerOrder()
		const key = crypto.randomUUID()
		const results = await Promise.all(
			[1, 2, 3].map(() => fileForCustomer(deps, dealer, complaint(order.orderNumber, { idempotencyKey: key }))),
		)
		expect(new Set(results.map((r) => r.complaintId)).size).toBe(1)
		expect(results.filter((r) => r.created)).toHaveLength(1)
		expect(await database.prisma.complaint.count({ where: { orderId: order.id } })).toBe(1)
	})

	test('two dealers’ keys never meet: the same key files for each, and neither learns of the other', async () => {
		const { order: ours } = await customerOrder()
		const { order: theirs } = await customerOrder({ dealerId: otherDealerOrgId })
		const key = 'erp-42'
		const a = await fileForCustomer(deps, dealer, complaint(ours.orderNumber, { idempotencyKey: key }))
		expect(
			await findFiledForCustomer(deps, otherDealer, complaint(ours.orderNumber, { idempotencyKey: key })),
		).toBeNull()
		const b = await fileForCustomer(deps, otherDealer, complaint(theirs.orderNumber, { idempotencyKey: key }))
		expect(b.created).toBe(true)
		expect(b.complaintId).not.toBe(a.complaintId)
		// staff keys are each person's own
		const c = await fileForCustomer(deps, agent, complaint(ours.orderNumber, { idempotencyKey: key, channel: 'PHONE' }))
		expect(c.created).toBe(true)
	})

	test('a key reused for a different complaint is refused, not answered with the first one', async () => {
		const { order } = await customerOrder()
		const key = crypto.randomUUID()
		await fileForCustomer(deps, dealer, complaint(order.orderNumber, { idempotencyKey: key }))
		const before = await counts()
		for (const change of [{ title: '另一件事' }, { lineNumber: 1 }, { severity: 'MINOR' as const }]) {
			const error = await refusal(
				fileForCustomer(deps, dealer, complaint(order.orderNumber, { idempotencyKey: key, ...change })),
			)
			expect(error).toMatchObject({ field: 'idempotencyKey', messageKey: 'validation:idempotencyKeyReused' })
		}
		expect(await counts()).toEqual(before)
	})
})

test('a failure halfway leaves nothing behind: no complaint, no used number, no photo rows', async () => {
	const { order } = await customerOrder()
	const before = await counts()
	const failing: ComplaintDeps = {
		...deps,
		notifier: {
			...deps.notifier,
			async complaintFiled() {
				throw new Error('outbox unavailable')
			},
		},
	}
	await expect(
		fileForCustomer(failing, dealer, complaint(order.orderNumber, { idempotencyKey: 'k1', files: [photo(1)] })),
	).rejects.toThrow('outbox unavailable')
	expect(await counts()).toEqual(before)
})
