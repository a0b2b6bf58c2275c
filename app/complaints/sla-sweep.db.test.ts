import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import type { ComplaintStatus, SlaState } from '#app/generated/prisma/enums.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createCustomerWithOrder, createUser } from '#tests/fixtures.ts'
import { slaBreachedKey, startSlaSweepJob, sweepServiceLevels } from './sla-sweep.server.ts'

let db: Database
beforeAll(async () => {
	db = await createTestDatabase()
})
afterAll(() => db.close())

const APP_URL = 'https://portal.test'
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const NOW = new Date('2026-11-23T08:00:00.000Z')
const at = (offsetMs: number, from = NOW) => new Date(from.getTime() + offsetMs)
const unique = () => randomBytes(4).toString('hex')

/** A region with a customer, an order, and `managers` regional managers in its regional office. */
async function regionWithManagers(managers: Array<{ locale: 'zh_CN' | 'en' | null; name?: string }>) {
	const setup = await createCustomerWithOrder(db.prisma)
	const office = await db.prisma.organization.create({
		data: { kind: 'REGIONAL_OFFICE', code: `RO${unique()}`, name: '大区办事处', regionId: setup.region.id },
	})
	const users = []
	for (const { locale, name } of managers) {
		const { user } = await createUser(db.prisma, {
			kind: 'STAFF',
			staffRole: 'REGIONAL_MANAGER',
			organizationId: office.id,
			name: name ?? '张伟',
		})
		await db.prisma.user.update({ where: { id: user.id }, data: { locale } })
		users.push(user)
	}
	return { ...setup, office, managers: users }
}

async function createComplaint(
	setup: Awaited<ReturnType<typeof createCustomerWithOrder>>,
	{
		status = 'INVESTIGATING',
		slaState = 'ON_TRACK',
		slaAtRiskAt,
		slaDueAt,
		slaStateChangedAt = null,
	}: {
		status?: ComplaintStatus
		slaState?: SlaState
		slaAtRiskAt: Date | null
		slaDueAt: Date | null
		slaStateChangedAt?: Date | null
	},
) {
	return db.prisma.complaint.create({
		data: {
			reference: `CMP-2026-${unique()}`,
			customerId: setup.customer.user.id,
			filedById: setup.customer.user.id,
			orderId: setup.order.id,
			regionId: setup.region.id,
			category: 'PRODUCT_QUALITY',
			severity: 'MAJOR',
			status,
			title: '水泥袋破损结块',
			description: '到货时多袋破损',
			requestedRemedy: 'REPLACEMENT',
			slaState,
			slaAtRiskAt,
			slaDueAt,
			slaStateChangedAt,
		},
	})
}

const stateOf = async (id: string) =>
	db.prisma.complaint.findUniqueOrThrow({ where: { id }, select: { slaState: true, slaStateChangedAt: true } })
const eventsOf = (complaintId: string) =>
	db.prisma.complaintEvent.findMany({ where: { complaintId }, orderBy: { createdAt: 'asc' } })
const emailsFor = (reference: string) =>
	db.prisma.outboxMessage.findMany({ where: { subject: { contains: reference } }, orderBy: { toAddress: 'asc' } })

test('a clock past 80 % is at risk: state, time and one internal event, no email', async () => {
	const setup = await regionWithManagers([{ locale: null }])
	const complaint = await createComplaint(setup, { slaAtRiskAt: at(-MINUTE), slaDueAt: at(HOUR) })
	const notYet = await createComplaint(setup, { slaAtRiskAt: at(MINUTE), slaDueAt: at(2 * HOUR) })

	const report = await sweepServiceLevels({ db, appUrl: APP_URL, now: NOW })
	expect(report.skipped).toBe(false)
	expect(report.atRisk).toBeGreaterThanOrEqual(1)

	expect(await stateOf(complaint.id)).toEqual({ slaState: 'AT_RISK', slaStateChangedAt: NOW })
	const events = await eventsOf(complaint.id)
	expect(events).toHaveLength(1)
	expect(events[0]).toMatchObject({
		type: 'sla_at_risk',
		visibility: 'INTERNAL',
		actorId: null,
		createdAt: NOW,
		data: { dueAt: at(HOUR).toISOString(), atRiskAt: at(-MINUTE).toISOString() },
	})
	expect(await emailsFor(complaint.reference)).toEqual([])

	expect(await stateOf(notYet.id)).toEqual({ slaState: 'ON_TRACK', slaStateChangedAt: null })
	expect(await eventsOf(notYet.id)).toEqual([])
})

