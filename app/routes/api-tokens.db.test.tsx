import type { AppLoadContext } from '@remix-run/node'
import type { AnchorHTMLAttributes, FormHTMLAttributes } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { authenticateApiToken, createApiToken, hashApiTokenSecret } from '#app/domain/api-tokens/tokens.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import type { StaffRole } from '#app/generated/prisma/enums.ts'
import type { Language } from '#app/i18n/config.ts'
import { createI18n } from '#app/i18n/i18n.server.ts'
import { createTestContext } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createRegion, createUser } from '#tests/fixtures.ts'

/**
 * /account/api-tokens for every kind of account: members of a dealer or a regional office manage
 * their own organization's tokens; customers and staff get 403; signed-out visitors sign in.
 * Then the page itself, rendered in both languages as it reads without JavaScript.
 */
const page = vi.hoisted(() => ({ loaderData: undefined as unknown, actionData: undefined as unknown }))
vi.mock('@remix-run/react', async (importOriginal) => ({
	...(await importOriginal<typeof import('@remix-run/react')>()),
	useLoaderData: () => page.loaderData,
	useActionData: () => page.actionData,
	useNavigation: () => ({ state: 'idle' }),
	Form: ({ action, ...props }: FormHTMLAttributes<HTMLFormElement>) => <form action={action} {...props} />,
	Link: ({ to, children, ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) => (
		<a href={to} {...props}>
			{children}
		</a>
	),
}))
const { default: TokensPage, action, loader } = await import('./account_.api-tokens.tsx')
const { loader: accountLoader } = await import('./account.tsx')

const STAFF_ROLES: StaffRole[] = [
	'AGENT',
	'QUALITY_ENGINEER',
	'REGIONAL_MANAGER',
	'MARKETING_DIRECTOR',
	'GENERAL_MANAGER',
	'ADMIN',
]
/** OFFICE_STAFF: a regional manager who sits in the regional office, a member of it */
type Role = 'anonymous' | 'CUSTOMER' | 'DEALER' | 'OTHER_DEALER' | 'REGIONAL_OFFICE' | 'OFFICE_STAFF' | StaffRole
const ROLES: Role[] = [
	'anonymous',
	'CUSTOMER',
	'DEALER',
	'OTHER_DEALER',
	'REGIONAL_OFFICE',
	'OFFICE_STAFF',
	...STAFF_ROLES,
]
const MANAGERS: Role[] = ['DEALER', 'OTHER_DEALER', 'REGIONAL_OFFICE', 'OFFICE_STAFF']

let db: Database
let context: AppLoadContext
const people = {} as Record<Exclude<Role, 'anonymous'>, { viewer: Viewer; cookie: string }>
const organizationOf = {} as Record<Exclude<Role, 'anonymous'>, string | null>

beforeAll(async () => {
	db = await createTestDatabase()
	context = createTestContext(db)
	const prisma = db.prisma
	const region = await createRegion(prisma)
	const org = (kind: 'DEALER' | 'REGIONAL_OFFICE' | 'HQ', name: string) =>
		prisma.organization.create({
			data: {
				kind,
				code: `${name}-${crypto.randomUUID().slice(0, 8)}`,
				name,
				regionId: kind === 'HQ' ? null : region.id,
			},
		})
	const [dealer, otherDealer, office, hq] = [
		await org('DEALER', '华东代理'),
		await org('DEALER', 'Other dealer'),
		await org('REGIONAL_OFFICE', '华东办事处'),
		await org('HQ', '总部'),
	]
	const make = async (role: Exclude<Role, 'anonymous'>, options: Parameters<typeof createUser>[1]) => {
		const { user, viewer } = await createUser(prisma, { name: `用户 ${role}`, ...options })
		const { token } = await createSession(prisma, { id: user.id, kind: viewer.kind })
		people[role] = { viewer, cookie: `${SESSION_COOKIE}=${token}` }
		organizationOf[role] = options?.organizationId ?? null
	}
	await make('CUSTOMER', {})
	await make('DEALER', { kind: 'DEALER', organizationId: dealer.id })
	await make('OTHER_DEALER', { kind: 'DEALER', organizationId: otherDealer.id })
	await make('REGIONAL_OFFICE', { kind: 'REGIONAL_OFFICE', organizationId: office.id })
	await make('OFFICE_STAFF', { kind: 'STAFF', staffRole: 'REGIONAL_MANAGER', organizationId: office.id })
	for (const staffRole of STAFF_ROLES) await make(staffRole, { kind: 'STAFF', staffRole, organizationId: hq.id })
})
afterAll(() => db.close())

const PATH = '/account/api-tokens'

function request(role: Role, form?: Record<string, string | string[]>) {
	const headers = new Headers()
	if (role !== 'anonymous') headers.set('cookie', people[role].cookie)
	if (!form) return new Request(`http://portal.test${PATH}`, { headers })
	const body = new URLSearchParams()
	for (const [name, value] of Object.entries(form)) for (const v of [value].flat()) body.append(name, v)
	headers.set('content-type', 'application/x-www-form-urlencoded')
	return new Request(`http://portal.test${PATH}`, { method: 'POST', body, headers })
}

interface Outcome {
	status: number | 'login'
	body: unknown
	headers: Headers
	location?: string | null
}

/** What the visitor gets: a status, the data and headers, or `login` for the sign-in page. */
async function run(call: () => unknown): Promise<Outcome> {
	const settle = (thing: unknown): Outcome => {
		if (thing instanceof Response) {
			const location = thing.headers.get('location')
			if (location?.startsWith('/login')) return { status: 'login', body: null, headers: thing.headers }
			return { status: thing.status, body: null, headers: thing.headers, location }
		}
		const init = (thing as { init?: { status?: number; headers?: HeadersInit } | null } | null)?.init
		if (init)
			return {
				status: init.status ?? 200,
				body: (thing as { data?: unknown }).data,
				headers: new Headers(init.headers),
			}
		return { status: 200, body: thing, headers: new Headers() }
	}
	try {
		return settle(await call())
	} catch (thrown) {
		const outcome = settle(thrown)
		if (outcome.status === 200) throw thrown
		return outcome
	}
}

const load = (role: Role) => run(() => loader({ request: request(role), context, params: {} }))
const post = (role: Role, form: Record<string, string | string[]>) =>
	run(() => action({ request: request(role, form), context, params: {} }))

interface LoadedPage {
	organization: string
	tokens: Array<{ id: string; name: string; prefix: string; state: string; scopes: string[] }>
}
interface ActionBody {
	result: { initialValue?: unknown; error?: Record<string, string[]> }
	created: { name: string; secret: string } | null
}

describe.each(ROLES)('%s', (role) => {
	const manages = MANAGERS.includes(role)
	const refused = role === 'anonymous' ? 'login' : 403

	test(manages ? 'creates a token, sees its secret once, lists it and revokes it' : 'is refused', async () => {
		const name = `ERP ${role}`
		const listed = await load(role)
		const created = await post(role, {
			intent: 'create',
			name,
			scopes: ['READ_COMPLAINTS', 'WRITE_REPLIES'],
			expiresInDays: '365',
		})
		if (!manages) {
			expect(listed.status).toBe(refused)
			expect(created.status).toBe(refused)
			expect(await db.prisma.apiToken.count({ where: { name } })).toBe(0)
			return
		}
		expect(listed.status).toBe(200)
		expect(created.status).toBe(200)
		// the secret is in this one answer, which no cache may keep
		expect(created.headers.get('cache-control')).toBe('no-store')
		const { created: shown, result } = created.body as ActionBody
		// the form starts afresh
		expect(result).toEqual({ initialValue: null })
		expect(shown?.name).toBe(name)
		expect(shown?.secret).toMatch(/^cpt_[a-z2-7]{32}$/)
		const secret = shown!.secret
		const row = await db.prisma.apiToken.findFirstOrThrow({ where: { name } })
		expect(row).toMatchObject({
			organizationId: organizationOf[role as Exclude<Role, 'anonymous'>],
			createdById: people[role as Exclude<Role, 'anonymous'>].viewer.userId,
			tokenHash: hashApiTokenSecret(secret),
			scopes: ['READ_COMPLAINTS', 'WRITE_REPLIES'],
		})
		expect((await authenticateApiToken(db.prisma, secret)).ok).toBe(true)

		// the list shows it by its prefix, never the secret
		const after = await load(role)
		const tokens = (after.body as LoadedPage).tokens
		expect(tokens.find((t) => t.id === row.id)).toMatchObject({ name, prefix: secret.slice(0, 8), state: 'active' })
		expect(JSON.stringify(after.body)).not.toContain(secret.slice(8))

		const revoked = await post(role, { intent: 'revoke', tokenId: row.id })
		expect(revoked).toMatchObject({ status: 302, location: PATH })
		expect(await authenticateApiToken(db.prisma, secret)).toEqual({ ok: false, reason: 'revoked' })
		const list = (await load(role)).body as LoadedPage
		expect(list.tokens.find((t) => t.id === row.id)?.state).toBe('revoked')
	})

	test(manages ? "sees and revokes its own organization's tokens only" : 'cannot revoke anyone’s token', async () => {
		const dealersToken = await createApiToken(db.prisma, people.DEALER.viewer, {
			name: `dealer's ${role}`,
			scopes: ['READ_COMPLAINTS'],
			expiresInDays: 30,
		})
		const sameOrganization = role === 'DEALER'
		if (manages) {
			const ids = ((await load(role)).body as LoadedPage).tokens.map((t) => t.id)
			expect(ids.includes(dealersToken.token.id)).toBe(sameOrganization)
		}
		const revoke = await post(role, { intent: 'revoke', tokenId: dealersToken.token.id })
		if (sameOrganization) {
			expect(revoke.status).toBe(302)
			return
		}
		expect(revoke.status).toBe(manages ? 404 : refused)
		expect((await authenticateApiToken(db.prisma, dealersToken.secret)).ok).toBe(true)
	})

	test(manages ? 'the account page links to the tokens' : 'the account page has no tokens link', async () => {
		if (role === 'anonymous') return
		const account = (await accountLoader({ request: request(role), context, params: {} })) as { apiTokens: boolean }
		expect(account.apiTokens).toBe(manages)
	})
})

describe('the form', () => {
	test('errors come back beside their fields, and nothing is created', async () => {
		const before = await db.prisma.apiToken.count()
		const outcome = await post('REGIONAL_OFFICE', { intent: 'create', name: '  ', expiresInDays: '7' })
		expect(outcome.status).toBe(400)
		const { result, created } = outcome.body as ActionBody
		expect(created).toBeNull()
		expect(result.error).toEqual({
			name: ['validation:required'],
			scopes: ['tokens:validation.chooseScope'],
			expiresInDays: ['validation:choose'],
		})
		expect(await db.prisma.apiToken.count()).toBe(before)
	})

	test('one ticked scope and no expiry; a second live token of the same name is refused at the name', async () => {
		const first = await post('REGIONAL_OFFICE', {
			intent: 'create',
			name: 'CRM',
			scopes: 'WRITE_COMPLAINTS',
			expiresInDays: 'never',
		})
		expect(first.status).toBe(200)
		const row = await db.prisma.apiToken.findFirstOrThrow({ where: { name: 'CRM' } })
		expect(row).toMatchObject({ scopes: ['READ_COMPLAINTS', 'WRITE_COMPLAINTS'], expiresAt: null })
		const again = await post('OFFICE_STAFF', {
			intent: 'create',
			name: 'CRM',
			scopes: 'READ_COMPLAINTS',
			expiresInDays: '30',
		})
		expect(again.status).toBe(400)
		expect((again.body as ActionBody).result.error).toEqual({ name: ['tokens:validation.nameTaken'] })
		expect(await db.prisma.apiToken.count({ where: { name: 'CRM' } })).toBe(1)
	})
})

describe('the page, without JavaScript, in both languages', () => {
	function render(language: Language, loaderData: unknown, actionData?: unknown) {
		page.loaderData = loaderData
		page.actionData = actionData
		return renderToStaticMarkup(
			<I18nextProvider i18n={createI18n(language)}>
				<TokensPage />
			</I18nextProvider>,
		)
	}

	test('the new secret once, the form, and the list with what each token may do', async () => {
		const created = await post('DEALER', {
			intent: 'create',
			name: 'ERP 同步',
			scopes: ['READ_COMPLAINTS'],
			expiresInDays: '90',
		})
		const secret = (created.body as ActionBody).created!.secret
		const data = (await load('DEALER')).body

		const zh = render('zh-CN', data, created.body)
		expect(zh).toContain('API 令牌')
		expect(zh).toContain('令牌“ERP 同步”已创建')
		expect(zh).toContain(`value="${secret}"`)
		expect(zh).toContain('只显示这一次')
		expect(zh).toContain('华东代理')
		expect(zh).toContain(`<code>${secret.slice(0, 8)}…</code>`)
		expect(zh).toContain('查看客诉')
		expect(zh).toContain('90 天后')
		expect(zh).toContain('尚未使用')
		expect(zh).toMatch(/<form[^>]*method="post"/)
		expect(zh).toMatch(/<input type="checkbox"[^>]*name="scopes"[^>]*value="WRITE_REPLIES"/)
		expect(zh).toMatch(/<input type="radio"[^>]*name="expiresInDays"[^>]*checked=""[^>]*value="90"/)
		expect(zh).toContain('name="intent" value="revoke"')
		expect(zh).not.toMatch(/tokens:|\{\{/)

		const en = render('en', data)
		expect(en).toContain('API tokens')
		expect(en).toContain('Read complaints')
		expect(en).toContain('Not yet')
		expect(en).toContain('Revoke “ERP 同步”')
		// without the action's answer the secret is nowhere on the page
		expect(en).not.toContain(secret.slice(8))
		expect(en).not.toMatch(/tokens:|\{\{/)
	})

	test('an error is shown next to its field', async () => {
		const outcome = await post('DEALER', { intent: 'create', name: 'x', expiresInDays: '30' })
		const html = render('zh-CN', (await load('DEALER')).body, outcome.body)
		expect(html).toContain('请至少选择一项权限。')
		expect(html).toMatch(/<fieldset[^>]*aria-invalid="true"/)
	})
})
