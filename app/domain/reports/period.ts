import { dateKey } from '../sla/calendar.ts'
import { DEFAULT_TIME_ZONE } from '../sla/calendar-queries.ts'
import { zoneOffset } from '../sla/working-time.ts'

/**
 * The period a report covers: whole local days, `from` to `to` inclusive, in the company's time
 * zone (Asia/Shanghai: head office's calendar, as the general manager reads "March"). A report
 * counts the complaints filed and the surveys answered within it.
 *
 * Periods come from a query string (the page, the CSV) or from GraphQL arguments; presets name
 * the usual ones so that a bookmarked link keeps meaning "the last three months".
 */

export const REPORT_TIME_ZONE = DEFAULT_TIME_ZONE

export const PERIOD_PRESETS = [
	'this-month',
	'last-month',
	'last-3-months',
	'last-12-months',
	'this-year',
	'last-year',
] as const
export type PeriodPreset = (typeof PERIOD_PRESETS)[number]
export const DEFAULT_PRESET: PeriodPreset = 'last-3-months'

/** A longer period would have more trend points than a chart can show (months, up to 10 years). */
export const MAX_PERIOD_DAYS = 3_660

/** How the trend groups the period: by day up to a month, by ISO week up to half a year, else by month. */
export type ReportInterval = 'day' | 'week' | 'month'

export interface ReportPeriod {
	/** 'YYYY-MM-DD', the first day */
	from: string
	/** 'YYYY-MM-DD', the last day (included) */
	to: string
}

export interface ResolvedPeriod extends ReportPeriod {
	/** the preset it was asked as, or null for dates typed in */
	preset: PeriodPreset | null
	interval: ReportInterval
	/** the first instant of `from` in the report's zone */
	start: Date
	/** the first instant after `to` in the report's zone */
	end: Date
	/** the start dates of the trend's buckets ('YYYY-MM-DD'), in order, each one whether or not it has data */
	buckets: string[]
}

const DAY = 86_400_000

interface PlainDate {
	year: number
	month: number
	day: number
}

function plain(key: string): PlainDate {
	const [year, month, day] = dateKey(key).split('-').map(Number) as [number, number, number]
	return { year, month, day }
}

function keyOf(year: number, month: number, day: number): string {
	const date = new Date(Date.UTC(year, month - 1, day))
	return date.toISOString().slice(0, 10)
}

const addDays = (key: string, days: number) => {
	const { year, month, day } = plain(key)
	return keyOf(year, month, day + days)
}

/** Days from `a` to `b` ('YYYY-MM-DD'), 0 when equal. */
export function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(`${dateKey(b)}T00:00:00Z`) - Date.parse(`${dateKey(a)}T00:00:00Z`)) / DAY)
}

/** The local date of an instant in the zone. */
export function localDate(instant: Date, zone = REPORT_TIME_ZONE): string {
	return new Date(instant.getTime() + zoneOffset(instant, zone)).toISOString().slice(0, 10)
}

/** The instant local midnight of `date` begins in the zone (the offset in force then). */
export function startOfLocalDay(date: string, zone = REPORT_TIME_ZONE): Date {
	const wall = Date.parse(`${dateKey(date)}T00:00:00Z`)
	let instant = wall - zoneOffset(wall, zone)
	// the offset at the guess may differ from the one at midnight itself (a DST switch that day)
	instant = wall - zoneOffset(instant, zone)
	return new Date(instant)
}

/** The period a preset means on the local date `today`. */
export function presetPeriod(preset: PeriodPreset, today: string): ReportPeriod {
	const { year, month } = plain(today)
	switch (preset) {
		case 'this-month':
			return { from: keyOf(year, month, 1), to: today }
		case 'last-month':
			return { from: keyOf(year, month - 1, 1), to: keyOf(year, month, 0) }
		case 'last-3-months':
			return { from: keyOf(year, month - 2, 1), to: today }
		case 'last-12-months':
			return { from: keyOf(year, month - 11, 1), to: today }
		case 'this-year':
			return { from: keyOf(year, 1, 1), to: today }
		case 'last-year':
			return { from: keyOf(year - 1, 1, 1), to: keyOf(year - 1, 12, 31) }
	}
}

