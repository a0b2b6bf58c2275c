import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Outlet, useLoaderData, useLocation, useMatches } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { firstMissingStep, loadDraft, requireCustomer, stepStates } from '#app/complaints/filing.server.ts'
import { FilingErrorBoundary } from '#app/components/filing/customers-only.tsx'
import filingStyles from '#app/components/filing/filing.css'
import { StepIndicator } from '#app/components/filing/step-indicator.tsx'
import { FILING_STEPS, type FilingStepName } from '#app/components/filing/steps.ts'

export const meta: MetaFunction = () => [{ title: '提交投诉 · File a complaint' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: filingStyles }]

/** The frame of the guided form: its title and where the customer is. Each step is a child route. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const signedIn = await requireCustomer(request, context)
	const draft = await loadDraft(context, signedIn, params.draftId)
	return { draftId: draft.id, steps: stepStates(draft), missing: firstMissingStep(draft) }
}

/** The step a child route is, from its route id (routes/complaints.new.$draftId.<step>). */
function useCurrentStep(): FilingStepName | null {
	const matches = useMatches()
	const last = matches.at(-1)?.id ?? ''
	const step = last.split('.').at(-1) ?? ''
	return (FILING_STEPS as readonly string[]).includes(step) ? (step as FilingStepName) : null
}

/**
 * After moving to another step in the page (not on the first load), focus goes to the new
 * step's heading, so that a screen reader announces where the customer is now.
 */
function useFocusOnStepChange() {
	const { pathname } = useLocation()
	const previous = useRef(pathname)
	useEffect(() => {
		if (previous.current === pathname) return
		previous.current = pathname
		document.getElementById('step-title')?.focus()
	}, [pathname])
}

export default function FilingLayout() {
	const { t } = useTranslation('filing')
	const { draftId, steps } = useLoaderData<typeof loader>()
	const current = useCurrentStep()
	useFocusOnStepChange()
	return (
		<div className="filing">
			<p className="filing-kicker field-hint">{t('title')}</p>
			<StepIndicator draftId={draftId} steps={steps} current={current} />
			<Outlet />
		</div>
	)
}

export function ErrorBoundary() {
	return <FilingErrorBoundary />
}
