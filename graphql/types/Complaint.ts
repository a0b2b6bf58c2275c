import { resolveCursorConnection } from '@pothos/plugin-relay'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import {
	countComplaints,
	DEFAULT_COMPLAINT_ORDER,
	encodeComplaintCursor,
	pageComplaints,
	seesServiceLevel,
	type ComplaintConnectionFilter,
} from '#app/domain/complaints/complaint-connection.ts'
import {
	findAttachmentsOfComplaints,
	findProposalsOfComplaints,
	type EventView,
	type MessageView,
} from '#app/domain/complaints/complaint-parts.ts'
import { findComplaintIdByReference, findComplaintsVisibleTo } from '#app/domain/complaints/queries.ts'
import { MESSAGE_MAX, UPLOAD_LIMITS } from '#app/domain/complaints/schemas.ts'
import { writeToCustomer } from '#app/domain/complaints/staff-actions.ts'
import { NotFoundError } from '#app/domain/errors.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import type { Complaint } from '#app/generated/prisma/client.ts'
import type { Context } from '../context.ts'
import { builder } from '../builder.ts'
import { assertPageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, readingList } from '../pagination.ts'
import {
	ComplaintCategoryEnum,
	ComplaintChannelEnum,
	ComplaintOrderFieldEnum,
	ComplaintSeverityEnum,
	MessageVisibilityEnum,
	OrderDirectionEnum,
	SlaStateEnum,
} from './ComplaintEnums.ts'
import {
	AttachmentNode,
	ComplaintEventType,
	loadEventsPage,
	loadMessagesPage,
	MessageNode,
	ResolutionProposalType,
	rowCursor,
} from './ComplaintParts.ts'
import { ComplaintStatusEnum } from './ComplaintStatus.ts'
import { CustomerNode } from './Customer.ts'
import { OrderLineType, OrderNode } from './Order.ts'
import { OrganizationNode } from './Organization.ts'
import { RegionNode } from './Region.ts'
import { UserNode } from './User.ts'
import { DepartmentEnum, RequestedRemedyEnum, ResponsibilityEnum } from './WorkflowEnums.ts'
import { UserErrorType, toUserErrors, type UserErrorShape } from './UserError.ts'
import { discardUploads, storeUploads } from '../uploads.ts'

/**
 * The complaint as the API sees it: the record, its order and customer, and its messages,
 * events, files and proposals as far as the viewer may read them. Every part is read through
 * app/domain/complaints/complaint-parts.ts, which applies complaintVisibleTo and the viewer's
 * message visibilities; the fields below only decide which parts of the record a kind of viewer
 * is shown (customers see what their own complaint page shows).
 */
export const ComplaintNode = builder.loadableNode('Complaint', {
	description:
		'A complaint about an order. Visible to its customer, the dealer who sold the order, its region and staff.',
	authScopes: { signedIn: true },
	id: { resolve: (complaint) => complaint.id },
	load: (ids: string[], context: Context) => findComplaintsVisibleTo(context.services.db.prisma, context.viewer, ids),
	sort: (complaint) => complaint.id,
	fields: (t) => ({
		reference: t.exposeString('reference', { description: 'The number people quote: CMP-YYYY-NNNNNN.' }),
		title: t.exposeString('title', { description: 'A one-line summary in the customer’s words.' }),
		status: t.expose('status', { type: ComplaintStatusEnum, description: 'Where the complaint is in its lifecycle.' }),
		createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was filed.' }),
	}),
})

/** The case's working state (clock, department, responsibility) is for staff and partners, not customers. */
const partnerOrStaff = (viewer: Viewer | null) => viewer !== null && seesServiceLevel(viewer)
const MESSAGE_FILTER_NOTE = 'Customers read PUBLIC; dealers and regional offices PUBLIC and PARTNER; staff all three.'

