import type { Prisma } from '#app/generated/prisma/client.ts'
import type { ComplaintStatus } from '#app/generated/prisma/enums.ts'
import {
	ConflictError,
	InsufficientAuthorityError,
	InvalidTransitionError,
	NotFoundError,
	type MissedChange,
} from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import { can, complaintVisibleTo, type ComplaintAction } from './permissions.ts'
import { serviceRecordOf, type ServiceRecordBefore } from './service-record.ts'

/**
 * The shared first and last steps of every command that changes a complaint: load it as the
 * viewer may see it (else NotFound), check the permission (else InsufficientAuthority), and
 * write with the version it was read at (else Conflict), so two people acting at once cannot
 * both win on stale data.
 *
 * Staff forms also send the version they were rendered at (`expectedVersion`): if the case moved
 * on since, the command refuses with the changes the person missed, rather than acting on a page
 * that no longer shows the truth.
 */
export async function loadForChange(
	tx: Prisma.TransactionClient,
	viewer: Viewer,
	complaintId: string,
	action: ComplaintAction,
	options: { expectedVersion?: number } = {},
) {
	const complaint = await tx.complaint.findFirst({ where: { AND: [complaintVisibleTo(viewer), { id: complaintId }] } })
	if (!complaint) throw new NotFoundError('Complaint')
	if (!can(viewer, action, complaint)) throw new InsufficientAuthorityError(`${action}:complaint`)
	if (options.expectedVersion !== undefined && options.expectedVersion !== complaint.version)
		throw new ConflictError(undefined, await changesSince(tx, complaintId, options.expectedVersion))
	return complaint
}

/** The events recorded after `version`, as a stale form's "meanwhile" list. */
export async function changesSince(
	tx: Prisma.TransactionClient,
	complaintId: string,
	version: number,
): Promise<MissedChange[]> {
	const events = await tx.complaintEvent.findMany({
		where: { complaintId, version: { gt: version } },
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: {
			type: true,
			createdAt: true,
			fromStatus: true,
			toStatus: true,
			changes: true,
			actor: { select: { name: true } },
		},
	})
	return events.map((e) => ({
		type: e.type,
		actorName: e.actor?.name ?? null,
		at: e.createdAt,
		fromStatus: e.fromStatus,
		toStatus: e.toStatus,
		changes: (e.changes as MissedChange['changes']) ?? null,
	}))
}

export function assertStatus(action: string, status: ComplaintStatus, allowed: readonly ComplaintStatus[]) {
	if (!allowed.includes(status)) throw new InvalidTransitionError(action, status)
}

/**
 * Writes the change at the version it was read at; returns the new version for the event. Every
 * command's write passes here, so the service record the reports read (service-record.ts: when
 * the case was answered, whether a promise ran out) follows from the change at `now`.
 */
export async function writeVersioned(
	tx: Prisma.TransactionClient,
	complaint: { id: string; version: number } & ServiceRecordBefore,
	data: Prisma.ComplaintUpdateManyMutationInput,
	now: Date = new Date(),
): Promise<number> {
	const { count } = await tx.complaint.updateMany({
		where: { id: complaint.id, version: complaint.version },
		data: { ...data, ...serviceRecordOf(complaint, data, now), version: { increment: 1 } },
	})
	if (count !== 1) throw new ConflictError()
	return complaint.version + 1
}
