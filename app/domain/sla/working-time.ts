import type { WorkingCalendar } from './calendar.ts'

/**
 * Working-time arithmetic for service-level clocks (DESIGN.md §4), in a region's IANA time
 * zone with the Intl API only. Each working date has a window [opening, closing) in local
 * time (several with breaks); instants are converted per date, so a day that crosses a
 * daylight-saving switch has its true length (23 h for a 00:00–24:00 day in Berlin on
 * 2026-03-29), and 09:00 stays 09:00 local on both sides of it.
 *
 * A local time that does not exist (the hour skipped in spring) means the instant after the
 * gap; one that exists twice (autumn) means the earlier one, as Temporal's 'compatible'.
 */

export interface WorkingDuration {
	hours?: number
	/** working days of the calendar's working-hours length (9 h for 09:00–18:00) */
	days?: number
}

export interface Interval {
	from: Date
	to: Date
}

const HOUR = 3_600_000
const MINUTE = 60_000
const DAY = 86_400_000
/** no clock in this portal runs for ten years; a guard against a calendar without working days */
const MAX_DAYS = 3_660

interface PlainDate {
	year: number
	month: number
	day: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(zone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(zone)
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		})
		formatters.set(zone, formatter)
	}
	return formatter
}

/** The local wall-clock time of an instant, as if it were UTC (ms since epoch). */
function wallClock(ms: number, zone: string): number {
	const fields: Record<string, number> = {}
	for (const part of formatterFor(zone).formatToParts(new Date(ms))) {
		if (part.type !== 'literal') fields[part.type] = Number(part.value)
	}
	const wall = Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!)
	return wall + (((ms % 1000) + 1000) % 1000)
}

/** The zone's UTC offset at an instant, in ms (Asia/Shanghai: +8 h). */
export function zoneOffset(instant: Date | number, zone: string): number {
	const ms = typeof instant === 'number' ? instant : instant.getTime()
	return wallClock(ms, zone) - ms
}

/** The instant of a local wall-clock time (given as if it were UTC). */
function instantOfWallClock(wall: number, zone: string): number {
	const before = zoneOffset(wall - DAY / 2, zone)
	const after = zoneOffset(wall + DAY / 2, zone)
	const candidates = [...new Set([before, after])]
		.map((offset) => wall - offset)
		.filter((ms) => wallClock(ms, zone) === wall)
		.sort((a, b) => a - b)
	// a gap (spring forward): read the wall clock with the offset in force before it
	return candidates[0] ?? wall - before
}

/** The local date of an instant in a zone. */
function localDateOf(ms: number, zone: string): PlainDate {
	const wall = new Date(wallClock(ms, zone))
	return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() }
}

function addDays(date: PlainDate, days: number): PlainDate {
	const next = new Date(Date.UTC(date.year, date.month - 1, date.day + days))
	return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }
}

