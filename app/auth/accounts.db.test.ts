import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseConfig } from '#app/config.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { createRateLimits, RateLimitedError, RULES } from '#app/rate-limit.server.ts'
import { createTestDatabase } from '#tests/db.ts'
import {
	changePassword,
	requestPasswordReset,
	resetPassword,
	signIn,
	signUp,
	verifyEmail,
	type AccountDeps,
	type RequestMeta,
} from './accounts.server.ts'
import { verifyPassword } from './password.server.ts'
import { validateSessionToken } from './session.server.ts'

let db: Database
let deps: AccountDeps
const config = parseConfig({ APP_URL: 'http://portal.test' })
let ipCounter = 0
/** a fresh client address per call, so that per-address limits only bite where a test wants them */
const meta = (over: Partial<RequestMeta> = {}): RequestMeta => ({
	ip: `10.0.0.${++ipCounter}`,
	userAgent: 'vitest',
	language: 'zh-CN',
	...over,
})

beforeAll(async () => {
	db = await createTestDatabase()
	deps = { db: db.prisma, config, limits: createRateLimits() }
})
afterAll(() => db.close())

let n = 0
const freshEmail = () => `person${++n}-${Date.now()}@example.com`

async function emailsTo(address: string) {
	return db.prisma.outboxMessage.findMany({ where: { toAddress: address }, orderBy: { createdAt: 'asc' } })
}
function tokenFrom(text: string, path: string): string {
	const match = text.match(new RegExp(`http://portal\\.test${path}\\?token=([a-z2-7]+)`))
	if (!match?.[1]) throw new Error(`no ${path} link in:\n${text}`)
	return match[1]
}

async function signedUpAndVerified(email = freshEmail(), password = 'correct horse battery') {
	await signUp(deps, { name: '王伟', email, password }, meta())
	const [mail] = await emailsTo(email)
	const result = await verifyEmail(deps, tokenFrom(mail!.text, '/verify'), meta())
	expect(result.ok).toBe(true)
	return { email, password }
}

describe('sign-up and verification', () => {
	test('creates an unverified customer and emails a verification link in their language', async () => {
		const email = freshEmail()
		await signUp(deps, { name: 'Alice', email, password: 'long enough pw' }, meta({ language: 'en' }))
		const user = await db.prisma.user.findUniqueOrThrow({ where: { email } })
		expect(user).toMatchObject({ kind: 'CUSTOMER', emailVerifiedAt: null, locale: 'en' })
		expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
		const mails = await emailsTo(email)
		expect(mails).toHaveLength(1)
		expect(mails[0]).toMatchObject({ template: 'verify-email', status: 'PENDING' })
		tokenFrom(mails[0]!.text, '/verify')
	})

	test('signing up with a registered address changes nothing and tells the owner by email', async () => {
		const { email } = await signedUpAndVerified()
		const before = await db.prisma.user.findUniqueOrThrow({ where: { email } })
		await expect(
			signUp(deps, { name: 'Mallory', email, password: 'another password' }, meta()),
		).resolves.toBeUndefined()
		const after = await db.prisma.user.findUniqueOrThrow({ where: { email } })
		expect(after.passwordHash).toBe(before.passwordHash)
		expect(after.name).toBe(before.name)
		expect((await emailsTo(email)).map((m) => m.template)).toEqual(['verify-email', 'signup-existing'])
	})

	test('a verification link works once, and not after 24 hours', async () => {
		const email = freshEmail()
		await signUp(deps, { name: 'Li', email, password: 'long enough pw' }, meta())
		const token = tokenFrom((await emailsTo(email))[0]!.text, '/verify')
		const first = await verifyEmail(deps, token, meta())
		expect(first.ok).toBe(true)
		expect((await verifyEmail(deps, token, meta())).ok).toBe(false)

		const late = freshEmail()
		await signUp(deps, { name: 'Late', email: late, password: 'long enough pw' }, meta())
		const lateToken = tokenFrom((await emailsTo(late))[0]!.text, '/verify')
		const tomorrow = new Date(Date.now() + 24 * 3600_000 + 1000)
		expect((await verifyEmail(deps, lateToken, meta(), tomorrow)).ok).toBe(false)
		expect((await verifyEmail(deps, 'not-a-token', meta())).ok).toBe(false)
	})
})

