import { InsufficientAuthorityError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import type { ComplaintDeps, StoredFile } from './ports.ts'
import { MESSAGE_MAX } from './schemas.ts'
import {
	checkFiles,
	recordEvent,
	requiredText,
	runStaffCommand,
	writeChange,
	writeMessage,
	type StaffCommandInput,
} from './staff-command.ts'

export type NoteVisibility = 'INTERNAL' | 'PARTNER'

/**
 * A note on the case that the customer never sees, nor is emailed about: INTERNAL for staff
 * only, PARTNER for staff and the dealer or regional office handling the order (DESIGN.md §1).
 * Dealers and regional offices write partner notes only: an internal note is the company's.
 */
export async function addNote(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: StaffCommandInput & { body: string; visibility: NoteVisibility; files?: StoredFile[] },
) {
	const body = requiredText(input.body, 'body', MESSAGE_MAX, 'validation:messageTooLong')
	const files = checkFiles(input.files)
	// anything but a partner note is an internal one: a bad value must not reach the customer
	const visibility: NoteVisibility = input.visibility === 'PARTNER' ? 'PARTNER' : 'INTERNAL'
	return runStaffCommand(deps, viewer, complaintId, 'note', input, async (command) => {
		if (visibility === 'INTERNAL' && viewer.kind !== 'STAFF') throw new InsufficientAuthorityError('note:internal')
		// a note changes nothing on the complaint but its version: a form open meanwhile is told of it
		const version = await writeChange(command, {})
		const message = await writeMessage(command, { body, visibility, files })
		await recordEvent(command, { type: 'note', version, fields: {}, visibility, data: { messageId: message.id } })
		return { version }
	})
}
