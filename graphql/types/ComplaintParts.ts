import { createContextCache } from '@pothos/core'
import DataLoader from 'dataloader'
import { GraphQLError } from 'graphql'
import {
	findAttachmentsOfMessages,
	findAttachmentsVisibleTo,
	findEventsVisibleTo,
	findMessagesVisibleTo,
	findProposalsVisibleTo,
	pageEventsOfComplaints,
	pageMessagesOfComplaints,
	type EventView,
	type MessageView,
	type PageRequest,
	type Participant,
	type ProposalView,
} from '#app/domain/complaints/complaint-parts.ts'
import { auditChangesOf, seesAuditTrail } from '#app/domain/complaints/case-view.ts'
import type { MessageVisibility } from '#app/generated/prisma/enums.ts'
import { signedAttachmentUrl, signedUrlExpiry } from '#app/uploads/signed-urls.server.ts'
import type { Context } from '../context.ts'
import { builder } from '../builder.ts'
import { AttachmentKindEnum, MessageVisibilityEnum, ParticipantSideEnum, ProposalStatusEnum } from './ComplaintEnums.ts'
import { ComplaintStatusEnum } from './ComplaintStatus.ts'
import { CostBearerEnum, RequestedRemedyEnum } from './WorkflowEnums.ts'

/** The record types hanging off a Complaint: its customer, messages, events, files and proposals. */

/** One expiry for every address in an answer, so that `url`, `thumbnailUrl` and `urlExpiresAt` agree. */
const urlExpiry = createContextCache(() => signedUrlExpiry(new Date()))

interface FieldChange {
	field: string
	before: unknown
	after: unknown
}

const FieldChangeType = builder.objectRef<FieldChange>('ComplaintFieldChange').implement({
	description: 'One field of a complaint as a change set it: its value before and after, as recorded.',
	fields: (t) => ({
		field: t.exposeString('field', {
			description:
				'The field, as the audit names it: `status`, `assignee` (by name), `department`, `responsibility`, `slaDueAt`…',
		}),
		before: t.field({
			type: 'JSON',
			nullable: true,
			description: 'The value before the change; null when it had none.',
			resolve: (change) => change.before ?? null,
		}),
		after: t.field({
			type: 'JSON',
			nullable: true,
			description: 'The value after the change; null when it has none.',
			resolve: (change) => change.after ?? null,
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
				'A signed address to download the file from, until `urlExpiresAt` (an hour or a little more): it needs no session nor token, so whoever holds it may fetch the file until then; keep it as private as the file. Images are served inline, PDFs as downloads, with the type detected from the bytes. An expired or altered address answers 404: read the attachment again for a fresh one. Addresses given out within the same five minutes are the same, so caches work.',
			resolve: (attachment, _args, context) =>
				signedAttachmentUrl(context.services.config, attachment.id, 'original', urlExpiry(context)),
		}),
		thumbnailUrl: t.string({
			nullable: true,
			description: 'A 320-pixel WebP preview of a photo, signed and expiring like `url`; null for a PDF.',
			resolve: (attachment, _args, context) =>
				attachment.hasThumbnail
					? signedAttachmentUrl(context.services.config, attachment.id, 'thumbnail', urlExpiry(context))
					: null,
		}),
		urlExpiresAt: t.field({
			type: 'DateTime',
			description: 'When `url` and `thumbnailUrl` stop working.',
			resolve: (_attachment, _args, context) => urlExpiry(context),
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

export const ComplaintEventType = builder.loadableNode('ComplaintEvent', {
	description:
		'One entry of a complaint’s timeline: filed, acknowledged, a reply, a status change. Visibility as for messages.',
	authScopes: { signedIn: true },
	id: { resolve: (event: EventView) => event.id },
	load: (ids: string[], context: Context) => findEventsVisibleTo(context.services.db.prisma, context.viewer, ids),
	sort: (event) => event.id,
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
		version: t.exposeInt('version', {
			nullable: true,
			description:
				'The complaint’s `version` after this change, for matching a change to what a mutation’s `expectedVersion` was; null for changes recorded before versions, and for entries that changed nothing.',
		}),
		changes: t.field({
			type: [FieldChangeType],
			nullable: true,
			description:
				'The audit record: each field the change set, with its value before and after. Staff only; null for everyone else, and when the entry changed no field.',
			authScopes: (_event, _args, context) => seesAuditTrail(context.viewer),
			resolve: (event) => {
				const changes = auditChangesOf(event.changes, event.data)
				return changes ? Object.entries(changes).map(([field, change]) => ({ field, ...change })) : null
			},
		}),
	}),
})

export const ResolutionProposalType = builder.loadableNode('ResolutionProposal', {
	description:
		'A resolution the company proposes: what, how much, and who pays. Staff see every proposal of a complaint they may see; the customer, the dealer and the regional office those put to the customer.',
	authScopes: { signedIn: true },
	id: { resolve: (proposal: ProposalView) => proposal.id },
	load: (ids: string[], context: Context) => findProposalsVisibleTo(context.services.db.prisma, context.viewer, ids),
	sort: (proposal) => proposal.id,
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
