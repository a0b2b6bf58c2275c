import type { SubmissionResult } from '@conform-to/react'
import type { AppLoadContext } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { requireUser, type SignedIn } from '#app/auth/current-user.server.ts'
import { encodeMessage } from '#app/components/filing/messages.tsx'
import { FILING_STEPS, type FilingStepName, type StepState } from '#app/components/filing/steps.ts'
import { discardDraft, getDraft, type DraftView } from '#app/domain/complaints/drafts.ts'
import { alreadyFiled, missingStep } from '#app/domain/complaints/file-complaint.ts'
import { ContactStepSchema, DetailsStepSchema } from '#app/domain/complaints/schemas.ts'
import { DomainValidationError, NotFoundError } from '#app/domain/errors.ts'
import { suggestArticles } from '#app/domain/knowledge/search.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import { languageFromLocale, type Language } from '#app/i18n/config.ts'
import { detectLanguage } from '#app/i18n/language.server.ts'
import type { Storage } from '#app/storage/storage.server.ts'
import { deleteStoredFiles } from '#app/uploads/receive-uploads.server.ts'
import { complaintDeps } from './deps.server.ts'

/**
 * What the "file a complaint" routes share: only customers file here (anyone else gets the
 * same 404 as a draft that is not theirs), drafts are read through the domain, and domain
 * refusals become messages beside the field they are about.
 */

export async function requireCustomer(request: Request, context: AppLoadContext): Promise<SignedIn> {
	const signedIn = await requireUser(request, context)
	if (signedIn.viewer.kind !== 'CUSTOMER') throw data({ customersOnly: true }, { status: 404 })
	return signedIn
}

/** The viewer's draft, or a 404 page that looks the same for a draft that is someone else's. */
export async function loadDraft(context: AppLoadContext, signedIn: SignedIn, draftId: string | undefined) {
	try {
		return await getDraft(complaintDeps(context), signedIn.viewer, draftId ?? '')
	} catch (error) {
		if (error instanceof NotFoundError) {
			// filed already, from another tab or before a reload: show what it became
			const filed = draftId
				? await alreadyFiled(complaintDeps(context), signedIn.viewer, draftId).catch(() => null)
				: null
			if (filed) throw redirect(`/complaints/filed/${filed.reference}`)
			throw data(null, { status: 404 })
		}
		throw error
	}
}

/** Turns a domain refusal into a field error of the form (a conform reply), or rethrows. */
export function domainErrorReply(
	reply: (options: { fieldErrors?: Record<string, string[]>; formErrors?: string[] }) => SubmissionResult,
	error: unknown,
	fields: readonly string[],
) {
	if (error instanceof NotFoundError) throw data(null, { status: 404 })
	if (!(error instanceof DomainValidationError)) throw error
	const message = encodeMessage(error.messageKey, error.params)
	if (fields.includes(error.field))
		return data({ result: reply({ fieldErrors: { [error.field]: [message] } }) }, { status: 400 })
	return data({ result: reply({ formErrors: [message] }) }, { status: 400 })
}

export async function pageLanguage(request: Request, signedIn: SignedIn): Promise<Language> {
	return detectLanguage(request, languageFromLocale(signedIn.user.locale))
}

/** Knowledge-base answers for what the draft says so far (details and review steps). */
export async function articlesForDraft(context: AppLoadContext, draft: DraftView, language: Language) {
	const text = [draft.data.title, draft.data.description].filter(Boolean).join('\n')
	return suggestArticles(context.db.prisma, { text, category: draft.data.category ?? null, language })
}

export type { DraftView }

/** Which steps the draft has done, and which the customer may open (all before them done). */
export function stepStates(draft: DraftView): StepState[] {
	const { data } = draft
	const done: Record<FilingStepName, boolean> = {
		order: Boolean(data.orderId && draft.order),
		line: Boolean(draft.order) && data.orderLineId !== undefined,
		details: DetailsStepSchema.safeParse(data).success,
		contact: ContactStepSchema.safeParse({ ...data, contactPhone: data.contactPhone ?? '' }).success,
		photos: draft.attachments.length > 0,
		review: false,
	}
	const required: FilingStepName[] = ['order', 'line', 'details', 'contact']
	return FILING_STEPS.map((step) => {
		const needed = step === 'photos' || step === 'review' ? required : required.slice(0, required.indexOf(step))
		return { step, done: done[step], reachable: needed.every((s) => done[s]) }
	})
}

/** The first required step not done yet (the domain's rule), or null when the draft can be filed. */
export function firstMissingStep(draft: DraftView): FilingStepName | null {
	if (!draft.order) return 'order'
	return missingStep(draft.data)
}

/** Where uploads are kept, as configured (the local disk, or S3 when S3_BUCKET is set). */
export function filingStorage(context: AppLoadContext): Storage {
	return context.storage
}

/** Deletes a draft with its files: the rows in one transaction, then the stored bytes. */
export async function discardStoredDraft(context: AppLoadContext, viewer: Viewer, draftId: string) {
	let keys: string[]
	try {
		keys = await discardDraft(complaintDeps(context), viewer, draftId)
	} catch (error) {
		if (error instanceof NotFoundError) throw data(null, { status: 404 })
		throw error
	}
	await deleteStoredFiles(filingStorage(context), keys, context.logger)
}
