import type { CostBearer, RequestedRemedy } from '#app/generated/prisma/enums.ts'
import { currentStep, planApprovals, WITHIN_AUTHORITY, type PolicyRule } from '../approvals/policy.ts'
import { openProposalOf } from '../approvals/queries.ts'
import { COMMENT_MAX, MAX_AMOUNT_MINOR, SUMMARY_MAX } from '../approvals/schemas.ts'
import { ConflictError, DomainValidationError, NotFoundError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import { appendEvent } from './events.ts'
import type { ComplaintDeps } from './ports.ts'
import { promiseBy } from './service-level.ts'
import { runStaffCommand, writeChange, type StaffCommand } from './staff-command.ts'

export { suggestedCostBearer } from '../approvals/cost-bearer.ts'

/**
 * Resolution proposals and their approvals (issue 4 §5, DESIGN.md §5). A proposal names what the
 * company offers, how much and who pays. The active ApprovalRule rows decide which approvals it
 * needs (approvals/policy.ts); while one waits the customer sees nothing and the case stays where
 * it is. Once nothing is pending, the proposal is offered: the complaint moves to
 * RESOLUTION_PROPOSED with the proposal's fields and the customer is emailed.
 *
 * Every step is an event: the internal `approval_requested` and `approval_decided` (with the
 * approver's comment), and the public `resolution_proposed` when the customer is asked.
 */

export const CURRENCY = 'CNY'

export interface ProposalInput {
	type: RequestedRemedy
	summary: string
	/** in fen; 0 when no money is involved (an explanation, a repair on site) */
	amountMinor: number
	costBearer: CostBearer
	expectedVersion?: number
}

export interface DecisionInput {
	stepId: string
	decision: 'APPROVED' | 'DECLINED'
	/** required when declining: the proposer must learn why */
	comment?: string
	expectedVersion?: number
}

function validateProposal(input: ProposalInput): { summary: string } {
	const summary = input.summary.trim()
	if (!summary) throw new DomainValidationError('summary', 'validation:required')
	if (summary.length > SUMMARY_MAX)
		throw new DomainValidationError('summary', 'approvals:validation.summaryTooLong', { max: SUMMARY_MAX })
	if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor < 0)
		throw new DomainValidationError('amount', 'approvals:validation.amountInvalid')
	if (input.amountMinor > MAX_AMOUNT_MINOR)
		throw new DomainValidationError('amount', 'approvals:validation.amountTooLarge')
	return { summary }
}

/**
 * The proposal goes to the customer: the complaint takes its fields and waits for their answer
 * (no service clock runs while it is the customer's turn).
 */
async function offer(
	command: StaffCommand,
	proposal: {
		id: string
		type: RequestedRemedy
		summary: string
		amountMinor: number
		currency: string
		costBearer: CostBearer
		proposedById: string
	},
	/** the internal events of the same change (the decisions that let it through), recorded first */
	recordFirst: (version: number) => Promise<unknown>,
) {
	const { tx, complaint, now } = command
	await tx.resolutionProposal.update({ where: { id: proposal.id }, data: { status: 'OFFERED' } })
	const fields = {
		status: 'RESOLUTION_PROPOSED' as const,
		resolutionType: proposal.type,
		resolutionSummary: proposal.summary,
		resolutionAmountMinor: proposal.amountMinor,
		resolutionCurrency: proposal.currency,
		costBearer: proposal.costBearer,
	}
	const version = await writeChange(command, { ...fields, ...promiseBy(null, now), customerUpdatedAt: now })
	await recordFirst(version)
	const event = await appendEvent(tx, {
		complaintId: complaint.id,
		actorId: command.viewer.userId,
		type: 'resolution_proposed',
		fromStatus: complaint.status,
		toStatus: 'RESOLUTION_PROPOSED',
		data: {
			proposalId: proposal.id,
			proposedById: proposal.proposedById,
			type: proposal.type,
			summary: proposal.summary,
			amountMinor: proposal.amountMinor,
			currency: proposal.currency,
			costBearer: proposal.costBearer,
		},
		version,
		changes: Object.fromEntries(
			(Object.keys(fields) as (keyof typeof fields)[])
				.filter((key) => complaint[key] !== fields[key])
				.map((key) => [key, { before: complaint[key], after: fields[key] }]),
		),
		at: now,
	})
	await command.deps.notifier.publicChange(tx, { complaintId: complaint.id, eventId: event.id })
	await command.deps.notifier.partnerEvent?.(tx, { complaintId: complaint.id, eventId: event.id })
	return version
}

/**
 * Proposes a resolution (000 (七)2: only once responsibility is recorded). It replaces an earlier
 * proposal the customer has not answered. Within the proposer's authority it is offered at once;
 * otherwise it waits for the first approver, who is emailed.
 */
