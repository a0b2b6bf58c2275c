import type { Prisma } from '#app/generated/prisma/client.ts'
import { DomainValidationError, NotFoundError } from '../errors.ts'
import { findCustomerOrder, findCustomerOrderById, type CustomerOrder } from '../orders/customer-orders.ts'
import type { Viewer } from '../viewer.ts'
import {
	attachmentData,
	attachmentViewSelect,
	storageKeysOf,
	toAttachmentView,
	type AttachmentView,
} from './attachments.ts'
import type { ComplaintDeps, StoredFile } from './ports.ts'
import { DraftDataSchema, UPLOAD_LIMITS, WHOLE_ORDER, type DraftData } from './schemas.ts'

/**
 * A complaint being written. The guided form saves each step here as it goes, so a reload, a
 * closed tab or a second device loses nothing; photos are attached to the draft as they are
 * uploaded and move to the complaint when it is filed (file-complaint.ts).
 */

export interface DraftView {
	id: string
	data: DraftData
	order: CustomerOrder | null
	attachments: AttachmentView[]
	updatedAt: Date
}

function readData(value: Prisma.JsonValue): DraftData {
	const parsed = DraftDataSchema.safeParse(value)
	// a draft written by an older version of the form: keep what still fits, drop the rest
	return parsed.success ? parsed.data : {}
}

async function ownDraft(db: Prisma.TransactionClient, viewer: Viewer, draftId: string) {
	if (viewer.kind !== 'CUSTOMER') throw new NotFoundError('ComplaintDraft')
	const draft = await db.complaintDraft.findFirst({ where: { id: draftId, customerId: viewer.userId } })
	if (!draft) throw new NotFoundError('ComplaintDraft')
	return draft
}

export async function startDraft({ db }: ComplaintDeps, viewer: Viewer): Promise<{ id: string }> {
	if (viewer.kind !== 'CUSTOMER') throw new NotFoundError('ComplaintDraft')
	return db.complaintDraft.create({ data: { customerId: viewer.userId, data: {} }, select: { id: true } })
}

/** The customer's unfinished drafts, newest first, to offer "continue where you left off". */
export async function listDrafts({ db }: ComplaintDeps, viewer: Viewer) {
	if (viewer.kind !== 'CUSTOMER') return []
	const rows = await db.complaintDraft.findMany({
		where: { customerId: viewer.userId },
		orderBy: { updatedAt: 'desc' },
		take: 10,
		select: { id: true, data: true, updatedAt: true, _count: { select: { attachments: true } } },
	})
	return rows.map((r) => ({ id: r.id, data: readData(r.data), updatedAt: r.updatedAt, files: r._count.attachments }))
}

export async function getDraft({ db }: ComplaintDeps, viewer: Viewer, draftId: string): Promise<DraftView> {
	const draft = await ownDraft(db, viewer, draftId)
	const data = readData(draft.data)
	const [order, attachments] = await Promise.all([
		data.orderId ? findCustomerOrderById(db, viewer, data.orderId) : null,
		db.attachment.findMany({ where: { draftId }, orderBy: { createdAt: 'asc' }, select: attachmentViewSelect }),
	])
	return { id: draft.id, data, order, attachments: attachments.map(toAttachmentView), updatedAt: draft.updatedAt }
}

async function writeData(db: Prisma.TransactionClient, draftId: string, data: DraftData) {
	await db.complaintDraft.update({ where: { id: draftId }, data: { data: data as Prisma.InputJsonValue } })
}

/**
 * Step 1: the order, by the number the customer typed. Unknown and someone else's orders get
 * the same answer. An order with a single line chooses that line too.
 */
export async function chooseOrder(
	{ db }: ComplaintDeps,
	viewer: Viewer,
	draftId: string,
	orderNumber: string,
): Promise<CustomerOrder> {
	const draft = await ownDraft(db, viewer, draftId)
	const order = await findCustomerOrder(db, viewer, orderNumber)
	if (!order) throw new DomainValidationError('orderNumber', 'validation:orderNotFound', { orderNumber })
	const data = readData(draft.data)
	const sameOrder = data.orderId === order.id
	const onlyLine = order.lines.length === 1 ? order.lines[0]!.id : undefined
	await writeData(db, draftId, {
		...data,
		orderId: order.id,
		orderNumber: order.orderNumber,
		orderLineId: sameOrder ? data.orderLineId : onlyLine,
	})
	return order
}

/** Step 2: one line of the order, or the order as a whole (`WHOLE_ORDER`). */
export async function chooseLine({ db }: ComplaintDeps, viewer: Viewer, draftId: string, orderLineId: string) {
	const draft = await ownDraft(db, viewer, draftId)
	const data = readData(draft.data)
	const order = data.orderId ? await findCustomerOrderById(db, viewer, data.orderId) : null
	if (!order) throw new DomainValidationError('draft', 'validation:draftIncomplete', { step: 'order' })
	if (orderLineId !== WHOLE_ORDER && !order.lines.some((l) => l.id === orderLineId))
		throw new DomainValidationError('orderLineId', 'validation:orderLineNotFound')
	await writeData(db, draftId, { ...data, orderLineId: orderLineId === WHOLE_ORDER ? null : orderLineId })
}

