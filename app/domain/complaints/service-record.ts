import type { Prisma } from '#app/generated/prisma/client.ts'
import type { ComplaintStatus } from '#app/generated/prisma/enums.ts'

/**
 * What the reports (app/domain/reports/) need to know about a complaint's service after its
 * clocks have moved on, kept on the row as the commands write it:
 *
 * - `resolvedAt`: when the company gave its final answer (RESOLVED or REJECTED). Closing keeps
 *   it; any move back into the work (reopened, escalated after the answer) clears it, so that a
 *   case counts as answered only while it is.
 * - `slaBreachedAt`: the due time of the first promise that ran out before its step was done.
 *   The commands replace the running clock (`slaDueAt`) whenever a step is done, the customer is
 *   waited on or a new promise is made; a clock replaced after its due time had passed was not
 *   kept. A step done exactly at the due time keeps it, as the first-response clock counts it
 *   (case-view.ts clocksOf). Never cleared: a later promise kept does not undo a broken one.
 *
 * The promises are measured in the region's working time already (clock.ts computes every due
 * time from the calendar and the configured targets), so comparing instants here is the
 * working-time comparison.
 */

export const ANSWERED_STATUSES = ['RESOLVED', 'REJECTED'] as const satisfies readonly ComplaintStatus[]

export interface ServiceRecordBefore {
	status: ComplaintStatus
	slaDueAt: Date | null
	slaBreachedAt: Date | null
	resolvedAt: Date | null
}

export interface ServiceRecordChange {
	resolvedAt?: Date | null
	slaBreachedAt?: Date
}

const isAnswered = (status: ComplaintStatus) => (ANSWERED_STATUSES as readonly string[]).includes(status)

/** The bookkeeping columns a change to the complaint implies, at `now`. */
export function serviceRecordOf(
	before: ServiceRecordBefore,
	change: Prisma.ComplaintUpdateManyMutationInput,
	now: Date,
): ServiceRecordChange {
	const record: ServiceRecordChange = {}
	const to = typeof change.status === 'string' ? change.status : undefined
	if (to !== undefined && to !== before.status) {
		if (isAnswered(to)) record.resolvedAt = now
		else if (to !== 'CLOSED' && before.resolvedAt !== null) record.resolvedAt = null
	}
	const clockReplaced = 'slaDueAt' in change && change.slaDueAt !== undefined
	if (clockReplaced && before.slaDueAt && !before.slaBreachedAt && now.getTime() > before.slaDueAt.getTime())
		record.slaBreachedAt = before.slaDueAt
	return record
}
