import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { loadTargets } from '#app/domain/sla/targets.ts'
import type { StaffRole, UserKind } from '#app/generated/prisma/enums.ts'
import { createTestContext } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createRegion, createUser } from '#tests/fixtures.ts'
import { seedCalendarDays } from '../../prisma/seed/calendar-days.ts'
import { seedReplyTemplates, STARTER_TEMPLATES } from '../../prisma/seed/reply-templates.ts'
import { action as calendarAction, loader as calendarLoader } from './staff.settings.calendar.tsx'
import { action as serviceLevelsAction, loader as serviceLevelsLoader } from './staff.settings.service-levels.tsx'
import { action as editAction, loader as editLoader } from './staff.settings.templates.$templateId.tsx'
import { action as newAction, loader as newLoader } from './staff.settings.templates.new.tsx'
import { loader as templatesLoader } from './staff.settings.templates.tsx'
import { loader as settingsLoader } from './staff.settings.tsx'

/**
 * Every kind of account against every settings page and form. Customers, dealers and regional
 * offices get 403 everywhere; every member of staff keeps the reply templates; all staff read the
 * service levels and only administrators change them; the holiday calendar is the administrators'.
 */

const STAFF_ROLES: StaffRole[] = [
	'AGENT',
	'QUALITY_ENGINEER',
	'REGIONAL_MANAGER',
	'MARKETING_DIRECTOR',
	'GENERAL_MANAGER',
	'ADMIN',
]
type Role = 'anonymous' | 'CUSTOMER' | 'DEALER' | 'REGIONAL_OFFICE' | 'OFFICE_STAFF' | StaffRole
const ROLES: Role[] = ['anonymous', 'CUSTOMER', 'DEALER', 'REGIONAL_OFFICE', 'OFFICE_STAFF', ...STAFF_ROLES]
/** a regional manager who sits in a regional office: staff, narrowed to the region for complaints */
const isStaff = (role: Role) => role === 'OFFICE_STAFF' || (STAFF_ROLES as string[]).includes(role)
const isAdmin = (role: Role) => role === 'ADMIN'

let db: Database
let context: AppLoadContext
const cookies = {} as Record<Exclude<Role, 'anonymous'>, string>
let templateId: string

beforeAll(async () => {
	db = await createTestDatabase()
	context = createTestContext(db)
	const prisma = db.prisma
	await prisma.$transaction((tx) => seedCalendarDays(tx))
	await prisma.$transaction((tx) => seedReplyTemplates(tx))
	templateId = (await prisma.replyTemplate.findFirstOrThrow({ orderBy: { name: 'asc' } })).id
	const region = await createRegion(prisma)
	const org = (kind: 'DEALER' | 'REGIONAL_OFFICE') =>
		prisma.organization.create({
			data: { kind, code: `${kind}-${crypto.randomUUID().slice(0, 8)}`, name: kind, regionId: region.id },
		})
	const [dealer, office] = [await org('DEALER'), await org('REGIONAL_OFFICE')]
	const make = async (role: Exclude<Role, 'anonymous'>, options: Parameters<typeof createUser>[1]) => {
		const { user, viewer } = await createUser(prisma, { name: `用户 ${role}`, ...options })
		const { token } = await createSession(prisma, { id: user.id, kind: viewer.kind as UserKind })
		cookies[role] = `${SESSION_COOKIE}=${token}`
	}
	await make('CUSTOMER', {})
	await make('DEALER', { kind: 'DEALER', organizationId: dealer.id })
	await make('REGIONAL_OFFICE', { kind: 'REGIONAL_OFFICE', organizationId: office.id })
	await make('OFFICE_STAFF', { kind: 'STAFF', staffRole: 'REGIONAL_MANAGER', organizationId: office.id })
	for (const staffRole of STAFF_ROLES) await make(staffRole, { kind: 'STAFF', staffRole })
})
afterAll(() => db.close())

function request(role: Role, path: string, form?: Record<string, string>) {
	const headers = new Headers()
	if (role !== 'anonymous') headers.set('cookie', cookies[role])
	if (!form) return new Request(`http://portal.test${path}`, { headers })
	headers.set('content-type', 'application/x-www-form-urlencoded')
	return new Request(`http://portal.test${path}`, { method: 'POST', body: new URLSearchParams(form), headers })
}

