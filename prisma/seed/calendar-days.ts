import type { CalendarDayKind, CalendarDayRow } from '#app/domain/sla/calendar.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'

/**
 * The national (mainland China) working calendar as data: public holidays that fall on weekdays
 * and make-up working days (调休) on weekends, as published by the General Office of the State
 * Council (国务院办公厅关于2026年部分节假日安排的通知, 国办发明电〔2025〕7号). Weekend days inside a
 * holiday are already days off and are not rows. Staff can edit the rows afterwards (DESIGN.md §4).
 *
 * 2027: added here when the State Council publishes its notice (usually in November of the year
 * before); until then 2027 counts as a plain Monday-to-Friday week.
 */

interface Holiday {
	name: string
	/** first and last day off, inclusive ('YYYY-MM-DD') */
	from: string
	to: string
	/** weekend days that are working days instead (调休上班) */
	makeUpDays: string[]
}

export const CHINA_HOLIDAYS: Record<number, Holiday[]> = {
	2026: [
		// 1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
		{ name: '元旦', from: '2026-01-01', to: '2026-01-03', makeUpDays: ['2026-01-04'] },
		// 2月15日（腊月二十八、周日）至23日（正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
		{ name: '春节', from: '2026-02-15', to: '2026-02-23', makeUpDays: ['2026-02-14', '2026-02-28'] },
		// 4月4日（周六）至6日（周一）放假，共3天。
		{ name: '清明节', from: '2026-04-04', to: '2026-04-06', makeUpDays: [] },
		// 5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
		{ name: '劳动节', from: '2026-05-01', to: '2026-05-05', makeUpDays: ['2026-05-09'] },
		// 6月19日（周五）至21日（周日）放假，共3天。
		{ name: '端午节', from: '2026-06-19', to: '2026-06-21', makeUpDays: [] },
		// 9月25日（周五）至27日（周日）放假，共3天。
		{ name: '中秋节', from: '2026-09-25', to: '2026-09-27', makeUpDays: [] },
		// 10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
		{ name: '国庆节', from: '2026-10-01', to: '2026-10-07', makeUpDays: ['2026-09-20', '2026-10-10'] },
	],
}

const isWeekend = (date: Date) => date.getUTCDay() === 0 || date.getUTCDay() === 6

/** The national rows (regionId null) of the years in CHINA_HOLIDAYS, sorted by date. */
export function chinaCalendarDays(): Array<CalendarDayRow & { date: string }> {
	const rows: Array<CalendarDayRow & { date: string; kind: CalendarDayKind }> = []
	for (const holidays of Object.values(CHINA_HOLIDAYS)) {
		for (const holiday of holidays) {
			const last = new Date(`${holiday.to}T00:00:00Z`)
			for (let day = new Date(`${holiday.from}T00:00:00Z`); day <= last; day.setUTCDate(day.getUTCDate() + 1)) {
				if (isWeekend(day)) continue
				rows.push({ regionId: null, date: day.toISOString().slice(0, 10), kind: 'DAY_OFF', name: holiday.name })
			}
			for (const date of holiday.makeUpDays) {
				if (!isWeekend(new Date(`${date}T00:00:00Z`))) throw new Error(`Make-up day ${date} is not a weekend day`)
				rows.push({ regionId: null, date, kind: 'WORKING_DAY', name: `${holiday.name}调休上班` })
			}
		}
	}
	return rows.sort((a, b) => a.date.localeCompare(b.date))
}

/**
 * Writes the national rows of each year that has none yet. A year with national rows is the
 * administrators' to edit (the console's calendar settings): its rows are left alone and a day
 * they removed is not written back, so a second run changes nothing. (`skipDuplicates` cannot
 * do this: PostgreSQL's unique index treats every null regionId as distinct.) Returns how many
 * rows were written.
 */
export async function seedCalendarDays(tx: Prisma.TransactionClient): Promise<number> {
	const rows = chinaCalendarDays()
	if (rows.length === 0) return 0
	// instances starting together take turns, so the second finds the rows instead of a unique violation
	await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707370)`
	const existing = await tx.calendarDay.findMany({
		where: {
			regionId: null,
			date: { gte: new Date(`${rows[0]!.date}T00:00:00Z`), lte: new Date(`${rows.at(-1)!.date}T00:00:00Z`) },
		},
		select: { date: true },
	})
	const seededYears = new Set(existing.map((row) => row.date.toISOString().slice(0, 4)))
	const missing = rows.filter((row) => !seededYears.has(row.date.slice(0, 4)))
	if (missing.length === 0) return 0
	const { count } = await tx.calendarDay.createMany({
		data: missing.map((row) => ({
			regionId: null,
			date: new Date(`${row.date}T00:00:00Z`),
			kind: row.kind,
			name: row.name,
		})),
	})
	return count
}
