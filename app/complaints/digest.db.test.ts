import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import { createLogger } from '#app/logger.server.ts'
import { createTestDatabase } from '#tests/db.ts'
import { DIGEST_SETTLE_MS, digestKey, sendDueDigests, startDigestJob } from './digest.server.ts'
import { addMessage, changeStatus, seedComplaint } from './notification-fixtures.ts'
import { createComplaintNotifier } from './notifier.server.ts'

let db: Database
beforeAll(async () => {
	db = await createTestDatabase()
})
afterAll(() => db.close())
// Every test reads the whole table's due digests: start each with none due. Complaints cannot be
// deleted (their events are append-only), so the earlier tests' complaints leave the digest instead.
beforeEach(async () => {
	await db.prisma.complaint.updateMany({ data: { notifyFrequency: 'EACH_CHANGE' } })
	await db.prisma.outboxMessage.deleteMany()
})

const appUrl = 'https://portal.test'
const HOUR = 3_600_000
const filedAt = new Date('2026-11-23T02:00:00Z') // 10:00 in Shanghai
const after = (hours: number) => new Date(filedAt.getTime() + hours * HOUR)

const digests = () =>
	db.prisma.outboxMessage.findMany({ where: { template: 'complaint-digest' }, orderBy: { createdAt: 'asc' } })

/** A digest complaint with a day's worth of changes: two the customer should hear about, three not. */
async function busyDay() {
	const seeded = await seedComplaint(db.prisma, { notifyFrequency: 'DAILY_DIGEST', locale: 'en', createdAt: filedAt })
	const { complaint, agent, customer } = seeded
	const status = await changeStatus(db.prisma, complaint, agent.id, 'ACKNOWLEDGED', after(1), {
		resolutionDueAt: after(72),
	})
	const reply = await addMessage(
		db.prisma,
		complaint.id,
		agent.id,
		'We will visit on Tuesday to take samples.',
		after(2),
	)
	await addMessage(db.prisma, complaint.id, customer.id, 'Thank you, I added two photos.', after(2.5), {
		type: 'customer_message',
	})
	await addMessage(db.prisma, complaint.id, agent.id, 'INTERNAL: ask logistics for the loading photos', after(3), {
		type: 'note',
		visibility: 'INTERNAL',
	})
	return { ...seeded, status, reply }
}

