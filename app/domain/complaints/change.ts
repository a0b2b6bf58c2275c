import type { Prisma } from '#app/generated/prisma/client.ts'
import type { ComplaintStatus } from '#app/generated/prisma/enums.ts'
import { ConflictError, InsufficientAuthorityError, InvalidTransitionError, NotFoundError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import { can, complaintVisibleTo, type ComplaintAction } from './permissions.ts'

/**
 * The shared first and last steps of every command that changes a complaint: load it as the
 * viewer may see it (else NotFound), check the permission (else InsufficientAuthority), and
 * write with the version it was read at (else Conflict), so two people acting at once cannot
 * both win on stale data.
 */
export async function loadForChange(
	tx: Prisma.TransactionClient,
	viewer: Viewer,
	complaintId: string,
	action: ComplaintAction,
) {
	const complaint = await tx.complaint.findFirst({ where: { AND: [complaintVisibleTo(viewer), { id: complaintId }] } })
	if (!complaint) throw new NotFoundError('Complaint')
	if (!can(viewer, action, complaint)) throw new InsufficientAuthorityError(`${action}:complaint`)
	return complaint
}

export function assertStatus(action: string, status: ComplaintStatus, allowed: readonly ComplaintStatus[]) {
	if (!allowed.includes(status)) throw new InvalidTransitionError(action, status)
}

export async function writeVersioned(
	tx: Prisma.TransactionClient,
	complaint: { id: string; version: number },
	data: Prisma.ComplaintUpdateManyMutationInput,
) {
	const { count } = await tx.complaint.updateMany({
		where: { id: complaint.id, version: complaint.version },
		data: { ...data, version: { increment: 1 } },
	})
	if (count !== 1) throw new ConflictError()
}
