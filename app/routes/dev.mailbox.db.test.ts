import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import { enqueueEmail } from '#app/mail/outbox.server.ts'
import { createTestContext } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { loader as emailLoader } from './dev.mailbox.$id.tsx'
import { loader as listLoader } from './dev.mailbox.tsx'

let db: Database
let ids: { fang: string; wei: string }
beforeAll(async () => {
	db = await createTestDatabase()
	const fang = await enqueueEmail(db.prisma, {
		to: 'fang@example.com',
		template: 'verify-email',
		props: { name: '王芳', url: 'https://portal.test/verify-email?token=f' },
		language: 'zh-CN',
	})
	const wei = await enqueueEmail(db.prisma, {
		to: 'wei@example.com',
		template: 'reset-password',
		props: { name: 'Li Wei', url: 'https://portal.test/reset-password?token=w' },
		language: 'en',
	})
	ids = { fang: fang.id, wei: wei.id }
})
afterAll(() => db.close())

const request = (path: string) => new Request(`http://portal.test${path}`)

async function statusOf(promise: Promise<unknown>) {
	const thrown = await promise.then(
		() => null,
		(e: unknown) => e,
	)
	expect(thrown).toBeInstanceOf(Response)
	return (thrown as Response).status
}

describe('with a mail provider configured, the dev mailbox does not exist', () => {
	const context = () => createTestContext(db, { RESEND_API_KEY: 're_live_key' })

	test('the list is 404', async () => {
		expect(context().config.devMailbox).toBe(false)
		expect(await statusOf(listLoader({ request: request('/dev/mailbox'), context: context(), params: {} }))).toBe(404)
	})

	test('an email is 404, even one that exists', async () => {
		const args = { request: request(`/dev/mailbox/${ids.fang}`), context: context(), params: { id: ids.fang } }
		expect(await statusOf(emailLoader(args))).toBe(404)
	})
})

describe('in dev mailbox mode', () => {
	const context = () => createTestContext(db)

	test('lists every email, newest first', async () => {
		const { to, emails } = await listLoader({ request: request('/dev/mailbox'), context: context(), params: {} })
		expect(to).toBeNull()
		expect(emails.map((e) => e.to)).toEqual(['wei@example.com', 'fang@example.com'])
		expect(emails[1]).toMatchObject({
			id: ids.fang,
			subject: '请验证您的邮箱地址',
			template: 'verify-email',
			status: 'PENDING',
		})
	})

	test('filters by recipient, ignoring case', async () => {
		const { emails } = await listLoader({
			request: request('/dev/mailbox?to=Wei@Example.com'),
			context: context(),
			params: {},
		})
		expect(emails.map((e) => e.id)).toEqual([ids.wei])
	})

	test('shows one email with its HTML and text', async () => {
		const { email } = await emailLoader({
			request: request(`/dev/mailbox/${ids.wei}`),
			context: context(),
			params: { id: ids.wei },
		})
		expect(email.html).toContain('href="https://portal.test/reset-password?token=w"')
		expect(email.text).toContain('https://portal.test/reset-password?token=w')
	})

	test('an unknown email is 404', async () => {
		const args = { request: request('/dev/mailbox/nope'), context: context(), params: { id: 'nope' } }
		expect(await statusOf(emailLoader(args))).toBe(404)
	})
})
