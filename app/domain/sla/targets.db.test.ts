import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import type { StaffRole } from '#app/generated/prisma/enums.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createCustomerWithOrder, createRegion, createUser } from '#tests/fixtures.ts'
import { seedCalendarDays } from '../../../prisma/seed/calendar-days.ts'
import { serviceClockFor } from '../complaints/clock.ts'
import { chooseLine, chooseOrder, getDraft, saveDraftStep, startDraft } from '../complaints/drafts.ts'
import { fileComplaint } from '../complaints/file-complaint.ts'
import type { ComplaintDeps } from '../complaints/ports.ts'
import { DomainValidationError, InsufficientAuthorityError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import { loadTargets, updateTarget } from './targets.ts'

let database: Database
let admin: Viewer
let now = new Date()
let deps: ComplaintDeps

const HOUR = 3_600_000
/** a local time in Shanghai: '2026-09-30 10:00' */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`)

beforeAll(async () => {
	database = await createTestDatabase()
	await database.prisma.$transaction((tx) => seedCalendarDays(tx))
	admin = (await createUser(database.prisma, { kind: 'STAFF', staffRole: 'ADMIN', name: '管理员 赵' })).viewer
	deps = {
		db: database.prisma,
		notifier: { complaintFiled: async () => {}, publicChange: async () => {} },
		now: () => now,
	}
})
afterAll(() => database.close())

async function file(keyAccount: boolean) {
	const { customer, order } = await createCustomerWithOrder(database.prisma)
	await database.prisma.user.update({ where: { id: customer.user.id }, data: { isKeyAccount: keyAccount } })
	const viewer = customer.viewer
	const { id } = await startDraft(deps, viewer)
	await chooseOrder(deps, viewer, id, order.orderNumber)
	await chooseLine(deps, viewer, id, (await getDraft(deps, viewer, id)).order!.lines[0]!.id)
	await saveDraftStep(deps, viewer, id, {
		category: 'PRODUCT_QUALITY',
		severity: 'MAJOR',
		title: '泵体渗漏',
		description: '安装后第三天，泵体接口处开始渗水。',
		requestedRemedy: 'REPLACEMENT',
		preferredContact: 'EMAIL',
		notifyFrequency: 'EACH_CHANGE',
	})
	const filed = await fileComplaint(deps, viewer, id)
	return database.prisma.complaint.findUniqueOrThrow({ where: { id: filed.complaintId } })
}

describe('the configured targets', () => {
	test('start as the migration wrote them: DESIGN.md §4, key accounts tighter', async () => {
		const targets = await loadTargets(database.prisma)
		expect(targets.rows).toHaveLength(14)
		expect(targets.of('FIRST_RESPONSE', false)).toEqual({ amount: 24, unit: 'HOURS' })
		expect(targets.of('FIRST_RESPONSE', true)).toEqual({ amount: 4, unit: 'HOURS' })
		expect(targets.of('ROUTING', false)).toEqual({ amount: 2, unit: 'WORKING_HOURS' })
		expect(targets.of('INITIAL_VERIFICATION', false)).toEqual({ amount: 3, unit: 'WORKING_DAYS' })
		expect(targets.of('RESOLUTION', false)).toEqual({ amount: 5, unit: 'WORKING_DAYS' })
		expect(targets.of('RESOLUTION', true)).toEqual({ amount: 3, unit: 'WORKING_DAYS' })
		expect(targets.of('FOLLOW_UP', false)).toEqual({ amount: 3, unit: 'DAYS' })
	})
})

describe('ServiceClock.due', () => {
	test('a key account’s complaint is due a first response in 4 hours, anyone else’s in 24, nights included', async () => {
		now = sh('2026-11-27 17:00') // a Friday afternoon
		const key = await file(true)
		const plain = await file(false)
		expect(key.firstResponseDueAt).toEqual(new Date(now.getTime() + 4 * HOUR))
		expect(plain.firstResponseDueAt).toEqual(new Date(now.getTime() + 24 * HOUR))
		// the running clock is the first response's; at risk after 80 % of its wall-clock time
		expect(key.slaDueAt).toEqual(key.firstResponseDueAt)
		expect(key.slaAtRiskAt).toEqual(new Date(now.getTime() + 3.2 * HOUR))
		expect(plain.slaAtRiskAt).toEqual(new Date(now.getTime() + 19.2 * HOUR))
	})

	test('working days skip the National Day holiday and count its make-up Saturday', async () => {
		const from = sh('2026-09-30 10:00') // the Wednesday before the holiday
		const standard = await serviceClockFor(database.prisma, null, { keyAccount: false })
		const key = await serviceClockFor(database.prisma, null, { keyAccount: true })
		// 5 working days of 9 h = 45 h: 8 h on 30 Sep; 1–7 Oct off; 8, 9 and (make-up) Saturday 10 Oct;
		// Sunday off; 12 Oct; then 1 h on Tuesday 13 Oct
		expect(standard.due('RESOLUTION', from)).toEqual(sh('2026-10-13 10:00'))
		// key accounts: 3 working days = 27 h, ending on the make-up Saturday
		expect(key.due('RESOLUTION', from)).toEqual(sh('2026-10-10 10:00'))
	})

	test('working hours stop at closing time and over the weekend', async () => {
		const clock = await serviceClockFor(database.prisma, null, { keyAccount: false })
		// routing: 2 working hours from Friday 17:00 = 1 h on Friday, 1 h on Monday morning
		expect(clock.due('ROUTING', sh('2026-11-27 17:00'))).toEqual(sh('2026-11-30 10:00'))
		// temporary measure for a key account: 4 working hours
		const key = await serviceClockFor(database.prisma, null, { keyAccount: true })
		expect(key.due('TEMPORARY_MEASURE', sh('2026-11-27 17:00'))).toEqual(sh('2026-11-30 12:00'))
	})

	test('hours and calendar days run through holidays; calendar days keep the local time across daylight saving', async () => {
		const clock = await serviceClockFor(database.prisma, null, { keyAccount: false })
		expect(clock.due('ON_SITE_VISIT', sh('2026-09-30 10:00'))).toEqual(sh('2026-10-01 10:00'))
		expect(clock.due('FOLLOW_UP', sh('2026-09-30 10:00'))).toEqual(sh('2026-10-03 10:00'))

		const region = await createRegion(database.prisma)
		await database.prisma.region.update({ where: { id: region.id }, data: { timeZone: 'Europe/Berlin' } })
		const berlin = await serviceClockFor(database.prisma, region.id, { keyAccount: false })
		// Saturday 28 March 2026 12:00 CET; clocks go forward on the Sunday: 3 days later is 12:00 CEST
		expect(berlin.due('FOLLOW_UP', new Date('2026-03-28T11:00:00Z'))).toEqual(new Date('2026-03-31T10:00:00Z'))
		expect(berlin.due('ON_SITE_VISIT', new Date('2026-03-28T11:00:00Z'))).toEqual(new Date('2026-03-29T11:00:00Z'))
	})

	test('the at-risk point is 80 % of wall-clock time for clocks in hours, of working time for the others', async () => {
		const clock = await serviceClockFor(database.prisma, null, { keyAccount: false })
		const start = sh('2026-11-27 17:00')
		const firstResponse = clock.due('FIRST_RESPONSE', start)
		expect(clock.atRisk(start, firstResponse, 'FIRST_RESPONSE')).toEqual(new Date(start.getTime() + 19.2 * HOUR))
		// 5 working days from Friday 17:00 end on Friday 4 Dec at 17:00; 80 % of 45 h = 36 h, on Thursday 3 Dec
		const resolution = clock.due('RESOLUTION', start)
		expect(resolution).toEqual(sh('2026-12-04 17:00'))
		expect(clock.atRisk(start, resolution, 'RESOLUTION')).toEqual(sh('2026-12-03 17:00'))
		expect(clock.atRisk(start, resolution)).toEqual(sh('2026-12-03 17:00'))
	})
})

describe('updateTarget', () => {
	test('changing a target changes the next due date computed, not the ones already set', async () => {
		now = sh('2026-11-23 10:00') // Monday
		const before = await file(false)
		expect(before.firstResponseDueAt).toEqual(sh('2026-11-24 10:00'))

		await updateTarget(database.prisma, admin, {
			clock: 'FIRST_RESPONSE',
			keyAccount: false,
			amount: 8,
			unit: 'WORKING_HOURS',
		})
		await updateTarget(database.prisma, admin, {
			clock: 'RESOLUTION',
			keyAccount: false,
			amount: 2,
			unit: 'WORKING_DAYS',
		})
		try {
			const after = await file(false)
			// 8 working hours from Monday 10:00: 8 h until 18:00, so Monday 18:00
			expect(after.firstResponseDueAt).toEqual(sh('2026-11-23 18:00'))
			const clock = await serviceClockFor(database.prisma, null, { keyAccount: false })
			expect(clock.due('RESOLUTION', sh('2026-11-23 10:00'))).toEqual(sh('2026-11-25 10:00'))
			// key accounts keep their own targets
			const key = await serviceClockFor(database.prisma, null, { keyAccount: true })
			expect(key.due('FIRST_RESPONSE', sh('2026-11-23 10:00'))).toEqual(sh('2026-11-23 14:00'))
			// the complaint filed before keeps its promise
			expect(
				(await database.prisma.complaint.findUniqueOrThrow({ where: { id: before.id } })).firstResponseDueAt,
			).toEqual(sh('2026-11-24 10:00'))

			const row = (await loadTargets(database.prisma)).rows.find((r) => r.clock === 'RESOLUTION' && !r.keyAccount)!
			expect(row).toMatchObject({ amount: 2, unit: 'WORKING_DAYS', updatedByName: '管理员 赵' })
		} finally {
			await updateTarget(database.prisma, admin, {
				clock: 'FIRST_RESPONSE',
				keyAccount: false,
				amount: 24,
				unit: 'HOURS',
			})
			await updateTarget(database.prisma, admin, {
				clock: 'RESOLUTION',
				keyAccount: false,
				amount: 5,
				unit: 'WORKING_DAYS',
			})
		}
	})

	test.each(['AGENT', 'QUALITY_ENGINEER', 'REGIONAL_MANAGER', 'MARKETING_DIRECTOR', 'GENERAL_MANAGER'] as StaffRole[])(
		'%s may not change a target',
		async (staffRole) => {
			const { viewer } = await createUser(database.prisma, { kind: 'STAFF', staffRole })
			await expect(
				updateTarget(database.prisma, viewer, { clock: 'ROUTING', keyAccount: false, amount: 9, unit: 'HOURS' }),
			).rejects.toBeInstanceOf(InsufficientAuthorityError)
			expect((await loadTargets(database.prisma)).of('ROUTING', false)).toEqual({ amount: 2, unit: 'WORKING_HOURS' })
		},
	)

	test('customers, dealers and regional offices may not either', async () => {
		const region = await createRegion(database.prisma)
		const org = await database.prisma.organization.create({
			data: { kind: 'REGIONAL_OFFICE', code: `RO-${region.code}`, name: '办事处', regionId: region.id },
		})
		for (const options of [
			{},
			{ kind: 'DEALER' as const },
			{ kind: 'REGIONAL_OFFICE' as const, organizationId: org.id },
		]) {
			const { viewer } = await createUser(database.prisma, options)
			await expect(
				updateTarget(database.prisma, viewer, { clock: 'ROUTING', keyAccount: false, amount: 9, unit: 'HOURS' }),
			).rejects.toBeInstanceOf(InsufficientAuthorityError)
		}
	})

	test.each([
		[0, 'HOURS', 8760],
		[1.5, 'HOURS', 8760],
		[251, 'WORKING_DAYS', 250],
		[-3, 'DAYS', 365],
	] as const)('refuses %s %s next to the amount', async (amount, unit, max) => {
		const refused = updateTarget(database.prisma, admin, { clock: 'FOLLOW_UP', keyAccount: true, amount, unit })
		await expect(refused).rejects.toBeInstanceOf(DomainValidationError)
		await expect(refused).rejects.toMatchObject({
			field: 'amount',
			messageKey: 'settings:validation.amountRange',
			params: { max },
		})
		expect((await loadTargets(database.prisma)).of('FOLLOW_UP', true)).toEqual({ amount: 2, unit: 'DAYS' })
	})

	test('refuses an unknown unit or clock', async () => {
		await expect(
			updateTarget(database.prisma, admin, {
				clock: 'FOLLOW_UP',
				keyAccount: true,
				amount: 2,
				unit: 'WEEKS' as never,
			}),
		).rejects.toMatchObject({ field: 'unit' })
		await expect(
			updateTarget(database.prisma, admin, { clock: 'LUNCH' as never, keyAccount: true, amount: 2, unit: 'DAYS' }),
		).rejects.toMatchObject({ field: 'clock' })
	})

	test('a row removed by hand falls back to the default, and an update writes it again', async () => {
		await database.prisma.serviceLevelTarget.delete({
			where: { clock_keyAccount: { clock: 'TEMPORARY_MEASURE', keyAccount: false } },
		})
		const targets = await loadTargets(database.prisma)
		expect(targets.of('TEMPORARY_MEASURE', false)).toEqual({ amount: 1, unit: 'WORKING_DAYS' })
		expect(targets.rows.find((r) => r.clock === 'TEMPORARY_MEASURE' && !r.keyAccount)?.updatedAt).toBeNull()
		await updateTarget(database.prisma, admin, {
			clock: 'TEMPORARY_MEASURE',
			keyAccount: false,
			amount: 6,
			unit: 'WORKING_HOURS',
		})
		expect((await loadTargets(database.prisma)).of('TEMPORARY_MEASURE', false)).toEqual({
			amount: 6,
			unit: 'WORKING_HOURS',
		})
	})
})