interface Outcome {
	status: number | 'login'
	body: unknown
	location?: string | null
}

/** What the visitor gets: a status and the data, or `login` for a redirect to the sign-in page. */
async function run(call: () => unknown): Promise<Outcome> {
	const settle = (thing: unknown): Outcome => {
		if (thing instanceof Response) {
			const location = thing.headers.get('location')
			if (location?.startsWith('/login')) return { status: 'login', body: null }
			return { status: thing.status, body: null, location }
		}
		const init = (thing as { init?: { status?: number } | null } | null)?.init
		if (init) return { status: init.status ?? 200, body: (thing as { data?: unknown }).data }
		return { status: 200, body: thing }
	}
	try {
		return settle(await call())
	} catch (thrown) {
		const outcome = settle(thrown)
		if (outcome.status === 200) throw thrown
		return outcome
	}
}

const load = (loader: (args: never) => unknown, role: Role, path: string, params: Record<string, string> = {}) =>
	run(() => (loader as (args: unknown) => unknown)({ request: request(role, path), context, params }))
const post = (
	action: (args: never) => unknown,
	role: Role,
	path: string,
	form: Record<string, string>,
	params: Record<string, string> = {},
) => run(() => (action as (args: unknown) => unknown)({ request: request(role, path, form), context, params }))

/** 403 for those who may not; the sign-in page for those not signed in. */
const refused = (role: Role) => (role === 'anonymous' ? 'login' : 403)

const errorsOf = (outcome: Outcome) =>
	(outcome.body as { result?: { error?: Record<string, string[]> } } | null)?.result?.error ?? {}

