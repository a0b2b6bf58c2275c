import { createContextCache } from '@pothos/core'
import DataLoader from 'dataloader'
import { GraphQLError } from 'graphql'
import {
	findAttachmentsOfMessages,
	findAttachmentsVisibleTo,
	findMessagesVisibleTo,
	pageEventsOfComplaints,
	pageMessagesOfComplaints,
	type CustomerView,
	type EventView,
	type MessageView,
	type PageRequest,
	type Participant,
	type ProposalView,
} from '#app/domain/complaints/complaint-parts.ts'
import type { MessageVisibility } from '#app/generated/prisma/enums.ts'
import type { Context } from '../context.ts'
import { builder } from '../builder.ts'
import { AttachmentKindEnum, MessageVisibilityEnum, ParticipantSideEnum, ProposalStatusEnum } from './ComplaintEnums.ts'
import { ComplaintStatusEnum } from './ComplaintStatus.ts'
import { CostBearerEnum, RequestedRemedyEnum } from './WorkflowEnums.ts'

/** The record types hanging off a Complaint: its customer, messages, events, files and proposals. */

export const CustomerType = builder.objectRef<CustomerView>('Customer').implement({
	description:
		'The customer a complaint is for, as the viewer may see them: the name always, the email address only for staff and the customer themself.',
	fields: (t) => ({
		name: t.exposeString('name', { description: 'The name the customer goes by.' }),
		email: t.exposeString('email', {
			nullable: true,
			description: 'Email address; null unless the viewer is staff or the customer (personal data, PIPL).',
		}),
	}),
})

export const ParticipantType = builder.objectRef<Participant>('Participant').implement({
	description: 'Who wrote a message or made a change, as the complaint’s timeline shows them.',
	fields: (t) => ({
		name: t.exposeString('name', { description: 'The person’s name.' }),
		side: t.expose('side', { type: ParticipantSideEnum, description: 'Which side they speak for.' }),
	}),
})

export const AttachmentNode = builder.loadableNode('Attachment', {
	description:
		'A photo or PDF on a complaint or one of its messages. Visible to whoever may read the complaint and the file’s visibility.',
	authScopes: { signedIn: true },
	id: { resolve: (attachment) => attachment.id },
	load: (ids: string[], context: Context) => findAttachmentsVisibleTo(context.services.db.prisma, context.viewer, ids),
	sort: (attachment) => attachment.id,
	fields: (t) => ({
		name: t.exposeString('originalName', { description: 'The file name as uploaded; shown, never a path.' }),
		kind: t.expose('kind', { type: AttachmentKindEnum, description: 'A photo or a PDF.' }),
		contentType: t.exposeString('contentType', { description: 'The media type, detected from the bytes.' }),
		byteSize: t.exposeInt('byteSize', { description: 'Size of the stored file in bytes.' }),
		width: t.exposeInt('width', { nullable: true, description: 'Width in pixels; null for a PDF.' }),
		height: t.exposeInt('height', { nullable: true, description: 'Height in pixels; null for a PDF.' }),
		visibility: t.expose('visibility', { type: MessageVisibilityEnum, description: 'Who may see the file.' }),
		createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was uploaded.' }),
		url: t.string({
			description:
				'Where to download the file: the portal’s own address, which checks the viewer’s signed-in session on every request (not a signed URL; API tokens cannot fetch it yet).',
			resolve: (attachment, _args, context) => `${context.services.config.appUrl}/attachments/${attachment.id}`,
		}),
		thumbnailUrl: t.string({
			nullable: true,
			description: 'A 320-pixel WebP preview of a photo, at the portal like `url`; null for a PDF.',
			resolve: (attachment, _args, context) =>
				attachment.hasThumbnail ? `${context.services.config.appUrl}/attachments/${attachment.id}/thumbnail` : null,
		}),
	}),
})

export const MessageNode = builder.loadableNode('Message', {
	description:
		'A written message on a complaint: a reply, a customer’s message, or a note. Customers read public ones; dealers and regional offices public and partner ones; staff all.',
	authScopes: { signedIn: true },
	id: { resolve: (message) => message.id },
	load: (ids: string[], context: Context) => findMessagesVisibleTo(context.services.db.prisma, context.viewer, ids),
	sort: (message) => message.id,
	fields: (t) => ({
		body: t.exposeString('body', { description: 'The text, as written.' }),
		visibility: t.expose('visibility', { type: MessageVisibilityEnum, description: 'Who may read it.' }),
		createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was written.' }),
		author: t.field({
			type: ParticipantType,
			description: 'Who wrote it.',
			resolve: (message) => message.author,
		}),
		attachments: t.loadableList({
			type: AttachmentNode,
			description: 'The files sent with the message, oldest first.',
			resolve: (message) => message.id,
			load: (ids: string[], context: Context) =>
				findAttachmentsOfMessages(context.services.db.prisma, context.viewer, ids),
		}),
	}),
})

