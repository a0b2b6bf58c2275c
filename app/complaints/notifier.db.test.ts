import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import { createTestDatabase } from '#tests/db.ts'
import { addMessage, changeStatus, seedComplaint } from './notification-fixtures.ts'
import { createComplaintNotifier } from './notifier.server.ts'

let db: Database
beforeAll(async () => {
	db = await createTestDatabase()
})
afterAll(() => db.close())

const appUrl = 'https://portal.test'
const notifier = createComplaintNotifier({ appUrl })
class Rollback extends Error {}

const emailsTo = (to: string) =>
	db.prisma.outboxMessage.findMany({ where: { toAddress: to }, orderBy: { createdAt: 'asc' } })

describe('complaintFiled', () => {
	test('enqueues complaint-received once, in Chinese by default, with the record read back', async () => {
		const { customer, complaint, order } = await seedComplaint(db.prisma)
		await db.prisma.$transaction((tx) => notifier.complaintFiled(tx, complaint.id))
		// a command retried after a lost response: still one email
		await db.prisma.$transaction((tx) => notifier.complaintFiled(tx, complaint.id))
		const emails = await emailsTo(customer.email)
		expect(emails).toHaveLength(1)
		const [email] = emails
		expect(email).toMatchObject({
			template: 'complaint-received',
			idempotencyKey: `complaint-received:${complaint.id}`,
			subject: `我们已收到您的投诉 ${complaint.reference}`,
			status: 'PENDING',
		})
		expect(email!.text).toContain(`${appUrl}/complaints/${complaint.reference}`)
		expect(email!.text).toContain(`订单号：${order.orderNumber}`)
		expect(email!.text).toContain('普通硅酸盐水泥 P.O 42.5（型号 PO42.5-50KG，批号 B2026-1107-03）')
		expect(email!.text).toContain('投诉类别：运输、储存或搬运造成的损坏')
		expect(email!.text).toContain('您的处理要求：更换')
		// filed 10:00 in Shanghai, first response within 24 h
		expect(email!.text).toContain('24 小时内给您首次书面答复，最迟不晚于 2026年11月24日 10:00（GMT+8）')
	})

	test('speaks English to an English-speaking key account, promising 4 hours', async () => {
		const { customer, complaint } = await seedComplaint(db.prisma, { locale: 'en', isKeyAccount: true })
		await db.prisma.$transaction((tx) => notifier.complaintFiled(tx, complaint.id))
		const [email] = await emailsTo(customer.email)
		expect(email!.subject).toBe(`We have received your complaint ${complaint.reference}`)
		expect(email!.text).toContain('within 4 hours, by November 23, 2026 at 14:00 (GMT+8)')
	})

	test('states the configured first-response target, not a constant', async () => {
		const target = { clock: 'FIRST_RESPONSE', keyAccount: false } as const
		const before = await db.prisma.serviceLevelTarget.findUniqueOrThrow({ where: { clock_keyAccount: target } })
		await db.prisma.serviceLevelTarget.update({
			where: { clock_keyAccount: target },
			data: { amount: 8, unit: 'WORKING_HOURS' },
		})
		try {
			const zh = await seedComplaint(db.prisma)
			const en = await seedComplaint(db.prisma, { locale: 'en' })
			// a key account keeps its own target
			const key = await seedComplaint(db.prisma, { locale: 'en', isKeyAccount: true })
			for (const { complaint } of [zh, en, key])
				await db.prisma.$transaction((tx) => notifier.complaintFiled(tx, complaint.id))
			const [zhEmail] = await emailsTo(zh.customer.email)
			expect(zhEmail!.text).toContain('并在 8 个工作小时内给您首次书面答复')
			expect(zhEmail!.text).not.toContain('24 小时')
			const [enEmail] = await emailsTo(en.customer.email)
			expect(enEmail!.text).toContain('a first response in writing within 8 working hours, by')
			const [keyEmail] = await emailsTo(key.customer.email)
			expect(keyEmail!.text).toContain('within 4 hours, by')
		} finally {
			await db.prisma.serviceLevelTarget.update({
				where: { clock_keyAccount: target },
				data: { amount: before.amount, unit: before.unit },
			})
		}
	})

	test('enqueues nothing when the filing transaction rolls back', async () => {
		const { customer, complaint } = await seedComplaint(db.prisma)
		await expect(
			db.prisma.$transaction(async (tx) => {
				await notifier.complaintFiled(tx, complaint.id)
				throw new Rollback()
			}),
		).rejects.toThrow(Rollback)
		expect(await emailsTo(customer.email)).toHaveLength(0)
	})
})

