import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { Department } from '#app/generated/prisma/enums.ts'
import {
	ConflictError,
	DomainValidationError,
	InsufficientAuthorityError,
	InvalidTransitionError,
	NotFoundError,
	WorkflowRefusedError,
} from '../errors.ts'
import { viewerFromUser, type Viewer } from '../viewer.ts'
import { loadForChange, writeVersioned } from './change.ts'
import { appendEvent } from './events.ts'
import { can, complaintVisibleTo, permissionsOf, type ComplaintOwnership } from './permissions.ts'
import type { ComplaintDeps } from './ports.ts'
import { colleaguesWhere, MAX_BULK_ASSIGN, mayUseConsole, type Colleague } from './queue.ts'
import { refusalError } from './staff-command.ts'
import { refusalOf } from './workflow.ts'
import { loadWorkflowState } from './workflow-state.ts'

/**
 * Routing (004 §5.3.1): a complaint goes to the responsible department (责任部门) and a person
 * there. Internal work: the customer is not emailed and does not see it on their page.
 */

type Complaint = Awaited<ReturnType<typeof loadForChange>>

async function assertMayRoute(tx: Prisma.TransactionClient, viewer: Viewer, complaint: Complaint, now: Date) {
	const refusal = refusalOf(viewer, await loadWorkflowState(tx, complaint.id), 'route', now)
	if (refusal) throw refusalError('route', refusal, complaint.status)
}

/** The assignee must work in the console and be able to see this complaint (its region, say). */
async function checkedAssignee(tx: Prisma.TransactionClient, complaint: Complaint, assigneeId: string) {
	const user = await tx.user.findUnique({
		where: { id: assigneeId },
		select: {
			id: true,
			name: true,
			kind: true,
			staffRole: true,
			organizationId: true,
			organization: { select: { kind: true, regionId: true } },
		},
	})
	if (!user || !mayUseConsole(user) || !can(viewerFromUser(user), 'read', complaint))
		throw new DomainValidationError('assigneeId', 'console:assign.invalidAssignee')
	return user
}

async function applyRouting(
	tx: Prisma.TransactionClient,
	viewer: Viewer,
	complaint: Complaint,
	next: { department: Department | null; assigneeId: string | null },
	now: Date,
): Promise<{ version: number; changed: boolean }> {
	const assignee = next.assigneeId ? await checkedAssignee(tx, complaint, next.assigneeId) : null
	const departmentChanged = next.department !== complaint.department
	const assigneeChanged = next.assigneeId !== complaint.assigneeId
	if (!departmentChanged && !assigneeChanged) return { version: complaint.version, changed: false }
	const version = await writeVersioned(
		tx,
		complaint,
		{
			department: next.department,
			// when it reached the department it is with now (the routing clock of DESIGN.md §4)
			...(departmentChanged ? { routedAt: next.department ? now : null } : {}),
		},
		now,
	)
	// writeVersioned takes no relation keys (an updateMany "checked" input); the version check above
	// already holds the row for this transaction, so the assignee follows in a second write
	if (assigneeChanged) await tx.complaint.update({ where: { id: complaint.id }, data: { assigneeId: next.assigneeId } })
	const previous = complaint.assigneeId
		? await tx.user.findUnique({ where: { id: complaint.assigneeId }, select: { name: true } })
		: null
	await appendEvent(tx, {
		complaintId: complaint.id,
		actorId: viewer.userId,
		type: 'routed',
		visibility: 'INTERNAL',
		// names as they were, for the timeline; the ids in `changes` are what changed
		data: {
			department: next.department,
			assigneeId: next.assigneeId,
			assigneeName: assignee?.name ?? null,
			previousAssigneeName: previous?.name ?? null,
		},
		version,
		changes: {
			...(departmentChanged ? { department: { before: complaint.department, after: next.department } } : {}),
			...(assigneeChanged ? { assigneeId: { before: complaint.assigneeId, after: next.assigneeId } } : {}),
		},
		at: now,
	})
	return { version, changed: true }
}

/**
 * Routes the complaint to a department and (optionally) a person there. Sending the same
 * department and person again changes nothing and records nothing.
 */
export async function routeComplaint(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: { department: Department; assigneeId: string | null; expectedVersion?: number },
): Promise<{ version: number; changed: boolean }> {
	const now = deps.now?.() ?? new Date()
	return deps.db.$transaction(async (tx) => {
		const complaint = await loadForChange(tx, viewer, complaintId, 'route', { expectedVersion: input.expectedVersion })
		await assertMayRoute(tx, viewer, complaint, now)
		return applyRouting(tx, viewer, complaint, { department: input.department, assigneeId: input.assigneeId }, now)
	})
}

