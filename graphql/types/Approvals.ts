import {
	countApprovals,
	DEFAULT_APPROVAL_ORDER,
	encodeApprovalCursor,
	findApprovalStepsVisibleTo,
	findStepsOfProposals,
	pageApprovals,
	type ApprovalOrderField,
	type ApprovalStepState,
	type ApprovalStepView,
} from '#app/domain/approvals/approval-steps.ts'
import type { ApprovalDecision } from '#app/generated/prisma/enums.ts'
import type { Context } from '../context.ts'
import { builder } from '../builder.ts'
import { keysetConnection, totalCountOf } from '../keyset-connection.ts'
import { MAX_PAGE_SIZE } from '../pagination.ts'
import { ComplaintNode } from './Complaint.ts'
import { OrderDirectionEnum } from './ComplaintEnums.ts'
import { ResolutionProposalType } from './ComplaintParts.ts'
import { StaffRoleEnum } from './StaffRole.ts'
import { UserNode } from './User.ts'

/**
 * Approval steps (app/domain/approvals/approval-steps.ts): staff read them on the proposals of
 * complaints they may see; the `approvals` list is an approver's own. Nobody else reads any.
 */

const ApprovalStepDecisionEnum = builder.enumType('ApprovalStepDecision', {
	description: 'What an approval step’s approver decided.',
	values: {
		PENDING: { description: 'Not decided (yet): see `state` for whether it still can be.' },
		APPROVED: { description: 'Approved.' },
		DECLINED: { description: 'Declined, with a comment; the proposal was declined with it.' },
	} satisfies Record<ApprovalDecision, { description: string }>,
})

const ApprovalStepStateEnum = builder.enumType('ApprovalStepState', {
	description: 'Where an approval step stands, from its decision, its proposal and the steps before it.',
	values: {
		WAITING: { description: 'The step the proposal waits for now: the first one still pending.' },
		QUEUED: { description: 'Pending behind an earlier step that is still pending.' },
		APPROVED: { description: 'Approved.' },
		DECLINED: { description: 'Declined.' },
		CANCELLED: {
			description:
				'Never decided and never will be: the proposal was declined at another step, superseded, or no longer waits for approval.',
		},
	} satisfies Record<ApprovalStepState, { description: string }>,
})

export const ApprovalStepNode = builder.loadableNode('ApprovalStep', {
	description:
		'One approval a resolution proposal needs, from one staff role, in order (the approval policy’s steps). Staff only, on complaints they may see.',
	authScopes: { staff: true },
	id: { resolve: (step: ApprovalStepView) => step.id },
	load: (ids: string[], context: Context) =>
		findApprovalStepsVisibleTo(context.services.db.prisma, context.viewer, ids),
	sort: (step) => step.id,
	fields: (t) => ({
		sequence: t.exposeInt('sequence', { description: 'The step’s place in the order approvals are asked in, from 1.' }),
		approverRole: t.expose('approverRole', { type: StaffRoleEnum, description: 'The role whose approval is asked.' }),
		reasonEn: t.exposeString('reasonEn', { description: 'Why the policy asks for this approval, in English.' }),
		reasonZh: t.exposeString('reasonZh', { description: 'Why the policy asks for this approval, in Chinese.' }),
		decision: t.expose('decision', { type: ApprovalStepDecisionEnum, description: 'What the approver decided.' }),
		state: t.expose('state', { type: ApprovalStepStateEnum, description: 'Where the step stands.' }),
		decidedBy: t.field({
			type: UserNode,
			nullable: true,
			description: 'Who decided it (the proposer, for a step within their own authority); null while undecided.',
			resolve: (step) => step.decidedById,
		}),
		decidedAt: t.expose('decidedAt', {
			type: 'DateTime',
			nullable: true,
			description: 'When it was decided; null while undecided.',
		}),
		comment: t.exposeString('comment', {
			nullable: true,
			description: 'The approver’s comment; required with a decline; null when none was written.',
		}),
		proposedAt: t.expose('proposedAt', {
			type: 'DateTime',
			description: 'When the proposal was made, which is how long the step has been asked.',
		}),
		viewerCanDecide: t.exposeBoolean('viewerCanDecide', {
			description:
				'Whether the viewer may decide this step now with `decideApproval`, by the same rules the mutation applies.',
		}),
		proposal: t.field({
			type: ResolutionProposalType,
			description: 'The proposal the step belongs to.',
			resolve: (step) => step.proposalId,
		}),
		complaint: t.field({
			type: ComplaintNode,
			description: 'The complaint the proposal resolves.',
			resolve: (step) => step.complaintId,
		}),
	}),
})

