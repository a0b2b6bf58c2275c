import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import { createI18n } from '#app/i18n/i18n.server.ts'
import { createTestContext, formRequest } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { action as accountAction, loader as accountLoader } from './account.tsx'
import { action as forgotAction } from './_auth.forgot-password.tsx'
import { action as loginAction } from './_auth.login.tsx'
import { action as resetAction, loader as resetLoader } from './_auth.reset-password.tsx'
import { action as signupAction } from './_auth.signup.tsx'

let db: Database
let context: AppLoadContext
beforeAll(async () => {
	db = await createTestDatabase()
	context = createTestContext(db)
})
afterAll(() => db.close())

type ActionResult = { data: { result: { error?: Record<string, string[] | null> } }; init: { status?: number } | null }

async function errorsOf(response: unknown) {
	const r = response as ActionResult
	return { status: r.init?.status, errors: r.data.result.error ?? {} }
}

const zh = createI18n('zh-CN')
const en = createI18n('en')

/** Every message key must read as real words in both languages, not fall back to the key. */
function expectTranslated(keys: string[]) {
	for (const key of keys) {
		for (const i18n of [zh, en]) {
			const text = i18n.t(key, { seconds: 1 })
			expect(text, `${i18n.language} ${key}`).not.toBe(key)
			expect(text.length).toBeGreaterThan(3)
		}
	}
}

describe('account forms answer bad input with field errors, in both languages', () => {
	test('sign-up', async () => {
		const response = await signupAction({
			request: formRequest('/signup', { name: '', email: 'nope', password: 'short', confirmPassword: 'x' }),
			context,
			params: {},
		})
		const { status, errors } = await errorsOf(response)
		expect(status).toBe(400)
		expect(errors).toMatchObject({
			name: ['validation:required'],
			email: ['validation:emailInvalid'],
			password: ['validation:passwordTooShort'],
		})
		expectTranslated(Object.values(errors).flat() as string[])
	})

	test('sign-up with mismatched passwords points at the second field', async () => {
		const response = await signupAction({
			request: formRequest('/signup', {
				name: 'A',
				email: 'a@example.com',
				password: 'long enough 1',
				confirmPassword: 'long enough 2',
			}),
			context,
			params: {},
		})
		expect((await errorsOf(response)).errors).toEqual({ confirmPassword: ['validation:passwordsDiffer'] })
		expectTranslated(['validation:passwordsDiffer'])
	})

	test('sign-up rejects a filled honeypot', async () => {
		const response = await signupAction({
			request: formRequest('/signup', {
				name: 'Bot',
				email: 'bot@example.com',
				password: 'long enough 1',
				confirmPassword: 'long enough 1',
				website: 'http://spam.example',
			}),
			context,
			params: {},
		})
		expect((await errorsOf(response)).status).toBe(400)
		expect(await db.prisma.user.count({ where: { email: 'bot@example.com' } })).toBe(0)
	})

	test('sign-in: missing fields, then wrong credentials as a form error that names neither', async () => {
		const empty = await errorsOf(await loginAction({ request: formRequest('/login', {}), context, params: {} }))
		expect(empty.errors).toMatchObject({ email: ['validation:required'], password: ['validation:required'] })
		const wrong = await errorsOf(
			await loginAction({
				request: formRequest('/login', { email: 'nobody@example.com', password: 'whatever' }),
				context,
				params: {},
			}),
		)
		expect(wrong.errors).toEqual({ '': ['auth:login.invalid'] })
		expectTranslated(['validation:required', 'auth:login.invalid', 'auth:login.unverified'])
	})

	test('a rate-limited sign-in answers 429 with Retry-After and a message with the wait', async () => {
		const ctx = { ...context, clientIp: '203.0.113.9' }
		const attempt = () =>
			loginAction({
				request: formRequest('/login', { email: 'x@example.com', password: 'guess' }),
				context: ctx,
				params: {},
			})
		for (let i = 0; i < 3; i++) await attempt()
		const limited = (await attempt()) as unknown as ActionResult & { data: { retryAfter: number } }
		expect(limited.init?.status).toBe(429)
		expect(limited.data.retryAfter).toBeGreaterThan(0)
		expect(limited.data.result.error).toEqual({ '': ['common:errors.tooManyRequests'] })
		expect(zh.t('common:errors.tooManyRequests', { seconds: 42 })).toContain('42')
		expect(en.t('common:errors.tooManyRequests', { seconds: 42 })).toContain('42')
	})

	test('forgot password: a malformed address is explained; a well-formed unknown one is not revealed', async () => {
		const bad = await errorsOf(
			await forgotAction({ request: formRequest('/forgot-password', { email: '@@' }), context, params: {} }),
		)
		expect(bad.errors).toEqual({ email: ['validation:emailInvalid'] })
		const unknown = (await forgotAction({
			request: formRequest('/forgot-password', { email: 'unknown@example.com' }),
			context,
			params: {},
		})) as Response
		expect(unknown.status).toBe(302)
		expect(unknown.headers.get('location')).toBe('/check-email?for=reset')
	})

	test('reset password: an unknown token shows the expired page; a weak password is explained', async () => {
		const page = await resetLoader({
			request: new Request('http://portal.test/reset-password?token=abc'),
			context,
			params: {},
		})
		expect(page).toEqual({ token: '', usable: false })
		const weak = await errorsOf(
			await resetAction({
				request: formRequest('/reset-password', { token: 'abc', password: 'short', confirmPassword: 'short' }),
				context,
				params: {},
			}),
		)
		expect(weak.errors).toEqual({ password: ['validation:passwordTooShort'] })
		const invalid = await errorsOf(
			await resetAction({
				request: formRequest('/reset-password', {
					token: 'abc',
					password: 'long enough 1',
					confirmPassword: 'long enough 1',
				}),
				context,
				params: {},
			}),
		)
		expect(invalid.errors).toEqual({ '': ['auth:reset.invalid'] })
		expectTranslated(['auth:reset.invalid', 'validation:passwordTooShort'])
	})

	test('the account page needs a session, and redirects to sign-in with the way back', async () => {
		const thrown = await accountLoader({
			request: new Request('http://portal.test/account'),
			context,
			params: {},
		}).catch((e: unknown) => e)
		expect(thrown).toBeInstanceOf(Response)
		expect((thrown as Response).headers.get('location')).toBe('/login?redirectTo=%2Faccount')
		const post = await accountAction({
			request: formRequest('/account', { intent: 'revoke-others' }),
			context,
			params: {},
		}).catch((e: unknown) => e)
		expect((post as Response).status).toBe(302)
	})
})