describe.each(ROLES)('%s', (role) => {
	test('the settings index', async () => {
		const outcome = await load(settingsLoader, role, '/staff/settings')
		if (!isStaff(role)) return expect(outcome.status).toBe(refused(role))
		expect(outcome).toMatchObject({ status: 200, body: { admin: isAdmin(role) } })
	})

	test('the reply templates: any member of staff lists, creates, edits and archives them', async () => {
		const list = await load(templatesLoader, role, '/staff/settings/templates')
		const form = await load(newLoader, role, '/staff/settings/templates/new')
		const edit = await load(editLoader, role, `/staff/settings/templates/${templateId}`, { templateId })
		const name = `新模板 ${role}`
		const created = await post(newAction, role, '/staff/settings/templates/new', {
			name,
			category: 'PRODUCT_QUALITY',
			bodyZh: '{{customerName}}，您好。',
			bodyEn: 'Dear {{customerName}},',
		})
		const row = await db.prisma.replyTemplate.findFirst({ where: { name } })
		if (!isStaff(role)) {
			for (const outcome of [list, form, edit, created]) expect(outcome.status).toBe(refused(role))
			expect(row).toBeNull()
			const archive = await post(
				editAction,
				role,
				`/staff/settings/templates/${templateId}`,
				{ intent: 'archive' },
				{ templateId },
			)
			expect(archive.status).toBe(refused(role))
			expect((await db.prisma.replyTemplate.findUniqueOrThrow({ where: { id: templateId } })).archived).toBe(false)
			return
		}
		expect(list.status).toBe(200)
		expect((list.body as { templates: unknown[] }).templates.length).toBeGreaterThanOrEqual(STARTER_TEMPLATES.length)
		expect(form.status).toBe(200)
		expect(edit).toMatchObject({ status: 200, body: { template: { id: templateId } } })
		expect(created).toMatchObject({ status: 302, location: '/staff/settings/templates' })
		expect(row).toMatchObject({ category: 'PRODUCT_QUALITY', bodyEn: 'Dear {{customerName}},', archived: false })

		const id = row!.id
		const saved = await post(
			editAction,
			role,
			`/staff/settings/templates/${id}`,
			{ intent: 'save', name: `${name}（改）`, category: '', bodyZh: '您好', bodyEn: 'Hello {{agentName}}' },
			{ templateId: id },
		)
		expect(saved.status).toBe(302)
		expect(await db.prisma.replyTemplate.findUniqueOrThrow({ where: { id } })).toMatchObject({
			name: `${name}（改）`,
			category: null,
			bodyEn: 'Hello {{agentName}}',
		})
		const archived = await post(
			editAction,
			role,
			`/staff/settings/templates/${id}`,
			{ intent: 'archive' },
			{ templateId: id },
		)
		expect(archived.status).toBe(302)
		expect((await db.prisma.replyTemplate.findUniqueOrThrow({ where: { id } })).archived).toBe(true)
	})

	test('the service levels: staff read them, administrators change them', async () => {
		const page = await load(serviceLevelsLoader, role, '/staff/settings/service-levels')
		const change = await post(serviceLevelsAction, role, '/staff/settings/service-levels', {
			target: 'target-ROUTING-key-account',
			clock: 'ROUTING',
			keyAccount: 'key-account',
			amount: '3',
			unit: 'WORKING_HOURS',
		})
		const routing = (await loadTargets(db.prisma)).of('ROUTING', true)
		if (!isStaff(role)) {
			expect(page.status).toBe(refused(role))
			expect(change.status).toBe(refused(role))
			expect(routing).toEqual({ amount: 1, unit: 'WORKING_HOURS' })
			return
		}
		expect(page).toMatchObject({ status: 200, body: { canEdit: isAdmin(role) } })
		expect((page.body as { targets: unknown[] }).targets).toHaveLength(14)
		if (!isAdmin(role)) {
			expect(change.status).toBe(403)
			expect(routing).toEqual({ amount: 1, unit: 'WORKING_HOURS' })
			return
		}
		expect(change).toMatchObject({ status: 302, location: '/staff/settings/service-levels' })
		expect(routing).toEqual({ amount: 3, unit: 'WORKING_HOURS' })
		await post(serviceLevelsAction, role, '/staff/settings/service-levels', {
			clock: 'ROUTING',
			keyAccount: 'key-account',
			amount: '1',
			unit: 'WORKING_HOURS',
		})
	})

	test('the holiday calendar: administrators only', async () => {
		const page = await load(calendarLoader, role, '/staff/settings/calendar?year=2026')
		const added = await post(calendarAction, role, '/staff/settings/calendar', {
			intent: 'add',
			date: '2026-12-31',
			kind: 'DAY_OFF',
			name: `年终盘点 ${role}`,
		})
		const row = await db.prisma.calendarDay.findFirst({ where: { name: `年终盘点 ${role}` } })
		if (!isAdmin(role)) {
			expect(page.status).toBe(refused(role))
			expect(added.status).toBe(refused(role))
			expect(row).toBeNull()
			const national = await db.prisma.calendarDay.findFirstOrThrow({ where: { regionId: null } })
			const removed = await post(calendarAction, role, '/staff/settings/calendar', {
				intent: 'remove',
				id: national.id,
			})
			expect(removed.status).toBe(refused(role))
			expect(await db.prisma.calendarDay.count({ where: { id: national.id } })).toBe(1)
			return
		}
		expect(page.status).toBe(200)
		const body = page.body as { year: number; calendar: { rows: Array<{ date: string }> } }
		expect(body.year).toBe(2026)
		expect(body.calendar.rows.some((r) => r.date === '2026-10-01')).toBe(true)
		expect(added).toMatchObject({ status: 302, location: '/staff/settings/calendar?year=2026' })
		expect(row).toMatchObject({ regionId: null, kind: 'DAY_OFF' })
		const removed = await post(calendarAction, role, '/staff/settings/calendar', { intent: 'remove', id: row!.id })
		expect(removed.status).toBe(302)
		expect(await db.prisma.calendarDay.count({ where: { id: row!.id } })).toBe(0)
	})
})