export async function proposeResolution(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: ProposalInput,
): Promise<{ version: number; proposalId: string; offered: boolean }> {
	const { summary } = validateProposal(input)
	return runStaffCommand(deps, viewer, complaintId, 'propose-resolution', input, async (command) => {
		const { tx, complaint, now } = command
		const rules: PolicyRule[] = await tx.approvalRule.findMany({ where: { active: true } })
		const steps = planApprovals(
			rules,
			{ category: complaint.category, severity: complaint.severity, amountMinor: input.amountMinor },
			viewer.staffRole,
		)

		await tx.resolutionProposal.updateMany({
			where: { complaintId, status: { in: ['OFFERED', 'PENDING_APPROVAL'] } },
			data: { status: 'SUPERSEDED', decidedAt: now },
		})
		const proposal = await tx.resolutionProposal.create({
			data: {
				complaintId,
				proposedById: viewer.userId,
				type: input.type,
				summary,
				amountMinor: input.amountMinor,
				currency: CURRENCY,
				costBearer: input.costBearer,
				status: 'PENDING_APPROVAL',
				createdAt: now,
				approvals: {
					create: steps.map((s) => ({
						sequence: s.sequence,
						approverRole: s.approverRole,
						ruleId: s.ruleId,
						reasonZh: s.reasonZh,
						reasonEn: s.reasonEn,
						decision: s.decision,
						...(s.decision === 'APPROVED'
							? { decidedById: viewer.userId, decidedAt: now, comment: WITHIN_AUTHORITY }
							: {}),
					})),
				},
			},
			include: { approvals: { orderBy: { sequence: 'asc' } } },
		})
		const waitsFor = proposal.approvals.find((s) => s.decision === 'PENDING')

		if (!waitsFor) {
			const version = await offer(command, proposal, (v) => recordOwnApprovals(command, proposal, v))
			return { version, proposalId: proposal.id, offered: true }
		}

		const version = await writeChange(command, {})
		await recordOwnApprovals(command, proposal, version)
		await appendEvent(tx, {
			complaintId,
			actorId: viewer.userId,
			type: 'approval_requested',
			visibility: 'INTERNAL',
			data: {
				proposalId: proposal.id,
				stepId: waitsFor.id,
				approverRole: waitsFor.approverRole,
				type: proposal.type,
				summary,
				amountMinor: proposal.amountMinor,
				currency: proposal.currency,
				costBearer: proposal.costBearer,
			},
			version,
			changes: { pendingApproval: { before: null, after: waitsFor.approverRole } },
			at: now,
		})
		await deps.notifier.approvalRequested?.(tx, { complaintId, stepId: waitsFor.id })
		return { version, proposalId: proposal.id, offered: false }
	})
}

/** The steps the proposer approved by holding their role are decisions too, in the audit trail. */
async function recordOwnApprovals(
	command: StaffCommand,
	proposal: { id: string; approvals: { id: string; approverRole: string; decision: string }[] },
	version: number,
) {
	for (const step of proposal.approvals.filter((s) => s.decision === 'APPROVED'))
		await appendEvent(command.tx, {
			complaintId: command.complaint.id,
			actorId: command.viewer.userId,
			type: 'approval_decided',
			visibility: 'INTERNAL',
			data: {
				proposalId: proposal.id,
				stepId: step.id,
				approverRole: step.approverRole,
				decision: 'APPROVED',
				comment: WITHIN_AUTHORITY,
			},
			version,
			at: command.now,
		})
}

/**
 * An approver decides the step their role is asked for. Declined, the proposal is dead and its
 * author is told why; approved, the next approver is asked, or the customer once none is left.
 */
export async function decideApproval(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: DecisionInput,
): Promise<{ version: number; offered: boolean }> {
	const comment = input.comment?.trim() ?? ''
	if (input.decision === 'DECLINED' && !comment)
		throw new DomainValidationError('comment', 'approvals:validation.commentRequired')
	if (comment.length > COMMENT_MAX)
		throw new DomainValidationError('comment', 'approvals:validation.commentTooLong', { max: COMMENT_MAX })
	// the workflow has checked that a proposal waits, and for the viewer's role
	return runStaffCommand(deps, viewer, complaintId, 'decide-approval', input, async (command) => {
		const { tx, now } = command
		const proposal = (await openProposalOf(tx, complaintId))!
		const step = proposal.approvals.find((s) => s.id === input.stepId)
		if (!step) {
			// a step of an older proposal (superseded or declined meanwhile), or none at all
			const exists = await tx.approvalStep.count({ where: { id: input.stepId, proposal: { complaintId } } })
			if (exists) throw new ConflictError()
			throw new NotFoundError('ApprovalStep')
		}
		// the viewer's role is the current step's; another step of this proposal was decided already
		if (step.id !== currentStep(proposal.approvals)?.id) throw new ConflictError()

		const { count } = await tx.approvalStep.updateMany({
			where: { id: step.id, decision: 'PENDING' },
			data: { decision: input.decision, decidedById: viewer.userId, decidedAt: now, comment: comment || null },
		})
		if (count !== 1) throw new ConflictError()
		const next = proposal.approvals.find((s) => s.decision === 'PENDING' && s.sequence > step.sequence) ?? null
		const decided = (version: number) =>
			appendEvent(tx, {
				complaintId,
				actorId: viewer.userId,
				type: 'approval_decided',
				visibility: 'INTERNAL',
				data: {
					proposalId: proposal.id,
					stepId: step.id,
					approverRole: step.approverRole,
					decision: input.decision,
					comment: comment || null,
				},
				version,
				changes: {
					pendingApproval: {
						before: step.approverRole,
						after: input.decision === 'APPROVED' ? (next?.approverRole ?? null) : null,
					},
				},
				at: now,
			})

		if (input.decision === 'DECLINED') {
			await tx.resolutionProposal.update({ where: { id: proposal.id }, data: { status: 'DECLINED', decidedAt: now } })
			const version = await writeChange(command, {})
			await decided(version)
			await deps.notifier.approvalDeclined?.(tx, { complaintId, stepId: step.id })
			return { version, offered: false }
		}
		if (next) {
			const version = await writeChange(command, {})
			await decided(version)
			await deps.notifier.approvalRequested?.(tx, { complaintId, stepId: next.id })
			return { version, offered: false }
		}
		// the last approval: the decision and the offer are one change, recorded as two events
		const version = await offer(command, proposal, decided)
		return { version, offered: true }
	})
}
