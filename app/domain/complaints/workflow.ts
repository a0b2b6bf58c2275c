import type { ComplaintCategory, ComplaintStatus, Responsibility, StaffRole } from '#app/generated/prisma/enums.ts'
import type { Viewer } from '../viewer.ts'
import { can, type ComplaintAction, type ComplaintOwnership } from './permissions.ts'

/**
 * The staff side of the lifecycle (DESIGN.md §3) as one table: for each action, the statuses it
 * may start from and the status it leads to, plus the few rules that depend on more than the
 * status. Commands call `assertAllowed` before writing; the case page and GraphQL call
 * `availableActions` to offer exactly what a command would accept, so the two cannot disagree.
 */

export const STAFF_ACTIONS = [
	'acknowledge',
	'route',
	'investigate',
	'request-information',
	'record-finding',
	'determine-responsibility',
	'propose-resolution',
	'decide-approval',
	'resolve',
	'reject',
	'escalate',
	'close',
	'reopen',
	'reply',
	'note',
] as const satisfies readonly ComplaintAction[]
export type StaffAction = (typeof STAFF_ACTIONS)[number]

const OPEN: readonly ComplaintStatus[] = [
	'SUBMITTED',
	'ACKNOWLEDGED',
	'INVESTIGATING',
	'WAITING_ON_CUSTOMER',
	'RESOLUTION_PROPOSED',
	'RESOLVING',
	'RESOLVED',
	'REJECTED',
	'ESCALATED',
]

export interface ActionRule {
	/** statuses the action may start from */
	from: readonly ComplaintStatus[]
	/** the status it leads to; null when the status stays (notes, routing, findings) */
	to: ComplaintStatus | null
}

export const ACTION_RULES: Record<StaffAction, ActionRule> = {
	// the first written response to the customer (first-response clock)
	acknowledge: { from: ['SUBMITTED'], to: 'ACKNOWLEDGED' },
	// to the responsible department and a person (004 §5.3.1)
	route: { from: OPEN, to: null },
	// start, or resume after the customer answered, or take up again after escalation
	investigate: { from: ['ACKNOWLEDGED', 'WAITING_ON_CUSTOMER', 'ESCALATED'], to: 'INVESTIGATING' },
	// a public question to the customer; the clock pauses until they answer
	'request-information': { from: ['ACKNOWLEDGED', 'INVESTIGATING', 'ESCALATED'], to: 'WAITING_ON_CUSTOMER' },
	// on-site visit or sample (000 (三)1(6)), with evidence photos
	'record-finding': { from: ['ACKNOWLEDGED', 'INVESTIGATING', 'WAITING_ON_CUSTOMER', 'ESCALATED'], to: null },
	'determine-responsibility': { from: ['INVESTIGATING', 'ESCALATED'], to: null },
	// leads to RESOLUTION_PROPOSED, or waits for approvals first (then the status stays)
	'propose-resolution': { from: ['INVESTIGATING', 'ESCALATED'], to: 'RESOLUTION_PROPOSED' },
	'decide-approval': { from: ['INVESTIGATING', 'ESCALATED'], to: null },
	// the accepted resolution was carried out; a written reply is required
	resolve: { from: ['RESOLVING'], to: 'RESOLVED' },
	// not our responsibility: written reason and the recorded finding
	reject: { from: ['INVESTIGATING', 'ESCALATED'], to: 'REJECTED' },
	// to HQ (004 §5.6.1)
	escalate: {
		from: ['INVESTIGATING', 'WAITING_ON_CUSTOMER', 'RESOLUTION_PROPOSED', 'RESOLVING', 'RESOLVED', 'REJECTED'],
		to: 'ESCALATED',
	},
	close: { from: ['RESOLVED', 'REJECTED'], to: 'CLOSED' },
	reopen: { from: ['CLOSED'], to: 'INVESTIGATING' },
	// a new complaint's first written reply is its acknowledgement (the first-response clock)
	reply: { from: OPEN.filter((s) => s !== 'SUBMITTED'), to: null },
	note: { from: [...OPEN, 'CLOSED'], to: null },
}

