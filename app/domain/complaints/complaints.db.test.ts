import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createCustomerWithOrder, createOrder, createRegion, createUser } from '#tests/fixtures.ts'
import { seedCalendarDays } from '../../../prisma/seed/calendar-days.ts'
import { DomainValidationError, InvalidTransitionError, NotFoundError } from '../errors.ts'
import { findCustomerOrder } from '../orders/customer-orders.ts'
import type { Viewer } from '../viewer.ts'
import {
	acceptResolution,
	addInformation,
	disputeResolution,
	escalateComplaint,
	withdrawComplaint,
} from './customer-actions.ts'
import { addDraftAttachment, chooseLine, chooseOrder, getDraft, saveDraftStep, startDraft } from './drafts.ts'
import { fileComplaint } from './file-complaint.ts'
import type { ComplaintDeps, ComplaintNotifier, StoredFile } from './ports.ts'
import { getAttachmentForViewer, getComplaintByReference, listMyComplaints } from './queries.ts'
import { determineResponsibility } from './findings.ts'
import { proposeResolution } from './proposals.ts'
import {
	acknowledgeComplaint,
	rejectComplaint,
	replyToCustomer,
	requestInformation,
	startInvestigation,
} from './staff-actions.ts'

let database: Database
let notified: Array<{ kind: 'filed' | 'change'; complaintId: string; eventId?: string }>
let deps: ComplaintDeps

/**
 * The notifier is the domain's port to the outbox; here it records what the commands asked
 * for, so these tests check *when* the customer is told (app/complaints tests check the emails).
 */
function recordingNotifier(): ComplaintNotifier {
	return {
		async complaintFiled(_tx, complaintId) {
			notified.push({ kind: 'filed', complaintId })
		},
		async publicChange(_tx, { complaintId, eventId }) {
			notified.push({ kind: 'change', complaintId, eventId })
		},
	}
}

beforeAll(async () => {
	database = await createTestDatabase()
	notified = []
	deps = { db: database.prisma, notifier: recordingNotifier() }
})
afterAll(() => database.close())

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

async function readyDraft(viewer: Viewer, orderNumber: string) {
	const { id } = await startDraft(deps, viewer)
	await chooseOrder(deps, viewer, id, orderNumber)
	const draft = await getDraft(deps, viewer, id)
	await chooseLine(deps, viewer, id, draft.order!.lines[0]!.id)
	await saveDraftStep(deps, viewer, id, {
		category: 'PRODUCT_QUALITY',
		severity: 'MAJOR',
		title: '泵体渗漏',
		description: '安装后第三天，泵体接口处开始渗水。',
		requestedRemedy: 'REPLACEMENT',
	})
	await saveDraftStep(deps, viewer, id, { preferredContact: 'EMAIL', notifyFrequency: 'EACH_CHANGE' })
	return id
}

describe('finding the order', () => {
	test('by number however typed; another customer’s order and an unknown one look the same', async () => {
		const { customer, order } = await createCustomerWithOrder(database.prisma)
		const other = await createCustomerWithOrder(database.prisma)
		const typed = `  ${order.orderNumber.toLowerCase().replace('-', ' - ')} `
		expect((await findCustomerOrder(database.prisma, customer.viewer, typed))?.id).toBe(order.id)
		expect(await findCustomerOrder(database.prisma, customer.viewer, other.order.orderNumber)).toBeNull()
		expect(await findCustomerOrder(database.prisma, customer.viewer, 'SO-1999-000000')).toBeNull()

		const { id } = await startDraft(deps, customer.viewer)
		const refused = await chooseOrder(deps, customer.viewer, id, other.order.orderNumber).catch((e: unknown) => e)
		expect(refused).toBeInstanceOf(DomainValidationError)
		expect(refused).toMatchObject({ field: 'orderNumber', messageKey: 'validation:orderNotFound' })
	})

	test('an order recorded under a verified email is found, and becomes the customer’s on filing', async () => {
		const region = await createRegion(database.prisma)
		const email = `buyer-${crypto.randomUUID()}@example.com`
		const order = await createOrder(database.prisma, { regionId: region.id, customerEmail: email })
		const unverified = await createUser(database.prisma, { email: `x-${email}`, verified: false })
		expect(await findCustomerOrder(database.prisma, unverified.viewer, order.orderNumber)).toBeNull()

		const buyer = await createUser(database.prisma, { email })
		const draftId = await readyDraft(buyer.viewer, order.orderNumber)
		await fileComplaint(deps, buyer.viewer, draftId)
		const after = await database.prisma.order.findUniqueOrThrow({ where: { id: order.id } })
		expect(after.customerId).toBe(buyer.user.id)
	})
})

