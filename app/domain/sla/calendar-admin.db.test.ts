import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import type { StaffRole } from '#app/generated/prisma/enums.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createRegion, createUser } from '#tests/fixtures.ts'
import { chinaCalendarDays, seedCalendarDays } from '../../../prisma/seed/calendar-days.ts'
import { serviceClockFor } from '../complaints/clock.ts'
import { DomainValidationError, InsufficientAuthorityError, NotFoundError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import { addCalendarDay, listCalendarDays, listCalendarRegions, removeCalendarDay } from './calendar-admin.ts'

let database: Database
let admin: Viewer

/** a local time in Shanghai: '2026-12-30 10:00' */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`)

beforeAll(async () => {
	database = await createTestDatabase()
	await database.prisma.$transaction((tx) => seedCalendarDays(tx))
	admin = (await createUser(database.prisma, { kind: 'STAFF', staffRole: 'ADMIN' })).viewer
})
afterAll(() => database.close())

const national = (date: string, kind: 'DAY_OFF' | 'WORKING_DAY', name = '测试') =>
	addCalendarDay(database.prisma, admin, { regionId: null, date, kind, name })

describe('listCalendarDays', () => {
	test('a year of the national calendar, by date, with weekdays', async () => {
		const year = await listCalendarDays(database.prisma, admin, { year: 2026, regionId: null })
		expect(year.rows.map(({ date, kind, name }) => ({ date, kind, name }))).toEqual(
			chinaCalendarDays().map(({ date, kind, name }) => ({ date, kind, name })),
		)
		expect(year.rows.find((r) => r.date === '2026-10-10')).toMatchObject({ weekday: 6, kind: 'WORKING_DAY' })
		expect(year.national).toEqual([])
		expect((await listCalendarDays(database.prisma, admin, { year: 2025, regionId: null })).rows).toEqual([])
	})

	test('an unknown region is not found; a year out of range is refused', async () => {
		await expect(listCalendarDays(database.prisma, admin, { year: 2026, regionId: 'nope' })).rejects.toBeInstanceOf(
			NotFoundError,
		)
		await expect(listCalendarDays(database.prisma, admin, { year: 1999, regionId: null })).rejects.toMatchObject({
			field: 'year',
		})
	})
})

describe('the national calendar', () => {
	test('a day off on a weekday moves the next promise past it', async () => {
		const from = sh('2026-12-30 10:00') // Wednesday
		const before = await serviceClockFor(database.prisma, null, { keyAccount: false })
		expect(before.due('TEMPORARY_MEASURE', from)).toEqual(sh('2026-12-31 10:00'))

		const { id } = await national('2026-12-31', 'DAY_OFF', '年终盘点')
		expect((await listCalendarDays(database.prisma, admin, { year: 2026, regionId: null })).rows.at(-1)).toMatchObject({
			id,
			date: '2026-12-31',
			weekday: 4,
			kind: 'DAY_OFF',
			name: '年终盘点',
		})
		const after = await serviceClockFor(database.prisma, null, { keyAccount: false })
		expect(after.due('TEMPORARY_MEASURE', from)).toEqual(sh('2027-01-01 10:00'))

		expect(await removeCalendarDay(database.prisma, admin, id)).toMatchObject({ date: '2026-12-31', regionId: null })
		const again = await serviceClockFor(database.prisma, null, { keyAccount: false })
		expect(again.due('TEMPORARY_MEASURE', from)).toEqual(sh('2026-12-31 10:00'))
	})

	test('a working day on a weekend (a make-up day) counts', async () => {
		const { id } = await national('2026-12-27', 'WORKING_DAY', '调休上班')
		const clock = await serviceClockFor(database.prisma, null, { keyAccount: false })
		// 1 working day from Friday 25 Dec 10:00: 8 h on Friday, 1 h on the make-up Sunday
		expect(clock.due('TEMPORARY_MEASURE', sh('2026-12-25 10:00'))).toEqual(sh('2026-12-27 10:00'))
		await removeCalendarDay(database.prisma, admin, id)
	})

	test('refuses a day off on a weekend and a working day on a weekday, next to the date', async () => {
		const count = await database.prisma.calendarDay.count()
		await expect(national('2026-12-26', 'DAY_OFF')).rejects.toMatchObject({
			field: 'date',
			messageKey: 'settings:validation.dayOffOnWeekend',
			params: { date: '2026-12-26' },
		})
		await expect(national('2026-12-28', 'WORKING_DAY')).rejects.toMatchObject({
			field: 'date',
			messageKey: 'settings:validation.workingDayOnWeekday',
		})
		expect(await database.prisma.calendarDay.count()).toBe(count)
	})

	test('refuses a second entry on a date, naming the first', async () => {
		await expect(national('2026-10-01', 'DAY_OFF', '重复')).rejects.toMatchObject({
			field: 'date',
			messageKey: 'settings:validation.dateTaken',
			params: { name: '国庆节' },
		})
	})

	test('two administrators adding the same date at once write one row', async () => {
		const results = await Promise.allSettled([
			national('2026-12-30', 'DAY_OFF', 'A'),
			national('2026-12-30', 'DAY_OFF', 'B'),
		])
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
		expect(refused.reason).toMatchObject({ field: 'date', messageKey: 'settings:validation.dateTaken' })
		const rows = await database.prisma.calendarDay.findMany({
			where: { regionId: null, date: new Date('2026-12-30T00:00:00Z') },
		})
		expect(rows).toHaveLength(1)
		await removeCalendarDay(database.prisma, admin, rows[0]!.id)
	})

	test.each([
		[{ date: '2026-02-30' }, 'date', 'settings:validation.dateInvalid'],
		[{ date: '30/12/2026' }, 'date', 'settings:validation.dateInvalid'],
		[{ date: '2101-01-05' }, 'date', 'settings:validation.yearRange'],
		[{ name: '  ' }, 'name', 'validation:required'],
		[{ name: '节'.repeat(41) }, 'name', 'settings:validation.calendarNameTooLong'],
		[{ kind: 'HALF_DAY' }, 'kind', 'validation:choose'],
	] as const)('refuses %o next to the %s', async (change, field, messageKey) => {
		const refused = addCalendarDay(database.prisma, admin, {
			regionId: null,
			date: '2026-12-31',
			kind: 'DAY_OFF',
			name: '年终盘点',
			...(change as object),
		})
		await expect(refused).rejects.toBeInstanceOf(DomainValidationError)
		await expect(refused).rejects.toMatchObject({ field, messageKey })
	})

	test('a seeded holiday an administrator removed stays removed when the server starts again', async () => {
		const row = await database.prisma.calendarDay.findFirstOrThrow({
			where: { regionId: null, date: new Date('2026-06-19T00:00:00Z') },
		})
		await removeCalendarDay(database.prisma, admin, row.id)
		expect(await database.prisma.$transaction((tx) => seedCalendarDays(tx))).toBe(0)
		const year = await listCalendarDays(database.prisma, admin, { year: 2026, regionId: null })
		expect(year.rows.some((r) => r.date === '2026-06-19')).toBe(false)
		await national('2026-06-19', 'DAY_OFF', '端午节')
	})

	test('an unknown entry is not found', async () => {
		await expect(removeCalendarDay(database.prisma, admin, 'nope')).rejects.toBeInstanceOf(NotFoundError)
	})
})

describe("a region's calendar", () => {
	test('overrides the national one where it differs, and refuses what the national one says already', async () => {
		const region = await createRegion(database.prisma)
		const add = (date: string, kind: 'DAY_OFF' | 'WORKING_DAY', name = '区域') =>
			addCalendarDay(database.prisma, admin, { regionId: region.id, date, kind, name })

		// the region works on the last day of the national holiday, and not on its make-up Saturday
		await add('2026-10-07', 'WORKING_DAY', '区域上班')
		await add('2026-10-10', 'DAY_OFF', '区域休息')
		// its own festival on a plain weekday
		await add('2026-11-20', 'DAY_OFF', '区域节日')

		await expect(add('2026-10-05', 'DAY_OFF')).rejects.toMatchObject({
			field: 'date',
			messageKey: 'settings:validation.alreadyOffNationally',
		})
		await expect(add('2026-09-20', 'WORKING_DAY')).rejects.toMatchObject({
			field: 'date',
			messageKey: 'settings:validation.alreadyWorkingNationally',
		})
		await expect(add('2026-11-21', 'DAY_OFF')).rejects.toMatchObject({
			messageKey: 'settings:validation.dayOffOnWeekend',
		})
		await expect(add('2026-11-19', 'WORKING_DAY')).rejects.toMatchObject({
			messageKey: 'settings:validation.workingDayOnWeekday',
		})
		await expect(add('2026-10-07', 'WORKING_DAY')).rejects.toMatchObject({
			messageKey: 'settings:validation.dateTaken',
		})

		const year = await listCalendarDays(database.prisma, admin, { year: 2026, regionId: region.id })
		expect(year.rows.map((r) => [r.date, r.kind])).toEqual([
			['2026-10-07', 'WORKING_DAY'],
			['2026-10-10', 'DAY_OFF'],
			['2026-11-20', 'DAY_OFF'],
		])
		expect(year.national).toHaveLength(chinaCalendarDays().length)
		expect(year.national.filter((r) => r.overridden).map((r) => r.date)).toEqual(['2026-10-07', '2026-10-10'])
		// the national calendar is untouched
		expect(
			(await listCalendarDays(database.prisma, admin, { year: 2026, regionId: null })).rows.some(
				(r) => r.regionId !== null,
			),
		).toBe(false)

		const clock = await serviceClockFor(database.prisma, region.id, { keyAccount: false })
		// from 30 Sep 10:00: 8 h on 30 Sep, 9 h on 7 Oct (region works), 8 and 9 Oct; 10 Oct off here
		expect(clock.due('INITIAL_VERIFICATION', sh('2026-09-30 10:00'))).toEqual(sh('2026-10-09 10:00'))
		const nationalClock = await serviceClockFor(database.prisma, null, { keyAccount: false })
		expect(nationalClock.due('INITIAL_VERIFICATION', sh('2026-09-30 10:00'))).toEqual(sh('2026-10-10 10:00'))
	})

	test('a region that does not exist is not found', async () => {
		await expect(
			addCalendarDay(database.prisma, admin, { regionId: 'nope', date: '2026-12-31', kind: 'DAY_OFF', name: 'x' }),
		).rejects.toBeInstanceOf(NotFoundError)
	})

	test('regions are listed for the choice of calendar', async () => {
		const region = await createRegion(database.prisma)
		expect((await listCalendarRegions(database.prisma, admin)).map((r) => r.id)).toContain(region.id)
	})
})

describe('only administrators', () => {
	test.each(['AGENT', 'QUALITY_ENGINEER', 'REGIONAL_MANAGER', 'MARKETING_DIRECTOR', 'GENERAL_MANAGER'] as StaffRole[])(
		'%s may not read or change the calendar',
		async (staffRole) => {
			const { viewer } = await createUser(database.prisma, { kind: 'STAFF', staffRole })
			await refusedEverything(viewer)
		},
	)

	test('customers, dealers and regional offices may not either', async () => {
		const region = await createRegion(database.prisma)
		const office = await database.prisma.organization.create({
			data: { kind: 'REGIONAL_OFFICE', code: `RO-${region.code}`, name: '办事处', regionId: region.id },
		})
		await refusedEverything((await createUser(database.prisma)).viewer)
		await refusedEverything((await createUser(database.prisma, { kind: 'DEALER' })).viewer)
		await refusedEverything(
			(await createUser(database.prisma, { kind: 'REGIONAL_OFFICE', organizationId: office.id })).viewer,
		)
	})

	async function refusedEverything(viewer: Viewer) {
		const row = await database.prisma.calendarDay.findFirstOrThrow({ where: { regionId: null } })
		const count = await database.prisma.calendarDay.count()
		await expect(listCalendarDays(database.prisma, viewer, { year: 2026, regionId: null })).rejects.toBeInstanceOf(
			InsufficientAuthorityError,
		)
		await expect(listCalendarRegions(database.prisma, viewer)).rejects.toBeInstanceOf(InsufficientAuthorityError)
		await expect(
			addCalendarDay(database.prisma, viewer, { regionId: null, date: '2026-12-31', kind: 'DAY_OFF', name: 'x' }),
		).rejects.toBeInstanceOf(InsufficientAuthorityError)
		await expect(removeCalendarDay(database.prisma, viewer, row.id)).rejects.toBeInstanceOf(InsufficientAuthorityError)
		expect(await database.prisma.calendarDay.count()).toBe(count)
	}
})
