import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { parseConfig } from '#app/config.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { createLogger } from '#app/logger.server.ts'
import { createTestDatabase } from '#tests/db.ts'
import { startResendStub, type ResendStub } from '#tests/resend-stub.ts'
import { backoffMs, deliverDueEmails, MAX_ATTEMPTS, startOutboxWorker } from './outbox-worker.server.ts'
import { enqueueEmail } from './outbox.server.ts'

let db: Database
let stub: ResendStub
beforeAll(async () => {
	;[db, stub] = await Promise.all([createTestDatabase(), startResendStub()])
})
afterAll(async () => {
	await Promise.all([db.close(), stub.close()])
})
beforeEach(async () => {
	stub.reset()
	await db.prisma.outboxMessage.deleteMany()
})
afterEach(() => {
	expect(stub.unexpected).toEqual([])
})

const FROM = '售后服务 After-sales <service@example.com>'
const logger = createLogger('silent')
const withResend = () => ({
	config: parseConfig({ NODE_ENV: 'test', RESEND_API_KEY: stub.apiKey, RESEND_BASE_URL: stub.url, MAIL_FROM: FROM }),
	db,
	logger,
})
const seconds = (n: number) => n * 1000

async function enqueue(count: number, prefix = 'customer') {
	const addresses = Array.from({ length: count }, (_, i) => `${prefix}${i}@example.com`)
	for (const to of addresses) {
		await enqueueEmail(db.prisma, {
			to,
			template: 'verify-email',
			props: { name: to, url: `https://portal.test/verify-email?token=${to}` },
			language: 'en',
		})
	}
	return addresses
}

const rows = () => db.prisma.outboxMessage.findMany({ orderBy: { toAddress: 'asc' } })

/** The stub's view: every accepted email exactly once, and no idempotency key accepted twice. */
function expectDeliveredOnce(addresses: string[]) {
	expect(stub.messages.map((m) => m.to[0]).sort()).toEqual([...addresses].sort())
	const keys = stub.messages.map((m) => m.idempotencyKey)
	expect(new Set(keys).size).toBe(keys.length)
}

test('delivers through the real Resend SDK to the provider, with the row as it was rendered', async () => {
	const [to] = await enqueue(1)
	const report = await deliverDueEmails(withResend(), { now: new Date(Date.now() + 1000) })
	expect(report).toEqual({ claimed: 1, sent: 1, retried: 0, dead: 0 })
	const [row] = await rows()
	const message = stub.readEmail(to!)
	expect(message).toMatchObject({
		from: FROM,
		to: [to],
		subject: row!.subject,
		html: row!.html,
		text: row!.text,
		idempotencyKey: row!.idempotencyKey,
	})
	expect(row).toMatchObject({
		status: 'SENT',
		attempts: 1,
		providerId: message!.id,
		lockedUntil: null,
		lastError: null,
	})
	expect(row!.sentAt).toBeInstanceOf(Date)
	// nothing is left to do
	expect((await deliverDueEmails(withResend(), { now: new Date(Date.now() + 1000) })).claimed).toBe(0)
	expect(stub.requests).toHaveLength(1)
})

test('waits for messages that are not due yet', async () => {
	await enqueue(1)
	expect((await deliverDueEmails(withResend(), { now: new Date(Date.now() - seconds(60)) })).claimed).toBe(0)
	expect(stub.requests).toHaveLength(0)
})