describe('filing', () => {
	test('files the draft with its photos, numbers it, and tells the customer once', async () => {
		const { customer, order } = await createCustomerWithOrder(database.prisma)
		const draftId = await readyDraft(customer.viewer, order.orderNumber)
		await addDraftAttachment(deps, customer.viewer, draftId, photo(1))
		await addDraftAttachment(deps, customer.viewer, draftId, photo(2))
		notified = []

		const filed = await fileComplaint(deps, customer.viewer, draftId)
		expect(filed.created).toBe(true)
		expect(filed.reference).toMatch(/^CMP-\d{4}-\d{6}$/)
		expect(notified).toEqual([{ kind: 'filed', complaintId: filed.complaintId }])

		const detail = await getComplaintByReference(database.prisma, customer.viewer, filed.reference.toLowerCase())
		expect(detail).toMatchObject({ status: 'SUBMITTED', title: '泵体渗漏', line: { productModel: 'ISG65-1' } })
		expect(detail.attachments.map((a) => a.originalName)).toEqual(['photo-1.jpg', 'photo-2.jpg'])
		expect(detail.timeline.map((t) => t.type)).toEqual(['filed'])
		expect(detail.nextStep.dueAt).not.toBeNull()
		expect(await database.prisma.complaintDraft.count({ where: { id: draftId } })).toBe(0)
	})

	test('submitting twice, one after the other or at once, files one complaint', async () => {
		const { customer, order } = await createCustomerWithOrder(database.prisma)
		const first = await readyDraft(customer.viewer, order.orderNumber)
		const a = await fileComplaint(deps, customer.viewer, first)
		const b = await fileComplaint(deps, customer.viewer, first)
		expect(b).toEqual({ ...a, created: false })

		const second = await readyDraft(customer.viewer, order.orderNumber)
		const results = await Promise.all([1, 2, 3].map(() => fileComplaint(deps, customer.viewer, second)))
		expect(new Set(results.map((r) => r.reference)).size).toBe(1)
		expect(results.filter((r) => r.created)).toHaveLength(1)
		expect(await database.prisma.complaint.count({ where: { customerId: customer.user.id } })).toBe(2)
	})

	test('an incomplete draft names the missing step; someone else’s draft is not found', async () => {
		const { customer, order } = await createCustomerWithOrder(database.prisma)
		const other = await createCustomerWithOrder(database.prisma)
		const { id } = await startDraft(deps, customer.viewer)
		await chooseOrder(deps, customer.viewer, id, order.orderNumber)
		await expect(fileComplaint(deps, customer.viewer, id)).rejects.toMatchObject({
			messageKey: 'validation:draftIncomplete',
			params: { step: 'line' },
		})
		await expect(getDraft(deps, other.customer.viewer, id)).rejects.toBeInstanceOf(NotFoundError)
		await expect(fileComplaint(deps, other.customer.viewer, id)).rejects.toBeInstanceOf(NotFoundError)
	})

	test('a failure halfway leaves nothing behind: no complaint, no used number, the draft intact', async () => {
		const { customer, order } = await createCustomerWithOrder(database.prisma)
		const draftId = await readyDraft(customer.viewer, order.orderNumber)
		await addDraftAttachment(deps, customer.viewer, draftId, photo(1))
		const year = new Date().getFullYear()
		const before = await database.prisma.complaintSequence.findUnique({ where: { year } })
		const failing: ComplaintDeps = {
			...deps,
			notifier: {
				...deps.notifier,
				async complaintFiled() {
					throw new Error('outbox unavailable')
				},
			},
		}
		await expect(fileComplaint(failing, customer.viewer, draftId)).rejects.toThrow('outbox unavailable')
		expect(await database.prisma.complaint.count({ where: { submissionKey: draftId } })).toBe(0)
		expect((await getDraft(deps, customer.viewer, draftId)).attachments).toHaveLength(1)
		expect(await database.prisma.complaintSequence.findUnique({ where: { year } })).toEqual(before)
	})

	test('a draft takes ten files, not eleven', async () => {
		const { customer, order } = await createCustomerWithOrder(database.prisma)
		const draftId = await readyDraft(customer.viewer, order.orderNumber)
		await Promise.all(
			Array.from({ length: 10 }, (_, i) => addDraftAttachment(deps, customer.viewer, draftId, photo(i))),
		)
		await expect(addDraftAttachment(deps, customer.viewer, draftId, photo(11))).rejects.toMatchObject({
			field: 'photos',
			messageKey: 'validation:tooManyFiles',
		})
		expect((await getDraft(deps, customer.viewer, draftId)).attachments).toHaveLength(10)
	})
})

