import type { Complaint } from '#app/generated/prisma/client.ts'
import type { StaffRole } from '#app/generated/prisma/enums.ts'
import { availableActions } from '#app/domain/complaints/workflow.ts'
import type { Context } from '../context.ts'
import { builder } from '../builder.ts'
import { ComplaintNode } from './Complaint.ts'
import { ACTION_VALUE_OF, ComplaintActionEnum, type ComplaintActionValue } from './WorkflowEnums.ts'

/**
 * The two Complaint fields a client needs to drive the workflow mutations: the version to send
 * back as `expectedVersion`, and the actions the viewer may take now, from workflow.ts (the
 * same table the commands check, so a listed action is one the mutation accepts, bar a race).
 */

builder.objectField(ComplaintNode, 'version', (t) =>
	t.exposeInt('version', {
		description:
			'Rises by one with every change to the complaint. Send it as a mutation’s `expectedVersion` to act only on the complaint as you last read it.',
	}),
)

builder.objectField(ComplaintNode, 'availableActions', (t) =>
	t.loadableList({
		type: ComplaintActionEnum,
		description:
			'The workflow actions the viewer may take on the complaint now, each the mutation of the same name; empty for customers (their actions are in the portal). An API token’s scopes narrow it like the mutations.',
		resolve: (complaint) => complaint,
		load: (complaints: Complaint[], context: Context) => actionsOf(complaints, context),
	}),
)

/** One query for the roles pending approvals wait for, however many complaints are on the page. */
async function actionsOf(complaints: Complaint[], context: Context): Promise<ComplaintActionValue[][]> {
	const viewer = context.viewer
	if (!viewer) return complaints.map(() => [])
	const steps = await context.services.db.prisma.approvalStep.findMany({
		where: {
			decision: 'PENDING',
			proposal: { complaintId: { in: complaints.map((c) => c.id) }, status: 'PENDING_APPROVAL' },
		},
		// as workflow-state.ts: the newest waiting proposal's lowest pending step
		orderBy: [{ proposal: { createdAt: 'desc' } }, { sequence: 'asc' }],
		select: { approverRole: true, proposal: { select: { complaintId: true } } },
	})
	const waitingFor = new Map<string, StaffRole>()
	for (const step of steps)
		if (!waitingFor.has(step.proposal.complaintId)) waitingFor.set(step.proposal.complaintId, step.approverRole)
	const now = new Date()
	return complaints.map((complaint) =>
		availableActions(viewer, { ...complaint, pendingApproverRole: waitingFor.get(complaint.id) ?? null }, now).map(
			(action) => ACTION_VALUE_OF[action],
		),
	)
}
