import * as z from 'zod'
import { encodeMessage } from '#app/components/filing/messages.tsx'
import { MAX_BULK_ASSIGN } from '#app/domain/complaints/queue.ts'
import { VIEW_NAME_MAX } from '#app/domain/complaints/saved-queue-views.ts'

/**
 * The queue page's forms, each posting its `intent`: bulk assignment (the rows' checkboxes and a
 * person), saving the current filters under a name, and deleting a saved view. The filters
 * themselves are a GET form: they live in the query string.
 */

export const QUEUE_INTENTS = ['assign', 'save-view', 'delete-view'] as const
export type QueueIntent = (typeof QUEUE_INTENTS)[number]

export function isQueueIntent(value: unknown): value is QueueIntent {
	return typeof value === 'string' && (QUEUE_INTENTS as readonly string[]).includes(value)
}

export const BulkAssignSchema = z.object({
	ids: z
		.array(z.string().max(64), { error: 'console:assign.noneSelected' })
		.min(1, { error: 'console:assign.noneSelected' })
		.max(MAX_BULK_ASSIGN),
	assigneeId: z
		.string({ error: 'console:assign.chooseAssignee' })
		.min(1, { error: 'console:assign.chooseAssignee' })
		.max(64),
})

export const SaveViewSchema = z.object({
	name: z
		.string({ error: 'validation:required' })
		.trim()
		.min(1, { error: 'validation:required' })
		.max(VIEW_NAME_MAX, { error: encodeMessage('console:views.nameTooLong', { max: VIEW_NAME_MAX }) }),
	query: z.string().max(2000).default(''),
})

export const DeleteViewSchema = z.object({ viewId: z.string().min(1).max(64) })