async function filedComplaint() {
	const setup = await createCustomerWithOrder(database.prisma)
	const draftId = await readyDraft(setup.customer.viewer, setup.order.orderNumber)
	const filed = await fileComplaint(deps, setup.customer.viewer, draftId)
	const agent = await createUser(database.prisma, { kind: 'STAFF', staffRole: 'REGIONAL_MANAGER', name: '客服 王敏' })
	return { ...setup, filed, agent }
}

/**
 * Investigated to a decision: quality records the defect with a photo (a product-quality case),
 * and the general manager, whose approval a major quality case needs, offers the replacement.
 */
async function proposedTo(complaintId: string, agent: Viewer, summary: string) {
	const quality = await createUser(database.prisma, { kind: 'STAFF', staffRole: 'QUALITY_ENGINEER' })
	const manager = await createUser(database.prisma, { kind: 'STAFF', staffRole: 'GENERAL_MANAGER' })
	await acknowledgeComplaint(deps, agent, complaintId, { reply: '已受理。' })
	await startInvestigation(deps, agent, complaintId)
	await determineResponsibility(deps, quality.viewer, complaintId, {
		responsibility: 'QUALITY_DEFECT',
		summary: '泵体铸件砂眼。',
		files: [photo(9)],
	})
	await proposeResolution(deps, manager.viewer, complaintId, {
		type: 'REPLACEMENT',
		summary,
		amountMinor: 0,
		costBearer: 'COMPANY',
	})
}

