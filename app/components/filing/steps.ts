/** The steps of the guided form, in order; each is a route under /complaints/new/:draftId/. */
export const FILING_STEPS = ['order', 'line', 'details', 'contact', 'photos', 'review'] as const
export type FilingStepName = (typeof FILING_STEPS)[number]

export function stepPath(draftId: string, step: FilingStepName, options: { returnToReview?: boolean } = {}) {
	return `/complaints/new/${draftId}/${step}${options.returnToReview ? '?return=review' : ''}`
}

/** Where a step goes after it is saved: the next one, or back to the review when sent from it. */
export function nextPath(draftId: string, step: FilingStepName, request: Request | URLSearchParams | FormData) {
	const returnTo = request instanceof Request ? new URL(request.url).searchParams.get('return') : request.get('return')
	if (returnTo === 'review') return stepPath(draftId, 'review')
	const index = FILING_STEPS.indexOf(step)
	return stepPath(draftId, FILING_STEPS[Math.min(index + 1, FILING_STEPS.length - 1)] ?? 'review')
}

export interface StepState {
	step: FilingStepName
	done: boolean
	/** the customer may go there: every required step before it is done */
	reachable: boolean
}
