import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { verifyPassword } from '#app/auth/password.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { complaintReferenceYear, parseComplaintReference } from '#app/domain/complaints/reference.ts'
import { normalizeOrderNumber } from '#app/domain/orders/order-number.ts'
import { sweepServiceLevels } from '#app/complaints/sla-sweep.server.ts'
import { DEFAULT_QUEUE_FILTER, listQueue, type QueueView } from '#app/domain/complaints/queue.ts'
import { viewerFromUser } from '#app/domain/viewer.ts'
import { StaffRole, type ComplaintStatus } from '#app/generated/prisma/enums.ts'
import { createTestDatabase } from '#tests/db.ts'
import { seedDemo, type DemoAccount } from './demo.ts'

let db: Database | undefined
afterEach(async () => {
	await db?.close()
	db = undefined
})

// Late January, so that the demo's complaints fall into two years.
const NOW = new Date('2027-01-20T04:00:00Z')
const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Statuses in which a service clock runs (the customer's turn, a pause and the finished ones have none). */
const CLOCKED: readonly ComplaintStatus[] = ['SUBMITTED', 'ACKNOWLEDGED', 'INVESTIGATING', 'RESOLVING', 'ESCALATED']

/** What the sweep makes of a clock at `now` (sla-sweep.server.ts). */
function stateAt(c: { slaDueAt: Date | null; slaAtRiskAt: Date | null }, now: Date) {
	expect(c.slaDueAt).not.toBeNull()
	expect(c.slaAtRiskAt).not.toBeNull()
	if (c.slaDueAt! <= now) return 'BREACHED'
	return c.slaAtRiskAt! <= now ? 'AT_RISK' : 'ON_TRACK'
}

async function snapshot(prisma: Database['prisma']) {
	return {
		regions: await prisma.region.findMany({ orderBy: { id: 'asc' } }),
		organizations: await prisma.organization.findMany({ orderBy: { id: 'asc' } }),
		users: await prisma.user.findMany({ orderBy: { id: 'asc' } }),
		orders: await prisma.order.findMany({ orderBy: { id: 'asc' }, include: { lines: { orderBy: { id: 'asc' } } } }),
		complaints: await prisma.complaint.findMany({ orderBy: { id: 'asc' } }),
		sequences: await prisma.complaintSequence.findMany({ orderBy: { year: 'asc' } }),
	}
}

// Most checks only read what one seeding wrote, so they share it.
describe('seedDemo on a fresh database', () => {
	let fresh: Database
	let accounts: DemoAccount[]
	beforeAll(async () => {
		fresh = await createTestDatabase()
		accounts = await seedDemo(fresh.prisma, { now: NOW })
	})
	afterAll(() => fresh?.close())
	const seeded = () => ({ prisma: fresh.prisma, accounts })

	test('creates regions, HQ, regional offices, dealers and staff for every role', async () => {
		const { prisma, accounts } = seeded()
		const regions = await prisma.region.findMany()
		expect(regions.length).toBeGreaterThanOrEqual(4)
		expect(regions.every((r) => r.timeZone === 'Asia/Shanghai')).toBe(true)

		const organizations = await prisma.organization.findMany()
		expect(organizations.filter((o) => o.kind === 'HQ')).toHaveLength(1)
		for (const region of regions) {
			expect(organizations.filter((o) => o.kind === 'REGIONAL_OFFICE' && o.regionId === region.id)).toHaveLength(1)
		}
		const dealers = organizations.filter((o) => o.kind === 'DEALER')
		expect(dealers.length).toBeGreaterThanOrEqual(4)
		expect(dealers.every((d) => d.regionId !== null)).toBe(true)
		expect(new Set(dealers.map((d) => d.regionId)).size).toBeGreaterThanOrEqual(3)

		const users = await prisma.user.findMany({ include: { organization: true } })
		const staff = users.filter((u) => u.kind === 'STAFF')
		expect(new Set(staff.map((u) => u.staffRole))).toEqual(new Set(Object.values(StaffRole)))
		for (const u of staff) expect(u.organization).not.toBeNull()
		expect(staff.find((u) => u.staffRole === 'REGIONAL_MANAGER')?.organization?.kind).toBe('REGIONAL_OFFICE')
		expect(users.some((u) => u.kind === 'DEALER' && u.organization?.kind === 'DEALER')).toBe(true)
		expect(users.some((u) => u.kind === 'REGIONAL_OFFICE' && u.organization?.kind === 'REGIONAL_OFFICE')).toBe(true)
		for (const u of users.filter((u) => u.kind !== 'STAFF')) expect(u.staffRole).toBeNull()

		// every account is listed, verified, and nothing else exists
		expect(accounts.map((a) => a.email).sort()).toEqual(users.map((u) => u.email).sort())
		expect(users.every((u) => u.emailVerifiedAt !== null && u.emailVerifiedAt >= u.createdAt)).toBe(true)
		expect(users.every((u) => u.email === u.email.trim().toLowerCase() && u.email.endsWith('@demo.example.com'))).toBe(
			true,
		)
	})

	test('creates customers with consistent orders', async () => {
		const { prisma } = seeded()
		const customers = await prisma.user.findMany({
			where: { kind: 'CUSTOMER' },
			include: { orders: { include: { lines: true, dealer: true } } },
		})
		expect(customers.length).toBeGreaterThanOrEqual(5)
		expect(customers.filter((c) => c.isKeyAccount)).toHaveLength(1)
		expect(customers.filter((c) => c.locale === 'en')).toHaveLength(1)
		for (const customer of customers) {
			expect(customer.orders.length).toBeGreaterThanOrEqual(1)
			expect(customer.orders.length).toBeLessThanOrEqual(3)
			for (const order of customer.orders) {
				expect(order.orderNumber).toMatch(/^SO-\d{4}-\d{5}$/)
				expect(order.orderNumberKey).toBe(normalizeOrderNumber(order.orderNumber))
				expect(order.orderedAt.getTime()).toBeLessThan(order.shippedAt!.getTime())
				expect(order.shippedAt!.getTime()).toBeLessThan(order.deliveredAt!.getTime())
				expect(order.deliveredAt!.getTime()).toBeLessThan(NOW.getTime())
				expect(order.createdAt.getTime()).toBeGreaterThanOrEqual(customer.createdAt.getTime())
				if (order.dealer) expect(order.dealer.regionId).toBe(order.regionId)
				expect(order.lines.length).toBeGreaterThanOrEqual(1)
				expect(order.lines.map((l) => l.lineNumber).sort()).toEqual(order.lines.map((_, i) => i + 1))
				for (const line of order.lines) {
					expect(line.batchNumber).toMatch(/^HT\d{6}-\d{2}$/)
					expect(line.quantity).toBeGreaterThan(0)
				}
			}
		}
	})

	test('creates complaints in several states, each consistent with its order', async () => {
		const { prisma } = seeded()
		const complaints = await prisma.complaint.findMany({
			include: { order: true, orderLine: true, customer: true, filedBy: true, assignee: true },
			orderBy: { createdAt: 'asc' },
		})
		expect(complaints.length).toBeGreaterThanOrEqual(8)
		expect(new Set(complaints.map((c) => c.status)).size).toBeGreaterThanOrEqual(6)
		expect(new Set(complaints.map((c) => c.category)).size).toBeGreaterThanOrEqual(4)
		expect(new Set(complaints.map((c) => c.severity)).size).toBe(3)
		for (const c of complaints) {
			expect(c.order.customerId).toBe(c.customerId)
			expect(c.regionId).toBe(c.order.regionId)
			expect(c.dealerId).toBe(c.order.dealerId)
			if (c.orderLine) expect(c.orderLine.orderId).toBe(c.orderId)
			expect(c.isKeyAccount).toBe(c.customer.isKeyAccount)
			expect(c.createdAt.getTime()).toBeGreaterThan(c.order.deliveredAt!.getTime())
			expect(c.createdAt.getTime()).toBeLessThan(NOW.getTime())
			expect(c.updatedAt.getTime()).toBeGreaterThanOrEqual(c.createdAt.getTime())
			expect(c.closedAt !== null).toBe(c.status === 'CLOSED')
			if (c.status === 'SUBMITTED') expect(c.assignee).toBeNull()
			else expect(c.assignee?.kind).not.toBe('CUSTOMER')
			if (c.filedById !== c.customerId) expect(c.filedBy.kind).not.toBe('CUSTOMER')
			expect(c.description).not.toMatch(/\{\w+\}/)
		}
		// a dealer filed one on a customer's behalf, for an order that dealer sold
		const byDealer = complaints.filter((c) => c.filedBy.kind === 'DEALER')
		expect(byDealer.length).toBeGreaterThanOrEqual(1)
		for (const c of byDealer) expect(c.filedBy.organizationId).toBe(c.order.dealerId)
	})

	test('numbers complaints per year, in the order they were made, without gaps', async () => {
		const { prisma } = seeded()
		const complaints = await prisma.complaint.findMany({ orderBy: { createdAt: 'asc' } })
		const byYear = new Map<number, number[]>()
		for (const c of complaints) {
			const ref = parseComplaintReference(c.reference)!
			expect(ref.year).toBe(complaintReferenceYear(c.createdAt))
			byYear.set(ref.year, [...(byYear.get(ref.year) ?? []), ref.sequence])
		}
		expect([...byYear.keys()]).toEqual([2026, 2027])
		for (const [year, sequences] of byYear) {
			expect(sequences).toEqual(sequences.map((_, i) => i + 1))
			const counter = await prisma.complaintSequence.findUnique({ where: { year } })
			expect(counter?.lastUsed).toBe(sequences.length)
		}
	})

	test('gives complaints a history: replies, status changes, a proposal, and notes the customer never sees', async () => {
		const { prisma } = seeded()
		const complaints = await prisma.complaint.findMany({
			include: {
				events: { orderBy: { createdAt: 'asc' } },
				messages: { orderBy: { createdAt: 'asc' } },
			},
		})
		for (const c of complaints) {
			const [filed, ...rest] = c.events
			expect(filed).toMatchObject({ type: 'filed', toStatus: 'SUBMITTED', createdAt: c.createdAt })
			// the status changes chain from SUBMITTED to the complaint's status
			let status = 'SUBMITTED'
			for (const e of rest.filter((e) => e.toStatus)) {
				expect(e.fromStatus).toBe(status)
				status = e.toStatus!
			}
			expect(status).toBe(c.status)
			for (const e of c.events) expect(e.createdAt.getTime()).toBeLessThan(NOW.getTime())
			// every message is announced by an event that points at it, with the same visibility
			for (const m of c.messages) {
				const event = c.events.find((e) => (e.data as { messageId?: string } | null)?.messageId === m.id)
				expect(event?.visibility).toBe(m.visibility)
			}
			const lastPublic = c.events.filter((e) => e.visibility === 'PUBLIC').at(-1)!
			expect(c.customerUpdatedAt).toEqual(lastPublic.createdAt)
			// the SLA sweep's events are bookkeeping, and a survey answer is the survey's, not an edit of
			// the complaint: neither moves `updatedAt`
			expect(c.updatedAt).toEqual(
				c.events.filter((e) => !e.type.startsWith('sla_') && !e.type.startsWith('survey_')).at(-1)!.createdAt,
			)
			expect(c.firstResponseDueAt).not.toBeNull()
			if (c.status !== 'SUBMITTED') expect(c.firstRespondedAt).not.toBeNull()
		}
		const proposed = complaints.find((c) => c.status === 'RESOLUTION_PROPOSED')!
		expect(proposed.resolutionType).not.toBeNull()
		expect(proposed.resolutionSummary).toBeTruthy()
		expect(proposed.events.at(-1)).toMatchObject({
			type: 'resolution_proposed',
			data: { type: proposed.resolutionType, summary: proposed.resolutionSummary },
		})
		const messages = complaints.flatMap((c) => c.messages)
		expect(messages.filter((m) => m.visibility === 'PUBLIC').length).toBeGreaterThanOrEqual(8)
		expect(messages.filter((m) => m.visibility === 'INTERNAL').length).toBeGreaterThanOrEqual(3)
		expect(messages.filter((m) => m.visibility === 'PARTNER').length).toBeGreaterThanOrEqual(1)
		expect(complaints.find((c) => c.status === 'REJECTED')?.messages.some((m) => m.visibility === 'PUBLIC')).toBe(true)
	})

	test('a proposal involving money says how much and who pays, on the complaint and its event', async () => {
		const { prisma } = seeded()
		const proposed = await prisma.complaint.findFirstOrThrow({
			where: { status: 'RESOLUTION_PROPOSED' },
			include: { events: { where: { type: 'resolution_proposed' } } },
		})
		expect(proposed).toMatchObject({
			resolutionAmountMinor: 2_640_000,
			resolutionCurrency: 'CNY',
			costBearer: 'COMPANY',
		})
		expect(proposed.events[0]!.data).toMatchObject({ amountMinor: 2_640_000, currency: 'CNY', costBearer: 'COMPANY' })
	})

	test('open complaints have running clocks by the configured targets: a few at risk, one breached', async () => {
		const { prisma } = seeded()
		const complaints = await prisma.complaint.findMany({
			include: { events: { where: { type: { startsWith: 'sla_' } }, orderBy: { createdAt: 'asc' } } },
		})
		const clocked = complaints.filter((c) => CLOCKED.includes(c.status))
		for (const c of complaints) {
			if (!CLOCKED.includes(c.status)) {
				// finished, the customer's turn, or paused while waiting on the customer
				expect(c, c.title).toMatchObject({ slaDueAt: null, slaAtRiskAt: null, slaState: 'ON_TRACK' })
				expect(c.events, c.title).toEqual([])
				continue
			}
			expect(stateAt(c, NOW), c.title).toBe(c.slaState)
			expect(c.slaAtRiskAt!.getTime(), c.title).toBeGreaterThan(c.updatedAt.getTime() - 30 * DAY)
			expect(c.slaAtRiskAt!.getTime(), c.title).toBeLessThan(c.slaDueAt!.getTime())
			// as the sweep would have recorded them, each at its moment, once
			const expected =
				c.slaState === 'ON_TRACK'
					? []
					: c.slaState === 'AT_RISK'
						? [['sla_at_risk', c.slaAtRiskAt]]
						: [
								['sla_at_risk', c.slaAtRiskAt],
								['sla_breached', c.slaDueAt],
							]
			expect(
				c.events.map((e) => [e.type, e.createdAt]),
				c.title,
			).toEqual(expected)
			for (const e of c.events) expect(e).toMatchObject({ visibility: 'INTERNAL', actorId: null })
		}
		expect(clocked.length).toBeGreaterThanOrEqual(4)

		const byTitle = (title: string) => complaints.find((c) => c.title === title)!
		// the first-response clock: 24 hours from filing, measured against the seed
		const checkValve = byTitle('Check valve slams shut and causes water hammer')
		expect(checkValve.slaDueAt).toEqual(checkValve.firstResponseDueAt)
		expect(checkValve.slaDueAt!.getTime() - checkValve.createdAt.getTime()).toBe(24 * HOUR)
		expect(NOW.getTime() - checkValve.createdAt.getTime()).toBe(21 * HOUR)
		expect(checkValve.slaState).toBe('AT_RISK')
		expect(byTitle('经销商承诺的两年延保未体现在质保卡上').slaState).toBe('BREACHED')
		expect(byTitle('水泵运行噪音大、振动明显').slaState).toBe('AT_RISK')
		expect(byTitle('控制柜到货时面板破裂，变频器显示屏损坏').slaState).toBe('AT_RISK')
		expect(byTitle('安装师傅迟到三个小时且态度恶劣').slaState).toBe('ON_TRACK')
		const waiting = byTitle('离心泵流量和扬程达不到铭牌参数')
		expect(waiting).toMatchObject({ status: 'WAITING_ON_CUSTOMER', slaDueAt: null })

		// what the staff queue shows: the due column, and the two views
		const agent = await prisma.user.findUniqueOrThrow({
			where: { email: 'agent@demo.example.com' },
			include: { organization: true },
		})
		const viewer = viewerFromUser(agent)
		const view = async (name: QueueView) =>
			(await listQueue(prisma, viewer, { ...DEFAULT_QUEUE_FILTER, view: name })).items.map((i) => i.title)
		expect(await view('breached')).toEqual(['经销商承诺的两年延保未体现在质保卡上'])
		expect((await view('at-risk')).sort()).toEqual(
			[
				'Check valve slams shut and causes water hammer',
				'水泵运行噪音大、振动明显',
				'控制柜到货时面板破裂，变频器显示屏损坏',
			].sort(),
		)
		const open = (await listQueue(prisma, viewer, DEFAULT_QUEUE_FILTER)).items
		expect(open.filter((i) => i.slaDueAt !== null).length).toBe(clocked.length)
		// sorted by due time, the breached one first
		expect(open[0]!.title).toBe('经销商承诺的两年延保未体现在质保卡上')

		// the sweep finds nothing left to do
		expect(await sweepServiceLevels({ db: fresh, appUrl: 'http://portal.test', now: NOW })).toMatchObject({
			skipped: false,
			atRisk: 0,
			breached: 0,
			emails: 0,
		})
	})

	test("a demo account's password verifies", async () => {
		const { prisma, accounts } = seeded()
		const account = accounts.find((a) => a.email === 'agent@demo.example.com')!
		expect(account.password).toBe('demo-password-2026')
		const user = await prisma.user.findUniqueOrThrow({ where: { email: account.email } })
		expect(await verifyPassword(user.passwordHash, account.password)).toBe(true)
		expect(await verifyPassword(user.passwordHash, 'wrong-password')).toBe(false)
		expect(new Set(accounts.map((a) => a.password)).size).toBe(1)
	})
})

describe('the demo’s clocks whenever it is seeded', () => {
	// a Monday morning in the Spring Festival week, a Saturday night, the mornings after the National
	// Day and Spring Festival weeks, and a Wednesday afternoon in 2027 (no holidays published yet)
	test.each([
		new Date('2026-02-16T00:30:00Z'),
		new Date('2026-06-13T14:00:00Z'),
		new Date('2026-10-08T01:00:00Z'),
		new Date('2026-02-24T01:30:00Z'),
		new Date('2027-03-17T07:45:00Z'),
	])('seeded at %s: the same complaints at risk, the same one breached', async (now) => {
		db = await createTestDatabase()
		await seedDemo(db.prisma, { now })
		const complaints = await db.prisma.complaint.findMany({ where: { status: { in: [...CLOCKED] } } })
		for (const c of complaints) expect(stateAt(c, now), c.title).toBe(c.slaState)
		const inState = (state: string) =>
			complaints
				.filter((c) => c.slaState === state)
				.map((c) => c.title)
				.sort()
		expect(inState('BREACHED')).toEqual(['经销商承诺的两年延保未体现在质保卡上'])
		expect(inState('AT_RISK')).toEqual(
			[
				'Check valve slams shut and causes water hammer',
				'水泵运行噪音大、振动明显',
				'控制柜到货时面板破裂，变频器显示屏损坏',
			].sort(),
		)
		// every step before the seed, every filing after its delivery
		const all = await db.prisma.complaint.findMany({ include: { events: true, order: true } })
		for (const c of all) {
			expect(c.createdAt.getTime()).toBeGreaterThan(c.order.deliveredAt!.getTime())
			for (const e of c.events) expect(e.createdAt.getTime()).toBeLessThanOrEqual(now.getTime())
		}
	})
})

describe('seedDemo again', () => {
	test('seeding again changes nothing and returns the same accounts', async () => {
		db = await createTestDatabase()
		const { prisma } = db
		const accounts = await seedDemo(prisma, { now: NOW })
		const before = await snapshot(prisma)
		expect(await seedDemo(prisma, { now: new Date('2028-06-01T00:00:00Z') })).toEqual(accounts)
		expect(await snapshot(prisma)).toEqual(before)
	})

	test('two seeders at once write the data once', async () => {
		db = await createTestDatabase()
		const [a, b] = await Promise.all([seedDemo(db.prisma, { now: NOW }), seedDemo(db.prisma, { now: NOW })])
		expect(a).toEqual(b)
		expect(await db.prisma.user.count()).toBe(a.length)
		expect(await db.prisma.complaint.count()).toBe(
			(await db.prisma.complaintSequence.findMany()).reduce((sum, s) => sum + s.lastUsed, 0),
		)
	})

	test('does nothing to a database that already has users', async () => {
		db = await createTestDatabase()
		await db.prisma.user.create({
			data: { email: 'someone@example.com', passwordHash: 'x', name: 'Someone', kind: 'CUSTOMER' },
		})
		const accounts = await seedDemo(db.prisma, { now: NOW })
		expect(accounts.length).toBeGreaterThan(0)
		expect(await db.prisma.user.count()).toBe(1)
		expect(await db.prisma.region.count()).toBe(0)
		expect(await db.prisma.complaint.count()).toBe(0)
	})
})
