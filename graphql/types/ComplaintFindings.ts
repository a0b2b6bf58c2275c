import { findAttachmentsOfFindings } from '#app/domain/complaints/complaint-parts.ts'
import {
	findFindingsOfComplaints,
	findFindingsVisibleTo,
	type FindingView,
} from '#app/domain/complaints/finding-views.ts'
import type { FindingKind } from '#app/generated/prisma/enums.ts'
import type { Context } from '../context.ts'
import { builder } from '../builder.ts'
import { ComplaintNode } from './Complaint.ts'
import { AttachmentNode, ParticipantType } from './ComplaintParts.ts'
import { ResponsibilityEnum } from './WorkflowEnums.ts'

/**
 * The investigation's findings on a complaint (app/domain/complaints/finding-views.ts): staff
 * read every one; dealers and regional offices those recorded for partners; customers none.
 */

const FindingKindEnum = builder.enumType('FindingKind', {
	description: 'What a finding of the investigation records.',
	values: {
		ON_SITE_VISIT: { description: 'Someone went to the customer (现场调查).' },
		SAMPLE: { description: 'A sample was taken or sent for testing (取样).' },
		RESPONSIBILITY: { description: 'The decision on who is responsible (责任判定), with its evidence.' },
	} satisfies Record<FindingKind, { description: string }>,
})

export const ComplaintFindingNode = builder.loadableNode('ComplaintFinding', {
	description:
		'What the investigation of a complaint found: an on-site visit, a sample, or the responsibility decision, with its evidence. Staff read every finding; dealers and regional offices those recorded for partners (a regional office’s own visits and samples); customers none (they read the outcome in the written reply).',
	authScopes: { signedIn: true },
	id: { resolve: (finding: FindingView) => finding.id },
	load: (ids: string[], context: Context) => findFindingsVisibleTo(context.services.db.prisma, context.viewer, ids),
	sort: (finding) => finding.id,
	fields: (t) => ({
		kind: t.expose('kind', { type: FindingKindEnum, description: 'What the finding records.' }),
		summary: t.exposeString('summary', { description: 'What was found, in the words of whoever recorded it.' }),
		occurredAt: t.expose('occurredAt', {
			type: 'DateTime',
			description: 'When the visit, the sampling or the decision happened (it may be recorded later).',
		}),
		sampleReference: t.exposeString('sampleReference', {
			nullable: true,
			description: 'The sample’s label or lab number; null when none was given.',
		}),
		responsibility: t.expose('responsibility', {
			type: ResponsibilityEnum,
			nullable: true,
			description: 'Who was found responsible, for a RESPONSIBILITY finding; null for the others.',
		}),
		createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was recorded.' }),
		author: t.field({
			type: ParticipantType,
			description: 'Who recorded it.',
			resolve: (finding) => finding.author,
		}),
		evidence: t.loadableList({
			type: AttachmentNode,
			description:
				'The photos and documents recorded with the finding, oldest first, as far as the viewer may see them.',
			resolve: (finding) => finding.id,
			load: (ids: string[], context: Context) =>
				findAttachmentsOfFindings(context.services.db.prisma, context.viewer, ids),
		}),
		complaint: t.field({
			type: ComplaintNode,
			description: 'The complaint the finding is about.',
			resolve: (finding) => finding.complaintId,
		}),
	}),
})

builder.objectField(ComplaintNode, 'findings', (t) =>
	t.loadableList({
		type: ComplaintFindingNode,
		description:
			'What the investigation found, oldest first, as the case page shows it: every finding for staff; for dealers and regional offices those recorded for partners; empty for customers.',
		resolve: (complaint) => complaint.id,
		load: (ids: string[], context: Context) =>
			findFindingsOfComplaints(context.services.db.prisma, context.viewer, ids),
	}),
)
