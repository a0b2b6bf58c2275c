import { openComplaintSurvey } from '../surveys/surveys.ts'
import type { Viewer } from '../viewer.ts'
import type { ComplaintDeps, StoredFile } from './ports.ts'
import { MESSAGE_MAX, REASON_MAX } from './schemas.ts'
import { pauseClock, promiseBy, resumeClock } from './service-level.ts'
import {
	checkFiles,
	recordEvent,
	requiredText,
	runStaffCommand,
	writeChange,
	writeMessage,
	type ComplaintChange,
	type StaffCommand,
	type StaffCommandInput,
} from './staff-command.ts'

/**
 * The staff side of the lifecycle (DESIGN.md §3, workflow.ts): one command per action, each one
 * transaction that checks the action against the workflow, writes the complaint at the version
 * the form showed, records the event with what changed, and emails the customer about what
 * they can see. Replies are in writing (000 (七)5): acknowledging, asking for information,
 * resolving and rejecting each carry a written message to the customer.
 *
 * Notes are in notes.ts; on-site visits, samples and the responsibility decision in findings.ts;
 * proposals and approvals in proposals.ts; routing in assignment.ts.
 */

const messageText = (value: string | undefined, field: string) =>
	requiredText(value, field, MESSAGE_MAX, 'validation:messageTooLong')
const reasonText = (value: string | undefined, field: string) =>
	requiredText(value, field, REASON_MAX, 'validation:reasonTooLong')

/**
 * A status move with a written message to the customer: the change, the message (with its
 * files), and one event for both, so the customer gets one email for "we wrote, and the case
 * moved on".
 */
async function moveWithMessage(
	command: StaffCommand,
	move: {
		type: Parameters<typeof recordEvent>[1]['type']
		fields: ComplaintChange
		body: string
		files?: readonly StoredFile[]
		data?: Record<string, unknown>
	},
) {
	const fields = { ...move.fields, customerUpdatedAt: command.now }
	const version = await writeChange(command, fields)
	const message = await writeMessage(command, { body: move.body, visibility: 'PUBLIC', files: move.files })
	await recordEvent(command, { type: move.type, version, fields, data: { ...move.data, messageId: message.id } })
	return { version }
}

/**
 * A status move whose reason is for the company (escalating, reopening): the customer sees that
 * the case moved, the reason stays an internal message on the event, shown to staff only.
 */
async function moveWithInternalReason(
	command: StaffCommand,
	move: { type: Parameters<typeof recordEvent>[1]['type']; fields: ComplaintChange; reason: string },
) {
	const fields = { ...move.fields, customerUpdatedAt: command.now }
	const version = await writeChange(command, fields)
	const reason = await writeMessage(command, { body: move.reason, visibility: 'INTERNAL' })
	await recordEvent(command, { type: move.type, version, fields, data: { messageId: reason.id } })
	return { version }
}

/**
 * The first written response to a new complaint (the first-response clock stops) and the
 * start of the initial verification clock (3 working days, DESIGN.md §4).
 */
export async function acknowledgeComplaint(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: StaffCommandInput & { reply: string; files?: StoredFile[] },
) {
	const reply = messageText(input.reply, 'reply')
	const files = checkFiles(input.files)
	return runStaffCommand(deps, viewer, complaintId, 'acknowledge', input, (command) =>
		acknowledge(command, reply, files),
	)
}

async function acknowledge(command: StaffCommand, reply: string, files: readonly StoredFile[]) {
	const { now, complaint } = command
	const clock = await command.clock()
	return moveWithMessage(command, {
		type: 'acknowledged',
		fields: {
			status: 'ACKNOWLEDGED',
			firstRespondedAt: complaint.firstRespondedAt ?? now,
			...promiseBy(clock.due('INITIAL_VERIFICATION', now), now, clock, 'INITIAL_VERIFICATION'),
		},
		body: reply,
		files,
	})
}

/** A written reply to the customer; the status stays. */
export async function replyToCustomer(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: StaffCommandInput & { body: string; files?: StoredFile[] },
) {
	const body = messageText(input.body, 'body')
	const files = checkFiles(input.files)
	return runStaffCommand(deps, viewer, complaintId, 'reply', input, (command) => reply(command, body, files))
}

async function reply(command: StaffCommand, body: string, files: readonly StoredFile[]) {
	return moveWithMessage(command, { type: 'reply', fields: {}, body, files })
}

/**
 * A written reply as the API's `replyToComplaint` takes it: on a complaint still waiting for
 * its first response, the reply is the acknowledgement; afterwards a plain reply.
 */
export async function writeToCustomer(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: StaffCommandInput & { body: string; files?: StoredFile[] },
) {
	const body = messageText(input.body, 'body')
	const files = checkFiles(input.files)
	return runStaffCommand(
		deps,
		viewer,
		complaintId,
		'reply',
		input,
		(command) => (command.action === 'acknowledge' ? acknowledge(command, body, files) : reply(command, body, files)),
		(complaint) => (complaint.status === 'SUBMITTED' ? 'acknowledge' : 'reply'),
	)
}

/**
 * Starts the investigation, or takes it up again: after the customer answered (the paused
 * clock resumes, moved by the time it stood still), or after an escalation (HQ's review is
 * done: a new resolution clock).
 */
