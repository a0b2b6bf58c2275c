import { randomUUID } from 'node:crypto'
import { canTransition } from '#app/domain/complaints/lifecycle.ts'
import { pauseClock, runningClock, type ServiceClock } from '#app/domain/complaints/service-level.ts'
import type {
	ComplaintStatus,
	CostBearer,
	MessageVisibility,
	RequestedRemedy,
	ServiceClockKind,
	SlaState,
} from '#app/generated/prisma/enums.ts'
import type { StoryStep } from './demo-data.ts'

/**
 * Plays a demo complaint's story into the rows the domain commands would have written: a
 * 'filed' event, then messages and events (reply, status_changed, note, customer_message,
 * resolution_proposed, resolution_accepted, escalated) and the complaint's clocks. Each status
 * change is checked against the lifecycle, so the demo never shows an impossible history.
 *
 * The clock that runs at the end of the story is a real one (runningClock with the configured
 * targets), and its state is what the SLA sweep (sla-sweep.server.ts), had it run every minute,
 * would have made of it by `now`: at risk or breached, with the sweep's internal events at the
 * instants it would have recorded them. The sweep then finds nothing left to move.
 */

export interface StoryInput {
	title: string
	status: ComplaintStatus
	createdAt: Date
	customerId: string
	filedById: string
	/** the region's working time with the targets for this customer (key account or not) */
	clock: ServiceClock
	story: readonly StoryStep[]
	/** a demo account's key to its user id */
	userId: (key: string) => string
	/** `daysAgo` days before the seed, at a local time in Shanghai */
	at: (daysAgo: number, hour: number, minute: number) => Date
	/** the moment of seeding: what the clocks are measured against */
	now: Date
}

export interface PlayedMessage {
	id: string
	authorId: string
	visibility: MessageVisibility
	body: string
	createdAt: Date
}

export interface PlayedEvent {
	actorId: string | null
	type: string
	fromStatus: ComplaintStatus | null
	toStatus: ComplaintStatus | null
	visibility: MessageVisibility
	data: Record<string, string | number> | undefined
	createdAt: Date
}

export interface PlayedStory {
	messages: PlayedMessage[]
	events: PlayedEvent[]
	complaint: {
		version: number
		updatedAt: Date
		customerUpdatedAt: Date
		firstResponseDueAt: Date
		firstRespondedAt: Date | null
		resolutionDueAt: Date | null
		resolutionType: RequestedRemedy | null
		resolutionSummary: string | null
		resolutionAmountMinor: number | null
		resolutionCurrency: string | null
		costBearer: CostBearer | null
		escalationLevel: number
		slaDueAt: Date | null
		slaAtRiskAt: Date | null
		slaState: SlaState
		slaStateChangedAt: Date
		closedAt: Date | null
		closeReason: 'COMPLETED' | null
		/** as writeVersioned keeps them (service-record.ts), for the reports */
		resolvedAt: Date | null
		slaBreachedAt: Date | null
	}
}

// What the company promises next after entering a status, by the configured targets (DESIGN.md §4).
const PROMISE_AFTER: Partial<Record<ComplaintStatus, (clock: ServiceClock, since: Date) => Date>> = {
	ACKNOWLEDGED: (clock, since) => clock.due('INITIAL_VERIFICATION', since),
	INVESTIGATING: (clock, since) => clock.due('RESOLUTION', since),
	ESCALATED: (clock, since) => clock.due('RESOLUTION', since),
	// parts have to be shipped and fitted: twice the resolution time
	RESOLVING: (clock, since) => clock.due('RESOLUTION', clock.due('RESOLUTION', since)),
}

// The clock each status runs on, as the commands start it (the kind decides how "at risk" is measured).
const CLOCK_OF: Partial<Record<ComplaintStatus, ServiceClockKind>> = {
	SUBMITTED: 'FIRST_RESPONSE',
	ACKNOWLEDGED: 'INITIAL_VERIFICATION',
	INVESTIGATING: 'RESOLUTION',
	ESCALATED: 'RESOLUTION',
	RESOLVING: 'RESOLUTION',
}

