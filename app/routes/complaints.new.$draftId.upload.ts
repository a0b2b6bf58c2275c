import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { filingStorage, loadDraft, requireCustomer } from '#app/complaints/filing.server.ts'
import { encodeMessage } from '#app/components/filing/messages.tsx'
import { stepPath } from '#app/components/filing/steps.ts'
import { addDraftAttachment } from '#app/domain/complaints/drafts.ts'
import type { AttachmentView } from '#app/domain/complaints/attachments.ts'
import { UPLOAD_LIMITS } from '#app/domain/complaints/schemas.ts'
import { DomainValidationError } from '#app/domain/errors.ts'
import {
	deleteStoredFiles,
	MalformedUploadError,
	receiveUploads,
	UploadAbortedError,
} from '#app/uploads/receive-uploads.server.ts'

/** The JSON answer to the photos step's script (one request per file). */
export type UploadAnswer = { ok: true; attachments: AttachmentView[] } | { ok: false; error: string }

/**
 * POST /complaints/new/:draftId/upload, multipart/form-data with files under `photos`. The
 * photos step's script sends one file per request and asks for JSON, to show each file's
 * progress; without JavaScript the step's plain form posts all files here and comes back to
 * the step, with the error (naming the file) in the address when one was refused.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
	const signedIn = await requireCustomer(request, context)
	// someone else's draft is a 404 before a byte of the body is read
	const draft = await loadDraft(context, signedIn, params.draftId)
	const wantsJson = (request.headers.get('accept') ?? '').includes('application/json')
	const back = stepPath(draft.id, 'photos')
	const refuse = (message: string, status: number) =>
		wantsJson
			? Response.json({ ok: false, error: message } satisfies UploadAnswer, { status })
			: redirect(`${back}?${new URLSearchParams({ error: message })}`, 303)

	const storage = filingStorage(context)
	let files
	try {
		;({ files } = await receiveUploads(request, {
			storage,
			fieldName: 'photos',
			maxFiles: UPLOAD_LIMITS.maxFilesPerComplaint,
			maxFileBytes: UPLOAD_LIMITS.maxFileBytes,
			maxPixels: UPLOAD_LIMITS.maxPixels,
			alreadyStored: draft.attachments.length,
			logger: context.logger,
		}))
	} catch (error) {
		if (error instanceof DomainValidationError) return refuse(encodeMessage(error.messageKey, error.params), 400)
		// nobody is listening any more; receiveUploads removed what it had stored
		if (error instanceof UploadAbortedError) return new Response(null, { status: 400 })
		if (error instanceof MalformedUploadError) return refuse('filing:photos.malformed', 400)
		throw error
	}

	const attachments: AttachmentView[] = []
	try {
		for (const file of files)
			attachments.push(await addDraftAttachment(complaintDeps(context), signedIn.viewer, draft.id, file))
	} catch (error) {
		// the files the database did not take must not stay behind in storage
		await deleteStoredFiles(storage, files.slice(attachments.length), context.logger)
		if (error instanceof DomainValidationError) return refuse(encodeMessage(error.messageKey, error.params), 400)
		throw error
	}
	return wantsJson ? Response.json({ ok: true, attachments } satisfies UploadAnswer) : redirect(back, 303)
}
