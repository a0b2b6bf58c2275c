import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import { loadRegionCalendar } from '../sla/calendar-queries.ts'
import { addWorkingTime, atRiskInstant } from '../sla/working-time.ts'
import { AT_RISK_FRACTION, type ServiceClock } from './service-level.ts'

/**
 * The service-level clock of a complaint's region: working days in its time zone, skipping
 * weekends and its holidays and counting make-up working days (CalendarDay rows), so that a
 * promise made before the National Day week lands after it.
 */
export async function serviceClockFor(
	db: PrismaClient | Prisma.TransactionClient,
	regionId: string | null,
): Promise<ServiceClock> {
	const { calendar, timeZone } = await loadRegionCalendar(db, regionId)
	return {
		addWorkingDays: (from, days) => addWorkingTime(from, { days }, calendar, timeZone),
		atRisk: (start, due) => atRiskInstant(start, due, calendar, timeZone, AT_RISK_FRACTION),
	}
}