builder.objectFields(ComplaintNode, (t) => ({
	description: t.exposeString('description', { description: 'What happened, in the customer’s words.' }),
	category: t.expose('category', { type: ComplaintCategoryEnum, description: 'What kind of problem it is.' }),
	severity: t.expose('severity', { type: ComplaintSeverityEnum, description: 'How badly it affects the customer.' }),
	channel: t.expose('channel', { type: ComplaintChannelEnum, description: 'How the complaint reached the company.' }),
	requestedRemedy: t.expose('requestedRemedy', {
		type: RequestedRemedyEnum,
		description: 'What the customer asked for.',
	}),
	updatedAt: t.field({
		type: 'DateTime',
		description:
			'When it last changed as the viewer sees it: for customers the last change shown to them (a reply, a new status), so that internal work does not show as activity.',
		resolve: (complaint, _args, context) =>
			context.viewer?.kind === 'CUSTOMER' ? complaint.customerUpdatedAt : complaint.updatedAt,
	}),
	closedAt: t.expose('closedAt', {
		type: 'DateTime',
		nullable: true,
		description: 'When it was closed; null while open.',
	}),
	firstResponseDueAt: t.expose('firstResponseDueAt', {
		type: 'DateTime',
		nullable: true,
		description: 'When the first written response is owed by; null once given.',
	}),
	resolutionDueAt: t.expose('resolutionDueAt', {
		type: 'DateTime',
		nullable: true,
		description: 'When the customer was promised the next step by; null when nothing is promised.',
	}),
	slaState: t.expose('slaState', {
		type: SlaStateEnum,
		nullable: true,
		description:
			'Where the complaint stands against its running service-level clock. Staff and partners; null for customers.',
		authScopes: (_complaint, _args, context) => partnerOrStaff(context.viewer),
	}),
	slaDueAt: t.expose('slaDueAt', {
		type: 'DateTime',
		nullable: true,
		description: 'When the running service-level clock is due; null when none runs, and for customers.',
		authScopes: (_complaint, _args, context) => partnerOrStaff(context.viewer),
	}),
	isKeyAccount: t.exposeBoolean('isKeyAccount', {
		nullable: true,
		description: 'Whether the customer is a key account (tighter service levels). Staff only; null for others.',
		authScopes: { staff: true },
	}),
	department: t.expose('department', {
		type: DepartmentEnum,
		nullable: true,
		description: 'The responsible department it is routed to; null until routed, and for customers.',
		authScopes: (_complaint, _args, context) => partnerOrStaff(context.viewer),
	}),
	responsibility: t.expose('responsibility', {
		type: ResponsibilityEnum,
		nullable: true,
		description: 'Who was found responsible; null until decided, and for customers (who read it in the written reply).',
		authScopes: (_complaint, _args, context) => partnerOrStaff(context.viewer),
	}),
	order: t.field({
		type: OrderNode,
		description: 'The order the complaint is about.',
		resolve: (complaint) => complaint.orderId,
	}),
	orderLine: t.field({
		type: OrderLineType,
		nullable: true,
		description: 'The product on the order the complaint is about; null when it is about the whole order.',
		resolve: (complaint) => complaint.orderLineId,
	}),
	region: t.field({
		type: RegionNode,
		description: 'The sales region the complaint belongs to.',
		resolve: (complaint) => complaint.regionId,
	}),
	dealer: t.field({
		type: OrganizationNode,
		nullable: true,
		description: 'The dealer who sold the order; null for a direct sale.',
		resolve: (complaint) => complaint.dealerId,
	}),
	customer: t.field({
		type: CustomerNode,
		description: 'The customer the complaint is for.',
		resolve: (complaint) => complaint.customerId,
	}),
	assignee: t.field({
		type: UserNode,
		nullable: true,
		description: 'The staff member working the case; null when nobody is, and for anyone who is not staff.',
		authScopes: { staff: true },
		resolve: (complaint) => complaint.assigneeId,
	}),
	messages: t.connection(
		{
			type: MessageNode,
			description: `The written messages, oldest first, as far as the viewer may read them. ${MESSAGE_FILTER_NOTE}`,
			args: {
				visibility: t.arg({
					type: [MessageVisibilityEnum],
					required: false,
					description: 'Only messages of these visibilities (within what the viewer may read).',
				}),
			},
			resolve: (complaint, args, context) => {
				assertPageSize(args)
				return resolveCursorConnection<Promise<MessageView[]>>(
					{
						args,
						toCursor: (message) => rowCursor('message', message.id),
						defaultSize: DEFAULT_PAGE_SIZE,
						maxSize: MAX_PAGE_SIZE,
					},
					(page) => loadMessagesPage(context, complaint.id, page, args.visibility),
				)
			},
		},
		{ name: 'MessageConnection', description: 'A page of a complaint’s messages.' },
		{ name: 'MessageEdge', description: 'A message and its cursor.' },
	),
	events: t.connection(
		{
			type: ComplaintEventType,
			description: `The timeline, oldest first, as far as the viewer may read it. ${MESSAGE_FILTER_NOTE}`,
			resolve: (complaint, args, context) => {
				assertPageSize(args)
				return resolveCursorConnection<Promise<EventView[]>>(
					{
						args,
						toCursor: (event) => rowCursor('event', event.id),
						defaultSize: DEFAULT_PAGE_SIZE,
						maxSize: MAX_PAGE_SIZE,
					},
					(page) => loadEventsPage(context, complaint.id, page),
				)
			},
		},
		{ name: 'ComplaintEventConnection', description: 'A page of a complaint’s timeline.' },
		{ name: 'ComplaintEventEdge', description: 'A timeline event and its cursor.' },
	),
	attachments: t.loadableList({
		type: AttachmentNode,
		description:
			'Every file on the complaint the viewer may see, oldest first: those filed with it and those sent with messages.',
		load: (ids: string[], context: Context) =>
			findAttachmentsOfComplaints(context.services.db.prisma, context.viewer, ids),
		resolve: (complaint) => complaint.id,
	}),
	proposals: t.loadableList({
		type: ResolutionProposalType,
		description:
			'Resolution proposals, oldest first: every one for staff (including those waiting for approval or declined); for everyone else those put to the customer.',
		load: (ids: string[], context: Context) =>
			findProposalsOfComplaints(context.services.db.prisma, context.viewer, ids),
		resolve: (complaint) => complaint.id,
	}),
}))

