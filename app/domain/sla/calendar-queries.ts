import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import { NotFoundError } from '../errors.ts'
import { buildWorkingCalendar, type WorkingCalendar, type WorkingHours } from './calendar.ts'

/** The zone of the national calendar and of regions that set none (DESIGN.md §4). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

export interface RegionCalendar {
	/** the region's IANA time zone */
	timeZone: string
	calendar: WorkingCalendar
}

/**
 * A region's working calendar: the national rows (regionId null) with the region's own rows
 * overriding them date by date, in the region's time zone. `regionId` null gives the national
 * calendar in Asia/Shanghai. NotFoundError('region') for an unknown region.
 */
export async function loadRegionCalendar(
	db: PrismaClient | Prisma.TransactionClient,
	regionId: string | null,
	options: { hours?: WorkingHours } = {},
): Promise<RegionCalendar> {
	let timeZone = DEFAULT_TIME_ZONE
	if (regionId !== null) {
		const region = await db.region.findUnique({ where: { id: regionId }, select: { timeZone: true } })
		if (!region) throw new NotFoundError('region')
		timeZone = region.timeZone
	}
	const rows = await db.calendarDay.findMany({
		where: { OR: [{ regionId: null }, ...(regionId === null ? [] : [{ regionId }])] },
		select: { regionId: true, date: true, kind: true, name: true },
		orderBy: { date: 'asc' },
	})
	return { timeZone, calendar: buildWorkingCalendar(rows, { hours: options.hours, regionId }) }
}
