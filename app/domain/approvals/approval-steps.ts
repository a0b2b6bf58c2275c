import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import { StaffRole, type ApprovalDecision, type ProposalStatus } from '#app/generated/prisma/enums.ts'
import { InvalidListArgumentError } from '../complaints/complaint-connection.ts'
import { complaintVisibleTo } from '../complaints/permissions.ts'
import { refusalOf } from '../complaints/workflow.ts'
import { encodeKeysetCursor, keysetPage, type SortDirection, type SortKey } from '../keyset.ts'
import type { Viewer } from '../viewer.ts'
import { currentStep } from './policy.ts'
import { mayDecideApprovals } from './queries.ts'

/**
 * Approval steps as the API shows them (issue 5 §1–2). They are the company's deliberation:
 * staff read the steps of proposals on complaints they may see (the case page shows them every
 * decision), nobody else reads any. The approvals list is an approver's own: the steps asked of
 * their role, on complaints within their authority (a regional manager's region), filterable by
 * decision and by where the step stands.
 */

type Db = PrismaClient | Prisma.TransactionClient

const NOTHING: Prisma.ApprovalStepWhereInput = { id: { in: [] } }

/** The approval steps the viewer may read: staff, on complaints they may see. */
export function approvalStepVisibleTo(viewer: Viewer | null): Prisma.ApprovalStepWhereInput {
	if (!viewer || viewer.kind !== 'STAFF') return NOTHING
	return { proposal: { is: { complaint: { is: complaintVisibleTo(viewer) } } } }
}

/**
 * Where a step stands, from its decision, its proposal's status and the steps before it:
 * - WAITING: the step the proposal waits for now (the first one still pending);
 * - QUEUED: pending behind an earlier step that is still pending;
 * - APPROVED, DECLINED: decided;
 * - CANCELLED: never decided, and never will be: the proposal was declined at another step,
 *   superseded, or no longer waits for approval.
 */
export type ApprovalStepState = 'WAITING' | 'QUEUED' | 'APPROVED' | 'DECLINED' | 'CANCELLED'
export const APPROVAL_STEP_STATES = [
	'WAITING',
	'QUEUED',
	'APPROVED',
	'DECLINED',
	'CANCELLED',
] as const satisfies readonly ApprovalStepState[]

export function stateOf(
	step: { id: string; decision: ApprovalDecision },
	proposal: {
		status: ProposalStatus
		approvals: ReadonlyArray<{ id: string; sequence: number; decision: ApprovalDecision }>
	},
): ApprovalStepState {
	if (step.decision === 'APPROVED') return 'APPROVED'
	if (step.decision === 'DECLINED') return 'DECLINED'
	if (proposal.status !== 'PENDING_APPROVAL') return 'CANCELLED'
	return currentStep(proposal.approvals)?.id === step.id ? 'WAITING' : 'QUEUED'
}

/*
 * A step is the current one when no step before it is still pending. SQL could say that with a
 * correlated subquery; Prisma's filters cannot compare two columns, so the condition is spelled
 * out for each possible place: a proposal has one step per approver role at most (policy.ts
 * requiredSteps), so no sequence exceeds the number of staff roles.
 */
const MAX_SEQUENCE = Object.keys(StaffRole).length
const FIRST_PENDING: Prisma.ApprovalStepWhereInput = {
	OR: Array.from({ length: MAX_SEQUENCE }, (_, i): Prisma.ApprovalStepWhereInput => {
		const sequence = i + 1
		if (sequence === 1) return { sequence }
		return {
			sequence,
			proposal: { is: { approvals: { none: { decision: 'PENDING', sequence: { lt: sequence } } } } },
		}
	}),
}
const STILL_ASKED: Prisma.ApprovalStepWhereInput = {
	decision: 'PENDING',
	proposal: { is: { status: 'PENDING_APPROVAL' } },
}