describe('following a complaint', () => {
	test('another customer, and a dealer who did not sell the order, get not found everywhere', async () => {
		const { filed, customer } = await filedComplaint()
		const stranger = await createUser(database.prisma)
		const dealerOrg = await database.prisma.organization.create({
			data: { kind: 'DEALER', code: `D${crypto.randomUUID().slice(0, 8)}`, name: '别家代理' },
		})
		const dealer = await createUser(database.prisma, { kind: 'DEALER', organizationId: dealerOrg.id })
		for (const viewer of [stranger.viewer, dealer.viewer]) {
			await expect(getComplaintByReference(database.prisma, viewer, filed.reference)).rejects.toBeInstanceOf(
				NotFoundError,
			)
			await expect(addInformation(deps, viewer, filed.complaintId, { body: '你好' })).rejects.toBeInstanceOf(
				NotFoundError,
			)
			expect((await listMyComplaints(database.prisma, viewer)).total).toBe(0)
		}
		const attachment = await database.prisma.attachment.create({
			data: { ...photo(1), complaintId: filed.complaintId, uploadedById: customer.user.id },
		})
		await expect(getAttachmentForViewer(database.prisma, stranger.viewer, attachment.id)).rejects.toBeInstanceOf(
			NotFoundError,
		)
		expect(await getAttachmentForViewer(database.prisma, customer.viewer, attachment.id)).toMatchObject({
			storageKey: attachment.storageKey,
		})
	})

	test('acknowledging answers the customer in writing, stops the first-response clock and is announced', async () => {
		const { filed, customer, agent } = await filedComplaint()
		await database.prisma.complaintMessage.create({
			data: { complaintId: filed.complaintId, authorId: agent.user.id, visibility: 'INTERNAL', body: '内部：先查批次' },
		})
		notified = []
		await acknowledgeComplaint(deps, agent.viewer, filed.complaintId, { reply: '您好，我们已收到，正在安排质检。' })
		expect(notified.map((n) => n.kind)).toEqual(['change'])

		const detail = await getComplaintByReference(database.prisma, customer.viewer, filed.reference)
		expect(detail.status).toBe('ACKNOWLEDGED')
		expect(detail.timeline.map((t) => t.type)).toEqual(['filed', 'acknowledged'])
		expect(detail.timeline[1]).toMatchObject({ fromStatus: 'SUBMITTED', toStatus: 'ACKNOWLEDGED' })
		expect(detail.timeline[1]).toMatchObject({
			actor: { side: 'company' },
			message: { body: '您好，我们已收到，正在安排质检。' },
		})
		expect(JSON.stringify(detail)).not.toContain('内部')
		const staffView = await getComplaintByReference(database.prisma, agent.viewer, filed.reference)
		expect(JSON.stringify(staffView)).toContain('内部')
	})

	test('the customer adds information; a case waiting on them goes back to the company', async () => {
		const { filed, customer, agent } = await filedComplaint()
		await acknowledgeComplaint(deps, agent.viewer, filed.complaintId, { reply: '已受理。' })
		await startInvestigation(deps, agent.viewer, filed.complaintId)
		await requestInformation(deps, agent.viewer, filed.complaintId, { message: '请补充铭牌照片。' })
		notified = []
		await addInformation(deps, customer.viewer, filed.complaintId, { body: '铭牌照片见附件。', files: [photo(3)] })
		expect(notified).toEqual([])
		const detail = await getComplaintByReference(database.prisma, customer.viewer, filed.reference)
		expect(detail.status).toBe('INVESTIGATING')
		const message = detail.timeline.find((t) => t.type === 'customer_message')
		expect(message?.message?.attachments.map((a) => a.originalName)).toEqual(['photo-3.jpg'])
		expect((await listMyComplaints(database.prisma, customer.viewer, { filter: 'open' })).items[0]).toMatchObject({
			reference: filed.reference,
			waitingOn: 'company',
		})
	})

	test('accept, dispute, escalate and withdraw follow the lifecycle', async () => {
		const { filed, customer, agent } = await filedComplaint()
		await expect(acceptResolution(deps, customer.viewer, filed.complaintId)).rejects.toBeInstanceOf(
			InvalidTransitionError,
		)
		await proposedTo(filed.complaintId, agent.viewer, '免费更换泵体，运费由我司承担。')
		let detail = await getComplaintByReference(database.prisma, customer.viewer, filed.reference)
		expect(detail.actions).toEqual(['add-information', 'accept-resolution', 'dispute-resolution', 'withdraw'])
		expect(detail.resolution).toEqual({
			type: 'REPLACEMENT',
			summary: '免费更换泵体，运费由我司承担。',
			// no money involved: the page states no amount
			amountMinor: 0,
			currency: 'CNY',
			costBearer: 'COMPANY',
		})

		await disputeResolution(deps, customer.viewer, filed.complaintId, { reason: '希望退款' })
		detail = await getComplaintByReference(database.prisma, customer.viewer, filed.reference)
		expect(detail.status).toBe('ESCALATED')
		await expect(
			escalateComplaint(deps, customer.viewer, filed.complaintId, { reason: '再次' }),
		).rejects.toBeInstanceOf(InvalidTransitionError)
		await withdrawComplaint(deps, customer.viewer, filed.complaintId, { reason: '已与代理商协商解决' })
		detail = await getComplaintByReference(database.prisma, customer.viewer, filed.reference)
		expect(detail.status).toBe('CLOSED')
		expect(detail.actions).toEqual([])
		expect((await listMyComplaints(database.prisma, customer.viewer, { filter: 'finished' })).total).toBe(1)
	})

	test('rejecting needs a written reason', async () => {
		const { filed, agent } = await filedComplaint()
		await expect(rejectComplaint(deps, agent.viewer, filed.complaintId, { reason: ' ' })).rejects.toMatchObject({
			field: 'reason',
			messageKey: 'validation:required',
		})
	})

	test('a customer cannot act as staff', async () => {
		const { filed, customer } = await filedComplaint()
		await expect(
			replyToCustomer(deps, customer.viewer, filed.complaintId, { body: '我自己回复' }),
		).rejects.toMatchObject({ name: 'InsufficientAuthorityError' })
	})
})

