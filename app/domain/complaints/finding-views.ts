import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { FindingKind, Responsibility } from '#app/generated/prisma/enums.ts'
import type { Viewer } from '../viewer.ts'
import { participant, type Participant } from './complaint-parts.ts'
import type { ComplaintEventType } from './events.ts'
import { complaintVisibleTo, visibilitiesFor } from './permissions.ts'

/**
 * Reading the investigation's findings (findings.ts records them) for the API, as the staff case
 * page shows them (case-view.ts): a finding has no visibility of its own but is as visible as the
 * timeline event that recorded it. Staff read every finding; dealers and regional offices those
 * recorded for partners (a regional office's own visits and samples), never the company's
 * internal ones; customers none (they read the outcome in the written reply).
 */

type Db = PrismaClient | Prisma.TransactionClient

/** The events that record a finding, with its id in `data.findingId`. */
const RECORDING_EVENTS: readonly ComplaintEventType[] = ['finding_recorded', 'responsibility_determined']

export interface FindingView {
	id: string
	complaintId: string
	kind: FindingKind
	occurredAt: Date
	summary: string
	sampleReference: string | null
	responsibility: Responsibility | null
	createdAt: Date
	author: Participant
}

const findingSelect = {
	id: true,
	complaintId: true,
	kind: true,
	occurredAt: true,
	summary: true,
	sampleReference: true,
	responsibility: true,
	createdAt: true,
	author: { select: { name: true, kind: true } },
} as const satisfies Prisma.ComplaintFindingSelect

/** Whether the viewer reads findings at all; which ones, visibleFindings decides. */
export function seesFindings(viewer: Viewer | null): viewer is Viewer {
	return viewer !== null && viewer.kind !== 'CUSTOMER'
}

/**
 * The findings matching `where` on complaints the viewer may read, oldest first (as the case page
 * lists them), narrowed for anyone who does not read internal events to those whose recording
 * event they may read: one more statement, for all the complaints at once.
 */
async function visibleFindings(
	db: Db,
	viewer: Viewer,
	where: Prisma.ComplaintFindingWhereInput,
): Promise<FindingView[]> {
	const rows = await db.complaintFinding.findMany({
		where: { AND: [where, { complaint: { is: complaintVisibleTo(viewer) } }] },
		orderBy: [{ occurredAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
		select: findingSelect,
	})
	const visibilities = visibilitiesFor(viewer)
	let shown = rows
	if (!visibilities.includes('INTERNAL') && rows.length > 0) {
		const events = await db.complaintEvent.findMany({
			where: {
				complaintId: { in: [...new Set(rows.map((r) => r.complaintId))] },
				type: { in: [...RECORDING_EVENTS] },
				visibility: { in: visibilities },
			},
			select: { data: true },
		})
		const recorded = new Set(events.map((e) => findingIdOf(e.data)).filter((id): id is string => id !== null))
		shown = rows.filter((r) => recorded.has(r.id))
	}
	return shown.map(({ author, ...r }) => ({ ...r, author: participant(author)! }))
}

function findingIdOf(data: Prisma.JsonValue | null): string | null {
	if (!data || typeof data !== 'object' || Array.isArray(data)) return null
	const id = (data as Record<string, unknown>).findingId
	return typeof id === 'string' ? id : null
}

/** Each complaint's findings the viewer may read, oldest first. */
export async function findFindingsOfComplaints(
	db: Db,
	viewer: Viewer | null,
	complaintIds: readonly string[],
): Promise<FindingView[][]> {
	if (!seesFindings(viewer) || complaintIds.length === 0) return complaintIds.map(() => [])
	const rows = await visibleFindings(db, viewer, { complaintId: { in: [...complaintIds] } })
	const byComplaint = new Map<string, FindingView[]>(complaintIds.map((id) => [id, []]))
	for (const row of rows) byComplaint.get(row.complaintId)?.push(row)
	return complaintIds.map((id) => byComplaint.get(id) ?? [])
}

/** Findings by id, for `node`: absent when the viewer may not read them. */
export function findFindingsVisibleTo(db: Db, viewer: Viewer | null, ids: readonly string[]): Promise<FindingView[]> {
	if (!seesFindings(viewer) || ids.length === 0) return Promise.resolve([])
	return visibleFindings(db, viewer, { id: { in: [...ids] } })
}