/**
 * The clock running in `status` since `since` (paused while waiting on the customer, none once
 * it is the customer's turn or the case is finished), and what the sweep would have made of it
 * by `now`, with the events it would have recorded.
 */
function clockAt(
	status: ComplaintStatus,
	since: Date,
	dueAt: Date | null,
	clock: ServiceClock,
	now: Date,
): {
	fields: Pick<PlayedStory['complaint'], 'slaDueAt' | 'slaAtRiskAt' | 'slaState' | 'slaStateChangedAt'>
	events: PlayedEvent[]
} {
	if (status === 'WAITING_ON_CUSTOMER') return { fields: pauseClock(since), events: [] }
	const kind = CLOCK_OF[status]
	const running = runningClock(kind ? dueAt : null, since, clock, kind)
	const { slaDueAt, slaAtRiskAt } = running
	if (!slaDueAt || !slaAtRiskAt || slaAtRiskAt > now) return { fields: running, events: [] }
	const data = { dueAt: slaDueAt.toISOString(), atRiskAt: slaAtRiskAt.toISOString() }
	const swept = (type: 'sla_at_risk' | 'sla_breached', at: Date): PlayedEvent => ({
		actorId: null,
		type,
		fromStatus: null,
		toStatus: null,
		visibility: 'INTERNAL',
		data,
		createdAt: at,
	})
	const atRisk = swept('sla_at_risk', slaAtRiskAt)
	if (slaDueAt > now)
		return { fields: { ...running, slaState: 'AT_RISK', slaStateChangedAt: slaAtRiskAt }, events: [atRisk] }
	return {
		fields: { ...running, slaState: 'BREACHED', slaStateChangedAt: slaDueAt },
		// a sweep every minute sees the 80 % mark before the deadline, unless they coincide
		events: slaAtRiskAt < slaDueAt ? [atRisk, swept('sla_breached', slaDueAt)] : [swept('sla_breached', slaDueAt)],
	}
}

