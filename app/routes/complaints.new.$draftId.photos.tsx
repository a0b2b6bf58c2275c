import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { filingStorage, firstMissingStep, loadDraft, requireCustomer } from '#app/complaints/filing.server.ts'
import { FilingErrorBoundary } from '#app/components/filing/customers-only.tsx'
import { PhotoUploader } from '#app/components/filing/photo-uploader.tsx'
import { ReturnField } from '#app/components/filing/return-field.tsx'
import { StepActions } from '#app/components/filing/step-actions.tsx'
import { nextPath, stepPath } from '#app/components/filing/steps.ts'
import { removeDraftAttachment } from '#app/domain/complaints/drafts.ts'
import { UPLOAD_LIMITS } from '#app/domain/complaints/schemas.ts'
import { NotFoundError } from '#app/domain/errors.ts'
import { deleteStoredFiles } from '#app/uploads/receive-uploads.server.ts'

// What the file picker offers; the server decides from the bytes.
const ACCEPT =
	'.jpg,.jpeg,.png,.webp,.heic,.heif,.pdf,image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf'
// An error the upload route sent back in the address: only message keys, never text to show as is.
const ERROR_PARAM = /^(validation|filing):[A-Za-z.]+(\|\{.*\})?$/

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const signedIn = await requireCustomer(request, context)
	const draft = await loadDraft(context, signedIn, params.draftId)
	const missing = firstMissingStep(draft)
	if (missing) throw redirect(stepPath(draft.id, missing))
	const error = new URL(request.url).searchParams.get('error')
	return {
		draftId: draft.id,
		files: draft.attachments.map((a) => ({
			id: a.id,
			kind: a.kind,
			originalName: a.originalName,
			byteSize: a.byteSize,
			hasThumbnail: a.hasThumbnail,
		})),
		uploadError: error && ERROR_PARAM.test(error) && error.length < 500 ? error : null,
	}
}

/** Removes a file from the draft (the upload itself goes to the upload route). */
export async function action({ request, context, params }: ActionFunctionArgs) {
	const signedIn = await requireCustomer(request, context)
	const form = await request.formData()
	const draftId = params.draftId ?? ''
	if (form.get('intent') === 'remove') {
		let keys: string[]
		try {
			keys = await removeDraftAttachment(
				complaintDeps(context),
				signedIn.viewer,
				draftId,
				String(form.get('attachmentId')),
			)
		} catch (error) {
			// already gone (a double click): nothing to do
			if (error instanceof NotFoundError) return data({ ok: true })
			throw error
		}
		await deleteStoredFiles(filingStorage(context), keys, context.logger)
		return data({ ok: true })
	}
	return redirect(nextPath(draftId, 'photos', form))
}

export default function PhotosStep() {
	const { t } = useTranslation('filing')
	const { draftId, files, uploadError } = useLoaderData<typeof loader>()
	const maxMb = UPLOAD_LIMITS.maxFileBytes / 1024 / 1024
	return (
		<section aria-labelledby="step-title">
			<h1 id="step-title" tabIndex={-1}>
				{t('photos.title')}
			</h1>
			<p>{t('photos.lead', { max: UPLOAD_LIMITS.maxFilesPerComplaint, maxMb })}</p>
			<p className="field-hint">{t('photos.optional')}</p>
			<PhotoUploader
				uploadUrl={`/complaints/new/${draftId}/upload`}
				files={files}
				serverError={uploadError}
				limits={{
					maxFiles: UPLOAD_LIMITS.maxFilesPerComplaint,
					maxFileBytes: UPLOAD_LIMITS.maxFileBytes,
					accept: ACCEPT,
				}}
			/>
			<Form method="post">
				<ReturnField />
				<StepActions back={stepPath(draftId, 'contact')} />
			</Form>
		</section>
	)
}

export function ErrorBoundary() {
	return <FilingErrorBoundary />
}
