import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { DomainValidationError, NotFoundError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import { mayUseConsole, parseQueueQuery, queueQueryString } from './queue.ts'

/**
 * A staff member's own named queue filters ("my key accounts in 华东"): the queue's query string
 * under a name. Each person sees and deletes only their own.
 */

export const VIEW_NAME_MAX = 40
export const MAX_SAVED_VIEWS = 30

export interface SavedQueueViewItem {
	id: string
	name: string
	/** the queue's query string, canonical, without the page */
	query: string
}

export async function listSavedQueueViews(db: PrismaClient, viewer: Viewer): Promise<SavedQueueViewItem[]> {
	if (!mayUseConsole(viewer)) return []
	return db.savedQueueView.findMany({
		where: { userId: viewer.userId },
		orderBy: [{ name: 'asc' }, { id: 'asc' }],
		select: { id: true, name: true, query: true },
	})
}

/**
 * Saves the filter under the name; saving again under a name one already has replaces what it
 * holds. The query is stored in its canonical form, so nothing the queue would ignore is kept.
 */
export async function saveQueueView(
	db: PrismaClient,
	viewer: Viewer,
	input: { name: string; query: string },
): Promise<SavedQueueViewItem> {
	if (!mayUseConsole(viewer)) throw new NotFoundError('SavedQueueView')
	const name = input.name.normalize('NFC').replace(/\s+/g, ' ').trim()
	if (!name) throw new DomainValidationError('name', 'validation:required')
	if (name.length > VIEW_NAME_MAX)
		throw new DomainValidationError('name', 'console:views.nameTooLong', { max: VIEW_NAME_MAX })
	const query = queueQueryString(parseQueueQuery(new URLSearchParams(input.query)), { withPage: false })
	return db.$transaction(async (tx) => {
		const existing = await tx.savedQueueView.findUnique({ where: { userId_name: { userId: viewer.userId, name } } })
		if (existing) {
			return tx.savedQueueView.update({
				where: { id: existing.id },
				data: { query },
				select: { id: true, name: true, query: true },
			})
		}
		if ((await tx.savedQueueView.count({ where: { userId: viewer.userId } })) >= MAX_SAVED_VIEWS)
			throw new DomainValidationError('name', 'console:views.tooMany', { max: MAX_SAVED_VIEWS })
		return tx.savedQueueView.create({
			data: { userId: viewer.userId, name, query },
			select: { id: true, name: true, query: true },
		})
	})
}

/** Deletes one of the viewer's own views; someone else's is NotFound, like a missing one. */
export async function deleteQueueView(db: PrismaClient, viewer: Viewer, id: string): Promise<void> {
	const { count } = await db.savedQueueView.deleteMany({ where: { id, userId: viewer.userId } })
	if (count === 0) throw new NotFoundError('SavedQueueView')
}
