import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createComplaintRow, seedQueueWorld, type Person } from '#tests/queue-fixtures.ts'
import { DomainValidationError, NotFoundError } from '../errors.ts'
import {
	DEFAULT_QUEUE_FILTER,
	listQueue,
	parseQueueQuery,
	queueFilterOptions,
	queueQueryString,
	type QueueFilter,
} from './queue.ts'
import { deleteQueueView, listSavedQueueViews, MAX_SAVED_VIEWS, saveQueueView } from './saved-queue-views.ts'

/**
 * The work queue against real rows: every view, filter and sort, search in Chinese and English,
 * and who sees what (head office everything, a region only its own, customers and dealers
 * nothing).
 */

let database: Database
let world: Awaited<ReturnType<typeof seedQueueWorld>>
const refs = {} as Record<'leak' | 'noise' | 'crate' | 'closed' | 'refund' | 'westOpen', string>
let leakOrderNumber: string
const now = Date.now()
const at = (hours: number) => new Date(now + hours * 3_600_000)

beforeAll(async () => {
	database = await createTestDatabase()
	const db = database.prisma
	world = await seedQueueWorld(db)
	const { east, west, eastDealer, westDealer, people } = world
	const leak = await createComplaintRow(db, {
		customer: people.wang,
		regionId: east.id,
		dealerId: eastDealer.id,
		title: '阀门法兰泄漏严重',
		description: '安装后第三天法兰处持续渗水，已停机。',
		status: 'SUBMITTED',
		category: 'PRODUCT_QUALITY',
		severity: 'CRITICAL',
		isKeyAccount: true,
		slaDueAt: at(1),
		slaState: 'AT_RISK',
		assigneeId: people.staff.AGENT.id,
		department: 'QUALITY',
		createdAt: at(-30),
	})
	leakOrderNumber = leak.order.orderNumber
	const noise = await createComplaintRow(db, {
		customer: people.alice,
		regionId: east.id,
		title: 'Pump is noisy',
		description: 'The PUMP makes a Grinding sound after an hour.',
		status: 'INVESTIGATING',
		category: 'OTHER',
		severity: 'MINOR',
		slaDueAt: at(5),
		createdAt: at(-20),
	})
	const crate = await createComplaintRow(db, {
		customer: people.alice,
		regionId: west.id,
		dealerId: westDealer.id,
		title: '包装箱破损',
		description: '到货时木箱破裂，泵壳有划痕。',
		status: 'ESCALATED',
		category: 'HANDLING_DAMAGE',
		severity: 'MAJOR',
		slaDueAt: at(-1),
		slaState: 'BREACHED',
		department: 'LOGISTICS',
		createdAt: at(-40),
	})
	const closed = await createComplaintRow(db, {
		customer: people.wang,
		regionId: west.id,
		title: '已经处理完的泄漏',
		status: 'CLOSED',
		closedAt: at(-2),
		createdAt: at(-3),
	})
	const refund = await createComplaintRow(db, {
		customer: people.wang,
		regionId: east.id,
		title: '退款 50% 可以吗',
		description: '经销商答应退一半货款。',
		status: 'WAITING_ON_CUSTOMER',
		category: 'SALES_POLICY',
		severity: 'MINOR',
		assigneeId: people.eastManager.id,
		createdAt: at(-10),
	})
	const westOpen = await createComplaintRow(db, {
		customer: people.alice,
		regionId: west.id,
		title: 'Motor overheats',
		status: 'ACKNOWLEDGED',
		severity: 'MAJOR',
		isKeyAccount: true,
		slaDueAt: at(30),
		assigneeId: people.westOffice.id,
		createdAt: at(-5),
	})
	Object.assign(refs, {
		leak: leak.reference,
		noise: noise.reference,
		crate: crate.reference,
		closed: closed.reference,
		refund: refund.reference,
		westOpen: westOpen.reference,
	})
})
afterAll(() => database.close())

function filterOf(query: string): QueueFilter {
	return parseQueueQuery(new URLSearchParams(query))
}

async function referencesFor(person: Person, query = '', pageSize?: number): Promise<string[]> {
	const page = await listQueue(database.prisma, person.viewer, filterOf(query), { pageSize })
	return page.items.map((i) => i.reference)
}

const name = (...keys: Array<keyof typeof refs>) => keys.map((k) => refs[k])

