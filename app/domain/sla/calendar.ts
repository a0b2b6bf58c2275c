/**
 * The working calendar of a region (DESIGN.md §4) as a pure value: Monday to Friday are working
 * days, except the dates the calendar rows say otherwise. A row is either a day off (a public
 * holiday on a weekday) or a make-up working day (调休: a weekend day declared a working day).
 * National rows (regionId null) apply everywhere; a region's own row for the same date wins.
 *
 * Dates are local calendar dates in the region's time zone, written as 'YYYY-MM-DD'.
 */

export type CalendarDayKind = 'DAY_OFF' | 'WORKING_DAY'

/** 'HH:MM', 24-hour local time; `end` may be '24:00' (midnight at the end of the day). */
export type ClockTime = string

export interface WorkingHours {
	/** opening time, e.g. '09:00' */
	start: ClockTime
	/** closing time, e.g. '18:00' (later than start) */
	end: ClockTime
	/** pauses within the day when the clock stops, e.g. a lunch break [{ start: '12:00', end: '13:00' }] */
	breaks?: ReadonlyArray<{ start: ClockTime; end: ClockTime }>
}

/** 09:00–18:00 local, no lunch break: a working day is 9 hours. */
export const DEFAULT_WORKING_HOURS: WorkingHours = { start: '09:00', end: '18:00' }

/** The shape of a `CalendarDay` row as loaded from the database (or written by the seed). */
export interface CalendarDayRow {
	regionId: string | null
	/** a `@db.Date` (UTC midnight of the local date) or 'YYYY-MM-DD' */
	date: Date | string
	kind: CalendarDayKind
	name: string
}

export interface CalendarException {
	kind: CalendarDayKind
	name: string
}

export interface WorkingCalendar {
	readonly hours: WorkingHours
	/**
	 * The working periods of a working day as [from, to) minutes after local midnight, in order
	 * (one period from opening to closing unless there are breaks; `to` may be 1440).
	 */
	readonly periods: ReadonlyArray<readonly [number, number]>
	/** the exception recorded for a date, if any */
	exceptionOn(date: string): CalendarException | undefined
	/** whether a local date ('YYYY-MM-DD') is a working day */
	isWorkingDate(date: string): boolean
}

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/

/** 'YYYY-MM-DD' of a `@db.Date` value (UTC midnight) or of a date string, validated. */
export function dateKey(date: Date | string): string {
	const key = typeof date === 'string' ? date : date.toISOString().slice(0, 10)
	const match = DATE_KEY.exec(key)
	if (!match) throw new RangeError(`Invalid calendar date: ${String(date)}`)
	const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
	const check = new Date(Date.UTC(y, m - 1, d))
	if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
		throw new RangeError(`Invalid calendar date: ${key}`)
	}
	return key
}

/** 0 = Sunday … 6 = Saturday, of a 'YYYY-MM-DD' date. */
export function weekdayOf(date: string): number {
	return new Date(`${dateKey(date)}T00:00:00Z`).getUTCDay()
}

/** Minutes after midnight of 'HH:MM' ('24:00' allowed). */
export function parseClockTime(time: string): number {
	const match = /^(\d{2}):(\d{2})$/.exec(time)
	if (!match) throw new RangeError(`Invalid time of day: ${time} (expected HH:MM)`)
	const [h, m] = [Number(match[1]), Number(match[2])]
	if (m > 59 || h > 24 || (h === 24 && m !== 0)) throw new RangeError(`Invalid time of day: ${time}`)
	return h * 60 + m
}

function workingPeriods(hours: WorkingHours): Array<[number, number]> {
	const open = parseClockTime(hours.start)
	const close = parseClockTime(hours.end)
	if (open >= close) throw new RangeError(`Working hours must close after they open: ${hours.start}–${hours.end}`)
	const breaks = (hours.breaks ?? [])
		.map((b): [number, number] => [parseClockTime(b.start), parseClockTime(b.end)])
		.sort((x, y) => x[0] - y[0])
	const periods: Array<[number, number]> = []
	let from = open
	for (const [start, end] of breaks) {
		if (start >= end || start <= from || end >= close) {
			throw new RangeError(`A break lies inside working hours, after the previous one: ${JSON.stringify(hours)}`)
		}
		periods.push([from, start])
		from = end
	}
	periods.push([from, close])
	return periods
}

/**
 * A calendar from rows: national rows (regionId null) first, then the region's rows on top.
 * Pass `regionId` to ignore rows of other regions (rows of other regions are otherwise an
 * error, as two regions' overrides cannot both apply).
 */
export function buildWorkingCalendar(
	rows: readonly CalendarDayRow[],
	options: { hours?: WorkingHours; regionId?: string | null } = {},
): WorkingCalendar {
	const hours = options.hours ?? DEFAULT_WORKING_HOURS
	const periods = workingPeriods(hours)
	const national = new Map<string, CalendarException>()
	const regional = new Map<string, CalendarException>()
	let regionSeen: string | null = null
	for (const row of rows) {
		const entry = { kind: row.kind, name: row.name }
		if (row.regionId === null) {
			national.set(dateKey(row.date), entry)
			continue
		}
		if (options.regionId !== undefined && row.regionId !== options.regionId) continue
		if (regionSeen !== null && regionSeen !== row.regionId) {
			throw new RangeError('Calendar rows of more than one region')
		}
		regionSeen = row.regionId
		regional.set(dateKey(row.date), entry)
	}
	const exceptionOn = (date: string) => regional.get(date) ?? national.get(date)
	return {
		hours: { ...hours, ...(hours.breaks ? { breaks: hours.breaks.map((b) => ({ ...b })) } : {}) },
		periods,
		exceptionOn,
		isWorkingDate(date) {
			const exception = exceptionOn(date)
			if (exception) return exception.kind === 'WORKING_DAY'
			const weekday = weekdayOf(date)
			return weekday !== 0 && weekday !== 6
		},
	}
}

/** Monday to Friday, no exceptions. */
export const PLAIN_WEEK_CALENDAR: WorkingCalendar = buildWorkingCalendar([])
