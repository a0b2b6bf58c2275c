import { describe, expect, test } from 'vitest'
import { CHINA_HOLIDAYS, chinaCalendarDays } from '../../../prisma/seed/calendar-days.ts'
import { buildWorkingCalendar, PLAIN_WEEK_CALENDAR, type CalendarDayRow, type WorkingCalendar } from './calendar.ts'
import {
	addWorkingTime,
	atRiskInstant,
	isWorkingInstant,
	nextWorkingInstant,
	workingDayLength,
	workingTimeBetween,
	zoneOffset,
} from './working-time.ts'

const HOUR = 3_600_000
const SH = 'Asia/Shanghai'
const china = buildWorkingCalendar(chinaCalendarDays())

/** a local time in Shanghai (UTC+8, no daylight saving): '2026-11-23 09:00' */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`)
const utc = (iso: string) => new Date(`${iso.replace(' ', 'T')}:00Z`)
const iso = (date: Date) => date.toISOString()

// 2026-11-23 is a Monday; 2026-11-28/29 a plain weekend.

describe('the 2026 calendar data (国办发明电〔2025〕7号)', () => {
	test.each([
		['元旦', 3],
		['春节', 9],
		['清明节', 3],
		['劳动节', 5],
		['端午节', 3],
		['中秋节', 3],
		['国庆节', 7],
	])('%s lasts %i days', (name, days) => {
		const holiday = CHINA_HOLIDAYS[2026]!.find((h) => h.name === name)!
		const span = (Date.parse(holiday.to) - Date.parse(holiday.from)) / 86_400_000 + 1
		expect(span).toBe(days)
		for (let d = Date.parse(holiday.from); d <= Date.parse(holiday.to); d += 86_400_000) {
			expect(china.isWorkingDate(new Date(d).toISOString().slice(0, 10))).toBe(false)
		}
	})

	test('weekday days off and weekend make-up days only', () => {
		const rows = chinaCalendarDays()
		expect(rows).toHaveLength(25)
		for (const row of rows) {
			const weekday = new Date(`${row.date}T00:00:00Z`).getUTCDay()
			const weekend = weekday === 0 || weekday === 6
			expect({ date: row.date, weekend }).toEqual({ date: row.date, weekend: row.kind === 'WORKING_DAY' })
			expect(row.regionId).toBeNull()
		}
		expect(rows.filter((r) => r.kind === 'WORKING_DAY').map((r) => r.date)).toEqual([
			'2026-01-04',
			'2026-02-14',
			'2026-02-28',
			'2026-05-09',
			'2026-09-20',
			'2026-10-10',
		])
	})

	test('2026 has 248 working days', () => {
		let count = 0
		for (let d = Date.parse('2026-01-01'); d < Date.parse('2027-01-01'); d += 86_400_000) {
			if (china.isWorkingDate(new Date(d).toISOString().slice(0, 10))) count++
		}
		expect(count).toBe(248)
		expect(workingTimeBetween(sh('2026-01-01 00:00'), sh('2027-01-01 00:00'), china, SH)).toBe(248 * 9 * HOUR)
	})
})

describe('buildWorkingCalendar', () => {
	const rows: CalendarDayRow[] = [
		{ regionId: null, date: new Date('2026-10-08T00:00:00Z'), kind: 'DAY_OFF', name: 'national' },
		{ regionId: null, date: '2026-10-10', kind: 'WORKING_DAY', name: '调休' },
		{ regionId: 'r1', date: '2026-10-08', kind: 'WORKING_DAY', name: 'region works' },
		{ regionId: 'r1', date: '2026-10-09', kind: 'DAY_OFF', name: 'region festival' },
	]

	test.each([
		['2026-10-07', true, undefined],
		['2026-10-08', true, 'region works'],
		['2026-10-09', false, 'region festival'],
		['2026-10-10', true, '调休'],
		['2026-10-11', false, undefined],
	])('region r1 on %s: working %s', (date, working, name) => {
		const calendar = buildWorkingCalendar(rows)
		expect(calendar.isWorkingDate(date)).toBe(working)
		expect(calendar.exceptionOn(date)?.name).toBe(name)
	})

	test('rows of another region are skipped when a region is named, refused otherwise', () => {
		const mixed = [...rows, { regionId: 'r2', date: '2026-10-12', kind: 'DAY_OFF' as const, name: 'r2' }]
		expect(() => buildWorkingCalendar(mixed)).toThrow(RangeError)
		const r1 = buildWorkingCalendar(mixed, { regionId: 'r1' })
		expect(r1.isWorkingDate('2026-10-12')).toBe(true)
		expect(r1.isWorkingDate('2026-10-09')).toBe(false)
		const national = buildWorkingCalendar(mixed, { regionId: null })
		expect(national.isWorkingDate('2026-10-08')).toBe(false)
		expect(national.isWorkingDate('2026-10-09')).toBe(true)
	})

	test.each([
		[{ start: '18:00', end: '09:00' }],
		[{ start: '09:00', end: '09:00' }],
		[{ start: '9:00', end: '18:00' }],
		[{ start: '09:60', end: '18:00' }],
		[{ start: '09:00', end: '24:30' }],
	] as const)('working hours %o are refused', (hours) => {
		expect(() => buildWorkingCalendar([], { hours: hours as never })).toThrow(RangeError)
	})

	test.each(['2026-02-30', '2026-13-01', '26-01-01'])('date %s is refused', (date) => {
		expect(() => buildWorkingCalendar([{ regionId: null, date, kind: 'DAY_OFF', name: 'x' }])).toThrow(RangeError)
	})

	test('a working day is the working-hours length', () => {
		expect(workingDayLength(china)).toBe(9 * HOUR)
		expect(workingDayLength(buildWorkingCalendar([], { hours: { start: '08:30', end: '17:00' } }))).toBe(8.5 * HOUR)
		expect(workingDayLength(buildWorkingCalendar([], { hours: { start: '00:00', end: '24:00' } }))).toBe(24 * HOUR)
	})
})

describe('addWorkingTime in Shanghai with the 2026 calendar, 09:00–18:00', () => {
	test.each([
		// plain week
		['within the day', '2026-11-23 10:00', { hours: 2 }, '2026-11-23 12:00'],
		['over the evening', '2026-11-23 17:00', { hours: 2 }, '2026-11-24 10:00'],
		['over a weekend', '2026-11-27 17:00', { hours: 2 }, '2026-11-30 10:00'],
		['from a Saturday', '2026-11-28 12:00', { hours: 1 }, '2026-11-30 10:00'],
		['a day ends at closing, not next opening', '2026-11-23 09:00', { days: 1 }, '2026-11-23 18:00'],
		['three days', '2026-11-23 09:00', { days: 3 }, '2026-11-25 18:00'],
		['a day from mid-morning', '2026-11-23 11:00', { days: 1 }, '2026-11-24 11:00'],
		['five days over a weekend', '2026-11-25 14:00', { days: 5 }, '2026-12-02 14:00'],
		// outside working hours
		['before opening', '2026-11-23 07:30', { hours: 1 }, '2026-11-23 10:00'],
		['after closing', '2026-11-23 19:00', { hours: 1 }, '2026-11-24 10:00'],
		['exactly at closing', '2026-11-23 18:00', { hours: 1 }, '2026-11-24 10:00'],
		['just before closing', '2026-11-23 17:59', { hours: 1 }, '2026-11-24 09:59'],
		['at midnight', '2026-11-24 00:00', { hours: 1 }, '2026-11-24 10:00'],
		// public holidays on weekdays
		['before 端午 (Fri 06-19)', '2026-06-18 17:00', { hours: 2 }, '2026-06-22 10:00'],
		['from 清明 Monday (04-06)', '2026-04-06 10:00', { hours: 1 }, '2026-04-07 10:00'],
		['before 中秋 (Fri 09-25)', '2026-09-24 09:00', { days: 2 }, '2026-09-28 18:00'],
		['over 元旦 into the make-up Sunday', '2025-12-31 17:00', { hours: 2 }, '2026-01-04 10:00'],
		['over 劳动节', '2026-04-30 17:00', { hours: 2 }, '2026-05-06 10:00'],
		// make-up working days (调休) count
		['into the make-up Saturday 05-09', '2026-05-08 17:00', { hours: 2 }, '2026-05-09 10:00'],
		['into the make-up Sunday 09-20', '2026-09-19 12:00', { hours: 1 }, '2026-09-20 10:00'],
		['on the make-up Saturday 02-14', '2026-02-13 17:00', { hours: 2 }, '2026-02-14 10:00'],
		['over 春节', '2026-02-14 17:00', { hours: 2 }, '2026-02-24 10:00'],
		['into the make-up Saturday 02-28', '2026-02-27 17:00', { hours: 2 }, '2026-02-28 10:00'],
		// the National Day week
		['a day over National Day', '2026-09-30 15:00', { days: 1 }, '2026-10-08 15:00'],
		['five days over National Day', '2026-09-28 09:00', { days: 5 }, '2026-10-09 18:00'],
		['five days ending on the make-up Saturday', '2026-09-29 09:00', { days: 5 }, '2026-10-10 18:00'],
		['from inside the holiday', '2026-10-03 10:00', { hours: 2 }, '2026-10-08 11:00'],
		['2 working hours over 10-10/10-11', '2026-10-10 17:00', { hours: 2 }, '2026-10-12 10:00'],
		// zero and fractional
		['zero on a working instant', '2026-11-23 10:00', {}, '2026-11-23 10:00'],
		['zero on a Saturday stays put', '2026-11-28 12:00', { hours: 0, days: 0 }, '2026-11-28 12:00'],
		['zero on a holiday stays put', '2026-10-01 12:00', { days: 0 }, '2026-10-01 12:00'],
		['1.5 hours', '2026-11-23 09:00', { hours: 1.5 }, '2026-11-23 10:30'],
		['a quarter day', '2026-11-23 09:00', { days: 0.25 }, '2026-11-23 11:15'],
		['days and hours together', '2026-11-23 09:00', { days: 1, hours: 0.5 }, '2026-11-24 09:30'],
		['half a day over the evening', '2026-11-23 16:00', { days: 0.5 }, '2026-11-24 11:30'],
	])('%s: %s + %o = %s', (_, start, duration, expected) => {
		expect(iso(addWorkingTime(sh(start), duration, china, SH))).toBe(iso(sh(expected)))
	})

	test('a second of working time', () => {
		expect(iso(addWorkingTime(sh('2026-11-23 07:00'), { hours: 1 / 3600 }, china, SH))).toBe('2026-11-23T01:00:01.000Z')
	})

	test.each([[{ hours: -1 }], [{ days: -0.5 }], [{ hours: Number.NaN }], [{ days: Infinity }]])(
		'%o is refused',
		(duration) => {
			expect(() => addWorkingTime(sh('2026-11-23 09:00'), duration, china, SH)).toThrow(RangeError)
		},
	)

	test('an invalid date or zone is refused', () => {
		expect(() => addWorkingTime(new Date('nope'), { hours: 1 }, china, SH)).toThrow(RangeError)
		expect(() => addWorkingTime(sh('2026-11-23 09:00'), { hours: 1 }, china, 'Mars/Olympus')).toThrow(RangeError)
	})

	test('a calendar without working days ends in an error, not a hang', () => {
		const never = { ...china, isWorkingDate: () => false }
		expect(() => addWorkingTime(sh('2026-11-23 09:00'), { hours: 1 }, never, SH)).toThrow(RangeError)
	})

	test('configurable hours: 08:30–17:00', () => {
		const calendar = buildWorkingCalendar(chinaCalendarDays(), { hours: { start: '08:30', end: '17:00' } })
		expect(iso(addWorkingTime(sh('2026-11-23 16:00'), { days: 1 }, calendar, SH))).toBe(iso(sh('2026-11-24 16:00')))
		expect(iso(addWorkingTime(sh('2026-11-23 07:00'), { hours: 1 }, calendar, SH))).toBe(iso(sh('2026-11-23 09:30')))
	})
})

describe('a lunch break (09:00–18:00 with 12:00–13:00 off)', () => {
	const lunch = buildWorkingCalendar(chinaCalendarDays(), {
		hours: { start: '09:00', end: '18:00', breaks: [{ start: '12:00', end: '13:00' }] },
	})

	test('a working day is 8 hours', () => {
		expect(workingDayLength(lunch)).toBe(8 * HOUR)
		expect(workingTimeBetween(sh('2026-11-23 00:00'), sh('2026-11-24 00:00'), lunch, SH)).toBe(8 * HOUR)
		expect(workingTimeBetween(sh('2026-11-23 11:30'), sh('2026-11-23 13:30'), lunch, SH)).toBe(1 * HOUR)
	})

	test.each([
		['up to the break', '2026-11-23 11:00', { hours: 1 }, '2026-11-23 12:00'],
		['over the break', '2026-11-23 11:00', { hours: 2 }, '2026-11-23 14:00'],
		['from inside the break', '2026-11-23 12:30', { hours: 1 }, '2026-11-23 14:00'],
		['a day', '2026-11-23 09:00', { days: 1 }, '2026-11-23 18:00'],
		['a day from the afternoon', '2026-11-23 14:00', { days: 1 }, '2026-11-24 14:00'],
	])('%s: %s + %o = %s', (_, start, duration, expected) => {
		expect(iso(addWorkingTime(sh(start), duration, lunch, SH))).toBe(iso(sh(expected)))
	})

	test('the clock stops over lunch', () => {
		expect(isWorkingInstant(sh('2026-11-23 11:59'), lunch, SH)).toBe(true)
		expect(isWorkingInstant(sh('2026-11-23 12:00'), lunch, SH)).toBe(false)
		expect(isWorkingInstant(sh('2026-11-23 13:00'), lunch, SH)).toBe(true)
		expect(iso(nextWorkingInstant(sh('2026-11-23 12:15'), lunch, SH))).toBe(iso(sh('2026-11-23 13:00')))
	})

	test.each([
		[[{ start: '08:00', end: '10:00' }]],
		[[{ start: '17:00', end: '18:00' }]],
		[[{ start: '13:00', end: '12:00' }]],
		[
			[
				{ start: '12:00', end: '13:30' },
				{ start: '13:00', end: '14:00' },
			],
		],
	])('breaks %o are refused', (breaks) => {
		expect(() => buildWorkingCalendar([], { hours: { start: '09:00', end: '18:00', breaks } })).toThrow(RangeError)
	})
})

describe('workingTimeBetween in Shanghai', () => {
	test.each([
		['the same instant', '2026-11-23 10:00', '2026-11-23 10:00', 0],
		['reversed', '2026-11-23 12:00', '2026-11-23 10:00', 0],
		['one working day', '2026-11-23 09:00', '2026-11-23 18:00', 9],
		['from before opening to after closing', '2026-11-23 06:00', '2026-11-23 22:00', 9],
		['overnight', '2026-11-23 17:00', '2026-11-24 10:00', 2],
		['a weekend', '2026-11-28 00:00', '2026-11-30 00:00', 0],
		['Friday noon to Monday noon', '2026-11-27 12:00', '2026-11-30 12:00', 9],
		['a week', '2026-11-23 00:00', '2026-11-30 00:00', 45],
		['the make-up Saturday 05-09', '2026-05-09 00:00', '2026-05-10 00:00', 9],
		['端午 Friday', '2026-06-19 00:00', '2026-06-20 00:00', 0],
		['the National Day week', '2026-10-01 00:00', '2026-10-08 00:00', 0],
		['two weeks over National Day', '2026-09-28 09:00', '2026-10-12 09:00', 54],
		['the 国庆 make-up Sunday to the make-up Saturday', '2026-09-20 00:00', '2026-10-11 00:00', 11 * 9],
		['fractional', '2026-11-23 09:00', '2026-11-23 09:45', 0.75],
	])('%s: %s → %s = %f h', (_, from, to, hours) => {
		expect(workingTimeBetween(sh(from), sh(to), china, SH)).toBe(hours * HOUR)
	})

	const mon9 = sh('2026-11-23 09:00')
	const tue18 = sh('2026-11-24 18:00')
	test.each([
		['no pauses', [], 18],
		['waiting on the customer overnight', [['2026-11-23 12:00', '2026-11-24 10:00']], 11],
		[
			'overlapping pauses count once',
			[
				['2026-11-23 10:00', '2026-11-23 12:00'],
				['2026-11-23 11:00', '2026-11-23 13:00'],
			],
			15,
		],
		[
			'adjacent pauses',
			[
				['2026-11-23 10:00', '2026-11-23 11:00'],
				['2026-11-23 11:00', '2026-11-23 12:00'],
			],
			16,
		],
		['a pause starting before the interval', [['2026-11-22 10:00', '2026-11-23 10:00']], 17],
		['a pause running past the interval', [['2026-11-24 17:00', '2026-11-26 10:00']], 17],
		['a pause outside the interval', [['2026-11-25 10:00', '2026-11-25 12:00']], 18],
		['a pause in the evening', [['2026-11-23 18:00', '2026-11-24 09:00']], 18],
		['a pause covering everything', [['2026-11-20 00:00', '2026-11-30 00:00']], 0],
		['an empty or reversed pause is ignored', [['2026-11-23 12:00', '2026-11-23 10:00']], 18],
	] as Array<[string, Array<[string, string]>, number]>)('%s', (_, pauses, hours) => {
		const intervals = pauses.map(([from, to]) => ({ from: sh(from), to: sh(to) }))
		expect(workingTimeBetween(mon9, tue18, china, SH, intervals)).toBe(hours * HOUR)
	})

	test('a pause over the National Day week takes nothing off', () => {
		const pauses = [{ from: sh('2026-09-30 18:00'), to: sh('2026-10-08 09:00') }]
		expect(workingTimeBetween(sh('2026-09-30 09:00'), sh('2026-10-08 18:00'), china, SH, pauses)).toBe(18 * HOUR)
	})
})

describe('isWorkingInstant and nextWorkingInstant in Shanghai', () => {
	test.each([
		['at opening', '2026-11-23 09:00', true, '2026-11-23 09:00'],
		['during the day', '2026-11-23 13:37', true, '2026-11-23 13:37'],
		['before opening', '2026-11-23 07:00', false, '2026-11-23 09:00'],
		['at closing', '2026-11-23 18:00', false, '2026-11-24 09:00'],
		['Friday evening', '2026-11-27 20:00', false, '2026-11-30 09:00'],
		['Saturday', '2026-11-28 10:00', false, '2026-11-30 09:00'],
		['the make-up Saturday 10-10 early', '2026-10-10 08:00', false, '2026-10-10 09:00'],
		['the make-up Saturday 10-10', '2026-10-10 10:00', true, '2026-10-10 10:00'],
		['after closing before National Day', '2026-09-30 18:00', false, '2026-10-08 09:00'],
		['National Day', '2026-10-01 10:00', false, '2026-10-08 09:00'],
		['the eve of 春节 make-up', '2026-02-13 19:00', false, '2026-02-14 09:00'],
		['after the make-up Saturday before 春节', '2026-02-14 18:00', false, '2026-02-24 09:00'],
		['清明 Monday', '2026-04-06 09:30', false, '2026-04-07 09:00'],
	])('%s (%s): working %s, next %s', (_, at, working, next) => {
		expect(isWorkingInstant(sh(at), china, SH)).toBe(working)
		expect(iso(nextWorkingInstant(sh(at), china, SH))).toBe(iso(sh(next)))
	})

	test('closing is exclusive to the millisecond', () => {
		expect(isWorkingInstant(new Date(sh('2026-11-23 18:00').getTime() - 1), china, SH)).toBe(true)
		expect(isWorkingInstant(new Date(sh('2026-11-23 09:00').getTime() - 1), china, SH)).toBe(false)
	})
})

describe('time zones', () => {
	// 2026-11-23 02:00Z is Monday 10:00 in Shanghai (UTC+8) and Monday 08:00 in Urumqi (UTC+6)
	const instant = utc('2026-11-23 02:00')

	test.each([
		['Asia/Shanghai', true, '2026-11-23T02:00:00.000Z', '2026-11-23T10:00:00.000Z'],
		['Asia/Urumqi', false, '2026-11-23T03:00:00.000Z', '2026-11-23T11:00:00.000Z'],
		['UTC', false, '2026-11-23T09:00:00.000Z', '2026-11-23T17:00:00.000Z'],
	])('%s: working %s, next %s, +8 h = %s', (zone, working, next, plus8) => {
		expect(isWorkingInstant(instant, PLAIN_WEEK_CALENDAR, zone)).toBe(working)
		expect(iso(nextWorkingInstant(instant, PLAIN_WEEK_CALENDAR, zone))).toBe(next)
		expect(iso(addWorkingTime(instant, { hours: 8 }, PLAIN_WEEK_CALENDAR, zone))).toBe(plus8)
	})

	test.each([
		// Sunday 23:30Z is Monday 07:30 in Shanghai: opening is 01:00Z the same UTC night
		['Asia/Shanghai', '2026-11-22 23:30', false, '2026-11-23T01:00:00.000Z'],
		// Sunday 20:30Z is Monday 09:30 in Auckland (UTC+13 in summer): already working
		['Pacific/Auckland', '2026-11-22 20:30', true, '2026-11-22T20:30:00.000Z'],
		// Saturday 01:00Z is Friday 17:00 in Los Angeles (UTC−8): still working
		['America/Los_Angeles', '2026-11-28 01:00', true, '2026-11-28T01:00:00.000Z'],
		// Friday 23:00Z is Saturday 07:00 in Shanghai: next opening is Monday 01:00Z
		['Asia/Shanghai', '2026-11-27 23:00', false, '2026-11-30T01:00:00.000Z'],
	])('the local date decides in %s at %sZ', (zone, at, working, next) => {
		expect(isWorkingInstant(utc(at), PLAIN_WEEK_CALENDAR, zone)).toBe(working)
		expect(iso(nextWorkingInstant(utc(at), PLAIN_WEEK_CALENDAR, zone))).toBe(next)
	})

	test('holidays are local dates: 10-01 00:30 in Shanghai is still 09-30 in UTC', () => {
		// an all-day calendar makes the date boundary visible
		const allDay = buildWorkingCalendar(chinaCalendarDays(), { hours: { start: '00:00', end: '24:00' } })
		expect(isWorkingInstant(sh('2026-10-01 00:30'), allDay, SH)).toBe(false)
		expect(isWorkingInstant(sh('2026-10-01 00:30'), allDay, 'UTC')).toBe(true)
		expect(workingTimeBetween(sh('2026-09-30 00:00'), sh('2026-10-01 00:00'), allDay, SH)).toBe(24 * HOUR)
		expect(workingTimeBetween(sh('2026-09-30 00:00'), sh('2026-10-01 00:00'), allDay, 'UTC')).toBe(24 * HOUR)
		expect(workingTimeBetween(utc('2026-09-30 00:00'), utc('2026-10-01 00:00'), allDay, SH)).toBe(16 * HOUR)
	})

	test('zone offsets come from Intl', () => {
		expect(zoneOffset(utc('2026-11-23 00:00'), 'Asia/Shanghai')).toBe(8 * HOUR)
		expect(zoneOffset(utc('2026-11-23 00:00'), 'Asia/Urumqi')).toBe(6 * HOUR)
		expect(zoneOffset(utc('2026-11-23 00:00'), 'Asia/Kolkata')).toBe(5.5 * HOUR)
		expect(zoneOffset(utc('2026-07-01 00:00'), 'Europe/Berlin')).toBe(2 * HOUR)
		expect(zoneOffset(utc('2026-01-01 00:00'), 'Europe/Berlin')).toBe(1 * HOUR)
	})

	test('Kolkata (UTC+5:30) opens at 03:30Z', () => {
		expect(iso(nextWorkingInstant(utc('2026-11-23 00:00'), PLAIN_WEEK_CALENDAR, 'Asia/Kolkata'))).toBe(
			'2026-11-23T03:30:00.000Z',
		)
	})
})

describe('daylight saving in Europe/Berlin (2026-03-29 and 2026-10-25)', () => {
	const BER = 'Europe/Berlin'
	const plain = PLAIN_WEEK_CALENDAR
	// Sundays made working days, round the clock, so the switch falls inside a working day
	const rows: CalendarDayRow[] = [
		{ regionId: null, date: '2026-03-29', kind: 'WORKING_DAY', name: 'spring' },
		{ regionId: null, date: '2026-10-25', kind: 'WORKING_DAY', name: 'autumn' },
	]
	const allDay = buildWorkingCalendar(rows, { hours: { start: '00:00', end: '24:00' } })

	test.each([
		// the clocks go forward: 02:00 CET → 03:00 CEST, so the local day has 23 hours
		['spring', '2026-03-28 23:00', '2026-03-29 22:00', 23],
		// the clocks go back: 03:00 CEST → 02:00 CET, so the local day has 25 hours
		['autumn', '2026-10-24 22:00', '2026-10-25 23:00', 25],
	])('a working day spanning the %s switch has its true length', (_, open, close, hours) => {
		expect(iso(nextWorkingInstant(new Date(utc(open).getTime() - HOUR), allDay, BER))).toBe(iso(utc(open)))
		expect(workingTimeBetween(utc(open), utc(close), allDay, BER)).toBe(hours * HOUR)
		expect(isWorkingInstant(new Date(utc(close).getTime() - 1), allDay, BER)).toBe(true)
		expect(iso(addWorkingTime(utc(open), { hours }, allDay, BER))).toBe(iso(utc(close)))
		// a nominal day is 24 h, which ends an hour into (spring) or before the end of (autumn) the next day
		expect(iso(addWorkingTime(utc(open), { days: 1 }, allDay, BER))).toBe(
			iso(new Date(utc(close).getTime() + (24 - hours) * HOUR)),
		)
	})

	test.each([
		// Friday 17:00 → Monday 10:00 local: 2 working hours, though the UTC offset changed in between
		['spring', '2026-03-27 16:00', '2026-03-30 08:00'],
		['autumn', '2026-10-23 15:00', '2026-10-26 09:00'],
	])('09:00–18:00 over the %s weekend: local hours stay local', (_, friday1700, monday1000) => {
		expect(iso(addWorkingTime(utc(friday1700), { hours: 2 }, plain, BER))).toBe(iso(utc(monday1000)))
		expect(workingTimeBetween(utc(friday1700), utc(monday1000), plain, BER)).toBe(2 * HOUR)
	})

	test.each([
		['before the spring switch', '2026-03-27 08:00', '2026-03-27 17:00'],
		['after the spring switch', '2026-03-30 07:00', '2026-03-30 16:00'],
		['before the autumn switch', '2026-10-23 07:00', '2026-10-23 16:00'],
		['after the autumn switch', '2026-10-26 08:00', '2026-10-26 17:00'],
	])('a working day %s opens and closes at 09:00/18:00 local', (_, open, close) => {
		const before = new Date(utc(open).getTime() - HOUR)
		expect(iso(nextWorkingInstant(before, plain, BER))).toBe(iso(utc(open)))
		expect(iso(addWorkingTime(utc(open), { days: 1 }, plain, BER))).toBe(iso(utc(close)))
	})

	test('five working days over the spring switch', () => {
		// Wednesday 2026-03-25 10:00 CET + 5 days = Wednesday 2026-04-01 10:00 CEST
		expect(iso(addWorkingTime(utc('2026-03-25 09:00'), { days: 5 }, plain, BER))).toBe('2026-04-01T08:00:00.000Z')
	})

	test('opening inside the skipped hour means the instant after the gap; a repeated hour, the first', () => {
		const early = buildWorkingCalendar(rows, { hours: { start: '02:30', end: '18:00' } })
		// 02:30 does not exist on 03-29: the day opens at 03:30 CEST (01:30Z) and has 14.5 h
		expect(iso(nextWorkingInstant(utc('2026-03-28 23:00'), early, BER))).toBe('2026-03-29T01:30:00.000Z')
		expect(workingTimeBetween(utc('2026-03-28 23:00'), utc('2026-03-29 22:00'), early, BER)).toBe(14.5 * HOUR)
		// 02:30 happens twice on 10-25: the day opens at the first (00:30Z) and has 16.5 h
		expect(iso(nextWorkingInstant(utc('2026-10-24 22:00'), early, BER))).toBe('2026-10-25T00:30:00.000Z')
		expect(workingTimeBetween(utc('2026-10-24 22:00'), utc('2026-10-25 23:00'), early, BER)).toBe(16.5 * HOUR)
	})

	test('New York switches on other dates (2026-03-08, 2026-11-01)', () => {
		const NY = 'America/New_York'
		// Friday 03-06 17:00 EST (22:00Z) + 2 h = Monday 03-09 10:00 EDT (14:00Z)
		expect(iso(addWorkingTime(utc('2026-03-06 22:00'), { hours: 2 }, plain, NY))).toBe('2026-03-09T14:00:00.000Z')
		// Friday 10-30 17:00 EDT (21:00Z) + 2 h = Monday 11-02 10:00 EST (15:00Z)
		expect(iso(addWorkingTime(utc('2026-10-30 21:00'), { hours: 2 }, plain, NY))).toBe('2026-11-02T15:00:00.000Z')
	})
})

describe('atRiskInstant', () => {
	test.each([
		['80 % of two days', '2026-11-23 09:00', '2026-11-24 18:00', undefined, '2026-11-24 14:24'],
		['half of two days ends at closing', '2026-11-23 09:00', '2026-11-24 18:00', 0.5, '2026-11-23 18:00'],
		['100 % of a due time inside a window', '2026-11-23 09:00', '2026-11-24 12:00', 1, '2026-11-24 12:00'],
		['0 % is the start', '2026-11-23 10:00', '2026-11-24 12:00', 0, '2026-11-23 10:00'],
		['80 % over National Day', '2026-09-30 09:00', '2026-10-09 18:00', 0.8, '2026-10-09 12:36'],
		['80 % of 2 working hours overnight', '2026-11-23 17:30', '2026-11-24 10:30', 0.8, '2026-11-24 10:06'],
		['start after closing', '2026-11-23 20:00', '2026-11-24 18:00', 0.8, '2026-11-24 16:12'],
		['no working time between', '2026-11-28 10:00', '2026-11-29 10:00', 0.8, '2026-11-28 10:00'],
	])('%s', (_, start, due, fraction, expected) => {
		expect(iso(atRiskInstant(sh(start), sh(due), china, SH, fraction))).toBe(iso(sh(expected)))
	})

	test.each([-0.1, 1.5, Number.NaN])('fraction %f is refused', (fraction) => {
		expect(() => atRiskInstant(sh('2026-11-23 09:00'), sh('2026-11-24 09:00'), china, SH, fraction)).toThrow(RangeError)
	})
})

describe('properties over random instants (seeded)', () => {
	function random(seed: number) {
		return () => {
			seed = (seed + 0x6d2b79f5) | 0
			let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
			t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
			return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
		}
	}
	const zones = ['Asia/Shanghai', 'Asia/Urumqi', 'Europe/Berlin', 'America/New_York', 'Pacific/Auckland']
	const calendars: Array<[string, WorkingCalendar]> = [
		['china', china],
		['plain', PLAIN_WEEK_CALENDAR],
		['08:30–17:15', buildWorkingCalendar(chinaCalendarDays(), { hours: { start: '08:30', end: '17:15' } })],
		['all day', buildWorkingCalendar(chinaCalendarDays(), { hours: { start: '00:00', end: '24:00' } })],
		[
			'two breaks',
			buildWorkingCalendar(chinaCalendarDays(), {
				hours: {
					start: '08:00',
					end: '20:00',
					breaks: [
						{ start: '15:00', end: '15:30' },
						{ start: '12:00', end: '13:00' },
					],
				},
			}),
		],
	]
	const from2026 = Date.parse('2026-01-01T00:00:00Z')
	const yearMs = 365 * 86_400_000

	test.each(zones.flatMap((zone) => calendars.map(([name, calendar]) => [zone, name, calendar] as const)))(
		'%s, %s: add then measure round-trips; measuring is additive; adding composes',
		(zone, _, calendar) => {
			const next = random(zone.length * 7919 + calendar.periods[0]![0])
			for (let i = 0; i < 60; i++) {
				const start = new Date(from2026 + Math.floor(next() * yearMs))
				const ms = Math.floor(next() * 6 * 9 * HOUR)
				const end = addWorkingTime(start, { hours: ms / HOUR }, calendar, zone)
				expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime())
				expect(workingTimeBetween(start, end, calendar, zone)).toBe(ms)
				if (ms > 0) expect(isWorkingInstant(new Date(end.getTime() - 1), calendar, zone)).toBe(true)

				const split = Math.floor(next() * ms)
				const middle = addWorkingTime(start, { hours: split / HOUR }, calendar, zone)
				expect(iso(addWorkingTime(middle, { hours: (ms - split) / HOUR }, calendar, zone))).toBe(iso(end))

				const later = new Date(end.getTime() + Math.floor(next() * 10 * 86_400_000))
				expect(workingTimeBetween(start, later, calendar, zone)).toBe(
					workingTimeBetween(start, end, calendar, zone) + workingTimeBetween(end, later, calendar, zone),
				)

				const resume = nextWorkingInstant(start, calendar, zone)
				expect(workingTimeBetween(start, resume, calendar, zone)).toBe(0)
				expect(isWorkingInstant(resume, calendar, zone)).toBe(true)

				const risk = atRiskInstant(start, end, calendar, zone)
				expect(workingTimeBetween(start, risk, calendar, zone)).toBe(Math.round(ms * 0.8))
			}
		},
	)
})