describe('head-office staff', () => {
	const agent = () => world.people.staff.AGENT

	test('open by default: every region, closed cases left out, the earliest due first and no clock last', async () => {
		expect(await referencesFor(agent())).toEqual(name('crate', 'leak', 'noise', 'westOpen', 'refund'))
	})

	test('newest first', async () => {
		expect(await referencesFor(agent(), 'sort=newest')).toEqual(name('westOpen', 'refund', 'noise', 'leak', 'crate'))
	})

	test('the built-in views', async () => {
		expect(await referencesFor(agent(), 'view=mine')).toEqual(name('leak'))
		expect(await referencesFor(world.people.eastManager, 'view=mine')).toEqual(name('refund'))
		expect(await referencesFor(agent(), 'view=unassigned')).toEqual(name('crate', 'noise'))
		expect(await referencesFor(agent(), 'view=at-risk')).toEqual(name('leak'))
		expect(await referencesFor(agent(), 'view=breached')).toEqual(name('crate'))
		expect(await referencesFor(agent(), 'view=all')).toEqual(
			name('crate', 'leak', 'noise', 'westOpen', 'refund', 'closed'),
		)
	})

	test('a chosen status replaces the view’s “not closed”', async () => {
		expect(await referencesFor(agent(), 'status=CLOSED')).toEqual(name('closed'))
		expect(await referencesFor(agent(), 'status=WAITING_ON_CUSTOMER')).toEqual(name('refund'))
		expect(await referencesFor(agent(), 'view=unassigned&status=ESCALATED')).toEqual(name('crate'))
	})

	test('each filter', async () => {
		const { east, west, eastDealer, westDealer, people } = world
		expect(await referencesFor(agent(), 'category=HANDLING_DAMAGE')).toEqual(name('crate'))
		expect(await referencesFor(agent(), 'category=SALES_POLICY')).toEqual(name('refund'))
		expect(await referencesFor(agent(), 'severity=CRITICAL')).toEqual(name('leak'))
		expect(await referencesFor(agent(), 'severity=MAJOR')).toEqual(name('crate', 'westOpen'))
		expect(await referencesFor(agent(), `region=${east.id}`)).toEqual(name('leak', 'noise', 'refund'))
		expect(await referencesFor(agent(), `region=${west.id}`)).toEqual(name('crate', 'westOpen'))
		expect(await referencesFor(agent(), `dealer=${eastDealer.id}`)).toEqual(name('leak'))
		expect(await referencesFor(agent(), `dealer=${westDealer.id}`)).toEqual(name('crate'))
		expect(await referencesFor(agent(), 'key=yes')).toEqual(name('leak', 'westOpen'))
		expect(await referencesFor(agent(), 'key=no')).toEqual(name('crate', 'noise', 'refund'))
		expect(await referencesFor(agent(), `assignee=${people.westOffice.id}`)).toEqual(name('westOpen'))
		expect(await referencesFor(agent(), 'assignee=none')).toEqual(name('crate', 'noise'))
		expect(await referencesFor(agent(), 'department=QUALITY')).toEqual(name('leak'))
		expect(await referencesFor(agent(), 'department=none')).toEqual(name('noise', 'westOpen', 'refund'))
		// filters combine
		expect(await referencesFor(agent(), `region=${east.id}&severity=MINOR&assignee=none`)).toEqual(name('noise'))
	})

	test('search: Chinese and English text, case-insensitive, title and description', async () => {
		expect(await referencesFor(agent(), `q=${encodeURIComponent('泄漏')}`)).toEqual(name('leak'))
		expect(await referencesFor(agent(), `q=${encodeURIComponent('泄漏')}&view=all`)).toEqual(name('leak', 'closed'))
		expect(await referencesFor(agent(), `q=${encodeURIComponent('木箱')}`)).toEqual(name('crate'))
		expect(await referencesFor(agent(), 'q=pump')).toEqual(name('noise'))
		expect(await referencesFor(agent(), 'q=GRINDING')).toEqual(name('noise'))
		expect(await referencesFor(agent(), 'q=overheat')).toEqual(name('westOpen'))
		expect(await referencesFor(agent(), 'q=nothing-like-this')).toEqual([])
	})

	test('search by reference, order number (however typed) and customer name or email', async () => {
		expect(await referencesFor(agent(), `q=${refs.crate.toLowerCase()}`)).toEqual(name('crate'))
		const tail = leakOrderNumber.slice(-6).toLowerCase()
		expect(await referencesFor(agent(), `q=${tail}`)).toEqual(name('leak'))
		// full-width letters from a Chinese input method fold to ASCII
		const fullWidth = leakOrderNumber.replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
		expect(await referencesFor(agent(), `q=${encodeURIComponent(fullWidth)}`)).toEqual(name('leak'))
		expect(await referencesFor(agent(), `q=${encodeURIComponent('王建')}`)).toEqual(name('leak', 'refund'))
		expect(await referencesFor(agent(), 'q=alice')).toEqual(name('crate', 'noise', 'westOpen'))
		const email = world.people.alice.email
		expect(await referencesFor(agent(), `q=${encodeURIComponent(email.toUpperCase())}`)).toEqual(
			name('crate', 'noise', 'westOpen'),
		)
	})

	test('search words must all match, and LIKE wildcards match only themselves', async () => {
		expect(await referencesFor(agent(), `q=${encodeURIComponent('Alice 包装')}`)).toEqual(name('crate'))
		expect(await referencesFor(agent(), `q=${encodeURIComponent('50%')}`)).toEqual(name('refund'))
		expect(await referencesFor(agent(), `q=${encodeURIComponent('%')}`)).toEqual(name('refund'))
		expect(await referencesFor(agent(), 'q=_')).toEqual([])
	})

	test('pages', async () => {
		const first = await listQueue(database.prisma, agent().viewer, filterOf(''), { pageSize: 2 })
		expect(first).toMatchObject({ total: 5, page: 1, pageCount: 3 })
		expect(first.items.map((i) => i.reference)).toEqual(name('crate', 'leak'))
		const last = await listQueue(database.prisma, agent().viewer, filterOf('page=3'), { pageSize: 2 })
		expect(last.items.map((i) => i.reference)).toEqual(name('refund'))
		// past the end shows the last page
		const beyond = await listQueue(database.prisma, agent().viewer, filterOf('page=99'), { pageSize: 2 })
		expect(beyond).toMatchObject({ page: 3 })
		expect(beyond.items.map((i) => i.reference)).toEqual(name('refund'))
		// 50 a page unless told
		expect((await listQueue(database.prisma, agent().viewer, filterOf(''))).pageSize).toBe(50)
	})

	test('a row carries what the queue shows', async () => {
		const page = await listQueue(database.prisma, agent().viewer, filterOf('severity=CRITICAL'))
		expect(page.items[0]).toMatchObject({
			reference: refs.leak,
			title: '阀门法兰泄漏严重',
			status: 'SUBMITTED',
			waitingOn: 'company',
			severity: 'CRITICAL',
			isKeyAccount: true,
			customerName: '王建国',
			orderNumber: leakOrderNumber,
			region: { nameZh: '华东大区' },
			dealerName: '上海泵阀经销部',
			assignee: { id: world.people.staff.AGENT.id, name: world.people.staff.AGENT.name },
			department: 'QUALITY',
			slaState: 'AT_RISK',
			slaDueAt: at(1),
		})
	})

	test('every head-office role sees every region', async () => {
		for (const person of Object.values(world.people.staff))
			expect(await referencesFor(person, 'view=all')).toHaveLength(6)
		expect(await referencesFor(world.people.agent2, 'view=all')).toHaveLength(6)
	})

	test('filter options: every region and dealer, head office and every office as assignees', async () => {
		const options = await queueFilterOptions(database.prisma, agent().viewer)
		expect(options.regions.map((r) => r.id).sort()).toEqual([world.east.id, world.west.id].sort())
		expect(options.dealers.map((d) => d.id).sort()).toEqual([world.eastDealer.id, world.westDealer.id].sort())
		const ids = options.assignees.map((a) => a.id)
		const { people } = world
		for (const p of [...Object.values(people.staff), people.agent2, people.eastManager, people.westOffice])
			expect(ids).toContain(p.id)
		for (const p of [people.dealer, people.wang, people.roleless]) expect(ids).not.toContain(p.id)
	})
})