/** A closed case can be reopened for this long after it was closed (DESIGN.md §3). */
export const REOPEN_WINDOW_DAYS = 30

/** Responsibility findings that let staff reject the complaint with a written reason. */
export const REJECTABLE_RESPONSIBILITY: readonly Responsibility[] = [
	'NOT_COMPANY',
	'CUSTOMER_MISUSE',
	'TRANSPORT_DAMAGE',
	'DEALER',
]

/** What the rules need to know about a complaint beyond who it belongs to. */
export interface WorkflowState extends ComplaintOwnership {
	status: ComplaintStatus
	category: ComplaintCategory
	responsibility: Responsibility | null
	closedAt: Date | null
	/** the role whose approval a pending proposal waits for; null when none waits */
	pendingApproverRole: StaffRole | null
}

/**
 * Why an action is refused, as a code clients can act on (GraphQL `userErrors.code`, the
 * portal's message key `staff:refusal.<code>`).
 */
export type Refusal =
	| 'NOT_PERMITTED'
	| 'WRONG_STATUS'
	/** 000 (七)2: no proposal before responsibility is recorded */
	| 'RESPONSIBILITY_REQUIRED'
	/** product-quality responsibility is decided by the quality department (DESIGN.md §5) */
	| 'QUALITY_DECIDES'
	| 'NOT_REJECTABLE'
	| 'APPROVAL_PENDING'
	| 'NO_PENDING_APPROVAL'
	/** a proposal waits for an approval, but from another role */
	| 'NOT_YOUR_APPROVAL'
	| 'REOPEN_WINDOW_PASSED'

export function refusalOf(
	viewer: Viewer,
	complaint: WorkflowState,
	action: StaffAction,
	now: Date = new Date(),
): Refusal | null {
	// customers hold 'escalate' too, for their own escalation (customer-actions.ts); the staff
	// workflow is never theirs
	if (viewer.kind === 'CUSTOMER' || !can(viewer, action, complaint)) return 'NOT_PERMITTED'
	if (!ACTION_RULES[action].from.includes(complaint.status)) return 'WRONG_STATUS'
	switch (action) {
		case 'determine-responsibility':
			if (complaint.category === 'PRODUCT_QUALITY' && viewer.staffRole !== 'QUALITY_ENGINEER') return 'QUALITY_DECIDES'
			// a proposal waiting for approval rests on the recorded responsibility: decide it first
			if (complaint.pendingApproverRole) return 'APPROVAL_PENDING'
			return null
		case 'propose-resolution':
			if (complaint.pendingApproverRole) return 'APPROVAL_PENDING'
			if (!complaint.responsibility) return 'RESPONSIBILITY_REQUIRED'
			return null
		case 'decide-approval':
			if (!complaint.pendingApproverRole) return 'NO_PENDING_APPROVAL'
			return complaint.pendingApproverRole === viewer.staffRole ? null : 'NOT_YOUR_APPROVAL'
		case 'reject':
			// else the approvers would be left with a pending approval on a rejected case
			if (complaint.pendingApproverRole) return 'APPROVAL_PENDING'
			if (!complaint.responsibility) return 'RESPONSIBILITY_REQUIRED'
			return REJECTABLE_RESPONSIBILITY.includes(complaint.responsibility) ? null : 'NOT_REJECTABLE'
		case 'reopen': {
			const closedAt = complaint.closedAt?.getTime() ?? 0
			return now.getTime() - closedAt <= REOPEN_WINDOW_DAYS * 86_400_000 ? null : 'REOPEN_WINDOW_PASSED'
		}
		default:
			return null
	}
}

/** The staff actions the viewer may take on the complaint now. */
export function availableActions(viewer: Viewer, complaint: WorkflowState, now: Date = new Date()): StaffAction[] {
	return STAFF_ACTIONS.filter((action) => refusalOf(viewer, complaint, action, now) === null)
}