export function approvalStateWhere(state: ApprovalStepState): Prisma.ApprovalStepWhereInput {
	switch (state) {
		case 'APPROVED':
		case 'DECLINED':
			return { decision: state }
		case 'WAITING':
			return { AND: [STILL_ASKED, FIRST_PENDING] }
		case 'QUEUED':
			return { AND: [STILL_ASKED, { NOT: FIRST_PENDING }] }
		case 'CANCELLED':
			return { decision: 'PENDING', proposal: { is: { status: { not: 'PENDING_APPROVAL' } } } }
	}
}

const stepSelect = {
	id: true,
	proposalId: true,
	sequence: true,
	approverRole: true,
	reasonZh: true,
	reasonEn: true,
	decision: true,
	decidedById: true,
	decidedAt: true,
	comment: true,
	proposal: {
		select: {
			status: true,
			createdAt: true,
			complaintId: true,
			approvals: { select: { id: true, sequence: true, decision: true } },
			complaint: {
				select: {
					status: true,
					category: true,
					responsibility: true,
					closedAt: true,
					customerId: true,
					dealerId: true,
					regionId: true,
				},
			},
		},
	},
} as const satisfies Prisma.ApprovalStepSelect

type StepRow = Prisma.ApprovalStepGetPayload<{ select: typeof stepSelect }>

export interface ApprovalStepView {
	id: string
	proposalId: string
	complaintId: string
	sequence: number
	approverRole: StaffRole
	reasonZh: string
	reasonEn: string
	decision: ApprovalDecision
	decidedById: string | null
	decidedAt: Date | null
	comment: string | null
	/** when the proposal was made: how long the step has been, or was, asked */
	proposedAt: Date
	state: ApprovalStepState
	/** whether the viewer may decide the step now, by the workflow's rules (decideApproval) */
	viewerCanDecide: boolean
}

function toView(viewer: Viewer, row: StepRow, now: Date): ApprovalStepView {
	const { proposal, ...step } = row
	const state = stateOf(step, proposal)
	// a waiting step is what its complaint waits for (one proposal waits at a time)
	const viewerCanDecide =
		state === 'WAITING' &&
		refusalOf(viewer, { ...proposal.complaint, pendingApproverRole: step.approverRole }, 'decide-approval', now) ===
			null
	return {
		...step,
		complaintId: proposal.complaintId,
		proposedAt: proposal.createdAt,
		state,
		viewerCanDecide,
	}
}

async function findSteps(
	db: Db,
	viewer: Viewer,
	args: {
		where: Prisma.ApprovalStepWhereInput
		orderBy?: Prisma.ApprovalStepOrderByWithRelationInput[]
		take?: number
	},
	now: Date,
): Promise<ApprovalStepView[]> {
	const rows = await db.approvalStep.findMany({ ...args, select: stepSelect })
	return rows.map((row) => toView(viewer, row, now))
}

/** Approval steps by id, for `node`: absent unless the viewer is staff who may see the complaint. */
export async function findApprovalStepsVisibleTo(
	db: Db,
	viewer: Viewer | null,
	ids: readonly string[],
	now: Date = new Date(),
): Promise<ApprovalStepView[]> {
	if (!viewer || viewer.kind !== 'STAFF' || ids.length === 0) return []
	return findSteps(db, viewer, { where: { AND: [approvalStepVisibleTo(viewer), { id: { in: [...ids] } }] } }, now)
}

/** Each proposal's steps in order; none for viewers who are not staff, or proposals they may not see. */
export async function findStepsOfProposals(
	db: Db,
	viewer: Viewer | null,
	proposalIds: readonly string[],
	now: Date = new Date(),
): Promise<ApprovalStepView[][]> {
	if (!viewer || viewer.kind !== 'STAFF' || proposalIds.length === 0) return proposalIds.map(() => [])
	const steps = await findSteps(
		db,
		viewer,
		{
			where: { AND: [approvalStepVisibleTo(viewer), { proposalId: { in: [...proposalIds] } }] },
			orderBy: [{ proposalId: 'asc' }, { sequence: 'asc' }],
		},
		now,
	)
	const byProposal = new Map<string, ApprovalStepView[]>(proposalIds.map((id) => [id, []]))
	for (const step of steps) byProposal.get(step.proposalId)?.push(step)
	return proposalIds.map((id) => byProposal.get(id) ?? [])
}

