import type { Prisma } from '#app/generated/prisma/client.ts'
import { NotFoundError } from '../errors.ts'
import type { WorkflowState } from './workflow.ts'

/**
 * What workflow.ts `refusalOf` needs to know about a complaint, read in the command's
 * transaction: its owners, status, category, recorded responsibility, when it was closed, and
 * which role a proposal waiting for approval waits for (the lowest-sequence pending step of
 * its PENDING_APPROVAL proposal).
 */
export async function loadWorkflowState(tx: Prisma.TransactionClient, complaintId: string): Promise<WorkflowState> {
	const complaint = await tx.complaint.findUnique({
		where: { id: complaintId },
		select: {
			customerId: true,
			dealerId: true,
			regionId: true,
			status: true,
			category: true,
			responsibility: true,
			closedAt: true,
		},
	})
	if (!complaint) throw new NotFoundError('Complaint')
	const step = await tx.approvalStep.findFirst({
		where: { decision: 'PENDING', proposal: { complaintId, status: 'PENDING_APPROVAL' } },
		// one proposal waits at a time; should there ever be two, the newest one counts
		orderBy: [{ proposal: { createdAt: 'desc' } }, { sequence: 'asc' }],
		select: { approverRole: true },
	})
	return { ...complaint, pendingApproverRole: step?.approverRole ?? null }
}
