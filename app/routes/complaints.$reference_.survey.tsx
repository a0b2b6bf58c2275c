import type {
	ActionFunctionArgs,
	AppLoadContext,
	LinksFunction,
	LoaderFunctionArgs,
	MetaFunction,
} from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '#app/auth/current-user.server.ts'
import complaintStyles from '#app/components/complaint/complaint.css'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import surveyStyles from '#app/components/survey/survey.css'
import { SurveyPage, type SurveyActionReply } from '#app/components/survey/survey-page.tsx'
import { getComplaintByReference } from '#app/domain/complaints/queries.ts'
import { NotFoundError } from '#app/domain/errors.ts'
import { getSurvey, ownSurveyIdOfComplaint } from '#app/domain/surveys/surveys.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import { runSurveyAction, surveyPageData } from '#app/surveys/survey-actions.server.ts'

export const meta: MetaFunction = () => [{ title: '客户满意度调查 · Customer satisfaction survey' }]
export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: complaintStyles },
	{ rel: 'stylesheet', href: surveyStyles },
]

/**
 * The complaint's satisfaction survey in the portal, for its signed-in customer: the same survey
 * and rules as the emailed link. Anyone else (another customer, staff, a dealer) gets the same
 * 404 as for a complaint without a survey.
 */
async function surveyIdOf(context: AppLoadContext, viewer: Viewer, reference: string | undefined) {
	try {
		const complaint = await getComplaintByReference(context.db.prisma, viewer, reference ?? '')
		const surveyId = await ownSurveyIdOfComplaint(context.db.prisma, viewer, complaint.id)
		if (!surveyId) throw data(null, { status: 404 })
		return { surveyId, reference: complaint.reference }
	} catch (error) {
		if (error instanceof NotFoundError) throw data(null, { status: 404 })
		throw error
	}
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { viewer } = await requireUser(request, context)
	const { surveyId, reference } = await surveyIdOf(context, viewer, params.reference)
	return { reference, survey: surveyPageData(await getSurvey(context.db.prisma, surveyId)) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { viewer } = await requireUser(request, context)
	const { surveyId, reference } = await surveyIdOf(context, viewer, params.reference)
	return runSurveyAction(context, surveyId, await request.formData(), `/complaints/${reference}/survey`)
}

export default function ComplaintSurveyPage() {
	const { t } = useTranslation('surveys')
	const { reference, survey } = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>() as SurveyActionReply | undefined
	return (
		<div className="survey">
			<Link to={`/complaints/${reference}`} className="back-link">
				<span aria-hidden="true">← </span>
				{t('back')}
			</Link>
			<SurveyPage survey={survey} reply={reply} publicForm={false} />
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
