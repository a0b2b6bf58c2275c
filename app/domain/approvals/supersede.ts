import type { Prisma } from '#app/generated/prisma/client.ts'
import type { ComplaintStatus, StaffRole } from '#app/generated/prisma/enums.ts'
import { currentStep } from './policy.ts'

/**
 * A proposal waits for approval only while the case is being investigated (INVESTIGATING, or
 * ESCALATED at head office). When the case leaves that without it (the customer withdraws, it is
 * escalated, staff ask the customer for more information), the proposal is marked SUPERSEDED, so
 * that no approver is left deciding on a case that has moved on. Rejecting and deciding
 * responsibility are refused while one waits (workflow.ts), and an approved proposal moves the
 * case itself (proposals.ts).
 */

const INVESTIGATION: readonly ComplaintStatus[] = ['INVESTIGATING', 'ESCALATED']

/**
 * Whether a move from `from` to `to` ends the investigation a waiting proposal belongs to: out of
 * investigation, or up to head office, whose review starts over. Head office handing the case
 * back for investigation keeps it.
 */
export function endsWaitingProposal(from: ComplaintStatus, to: ComplaintStatus): boolean {
	if (from === to || !INVESTIGATION.includes(from)) return false
	return to === 'ESCALATED' || !INVESTIGATION.includes(to)
}

/**
 * Supersedes the complaint's proposal waiting for approval, if the move ends it. Returns the role
 * whose approval it waited for (the audit's `pendingApproval` change), or null when none waited.
 */
export async function supersedeWaitingProposal(
	tx: Prisma.TransactionClient,
	complaintId: string,
	move: { from: ComplaintStatus; to: ComplaintStatus },
	now: Date,
): Promise<StaffRole | null> {
	if (!endsWaitingProposal(move.from, move.to)) return null
	const waiting = await tx.resolutionProposal.findMany({
		where: { complaintId, status: 'PENDING_APPROVAL' },
		select: { id: true, approvals: { select: { sequence: true, decision: true, approverRole: true } } },
	})
	if (waiting.length === 0) return null
	await tx.resolutionProposal.updateMany({
		where: { id: { in: waiting.map((p) => p.id) } },
		data: { status: 'SUPERSEDED', decidedAt: now },
	})
	return currentStep(waiting[0]!.approvals)?.approverRole ?? null
}

/** The audit trail's record of it, merged into the moving event's `changes`. */
export function pendingApprovalChange(role: StaffRole | null): Record<string, { before: unknown; after: unknown }> {
	return role ? { pendingApproval: { before: role, after: null } } : {}
}
