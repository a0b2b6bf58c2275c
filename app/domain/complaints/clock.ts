import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import { loadRegionCalendar } from '../sla/calendar-queries.ts'
import { dueAfter, isWallClock, loadTargets } from '../sla/targets.ts'
import { addWorkingTime, atRiskInstant, workingTimeBetween } from '../sla/working-time.ts'
import { AT_RISK_FRACTION, type ServiceClock } from './service-level.ts'

/**
 * The service-level clock of a complaint: its region's working time (time zone, weekends,
 * holidays and make-up working days from CalendarDay rows, so that a promise made before the
 * National Day week lands after it) and the configured targets (ServiceLevelTarget rows), the
 * key-account ones for a key account's complaint. Built per command, so that a target or a
 * holiday an administrator changed applies from the next clock on.
 */
export async function serviceClockFor(
	db: PrismaClient | Prisma.TransactionClient,
	regionId: string | null,
	{ keyAccount }: { keyAccount: boolean },
): Promise<ServiceClock> {
	const { calendar, timeZone } = await loadRegionCalendar(db, regionId)
	const targets = await loadTargets(db)
	return {
		addWorkingDays: (from, days) => addWorkingTime(from, { days }, calendar, timeZone),
		atRisk: (start, due, kind) =>
			kind && isWallClock(targets.of(kind, keyAccount).unit)
				? new Date(start.getTime() + AT_RISK_FRACTION * (due.getTime() - start.getTime()))
				: atRiskInstant(start, due, calendar, timeZone, AT_RISK_FRACTION),
		due: (kind, from) => dueAfter(from, targets.of(kind, keyAccount), calendar, timeZone),
		resumed: (due, pausedAt, now) =>
			addWorkingTime(
				now,
				{ hours: workingTimeBetween(pausedAt, due, calendar, timeZone) / 3_600_000 },
				calendar,
				timeZone,
			),
	}
}