describe('sign-in', () => {
	test('right password signs in; wrong password and unknown address give the same answer', async () => {
		const { email, password } = await signedUpAndVerified()
		const ok = await signIn(deps, { email, password }, meta())
		expect(ok.ok).toBe(true)
		if (ok.ok) expect(await validateSessionToken(db.prisma, ok.session.token)).not.toBeNull()
		expect(await signIn(deps, { email, password: 'wrong password' }, meta())).toEqual({
			ok: false,
			reason: 'invalid-credentials',
		})
		expect(await signIn(deps, { email: freshEmail(), password }, meta())).toEqual({
			ok: false,
			reason: 'invalid-credentials',
		})
	})

	test('an unverified account is asked to verify and gets a fresh link', async () => {
		const email = freshEmail()
		await signUp(deps, { name: 'New', email, password: 'long enough pw' }, meta())
		expect(await signIn(deps, { email, password: 'long enough pw' }, meta())).toEqual({
			ok: false,
			reason: 'unverified',
		})
		expect((await emailsTo(email)).map((m) => m.template)).toEqual(['verify-email', 'verify-email'])
	})

	test('guessing is rate limited per account, from any address, but only for a while', async () => {
		const { email, password } = await signedUpAndVerified()
		const limits = createRateLimits({ rules: { ...RULES, signInPerAccount: { points: 3, durationSeconds: 1 } } })
		const quick = { ...deps, limits }
		for (let i = 0; i < 3; i++) {
			expect((await signIn(quick, { email, password: 'guess' + i }, meta())).ok).toBe(false)
		}
		const blocked = signIn(quick, { email, password }, meta())
		await expect(blocked).rejects.toBeInstanceOf(RateLimitedError)
		await expect(blocked).rejects.toMatchObject({ retryAfterSeconds: 1 })
		// not a permanent lock-out: the owner gets in once the window has passed
		await new Promise((r) => setTimeout(r, 1100))
		expect((await signIn(quick, { email, password }, meta())).ok).toBe(true)
	})

	test('successful sign-ins from one address do not count against it', async () => {
		const ip = '192.0.2.78'
		for (let i = 0; i < RULES.signInPerAddress.points + 2; i++) {
			const { email, password } = await signedUpAndVerified()
			expect((await signIn(deps, { email, password }, meta({ ip }))).ok).toBe(true)
		}
		// the failures still do
		for (let i = 0; i < RULES.signInPerAddress.points; i++)
			await signIn(deps, { email: freshEmail(), password: 'x' }, meta({ ip }))
		await expect(signIn(deps, { email: freshEmail(), password: 'x' }, meta({ ip }))).rejects.toBeInstanceOf(
			RateLimitedError,
		)
	})

	test('one address trying many accounts is rate limited too', async () => {
		const ip = '192.0.2.77'
		for (let i = 0; i < RULES.signInPerAddress.points; i++) {
			await signIn(deps, { email: freshEmail(), password: 'x' }, meta({ ip }))
		}
		await expect(signIn(deps, { email: freshEmail(), password: 'x' }, meta({ ip }))).rejects.toBeInstanceOf(
			RateLimitedError,
		)
	})
})

describe('password reset', () => {
	test('an unknown address gets no email; a known one gets a single-use link', async () => {
		const unknown = freshEmail()
		await requestPasswordReset(deps, unknown, meta())
		expect(await emailsTo(unknown)).toHaveLength(0)

		const { email } = await signedUpAndVerified()
		const other = await signIn(deps, { email, password: 'correct horse battery' }, meta())
		await requestPasswordReset(deps, email, meta())
		const mail = (await emailsTo(email)).find((m) => m.template === 'reset-password')!
		const token = tokenFrom(mail.text, '/reset-password')
		expect(await resetPassword(deps, token, 'a brand new password', meta())).toEqual({ ok: true })
		expect(await resetPassword(deps, token, 'yet another password', meta())).toEqual({ ok: false })

		const user = await db.prisma.user.findUniqueOrThrow({ where: { email } })
		expect(await verifyPassword(user.passwordHash, 'a brand new password')).toBe(true)
		// every session was signed out, and the owner was told
		if (other.ok) expect(await validateSessionToken(db.prisma, other.session.token)).toBeNull()
		expect((await emailsTo(email)).at(-1)?.template).toBe('password-changed')
	})

	test('a reset link expires after 10 minutes', async () => {
		const { email } = await signedUpAndVerified()
		await requestPasswordReset(deps, email, meta())
		const mail = (await emailsTo(email)).find((m) => m.template === 'reset-password')!
		const token = tokenFrom(mail.text, '/reset-password')
		const later = new Date(Date.now() + 10 * 60_000 + 1000)
		expect(await resetPassword(deps, token, 'a brand new password', meta(), later)).toEqual({ ok: false })
	})
})

describe('change password', () => {
	test('needs the current password, and signs out every other session', async () => {
		const { email, password } = await signedUpAndVerified()
		const here = await signIn(deps, { email, password }, meta())
		const elsewhere = await signIn(deps, { email, password }, meta())
		if (!here.ok || !elsewhere.ok) throw new Error('sign-in failed')
		const userId = here.user.id
		expect(
			await changePassword(
				deps,
				userId,
				here.session.id,
				{ currentPassword: 'nope', password: 'new password 1' },
				meta(),
			),
		).toEqual({ ok: false, reason: 'wrong-password' })
		expect(
			await changePassword(
				deps,
				userId,
				here.session.id,
				{ currentPassword: password, password: 'new password 1' },
				meta(),
			),
		).toEqual({ ok: true })
		expect(await validateSessionToken(db.prisma, here.session.token)).not.toBeNull()
		expect(await validateSessionToken(db.prisma, elsewhere.session.token)).toBeNull()
	})
})
