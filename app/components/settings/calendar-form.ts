import * as z from 'zod'
import { encodeMessage } from '#app/components/filing/messages.tsx'
import { CALENDAR_NAME_MAX } from '#app/domain/sla/calendar-admin.ts'

/**
 * Adding an entry to the holiday calendar. Whether the date suits the kind (a day off on a
 * weekday, a working day on a weekend, nothing there yet) needs the calendar: the command checks
 * it and answers next to the date.
 */
export const CalendarDayFormSchema = z.object({
	/** empty: the national calendar */
	regionId: z.string().optional(),
	date: z
		.string({ error: 'validation:required' })
		.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'settings:validation.dateInvalid' }),
	kind: z.enum(['DAY_OFF', 'WORKING_DAY'], { error: 'validation:choose' }),
	name: z
		.string({ error: 'validation:required' })
		.trim()
		.min(1, { error: 'validation:required' })
		.max(CALENDAR_NAME_MAX, {
			error: encodeMessage('settings:validation.calendarNameTooLong', { max: CALENDAR_NAME_MAX }),
		}),
})
