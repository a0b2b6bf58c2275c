import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { firstMissingStep, loadDraft, requireCustomer } from '#app/complaints/filing.server.ts'
import { stepPath } from '#app/components/filing/steps.ts'

/** Continuing a draft opens the first step not done yet, or the review when all are. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const signedIn = await requireCustomer(request, context)
	const draft = await loadDraft(context, signedIn, params.draftId)
	return redirect(stepPath(draft.id, firstMissingStep(draft) ?? 'review'))
}