describe('a region only', () => {
	test('regional-office staff and the regional office see their own region', async () => {
		for (const person of [world.people.eastManager, world.people.eastOffice]) {
			expect(await referencesFor(person)).toEqual(name('leak', 'noise', 'refund'))
			expect(await referencesFor(person, 'view=all')).toEqual(name('leak', 'noise', 'refund'))
			// asking for another region finds nothing rather than widening
			expect(await referencesFor(person, `region=${world.west.id}`)).toEqual([])
			expect(await referencesFor(person, `q=${refs.crate}`)).toEqual([])
		}
		expect(await referencesFor(world.people.westManager, 'view=all')).toEqual(name('crate', 'westOpen', 'closed'))
		expect(await referencesFor(world.people.westOffice, 'view=mine')).toEqual(name('westOpen'))
	})

	test('filter options stay in the region', async () => {
		const options = await queueFilterOptions(database.prisma, world.people.eastManager.viewer)
		expect(options.regions.map((r) => r.id)).toEqual([world.east.id])
		expect(options.dealers.map((d) => d.id)).toEqual([world.eastDealer.id])
		const ids = options.assignees.map((a) => a.id)
		expect(ids).toContain(world.people.staff.AGENT.id)
		expect(ids).toContain(world.people.eastOffice.id)
		expect(ids).not.toContain(world.people.westOffice.id)
		expect(ids).not.toContain(world.people.westManager.id)
	})

	test('a regional office searches customers by name, not by email (the directory hides emails from it)', async () => {
		const office = world.people.eastOffice
		expect(await referencesFor(office, 'q=alice')).toEqual(name('noise'))
		expect(await referencesFor(office, `q=${encodeURIComponent(world.people.alice.email)}`)).toEqual([])
		// and the people it may filter by are those the directory shows it: its own office's members
		const options = await queueFilterOptions(database.prisma, office.viewer)
		expect(options.assignees.map((a) => a.id).sort()).toEqual([office.id, world.people.eastManager.id].sort())
	})
})

