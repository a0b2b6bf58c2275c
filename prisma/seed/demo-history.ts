import { randomUUID } from 'node:crypto'
import { canTransition } from '#app/domain/complaints/lifecycle.ts'
import type { ServiceClock } from '#app/domain/complaints/service-level.ts'
import type { ComplaintStatus, MessageVisibility, RequestedRemedy } from '#app/generated/prisma/enums.ts'
import type { StoryStep } from './demo-data.ts'

/**
 * Plays a demo complaint's story into the rows the domain commands would have written: a
 * 'filed' event, then messages and events (reply, status_changed, note, customer_message,
 * resolution_proposed, resolution_accepted, escalated) and the complaint's clocks. Each status
 * change is checked against the lifecycle, so the demo never shows an impossible history.
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
	data: Record<string, string> | undefined
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
		escalationLevel: number
		closedAt: Date | null
		closeReason: 'COMPLETED' | null
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
	let resolution: { type: RequestedRemedy; summary: string } | null = null
	let escalationLevel = 0

	for (const step of input.story) {
		const when = input.at(step.daysAgo, ...step.at)
		if (when.getTime() <= updatedAt.getTime()) {
			throw new Error(`demo data: "${input.title}" has a step out of order at ${when.toISOString()}`)
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
			data?: Record<string, string>,
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
				event('resolution_proposed', staff(), 'PUBLIC', { ...step.resolution })
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
		}
		updatedAt = when
		if (step.kind !== 'note' && step.kind !== 'partner-note') customerUpdatedAt = when
	}
	if (status !== input.status) {
		throw new Error(`demo data: the story of "${input.title}" ends at ${status}, not ${input.status}`)
	}
	const promise = PROMISE_AFTER[status]
	return {
		messages,
		events,
		complaint: {
			version,
			updatedAt,
			customerUpdatedAt,
			firstResponseDueAt: input.clock.due('FIRST_RESPONSE', createdAt),
			firstRespondedAt,
			resolutionDueAt: promise ? promise(input.clock, statusSince) : null,
			resolutionType: resolution?.type ?? null,
			resolutionSummary: resolution?.summary ?? null,
			escalationLevel,
			closedAt: status === 'CLOSED' ? updatedAt : null,
			closeReason: status === 'CLOSED' ? 'COMPLETED' : null,
		},
	}
}
