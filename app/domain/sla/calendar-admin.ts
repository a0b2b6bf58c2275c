import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { DomainValidationError, NotFoundError } from '../errors.ts'
import { assertInSettings } from '../settings/access.ts'
import type { Viewer } from '../viewer.ts'
import { buildWorkingCalendar, dateKey, PLAIN_WEEK_CALENDAR, weekdayOf, type CalendarDayKind } from './calendar.ts'

/**
 * The holiday calendar as administrators keep it (DESIGN.md §4): the national rows (days off on
 * weekdays, make-up working days on weekends, seeded from the State Council's notice) and each
 * region's own rows on top. A row must change something: a day off on a day that is off
 * anyway, or a working day on a day that is worked anyway, is refused with a field error, as it
 * would only hide a mistake (the wrong date typed). Changes apply to clocks started afterwards.
 */

export interface CalendarEntry {
	id: string
	/** null: the national calendar */
	regionId: string | null
	/** 'YYYY-MM-DD', the local date in the region's time zone */
	date: string
	/** 0 = Sunday … 6 = Saturday */
	weekday: number
	kind: CalendarDayKind
	name: string
}

export interface CalendarYear {
	year: number
	regionId: string | null
	/** the rows of this calendar (national, or the region's own), by date */
	rows: CalendarEntry[]
	/** for a region: the national rows of the year, which apply where the region has no row of its own */
	national: Array<CalendarEntry & { overridden: boolean }>
}

export interface CalendarRegion {
	id: string
	code: string
	nameZh: string
	nameEn: string
	timeZone: string
}

export const CALENDAR_NAME_MAX = 40
export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const

// The lock the calendar seed takes (prisma/seed/calendar-days.ts): an administrator's row and the
// seed's, or two administrators' rows for the same date, are written one after the other.
const CALENDAR_LOCK_KEY = 72707370

function entry(row: { id: string; regionId: string | null; date: Date; kind: CalendarDayKind; name: string }) {
	const date = dateKey(row.date)
	return { id: row.id, regionId: row.regionId, date, weekday: weekdayOf(date), kind: row.kind, name: row.name }
}

async function assertRegion(db: PrismaClient, regionId: string | null) {
	if (regionId === null) return
	if (!(await db.region.findUnique({ where: { id: regionId }, select: { id: true } })))
		throw new NotFoundError('region')
}

export async function listCalendarRegions(db: PrismaClient, viewer: Viewer): Promise<CalendarRegion[]> {
	assertInSettings(viewer, 'administer:settings')
	return db.region.findMany({
		select: { id: true, code: true, nameZh: true, nameEn: true, timeZone: true },
		orderBy: { code: 'asc' },
	})
}

/** A year of the national calendar (`regionId` null) or of a region's, with the national rows beside it. */
export async function listCalendarDays(
	db: PrismaClient,
	viewer: Viewer,
	{ year, regionId }: { year: number; regionId: string | null },
): Promise<CalendarYear> {
	assertInSettings(viewer, 'administer:settings')
	if (!Number.isInteger(year) || year < CALENDAR_YEARS.min || year > CALENDAR_YEARS.max)
		throw new DomainValidationError('year', 'settings:validation.yearRange', CALENDAR_YEARS)
	await assertRegion(db, regionId)
	const rows = await db.calendarDay.findMany({
		where: {
			OR: [{ regionId: null }, ...(regionId ? [{ regionId }] : [])],
			date: { gte: new Date(Date.UTC(year, 0, 1)), lte: new Date(Date.UTC(year, 11, 31)) },
		},
		select: { id: true, regionId: true, date: true, kind: true, name: true },
		orderBy: [{ date: 'asc' }, { id: 'asc' }],
	})
	const own = rows.filter((r) => r.regionId === regionId).map(entry)
	const taken = new Set(own.map((r) => r.date))
	const national = regionId
		? rows.filter((r) => r.regionId === null).map((r) => ({ ...entry(r), overridden: taken.has(dateKey(r.date)) }))
		: []
	return { year, regionId, rows: own, national }
}

export interface NewCalendarDay {
	regionId: string | null
	/** 'YYYY-MM-DD' */
	date: string
	kind: CalendarDayKind
	name: string
}

function validDate(date: string): string {
	try {
		return dateKey(date.trim())
	} catch {
		throw new DomainValidationError('date', 'settings:validation.dateInvalid')
	}
}

/** Adds a day off or a make-up working day to the national calendar or a region's. */
export async function addCalendarDay(db: PrismaClient, viewer: Viewer, input: NewCalendarDay): Promise<{ id: string }> {
	assertInSettings(viewer, 'administer:settings')
	const date = validDate(input.date)
	if (input.kind !== 'DAY_OFF' && input.kind !== 'WORKING_DAY')
		throw new DomainValidationError('kind', 'validation:choose')
	const name = input.name.trim()
	if (!name) throw new DomainValidationError('name', 'validation:required')
	if (name.length > CALENDAR_NAME_MAX)
		throw new DomainValidationError('name', 'settings:validation.calendarNameTooLong', { max: CALENDAR_NAME_MAX })
	const year = Number(date.slice(0, 4))
	if (year < CALENDAR_YEARS.min || year > CALENDAR_YEARS.max)
		throw new DomainValidationError('date', 'settings:validation.yearRange', CALENDAR_YEARS)
	const regionId = input.regionId
	await assertRegion(db, regionId)

	return db.$transaction(async (tx) => {
		await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CALENDAR_LOCK_KEY}::bigint)`
		const same = await tx.calendarDay.findFirst({
			where: { regionId, date: new Date(`${date}T00:00:00Z`) },
			select: { name: true },
		})
		if (same) throw new DomainValidationError('date', 'settings:validation.dateTaken', { name: same.name })
		// what the day is without this row: a plain week for the national calendar, the national one for a region
		const base = regionId
			? buildWorkingCalendar(
					await tx.calendarDay.findMany({
						where: { regionId: null, date: new Date(`${date}T00:00:00Z`) },
						select: { regionId: true, date: true, kind: true, name: true },
					}),
				)
			: PLAIN_WEEK_CALENDAR
		const weekday = weekdayOf(date)
		const weekend = weekday === 0 || weekday === 6
		const working = base.isWorkingDate(date)
		if (input.kind === 'DAY_OFF' && !working)
			throw new DomainValidationError(
				'date',
				weekend && !base.exceptionOn(date)
					? 'settings:validation.dayOffOnWeekend'
					: 'settings:validation.alreadyOffNationally',
				{ date },
			)
		if (input.kind === 'WORKING_DAY' && working)
			throw new DomainValidationError(
				'date',
				!weekend && !base.exceptionOn(date)
					? 'settings:validation.workingDayOnWeekday'
					: 'settings:validation.alreadyWorkingNationally',
				{ date },
			)
		return tx.calendarDay.create({
			data: { regionId, date: new Date(`${date}T00:00:00Z`), kind: input.kind, name },
			select: { id: true },
		})
	})
}

export async function removeCalendarDay(db: PrismaClient, viewer: Viewer, id: string): Promise<CalendarEntry> {
	assertInSettings(viewer, 'administer:settings')
	const row = await db.calendarDay.findUnique({
		where: { id },
		select: { id: true, regionId: true, date: true, kind: true, name: true },
	})
	if (!row) throw new NotFoundError('CalendarDay')
	const { count } = await db.calendarDay.deleteMany({ where: { id } })
	if (count !== 1) throw new NotFoundError('CalendarDay')
	return entry(row)
}
