import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import { createTestDatabase } from '#tests/db.ts'
import { enqueueEmail } from './outbox.server.ts'

let db: Database
beforeAll(async () => {
	db = await createTestDatabase()
})
afterAll(() => db.close())
beforeEach(async () => {
	await db.prisma.outboxMessage.deleteMany()
})

const verify = { name: '王芳', url: 'https://portal.test/verify-email?token=abc' }

test('an email enqueued in a transaction that commits is stored rendered and pending', async () => {
	const { id, idempotencyKey, created } = await db.prisma.$transaction((tx) =>
		enqueueEmail(tx, { to: 'fang@example.com', template: 'verify-email', props: verify, language: 'zh-CN' }),
	)
	expect(created).toBe(true)
	expect(idempotencyKey).toMatch(/^[0-9a-f-]{36}$/)
	const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })
	expect(row).toMatchObject({
		toAddress: 'fang@example.com',
		template: 'verify-email',
		subject: '请验证您的邮箱地址',
		status: 'PENDING',
		attempts: 0,
		idempotencyKey,
	})
	expect(row.text).toContain(verify.url)
	expect(row.html).toContain('lang="zh-CN"')
	expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now())
})

test('an email enqueued in a transaction that rolls back leaves no row', async () => {
	await expect(
		db.prisma.$transaction(async (tx) => {
			await tx.region.create({ data: { code: 'TMP', nameZh: '临时', nameEn: 'Temporary' } })
			await enqueueEmail(tx, { to: 'fang@example.com', template: 'verify-email', props: verify, language: 'en' })
			throw new Error('the causing change failed')
		}),
	).rejects.toThrow('the causing change failed')
	expect(await db.prisma.outboxMessage.count()).toBe(0)
	expect(await db.prisma.region.count({ where: { code: 'TMP' } })).toBe(0)
})

test('the same idempotency key twice stores one email, and the transaction goes on', async () => {
	const email = {
		to: 'fang@example.com',
		template: 'verify-email',
		props: verify,
		language: 'en',
		idempotencyKey: 'verify:token-1',
	} as const
	const [first, second, after] = await db.prisma.$transaction(async (tx) => [
		await enqueueEmail(tx, email),
		await enqueueEmail(tx, email),
		await enqueueEmail(tx, { ...email, idempotencyKey: 'verify:token-2' }),
	])
	expect(first.created).toBe(true)
	expect(second).toEqual({ ...first, created: false })
	expect(after.created).toBe(true)
	expect(await db.prisma.outboxMessage.count()).toBe(2)
})

test('a plain Prisma client works as well as a transaction', async () => {
	await enqueueEmail(db.prisma, {
		to: 'wei@example.com',
		template: 'reset-password',
		props: { name: 'Li Wei', url: 'https://portal.test/reset?token=x' },
		language: 'en',
	})
	expect(await db.prisma.outboxMessage.count({ where: { toAddress: 'wei@example.com' } })).toBe(1)
})
