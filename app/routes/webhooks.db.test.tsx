import type { AppLoadContext } from '@remix-run/node'
import type { AnchorHTMLAttributes, FormHTMLAttributes } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { createWebhookEndpoint } from '#app/domain/webhooks/endpoints.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import type { StaffRole } from '#app/generated/prisma/enums.ts'
import type { Language } from '#app/i18n/config.ts'
import { createI18n } from '#app/i18n/i18n.server.ts'
import { createTestContext } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createRegion, createUser } from '#tests/fixtures.ts'

/**
 * /account/webhooks for every kind of account: members of a dealer or a regional office manage
 * their own organization's endpoints; customers and staff get 403; signed-out visitors sign in.
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
const { default: WebhooksPage, action, loader } = await import('./account_.webhooks.tsx')

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
type Person = Exclude<Role, 'anonymous'>
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
const people = {} as Record<Person, { viewer: Viewer; cookie: string }>
const organizationOf = {} as Record<Person, string | null>

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
	const make = async (role: Person, options: Parameters<typeof createUser>[1]) => {
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

const PATH = '/account/webhooks'

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
	endpoints: Array<{ id: string; url: string; events: string[] }>
	deliveries: Array<{ id: string; endpointId: string; eventType: string; status: string; attempts: number }>
}
interface ActionBody {
	result: { initialValue?: unknown; error?: Record<string, string[]> }
	created: { url: string; secret: string } | null
}

describe.each(ROLES)('%s', (role) => {
	const manages = MANAGERS.includes(role)
	const refused = role === 'anonymous' ? 'login' : 403

	test(manages ? 'adds an endpoint, sees its secret once, sends a test and removes it' : 'is refused', async () => {
		const url = `https://hooks.example.com/${role}`
		const listed = await load(role)
		const created = await post(role, { intent: 'create', url, events: ['COMPLAINT_CREATED', 'REPLY_ADDED'] })
		if (!manages) {
			expect(listed.status).toBe(refused)
			expect(created.status).toBe(refused)
			expect(await db.prisma.webhookEndpoint.count({ where: { url } })).toBe(0)
			return
		}
		expect(listed.status).toBe(200)
		expect(created.status).toBe(200)
		expect(created.headers.get('cache-control')).toBe('no-store')
		const { created: shown, result } = created.body as ActionBody
		expect(result).toEqual({ initialValue: null })
		expect(shown?.url).toBe(url)
		expect(shown?.secret).toMatch(/^whsec_[a-z2-7]{52}$/)
		const row = await db.prisma.webhookEndpoint.findFirstOrThrow({ where: { url } })
		expect(row).toMatchObject({
			organizationId: organizationOf[role as Person],
			createdById: people[role as Person].viewer.userId,
			secret: shown!.secret,
			events: ['COMPLAINT_CREATED', 'REPLY_ADDED'],
			active: true,
		})

		// the list shows it, never its secret
		const after = (await load(role)).body as LoadedPage
		expect(after.endpoints.find((e) => e.id === row.id)).toMatchObject({
			url,
			events: ['COMPLAINT_CREATED', 'REPLY_ADDED'],
		})
		expect(JSON.stringify(after)).not.toContain(shown!.secret)

		const tested = await post(role, { intent: 'test', endpointId: row.id })
		expect(tested).toMatchObject({ status: 302, location: PATH })
		const log = ((await load(role)).body as LoadedPage).deliveries
		expect(log.filter((d) => d.endpointId === row.id)).toMatchObject([
			{ eventType: 'ping', status: 'PENDING', attempts: 0 },
		])

		const removed = await post(role, { intent: 'remove', endpointId: row.id })
		expect(removed).toMatchObject({ status: 302, location: PATH })
		expect(await db.prisma.webhookEndpoint.count({ where: { id: row.id } })).toBe(0)
	})

	test(
		manages ? "sees, tests and removes its own organization's endpoints only" : 'cannot touch anyone’s endpoint',
		async () => {
			const { endpoint } = await createWebhookEndpoint(
				db.prisma,
				people.DEALER.viewer,
				{ url: `https://dealer.example.com/${role}`, events: ['STATUS_CHANGED'] },
				{ allowLocalHttp: false },
			)
			await db.prisma.webhookDelivery.create({
				data: { endpointId: endpoint.id, eventType: 'ping', payload: {}, idempotencyKey: `seen-${role}` },
			})
			const sameOrganization = role === 'DEALER'
			if (manages) {
				const loaded = (await load(role)).body as LoadedPage
				expect(loaded.endpoints.some((e) => e.id === endpoint.id)).toBe(sameOrganization)
				expect(loaded.deliveries.some((d) => d.endpointId === endpoint.id)).toBe(sameOrganization)
			}
			const tested = await post(role, { intent: 'test', endpointId: endpoint.id })
			const removed = await post(role, { intent: 'remove', endpointId: endpoint.id })
			if (sameOrganization) {
				expect(tested.status).toBe(302)
				expect(removed.status).toBe(302)
				return
			}
			expect(tested.status).toBe(manages ? 404 : refused)
			expect(removed.status).toBe(manages ? 404 : refused)
			expect(await db.prisma.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(1)
			expect(await db.prisma.webhookEndpoint.count({ where: { id: endpoint.id } })).toBe(1)
			// the dealer may have only so many endpoints
			await db.prisma.webhookEndpoint.delete({ where: { id: endpoint.id } })
		},
	)
})

describe('the form', () => {
	test('errors come back beside their fields, and nothing is created', async () => {
		const before = await db.prisma.webhookEndpoint.count()
		const empty = await post('REGIONAL_OFFICE', { intent: 'create', url: '  ' })
		expect(empty.status).toBe(400)
		expect((empty.body as ActionBody).result.error).toEqual({
			url: ['validation:required'],
			events: ['webhooks:validation.chooseEvent'],
		})
		// the test context is not production: http is allowed for loopback only
		const plain = await post('REGIONAL_OFFICE', {
			intent: 'create',
			url: 'http://erp.example.com',
			events: 'REPLY_ADDED',
		})
		expect(plain.status).toBe(400)
		expect((plain.body as ActionBody).result.error).toEqual({ url: ['webhooks:validation.urlHttpsOrLocal'] })
		expect(await db.prisma.webhookEndpoint.count()).toBe(before)
	})
})

describe('the page, without JavaScript, in both languages', () => {
	function render(language: Language, loaderData: unknown, actionData?: unknown) {
		page.loaderData = loaderData
		page.actionData = actionData
		return renderToStaticMarkup(
			<I18nextProvider i18n={createI18n(language)}>
				<WebhooksPage />
			</I18nextProvider>,
		)
	}

	test('the new secret once, the form, the endpoints and the delivery log', async () => {
		const created = await post('DEALER', {
			intent: 'create',
			url: 'https://erp.example.com/in',
			events: 'STATUS_CHANGED',
		})
		const secret = (created.body as ActionBody).created!.secret
		const endpointId = (
			await db.prisma.webhookEndpoint.findFirstOrThrow({ where: { url: 'https://erp.example.com/in' } })
		).id
		await post('DEALER', { intent: 'test', endpointId })
		const data = (await load('DEALER')).body

		const zh = render('zh-CN', data, created.body)
		expect(zh).toContain('接收地址已添加')
		expect(zh).toContain(`value="${secret}"`)
		expect(zh).toContain('只显示这一次')
		expect(zh).toContain('华东代理')
		expect(zh).toContain('<code>https://erp.example.com/in</code>')
		expect(zh).toContain('状态变化')
		expect(zh).toContain('<code>ping</code>')
		expect(zh).toContain('待投递')
		expect(zh).toMatch(/<input type="checkbox"[^>]*name="events"[^>]*value="REPLY_ADDED"/)
		expect(zh).toContain('name="intent" value="test"')
		expect(zh).toContain('name="intent" value="remove"')
		expect(zh).not.toMatch(/webhooks:|\{\{/)

		const en = render('en', data)
		expect(en).toContain('Webhooks')
		expect(en).toContain('Send test')
		expect(en).toContain('Status changed')
		expect(en).toContain('Recent deliveries')
		expect(en).not.toContain(secret)
		expect(en).not.toMatch(/webhooks:|\{\{/)
	})
})