describe('outside the console', () => {
	test('customers, dealers and staff without a role see nothing through the queue', async () => {
		for (const person of [world.people.wang, world.people.alice, world.people.dealer, world.people.roleless]) {
			for (const query of ['', 'view=all', `q=${refs.leak}`, 'view=mine'])
				expect(await referencesFor(person, query)).toEqual([])
			const options = await queueFilterOptions(database.prisma, person.viewer)
			expect(options).toEqual({ regions: [], dealers: [], assignees: [] })
		}
	})
})

describe('the query string', () => {
	test('defaults are left out, values round-trip, and junk is ignored', () => {
		expect(queueQueryString(filterOf(''))).toBe('')
		expect(filterOf('')).toEqual(DEFAULT_QUEUE_FILTER)
		const query =
			'view=mine&status=INVESTIGATING&category=OTHER&severity=MAJOR&region=r1&dealer=d1&key=yes&assignee=none&department=QUALITY&q=%E6%B3%84%E6%BC%8F&sort=newest&page=2'
		expect(queueQueryString(filterOf(query))).toBe(query)
		expect(
			filterOf('view=everything&status=OPEN&severity=HUGE&key=maybe&department=HR&sort=random&page=-1&region=a%20b'),
		).toEqual(DEFAULT_QUEUE_FILTER)
		expect(filterOf(`q=${'长'.repeat(300)}`).q).toHaveLength(100)
	})
})

describe('saved views', () => {
	test('saved under a name, listed for their owner only, replaced by saving the name again, deleted', async () => {
		const db = database.prisma
		const agent = world.people.staff.AGENT
		const other = world.people.staff.QUALITY_ENGINEER
		const view = await saveQueueView(db, agent.viewer, { name: '  我的  重点客户 ', query: 'key=yes&page=3&junk=1' })
		expect(view).toMatchObject({ name: '我的 重点客户', query: 'key=yes' })
		expect(await listSavedQueueViews(db, other.viewer)).toEqual([])
		await saveQueueView(db, agent.viewer, { name: '我的 重点客户', query: 'view=breached' })
		expect(await listSavedQueueViews(db, agent.viewer)).toEqual([
			{ id: view.id, name: '我的 重点客户', query: 'view=breached' },
		])

		await expect(deleteQueueView(db, other.viewer, view.id)).rejects.toBeInstanceOf(NotFoundError)
		expect(await db.savedQueueView.count({ where: { id: view.id } })).toBe(1)
		await deleteQueueView(db, agent.viewer, view.id)
		expect(await listSavedQueueViews(db, agent.viewer)).toEqual([])
	})

	test('names are required and short; a person keeps a bounded number; customers cannot save', async () => {
		const db = database.prisma
		const engineer = world.people.staff.QUALITY_ENGINEER
		await expect(saveQueueView(db, engineer.viewer, { name: '   ', query: '' })).rejects.toMatchObject({
			field: 'name',
			messageKey: 'validation:required',
		})
		await expect(saveQueueView(db, engineer.viewer, { name: 'x'.repeat(41), query: '' })).rejects.toBeInstanceOf(
			DomainValidationError,
		)
		for (let i = 0; i < MAX_SAVED_VIEWS; i++) await saveQueueView(db, engineer.viewer, { name: `v${i}`, query: '' })
		await expect(saveQueueView(db, engineer.viewer, { name: 'one more', query: '' })).rejects.toMatchObject({
			messageKey: 'console:views.tooMany',
		})
		// replacing one already kept is still fine
		await saveQueueView(db, engineer.viewer, { name: 'v0', query: 'view=mine' })
		await expect(saveQueueView(db, world.people.wang.viewer, { name: 'mine', query: '' })).rejects.toBeInstanceOf(
			NotFoundError,
		)
		expect(await db.savedQueueView.count({ where: { userId: world.people.wang.id } })).toBe(0)
	})
})
