import type { Complaint, Prisma } from '#app/generated/prisma/client.ts'
import type { MessageVisibility } from '#app/generated/prisma/enums.ts'
import { pendingApprovalChange, supersedeWaitingProposal } from '../approvals/supersede.ts'
import {
	ConflictError,
	DomainValidationError,
	InsufficientAuthorityError,
	InvalidTransitionError,
	WorkflowRefusedError,
} from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import { attachmentData } from './attachments.ts'
import { changesSince, loadForChange, writeVersioned } from './change.ts'
import { serviceClockFor } from './clock.ts'
import { appendEvent, type ComplaintEventType } from './events.ts'
import type { ComplaintDeps, StoredFile } from './ports.ts'
import { UPLOAD_LIMITS } from './schemas.ts'
import type { ServiceClock } from './service-level.ts'
import { refusalOf, type StaffAction, type WorkflowState } from './workflow.ts'
import { loadWorkflowState } from './workflow-state.ts'

/**
 * The shape every staff workflow command shares (staff-actions.ts, notes.ts, findings.ts), in
 * one transaction: load the complaint as the viewer may see it at the version their form
 * showed, ask workflow.ts whether the action applies, write the complaint at that version,
 * then record the event (with the new version and what it changed) and, for a change the
 * customer can see, their email. A refusal throws before anything is written.
 */

export interface StaffCommandInput {
	/** the complaint's version the form was rendered at; a newer one is a ConflictError */
	expectedVersion?: number
}

export interface StaffCommand {
	deps: ComplaintDeps
	tx: Prisma.TransactionClient
	viewer: Viewer
	action: StaffAction
	/** the complaint as loaded, before the change */
	complaint: Complaint
	state: WorkflowState
	now: Date
	/** the region's working-time clock, read when a command needs it */
	clock(): Promise<ServiceClock>
}

/** Maps a workflow refusal to the error routes and GraphQL already tell apart. */
export function refusalError(action: StaffAction, refusal: string, status: string): Error {
	switch (refusal) {
		case 'NOT_PERMITTED':
			return new InsufficientAuthorityError(`${action}:complaint`)
		case 'WRONG_STATUS':
			return new InvalidTransitionError(action, status)
		default:
			return new WorkflowRefusedError(action, refusal)
	}
}

/**
 * Runs `body` as `action` on the complaint. `choose` may pick the action from the loaded
 * complaint (a reply that is the acknowledgement of a new complaint); `action` is then the
 * permission the complaint is loaded with.
 */
export async function runStaffCommand<T>(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	action: StaffAction,
	input: StaffCommandInput,
	body: (command: StaffCommand) => Promise<T>,
	choose?: (complaint: Complaint) => StaffAction,
): Promise<T> {
	const now = deps.now?.() ?? new Date()
	return deps.db.$transaction(async (tx) => {
		const complaint = await loadForChange(tx, viewer, complaintId, action, { expectedVersion: input.expectedVersion })
		const chosen = choose?.(complaint) ?? action
		const state = await loadWorkflowState(tx, complaintId)
		const refusal = refusalOf(viewer, state, chosen, now)
		if (refusal) throw refusalError(chosen, refusal, state.status)
		let clock: Promise<ServiceClock> | undefined
		return body({
			deps,
			tx,
			viewer,
			action: chosen,
			complaint,
			state,
			now,
			clock: () => (clock ??= serviceClockFor(tx, complaint.regionId, { keyAccount: complaint.isKeyAccount })),
		})
	})
}

/**
 * The complaint fields the audit trail records before and after (the running SLA columns and
 * `customerUpdatedAt` are bookkeeping that follows from these).
 */
const AUDITED = [
	'status',
	'firstRespondedAt',
	'resolutionDueAt',
	'escalationLevel',
	'responsibility',
	'responsibilityAt',
	'closedAt',
	'closeReason',
	'authoritiesRightToldAt',
] as const satisfies ReadonlyArray<keyof Complaint>
type Audited = (typeof AUDITED)[number]

/** Only plain values, so that the event can record them: no `{ increment }` and the like. */
export type ComplaintChange = Prisma.ComplaintUpdateManyMutationInput & Partial<Pick<Complaint, Audited>>

/**
 * Writes the change at the version the complaint was loaded at. Someone who wrote in between
 * (after this transaction read the row) makes it a ConflictError listing what they did.
 */
