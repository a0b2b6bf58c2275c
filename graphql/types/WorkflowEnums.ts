import type { CostBearer, Department, RequestedRemedy, Responsibility } from '#app/generated/prisma/enums.ts'
import type { StaffAction } from '#app/domain/complaints/workflow.ts'
import { builder } from '../builder.ts'

/**
 * The enums the workflow mutations take (and Complaint.availableActions answers with), named
 * as the database names them so that a value means the same thing everywhere.
 */

export const DepartmentEnum = builder.enumType('Department', {
	description: 'The responsible department (责任部门) a complaint is routed to.',
	values: {
		AFTER_SALES: { description: 'After-sales service (售后服务部).' },
		QUALITY: { description: 'Quality management (品管部).' },
		SALES: { description: 'Sales (销售部).' },
		PRODUCTION: { description: 'Production (生产部).' },
		LOGISTICS: { description: 'Logistics (物流部).' },
		TECHNICAL: { description: 'Technical support (技术部).' },
	} satisfies Record<Department, { description: string }>,
})

export const ResponsibilityEnum = builder.enumType('Responsibility', {
	description: 'Who is responsible for the problem (责任判定), recorded before any proposal.',
	values: {
		QUALITY_DEFECT: { description: 'A product-quality defect (产品质量问题): decided by the quality department.' },
		CUSTOMER_MISUSE: { description: 'The customer used the product wrongly (客户使用不当).' },
		TRANSPORT_DAMAGE: { description: 'Damaged in transport (运输损坏).' },
		DEALER: { description: 'The dealer is responsible (经销商责任).' },
		UNDETERMINED: { description: 'Not yet determined (责任不明): goods go to head office for testing.' },
		NOT_COMPANY: { description: 'Not the company’s responsibility (非我方责任): grounds for rejecting.' },
	} satisfies Record<Responsibility, { description: string }>,
})

export const RequestedRemedyEnum = builder.enumType('RequestedRemedy', {
	description: 'A kind of resolution: what the customer asks for, or what the company offers.',
	values: {
		REPLACEMENT: { description: 'A replacement product.' },
		REPAIR: { description: 'A repair.' },
		REFUND: { description: 'Money back.' },
		EXPLANATION: { description: 'A written explanation.' },
		OTHER: { description: 'Something else, described in the summary.' },
	} satisfies Record<RequestedRemedy, { description: string }>,
})

export const CostBearerEnum = builder.enumType('CostBearer', {
	description: 'Who pays for a resolution.',
	values: {
		COMPANY: { description: 'The company.' },
		CUSTOMER: { description: 'The customer.' },
		DEALER: { description: 'The dealer who sold the order.' },
		CARRIER: { description: 'The carrier who damaged the goods.' },
		SHARED: { description: 'Shared, as the summary says.' },
	} satisfies Record<CostBearer, { description: string }>,
})

export const NoteVisibilityEnum = builder.enumType('NoteVisibility', {
	description: 'Who reads a note. The customer never does, and is never emailed about one.',
	values: {
		INTERNAL: { description: 'Company staff only. Staff may write these; dealers and regional offices may not.' },
		PARTNER: { description: 'Staff and the dealer or regional office handling the order.' },
	},
})

export const FieldFindingKindEnum = builder.enumType('FieldFindingKind', {
	description: 'What an investigation finding records (the responsibility decision has its own mutation).',
	values: {
		ON_SITE_VISIT: { description: 'Someone went to the customer (现场调查).' },
		SAMPLE: { description: 'A sample was taken or sent for testing (取样).' },
	},
})

export const ApprovalDecisionEnum = builder.enumType('ApprovalDecision', {
	description: 'An approver’s answer to a proposal waiting for their role.',
	values: {
		APPROVED: { description: 'Approved: the next approver is asked, or the customer once none is left.' },
		DECLINED: { description: 'Declined, with a comment: the proposal is dead and its author is told why.' },
	},
})

/** The workflow's kebab-case action names as GraphQL enum values, and the mutation each one is. */
export const COMPLAINT_ACTIONS = {
	ACKNOWLEDGE: { action: 'acknowledge', mutation: 'acknowledgeComplaint' },
	ROUTE: { action: 'route', mutation: 'assignComplaint' },
	INVESTIGATE: { action: 'investigate', mutation: 'startInvestigation' },
	REQUEST_INFORMATION: { action: 'request-information', mutation: 'requestInformation' },
	RECORD_FINDING: { action: 'record-finding', mutation: 'recordFinding' },
	DETERMINE_RESPONSIBILITY: { action: 'determine-responsibility', mutation: 'determineResponsibility' },
	PROPOSE_RESOLUTION: { action: 'propose-resolution', mutation: 'proposeResolution' },
	DECIDE_APPROVAL: { action: 'decide-approval', mutation: 'decideApproval' },
	RESOLVE: { action: 'resolve', mutation: 'resolveComplaint' },
	REJECT: { action: 'reject', mutation: 'rejectComplaint' },
	ESCALATE: { action: 'escalate', mutation: 'escalateComplaint' },
	CLOSE: { action: 'close', mutation: 'closeComplaint' },
	REOPEN: { action: 'reopen', mutation: 'reopenComplaint' },
	REPLY: { action: 'reply', mutation: 'addReply' },
	NOTE: { action: 'note', mutation: 'addNote' },
} as const satisfies Record<string, { action: StaffAction; mutation: string }>
export type ComplaintActionValue = keyof typeof COMPLAINT_ACTIONS

export const ComplaintActionEnum = builder.enumType('ComplaintAction', {
	description:
		'A workflow action on a complaint, named after the mutation that takes it. `Complaint.availableActions` lists the ones the viewer may take now, by the same rules the mutations enforce.',
	values: Object.fromEntries(
		Object.entries(COMPLAINT_ACTIONS).map(([value, { mutation }]) => [value, { description: `\`${mutation}\`.` }]),
	) as Record<ComplaintActionValue, { description: string }>,
})

export const ACTION_VALUE_OF = Object.fromEntries(
	Object.entries(COMPLAINT_ACTIONS).map(([value, { action }]) => [action, value]),
) as Record<StaffAction, ComplaintActionValue>