builder.objectFields(ResolutionProposalType, (t) => ({
	approvalSteps: t.loadableList({
		type: ApprovalStepNode,
		nullable: true,
		description:
			'The approvals the proposal needs, in order, with every decision. Staff only; null for everyone else (approvals are the company’s deliberation).',
		authScopes: { staff: true },
		resolve: (proposal) => proposal.id,
		load: (ids: string[], context: Context) => findStepsOfProposals(context.services.db.prisma, context.viewer, ids),
	}),
	proposedBy: t.field({
		type: UserNode,
		nullable: true,
		description: 'The staff member who made the proposal. Staff only; null for everyone else.',
		authScopes: { staff: true },
		resolve: (proposal) => proposal.proposedById,
	}),
	complaint: t.field({
		type: ComplaintNode,
		description: 'The complaint the proposal resolves.',
		resolve: (proposal) => proposal.complaintId,
	}),
}))

/* --------------------------------------------------------------- approvals */

const ApprovalOrderFieldEnum = builder.enumType('ApprovalOrderField', {
	description: 'What to order approval steps by; ties are broken by ID, so the order is total and cursors are stable.',
	values: {
		PROPOSED_AT: { description: 'When the proposal was made: ascending puts what has waited longest first.' },
	} satisfies Record<ApprovalOrderField, { description: string }>,
})

const ApprovalOrderInput = builder.inputType('ApprovalOrder', {
	description: 'How to order a list of approval steps.',
	fields: (t) => ({
		field: t.field({ type: ApprovalOrderFieldEnum, required: true, description: 'What to order by.' }),
		direction: t.field({ type: OrderDirectionEnum, required: true, description: 'Which way.' }),
	}),
})

const ApprovalFilterInput = builder.inputType('ApprovalFilter', {
	description: 'Narrows a list of approval steps; every condition given must hold.',
	fields: (t) => ({
		state: t.field({
			type: ApprovalStepStateEnum,
			required: false,
			description: 'Only steps that stand here; WAITING lists what waits for the viewer now.',
		}),
		decision: t.field({
			type: ApprovalStepDecisionEnum,
			required: false,
			description: 'Only steps with this decision.',
		}),
		complaintId: t.globalID({
			required: false,
			description: 'Only steps on this complaint’s proposals (a Complaint ID).',
			for: [ComplaintNode],
		}),
	}),
})

builder.queryField('approvals', (t) =>
	t.connection(
		{
			type: ApprovalStepNode,
			description: `The approval steps asked of the viewer’s role, on complaints within their authority (a regional manager’s region; any complaint for the marketing director and the general manager), oldest proposal first unless ordered otherwise; \`filter: { state: WAITING }\` is what waits for the viewer now. Empty for anyone without approval authority, including every API token. Pages hold at most ${MAX_PAGE_SIZE}.`,
			args: {
				filter: t.arg({ type: ApprovalFilterInput, required: false, description: 'Which steps.' }),
				orderBy: t.arg({
					type: ApprovalOrderInput,
					required: false,
					description:
						'The order; PROPOSED_AT ascending by default. A cursor is valid only with the order it came from.',
				}),
			},
			resolve: (_root, args, context) => {
				const db = context.services.db.prisma
				const filter = {
					state: args.filter?.state,
					decision: args.filter?.decision,
					complaintId: args.filter?.complaintId?.id,
				}
				const order = args.orderBy ?? DEFAULT_APPROVAL_ORDER
				return keysetConnection<ApprovalStepView>(args, {
					toCursor: (step) => encodeApprovalCursor(order.field, step),
					page: (page) => pageApprovals(db, context.viewer, { filter, order, ...page }),
					count: () => countApprovals(db, context.viewer, filter),
				})
			},
		},
		{
			name: 'ApprovalStepConnection',
			description: 'A page of approval steps.',
			fields: (c) => ({
				totalCount: c.int({
					description: 'How many steps match in all pages (one more query; ask only when needed).',
					resolve: totalCountOf,
				}),
			}),
		},
		{ name: 'ApprovalStepEdge', description: 'An approval step and its cursor.' },
	),
)