export function playStory(input: StoryInput): PlayedStory {
	const { customerId, createdAt } = input
	const messages: PlayedMessage[] = []
	const events: PlayedEvent[] = [
		{
			actorId: input.filedById,
			type: 'filed',
			fromStatus: null,
			toStatus: 'SUBMITTED',
			visibility: 'PUBLIC',
			data: undefined,
			createdAt,
		},
	]
	let status: ComplaintStatus = 'SUBMITTED'
	let statusSince = createdAt
	let version = 1
	let updatedAt = createdAt
	let customerUpdatedAt = createdAt
	let firstRespondedAt: Date | null = null
	let resolution: StoryStep['resolution'] | null = null
	let escalationLevel = 0
	let resolvedAt: Date | null = null

	for (const step of input.story) {
		const when = input.at(step.daysAgo, ...step.at)
		if (when.getTime() <= updatedAt.getTime()) {
			throw new Error(`demo data: "${input.title}" has a step out of order at ${when.toISOString()}`)
		}
		if (when.getTime() >= input.now.getTime()) {
			throw new Error(`demo data: "${input.title}" has a step after the seed, at ${when.toISOString()}`)
		}
		const staff = () => {
			if (!step.by) throw new Error(`demo data: a ${step.kind} step of "${input.title}" has no author`)
			return input.userId(step.by)
		}
		const target = (): ComplaintStatus | null => {
			switch (step.kind) {
				case 'propose':
					return 'RESOLUTION_PROPOSED'
				case 'accept':
					return 'RESOLVING'
				case 'escalate':
					return 'ESCALATED'
				default:
					return step.to ?? null
			}
		}
		const to = target()
		if (to && !canTransition(status, to)) {
			throw new Error(`demo data: "${input.title}" cannot go from ${status} to ${to}`)
		}
		const noChange = { fromStatus: null, toStatus: null }
		const change = to ? { fromStatus: status, toStatus: to } : noChange
		const message = (authorId: string, visibility: MessageVisibility) => {
			if (!step.body) throw new Error(`demo data: a ${step.kind} step of "${input.title}" has no text`)
			const row = { id: randomUUID(), authorId, visibility, body: step.body, createdAt: when }
			messages.push(row)
			return row.id
		}
		const event = (
			type: string,
			actorId: string,
			visibility: MessageVisibility,
			data?: Record<string, string | number>,
			statusChange = change,
		) => events.push({ actorId, type, visibility, data, createdAt: when, ...statusChange })

		switch (step.kind) {
			case 'reply': {
				// as replyToCustomer writes it: one event for the reply and the status change it brought
				const authorId = staff()
				event('reply', authorId, 'PUBLIC', { messageId: message(authorId, 'PUBLIC') })
				firstRespondedAt ??= when
				break
			}
			case 'status':
				if (!to) throw new Error(`demo data: a status step of "${input.title}" has no target`)
				event('status_changed', staff(), 'PUBLIC')
				break
			case 'note':
			case 'partner-note': {
				const authorId = staff()
				const visibility = step.kind === 'note' ? 'INTERNAL' : 'PARTNER'
				event('note', authorId, visibility, { messageId: message(authorId, visibility) })
				break
			}
			case 'customer':
				event('customer_message', customerId, 'PUBLIC', { messageId: message(customerId, 'PUBLIC') })
				break
			case 'propose': {
				if (!step.resolution) throw new Error(`demo data: a proposal of "${input.title}" has no resolution`)
				resolution = step.resolution
				// as proposals.ts records an offered proposal: what, how much and who pays
				const { type, summary, amountMinor = 0, costBearer } = step.resolution
				event('resolution_proposed', staff(), 'PUBLIC', {
					type,
					summary,
					amountMinor,
					currency: 'CNY',
					...(costBearer ? { costBearer } : {}),
				})
				firstRespondedAt ??= when
				break
			}
			case 'accept':
				event('resolution_accepted', customerId, 'PUBLIC')
				break
			case 'escalate':
				if (!step.body) throw new Error(`demo data: an escalation of "${input.title}" has no reason`)
				event('escalated', customerId, 'PUBLIC', { reason: step.body })
				escalationLevel++
				break
		}
		if (to) {
			status = to
			statusSince = when
			version++
			if (to === 'RESOLVED' || to === 'REJECTED') resolvedAt = when
			else if (to !== 'CLOSED') resolvedAt = null
		}
		updatedAt = when
		if (step.kind !== 'note' && step.kind !== 'partner-note') customerUpdatedAt = when
	}
	if (status !== input.status) {
		throw new Error(`demo data: the story of "${input.title}" ends at ${status}, not ${input.status}`)
	}
	const promise = PROMISE_AFTER[status]
	const firstResponseDueAt = input.clock.due('FIRST_RESPONSE', createdAt)
	const resolutionDueAt = promise ? promise(input.clock, statusSince) : null
	const sla = clockAt(
		status,
		statusSince,
		status === 'SUBMITTED' ? firstResponseDueAt : resolutionDueAt,
		input.clock,
		input.now,
	)
	return {
		messages,
		// the sweep's events do not move `updatedAt` (an SLA state is bookkeeping, not an edit)
		events: [...events, ...sla.events],
		complaint: {
			version,
			updatedAt,
			customerUpdatedAt,
			firstResponseDueAt,
			firstRespondedAt,
			resolutionDueAt,
			resolutionType: resolution?.type ?? null,
			resolutionSummary: resolution?.summary ?? null,
			resolutionAmountMinor: resolution ? (resolution.amountMinor ?? 0) : null,
			resolutionCurrency: resolution ? 'CNY' : null,
			costBearer: resolution?.costBearer ?? null,
			escalationLevel,
			...sla.fields,
			closedAt: status === 'CLOSED' ? updatedAt : null,
			closeReason: status === 'CLOSED' ? 'COMPLETED' : null,
			resolvedAt,
			slaBreachedAt: sla.fields.slaState === 'BREACHED' ? sla.fields.slaDueAt : null,
		},
	}
}