export const ComplaintEventType = builder.objectRef<EventView>('ComplaintEvent').implement({
	description:
		'One entry of a complaint’s timeline: filed, acknowledged, a reply, a status change. Visibility as for messages.',
	fields: (t) => ({
		type: t.exposeString('type', {
			description: 'What happened, in snake_case, such as `filed`, `reply`, `status_changed`.',
		}),
		fromStatus: t.expose('fromStatus', {
			type: ComplaintStatusEnum,
			nullable: true,
			description: 'The status before, when the status changed.',
		}),
		toStatus: t.expose('toStatus', {
			type: ComplaintStatusEnum,
			nullable: true,
			description: 'The status after, when the status changed.',
		}),
		visibility: t.expose('visibility', { type: MessageVisibilityEnum, description: 'Who may read it.' }),
		createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it happened.' }),
		actor: t.field({
			type: ParticipantType,
			nullable: true,
			description: 'Who did it; null for the system (a service-level clock, an automatic close).',
			resolve: (event) => event.actor,
		}),
	}),
})

export const ResolutionProposalType = builder.objectRef<ProposalView>('ResolutionProposal').implement({
	description: 'A resolution the company proposes: what, how much, and who pays.',
	fields: (t) => ({
		type: t.expose('type', { type: RequestedRemedyEnum, description: 'What is offered.' }),
		summary: t.exposeString('summary', { description: 'The proposal in words, as the customer reads it.' }),
		amountMinor: t.exposeInt('amountMinor', {
			description: 'Money involved, in minor units (fen); 0 when none.',
		}),
		currency: t.exposeString('currency', { description: 'ISO 4217 currency code of the amount.' }),
		costBearer: t.expose('costBearer', { type: CostBearerEnum, description: 'Who pays.' }),
		status: t.expose('status', { type: ProposalStatusEnum, description: 'Where the proposal stands.' }),
		createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was proposed.' }),
		decidedAt: t.expose('decidedAt', {
			type: 'DateTime',
			nullable: true,
			description: 'When it was approved, declined, accepted or disputed; null while open.',
		}),
	}),
})

/* ------------------------------------------------------------------------------------------ */

/**
 * Per-request loaders for a page of each complaint's messages or events, one per distinct page
 * request: the same field on fifty complaints asks with the same arguments, so fifty loads
 * become one statement.
 */
const pagedLoaders = createContextCache(() => new Map<string, DataLoader<string, unknown[]>>())

function pagedLoader<T>(
	context: Context,
	key: string,
	load: (complaintIds: readonly string[]) => Promise<T[][]>,
): DataLoader<string, T[]> {
	const loaders = pagedLoaders(context)
	let loader = loaders.get(key)
	if (!loader) {
		loader = new DataLoader<string, unknown[]>((ids) => load(ids))
		loaders.set(key, loader)
	}
	return loader as DataLoader<string, T[]>
}

/** Cursors of messages and events: the row's id, wrapped so clients treat it as opaque. */
export function rowCursor(kind: 'message' | 'event', id: string): string {
	return Buffer.from(`${kind}:${id}`).toString('base64url')
}

function rowIdOf(kind: 'message' | 'event', cursor: string | undefined, argument: string): string | undefined {
	if (cursor === undefined) return undefined
	const text = Buffer.from(cursor, 'base64url').toString('utf8')
	const id = text.startsWith(`${kind}:`) ? text.slice(kind.length + 1) : ''
	if (!/^[\w-]{1,64}$/.test(id))
		throw new GraphQLError(`The ${argument} cursor is not valid for this list.`, {
			extensions: { code: 'BAD_USER_INPUT', argument },
		})
	return id
}

interface CursorPage {
	after?: string
	before?: string
	limit: number
	inverted: boolean
}

function pageRequest(kind: 'message' | 'event', page: CursorPage): PageRequest {
	return {
		after: rowIdOf(kind, page.after, 'after'),
		before: rowIdOf(kind, page.before, 'before'),
		limit: page.limit,
		inverted: page.inverted,
	}
}

export function loadMessagesPage(
	context: Context,
	complaintId: string,
	page: CursorPage,
	visibility: readonly MessageVisibility[] | null | undefined,
): Promise<MessageView[]> {
	const request = { ...pageRequest('message', page), visibility: visibility ?? null }
	return pagedLoader(context, `messages:${JSON.stringify(request)}`, (ids) =>
		pageMessagesOfComplaints(context.services.db.prisma, context.viewer, ids, request),
	).load(complaintId)
}

export function loadEventsPage(context: Context, complaintId: string, page: CursorPage): Promise<EventView[]> {
	const request = pageRequest('event', page)
	return pagedLoader(context, `events:${JSON.stringify(request)}`, (ids) =>
		pageEventsOfComplaints(context.services.db.prisma, context.viewer, ids, request),
	).load(complaintId)
}