/* ------------------------------------------------------- the approvals list */

export interface ApprovalConnectionFilter {
	decision?: ApprovalDecision | null
	state?: ApprovalStepState | null
	complaintId?: string | null
}

/**
 * The steps asked of the viewer's role on complaints within their authority to decide (for
 * staff the authority to decide has the reading scope: any complaint, or a regional manager's
 * region). Nothing for anyone without approval authority.
 */
export function approvalInboxWhere(viewer: Viewer | null): Prisma.ApprovalStepWhereInput {
	if (!viewer || !viewer.staffRole || !mayDecideApprovals(viewer)) return NOTHING
	return { AND: [approvalStepVisibleTo(viewer), { approverRole: viewer.staffRole }] }
}

function approvalConnectionWhere(viewer: Viewer | null, filter: ApprovalConnectionFilter) {
	const and: Prisma.ApprovalStepWhereInput[] = [approvalInboxWhere(viewer)]
	if (filter.decision) and.push({ decision: filter.decision })
	if (filter.state) and.push(approvalStateWhere(filter.state))
	if (filter.complaintId) and.push({ proposal: { is: { complaintId: filter.complaintId } } })
	return { AND: and }
}

export const APPROVAL_ORDER_FIELDS = ['PROPOSED_AT'] as const
export type ApprovalOrderField = (typeof APPROVAL_ORDER_FIELDS)[number]
export interface ApprovalOrder {
	field: ApprovalOrderField
	direction: SortDirection
}
/** oldest first: what has waited longest comes first, as on the approver's page */
export const DEFAULT_APPROVAL_ORDER: ApprovalOrder = { field: 'PROPOSED_AT', direction: 'ASC' }

const APPROVAL_KEYS: Record<
	ApprovalOrderField,
	SortKey<ApprovalStepView, Prisma.ApprovalStepWhereInput, Prisma.ApprovalStepOrderByWithRelationInput>
> = {
	PROPOSED_AT: {
		kind: 'date',
		valueOf: (step) => step.proposedAt,
		where: (comparison) => ({ proposal: { is: { createdAt: comparison } } }),
		orderBy: (direction) => ({ proposal: { createdAt: direction } }),
	},
}

export function encodeApprovalCursor(field: ApprovalOrderField, step: ApprovalStepView): string {
	return encodeKeysetCursor(APPROVAL_KEYS, field, step)
}

export async function pageApprovals(
	db: Db,
	viewer: Viewer | null,
	request: {
		filter: ApprovalConnectionFilter
		order: ApprovalOrder
		after?: string
		before?: string
		limit: number
		inverted: boolean
	},
	now: Date = new Date(),
): Promise<ApprovalStepView[]> {
	if (request.filter.decision && request.filter.state) {
		const { decision, state } = request.filter
		// PENDING with APPROVED, say: nothing could match, which is a mistake worth telling
		const compatible = decision === 'PENDING' ? !['APPROVED', 'DECLINED'].includes(state) : decision === state
		if (!compatible)
			throw new InvalidListArgumentError('filter', `A ${state} step cannot have the decision ${decision}.`)
	}
	const page = keysetPage(APPROVAL_KEYS, { ...request.order, ...request })
	if (!viewer) return []
	return findSteps(
		db,
		viewer,
		{
			where: { AND: [approvalConnectionWhere(viewer, request.filter), ...page.where] },
			orderBy: page.orderBy,
			take: request.limit,
		},
		now,
	)
}

export function countApprovals(db: Db, viewer: Viewer | null, filter: ApprovalConnectionFilter): Promise<number> {
	return db.approvalStep.count({ where: approvalConnectionWhere(viewer, filter) })
}
