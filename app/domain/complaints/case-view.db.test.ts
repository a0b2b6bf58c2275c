import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import type { ComplaintCategory, ComplaintSeverity, StaffRole } from '#app/generated/prisma/enums.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createOrder, createRegion, createUser } from '#tests/fixtures.ts'
import { NotFoundError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import { routeComplaint } from './assignment.ts'
import { getCaseHead, getCaseView, type CaseView } from './case-view.ts'
import { determineResponsibility, recordFinding } from './findings.ts'
import { addNote } from './notes.ts'
import type { ComplaintDeps, StoredFile } from './ports.ts'
import { decideApproval, proposeResolution } from './proposals.ts'
import { acknowledgeComplaint, requestInformation, startInvestigation } from './staff-actions.ts'

/**
 * The staff case page's view: everything about one case, narrowed by who reads it. One case is
 * taken through acknowledgement, routing, notes, findings, responsibility and a proposal waiting
 * for its second approval; then read by staff, by the region's office, and by everyone who must
 * not see it at all.
 */

let database: Database
let deps: ComplaintDeps
const emailed: string[] = []

beforeAll(async () => {
	database = await createTestDatabase()
	deps = {
		db: database.prisma,
		notifier: {
			async complaintFiled() {},
			async publicChange(_tx, { eventId }) {
				emailed.push(eventId)
			},
		},
	}
})
afterAll(() => database.close())

let sequence = 700_000 + Math.floor(Math.random() * 90_000)

const photo = (name: string): StoredFile => ({
	kind: 'IMAGE',
	originalName: name,
	contentType: 'image/jpeg',
	byteSize: 1000,
	width: 10,
	height: 10,
	sha256: 'a'.repeat(64),
	storageKey: `test/${crypto.randomUUID()}`,
	thumbnailKey: `test/${crypto.randomUUID()}`,
})

async function organization(kind: 'DEALER' | 'REGIONAL_OFFICE', regionId: string) {
	return database.prisma.organization.create({
		data: { kind, code: `${kind}-${crypto.randomUUID().slice(0, 8)}`, name: `${kind} 华东`, regionId },
	})
}

async function complaintOn(
	order: { id: string; regionId: string; dealerId: string | null; customerId: string | null },
	options: {
		lineId?: string | null
		category?: ComplaintCategory
		severity?: ComplaintSeverity
		title?: string
		createdAt?: Date
	} = {},
) {
	const reference = `CMP-2026-${String(sequence++).padStart(6, '0')}`
	const createdAt = options.createdAt ?? new Date()
	return database.prisma.complaint.create({
		data: {
			reference,
			customerId: order.customerId!,
			filedById: order.customerId!,
			orderId: order.id,
			orderLineId: options.lineId ?? null,
			regionId: order.regionId,
			dealerId: order.dealerId,
			category: options.category ?? 'PRODUCT_QUALITY',
			severity: options.severity ?? 'MAJOR',
			title: options.title ?? '泵体渗漏',
			description: '安装后第三天，泵体接口处开始渗水，已停机。',
			requestedRemedy: 'REPLACEMENT',
			preferredContact: 'PHONE',
			contactPhone: '13800138000',
			createdAt,
			firstResponseDueAt: new Date(createdAt.getTime() + 24 * 3_600_000),
			events: { create: { type: 'filed', toStatus: 'SUBMITTED', actorId: order.customerId, createdAt } },
		},
	})
}

const staff = (role: StaffRole, name: string) => createUser(database.prisma, { kind: 'STAFF', staffRole: role, name })

type People = Record<
	| 'owner'
	| 'otherCustomer'
	| 'dealer'
	| 'office'
	| 'otherOffice'
	| 'agent'
	| 'engineer'
	| 'manager'
	| 'director'
	| 'roleless',
	{ viewer: Viewer; user: { id: string } }
>

let people: People
let reference: string
let complaintId: string
let orderNumber: string
let siblingReference: string
let otherOrderReference: string
let strangerReference: string

beforeAll(async () => {
	const region = await createRegion(database.prisma)
	const elsewhere = await createRegion(database.prisma)
	const dealerOrg = await organization('DEALER', region.id)
	const officeOrg = await organization('REGIONAL_OFFICE', region.id)
	const otherOfficeOrg = await organization('REGIONAL_OFFICE', elsewhere.id)
	people = {
		owner: await createUser(database.prisma, { name: '王建国' }),
		otherCustomer: await createUser(database.prisma, { name: '李四' }),
		dealer: await createUser(database.prisma, { kind: 'DEALER', organizationId: dealerOrg.id, name: '经销商小张' }),
		office: await createUser(database.prisma, {
			kind: 'REGIONAL_OFFICE',
			organizationId: officeOrg.id,
			name: '华东办事处',
		}),
		otherOffice: await createUser(database.prisma, {
			kind: 'REGIONAL_OFFICE',
			organizationId: otherOfficeOrg.id,
			name: '华南办事处',
		}),
		agent: await staff('AGENT', '客服小刘'),
		engineer: await staff('QUALITY_ENGINEER', '质量工程师老陈'),
		manager: await staff('REGIONAL_MANAGER', '区域经理赵'),
		director: await staff('MARKETING_DIRECTOR', '市场总监钱'),
		roleless: await createUser(database.prisma, { kind: 'STAFF', staffRole: null, name: '无角色员工' }),
	}
	const order = await createOrder(database.prisma, {
		regionId: region.id,
		customerId: people.owner.user.id,
		customerEmail: `owner-${crypto.randomUUID()}@example.com`,
		dealerId: dealerOrg.id,
	})
	orderNumber = order.orderNumber
	const secondOrder = await createOrder(database.prisma, {
		regionId: region.id,
		customerId: people.owner.user.id,
		customerEmail: `owner-${crypto.randomUUID()}@example.com`,
	})
	const strangersOrder = await createOrder(database.prisma, {
		regionId: region.id,
		customerId: people.otherCustomer.user.id,
		customerEmail: `other-${crypto.randomUUID()}@example.com`,
	})
	await database.prisma.user.update({ where: { id: people.owner.user.id }, data: { isKeyAccount: true } })

	const filedAt = new Date(Date.now() - 3_600_000)
	const complaint = await complaintOn(order, { lineId: order.lines[1]!.id, createdAt: filedAt })
	complaintId = complaint.id
	reference = complaint.reference
	siblingReference = (await complaintOn(order, { title: '包装破损', category: 'HANDLING_DAMAGE' })).reference
	otherOrderReference = (await complaintOn(secondOrder, { title: '安装人员迟到', category: 'SERVICE_CONDUCT' }))
		.reference
	strangerReference = (await complaintOn(strangersOrder, { title: '别人的投诉' })).reference

	const { agent, engineer, manager, office } = people
	await acknowledgeComplaint(deps, agent.viewer, complaintId, { reply: '王先生您好，您的客诉已受理。' })
	await routeComplaint(deps, agent.viewer, complaintId, { department: 'QUALITY', assigneeId: engineer.user.id })
	await addNote(deps, agent.viewer, complaintId, { body: 'SECRET-INTERNAL 客户情绪激动', visibility: 'INTERNAL' })
	await addNote(deps, office.viewer, complaintId, { body: '办事处：明天上门查看', visibility: 'PARTNER' })
	await startInvestigation(deps, agent.viewer, complaintId)
	await recordFinding(deps, office.viewer, complaintId, {
		kind: 'ON_SITE_VISIT',
		occurredAt: new Date(Date.now() - 600_000),
		summary: '现场确认泵体接口渗水',
		files: [photo('现场.jpg')],
	})
	await recordFinding(deps, engineer.viewer, complaintId, {
		kind: 'SAMPLE',
		occurredAt: new Date(Date.now() - 300_000),
		summary: 'SECRET-SAMPLE 取样送检',
		sampleReference: 'LAB-2026-0042',
	})
	await determineResponsibility(deps, engineer.viewer, complaintId, {
		responsibility: 'QUALITY_DEFECT',
		summary: 'SECRET-DECISION 密封圈材料不合格',
		files: [photo('密封圈.jpg')],
	})
	// ¥8,000: the regional manager, the marketing director and (major quality) the general manager
	await proposeResolution(deps, agent.viewer, complaintId, {
		type: 'REPLACEMENT',
		summary: '免费更换泵体，运费由公司承担',
		amountMinor: 800_000,
		costBearer: 'COMPANY',
	})
	const view = await getCaseView(database.prisma, agent.viewer, reference)
	const stepId = view.proposals[0]!.approvals[0]!.id
	await decideApproval(deps, manager.viewer, complaintId, {
		stepId,
		decision: 'APPROVED',
		comment: 'SECRET-APPROVAL 同意，金额合理',
	})
})

describe('the case view', () => {
	let view: CaseView
	beforeAll(async () => {
		view = await getCaseView(database.prisma, people.agent.viewer, reference.toLowerCase())
	})

	test('shows what the customer filed, the contact, the order with its lines and the line complained about', () => {
		expect(view).toMatchObject({
			reference,
			title: '泵体渗漏',
			description: '安装后第三天，泵体接口处开始渗水，已停机。',
			status: 'INVESTIGATING',
			category: 'PRODUCT_QUALITY',
			severity: 'MAJOR',
			requestedRemedy: 'REPLACEMENT',
			contact: { name: '王建国', preferredContact: 'PHONE', contactPhone: '13800138000' },
			filedBy: null,
			department: 'QUALITY',
			assignee: { id: people.engineer.user.id, name: '质量工程师老陈' },
			responsibility: 'QUALITY_DEFECT',
			dealer: { name: 'DEALER 华东' },
		})
		expect(view.order.orderNumber).toBe(orderNumber)
		expect(view.order.lines.map((l) => [l.lineNumber, l.complained])).toEqual([
			[1, false],
			[2, true],
		])
		expect(view.line).toMatchObject({ productModel: 'ISG65-2', batchNumber: 'HT261001-02' })
	})

	test('shows the order’s other complaints and the customer’s history, never someone else’s', () => {
		expect(view.order.otherComplaints.map((c) => c.reference)).toEqual([siblingReference])
		expect(view.customerHistory.isKeyAccount).toBe(true)
		expect(view.customerHistory.complaints.map((c) => c.reference).sort()).toEqual(
			[siblingReference, otherOrderReference].sort(),
		)
		const all = JSON.stringify(view)
		expect(all).not.toContain(strangerReference)
	})

	test('the timeline merges events and messages, marks who may read each, and records before and after', () => {
		const types = view.timeline.map((i) => i.type)
		expect(types).toEqual(
			expect.arrayContaining([
				'filed',
				'acknowledged',
				'routed',
				'note',
				'status_changed',
				'finding_recorded',
				'responsibility_determined',
				'approval_requested',
				'approval_decided',
			]),
		)
		// oldest first
		const times = view.timeline.map((i) => i.at.getTime())
		expect(times).toEqual([...times].sort((a, b) => a - b))

		const acknowledged = view.timeline.find((i) => i.type === 'acknowledged')!
		expect(acknowledged.visibility).toBe('PUBLIC')
		expect(acknowledged.message?.body).toBe('王先生您好，您的客诉已受理。')
		expect(acknowledged.actor).toMatchObject({ name: '客服小刘', side: 'company', staffRole: 'AGENT' })
		expect(acknowledged.changes?.status).toEqual({ before: 'SUBMITTED', after: 'ACKNOWLEDGED' })
		expect(acknowledged.version).toBe(2)

		const routed = view.timeline.find((i) => i.type === 'routed')!
		expect(routed.visibility).toBe('INTERNAL')
		// the assignee by name, as they were then, not by id
		expect(routed.changes).toEqual({
			department: { before: null, after: 'QUALITY' },
			assignee: { before: null, after: '质量工程师老陈' },
		})

		const notes = view.timeline.filter((i) => i.type === 'note')
		expect(notes.map((n) => [n.visibility, n.message?.body])).toEqual([
			['INTERNAL', 'SECRET-INTERNAL 客户情绪激动'],
			['PARTNER', '办事处：明天上门查看'],
		])
		expect(notes[1]!.actor).toMatchObject({ side: 'partner', organization: 'REGIONAL_OFFICE 华东' })

		const decided = view.timeline.find((i) => i.type === 'approval_decided' && i.data.comment !== undefined)
		expect(decided?.visibility).toBe('INTERNAL')
	})

	test('findings with their evidence, and the proposal with its approval steps and comments', () => {
		expect(view.findings.map((f) => [f.kind, f.author])).toEqual([
			['ON_SITE_VISIT', '华东办事处'],
			['SAMPLE', '质量工程师老陈'],
			['RESPONSIBILITY', '质量工程师老陈'],
		])
		expect(view.findings[0]!.attachments).toMatchObject([{ originalName: '现场.jpg', kind: 'IMAGE' }])
		expect(view.findings[1]!.sampleReference).toBe('LAB-2026-0042')
		expect(view.findings[2]).toMatchObject({ responsibility: 'QUALITY_DEFECT' })
		expect(view.findings[2]!.attachments.map((a) => a.originalName)).toEqual(['密封圈.jpg'])
		// evidence sits on its finding, not among the customer's own photos
		expect(view.attachments).toEqual([])

		expect(view.proposals).toHaveLength(1)
		const proposal = view.proposals[0]!
		expect(proposal).toMatchObject({
			type: 'REPLACEMENT',
			amountMinor: 800_000,
			costBearer: 'COMPANY',
			status: 'PENDING_APPROVAL',
			proposedBy: '客服小刘',
		})
		expect(proposal.approvals.map((s) => [s.approverRole, s.decision])).toEqual([
			['REGIONAL_MANAGER', 'APPROVED'],
			['MARKETING_DIRECTOR', 'PENDING'],
			['GENERAL_MANAGER', 'PENDING'],
		])
		expect(proposal.approvals[0]).toMatchObject({ decidedBy: '区域经理赵', comment: 'SECRET-APPROVAL 同意，金额合理' })
	})

	test('the service-level clocks: first response met, the promise and the running clock', () => {
		expect(view.clocks.firstResponse.met).toBe(true)
		expect(view.clocks.firstResponse.overdue).toBe(false)
		expect(view.clocks.firstResponse.respondedAt).toBeInstanceOf(Date)
		expect(view.clocks.promisedBy).toBeInstanceOf(Date)
		expect(view.clocks.running?.dueAt).toBeInstanceOf(Date)
		expect(view.clocks.state).toBe('ON_TRACK')
		expect(view.clocks.pausedSince).toBeNull()
	})

	test('waiting on the customer, the clock is paused and says since when', async () => {
		const order = await createOrder(database.prisma, {
			regionId: (await createRegion(database.prisma)).id,
			customerId: people.owner.user.id,
			customerEmail: `owner-${crypto.randomUUID()}@example.com`,
		})
		const complaint = await complaintOn(order, { severity: 'MINOR', category: 'OTHER' })
		const late = await complaintOn(order, { createdAt: new Date(Date.now() - 48 * 3_600_000) })
		await acknowledgeComplaint(deps, people.agent.viewer, complaint.id, { reply: '已受理。' })
		await requestInformation(deps, people.agent.viewer, complaint.id, { message: '请提供铭牌照片。' })
		const waiting = await getCaseView(database.prisma, people.agent.viewer, complaint.reference)
		expect(waiting.status).toBe('WAITING_ON_CUSTOMER')
		expect(waiting.clocks.pausedSince).toBeInstanceOf(Date)
		expect(waiting.clocks.running).toBeNull()

		const overdue = await getCaseView(database.prisma, people.agent.viewer, late.reference)
		expect(overdue.clocks.firstResponse).toMatchObject({ met: null, overdue: true, respondedAt: null })
	})
})

describe('who reads what', () => {
	test('the region’s office sees the case without internal items, others’ findings or approvals', async () => {
		const view = await getCaseView(database.prisma, people.office.viewer, reference)
		expect(view.reference).toBe(reference)
		expect(view.timeline.length).toBeGreaterThan(0)
		expect(view.timeline.every((i) => i.visibility !== 'INTERNAL')).toBe(true)
		expect(view.timeline.some((i) => i.visibility === 'PARTNER' && i.message?.body === '办事处：明天上门查看')).toBe(
			true,
		)
		// its own visit, with its photo; not the company's sample, decision, proposal or comments
		expect(view.findings.map((f) => f.kind)).toEqual(['ON_SITE_VISIT'])
		expect(view.findings[0]!.attachments).toHaveLength(1)
		expect(view.proposals).toEqual([])
		const all = JSON.stringify(view)
		for (const secret of ['SECRET-INTERNAL', 'SECRET-SAMPLE', 'SECRET-DECISION', 'SECRET-APPROVAL'])
			expect(all, secret).not.toContain(secret)
	})

	test('an offered proposal: the office sees it and its steps, without the approvers’ comments', async () => {
		const order = await createOrder(database.prisma, {
			regionId: people.office.viewer.regionId!,
			customerId: people.owner.user.id,
			customerEmail: `owner-${crypto.randomUUID()}@example.com`,
		})
		const complaint = await complaintOn(order, { category: 'HANDLING_DAMAGE', severity: 'MINOR' })
		const { agent, manager } = people
		await acknowledgeComplaint(deps, agent.viewer, complaint.id, { reply: '已受理。' })
		await startInvestigation(deps, agent.viewer, complaint.id)
		await determineResponsibility(deps, agent.viewer, complaint.id, {
			responsibility: 'TRANSPORT_DAMAGE',
			summary: '外包装有叉车痕迹',
		})
		await proposeResolution(deps, agent.viewer, complaint.id, {
			type: 'REPAIR',
			summary: '上门修复',
			amountMinor: 10_000,
			costBearer: 'CARRIER',
		})
		const pending = await getCaseView(database.prisma, agent.viewer, complaint.reference)
		await decideApproval(deps, manager.viewer, complaint.id, {
			stepId: pending.proposals[0]!.approvals[0]!.id,
			decision: 'APPROVED',
			comment: 'SECRET-OK 承运方已同意赔付',
		})

		const staffView = await getCaseView(database.prisma, agent.viewer, complaint.reference)
		expect(staffView.status).toBe('RESOLUTION_PROPOSED')
		expect(staffView.resolution).toEqual({
			type: 'REPAIR',
			summary: '上门修复',
			amountMinor: 10_000,
			currency: 'CNY',
			costBearer: 'CARRIER',
		})
		expect(staffView.proposals[0]!.approvals[0]!.comment).toBe('SECRET-OK 承运方已同意赔付')

		const officeView = await getCaseView(database.prisma, people.office.viewer, complaint.reference)
		expect(officeView.proposals.map((p) => p.status)).toEqual(['OFFERED'])
		expect(officeView.proposals[0]!.approvals).toMatchObject([
			{ approverRole: 'REGIONAL_MANAGER', decision: 'APPROVED', comment: null },
		])
		expect(JSON.stringify(officeView)).not.toContain('SECRET-OK')
	})

	test('customers, dealers, another region’s office and staff without a role: not found', async () => {
		for (const who of ['owner', 'otherCustomer', 'dealer', 'otherOffice', 'roleless'] as const) {
			await expect(getCaseView(database.prisma, people[who].viewer, reference), who).rejects.toBeInstanceOf(
				NotFoundError,
			)
			await expect(getCaseHead(database.prisma, people[who].viewer, reference), who).rejects.toBeInstanceOf(
				NotFoundError,
			)
		}
		for (const missing of ['CMP-2026-000000', 'not-a-reference', ''])
			await expect(getCaseView(database.prisma, people.agent.viewer, missing)).rejects.toBeInstanceOf(NotFoundError)
	})

	test('every staff role reads the whole case; the head carries the version and workflow state', async () => {
		for (const who of ['agent', 'engineer', 'manager', 'director'] as const) {
			const view = await getCaseView(database.prisma, people[who].viewer, reference)
			expect(
				view.timeline.some((i) => i.visibility === 'INTERNAL'),
				who,
			).toBe(true)
		}
		const head = await getCaseHead(database.prisma, people.agent.viewer, reference)
		const { version } = await database.prisma.complaint.findUniqueOrThrow({ where: { id: complaintId } })
		expect(head).toMatchObject({
			id: complaintId,
			reference,
			version,
			state: { status: 'INVESTIGATING', responsibility: 'QUALITY_DEFECT', pendingApproverRole: 'MARKETING_DIRECTOR' },
		})
	})
})
