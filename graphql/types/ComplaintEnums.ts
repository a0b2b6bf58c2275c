import type {
	AttachmentKind,
	ComplaintCategory,
	ComplaintChannel,
	ComplaintSeverity,
	MessageVisibility,
	ProposalStatus,
	SlaState,
} from '#app/generated/prisma/enums.ts'
import type { ComplaintOrderField } from '#app/domain/complaints/complaint-connection.ts'
import type { Participant } from '#app/domain/complaints/complaint-parts.ts'
import { builder } from '../builder.ts'

/** The enums a complaint's record and its lists read with, named as the database names them. */

export const ComplaintCategoryEnum = builder.enumType('ComplaintCategory', {
	description: 'What kind of problem a complaint is about.',
	values: {
		PRODUCT_QUALITY: { description: 'The product itself is faulty (产品质量).' },
		HANDLING_DAMAGE: { description: 'Damaged in transport, storage or handling.' },
		SERVICE_CONDUCT: { description: 'Service attitude or staff conduct.' },
		SALES_POLICY: { description: 'Sales policy: prices, terms, promises.' },
		OTHER: { description: 'Anything else.' },
	} satisfies Record<ComplaintCategory, { description: string }>,
})

export const ComplaintSeverityEnum = builder.enumType('ComplaintSeverity', {
	description: 'How badly the problem affects the customer.',
	values: {
		MINOR: { description: 'A nuisance; the equipment still does its job.' },
		MAJOR: { description: 'Serious: the equipment works poorly or only in part.' },
		CRITICAL: { description: 'Urgent: the equipment is down, or safety is at stake.' },
	} satisfies Record<ComplaintSeverity, { description: string }>,
})

export const ComplaintChannelEnum = builder.enumType('ComplaintChannel', {
	description: 'How a complaint reached the company.',
	values: {
		WEB: { description: 'Filed in the portal.' },
		API: { description: 'Filed through this API, usually by a dealer.' },
		PHONE: { description: 'Taken down from a phone call.' },
		EMAIL: { description: 'Taken down from an email.' },
	} satisfies Record<ComplaintChannel, { description: string }>,
})

export const SlaStateEnum = builder.enumType('SlaState', {
	description: 'Where a complaint stands against its running service-level clock.',
	values: {
		ON_TRACK: { description: 'Within the promised time, or no clock is running.' },
		AT_RISK: { description: 'Most of the promised working time is used up.' },
		BREACHED: { description: 'The promised time has passed.' },
	} satisfies Record<SlaState, { description: string }>,
})

export const MessageVisibilityEnum = builder.enumType('MessageVisibility', {
	description: 'Who may read a message, an event or a file.',
	values: {
		PUBLIC: { description: 'The customer, the partners handling the order, and staff.' },
		PARTNER: { description: 'Staff and the dealer or regional office handling the order; never the customer.' },
		INTERNAL: { description: 'Company staff only.' },
	} satisfies Record<MessageVisibility, { description: string }>,
})

export const ProposalStatusEnum = builder.enumType('ProposalStatus', {
	description: 'Where a proposed resolution stands.',
	values: {
		PENDING_APPROVAL: { description: 'Waiting for an approver; the customer has not seen it.' },
		DECLINED: { description: 'An approver declined it.' },
		OFFERED: { description: 'Put to the customer, who accepts or disputes it.' },
		ACCEPTED: { description: 'The customer accepted it.' },
		DISPUTED: { description: 'The customer disputed it.' },
		SUPERSEDED: { description: 'A newer proposal replaced it before the customer answered.' },
	} satisfies Record<ProposalStatus, { description: string }>,
})

export const AttachmentKindEnum = builder.enumType('AttachmentKind', {
	description: 'What kind of file an attachment is.',
	values: {
		IMAGE: { description: 'A photo (JPEG, PNG or WebP), with a thumbnail.' },
		PDF: { description: 'A PDF document.' },
	} satisfies Record<AttachmentKind, { description: string }>,
})

export const ParticipantSideEnum = builder.enumType('ParticipantSide', {
	description: 'Which side of a complaint a person speaks for.',
	values: {
		CUSTOMER: { description: 'The customer.' },
		COMPANY: { description: 'Company staff.' },
		PARTNER: { description: 'A dealer or regional office.' },
	} satisfies Record<Participant['side'], { description: string }>,
})

export const ComplaintOrderFieldEnum = builder.enumType('ComplaintOrderField', {
	description: 'What to order complaints by; ties are broken by ID, so the order is total and cursors are stable.',
	values: {
		CREATED_AT: { description: 'When the complaint was filed.' },
		UPDATED_AT: {
			description:
				'When the complaint last changed, as the viewer sees it (for customers, the last change shown to them).',
		},
		SLA_DUE_AT: {
			description:
				'When the running service-level clock is due; complaints without one come last. Staff and partners only.',
		},
	} satisfies Record<ComplaintOrderField, { description: string }>,
})

export const OrderDirectionEnum = builder.enumType('OrderDirection', {
	description: 'The direction of an ordering.',
	values: {
		ASC: { description: 'Smallest (earliest) first.' },
		DESC: { description: 'Largest (latest) first.' },
	},
})
