import type { ComplaintStatus } from '#app/generated/prisma/enums.ts'

/**
 * The complaint lifecycle of DESIGN.md §3: which status may follow which, what the customer
 * may do in each, and who the case is waiting for. Pure data and functions, shared by the
 * portal, the (later) staff console and GraphQL.
 */

export const STATUSES = [
	'SUBMITTED',
	'ACKNOWLEDGED',
	'INVESTIGATING',
	'WAITING_ON_CUSTOMER',
	'RESOLUTION_PROPOSED',
	'RESOLVING',
	'RESOLVED',
	'REJECTED',
	'ESCALATED',
	'CLOSED',
] as const satisfies readonly ComplaintStatus[]

/** Staff-driven transitions; the customer's own actions below use a subset. */
export const TRANSITIONS: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
	SUBMITTED: ['ACKNOWLEDGED', 'REJECTED', 'CLOSED'],
	ACKNOWLEDGED: ['INVESTIGATING', 'WAITING_ON_CUSTOMER', 'REJECTED', 'CLOSED'],
	INVESTIGATING: ['WAITING_ON_CUSTOMER', 'RESOLUTION_PROPOSED', 'REJECTED', 'CLOSED'],
	WAITING_ON_CUSTOMER: ['INVESTIGATING', 'CLOSED'],
	RESOLUTION_PROPOSED: ['RESOLVING', 'ESCALATED', 'INVESTIGATING', 'CLOSED'],
	RESOLVING: ['RESOLVED', 'ESCALATED'],
	RESOLVED: ['CLOSED', 'ESCALATED'],
	REJECTED: ['ESCALATED', 'CLOSED'],
	ESCALATED: ['INVESTIGATING', 'RESOLUTION_PROPOSED', 'RESOLVING', 'REJECTED'],
	CLOSED: ['INVESTIGATING'],
}

export function canTransition(from: ComplaintStatus, to: ComplaintStatus): boolean {
	return TRANSITIONS[from].includes(to)
}

/** Statuses in which the case is finished from the customer's side. */
export const FINISHED: readonly ComplaintStatus[] = ['RESOLVED', 'REJECTED', 'CLOSED']

export type CustomerAction = 'add-information' | 'accept-resolution' | 'dispute-resolution' | 'withdraw' | 'escalate'

/** Which of the customer's actions the status allows (permission is checked separately). */
export function customerActionsIn(status: ComplaintStatus): CustomerAction[] {
	const actions: CustomerAction[] = []
	if (status !== 'CLOSED') actions.push('add-information')
	if (status === 'RESOLUTION_PROPOSED') actions.push('accept-resolution', 'dispute-resolution')
	// once resolved or rejected there is nothing left to withdraw; escalate instead
	if (!['RESOLVED', 'REJECTED', 'CLOSED', 'RESOLVING'].includes(status)) actions.push('withdraw')
	// a proposal is disputed, not escalated; a fresh case is given its first response first
	if (['ACKNOWLEDGED', 'INVESTIGATING', 'WAITING_ON_CUSTOMER', 'RESOLVING', 'RESOLVED', 'REJECTED'].includes(status))
		actions.push('escalate')
	return actions
}

export type WaitingOn = 'company' | 'customer' | 'nobody'

/** Who the next move belongs to: shown in My complaints ("waiting for you" / "for us"). */
export function waitingOn(status: ComplaintStatus): WaitingOn {
	switch (status) {
		case 'WAITING_ON_CUSTOMER':
		case 'RESOLUTION_PROPOSED':
			return 'customer'
		case 'RESOLVED':
		case 'REJECTED':
		case 'CLOSED':
			return 'nobody'
		default:
			return 'company'
	}
}
