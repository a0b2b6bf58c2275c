import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { DurationUnit, ServiceClockKind } from '#app/generated/prisma/enums.ts'
import { DomainValidationError } from '../errors.ts'
import { assertInSettings } from '../settings/access.ts'
import type { Viewer } from '../viewer.ts'
import type { WorkingCalendar } from './calendar.ts'
import { addWorkingTime, zoneOffset } from './working-time.ts'

/**
 * Service-level targets as configuration (DESIGN.md §4): one ServiceLevelTarget row per clock
 * and customer kind (key accounts have their own, tighter rows), written with the defaults by
 * the staff-workflow migration and edited by administrators in the console. A clock runs out
 * after its amount of:
 *   HOURS          wall-clock hours, nights and holidays included (a first response in 24 h)
 *   WORKING_HOURS  hours of the region's working time
 *   WORKING_DAYS   working days of the region's calendar, at the same time of working day
 *   DAYS           calendar days, at the same local time
 */

type Db = PrismaClient | Prisma.TransactionClient

export const CLOCK_KINDS = [
	'FIRST_RESPONSE',
	'ROUTING',
	'INITIAL_VERIFICATION',
	'TEMPORARY_MEASURE',
	'RESOLUTION',
	'ON_SITE_VISIT',
	'FOLLOW_UP',
] as const satisfies readonly ServiceClockKind[]
export const DURATION_UNITS = [
	'HOURS',
	'WORKING_HOURS',
	'WORKING_DAYS',
	'DAYS',
] as const satisfies readonly DurationUnit[]

export interface TargetDuration {
	amount: number
	unit: DurationUnit
}

export interface ServiceLevelTargetRow extends TargetDuration {
	clock: ServiceClockKind
	keyAccount: boolean
	updatedAt: Date | null
	updatedByName: string | null
}

/**
 * What the migration writes. Used only for a row that someone removed by hand, so that a clock
 * never runs without a target; the rows are the configuration.
 */
const FALLBACK: Record<ServiceClockKind, Record<'standard' | 'keyAccount', TargetDuration>> = {
	FIRST_RESPONSE: { standard: { amount: 24, unit: 'HOURS' }, keyAccount: { amount: 4, unit: 'HOURS' } },
	ROUTING: { standard: { amount: 2, unit: 'WORKING_HOURS' }, keyAccount: { amount: 1, unit: 'WORKING_HOURS' } },
	INITIAL_VERIFICATION: {
		standard: { amount: 3, unit: 'WORKING_DAYS' },
		keyAccount: { amount: 2, unit: 'WORKING_DAYS' },
	},
	TEMPORARY_MEASURE: {
		standard: { amount: 1, unit: 'WORKING_DAYS' },
		keyAccount: { amount: 4, unit: 'WORKING_HOURS' },
	},
	RESOLUTION: { standard: { amount: 5, unit: 'WORKING_DAYS' }, keyAccount: { amount: 3, unit: 'WORKING_DAYS' } },
	ON_SITE_VISIT: { standard: { amount: 24, unit: 'HOURS' }, keyAccount: { amount: 12, unit: 'HOURS' } },
	FOLLOW_UP: { standard: { amount: 3, unit: 'DAYS' }, keyAccount: { amount: 2, unit: 'DAYS' } },
}

/** The configured targets, looked up by clock and customer kind. */
export interface ServiceTargets {
	/** every clock, standard then key account, in the order of CLOCK_KINDS */
	readonly rows: readonly ServiceLevelTargetRow[]
	of(clock: ServiceClockKind, keyAccount: boolean): TargetDuration
}

