import type { AppLoadContext } from '@remix-run/node'
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server.js'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { createI18n } from '#app/i18n/i18n.server.ts'
import { createTestContext } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createComplaintRow, seedQueueWorld, STAFF_ROLES, type Person } from '#tests/queue-fixtures.ts'
import { loader as indexLoader } from './staff._index.tsx'
import QueuePage, { action as queueAction, loader as queueLoader } from './staff.queue.tsx'
import { loader as layoutLoader } from './staff.tsx'

/**
 * The console's frame and its work queue against every kind of account: customers, dealers and
 * staff without a role get the 404 of a page that does not exist; a regional office (and staff
 * who sit in one) see their region; head-office staff in every role see everything. Then the
 * queue's forms: bulk assignment, saving and deleting a view.
 */

let database: Database
let context: AppLoadContext
let world: Awaited<ReturnType<typeof seedQueueWorld>>
const cookies = new Map<string, string>()
let eastRef: string
let westRef: string
let eastId: string
let westId: string

type Account = { label: string; person: () => Person }
const accounts = (): Account[] => [
	{ label: 'customer', person: () => world.people.wang },
	{ label: 'dealer', person: () => world.people.dealer },
	{ label: 'staff without a role', person: () => world.people.roleless },
	{ label: 'regional office', person: () => world.people.eastOffice },
	{ label: 'regional manager in the east office', person: () => world.people.eastManager },
	...STAFF_ROLES.map((role) => ({ label: `head-office ${role}`, person: () => world.people.staff[role] })),
]
const OUTSIDERS = ['customer', 'dealer', 'staff without a role']
const EAST_ONLY = ['regional office', 'regional manager in the east office']

beforeAll(async () => {
	database = await createTestDatabase()
	context = createTestContext(database)
	const db = database.prisma
	world = await seedQueueWorld(db)
	for (const { person } of accounts()) {
		const p = person()
		const { token } = await createSession(db, { id: p.id, kind: p.viewer.kind })
		cookies.set(p.id, `${SESSION_COOKIE}=${token}`)
	}
	const east = await createComplaintRow(db, {
		customer: world.people.wang,
		regionId: world.east.id,
		title: '华东的阀门泄漏',
		status: 'ACKNOWLEDGED',
	})
	const west = await createComplaintRow(db, {
		customer: world.people.alice,
		regionId: world.west.id,
		title: 'West pump noise',
		status: 'INVESTIGATING',
	})
	;[eastRef, westRef, eastId, westId] = [east.reference, west.reference, east.id, west.id]
})
afterAll(() => database.close())

function request(person: Person | null, path: string, init: RequestInit = {}) {
	const headers = new Headers(init.headers)
	if (person) headers.set('cookie', cookies.get(person.id)!)
	return new Request(`http://portal.test${path}`, { ...init, headers })
}

function post(person: Person, path: string, fields: Array<[string, string]>) {
	return request(person, path, {
		method: 'POST',
		body: new URLSearchParams(fields),
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
	})
}

/** A status (thrown or returned), or `login` for the sign-in redirect. */
async function outcome(run: () => unknown): Promise<number | 'login'> {
	const statusOf = (value: unknown): number | 'login' | null => {
		if (value instanceof Response) {
			const location = value.headers.get('location')
			return location?.startsWith('/login') ? 'login' : value.status
		}
		const init = (value as { init?: { status?: number } | null } | null)?.init
		return init?.status ?? null
	}
	try {
		const result = await run()
		return statusOf(result) ?? 200
	} catch (thrown) {
		const status = statusOf(thrown)
		if (status === null) throw thrown
		return status
	}
}

type QueueData = Awaited<ReturnType<typeof queueLoader>>
const queue = (person: Person, query = '') =>
	queueLoader({ request: request(person, `/staff/queue${query}`), context, params: {} }) as Promise<QueueData>