describe('errors next to the field', () => {
	test('a template with an unknown placeholder is refused next to its text, naming the allowed ones', async () => {
		const before = await db.prisma.replyTemplate.count()
		const outcome = await post(newAction, 'AGENT', '/staff/settings/templates/new', {
			name: '有错的模板',
			bodyZh: '您好 {{客户}}',
			bodyEn: 'Hello {{customerName}}',
		})
		expect(outcome.status).toBe(400)
		const [message] = errorsOf(outcome).bodyZh ?? []
		expect(message).toMatch(/^settings:validation\.unknownPlaceholder\|/)
		expect(JSON.parse(message!.slice(message!.indexOf('|') + 1))).toMatchObject({
			unknown: '{{客户}}',
			allowed: expect.stringContaining('{{dueDate}}'),
		})
		expect(errorsOf(outcome).bodyEn).toBeUndefined()
		expect(await db.prisma.replyTemplate.count()).toBe(before)
	})

	test('a template without its English text', async () => {
		const outcome = await post(
			editAction,
			'AGENT',
			`/staff/settings/templates/${templateId}`,
			{ intent: 'save', name: 'x', bodyZh: '您好' },
			{ templateId },
		)
		expect(outcome.status).toBe(400)
		expect(errorsOf(outcome)).toMatchObject({ bodyEn: ['validation:required'] })
	})

	test('an unknown template is 404', async () => {
		expect((await load(editLoader, 'AGENT', '/staff/settings/templates/nope', { templateId: 'nope' })).status).toBe(404)
		const save = await post(
			editAction,
			'AGENT',
			'/staff/settings/templates/nope',
			{ intent: 'save', name: 'x', bodyZh: '您好', bodyEn: 'Hello' },
			{ templateId: 'nope' },
		)
		expect(save.status).toBe(404)
	})

	test('a target out of range', async () => {
		const outcome = await post(serviceLevelsAction, 'ADMIN', '/staff/settings/service-levels', {
			target: 'target-RESOLUTION-standard',
			clock: 'RESOLUTION',
			keyAccount: 'standard',
			amount: '0',
			unit: 'WORKING_DAYS',
		})
		expect(outcome).toMatchObject({ status: 400, body: { formId: 'target-RESOLUTION-standard' } })
		expect(errorsOf(outcome).amount).toEqual(['settings:validation.amountRange|{"max":250}'])
		expect((await loadTargets(db.prisma)).of('RESOLUTION', false)).toEqual({ amount: 5, unit: 'WORKING_DAYS' })
	})

	test('a day off on a weekend and a working day on a weekday, next to the date', async () => {
		const count = await db.prisma.calendarDay.count()
		const weekend = await post(calendarAction, 'ADMIN', '/staff/settings/calendar', {
			intent: 'add',
			date: '2026-12-26',
			kind: 'DAY_OFF',
			name: '周六休息',
		})
		expect(weekend.status).toBe(400)
		expect(errorsOf(weekend).date).toEqual(['settings:validation.dayOffOnWeekend|{"date":"2026-12-26"}'])
		const weekday = await post(calendarAction, 'ADMIN', '/staff/settings/calendar', {
			intent: 'add',
			date: '2026-12-28',
			kind: 'WORKING_DAY',
			name: '周一上班',
		})
		expect(errorsOf(weekday).date).toEqual(['settings:validation.workingDayOnWeekday|{"date":"2026-12-28"}'])
		expect(await db.prisma.calendarDay.count()).toBe(count)
	})

	test("a region's calendar: its rows, the national ones beside them, and 404 for an unknown region", async () => {
		const region = await createRegion(db.prisma)
		const added = await post(calendarAction, 'ADMIN', '/staff/settings/calendar', {
			intent: 'add',
			regionId: region.id,
			date: '2026-10-07',
			kind: 'WORKING_DAY',
			name: '区域上班',
		})
		expect(added).toMatchObject({ status: 302, location: `/staff/settings/calendar?year=2026&region=${region.id}` })
		const page = await load(calendarLoader, 'ADMIN', `/staff/settings/calendar?year=2026&region=${region.id}`)
		const calendar = (page.body as { calendar: { rows: Array<{ date: string }>; national: unknown[] } }).calendar
		expect(calendar.rows.map((r) => r.date)).toEqual(['2026-10-07'])
		expect(calendar.national.length).toBeGreaterThan(20)
		expect((await load(calendarLoader, 'ADMIN', '/staff/settings/calendar?region=nope')).status).toBe(404)
	})
})
