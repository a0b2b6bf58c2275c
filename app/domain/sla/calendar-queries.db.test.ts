import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createRegion } from '#tests/fixtures.ts'
import { chinaCalendarDays, seedCalendarDays } from '../../../prisma/seed/calendar-days.ts'
import { NotFoundError } from '../errors.ts'
import { DEFAULT_TIME_ZONE, loadRegionCalendar } from './calendar-queries.ts'
import { addWorkingTime, workingTimeBetween } from './working-time.ts'

let database: Database
let prisma: PrismaClient
let firstSeed: number

beforeAll(async () => {
	database = await createTestDatabase()
	prisma = database.prisma
	firstSeed = await prisma.$transaction((tx) => seedCalendarDays(tx))
})
afterAll(async () => {
	await database.close()
})

const day = (date: string) => new Date(`${date}T00:00:00Z`)

describe('seedCalendarDays', () => {
	test('writes the national 2026 rows once', async () => {
		expect(firstSeed).toBe(chinaCalendarDays().length)
		expect(await prisma.$transaction((tx) => seedCalendarDays(tx))).toBe(0)
		const rows = await prisma.calendarDay.findMany({
			where: { regionId: null },
			select: { date: true, kind: true, name: true },
			orderBy: { date: 'asc' },
		})
		expect(rows.map((r) => ({ ...r, date: r.date.toISOString().slice(0, 10) }))).toEqual(
			chinaCalendarDays().map(({ date, kind, name }) => ({ date, kind, name })),
		)
	})

	test('instances starting at once write each row once', async () => {
		await prisma.calendarDay.deleteMany({ where: { regionId: null } })
		const written = await Promise.all([1, 2, 3].map(() => prisma.$transaction((tx) => seedCalendarDays(tx))))
		expect(written.reduce((a, b) => a + b, 0)).toBe(chinaCalendarDays().length)
		expect(await prisma.calendarDay.count({ where: { regionId: null } })).toBe(chinaCalendarDays().length)
	})

	test('leaves a year that has rows to the administrators: edits kept, a removed day stays removed', async () => {
		await prisma.calendarDay.update({
			where: {
				id: (await prisma.calendarDay.findFirstOrThrow({ where: { regionId: null, date: day('2026-06-19') } })).id,
			},
			data: { name: '端午节（已编辑）' },
		})
		await prisma.calendarDay.deleteMany({ where: { regionId: null, date: day('2026-04-06') } })
		expect(await prisma.$transaction((tx) => seedCalendarDays(tx))).toBe(0)
		const edited = await prisma.calendarDay.findFirstOrThrow({ where: { regionId: null, date: day('2026-06-19') } })
		expect(edited.name).toBe('端午节（已编辑）')
		expect(await prisma.calendarDay.count({ where: { regionId: null, date: day('2026-04-06') } })).toBe(0)
		expect(await prisma.calendarDay.count({ where: { regionId: null } })).toBe(chinaCalendarDays().length - 1)
	})
})

describe('loadRegionCalendar', () => {
	test('the national calendar in Asia/Shanghai', async () => {
		const { timeZone, calendar } = await loadRegionCalendar(prisma, null)
		expect(timeZone).toBe(DEFAULT_TIME_ZONE)
		expect(calendar.isWorkingDate('2026-10-01')).toBe(false)
		expect(calendar.isWorkingDate('2026-10-10')).toBe(true)
		expect(calendar.isWorkingDate('2026-10-12')).toBe(true)
		expect(calendar.exceptionOn('2026-10-10')).toEqual({ kind: 'WORKING_DAY', name: '国庆节调休上班' })
		// Wednesday 09-30 15:00 + 1 working day = Thursday 10-08 15:00 (Shanghai)
		expect(addWorkingTime(new Date('2026-09-30T07:00:00Z'), { days: 1 }, calendar, timeZone).toISOString()).toBe(
			'2026-10-08T07:00:00.000Z',
		)
	})

	test("a region's rows override the national ones, in the region's time zone", async () => {
		const region = await createRegion(prisma)
		await prisma.region.update({ where: { id: region.id }, data: { timeZone: 'Asia/Urumqi' } })
		const other = await createRegion(prisma)
		await prisma.calendarDay.createMany({
			data: [
				// the region works on national day off 10-07 and has its own day off on 10-09
				{ regionId: region.id, date: day('2026-10-07'), kind: 'WORKING_DAY', name: '地区上班' },
				{ regionId: region.id, date: day('2026-10-09'), kind: 'DAY_OFF', name: '地区节日' },
				{ regionId: other.id, date: day('2026-10-08'), kind: 'DAY_OFF', name: '别的地区' },
			],
		})
		const { timeZone, calendar } = await loadRegionCalendar(prisma, region.id)
		expect(timeZone).toBe('Asia/Urumqi')
		expect(
			['2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09', '2026-10-10'].map((d) => calendar.isWorkingDate(d)),
		).toEqual([false, true, true, false, true])
		// 10-07 to 10-10 (Urumqi, UTC+6): 10-07, 10-08 and the make-up Saturday 10-10 = 27 h
		expect(
			workingTimeBetween(new Date('2026-10-06T18:00:00Z'), new Date('2026-10-10T18:00:00Z'), calendar, timeZone),
		).toBe(27 * 3_600_000)

		const national = await loadRegionCalendar(prisma, null)
		expect(national.calendar.isWorkingDate('2026-10-07')).toBe(false)
		const otherCalendar = await loadRegionCalendar(prisma, other.id)
		expect(otherCalendar.timeZone).toBe('Asia/Shanghai')
		expect(otherCalendar.calendar.isWorkingDate('2026-10-08')).toBe(false)
		expect(otherCalendar.calendar.isWorkingDate('2026-10-09')).toBe(true)
	})

	test('configurable working hours', async () => {
		const { calendar } = await loadRegionCalendar(prisma, null, { hours: { start: '08:00', end: '17:00' } })
		expect(calendar.hours).toEqual({ start: '08:00', end: '17:00' })
	})

	test('an unknown region is not found', async () => {
		await expect(loadRegionCalendar(prisma, 'no-such-region')).rejects.toThrow(NotFoundError)
	})
})
