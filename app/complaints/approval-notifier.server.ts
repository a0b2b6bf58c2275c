import type { Prisma } from '#app/generated/prisma/client.ts'
import { can } from '#app/domain/complaints/permissions.ts'
import type { ComplaintNotifier } from '#app/domain/complaints/ports.ts'
import { viewerFromUser } from '#app/domain/viewer.ts'
import { DEFAULT_LANGUAGE, languageFromLocale } from '#app/i18n/config.ts'
import { enqueueEmail } from '#app/mail/outbox.server.ts'

/**
 * The staff's emails about resolution proposals (app/domain/complaints/proposals.ts), written to
 * the outbox in the command's transaction: "a proposal waits for your approval" to everyone who
 * holds the step's role and may decide on the complaint (a regional manager only in their own
 * region), and "your proposal was declined" to its author. Keys derive from the step, so a
 * retried command sends nothing twice.
 */

type Tx = Prisma.TransactionClient

export const approvalsUrl = (appUrl: string) => `${appUrl}/staff/approvals`
export const staffCaseUrl = (appUrl: string, reference: string) => `${appUrl}/staff/complaints/${reference}`
export const approvalRequestedKey = (stepId: string, recipientId: string) =>
	`approval-requested:${stepId}:${recipientId}`
export const approvalDeclinedKey = (stepId: string) => `approval-declined:${stepId}`

const recipient = {
	id: true,
	email: true,
	name: true,
	locale: true,
	kind: true,
	staffRole: true,
	organizationId: true,
	organization: { select: { kind: true, regionId: true } },
} satisfies Prisma.UserSelect

// one query per relation: Prisma would run nested selects in parallel on the transaction's
// one connection, which node-postgres warns about
async function stepWithProposal(tx: Tx, complaintId: string, stepId: string) {
	const step = await tx.approvalStep.findUniqueOrThrow({ where: { id: stepId } })
	const proposal = await tx.resolutionProposal.findUniqueOrThrow({ where: { id: step.proposalId } })
	if (proposal.complaintId !== complaintId) throw new Error(`step ${stepId} is not about complaint ${complaintId}`)
	const proposer = await tx.user.findUniqueOrThrow({ where: { id: proposal.proposedById }, select: recipient })
	const complaint = await tx.complaint.findUniqueOrThrow({
		where: { id: complaintId },
		select: { reference: true, title: true, customerId: true, dealerId: true, regionId: true },
	})
	const forEmail = {
		type: proposal.type,
		summary: proposal.summary,
		amountMinor: proposal.amountMinor,
		currency: proposal.currency,
		costBearer: proposal.costBearer,
		proposedByName: proposer.name,
	}
	return { step, proposal: forEmail, proposer, complaint }
}

export function createApprovalNotifier({
	appUrl,
}: {
	appUrl: string
}): Required<Pick<ComplaintNotifier, 'approvalRequested' | 'approvalDeclined'>> {
	return {
		async approvalRequested(tx, { complaintId, stepId }) {
			const { step, proposal, complaint } = await stepWithProposal(tx, complaintId, stepId)
			const region = await tx.region.findUniqueOrThrow({
				where: { id: complaint.regionId },
				select: { nameZh: true, nameEn: true },
			})
			const holders = await tx.user.findMany({
				where: { kind: 'STAFF', staffRole: step.approverRole },
				select: recipient,
				orderBy: { id: 'asc' },
			})
			for (const to of holders.filter((user) => can(viewerFromUser(user), 'decide-approval', complaint)))
				await enqueueEmail(tx, {
					to: to.email,
					template: 'approval-requested',
					language: languageFromLocale(to.locale) ?? DEFAULT_LANGUAGE,
					idempotencyKey: approvalRequestedKey(step.id, to.id),
					props: {
						name: to.name,
						reference: complaint.reference,
						title: complaint.title,
						region,
						approverRole: step.approverRole,
						reason: { zh: step.reasonZh, en: step.reasonEn },
						proposal,
						url: approvalsUrl(appUrl),
					},
				})
		},

		async approvalDeclined(tx, { complaintId, stepId }) {
			const { step, proposal, proposer, complaint } = await stepWithProposal(tx, complaintId, stepId)
			const decider = step.decidedById
				? await tx.user.findUnique({ where: { id: step.decidedById }, select: { name: true } })
				: null
			await enqueueEmail(tx, {
				to: proposer.email,
				template: 'approval-declined',
				language: languageFromLocale(proposer.locale) ?? DEFAULT_LANGUAGE,
				idempotencyKey: approvalDeclinedKey(step.id),
				props: {
					name: proposer.name,
					reference: complaint.reference,
					title: complaint.title,
					deciderName: decider?.name ?? '',
					approverRole: step.approverRole,
					comment: step.comment ?? '',
					proposal,
					url: staffCaseUrl(appUrl, complaint.reference),
				},
			})
		},
	}
}
