import type { PrismaClient } from '#app/generated/prisma/client.ts'
import type { Viewer } from '../viewer.ts'
import type { ComplaintUpdate } from './announcements.ts'
import { findEventsVisibleTo, type EventView } from './complaint-parts.ts'
import { permissionsOf, visibilitiesFor } from './permissions.ts'
import { findComplaintsVisibleTo } from './queries.ts'

/**
 * Who hears of which committed change (GraphQL `complaintUpdated`): exactly the events the
 * viewer could read in the complaint's timeline (`Complaint.events`), on complaints they may
 * see. A customer never hears of an internal note, a routing or an approval, nor of a partner
 * note; a dealer hears of its own complaints only; staff hear of everything in their scope.
 */

/**
 * Whether the viewer may follow complaints at all: they hold some `read` permission. An API
 * token without READ_COMPLAINTS holds none (api-tokens/scopes.ts), so it is refused up front
 * rather than given a stream that never says anything.
 */
export function mayFollowComplaints(viewer: Viewer): boolean {
	return permissionsOf(viewer).some((permission) => permission.startsWith('read:'))
}

/** Whether the complaint someone asks to follow exists for them ("not found" and "not theirs" alike). */
export async function mayFollowComplaint(db: PrismaClient, viewer: Viewer, complaintId: string): Promise<boolean> {
	return (await findComplaintsVisibleTo(db, viewer, [complaintId])).length > 0
}

/**
 * The event behind `update` as the viewer may read it, or null when they are not to hear of it.
 * The announcement's own complaint id and visibility rule most updates out without a query; the
 * event itself is then read through complaintVisibleTo and the viewer's visibilities, as the
 * timeline reads it, so the decision rests on the database and never on the message alone.
 */
export async function eventForFollower(
	db: PrismaClient,
	viewer: Viewer,
	update: ComplaintUpdate,
	following: { complaintId: string | null },
): Promise<EventView | null> {
	if (following.complaintId !== null && update.complaintId !== following.complaintId) return null
	if (!visibilitiesFor(viewer).includes(update.visibility)) return null
	const [event] = await findEventsVisibleTo(db, viewer, [update.eventId])
	return event ?? null
}