describe('sendDueDigests', () => {
	test("collects the day's public changes by the company into one email and moves lastDigestAt", async () => {
		const { complaint, customer } = await busyDay()
		const before = await db.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })
		const now = after(4)
		expect(await sendDueDigests({ db, appUrl, now })).toEqual({ due: 1, sent: 1, failed: 0 })

		const [email, ...more] = await digests()
		expect(more).toHaveLength(0)
		expect(email).toMatchObject({
			toAddress: customer.email,
			idempotencyKey: digestKey(complaint.id, filedAt),
			subject: `Daily summary for your complaint ${complaint.reference}: 2 updates`,
		})
		expect(email!.text).toContain(`${appUrl}/complaints/${complaint.reference}`)
		expect(email!.text).toContain(
			'The status changed from “Received, waiting for our first response” to “Accepted for handling”.',
		)
		expect(email!.text).toContain('We will visit on Tuesday to take samples.')
		expect(email!.text).toContain('Status now: Accepted for handling')
		expect(email!.text).toContain('will tell you how it stands by November 26, 2026 at 10:00 (GMT+8)')
		expect(email!.text).not.toContain('I added two photos')
		expect(email!.text).not.toContain('INTERNAL')

		const row = await db.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })
		expect(row.lastDigestAt).toEqual(new Date(now.getTime() - DIGEST_SETTLE_MS))
		// a digest is not a change to the complaint
		expect(row.updatedAt).toEqual(before.updatedAt)
	})

	test('sends once, not again within 24 hours, and then only what is new', async () => {
		const { complaint, agent } = await busyDay()
		await sendDueDigests({ db, appUrl, now: after(4) })
		expect(await sendDueDigests({ db, appUrl, now: after(4) })).toMatchObject({ sent: 0 })

		const later = await addMessage(db.prisma, complaint.id, agent.id, 'Samples taken; results on Friday.', after(10))
		expect(await sendDueDigests({ db, appUrl, now: after(20) })).toMatchObject({ due: 0, sent: 0 })
		expect(await digests()).toHaveLength(1)

		// 24 hours after the first window closed
		expect(await sendDueDigests({ db, appUrl, now: after(28) })).toMatchObject({ sent: 1 })
		const [, second] = await digests()
		expect(second!.subject).toBe(`Daily summary for your complaint ${complaint.reference}: 1 update`)
		expect(second!.text).toContain('Samples taken; results on Friday.')
		expect(second!.text).not.toContain('We will visit on Tuesday')
		expect(second!.idempotencyKey).toBe(digestKey(complaint.id, new Date(after(4).getTime() - DIGEST_SETTLE_MS)))
		expect(later.createdAt < after(28)).toBe(true)
	})

	test('two runs at once send one digest', async () => {
		const { complaint } = await busyDay()
		const reports = await Promise.all([
			sendDueDigests({ db, appUrl, now: after(4) }),
			sendDueDigests({ db, appUrl, now: after(4) }),
			sendDueDigests({ db, appUrl, now: after(4) }),
		])
		expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(1)
		expect(reports.every((r) => r.failed === 0)).toBe(true)
		expect(await digests()).toHaveLength(1)
		expect(
			await db.prisma.outboxMessage.count({
				where: { idempotencyKey: { startsWith: `complaint-digest:${complaint.id}` } },
			}),
		).toBe(1)
	})

	test('nothing for complaints on "each change", without news, or with only the customer\'s own doing', async () => {
		const each = await seedComplaint(db.prisma, { createdAt: filedAt })
		await addMessage(db.prisma, each.complaint.id, each.agent.id, 'reply', after(1))
		await seedComplaint(db.prisma, { notifyFrequency: 'DAILY_DIGEST', createdAt: filedAt })
		const quiet = await seedComplaint(db.prisma, { notifyFrequency: 'DAILY_DIGEST', createdAt: filedAt })
		await addMessage(db.prisma, quiet.complaint.id, quiet.customer.id, 'more photos', after(1), {
			type: 'customer_message',
		})
		expect(await sendDueDigests({ db, appUrl, now: after(4) })).toEqual({ due: 0, sent: 0, failed: 0 })
		expect(await digests()).toHaveLength(0)
	})

	test('a change made in the last minute waits for the next window', async () => {
		const { complaint, agent } = await seedComplaint(db.prisma, { notifyFrequency: 'DAILY_DIGEST', createdAt: filedAt })
		await addMessage(db.prisma, complaint.id, agent.id, 'just now', new Date(after(4).getTime() - 10_000))
		expect(await sendDueDigests({ db, appUrl, now: after(4) })).toMatchObject({ sent: 0 })
		expect(await sendDueDigests({ db, appUrl, now: new Date(after(4).getTime() + DIGEST_SETTLE_MS) })).toMatchObject({
			sent: 1,
		})
	})

	test('changes already emailed one by one (before a switch to the digest) are not repeated', async () => {
		const { complaint, agent, customer } = await seedComplaint(db.prisma, { createdAt: filedAt })
		const notifier = createComplaintNotifier({ appUrl })
		await db.prisma.$transaction(async (tx) => {
			const reply = await addMessage(tx, complaint.id, agent.id, 'emailed on its own', after(1))
			await notifier.publicChange(tx, { complaintId: complaint.id, eventId: reply.id })
		})
		await db.prisma.complaint.update({ where: { id: complaint.id }, data: { notifyFrequency: 'DAILY_DIGEST' } })
		expect(await sendDueDigests({ db, appUrl, now: after(4) })).toMatchObject({ due: 0, sent: 0 })

		await addMessage(db.prisma, complaint.id, agent.id, 'digest material', after(5))
		expect(await sendDueDigests({ db, appUrl, now: after(6) })).toMatchObject({ sent: 1 })
		const [digest] = await digests()
		expect(digest!.toAddress).toBe(customer.email)
		expect(digest!.text).toContain('digest material')
		expect(digest!.text).not.toContain('emailed on its own')
	})
})

test('startDigestJob runs a pass at start and stops cleanly', async () => {
	const { complaint, agent } = await seedComplaint(db.prisma, {
		notifyFrequency: 'DAILY_DIGEST',
		createdAt: new Date(Date.now() - 3 * HOUR),
	})
	await addMessage(db.prisma, complaint.id, agent.id, '已安排区域经理上门查看。', new Date(Date.now() - 2 * HOUR))
	const job = startDigestJob({ db, appUrl, logger: createLogger('silent') }, { intervalMs: 60_000 })
	try {
		await expect.poll(() => digests(), { timeout: 10_000 }).toHaveLength(1)
	} finally {
		await job.stop()
	}
	const [digest] = await digests()
	expect(digest!.subject).toBe(`投诉 ${complaint.reference} 每日动态汇总（1 条）`)
	expect(digest!.text).toContain('已安排区域经理上门查看。')
})