describe.each(accounts())('$label', ({ label, person }) => {
	const outsider = OUTSIDERS.includes(label)

	test('the console frame, its index and the queue', async () => {
		const p = person()
		const args = (path: string) => ({ request: request(p, path), context, params: {} })
		expect(await outcome(() => layoutLoader(args('/staff/queue')))).toBe(outsider ? 404 : 200)
		expect(await outcome(() => queueLoader(args('/staff/queue')))).toBe(outsider ? 404 : 200)
		const index = await outcome(() => indexLoader(args('/staff')))
		expect(index).toBe(outsider ? 404 : 302)
	})

	test('what the queue lists', async () => {
		if (outsider) return
		const references = (await queue(person())).items.map((i) => i.reference)
		if (EAST_ONLY.includes(label)) {
			expect(references).toEqual([eastRef])
			expect((await queue(person(), `?q=${westRef}`)).items).toEqual([])
		} else expect(references.sort()).toEqual([eastRef, westRef].sort())
	})

	test('the console’s sections', async () => {
		if (outsider) return
		const p = person()
		const frame = await layoutLoader({ request: request(p, '/staff'), context, params: {} })
		const approver = ['REGIONAL_MANAGER', 'MARKETING_DIRECTOR', 'GENERAL_MANAGER'].includes(p.viewer.staffRole ?? '')
		// reports: the figures of what each may read, for every console user
		expect(frame.sections).toEqual({ approvals: approver, settings: p.viewer.kind === 'STAFF', reports: true })
		expect(frame.name).toBe(p.name)
	})

	test('bulk assignment: staff who may route assign, the office account may not, outsiders get 404', async () => {
		const p = person()
		const target = world.people.eastOffice
		await database.prisma.complaint.update({ where: { id: eastId }, data: { assigneeId: null } })
		const result = await outcome(() =>
			queueAction({
				request: post(p, '/staff/queue?view=unassigned', [
					['intent', 'assign'],
					['ids', eastId],
					['assigneeId', target.id],
				]),
				context,
				params: {},
			}),
		)
		const after = await database.prisma.complaint.findUniqueOrThrow({ where: { id: eastId } })
		if (outsider) expect(result).toBe(404)
		else if (label === 'regional office') expect(result).toBe(403)
		else expect(result).toBe(200)
		expect(after.assigneeId).toBe(outsider || label === 'regional office' ? null : target.id)
	})
})

test('signed-out visitors are sent to sign in', async () => {
	for (const loader of [layoutLoader, queueLoader, indexLoader])
		expect(await outcome(() => loader({ request: request(null, '/staff/queue'), context, params: {} }))).toBe('login')
})

test('the index opens the queue', async () => {
	const response = (await indexLoader({
		request: request(world.people.staff.AGENT, '/staff'),
		context,
		params: {},
	})) as Response
	expect(response.status).toBe(302)
	expect(response.headers.get('location')).toBe('/staff/queue')
})

describe('the queue page', () => {
	test('filters come from the query string', async () => {
		const agent = world.people.staff.AGENT
		const data = await queue(agent, `?q=${encodeURIComponent('泄漏')}&sort=newest`)
		expect(data.items.map((i) => i.reference)).toEqual([eastRef])
		expect(data.query).toBe(`q=${encodeURIComponent('泄漏')}&sort=newest`)
		// what the filter form sends (every field, empty or not, and the default view) becomes the short form
		const sent = await queue(agent, `?view=open&q=%E6%B3%84%E6%BC%8F&status=&category=&key=&junk=1&sort=newest`).then(
			() => null,
			(thrown: unknown) => thrown,
		)
		expect(sent).toBeInstanceOf(Response)
		expect((sent as Response).headers.get('location')).toBe(`/staff/queue?q=${encodeURIComponent('泄漏')}&sort=newest`)
		expect(data.assignable.map((a) => a.id)).toContain(world.people.eastOffice.id)
		// the office account filters, but has nobody to assign to
		expect((await queue(world.people.eastOffice)).assignable).toEqual([])
	})

	test('bulk assignment reports each complaint: assigned, or why not', async () => {
		const agent = world.people.staff.AGENT
		const db = database.prisma
		await db.complaint.updateMany({ where: { id: { in: [eastId, westId] } }, data: { assigneeId: null } })
		const response = (await queueAction({
			request: post(agent, '/staff/queue', [
				['intent', 'assign'],
				['ids', eastId],
				['ids', westId],
				['assigneeId', world.people.eastManager.id],
			]),
			context,
			params: {},
		})) as unknown as { data: { summary: unknown }; init: { status?: number } | null }
		expect(response.init?.status ?? 200).toBe(200)
		expect(response.data.summary).toEqual({
			assigned: 1,
			failed: [{ reference: westRef, code: 'invalid-assignee' }],
		})
		expect((await db.complaint.findUniqueOrThrow({ where: { id: eastId } })).assigneeId).toBe(
			world.people.eastManager.id,
		)
		expect((await db.complaint.findUniqueOrThrow({ where: { id: westId } })).assigneeId).toBeNull()
		const events = await db.complaintEvent.findMany({ where: { complaintId: eastId, type: 'routed' } })
		expect(events.at(-1)).toMatchObject({ actorId: agent.id, visibility: 'INTERNAL' })
	})

	test('bulk assignment: errors next to the fields', async () => {
		const agent = world.people.staff.AGENT
		const run = (fields: Array<[string, string]>) =>
			queueAction({ request: post(agent, '/staff/queue', fields), context, params: {} }) as Promise<{
				data: { result: { error?: Record<string, string[]> } }
				init: { status?: number } | null
			}>
		const none = await run([
			['intent', 'assign'],
			['assigneeId', world.people.eastOffice.id],
		])
		expect(none.init?.status).toBe(400)
		expect(none.data.result.error?.ids).toEqual(['console:assign.noneSelected'])
		const nobody = await run([
			['intent', 'assign'],
			['ids', eastId],
		])
		expect(nobody.data.result.error?.assigneeId).toEqual(['console:assign.chooseAssignee'])
		// a person no selected complaint may go to: said next to the person
		const wrong = await run([
			['intent', 'assign'],
			['ids', westId],
			['assigneeId', world.people.eastOffice.id],
		])
		expect(wrong.init?.status).toBe(400)
		expect(wrong.data.result.error?.assigneeId).toEqual(['console:assign.invalidAssignee'])
		expect((await database.prisma.complaint.findUniqueOrThrow({ where: { id: westId } })).assigneeId).toBeNull()
	})

	test('saving, listing and deleting one’s own views', async () => {
		const agent = world.people.staff.AGENT
		const other = world.people.staff.ADMIN
		const saved = (await queueAction({
			request: post(agent, '/staff/queue?key=yes', [
				['intent', 'save-view'],
				['name', '重点客户'],
				['query', 'key=yes&page=4'],
			]),
			context,
			params: {},
		})) as Response
		expect(saved.status).toBe(302)
		expect(saved.headers.get('location')).toBe('/staff/queue?key=yes')
		const views = (await queue(agent)).views
		expect(views).toEqual([{ id: expect.any(String), name: '重点客户', query: 'key=yes' }])
		expect((await queue(other)).views).toEqual([])

		const tooLong = (await queueAction({
			request: post(agent, '/staff/queue', [
				['intent', 'save-view'],
				['name', '长'.repeat(41)],
				['query', ''],
			]),
			context,
			params: {},
		})) as { data: { result: { error?: Record<string, string[]> } }; init: { status?: number } | null }
		expect(tooLong.init?.status).toBe(400)
		expect(tooLong.data.result.error?.name).toEqual(['console:views.nameTooLong|{"max":40}'])

		// someone else's view cannot be deleted: it is not found for them, and stays
		const foreign = (await queueAction({
			request: post(other, '/staff/queue', [
				['intent', 'delete-view'],
				['viewId', views[0]!.id],
			]),
			context,
			params: {},
		})) as Response
		expect(foreign.status).toBe(302)
		expect((await queue(agent)).views).toHaveLength(1)
		const deleted = (await queueAction({
			request: post(agent, '/staff/queue?view=mine', [
				['intent', 'delete-view'],
				['viewId', views[0]!.id],
			]),
			context,
			params: {},
		})) as Response
		expect(deleted.headers.get('location')).toBe('/staff/queue?view=mine')
		expect((await queue(agent)).views).toEqual([])
	})

	test('an unknown intent is a bad request', async () => {
		expect(
			await outcome(() =>
				queueAction({
					request: post(world.people.staff.AGENT, '/staff/queue', [['intent', 'drop-table']]),
					context,
					params: {},
				}),
			),
		).toBe(400)
	})
})

