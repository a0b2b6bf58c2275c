import type { ComplaintStatus, ServiceClockKind } from '#app/generated/prisma/enums.ts'
import { waitingOn, type WaitingOn } from './lifecycle.ts'

/**
 * Service-level clocks of DESIGN.md §4, and how they read to a customer. The targets are
 * configuration (ServiceLevelTarget rows, app/domain/sla/targets.ts) and the working time is the
 * region's calendar (holidays and make-up days); a command gets both from `serviceClockFor`
 * (clock.ts) as a ServiceClock.
 */

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
 * Working time where the complaint is handled, with the configured targets: its region's
 * calendar and time zone (clock.ts builds it from CalendarDay and ServiceLevelTarget rows).
 * Without one, the at-risk instant falls back to wall time.
 */
export interface ServiceClock {
	addWorkingDays(from: Date, days: number): Date
	/**
	 * When 80 % of the clock's time from `start` to `due` has passed: of its working time, or of
	 * wall-clock time for a clock `kind` whose target is in hours or calendar days (a first
	 * response in 24 h is at risk after 19.2 h, nights included).
	 */
	atRisk(start: Date, due: Date, kind?: ServiceClockKind): Date
	/** when the clock `kind` started at `from` runs out, by the configured target */
	due(kind: ServiceClockKind, from: Date): Date
	/**
	 * A paused promise resumed at `now`: the working time that was left at `pausedAt` runs again
	 * from `now`, so a pause over a weekend or a holiday costs the company nothing and gives it
	 * nothing either.
	 */
	resumed(due: Date, pausedAt: Date, now: Date): Date
}

/** From this share of a clock's time on, the case is "at risk" (DESIGN.md §4). */
export const AT_RISK_FRACTION = 0.8

/**
 * The columns the SLA sweep reads for the clock that runs from `startedAt` to `dueAt` (or for no
 * clock, when `dueAt` is null); at risk once 80 % of the clock's time has passed (see
 * ServiceClock.atRisk; `kind` says which clock it is).
 */
export function runningClock(dueAt: Date | null, startedAt: Date, clock?: ServiceClock, kind?: ServiceClockKind) {
	return {
		slaDueAt: dueAt,
		slaAtRiskAt: dueAt
			? (clock?.atRisk(startedAt, dueAt, kind) ??
				new Date(startedAt.getTime() + AT_RISK_FRACTION * (dueAt.getTime() - startedAt.getTime())))
			: null,
		slaState: 'ON_TRACK' as const,
		slaStateChangedAt: startedAt,
	}
}

/** A new promise to the customer: the date they see, and the clock behind it. */
export function promiseBy(dueAt: Date | null, now: Date, clock?: ServiceClock, kind?: ServiceClockKind) {
	return { resolutionDueAt: dueAt, ...runningClock(dueAt, now, clock, kind) }
}

/** Waiting on the customer stops the clock; `slaStateChangedAt` remembers since when. */
export function pauseClock(now: Date) {
	return { slaDueAt: null, slaAtRiskAt: null, slaState: 'ON_TRACK' as const, slaStateChangedAt: now }
}

/** Back from waiting on the customer: the promise keeps the working time it had left. */
export function resumeClock(
	complaint: { resolutionDueAt: Date | null; slaStateChangedAt: Date | null },
	now: Date,
	clock?: ServiceClock,
) {
	if (!complaint.resolutionDueAt) return {}
	const pausedAt = complaint.slaStateChangedAt ?? now
	const due = clock
		? clock.resumed(complaint.resolutionDueAt, pausedAt, now)
		: new Date(complaint.resolutionDueAt.getTime() + Math.max(0, now.getTime() - pausedAt.getTime()))
	return { resolutionDueAt: due, ...runningClock(due, now, clock) }
}