export type AssignFailure = 'not-found' | 'not-permitted' | 'wrong-status' | 'invalid-assignee' | 'conflict'
export type AssignOutcome =
	| { id: string; reference: string; ok: true; version: number; changed: boolean }
	| { id: string; reference: string | null; ok: false; code: AssignFailure }

function failureOf(error: unknown): AssignFailure | null {
	if (error instanceof NotFoundError) return 'not-found'
	if (error instanceof InsufficientAuthorityError) return 'not-permitted'
	if (error instanceof InvalidTransitionError || error instanceof WorkflowRefusedError) return 'wrong-status'
	if (error instanceof DomainValidationError) return 'invalid-assignee'
	if (error instanceof ConflictError) return 'conflict'
	return null
}

/**
 * Assigns each complaint to the person, keeping its department. Each complaint is its own
 * transaction: one that fails (someone else changed it, the person cannot see it) leaves the
 * others assigned, and the answer says, per complaint, what happened. Unexpected errors
 * (the database went away) are thrown.
 */
export async function assignComplaints(
	deps: ComplaintDeps,
	viewer: Viewer,
	ids: readonly string[],
	assigneeId: string,
): Promise<AssignOutcome[]> {
	const unique = [...new Set(ids)].slice(0, MAX_BULK_ASSIGN)
	const now = deps.now?.() ?? new Date()
	const references = new Map(
		(
			await deps.db.complaint.findMany({
				where: { AND: [complaintVisibleTo(viewer), { id: { in: unique } }] },
				select: { id: true, reference: true },
			})
		).map((c) => [c.id, c.reference]),
	)
	const outcomes: AssignOutcome[] = []
	for (const id of unique) {
		try {
			const result = await deps.db.$transaction(async (tx) => {
				const complaint = await loadForChange(tx, viewer, id, 'route')
				await assertMayRoute(tx, viewer, complaint, now)
				return applyRouting(tx, viewer, complaint, { department: complaint.department, assigneeId }, now)
			})
			outcomes.push({ id, reference: references.get(id) ?? '', ok: true, ...result })
		} catch (error) {
			const code = failureOf(error)
			if (!code) throw error
			outcomes.push({ id, reference: references.get(id) ?? null, ok: false, code })
		}
	}
	return outcomes
}

/**
 * The people the viewer may assign complaints to: none unless they may route; else head-office
 * staff, and staff and regional-office accounts of a region (each only for that region's
 * complaints). Given a complaint, only those who may take that one: head office, and the
 * people of the complaint's region, as routing checks each assignee (`checkedAssignee`).
 */
export async function assignableStaff(
	db: PrismaClient,
	viewer: Viewer,
	complaint?: ComplaintOwnership,
): Promise<Colleague[]> {
	if (!mayUseConsole(viewer) || !mayRouteSomething(viewer)) return []
	const where: Prisma.UserWhereInput = complaint
		? {
				AND: [
					colleaguesWhere(viewer),
					{
						OR: [
							{ organizationId: null },
							{ organization: { is: { kind: { not: 'REGIONAL_OFFICE' } } } },
							{ organization: { is: { kind: 'REGIONAL_OFFICE', regionId: complaint.regionId } } },
						],
					},
				],
			}
		: colleaguesWhere(viewer)
	const rows = await db.user.findMany({
		where,
		orderBy: [{ name: 'asc' }, { id: 'asc' }],
		select: {
			id: true,
			name: true,
			kind: true,
			staffRole: true,
			organizationId: true,
			organization: { select: { name: true, kind: true, regionId: true } },
		},
	})
	return (
		rows
			// the same test routing applies to the person chosen, so that the list offers no one it refuses
			.filter((user) => !complaint || can(viewerFromUser(user), 'read', complaint))
			.map(({ organization, organizationId: _organizationId, ...r }) => ({
				...r,
				organizationName: organization?.name ?? null,
			}))
	)
}

/** Whether the viewer holds the routing permission in any scope (the queue shows bulk assign). */
export function mayRouteSomething(viewer: Viewer): boolean {
	return permissionsOf(viewer).some(
		(p) => p === 'route:complaint:any' || (p === 'route:complaint:region' && viewer.regionId !== null),
	)
}