describe('a provider that fails and then recovers', () => {
	test('every email is delivered exactly once, after backing off', async () => {
		const addresses = await enqueue(5)
		const t0 = Date.now() + 1000
		stub.failUntilRecovered()

		expect(await deliverDueEmails(withResend(), { now: new Date(t0) })).toMatchObject({ claimed: 5, retried: 5 })
		for (const row of await rows()) {
			expect(row).toMatchObject({ status: 'PENDING', attempts: 1, lockedUntil: null })
			expect(row.lastError).toContain('500')
			expect(row.nextAttemptAt.getTime()).toBe(t0 + backoffMs(1))
		}
		// not due again before the backoff has passed
		expect((await deliverDueEmails(withResend(), { now: new Date(t0 + seconds(29)) })).claimed).toBe(0)

		const t1 = t0 + seconds(30)
		expect(await deliverDueEmails(withResend(), { now: new Date(t1) })).toMatchObject({ claimed: 5, retried: 5 })
		for (const row of await rows()) expect(row.nextAttemptAt.getTime()).toBe(t1 + seconds(60))

		stub.recover()
		expect((await deliverDueEmails(withResend(), { now: new Date(t1 + seconds(59)) })).claimed).toBe(0)
		expect(await deliverDueEmails(withResend(), { now: new Date(t1 + seconds(60)) })).toMatchObject({ sent: 5 })

		expectDeliveredOnce(addresses)
		expect(stub.requests).toHaveLength(15)
		for (const row of await rows()) {
			expect(row).toMatchObject({ status: 'SENT', attempts: 3, lastError: null })
			expect(row.providerId).toBe(stub.readEmail(row.toAddress)!.id)
		}
	})

	test('an email the provider accepted but whose answer was lost is not sent twice', async () => {
		const addresses = await enqueue(3)
		const t0 = Date.now() + 1000
		// the provider takes the first two, then its answers are lost: the worker sees 500
		stub.failNext(2, { afterAccepting: true })
		expect(await deliverDueEmails(withResend(), { now: new Date(t0) })).toMatchObject({ sent: 1, retried: 2 })
		expect(stub.messages).toHaveLength(3)

		expect(await deliverDueEmails(withResend(), { now: new Date(t0 + seconds(30)) })).toMatchObject({ sent: 2 })
		expectDeliveredOnce(addresses)
		expect(stub.requests).toHaveLength(5)
		for (const row of await rows()) {
			expect(row.status).toBe('SENT')
			expect(row.providerId).toBe(stub.readEmail(row.toAddress)!.id)
		}
	})

	test('a rate limit is retried like an outage', async () => {
		const addresses = await enqueue(1)
		stub.failNext(1, { status: 429 })
		const t0 = Date.now() + 1000
		expect(await deliverDueEmails(withResend(), { now: new Date(t0) })).toMatchObject({ retried: 1 })
		expect(await deliverDueEmails(withResend(), { now: new Date(t0 + seconds(30)) })).toMatchObject({ sent: 1 })
		expectDeliveredOnce(addresses)
	})
})

test(`after ${MAX_ATTEMPTS} failed attempts an email is dead-lettered`, async () => {
	await enqueue(1)
	stub.failUntilRecovered()
	let now = Date.now() + 1000
	for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
		const report = await deliverDueEmails(withResend(), { now: new Date(now) })
		expect(report).toMatchObject(attempt < MAX_ATTEMPTS ? { retried: 1 } : { dead: 1 })
		now += backoffMs(attempt)
	}
	const [row] = await rows()
	expect(row).toMatchObject({ status: 'DEAD', attempts: MAX_ATTEMPTS, lockedUntil: null })
	expect(row!.lastError).toContain('internal_server_error')
	expect((await deliverDueEmails(withResend(), { now: new Date(now + seconds(86_400)) })).claimed).toBe(0)
	expect(stub.requests).toHaveLength(MAX_ATTEMPTS)
	// the whole schedule fits in Resend's 24-hour idempotency window
	const schedule = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => backoffMs(i + 1)).reduce((a, b) => a + b)
	expect(schedule).toBeLessThan(seconds(86_400))
})

test('an email the provider rejects is dead-lettered after one attempt', async () => {
	await enqueueEmail(db.prisma, {
		to: 'not an address',
		template: 'verify-email',
		props: { name: 'x', url: 'https://portal.test/v' },
		language: 'en',
	})
	const ok = await enqueue(1)
	expect(await deliverDueEmails(withResend(), { now: new Date(Date.now() + 1000) })).toMatchObject({
		claimed: 2,
		sent: 1,
		dead: 1,
	})
	const dead = await db.prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: 'not an address' } })
	expect(dead).toMatchObject({ status: 'DEAD', attempts: 1 })
	expect(dead.lastError).toContain('422 validation_error')
	expectDeliveredOnce(ok)
})

