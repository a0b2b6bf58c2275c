import type { ComplaintStatus, Responsibility } from '#app/generated/prisma/enums.ts'

/**
 * The workflow mutations (graphql/types/WorkflowMutations.ts and replyToComplaint), each with a
 * complaint in a status where it applies and an input that succeeds for a role allowed to act:
 * shared by the authorization matrix and the workflow mutation tests.
 */

interface Fixture {
	id: string
	globalId: string
}

/** A mutation, the complaint it applies to, its input, and what a success leaves behind. */
export interface MutationCase {
	name: string
	input: string
	setUp: () => Promise<Fixture>
	fields: () => Record<string, unknown>
	/** the status after a success; null when it stays */
	to: ComplaintStatus | null
	from: ComplaintStatus
}

export const past = () => new Date(Date.now() - 2 * 3_600_000).toISOString()

export function workflowMutationCases(complaints: {
	complaintIn: (status: ComplaintStatus, over?: { responsibility?: Responsibility | null }) => Promise<Fixture>
	waitingForRegionalManager: () => Promise<Fixture>
}): MutationCase[] {
	const { complaintIn, waitingForRegionalManager } = complaints
	return [
		{
			name: 'acknowledgeComplaint',
			input: 'AcknowledgeComplaintInput',
			setUp: () => complaintIn('SUBMITTED'),
			fields: () => ({ reply: '您好，已收到您的客诉，我们会尽快处理。' }),
			from: 'SUBMITTED',
			to: 'ACKNOWLEDGED',
		},
		{
			name: 'assignComplaint',
			input: 'AssignComplaintInput',
			setUp: () => complaintIn('INVESTIGATING'),
			fields: () => ({ department: 'QUALITY' }),
			from: 'INVESTIGATING',
			to: null,
		},
		{
			name: 'startInvestigation',
			input: 'StartInvestigationInput',
			setUp: () => complaintIn('ACKNOWLEDGED'),
			fields: () => ({}),
			from: 'ACKNOWLEDGED',
			to: 'INVESTIGATING',
		},
		{
			name: 'requestInformation',
			input: 'RequestInformationInput',
			setUp: () => complaintIn('INVESTIGATING'),
			fields: () => ({ message: '请提供外箱破损的照片。' }),
			from: 'INVESTIGATING',
			to: 'WAITING_ON_CUSTOMER',
		},
		{
			name: 'addReply',
			input: 'AddReplyInput',
			setUp: () => complaintIn('INVESTIGATING'),
			fields: () => ({ body: '我们已安排工程师联系您。' }),
			from: 'INVESTIGATING',
			to: null,
		},
		{
			name: 'replyToComplaint',
			input: 'ReplyToComplaintInput',
			setUp: () => complaintIn('INVESTIGATING'),
			fields: () => ({ body: '检测结果已出，详见附件。' }),
			from: 'INVESTIGATING',
			to: null,
		},
		{
			name: 'addNote',
			input: 'AddNoteInput',
			setUp: () => complaintIn('INVESTIGATING'),
			fields: () => ({ body: '物流单号已核对。', visibility: 'PARTNER' }),
			from: 'INVESTIGATING',
			to: null,
		},
		{
			name: 'recordFinding',
			input: 'RecordFindingInput',
			setUp: () => complaintIn('INVESTIGATING'),
			fields: () => ({ kind: 'ON_SITE_VISIT', occurredAt: past(), summary: '现场查看：外箱有明显挤压痕迹。' }),
			from: 'INVESTIGATING',
			to: null,
		},
		{
			name: 'determineResponsibility',
			input: 'DetermineResponsibilityInput',
			setUp: () => complaintIn('INVESTIGATING', { responsibility: null }),
			fields: () => ({ responsibility: 'TRANSPORT_DAMAGE', summary: '承运商装卸不当。' }),
			from: 'INVESTIGATING',
			to: null,
		},
		{
			name: 'proposeResolution',
			input: 'ProposeResolutionInput',
			setUp: () => complaintIn('INVESTIGATING'),
			fields: () => ({ type: 'EXPLANATION', summary: '书面说明原因。', amount: '0', costBearer: 'COMPANY' }),
			from: 'INVESTIGATING',
			to: 'RESOLUTION_PROPOSED',
		},
		{
			name: 'decideApproval',
			input: 'DecideApprovalInput',
			setUp: waitingForRegionalManager,
			fields: () => ({ decision: 'APPROVED', comment: '同意。' }),
			from: 'INVESTIGATING',
			to: 'RESOLUTION_PROPOSED',
		},
		{
			name: 'resolveComplaint',
			input: 'ResolveComplaintInput',
			setUp: () => complaintIn('RESOLVING'),
			fields: () => ({ reply: '维修已完成，感谢您的耐心。' }),
			from: 'RESOLVING',
			to: 'RESOLVED',
		},
		{
			name: 'rejectComplaint',
			input: 'RejectComplaintInput',
			setUp: () => complaintIn('INVESTIGATING'),
			fields: () => ({ reason: '经调查，非我方责任。', toldOfAuthoritiesRight: true }),
			from: 'INVESTIGATING',
			to: 'REJECTED',
		},
		{
			name: 'escalateComplaint',
			input: 'EscalateComplaintInput',
			setUp: () => complaintIn('INVESTIGATING'),
			fields: () => ({ reason: '客户要求总部处理。' }),
			from: 'INVESTIGATING',
			to: 'ESCALATED',
		},
		{
			name: 'closeComplaint',
			input: 'CloseComplaintInput',
			setUp: () => complaintIn('RESOLVED'),
			fields: () => ({}),
			from: 'RESOLVED',
			to: 'CLOSED',
		},
		{
			name: 'reopenComplaint',
			input: 'ReopenComplaintInput',
			setUp: () => complaintIn('CLOSED'),
			fields: () => ({ reason: '客户反映问题复发。' }),
			from: 'CLOSED',
			to: 'INVESTIGATING',
		},
	]
}

export const mutationOf = (c: Pick<MutationCase, 'name' | 'input'>) => /* GraphQL */ `
	mutation Act($input: ${c.input}!) {
		${c.name}(input: $input) {
			complaint {
				id
				status
				version
			}
			userErrors {
				code
				field
				message
			}
		}
	}
`