describe('publicChange', () => {
	test('each change: one email per public event, keyed by the event', async () => {
		const { customer, agent, complaint } = await seedComplaint(db.prisma, { locale: 'en' })
		const at = new Date('2026-11-23T06:15:00Z')
		const reply = await addMessage(
			db.prisma,
			complaint.id,
			agent.id,
			'We will visit on Tuesday.\nPlease keep the bags.',
			at,
		)
		await db.prisma.$transaction((tx) => notifier.publicChange(tx, { complaintId: complaint.id, eventId: reply.id }))
		const status = await db.prisma.$transaction(async (tx) => {
			const event = await changeStatus(tx, complaint, agent.id, 'WAITING_ON_CUSTOMER', new Date('2026-11-23T07:00:00Z'))
			await notifier.publicChange(tx, { complaintId: complaint.id, eventId: event.id })
			return event
		})
		// announcing the same event again (a retried command) adds nothing
		await db.prisma.$transaction((tx) => notifier.publicChange(tx, { complaintId: complaint.id, eventId: status.id }))

		const emails = await emailsTo(customer.email)
		expect(emails.map((e) => [e.template, e.idempotencyKey])).toEqual([
			['complaint-updated', `complaint-event:${reply.id}`],
			['complaint-updated', `complaint-event:${status.id}`],
		])
		const [replyEmail, statusEmail] = emails
		expect(replyEmail!.subject).toBe(`New reply on your complaint ${complaint.reference}`)
		expect(replyEmail!.text).toContain('We will visit on Tuesday.\nPlease keep the bags.')
		expect(replyEmail!.text).toContain(`${appUrl}/complaints/${complaint.reference}`)
		expect(replyEmail!.text).toContain('change how you are notified on the complaint page')
		expect(statusEmail!.subject).toBe(`Your complaint ${complaint.reference}: Waiting for information from you`)
		expect(statusEmail!.text).toContain(
			'The status changed from “Received, waiting for our first response” to “Waiting for information from you”.',
		)
		expect(statusEmail!.text).toContain('please add it on the complaint page')
	})

	test('a status change shows the promise date once the complaint row carries it', async () => {
		const { customer, agent, complaint } = await seedComplaint(db.prisma, { status: 'ACKNOWLEDGED' })
		const at = new Date('2026-11-23T07:00:00Z')
		await db.prisma.$transaction(async (tx) => {
			const event = await changeStatus(tx, complaint, agent.id, 'INVESTIGATING', at, {
				resolutionDueAt: new Date('2026-11-27T07:00:00Z'),
			})
			await notifier.publicChange(tx, { complaintId: complaint.id, eventId: event.id })
		})
		const [email] = await emailsTo(customer.email)
		expect(email!.subject).toBe(`您的投诉 ${complaint.reference} 处理进度更新：正在核实处理`)
		expect(email!.text).toContain('处理进度由“已受理”变为“正在核实处理”。')
		expect(email!.text).toContain('将在 2026年11月27日 15:00（GMT+8） 前向您反馈处理意见')
	})

	test('a proposed solution is told with its remedy and summary', async () => {
		const { customer, agent, complaint } = await seedComplaint(db.prisma, { status: 'RESOLUTION_PROPOSED' })
		const event = await db.prisma.complaintEvent.create({
			data: {
				complaintId: complaint.id,
				actorId: agent.id,
				type: 'resolution_proposed',
				fromStatus: 'INVESTIGATING',
				toStatus: 'RESOLUTION_PROPOSED',
				data: { type: 'REPLACEMENT', summary: '免费更换 6 袋，运费由我方承担。' },
			},
		})
		await db.prisma.$transaction((tx) => notifier.publicChange(tx, { complaintId: complaint.id, eventId: event.id }))
		const [email] = await emailsTo(customer.email)
		expect(email!.subject).toBe(`您的投诉 ${complaint.reference} 已有处理方案`)
		expect(email!.text).toContain('我们提出的处理方案：更换。')
		expect(email!.text).toContain('免费更换 6 袋，运费由我方承担。')
		expect(email!.text).toContain('选择接受，或告诉我们您不同意的理由')
		// no amount recorded: nothing about money
		expect(email!.text).not.toContain('金额')
	})

	test('a proposed solution with money states the amount and who pays, as the proposal recorded them', async () => {
		for (const [locale, bearer, expected] of [
			[null, 'COMPANY', ['金额：¥1,280.50', '费用：由我方承担']],
			['en', 'CUSTOMER', ['Amount: CN¥1,280.50', 'Cost: Paid by you']],
		] as const) {
			const { customer, agent, complaint } = await seedComplaint(db.prisma, { status: 'RESOLUTION_PROPOSED', locale })
			const event = await db.prisma.complaintEvent.create({
				data: {
					complaintId: complaint.id,
					actorId: agent.id,
					type: 'resolution_proposed',
					fromStatus: 'INVESTIGATING',
					toStatus: 'RESOLUTION_PROPOSED',
					// as proposals.ts writes it
					data: {
						type: 'REFUND',
						summary: '退还破损 6 袋的货款。',
						amountMinor: 128_050,
						currency: 'CNY',
						costBearer: bearer,
					},
				},
			})
			await db.prisma.$transaction((tx) => notifier.publicChange(tx, { complaintId: complaint.id, eventId: event.id }))
			const [email] = await emailsTo(customer.email)
			for (const line of expected) expect(email!.text, `${locale} ${line}`).toContain(line)
			expect(email!.text).not.toContain(bearer)
		}
	})

	test('daily digest: nothing now', async () => {
		const { customer, agent, complaint } = await seedComplaint(db.prisma, { notifyFrequency: 'DAILY_DIGEST' })
		const reply = await addMessage(db.prisma, complaint.id, agent.id, '已收到，正在核实。', new Date())
		await db.prisma.$transaction((tx) => notifier.publicChange(tx, { complaintId: complaint.id, eventId: reply.id }))
		expect(await emailsTo(customer.email)).toHaveLength(0)
	})

	test("the customer's own messages and internal notes send nothing", async () => {
		const { customer, agent, complaint } = await seedComplaint(db.prisma)
		const own = await addMessage(db.prisma, complaint.id, customer.id, '补充两张照片。', new Date(), {
			type: 'customer_message',
		})
		const internal = await addMessage(db.prisma, complaint.id, agent.id, '内部：联系物流', new Date(), {
			type: 'note',
			visibility: 'INTERNAL',
		})
		await db.prisma.$transaction(async (tx) => {
			await notifier.publicChange(tx, { complaintId: complaint.id, eventId: own.id })
			await notifier.publicChange(tx, { complaintId: complaint.id, eventId: internal.id })
		})
		expect(await emailsTo(customer.email)).toHaveLength(0)
	})

	test('enqueues nothing when the surrounding transaction rolls back', async () => {
		const { customer, agent, complaint } = await seedComplaint(db.prisma)
		await expect(
			db.prisma.$transaction(async (tx) => {
				const reply = await addMessage(tx, complaint.id, agent.id, '您好，我们明天联系您。', new Date())
				await notifier.publicChange(tx, { complaintId: complaint.id, eventId: reply.id })
				throw new Rollback()
			}),
		).rejects.toThrow(Rollback)
		expect(await emailsTo(customer.email)).toHaveLength(0)
		expect(await db.prisma.complaintEvent.count({ where: { complaintId: complaint.id, type: 'reply' } })).toBe(0)
	})

	test('refuses an event of another complaint', async () => {
		const a = await seedComplaint(db.prisma)
		const b = await seedComplaint(db.prisma)
		const reply = await addMessage(db.prisma, b.complaint.id, b.agent.id, 'x', new Date())
		await expect(
			db.prisma.$transaction((tx) => notifier.publicChange(tx, { complaintId: a.complaint.id, eventId: reply.id })),
		).rejects.toThrow(/not about complaint/)
	})
})