/** The queue page as the server renders it, with the loader's data. */
async function renderQueue(data: QueueData, language: 'zh-CN' | 'en') {
	const handler = createStaticHandler([{ id: 'queue', path: '/staff/queue', Component: QueuePage, loader: () => data }])
	const routerContext = await handler.query(new Request('http://portal.test/staff/queue'))
	if (routerContext instanceof Response) throw new Error('unexpected response')
	const router = createStaticRouter(handler.dataRoutes, routerContext)
	return renderToString(
		createElement(
			I18nextProvider,
			{ i18n: createI18n(language) },
			createElement(StaticRouterProvider, { router, context: routerContext, hydrate: false }),
		),
	)
}

test('the queue names statuses in the staff’s words, not the customer’s', async () => {
	// last in the file: the lists above count the two complaints of beforeAll
	const waiting = await createComplaintRow(database.prisma, {
		customer: world.people.wang,
		regionId: world.east.id,
		title: '等客户回复的泵',
		status: 'WAITING_ON_CUSTOMER',
	})
	const data = await queue(world.people.staff.AGENT, `?q=${waiting.reference}`)
	expect(data.items.map((i) => i.reference)).toEqual([waiting.reference])
	const badge = (html: string) => /<span class="status-badge[^"]*">([^<]+)<\/span>/.exec(html)?.[1]
	const zhHtml = await renderQueue(data, 'zh-CN')
	expect(badge(zhHtml)).toBe('等待客户补充信息')
	// nowhere on the page, the status filter included
	expect(zhHtml).toContain('<option value="WAITING_ON_CUSTOMER">等待客户补充信息</option>')
	expect(zhHtml).not.toContain('等待您补充信息')
	expect(zhHtml).not.toContain('待您确认处理方案')
	const enHtml = await renderQueue(data, 'en')
	expect(badge(enHtml)).toBe('Waiting on the customer')
	expect(enHtml).not.toContain('Waiting for your information')
})
