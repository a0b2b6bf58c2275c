import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import { DomainValidationError, WorkflowRefusedError } from '#app/domain/errors.ts'
import { determineResponsibility } from '#app/domain/complaints/findings.ts'
import type { ComplaintDeps, StoredFile } from '#app/domain/complaints/ports.ts'
import type { ComplaintCategory } from '#app/generated/prisma/enums.ts'
import { investigatingComplaint, seedApprovalWorld, type ApprovalWorld } from '#tests/approval-fixtures.ts'
import { createTestContext } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { complaintDeps } from './deps.server.ts'
import { qualityDecisionKey } from './quality-notifier.server.ts'

/**
 * The general managers' email about product-quality responsibility decisions (DESIGN.md §5),
 * through the real command (findings.ts determineResponsibility) and the app's notifier: the
 * emails are read from the outbox.
 */

let database: Database
let deps: ComplaintDeps
let world: ApprovalWorld
/** a second general manager, who reads English */
let englishManager: { id: string; email: string; name: string }

beforeAll(async () => {
	database = await createTestDatabase()
	deps = complaintDeps(createTestContext(database))
	world = await seedApprovalWorld(database.prisma)
	englishManager = await database.prisma.user.create({
		data: {
			email: `gm-en-${randomUUID()}@example.com`,
			name: 'Grace Miller',
			kind: 'STAFF',
			staffRole: 'GENERAL_MANAGER',
			locale: 'en',
			passwordHash: 'not-a-hash',
			emailVerifiedAt: new Date(),
		},
		select: { id: true, email: true, name: true },
	})
})
afterAll(() => database.close())

const db = () => database.prisma

const file = (kind: 'IMAGE' | 'PDF'): StoredFile => ({
	kind,
	originalName: kind === 'IMAGE' ? '砂眼.jpg' : '检测报告.pdf',
	contentType: kind === 'IMAGE' ? 'image/jpeg' : 'application/pdf',
	byteSize: 2048,
	width: kind === 'IMAGE' ? 640 : null,
	height: kind === 'IMAGE' ? 480 : null,
	sha256: 'c'.repeat(64),
	storageKey: `test/${randomUUID()}`,
	thumbnailKey: null,
})

/** An investigating complaint of the category, about one order line, no responsibility yet. */
async function complaintAbout(category: ComplaintCategory) {
	const complaint = await investigatingComplaint(db(), world, { category, responsibility: null })
	const line = await db().orderLine.create({
		data: {
			orderId: complaint.orderId,
			lineNumber: 1,
			productModel: 'CP-50',
			productName: '不锈钢离心泵',
			batchNumber: 'B2026-1107-03',
			quantity: 4,
		},
	})
	return db().complaint.update({ where: { id: complaint.id }, data: { orderLineId: line.id } })
}

const qualityEmails = (reference: string) =>
	db().outboxMessage.findMany({
		where: { template: 'quality-decision', subject: { contains: reference } },
		orderBy: [{ createdAt: 'asc' }, { toAddress: 'asc' }],
	})

