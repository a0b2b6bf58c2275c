import { initContextCache } from '@pothos/core'
import { GraphQLError } from 'graphql'
import { Repeater } from 'graphql-yoga'
import type { EventView } from '#app/domain/complaints/complaint-parts.ts'
import { eventForFollower, mayFollowComplaint, mayFollowComplaints } from '#app/domain/complaints/live-updates.ts'
import { stillAuthenticated, type Context } from '../context.ts'
import { builder } from '../builder.ts'
import { unauthenticatedError } from '../errors.ts'
import { ComplaintNode } from './Complaint.ts'
import { ComplaintEventType } from './ComplaintParts.ts'

/**
 * `complaintUpdated`: the changes committed to complaints, as they happen, to whoever may see
 * them. The commands announce each event once its transaction has committed
 * (app/domain/complaints/announcements.ts) through the app's pubsub (app/complaints/updates.server.ts,
 * Redis when configured); each subscription keeps what its viewer may read
 * (app/domain/complaints/live-updates.ts) and loads the complaint as that viewer sees it.
 */

builder.subscriptionType({
	description: [
		'Live updates, streamed as Server-Sent Events (GraphQL over SSE, "distinct connections" mode, which the `graphql-sse` client speaks):',
		'send the subscription like a query, with `Accept: text/event-stream`, as a POST with `Content-Type: application/json`;',
		'a GET (`?query=…`) with a session cookie also needs a non-empty `x-graphql-csrf` header, so browsers must use fetch rather than EventSource.',
		'Each update arrives as an `event: next` message, and comments (`:`) keep the connection alive.',
		'The stream ends with `event: complete`, also when the server shuts down: reconnect, and query what may have changed meanwhile.',
		'Updates are hints delivered at most once, never a log to replay; the complaint’s `events` are the record.',
		'Authenticated like queries, by session cookie or API token (which needs READ_COMPLAINTS), and checked again before each update:',
		'when the session ends or the token is revoked or expires, the next update is an UNAUTHENTICATED error and the stream ends.',
		'A subscription’s query cost is charged once, when it starts; the updates it then receives cost nothing.',
	].join(' '),
})

const ComplaintUpdateType = builder.objectRef<EventView>('ComplaintUpdate').implement({
	description: 'A change to a complaint the subscriber may see: the event that recorded it, and the complaint.',
	fields: (t) => ({
		complaint: t.field({
			type: ComplaintNode,
			description:
				'The complaint as the subscriber may see it, read when the update is delivered: it includes this change, and any made since.',
			resolve: (event) => event.complaintId,
		}),
		event: t.field({
			type: ComplaintEventType,
			description:
				'What happened: the timeline entry with its `type` (`reply`, `note`, `status_changed`, …) and, when the status changed, `fromStatus` and `toStatus`. Only entries the subscriber could read in the complaint’s `events` are sent: customers never hear of internal or partner notes, routing or approvals.',
			resolve: (event) => event,
		}),
	}),
})

builder.subscriptionField('complaintUpdated', (t) =>
	t.field({
		type: ComplaintUpdateType,
		description:
			'Every change committed to a complaint the viewer may see, from now on: customers their own, dealers those on orders they sold, regional offices their region, staff all. A change that is rolled back is never sent. Anonymous requests are refused (UNAUTHENTICATED), and so are API tokens without READ_COMPLAINTS (FORBIDDEN).',
		args: {
			id: t.arg.globalID({
				for: ComplaintNode,
				required: false,
				description:
					'Follow this complaint only. When it does not exist or the viewer may not see it, the stream ends at once without an update.',
			}),
		},
		subscribe: (_root, args, context) => follow(context, args.id?.id ?? null),
		resolve: (update: EventView | Error, _args, context) => {
			// One context serves the whole stream: each update is read afresh, not from the
			// dataloaders that answered the one before it.
			Object.assign(context, initContextCache())
			if (update instanceof Error) throw update
			return update
		},
	}),
)

async function follow(context: Context, complaintId: string | null): Promise<AsyncIterable<EventView | Error>> {
	const { viewer, services } = context
	if (!viewer) throw unauthenticatedError('Sign in, or send an API token as `Authorization: Bearer <token>`.')
	if (!mayFollowComplaints(viewer))
		throw new GraphQLError('You may not read complaints: an API token needs the READ_COMPLAINTS scope.', {
			extensions: { code: 'FORBIDDEN', http: { status: 403 } },
		})
	const db = services.db.prisma
	if (complaintId !== null && !(await mayFollowComplaint(db, viewer, complaintId)))
		return new Repeater<EventView>((_push, stop) => stop())
	const updates = services.complaintUpdates.subscribe()
	return new Repeater<EventView | Error>(async (push, stop) => {
		void stop.then(() => updates.return?.())
		for await (const update of updates) {
			try {
				const event = await eventForFollower(db, viewer, update, { complaintId })
				if (!event) continue
				if (!(await stillAuthenticated(context))) {
					await push(unauthenticatedError('The session or API token this subscription started with has ended.'))
					break
				}
				await push(event)
			} catch (error) {
				// The update could not be checked (the database is away): the subscriber gets an
				// error in its place, masked, and knows to look again; the stream goes on.
				services.logger.error({ err: error, eventId: update.eventId }, 'complaint update not delivered')
				await push(error instanceof Error ? error : new Error(String(error)))
			}
		}
		stop()
	})
}