/** The later steps: fields already checked by the step's schema, merged into the draft. */
export async function saveDraftStep(
	{ db }: ComplaintDeps,
	viewer: Viewer,
	draftId: string,
	patch: Omit<Partial<DraftData>, 'orderId' | 'orderNumber' | 'orderLineId'>,
) {
	const draft = await ownDraft(db, viewer, draftId)
	await writeData(db, draftId, { ...readData(draft.data), ...patch })
}

/**
 * Records an uploaded file on the draft. The draft row is locked while counting, so two
 * uploads racing for the tenth place cannot both win.
 */
export async function addDraftAttachment(
	{ db }: ComplaintDeps,
	viewer: Viewer,
	draftId: string,
	file: StoredFile,
): Promise<AttachmentView> {
	return db.$transaction(async (tx) => {
		await ownDraft(tx, viewer, draftId)
		await tx.$queryRaw`SELECT 1 FROM "ComplaintDraft" WHERE "id" = ${draftId} FOR UPDATE`
		const count = await tx.attachment.count({ where: { draftId } })
		if (count >= UPLOAD_LIMITS.maxFilesPerComplaint)
			throw new DomainValidationError('photos', 'validation:tooManyFiles', { max: UPLOAD_LIMITS.maxFilesPerComplaint })
		const row = await tx.attachment.create({
			data: { ...attachmentData(file, viewer.userId), draftId },
			select: attachmentViewSelect,
		})
		await tx.complaintDraft.update({ where: { id: draftId }, data: { updatedAt: new Date() } })
		return toAttachmentView(row)
	})
}

/** How many more files the draft takes, for the upload pipeline's count check. */
export async function draftAttachmentCount({ db }: ComplaintDeps, viewer: Viewer, draftId: string): Promise<number> {
	await ownDraft(db, viewer, draftId)
	return db.attachment.count({ where: { draftId } })
}

/** Removes a file before filing; returns the storage keys for the caller to delete after. */
export async function removeDraftAttachment(
	{ db }: ComplaintDeps,
	viewer: Viewer,
	draftId: string,
	attachmentId: string,
): Promise<string[]> {
	return db.$transaction(async (tx) => {
		await ownDraft(tx, viewer, draftId)
		const row = await tx.attachment.findFirst({
			where: { id: attachmentId, draftId },
			select: { id: true, storageKey: true, thumbnailKey: true },
		})
		if (!row) throw new NotFoundError('Attachment')
		await tx.attachment.delete({ where: { id: row.id } })
		return storageKeysOf([row])
	})
}

/** Throws the draft away with its files; returns the storage keys for the caller to delete. */
export async function discardDraft({ db }: ComplaintDeps, viewer: Viewer, draftId: string): Promise<string[]> {
	return db.$transaction(async (tx) => {
		await ownDraft(tx, viewer, draftId)
		const rows = await tx.attachment.findMany({ where: { draftId }, select: { storageKey: true, thumbnailKey: true } })
		await tx.attachment.deleteMany({ where: { draftId } })
		await tx.complaintDraft.delete({ where: { id: draftId } })
		return storageKeysOf(rows)
	})
}

/** How long an untouched draft is kept: long enough for a holiday, short enough not to hoard photos. */
export const DRAFT_RETENTION_DAYS = 30

/**
 * Removes drafts nobody has touched since `cutoff`, with their attachment rows, and returns the
 * storage keys for the caller to delete once the transaction has committed. A draft touched
 * while this runs is skipped (the delete re-checks `updatedAt`).
 */
export async function purgeAbandonedDrafts(
	{ db }: Pick<ComplaintDeps, 'db'>,
	cutoff: Date,
	batch = 50,
): Promise<{ drafts: number; storageKeys: string[] }> {
	const stale = await db.complaintDraft.findMany({
		where: { updatedAt: { lt: cutoff } },
		select: { id: true },
		orderBy: { updatedAt: 'asc' },
		take: batch,
	})
	let drafts = 0
	const storageKeys: string[] = []
	for (const { id } of stale) {
		const keys = await db.$transaction(async (tx) => {
			const locked = await tx.$queryRaw<Array<{ id: string }>>`
				SELECT "id" FROM "ComplaintDraft" WHERE "id" = ${id} AND "updatedAt" < ${cutoff} FOR UPDATE`
			if (locked.length === 0) return null
			const rows = await tx.attachment.findMany({
				where: { draftId: id },
				select: { storageKey: true, thumbnailKey: true },
			})
			await tx.attachment.deleteMany({ where: { draftId: id } })
			await tx.complaintDraft.delete({ where: { id } })
			return storageKeysOf(rows)
		})
		if (keys) {
			drafts++
			storageKeys.push(...keys)
		}
	}
	return { drafts, storageKeys }
}