export async function writeChange(command: StaffCommand, fields: ComplaintChange): Promise<number> {
	try {
		return await writeVersioned(command.tx, command.complaint, fields, command.now)
	} catch (error) {
		if (!(error instanceof ConflictError)) throw error
		throw new ConflictError(undefined, await changesSince(command.tx, command.complaint.id, command.complaint.version))
	}
}

/** The audited fields `fields` set, each with its value before. */
export function changesOf(before: Complaint, fields: ComplaintChange) {
	const changes: Record<string, { before: unknown; after: unknown }> = {}
	for (const field of AUDITED)
		if (field in fields && fields[field] !== undefined) changes[field] = { before: before[field], after: fields[field] }
	return changes
}

/**
 * Appends the event of a change written with `writeChange` and, when the customer can see it,
 * announces it to them (an email now or in their digest, as they chose). A move that ends the
 * investigation supersedes a proposal still waiting for approval (approvals/supersede.ts); the
 * event records that as its `pendingApproval` change.
 */
export async function recordEvent(
	command: StaffCommand,
	event: {
		type: ComplaintEventType
		version: number
		fields: ComplaintChange
		visibility?: MessageVisibility
		data?: Record<string, unknown>
	},
): Promise<{ id: string }> {
	const { complaint, tx } = command
	const to = event.fields.status
	const moved = to !== undefined && to !== complaint.status
	const visibility = event.visibility ?? 'PUBLIC'
	const superseded = moved
		? await supersedeWaitingProposal(tx, complaint.id, { from: complaint.status, to }, command.now)
		: null
	const recorded = await appendEvent(tx, {
		complaintId: complaint.id,
		actorId: command.viewer.userId,
		type: event.type,
		fromStatus: moved ? complaint.status : null,
		toStatus: moved ? to : null,
		visibility,
		data: event.data,
		version: event.version,
		changes: { ...changesOf(complaint, event.fields), ...pendingApprovalChange(superseded) },
		at: command.now,
	})
	if (visibility === 'PUBLIC')
		await command.deps.notifier.publicChange(tx, { complaintId: complaint.id, eventId: recorded.id })
	await command.deps.notifier.partnerEvent?.(tx, { complaintId: complaint.id, eventId: recorded.id })
	return recorded
}

/** A written message on the complaint (reply, note, reason), with its files at the same visibility. */
export async function writeMessage(
	command: StaffCommand,
	message: { body: string; visibility: MessageVisibility; files?: readonly StoredFile[] },
): Promise<{ id: string }> {
	const { tx, complaint, viewer, now } = command
	const created = await tx.complaintMessage.create({
		data: {
			complaintId: complaint.id,
			authorId: viewer.userId,
			visibility: message.visibility,
			body: message.body,
			createdAt: now,
		},
		select: { id: true },
	})
	await attachFiles(command, message.files ?? [], { messageId: created.id, visibility: message.visibility })
	return created
}

export async function attachFiles(
	command: StaffCommand,
	files: readonly StoredFile[],
	to: { messageId?: string; findingId?: string; visibility: MessageVisibility },
) {
	if (files.length === 0) return
	await command.tx.attachment.createMany({
		data: files.map((file) => ({
			...attachmentData(file, command.viewer.userId),
			complaintId: command.complaint.id,
			messageId: to.messageId ?? null,
			findingId: to.findingId ?? null,
			visibility: to.visibility,
			createdAt: command.now,
		})),
	})
}

/** Trimmed text that must not be blank nor longer than `max`; else a message for `field`. */
export function requiredText(value: string | undefined, field: string, max: number, tooLongKey: string): string {
	const text = value?.trim() ?? ''
	if (!text) throw new DomainValidationError(field, 'validation:required')
	if (text.length > max) throw new DomainValidationError(field, tooLongKey, { max })
	return text
}

/** Files attached to one reply, note or finding: as many as a complaint may hold. */
export function checkFiles(files: readonly StoredFile[] | undefined): readonly StoredFile[] {
	const list = files ?? []
	if (list.length > UPLOAD_LIMITS.maxFilesPerComplaint)
		throw new DomainValidationError('files', 'validation:tooManyFilesAtOnce', {
			max: UPLOAD_LIMITS.maxFilesPerComplaint,
		})
	return list
}