export async function startInvestigation(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: StaffCommandInput = {},
) {
	return runStaffCommand(deps, viewer, complaintId, 'investigate', input, async (command) => {
		const { complaint, now } = command
		const clock = await command.clock()
		const fields: ComplaintChange = {
			status: 'INVESTIGATING',
			...(complaint.status === 'WAITING_ON_CUSTOMER' ? resumeClock(complaint, now, clock) : {}),
			...(complaint.status === 'ESCALATED' ? promiseBy(clock.due('RESOLUTION', now), now, clock, 'RESOLUTION') : {}),
			customerUpdatedAt: now,
		}
		const version = await writeChange(command, fields)
		await recordEvent(command, { type: 'status_changed', version, fields })
		return { version }
	})
}

/** A written question to the customer; the clock pauses until they answer (customer-actions.ts). */
export async function requestInformation(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: StaffCommandInput & { message: string; files?: StoredFile[] },
) {
	const message = messageText(input.message, 'message')
	const files = checkFiles(input.files)
	return runStaffCommand(deps, viewer, complaintId, 'request-information', input, (command) =>
		moveWithMessage(command, {
			type: 'information_requested',
			fields: { status: 'WAITING_ON_CUSTOMER', ...pauseClock(command.now) },
			body: message,
			files,
		}),
	)
}

/**
 * The accepted resolution was carried out: resolved, with a written reply (DESIGN.md §3), and the
 * satisfaction survey sent in the same transaction (DESIGN.md §6, app/domain/surveys/).
 */
export async function resolveComplaint(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: StaffCommandInput & { reply: string; files?: StoredFile[] },
) {
	const reply = messageText(input.reply, 'reply')
	const files = checkFiles(input.files)
	return runStaffCommand(deps, viewer, complaintId, 'resolve', input, async (command) => {
		const moved = await moveWithMessage(command, {
			type: 'resolved',
			fields: { status: 'RESOLVED', ...promiseBy(null, command.now) },
			body: reply,
			files,
		})
		await openComplaintSurvey(command.tx, command.deps.notifier, command.complaint, command.now)
		return moved
	})
}

/**
 * Not the company's responsibility (the recorded finding says so, workflow.ts): rejected with
 * a written reason. Whether the customer was also told of their right to take the matter to the
 * authorities (004 §5.6.2) is recorded on the complaint.
 */
export async function rejectComplaint(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: StaffCommandInput & { reason: string; toldOfAuthoritiesRight?: boolean; files?: StoredFile[] },
) {
	const reason = messageText(input.reason, 'reason')
	const files = checkFiles(input.files)
	const told = input.toldOfAuthoritiesRight === true
	return runStaffCommand(deps, viewer, complaintId, 'reject', input, (command) => {
		const { complaint, now } = command
		return moveWithMessage(command, {
			type: 'rejected',
			fields: {
				status: 'REJECTED',
				...promiseBy(null, now),
				...(told && !complaint.authoritiesRightToldAt ? { authoritiesRightToldAt: now } : {}),
			},
			body: reason,
			files,
			data: { toldOfAuthoritiesRight: told },
		})
	})
}

/** To head office (004 §5.6.1): the escalation level rises and a new resolution clock starts. */
export async function escalateByStaff(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: StaffCommandInput & { reason: string },
) {
	const reason = reasonText(input.reason, 'reason')
	return runStaffCommand(deps, viewer, complaintId, 'escalate', input, async (command) => {
		const { complaint, now } = command
		const clock = await command.clock()
		return moveWithInternalReason(command, {
			type: 'escalated',
			fields: {
				status: 'ESCALATED',
				escalationLevel: complaint.escalationLevel + 1,
				...promiseBy(clock.due('RESOLUTION', now), now, clock, 'RESOLUTION'),
			},
			reason,
		})
	})
}

/** Closes a resolved or rejected case; the clock stops. */
export async function closeComplaint(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: StaffCommandInput = {},
) {
	return runStaffCommand(deps, viewer, complaintId, 'close', input, async (command) => {
		const { complaint, now } = command
		const fields: ComplaintChange = {
			status: 'CLOSED',
			closedAt: now,
			closeReason: complaint.status === 'REJECTED' ? 'REJECTED' : 'COMPLETED',
			...promiseBy(null, now),
			customerUpdatedAt: now,
		}
		const version = await writeChange(command, fields)
		await recordEvent(command, { type: 'closed', version, fields })
		return { version }
	})
}

/** Reopens a case closed within the last 30 days (workflow.ts): back to investigation, a new clock. */
export async function reopenComplaint(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: StaffCommandInput & { reason: string },
) {
	const reason = reasonText(input.reason, 'reason')
	return runStaffCommand(deps, viewer, complaintId, 'reopen', input, async (command) => {
		const { now } = command
		const clock = await command.clock()
		return moveWithInternalReason(command, {
			type: 'reopened',
			fields: {
				status: 'INVESTIGATING',
				closedAt: null,
				closeReason: null,
				...promiseBy(clock.due('RESOLUTION', now), now, clock, 'RESOLUTION'),
			},
			reason,
		})
	})
}