export const ComplaintFilterInput = builder.inputType('ComplaintFilter', {
	description: 'Narrows a list of complaints; every condition given must hold.',
	fields: (t) => ({
		status: t.field({ type: ComplaintStatusEnum, required: false, description: 'Only complaints in this status.' }),
		category: t.field({ type: ComplaintCategoryEnum, required: false, description: 'Only this kind of problem.' }),
		severity: t.field({ type: ComplaintSeverityEnum, required: false, description: 'Only this severity.' }),
		regionId: t.globalID({
			required: false,
			description: 'Only complaints in this region (a Region ID).',
			for: [RegionNode],
		}),
		dealerId: t.globalID({
			required: false,
			description: 'Only complaints on orders this dealer sold (an Organization ID).',
			for: [OrganizationNode],
		}),
		search: t.string({
			required: false,
			description:
				'Words that must each appear in the reference, order number, customer name (or email, for staff), title or description; at most 100 characters.',
		}),
		updatedSince: t.field({
			type: 'DateTime',
			required: false,
			description: 'Only complaints changed at or after this instant (as `updatedAt` shows it), for polling.',
		}),
	}),
})

export const ComplaintOrderInput = builder.inputType('ComplaintOrder', {
	description: 'How to order a list of complaints.',
	fields: (t) => ({
		field: t.field({ type: ComplaintOrderFieldEnum, required: true, description: 'What to order by.' }),
		direction: t.field({ type: OrderDirectionEnum, required: true, description: 'Which way.' }),
	}),
})

builder.queryField('complaints', (t) =>
	t.connection(
		{
			type: ComplaintNode,
			description: `The complaints the viewer may see, newest first unless ordered otherwise: customers their own, dealers those on orders they sold, regional offices their region, staff all. Empty when nobody is signed in. Pages hold at most ${MAX_PAGE_SIZE}.`,
			args: {
				filter: t.arg({ type: ComplaintFilterInput, required: false, description: 'Which complaints.' }),
				orderBy: t.arg({
					type: ComplaintOrderInput,
					required: false,
					description:
						'The order; CREATED_AT descending by default. A cursor is valid only with the order it came from.',
				}),
			},
			resolve: (_root, args, context) => {
				assertPageSize(args)
				const viewer = context.viewer
				const filter: ComplaintConnectionFilter = {
					status: args.filter?.status,
					category: args.filter?.category,
					severity: args.filter?.severity,
					regionId: args.filter?.regionId?.id,
					dealerId: args.filter?.dealerId?.id,
					search: args.filter?.search,
					updatedSince: args.filter?.updatedSince,
				}
				const order = args.orderBy ?? DEFAULT_COMPLAINT_ORDER
				return readingList(async () => {
					const connection = await resolveCursorConnection<Promise<Complaint[]>>(
						{
							args,
							toCursor: (complaint) => encodeComplaintCursor(order.field, complaint, viewer!),
							defaultSize: DEFAULT_PAGE_SIZE,
							maxSize: MAX_PAGE_SIZE,
						},
						async (page) =>
							viewer ? pageComplaints(context.services.db.prisma, viewer, { filter, order, ...page }) : [],
					)
					return {
						...connection,
						totalCount: () =>
							viewer ? readingList(() => countComplaints(context.services.db.prisma, viewer, filter)) : 0,
					}
				})
			},
		},
		{
			name: 'ComplaintConnection',
			description: 'A page of complaints.',
			fields: (c) => ({
				totalCount: c.int({
					description: 'How many complaints match in all pages (one more query; ask only when needed).',
					resolve: (connection) =>
						(connection as unknown as { totalCount: () => Promise<number> | number }).totalCount(),
				}),
			}),
		},
		{ name: 'ComplaintEdge', description: 'A complaint and its cursor.' },
	),
)