export async function loadTargets(db: Db): Promise<ServiceTargets> {
	const stored = await db.serviceLevelTarget.findMany()
	const editors = new Set(stored.map((row) => row.updatedById).filter((id): id is string => id !== null))
	const names = editors.size
		? new Map(
				(await db.user.findMany({ where: { id: { in: [...editors] } }, select: { id: true, name: true } })).map((u) => [
					u.id,
					u.name,
				]),
			)
		: new Map<string, string>()
	const rows: ServiceLevelTargetRow[] = CLOCK_KINDS.flatMap((clock) =>
		[false, true].map((keyAccount) => {
			const row = stored.find((r) => r.clock === clock && r.keyAccount === keyAccount)
			if (!row)
				return {
					clock,
					keyAccount,
					...FALLBACK[clock][keyAccount ? 'keyAccount' : 'standard'],
					updatedAt: null,
					updatedByName: null,
				}
			return {
				clock,
				keyAccount,
				amount: row.amount,
				unit: row.unit,
				updatedAt: row.updatedAt,
				updatedByName: row.updatedById ? (names.get(row.updatedById) ?? null) : null,
			}
		}),
	)
	return {
		rows,
		of(clock, keyAccount) {
			const row = rows.find((r) => r.clock === clock && r.keyAccount === keyAccount)!
			return { amount: row.amount, unit: row.unit }
		},
	}
}

/** A target may not be zero (nothing can be done in no time) nor run past a year. */
export const TARGET_LIMITS: Record<DurationUnit, number> = {
	HOURS: 24 * 365,
	WORKING_HOURS: 9 * 250,
	WORKING_DAYS: 250,
	DAYS: 365,
}

export interface TargetUpdate {
	clock: ServiceClockKind
	keyAccount: boolean
	amount: number
	unit: DurationUnit
}

/** An administrator sets one target; complaints get it from their next clock on (running ones keep theirs). */
export async function updateTarget(db: Db, viewer: Viewer, input: TargetUpdate): Promise<void> {
	assertInSettings(viewer, 'administer:settings')
	if (!(CLOCK_KINDS as readonly string[]).includes(input.clock))
		throw new DomainValidationError('clock', 'validation:choose')
	if (!(DURATION_UNITS as readonly string[]).includes(input.unit))
		throw new DomainValidationError('unit', 'validation:choose')
	const max = TARGET_LIMITS[input.unit]
	if (!Number.isInteger(input.amount) || input.amount < 1 || input.amount > max)
		throw new DomainValidationError('amount', 'settings:validation.amountRange', { max })
	const data = { amount: input.amount, unit: input.unit, updatedById: viewer.userId }
	await db.serviceLevelTarget.upsert({
		where: { clock_keyAccount: { clock: input.clock, keyAccount: input.keyAccount } },
		create: { clock: input.clock, keyAccount: input.keyAccount, ...data },
		update: data,
	})
}

/** Targets in hours or calendar days run through nights, weekends and holidays. */
export function isWallClock(unit: DurationUnit): boolean {
	return unit === 'HOURS' || unit === 'DAYS'
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** `days` calendar days after `from` at the same local time in `zone` (a daylight-saving day is 23 or 25 h). */
function addCalendarDays(from: Date, days: number, zone: string): Date {
	const wall = from.getTime() + zoneOffset(from, zone) + days * DAY
	// the offset at the result may differ from the one at the start: correct once, then check
	let at = wall - zoneOffset(wall - zoneOffset(from, zone), zone)
	at = wall - zoneOffset(at, zone)
	return new Date(at)
}

/** When a clock with this target, started at `from`, runs out in the region's working time. */
export function dueAfter(from: Date, target: TargetDuration, calendar: WorkingCalendar, timeZone: string): Date {
	switch (target.unit) {
		case 'HOURS':
			return new Date(from.getTime() + target.amount * HOUR)
		case 'WORKING_HOURS':
			return addWorkingTime(from, { hours: target.amount }, calendar, timeZone)
		case 'WORKING_DAYS':
			return addWorkingTime(from, { days: target.amount }, calendar, timeZone)
		case 'DAYS':
			return addCalendarDays(from, target.amount, timeZone)
	}
}