test('a clock past 100 % is breached and the region’s manager is emailed, in their language', async () => {
	const setup = await regionWithManagers([{ locale: 'en', name: 'Li Wei' }])
	const other = await regionWithManagers([{ locale: 'en' }])
	const atRisk = await createComplaint(setup, { slaState: 'AT_RISK', slaAtRiskAt: at(-HOUR), slaDueAt: at(-MINUTE) })
	// never seen at risk: straight to breached, with one event only
	const onTrack = await createComplaint(setup, { slaAtRiskAt: at(-2 * HOUR), slaDueAt: at(-HOUR) })

	await sweepServiceLevels({ db, appUrl: APP_URL, now: NOW })

	for (const [complaint, dueAt] of [
		[atRisk, at(-MINUTE)],
		[onTrack, at(-HOUR)],
	] as const) {
		expect(await stateOf(complaint.id)).toEqual({ slaState: 'BREACHED', slaStateChangedAt: NOW })
		const events = await eventsOf(complaint.id)
		expect(events.map((e) => [e.type, e.visibility, e.actorId])).toEqual([['sla_breached', 'INTERNAL', null]])
		expect(events[0]?.data).toMatchObject({ dueAt: dueAt.toISOString() })

		const emails = await emailsFor(complaint.reference)
		expect(emails).toHaveLength(1)
		const [email] = emails
		expect(email).toMatchObject({
			toAddress: setup.managers[0]?.email,
			template: 'sla-breached',
			status: 'PENDING',
			subject: `Service level breached: complaint ${complaint.reference}`,
			idempotencyKey: slaBreachedKey(complaint.id, dueAt, setup.managers[0]!.id),
		})
		expect(email?.text).toContain(`${APP_URL}/complaints/${complaint.reference}`)
		expect(email?.text).toContain('Dear Li Wei,')
		expect(email?.text).not.toContain(other.managers[0]!.email)
	}
	expect(await db.prisma.outboxMessage.count({ where: { toAddress: other.managers[0]!.email } })).toBe(0)
})

test('every manager of the region gets one, each in their language; no manager: the marketing director', async () => {
	const setup = await regionWithManagers([
		{ locale: 'zh_CN', name: '张伟' },
		{ locale: null, name: '王强' },
		{ locale: 'en', name: 'Anna Smith' },
	])
	const unmanaged = await createCustomerWithOrder(db.prisma)
	const { user: director } = await createUser(db.prisma, {
		kind: 'STAFF',
		staffRole: 'MARKETING_DIRECTOR',
		name: 'Chen Jie',
	})
	await db.prisma.user.update({ where: { id: director.id }, data: { locale: 'en' } })
	const managed = await createComplaint(setup, { slaAtRiskAt: at(-2 * HOUR), slaDueAt: at(-HOUR) })
	const orphan = await createComplaint(unmanaged, { slaAtRiskAt: at(-2 * HOUR), slaDueAt: at(-HOUR) })

	await sweepServiceLevels({ db, appUrl: APP_URL, now: NOW })

	const emails = await emailsFor(managed.reference)
	const byAddress = new Map(emails.map((e) => [e.toAddress, e]))
	expect([...byAddress.keys()].sort()).toEqual(setup.managers.map((m) => m.email).sort())
	expect(byAddress.get(setup.managers[0]!.email)?.subject).toBe(`投诉 ${managed.reference} 已超出服务时限`)
	expect(byAddress.get(setup.managers[0]!.email)?.text).toContain('尊敬的张伟，您好：')
	// no language chosen: the company's, Chinese
	expect(byAddress.get(setup.managers[1]!.email)?.subject).toBe(`投诉 ${managed.reference} 已超出服务时限`)
	expect(byAddress.get(setup.managers[2]!.email)?.subject).toBe(
		`Service level breached: complaint ${managed.reference}`,
	)
	// the deadline in the region's time zone
	expect(byAddress.get(setup.managers[0]!.email)?.text).toContain('2026年11月23日 15:00（GMT+8）')
	expect(
		await db.prisma.outboxMessage.count({
			where: { toAddress: director.email, subject: { contains: managed.reference } },
		}),
	).toBe(0)

	const orphanEmails = await emailsFor(orphan.reference)
	expect(orphanEmails.map((e) => e.toAddress)).toEqual([director.email])
	expect(orphanEmails[0]?.text).toContain('Dear Chen Jie,')
})

test('finished complaints and complaints without a running clock (none, or paused) are left alone', async () => {
	const setup = await regionWithManagers([{ locale: null }])
	const finished = await Promise.all(
		(['RESOLVED', 'REJECTED', 'CLOSED'] as const).map((status) =>
			createComplaint(setup, { status, slaAtRiskAt: at(-2 * HOUR), slaDueAt: at(-HOUR) }),
		),
	)
	const noClock = await createComplaint(setup, { slaAtRiskAt: null, slaDueAt: null })
	// waiting on the customer: the domain stops the clock and keeps the pause's start in
	// slaStateChangedAt, which the sweep must not overwrite
	const paused = await createComplaint(setup, {
		status: 'WAITING_ON_CUSTOMER',
		slaAtRiskAt: null,
		slaDueAt: null,
		slaStateChangedAt: at(-3 * HOUR),
	})
	const alreadyBreached = await createComplaint(setup, {
		slaState: 'BREACHED',
		slaAtRiskAt: at(-2 * HOUR),
		slaDueAt: at(-HOUR),
	})

	await sweepServiceLevels({ db, appUrl: APP_URL, now: NOW })

	for (const complaint of [...finished, noClock]) {
		expect(await stateOf(complaint.id)).toEqual({ slaState: 'ON_TRACK', slaStateChangedAt: null })
		expect(await eventsOf(complaint.id)).toEqual([])
		expect(await emailsFor(complaint.reference)).toEqual([])
	}
	expect(await stateOf(paused.id)).toEqual({ slaState: 'ON_TRACK', slaStateChangedAt: at(-3 * HOUR) })
	expect(await eventsOf(paused.id)).toEqual([])
	expect(await stateOf(alreadyBreached.id)).toEqual({ slaState: 'BREACHED', slaStateChangedAt: null })
	expect(await eventsOf(alreadyBreached.id)).toEqual([])
	expect(await emailsFor(alreadyBreached.reference)).toEqual([])
})