builder.queryField('complaint', (t) =>
	t.field({
		type: ComplaintNode,
		nullable: true,
		description: 'A complaint by its reference (CMP-YYYY-NNNNNN); null when it does not exist or is not visible.',
		authScopes: { signedIn: true },
		args: { reference: t.arg.string({ required: true, description: 'The reference, as people write it.' }) },
		resolve: async (_root, { reference }, context) => {
			if (!context.viewer) return null
			return findComplaintIdByReference(context.services.db.prisma, context.viewer, reference)
		},
	}),
)

const ReplyToComplaintInput = builder.inputType('ReplyToComplaintInput', {
	description: 'A written reply to the customer of a complaint.',
	fields: (t) => ({
		complaintId: t.globalID({ required: true, description: 'The complaint to reply on.', for: [ComplaintNode] }),
		body: t.string({ required: true, description: `The reply, in writing, up to ${MESSAGE_MAX} characters.` }),
		files: t.field({
			type: ['Upload'],
			description: `Files sent with the reply, which the customer sees with it: photos (JPEG, PNG, WebP, HEIC/HEIF) and PDFs, at most ${UPLOAD_LIMITS.maxFilesPerComplaint} of at most ${UPLOAD_LIMITS.maxFileBytes / (1024 * 1024)} MB each, as parts of a multipart request (see \`Upload\`). A refused file is a userError whose \`field\` ends with its index, such as ["input", "files", "0"], and then nothing is stored.`,
		}),
	}),
})

interface ReplyPayload {
	complaintId: string | null
	userErrors: UserErrorShape[]
}

const ReplyToComplaintPayload = builder.objectRef<ReplyPayload>('ReplyToComplaintPayload').implement({
	description: 'The result of replyToComplaint.',
	fields: (t) => ({
		complaint: t.field({
			type: ComplaintNode,
			nullable: true,
			description: 'The complaint after the reply; null when the reply was not made.',
			resolve: (payload) => payload.complaintId,
		}),
		userErrors: t.field({
			type: [UserErrorType],
			description: 'Why the reply was not made; empty on success.',
			resolve: (payload) => payload.userErrors,
		}),
	}),
})

builder.mutationType({
	description: 'The entry points for changing data: one mutation per business action, verb first.',
})

builder.mutationField('replyToComplaint', (t) =>
	t.field({
		type: ReplyToComplaintPayload,
		description:
			'Writes a reply the customer reads on the complaint page and receives by email, with the files sent in `files` (a multipart request). The first reply acknowledges a new complaint. Staff and regional offices only.',
		authScopes: { signedIn: true },
		args: {
			input: t.arg({ type: ReplyToComplaintInput, required: true, description: 'The complaint and the reply.' }),
		},
		resolve: async (_root, { input }, context): Promise<ReplyPayload> => {
			const viewer = context.viewer
			if (!viewer) throw new NotFoundError('Complaint')
			const body = input.body.trim()
			if (body.length > MESSAGE_MAX)
				return {
					complaintId: null,
					userErrors: [
						{ code: 'INVALID', field: ['input', 'body'], message: `A reply has at most ${MESSAGE_MAX} characters.` },
					],
				}
			const stored = await storeUploads(context, input.files, { field: ['input', 'files'] })
			if (!stored.ok) return { complaintId: null, userErrors: stored.userErrors }
			try {
				await writeToCustomer(complaintDeps(context.services), viewer, input.complaintId.id, {
					body,
					files: stored.files,
				})
				return { complaintId: input.complaintId.id, userErrors: [] }
			} catch (error) {
				// the reply was not written: no attachment row will point at the stored files
				await discardUploads(context, stored.files)
				return { complaintId: null, userErrors: toUserErrors(error) }
			}
		},
	}),
)
