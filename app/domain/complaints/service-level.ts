import type { ComplaintStatus } from '#app/generated/prisma/enums.ts'
import { waitingOn, type WaitingOn } from './lifecycle.ts'

/**
 * Service-level clocks of DESIGN.md §4, and how they read to a customer. Targets are here as
 * defaults; the staff issue moves them into configuration with the working-day calendar
 * (holidays and make-up days). Until then working days skip Saturdays and Sundays only.
 */
export const SERVICE_LEVELS = {
	firstResponseHours: 24,
	firstResponseHoursKeyAccount: 4,
	initialVerificationWorkingDays: 3,
	resolutionWorkingDays: 5,
} as const

const HOUR = 3_600_000
const DAY = 24 * HOUR

export function firstResponseDue(filedAt: Date, isKeyAccount: boolean): Date {
	const hours = isKeyAccount ? SERVICE_LEVELS.firstResponseHoursKeyAccount : SERVICE_LEVELS.firstResponseHours
	return new Date(filedAt.getTime() + hours * HOUR)
}

function weekdayIn(at: Date, timeZone: string): number {
	const name = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(at)
	return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(name)
}

/** `days` working days after `from`, at the same time of day, skipping weekends in `timeZone`. */
export function addWorkingDays(from: Date, days: number, timeZone = 'Asia/Shanghai'): Date {
	let at = from
	let left = days
	while (left > 0) {
		at = new Date(at.getTime() + DAY)
		const weekday = weekdayIn(at, timeZone)
		if (weekday !== 0 && weekday !== 6) left--
	}
	return at
}

export interface ClockedComplaint {
	status: ComplaintStatus
	firstResponseDueAt: Date | null
	firstRespondedAt: Date | null
	resolutionDueAt: Date | null
}

export interface NextStep {
	/** i18n key under `complaints:nextStep.*`: what happens next, in the customer's words */
	key: ComplaintStatus
	/** the date the company promised it by, or null when nothing is promised */
	dueAt: Date | null
	waitingOn: WaitingOn
	/** the promise has passed without the step happening */
	overdue: boolean
}

export function nextStep(complaint: ClockedComplaint, now = new Date()): NextStep {
	let dueAt: Date | null = null
	switch (complaint.status) {
		case 'SUBMITTED':
			dueAt = complaint.firstRespondedAt ? null : complaint.firstResponseDueAt
			break
		case 'ACKNOWLEDGED':
		case 'INVESTIGATING':
		case 'RESOLVING':
		case 'ESCALATED':
			dueAt = complaint.resolutionDueAt
			break
	}
	return {
		key: complaint.status,
		dueAt,
		waitingOn: waitingOn(complaint.status),
		overdue: dueAt !== null && dueAt.getTime() < now.getTime(),
	}
}

/**
 * Working time where the complaint is handled: its region's calendar and time zone
 * (clock.ts builds it from CalendarDay rows). Without one, dates fall back to the weekday rule
 * above and the at-risk instant to wall time.
 */
export interface ServiceClock {
	addWorkingDays(from: Date, days: number): Date
	atRisk(start: Date, due: Date): Date
}

/** From this share of a clock's time on, the case is "at risk" (DESIGN.md §4). */
export const AT_RISK_FRACTION = 0.8

/**
 * The columns the SLA sweep reads for the clock that runs from `startedAt` to `dueAt` (or for no
 * clock, when `dueAt` is null); at risk once 80 % of the clock's working time has passed.
 */
export function runningClock(dueAt: Date | null, startedAt: Date, clock?: ServiceClock) {
	return {
		slaDueAt: dueAt,
		slaAtRiskAt: dueAt
			? (clock?.atRisk(startedAt, dueAt) ??
				new Date(startedAt.getTime() + AT_RISK_FRACTION * (dueAt.getTime() - startedAt.getTime())))
			: null,
		slaState: 'ON_TRACK' as const,
		slaStateChangedAt: startedAt,
	}
}

/** A new promise to the customer: the date they see, and the clock behind it. */
export function promiseBy(dueAt: Date | null, now: Date, clock?: ServiceClock) {
	return { resolutionDueAt: dueAt, ...runningClock(dueAt, now, clock) }
}

/** Waiting on the customer stops the clock; `slaStateChangedAt` remembers since when. */
export function pauseClock(now: Date) {
	return { slaDueAt: null, slaAtRiskAt: null, slaState: 'ON_TRACK' as const, slaStateChangedAt: now }
}

/** Back from waiting on the customer: the promise moves by the time the clock was paused. */
export function resumeClock(
	complaint: { resolutionDueAt: Date | null; slaStateChangedAt: Date | null },
	now: Date,
	clock?: ServiceClock,
) {
	if (!complaint.resolutionDueAt) return {}
	const paused = complaint.slaStateChangedAt ? Math.max(0, now.getTime() - complaint.slaStateChangedAt.getTime()) : 0
	const due = new Date(complaint.resolutionDueAt.getTime() + paused)
	return { resolutionDueAt: due, ...runningClock(due, now, clock) }
}