test('running it twice records and sends nothing twice', async () => {
	const setup = await regionWithManagers([{ locale: null }])
	const atRisk = await createComplaint(setup, { slaAtRiskAt: at(-MINUTE), slaDueAt: at(HOUR) })
	const breached = await createComplaint(setup, { slaAtRiskAt: at(-2 * HOUR), slaDueAt: at(-HOUR) })

	await sweepServiceLevels({ db, appUrl: APP_URL, now: NOW })
	const again = await sweepServiceLevels({ db, appUrl: APP_URL, now: NOW })
	expect(again).toEqual({ skipped: false, atRisk: 0, breached: 0, emails: 0 })
	// a minute later: the at-risk one is still at risk, the breached one still breached
	await sweepServiceLevels({ db, appUrl: APP_URL, now: at(MINUTE) })

	expect((await eventsOf(atRisk.id)).map((e) => e.type)).toEqual(['sla_at_risk'])
	expect((await eventsOf(breached.id)).map((e) => e.type)).toEqual(['sla_breached'])
	expect(await emailsFor(breached.reference)).toHaveLength(1)
	expect(await emailsFor(atRisk.reference)).toHaveLength(0)

	// when the at-risk clock runs out, it is breached once, and emailed once
	await sweepServiceLevels({ db, appUrl: APP_URL, now: at(HOUR) })
	await sweepServiceLevels({ db, appUrl: APP_URL, now: at(HOUR + MINUTE) })
	expect((await eventsOf(atRisk.id)).map((e) => e.type)).toEqual(['sla_at_risk', 'sla_breached'])
	expect(await stateOf(atRisk.id)).toEqual({ slaState: 'BREACHED', slaStateChangedAt: at(HOUR) })
	expect(await emailsFor(atRisk.reference)).toHaveLength(1)
})

test('two sweeps at once move each complaint once and send each email once', async () => {
	const setup = await regionWithManagers([{ locale: null }, { locale: 'en' }])
	const later = at(10 * HOUR)
	const complaints = await Promise.all(
		Array.from({ length: 5 }, (_, i) =>
			createComplaint(setup, { slaAtRiskAt: at(-2 * HOUR, later), slaDueAt: at(-i * MINUTE, later) }),
		),
	)
	const atRisk = await createComplaint(setup, { slaAtRiskAt: at(-MINUTE, later), slaDueAt: at(HOUR, later) })

	const reports = await Promise.all([
		sweepServiceLevels({ db, appUrl: APP_URL, now: later }),
		sweepServiceLevels({ db, appUrl: APP_URL, now: later }),
	])
	// together they did the work once (one may have skipped, finding the other at it)
	expect(reports.filter((r) => !r.skipped).length).toBeGreaterThanOrEqual(1)

	for (const complaint of complaints) {
		expect((await eventsOf(complaint.id)).map((e) => e.type)).toEqual(['sla_breached'])
		expect(await emailsFor(complaint.reference)).toHaveLength(2)
	}
	expect((await eventsOf(atRisk.id)).map((e) => e.type)).toEqual(['sla_at_risk'])
})

describe('startSlaSweepJob', () => {
	test('sweeps at once and then on its interval, until stopped', async () => {
		const setup = await regionWithManagers([{ locale: null }])
		const complaint = await createComplaint(setup, {
			slaAtRiskAt: new Date(Date.now() - 2 * HOUR),
			slaDueAt: new Date(Date.now() - HOUR),
		})
		const logger = { info: vi.fn(), error: vi.fn() }
		const job = startSlaSweepJob({ db, appUrl: APP_URL, logger }, { intervalMs: 50 })
		await vi.waitFor(async () => expect((await stateOf(complaint.id)).slaState).toBe('BREACHED'), {
			timeout: 10_000,
		})
		await job.stop()
		expect(logger.error).not.toHaveBeenCalled()
		expect(logger.info).toHaveBeenCalledWith(
			expect.objectContaining({ breached: expect.any(Number) }),
			'service levels swept',
		)
		expect(await emailsFor(complaint.reference)).toHaveLength(1)
	})
})