test('in dev mailbox mode emails are marked sent without any network request', async () => {
	await enqueue(2)
	const fetchSpy = vi.spyOn(globalThis, 'fetch')
	try {
		const services = { config: parseConfig({ NODE_ENV: 'test', RESEND_BASE_URL: stub.url }), db, logger }
		expect(services.config.mail.resend).toBeNull()
		expect(await deliverDueEmails(services, { now: new Date(Date.now() + 1000) })).toMatchObject({ sent: 2 })
		expect(fetchSpy).not.toHaveBeenCalled()
	} finally {
		fetchSpy.mockRestore()
	}
	expect(stub.requests).toHaveLength(0)
	for (const row of await rows()) expect(row).toMatchObject({ status: 'SENT', providerId: 'dev-mailbox' })
})

describe('leases', () => {
	test("a live worker's claim is left alone; a crashed worker's is taken over once it expires", async () => {
		const [live, crashed, buried] = await enqueue(3)
		const now = Date.now() + 1000
		await db.prisma.outboxMessage.updateMany({
			where: { toAddress: live },
			data: { attempts: 1, lockedUntil: new Date(now + seconds(300)) },
		})
		await db.prisma.outboxMessage.updateMany({
			where: { toAddress: crashed },
			data: { attempts: 1, lockedUntil: new Date(now - seconds(1)) },
		})
		await db.prisma.outboxMessage.updateMany({
			where: { toAddress: buried },
			data: { attempts: MAX_ATTEMPTS, lockedUntil: new Date(now - seconds(1)) },
		})

		expect(await deliverDueEmails(withResend(), { now: new Date(now) })).toEqual({
			claimed: 1,
			sent: 1,
			retried: 0,
			dead: 1,
		})
		expectDeliveredOnce([crashed!])
		const byAddress = Object.fromEntries((await rows()).map((r) => [r.toAddress, r]))
		expect(byAddress[crashed!]).toMatchObject({ status: 'SENT', attempts: 2 })
		expect(byAddress[buried!]).toMatchObject({ status: 'DEAD' })
		expect(byAddress[buried!]!.lastError).toContain('abandoned')
		expect(byAddress[live!]).toMatchObject({ status: 'PENDING', attempts: 1 })

		expect(await deliverDueEmails(withResend(), { now: new Date(now + seconds(301)) })).toMatchObject({ sent: 1 })
		expectDeliveredOnce([crashed!, live!])
	})
})

test('concurrent passes never send the same email twice', async () => {
	const addresses = await enqueue(40)
	stub.setLatency(15)
	const services = withResend()
	const now = new Date(Date.now() + 1000)
	const reports = await Promise.all(Array.from({ length: 4 }, () => deliverDueEmails(services, { now, batch: 15 })))
	expect(reports.reduce((sum, r) => sum + r.claimed, 0)).toBe(40)
	expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(40)
	// one request per email: no pass claimed a row another pass held
	expect(stub.requests).toHaveLength(40)
	expectDeliveredOnce(addresses)
	// each pass took its own share: no single pass can take more than its batch
	expect(Math.max(...reports.map((r) => r.claimed))).toBeLessThanOrEqual(15)
})

test('the background worker polls, delivers, and stops after its current pass', async () => {
	const services = {
		...withResend(),
		config: parseConfig({
			NODE_ENV: 'test',
			RESEND_API_KEY: stub.apiKey,
			RESEND_BASE_URL: stub.url,
			OUTBOX_POLL_MS: '20',
		}),
	}
	const worker = startOutboxWorker(services)
	try {
		// enqueued after the worker started: found by a later poll
		await new Promise((resolve) => setTimeout(resolve, 50))
		const addresses = await enqueue(3)
		await vi.waitFor(() => expect(stub.messages).toHaveLength(3), { timeout: 5_000, interval: 20 })
		expectDeliveredOnce(addresses)
	} finally {
		await worker.stop()
	}
	const requestsAtStop = stub.requests.length
	await enqueue(1, 'late')
	await new Promise((resolve) => setTimeout(resolve, 100))
	expect(stub.requests).toHaveLength(requestsAtStop)
	expect(await db.prisma.outboxMessage.count({ where: { status: 'PENDING' } })).toBe(1)
})