describe('service-level clock columns (read by the SLA sweep)', () => {
	test('run from filing, move with each promise, pause while waiting on the customer', async () => {
		let now = new Date('2026-11-23T02:00:00Z') // Monday 10:00 in Shanghai
		const clocked: ComplaintDeps = { ...deps, now: () => now }
		const { customer, order } = await createCustomerWithOrder(database.prisma)
		const draftId = await readyDraft(customer.viewer, order.orderNumber)
		const filed = await fileComplaint(clocked, customer.viewer, draftId)
		const read = () => database.prisma.complaint.findUniqueOrThrow({ where: { id: filed.complaintId } })
		let row = await read()
		expect(row.slaDueAt).toEqual(new Date('2026-11-24T02:00:00Z'))
		expect(row.slaAtRiskAt).toEqual(new Date(now.getTime() + 0.8 * 24 * 3_600_000))
		expect(row.slaState).toBe('ON_TRACK')

		const agent = await createUser(database.prisma, { kind: 'STAFF', staffRole: 'AGENT' })
		now = new Date('2026-11-23T05:00:00Z')
		await acknowledgeComplaint(clocked, agent.viewer, filed.complaintId, { reply: '已受理。' })
		row = await read()
		// three working days to verify: Monday → Thursday
		expect(row.resolutionDueAt).toEqual(new Date('2026-11-26T05:00:00Z'))
		expect(row.slaDueAt).toEqual(row.resolutionDueAt)

		await startInvestigation(clocked, agent.viewer, filed.complaintId)
		await requestInformation(clocked, agent.viewer, filed.complaintId, { message: '请补充铭牌照片。' })
		row = await read()
		expect(row.slaDueAt).toBeNull()
		expect(row.resolutionDueAt).toEqual(new Date('2026-11-26T05:00:00Z'))

		// the customer answers a day later: the promise moves by the day the clock stood still
		now = new Date('2026-11-24T05:00:00Z')
		await addInformation(clocked, customer.viewer, filed.complaintId, { body: '铭牌照片已补充。' })
		row = await read()
		expect(row.status).toBe('INVESTIGATING')
		expect(row.resolutionDueAt).toEqual(new Date('2026-11-27T05:00:00Z'))
		expect(row.slaDueAt).toEqual(row.resolutionDueAt)
	})
})

describe('promises in working time', () => {
	test('a promise made the day before the National Day week lands after it, on the make-up Saturday', async () => {
		await database.prisma.$transaction((tx) => seedCalendarDays(tx))
		let now = new Date('2026-09-30T02:00:00Z') // Wednesday 10:00 in Shanghai
		const clocked: ComplaintDeps = { ...deps, now: () => now }
		const { customer, order } = await createCustomerWithOrder(database.prisma)
		const filed = await fileComplaint(clocked, customer.viewer, await readyDraft(customer.viewer, order.orderNumber))
		const agent = await createUser(database.prisma, { kind: 'STAFF', staffRole: 'AGENT' })
		now = new Date('2026-09-30T02:00:00Z')
		await acknowledgeComplaint(clocked, agent.viewer, filed.complaintId, { reply: '已受理，节后安排质检。' })
		const row = await database.prisma.complaint.findUniqueOrThrow({ where: { id: filed.complaintId } })
		// three working days of 9 hours: 8 h on 30 Sep, 1–7 Oct off, 8 and 9 Oct, then 1 h on
		// Saturday 10 Oct, a make-up working day
		expect(row.resolutionDueAt).toEqual(new Date('2026-10-10T02:00:00Z'))
		expect(row.slaDueAt).toEqual(row.resolutionDueAt)
		// at risk after 80 % of the 27 working hours: 21.6 h, i.e. 4.6 h into Friday 9 Oct (13:36 in Shanghai)
		expect(row.slaAtRiskAt).toEqual(new Date('2026-10-09T05:36:00Z'))
	})
})