export type PeriodProblem = 'invalidDate' | 'fromAfterTo' | 'tooLong'

/** Checks dates someone typed; null when they make a period. */
export function periodProblem(period: ReportPeriod): PeriodProblem | null {
	try {
		dateKey(period.from)
		dateKey(period.to)
	} catch {
		return 'invalidDate'
	}
	const days = daysBetween(period.from, period.to)
	if (days < 0) return 'fromAfterTo'
	if (days + 1 > MAX_PERIOD_DAYS) return 'tooLong'
	return null
}

export function intervalOf(period: ReportPeriod): ReportInterval {
	const days = daysBetween(period.from, period.to) + 1
	if (days <= 31) return 'day'
	if (days <= 190) return 'week'
	return 'month'
}

/** The first day of the bucket `date` falls in (weeks start on Monday, as ISO and PostgreSQL's date_trunc). */
export function bucketOf(date: string, interval: ReportInterval): string {
	const { year, month, day } = plain(date)
	switch (interval) {
		case 'day':
			return date
		case 'week': {
			const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
			return addDays(date, -((weekday + 6) % 7))
		}
		case 'month':
			return keyOf(year, month, 1)
	}
}

function nextBucket(bucket: string, interval: ReportInterval): string {
	if (interval === 'day') return addDays(bucket, 1)
	if (interval === 'week') return addDays(bucket, 7)
	const { year, month } = plain(bucket)
	return keyOf(year, month + 1, 1)
}

/**
 * A checked period with its instants and trend buckets. Throws a RangeError for a period that
 * periodProblem() refuses; callers check first.
 */
export function resolvePeriod(
	period: ReportPeriod,
	preset: PeriodPreset | null = null,
	zone = REPORT_TIME_ZONE,
): ResolvedPeriod {
	const problem = periodProblem(period)
	if (problem) throw new RangeError(`Not a report period (${problem}): ${period.from} to ${period.to}`)
	const interval = intervalOf(period)
	const buckets: string[] = []
	for (let bucket = bucketOf(period.from, interval); bucket <= period.to; bucket = nextBucket(bucket, interval))
		buckets.push(bucket)
	return {
		from: period.from,
		to: period.to,
		preset,
		interval,
		start: startOfLocalDay(period.from, zone),
		end: startOfLocalDay(addDays(period.to, 1), zone),
		buckets,
	}
}

export interface PeriodQuery {
	period: ResolvedPeriod
	/** what was wrong with dates typed in (the default period is shown instead), or null */
	problem: PeriodProblem | null
}

/**
 * The period a query string asks for: `?period=<preset>`, else `?from=YYYY-MM-DD&to=YYYY-MM-DD`
 * (the page's form sends both, with `period=custom` when the dates are meant), else the default.
 * Lenient as the queue's filters: a malformed or impossible request shows the default period
 * and says why, rather than an error page.
 */
export function parsePeriodQuery(params: URLSearchParams, now: Date): PeriodQuery {
	const today = localDate(now)
	const asked = params.get('period')
	if ((PERIOD_PRESETS as readonly string[]).includes(asked ?? ''))
		return { period: resolvePeriod(presetPeriod(asked as PeriodPreset, today), asked as PeriodPreset), problem: null }
	const from = params.get('from')?.trim()
	const to = params.get('to')?.trim()
	if (from || to) {
		const typed = { from: from ?? '', to: to ?? '' }
		const problem = periodProblem(typed)
		if (!problem) return { period: resolvePeriod(typed), problem: null }
		return { period: resolvePeriod(presetPeriod(DEFAULT_PRESET, today), DEFAULT_PRESET), problem }
	}
	return { period: resolvePeriod(presetPeriod(DEFAULT_PRESET, today), DEFAULT_PRESET), problem: null }
}

/** The query string that asks for this period again (a preset by name, so that the link stays current). */
export function periodQueryString(period: Pick<ResolvedPeriod, 'from' | 'to' | 'preset'>): string {
	const params = new URLSearchParams()
	if (period.preset) params.set('period', period.preset)
	else {
		params.set('from', period.from)
		params.set('to', period.to)
	}
	return params.toString()
}
