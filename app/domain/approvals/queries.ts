import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { StaffRole } from '#app/generated/prisma/enums.ts'
import { can, complaintVisibleTo, permissionsOf } from '../complaints/permissions.ts'
import { refusalOf, type Refusal } from '../complaints/workflow.ts'
import type { Viewer } from '../viewer.ts'
import { currentStep } from './policy.ts'

type Db = PrismaClient | Prisma.TransactionClient

/**
 * Reading proposals and their approval steps. A complaint has at most one proposal waiting for
 * approval (a new proposal supersedes the old one, and none may be made while one waits).
 */

const stepsInOrder = { orderBy: { sequence: 'asc' } } as const

/** Whether the viewer's role decides approvals at all (in some scope): the approver's page is theirs. */
export function mayDecideApprovals(viewer: Viewer): boolean {
	return permissionsOf(viewer).some((p) => p.startsWith('decide-approval:'))
}

/** The complaint's proposal that waits for approval, with its steps in order, or null. */
export async function openProposalOf(db: Db, complaintId: string) {
	return db.resolutionProposal.findFirst({
		where: { complaintId, status: 'PENDING_APPROVAL' },
		orderBy: { createdAt: 'desc' },
		include: { approvals: stepsInOrder },
	})
}

/** The role whose approval the complaint waits for, for `WorkflowState.pendingApproverRole`. */
export async function pendingApproverRoleOf(db: Db, complaintId: string): Promise<StaffRole | null> {
	const proposal = await openProposalOf(db, complaintId)
	return proposal ? (currentStep(proposal.approvals)?.approverRole ?? null) : null
}

const person = { select: { id: true, name: true } } as const

const pendingSelect = {
	id: true,
	sequence: true,
	approverRole: true,
	reasonZh: true,
	reasonEn: true,
	proposal: {
		select: {
			id: true,
			type: true,
			summary: true,
			amountMinor: true,
			currency: true,
			costBearer: true,
			createdAt: true,
			proposedBy: person,
			approvals: {
				...stepsInOrder,
				select: {
					id: true,
					sequence: true,
					approverRole: true,
					decision: true,
					decidedAt: true,
					comment: true,
					reasonZh: true,
					reasonEn: true,
					decidedBy: person,
				},
			},
			complaint: {
				select: {
					id: true,
					reference: true,
					title: true,
					version: true,
					status: true,
					category: true,
					severity: true,
					responsibility: true,
					customerId: true,
					dealerId: true,
					regionId: true,
					closedAt: true,
					region: { select: { nameZh: true, nameEn: true } },
					customer: { select: { name: true } },
				},
			},
		},
	},
} satisfies Prisma.ApprovalStepSelect

export interface PendingApproval {
	stepId: string
	approverRole: StaffRole
	reasonZh: string
	reasonEn: string
	/** why the viewer cannot decide it right now (the case is waiting on the customer…), or null */
	refusal: Refusal | null
	proposal: Omit<
		Prisma.ResolutionProposalGetPayload<{ select: (typeof pendingSelect)['proposal']['select'] }>,
		'complaint' | 'approvals'
	>
	/** the steps decided before this one, with their comments */
	earlier: Prisma.ApprovalStepGetPayload<{
		select: (typeof pendingSelect)['proposal']['select']['approvals']['select']
	}>[]
	complaint: Prisma.ComplaintGetPayload<{ select: (typeof pendingSelect)['proposal']['select']['complaint']['select'] }>
}

/**
 * The approvals waiting for the viewer: steps of the viewer's role that are the current step of
 * a proposal waiting for approval, on complaints the viewer may see and decide on (a regional
 * manager's region only). Oldest proposal first, as it has waited longest.
 */
export async function pendingApprovalsFor(db: Db, viewer: Viewer, now: Date = new Date()): Promise<PendingApproval[]> {
	if (viewer.kind !== 'STAFF' || !viewer.staffRole) return []
	const steps = await db.approvalStep.findMany({
		where: {
			approverRole: viewer.staffRole,
			decision: 'PENDING',
			proposal: { status: 'PENDING_APPROVAL', complaint: complaintVisibleTo(viewer) },
		},
		select: pendingSelect,
		orderBy: [{ proposal: { createdAt: 'asc' } }, { id: 'asc' }],
	})
	return steps.flatMap((step): PendingApproval[] => {
		const { complaint, approvals, ...proposal } = step.proposal
		if (!can(viewer, 'decide-approval', complaint)) return []
		const current = currentStep(approvals)
		if (current?.id !== step.id) return []
		const refusal = refusalOf(viewer, { ...complaint, pendingApproverRole: step.approverRole }, 'decide-approval', now)
		return [
			{
				stepId: step.id,
				approverRole: step.approverRole,
				reasonZh: step.reasonZh,
				reasonEn: step.reasonEn,
				refusal,
				proposal,
				earlier: approvals.filter((a) => a.sequence < step.sequence),
				complaint,
			},
		]
	})
}

/**
 * Every proposal of a complaint with its approval steps, newest first, for the staff case page.
 * Null when the viewer may not see the complaint; customers see the offered resolution on the
 * complaint itself, never the internal approvals.
 */
export async function proposalsOf(db: Db, viewer: Viewer, complaintId: string) {
	if (viewer.kind !== 'STAFF') return null
	const complaint = await db.complaint.findFirst({
		where: { AND: [complaintVisibleTo(viewer), { id: complaintId }] },
		select: { id: true },
	})
	if (!complaint) return null
	return db.resolutionProposal.findMany({
		where: { complaintId },
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		select: {
			id: true,
			type: true,
			summary: true,
			amountMinor: true,
			currency: true,
			costBearer: true,
			status: true,
			createdAt: true,
			decidedAt: true,
			proposedBy: person,
			approvals: {
				...stepsInOrder,
				select: {
					id: true,
					sequence: true,
					approverRole: true,
					reasonZh: true,
					reasonEn: true,
					decision: true,
					decidedAt: true,
					comment: true,
					decidedBy: person,
				},
			},
		},
	})
}
export type ProposalWithSteps = NonNullable<Awaited<ReturnType<typeof proposalsOf>>>[number]