function keyOf(date: PlainDate): string {
	return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`
}

// Windows per calendar, zone and date: calendars are immutable values, and a queue page asks the
// same few weeks again for every row.
const windowCache = new WeakMap<WorkingCalendar, Map<string, ReadonlyArray<readonly [number, number]>>>()

/** The working windows [open, close) of a local date in ms, in order; none on a day off. */
function windowsOn(date: PlainDate, calendar: WorkingCalendar, zone: string): ReadonlyArray<readonly [number, number]> {
	let cache = windowCache.get(calendar)
	if (!cache) windowCache.set(calendar, (cache = new Map()))
	const key = `${zone} ${keyOf(date)}`
	let windows = cache.get(key)
	if (!windows) {
		const midnight = Date.UTC(date.year, date.month - 1, date.day)
		windows = calendar.isWorkingDate(keyOf(date))
			? calendar.periods.map(([from, to]) => [
					instantOfWallClock(midnight + from * MINUTE, zone),
					instantOfWallClock(midnight + to * MINUTE, zone),
				])
			: []
		cache.set(key, windows)
	}
	return windows
}

/** The nominal length of a working day of this calendar, in ms (9 h for 09:00–18:00). */
export function workingDayLength(calendar: WorkingCalendar): number {
	return calendar.periods.reduce((total, [from, to]) => total + (to - from) * MINUTE, 0)
}

function toMs(instant: Date, label: string): number {
	const ms = instant.getTime()
	if (!Number.isFinite(ms)) throw new RangeError(`${label} is an invalid date`)
	return ms
}

/** Working windows overlapping [from, to), in order. */
function* windowsBetween(
	from: number,
	to: number,
	calendar: WorkingCalendar,
	zone: string,
): Generator<readonly [number, number]> {
	// a window lies within its local date, so the local date of `from` holds the first candidate
	let date = localDateOf(from, zone)
	for (let i = 0; i <= MAX_DAYS; i++, date = addDays(date, 1)) {
		for (const window of windowsOn(date, calendar, zone)) {
			if (window[0] >= to) return
			if (window[1] > from) yield window
		}
	}
	throw new RangeError('No end of the interval within ten years of working time')
}

/** Whether the clock runs at this instant: a working date, between opening (included) and closing. */
export function isWorkingInstant(instant: Date, calendar: WorkingCalendar, zone: string): boolean {
	const ms = toMs(instant, 'instant')
	return windowsOn(localDateOf(ms, zone), calendar, zone).some(([open, close]) => open <= ms && ms < close)
}

/** The instant itself when the clock runs then, else the next opening. */
export function nextWorkingInstant(instant: Date, calendar: WorkingCalendar, zone: string): Date {
	const ms = toMs(instant, 'instant')
	for (const [open] of windowsBetween(ms, Infinity, calendar, zone)) return new Date(Math.max(open, ms))
	/* c8 ignore next */
	throw new RangeError('No working time ahead')
}

/**
 * The earliest instant at which `duration` of working time has elapsed since `start`. A zero
 * duration gives `start` itself; otherwise the result is inside a working window or at its
 * closing (Monday 09:00 + 9 h = Monday 18:00, not Tuesday 09:00). Fractions are kept to the ms.
 */
export function addWorkingTime(start: Date, duration: WorkingDuration, calendar: WorkingCalendar, zone: string): Date {
	const from = toMs(start, 'start')
	const hours = duration.hours ?? 0
	const days = duration.days ?? 0
	if (!Number.isFinite(hours) || !Number.isFinite(days) || hours < 0 || days < 0) {
		throw new RangeError(`A working duration is finite and not negative: ${JSON.stringify(duration)}`)
	}
	let remaining = Math.round(hours * HOUR + days * workingDayLength(calendar))
	if (remaining === 0) return new Date(from)
	for (const [open, close] of windowsBetween(from, Infinity, calendar, zone)) {
		const begin = Math.max(open, from)
		if (remaining <= close - begin) return new Date(begin + remaining)
		remaining -= close - begin
	}
	/* c8 ignore next */
	throw new RangeError('No working time ahead')
}

function overlap(from: number, to: number, calendar: WorkingCalendar, zone: string): number {
	let total = 0
	if (to <= from) return 0
	for (const [open, close] of windowsBetween(from, to, calendar, zone)) {
		total += Math.min(close, to) - Math.max(open, from)
	}
	return total
}

/** Intervals clipped to [from, to), sorted and merged so that overlapping pauses count once. */
function mergeWithin(intervals: readonly Interval[], from: number, to: number): Array<[number, number]> {
	const clipped = intervals
		.map(({ from: a, to: b }): [number, number] => [
			Math.max(toMs(a, 'pause start'), from),
			Math.min(toMs(b, 'pause end'), to),
		])
		.filter(([a, b]) => a < b)
		.sort((x, y) => x[0] - y[0])
	const merged: Array<[number, number]> = []
	for (const [a, b] of clipped) {
		const last = merged.at(-1)
		if (last && a <= last[1]) last[1] = Math.max(last[1], b)
		else merged.push([a, b])
	}
	return merged
}

/**
 * Working time between two instants in ms, leaving out the paused intervals (the clock stops
 * while the complaint waits on the customer). 0 when `to` is not after `from`.
 */
export function workingTimeBetween(
	from: Date,
	to: Date,
	calendar: WorkingCalendar,
	zone: string,
	pauses: readonly Interval[] = [],
): number {
	const a = toMs(from, 'from')
	const b = toMs(to, 'to')
	if (b <= a) return 0
	let total = overlap(a, b, calendar, zone)
	for (const [pa, pb] of mergeWithin(pauses, a, b)) total -= overlap(pa, pb, calendar, zone)
	return total
}

/**
 * The instant when `fraction` (80 % by default) of the working time between `start` and `due`
 * has elapsed: the moment a clock becomes "at risk".
 */
export function atRiskInstant(start: Date, due: Date, calendar: WorkingCalendar, zone: string, fraction = 0.8): Date {
	if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`fraction must be within 0..1: ${fraction}`)
	const total = workingTimeBetween(start, due, calendar, zone)
	return addWorkingTime(start, { hours: Math.round(total * fraction) / HOUR }, calendar, zone)
}