describe('a product-quality decision', () => {
	test('emails every general manager, in their language, with what was decided, by whom and why', async () => {
		const managers = await db().user.findMany({ where: { staffRole: 'GENERAL_MANAGER' }, orderBy: { id: 'asc' } })
		expect(managers.map((m) => m.email).sort()).toEqual([world.general.email, englishManager.email].sort())

		const complaint = await complaintAbout('PRODUCT_QUALITY')
		const { findingId } = await determineResponsibility(deps, world.quality.viewer, complaint.id, {
			responsibility: 'QUALITY_DEFECT',
			summary: '泵体铸件有砂眼，属同批次铸造缺陷，非安装或使用原因。',
			files: [file('IMAGE'), file('IMAGE'), file('PDF')],
			expectedVersion: complaint.version,
		})

		const emails = await qualityEmails(complaint.reference)
		expect(emails).toHaveLength(2)
		const byRecipient = new Map(emails.map((e) => [e.toAddress, e]))
		expect([...byRecipient.keys()].sort()).toEqual([world.general.email, englishManager.email].sort())
		for (const m of managers)
			expect(byRecipient.get(m.email)).toMatchObject({
				idempotencyKey: qualityDecisionKey(findingId, m.id),
				status: 'PENDING',
			})

		// 王总 has no locale: the company's language
		const zh = byRecipient.get(world.general.email)!
		expect(zh.subject).toBe(`产品质量问题责任判定通知：${complaint.reference}`)
		for (const part of [
			'尊敬的王总，您好：',
			`品管部质量工程师周工已对产品质量客诉 ${complaint.reference}（“泵体渗漏”）作出责任判定。`,
			'客户：王芳',
			'区域：华东大区',
			'产品：不锈钢离心泵（型号 CP-50）',
			'批号：B2026-1107-03',
			'责任判定：产品质量问题',
			'判定人：品管部质量工程师周工',
			// two photos; the PDF report is not a photo
			'证据照片：2 张',
			'泵体铸件有砂眼，属同批次铸造缺陷，非安装或使用原因。',
			`http://portal.test/staff/complaints/${complaint.reference}`,
		])
			expect(zh.text).toContain(part)
		expect(zh.html).toContain(`href="http://portal.test/staff/complaints/${complaint.reference}"`)

		const en = byRecipient.get(englishManager.email)!
		expect(en.subject).toBe(`Product-quality responsibility decided: ${complaint.reference}`)
		for (const part of [
			'Dear Grace Miller,',
			`周工 (Quality engineer) has decided who is responsible for the product-quality complaint ${complaint.reference}`,
			'Customer: 王芳',
			'Region: East China',
			'Product: 不锈钢离心泵 (model CP-50)',
			'Batch: B2026-1107-03',
			'Responsibility: Product quality defect',
			'Evidence photos: 2 photos',
			'泵体铸件有砂眼，属同批次铸造缺陷，非安装或使用原因。',
		])
			expect(en.text).toContain(part)
		expect(en.text).not.toContain('产品质量问题')
		expect(zh.text).not.toContain('Product quality defect')

		// nobody else hears of it, the customer least of all
		const others = [world.customer, world.quality, world.agent, world.director, world.managerEast, world.admin]
		expect(
			await db().outboxMessage.count({
				where: { template: 'quality-decision', toAddress: { in: others.map((p) => p.email) } },
			}),
		).toBe(0)
	})

	test('decided again: a new email per general manager, naming the earlier decision', async () => {
		const complaint = await complaintAbout('PRODUCT_QUALITY')
		const first = await determineResponsibility(deps, world.quality.viewer, complaint.id, {
			responsibility: 'UNDETERMINED',
			summary: '现场无法判定原因，退回总部检测。',
			files: [file('IMAGE')],
		})
		const second = await determineResponsibility(deps, world.quality.viewer, complaint.id, {
			responsibility: 'CUSTOMER_MISUSE',
			summary: '检测发现泵体超压运行，属使用不当。',
			files: [file('IMAGE')],
		})
		expect(second.findingId).not.toBe(first.findingId)

		const emails = await qualityEmails(complaint.reference)
		expect(emails).toHaveLength(4)
		const keys = emails.map((e) => e.idempotencyKey)
		expect(keys.filter((k) => k.includes(first.findingId))).toHaveLength(2)
		expect(keys.filter((k) => k.includes(second.findingId))).toHaveLength(2)

		const again = emails.filter((e) => e.idempotencyKey.includes(second.findingId))
		const zh = again.find((e) => e.toAddress === world.general.email)!
		expect(zh.text).toContain('重新作出责任判定，原判定为“责任不明”。')
		expect(zh.text).toContain('责任判定：客户使用不当')
		expect(zh.text).toContain('检测发现泵体超压运行，属使用不当。')
		expect(zh.text).toContain('证据照片：1 张')
		const en = again.find((e) => e.toAddress === englishManager.email)!
		expect(en.text).toContain('The earlier decision was “Not yet clear”.')
		expect(en.text).toContain('Responsibility: Misuse by the customer')
		expect(en.text).toContain('Evidence photos: 1 photo')

		// the first decision's emails said it was a first decision
		const firstZh = emails.find((e) => e.idempotencyKey === qualityDecisionKey(first.findingId, world.general.id))!
		expect(firstZh.text).toContain('作出责任判定。')
		expect(firstZh.text).not.toContain('原判定')
	})
})

describe('no email', () => {
	test('for a decision on another category (handling damage)', async () => {
		const complaint = await complaintAbout('HANDLING_DAMAGE')
		const { findingId } = await determineResponsibility(deps, world.agent.viewer, complaint.id, {
			responsibility: 'TRANSPORT_DAMAGE',
			summary: '外包装破损，属运输途中挤压。',
			files: [file('IMAGE')],
		})
		// the decision is recorded, only nobody is emailed about it
		const after = await db().complaint.findUniqueOrThrow({ where: { id: complaint.id } })
		expect(after.responsibility).toBe('TRANSPORT_DAMAGE')
		expect(await db().complaintFinding.count({ where: { id: findingId } })).toBe(1)
		expect(await qualityEmails(complaint.reference)).toEqual([])
		expect(
			await db().outboxMessage.count({ where: { idempotencyKey: { startsWith: `quality-decision:${findingId}` } } }),
		).toBe(0)
	})

	test('for a refused decision: no evidence photo, or not the quality department', async () => {
		const complaint = await complaintAbout('PRODUCT_QUALITY')
		const withoutPhoto = await determineResponsibility(deps, world.quality.viewer, complaint.id, {
			responsibility: 'QUALITY_DEFECT',
			summary: '铸件缺陷。',
			files: [file('PDF')],
		}).catch((error: unknown) => error)
		expect(withoutPhoto).toBeInstanceOf(DomainValidationError)
		expect(withoutPhoto).toMatchObject({ field: 'files' })

		const notQuality = await determineResponsibility(deps, world.agent.viewer, complaint.id, {
			responsibility: 'QUALITY_DEFECT',
			summary: '铸件缺陷。',
			files: [file('IMAGE')],
		}).catch((error: unknown) => error)
		expect(notQuality).toBeInstanceOf(WorkflowRefusedError)
		expect(notQuality).toMatchObject({ code: 'QUALITY_DECIDES' })

		const after = await db().complaint.findUniqueOrThrow({ where: { id: complaint.id } })
		expect(after).toMatchObject({ responsibility: null, version: complaint.version })
		expect(await db().complaintFinding.count({ where: { complaintId: complaint.id } })).toBe(0)
		expect(await qualityEmails(complaint.reference)).toEqual([])
	})
})
