import type {
	ActionFunctionArgs,
	HeadersFunction,
	LinksFunction,
	LoaderFunctionArgs,
	MetaFunction,
} from '@remix-run/node'
import { data } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import complaintStyles from '#app/components/complaint/complaint.css'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { FormErrors } from '#app/components/form-errors.tsx'
import surveyStyles from '#app/components/survey/survey.css'
import { SurveyPage, type SurveyActionReply } from '#app/components/survey/survey-page.tsx'
import { getSurvey, surveyIdForToken } from '#app/domain/surveys/surveys.ts'
import { RateLimitedError } from '#app/rate-limit.server.ts'
import { runSurveyAction, surveyPageData } from '#app/surveys/survey-actions.server.ts'

export const meta: MetaFunction = () => [
	{ title: '客户满意度调查 · Customer satisfaction survey' },
	// a link with a secret in it: never in a search index
	{ name: 'robots', content: 'noindex, nofollow' },
]
export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: complaintStyles },
	{ rel: 'stylesheet', href: surveyStyles },
]

/**
 * The survey from the emailed link, without signing in (DESIGN.md §6). The token in the query
 * string is the only key: it opens its one survey (app/domain/surveys/tokens.ts) and shows no
 * more of the complaint than its reference and title. A changed, unknown or malformed token is
 * a 404 with a page that says the link does not work. Each request counts against a limit per
 * client address. Neither the token nor the page is sent on to another site or kept in a cache.
 */
const PRIVATE_HEADERS = {
	'Referrer-Policy': 'no-referrer',
	'Cache-Control': 'private, no-store',
	'X-Robots-Tag': 'noindex, nofollow',
}

export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
	const merged = new Headers(PRIVATE_HEADERS)
	const retryAfter = actionHeaders.get('Retry-After') ?? loaderHeaders.get('Retry-After')
	if (retryAfter) merged.set('Retry-After', retryAfter)
	return merged
}

async function limited(context: LoaderFunctionArgs['context']): Promise<number | null> {
	try {
		await context.limits.consume([['surveyPerAddress', context.clientIp]])
		return null
	} catch (error) {
		if (error instanceof RateLimitedError) return error.retryAfterSeconds
		throw error
	}
}

function tokenOf(request: Request, formData?: FormData): string {
	const posted = formData?.get('token')
	if (typeof posted === 'string' && posted) return posted
	return new URL(request.url).searchParams.get('token') ?? ''
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const retryAfter = await limited(context)
	if (retryAfter !== null)
		return data(
			{ survey: null, token: '', retryAfter },
			{ status: 429, headers: { ...PRIVATE_HEADERS, 'Retry-After': String(retryAfter) } },
		)
	const token = tokenOf(request)
	const surveyId = await surveyIdForToken(context.db.prisma, token)
	if (!surveyId) return data({ survey: null, token: '', retryAfter: null }, { status: 404, headers: PRIVATE_HEADERS })
	const survey = surveyPageData(await getSurvey(context.db.prisma, surveyId))
	return data({ survey, token, retryAfter: null }, { headers: PRIVATE_HEADERS })
}

export async function action({ request, context }: ActionFunctionArgs) {
	const formData = await request.formData()
	const intent = formData.get('intent') === 'reopen' ? 'reopen' : 'answer'
	const retryAfter = await limited(context)
	if (retryAfter !== null)
		return data(
			{
				intent,
				result: { status: 'error', error: { '': ['common:errors.tooManyRequests'] } },
				retryAfter,
			} satisfies SurveyActionReply,
			{ status: 429, headers: { 'Retry-After': String(retryAfter) } },
		)
	// bots fill every field; a person never sees this one
	if (formData.get('website')) throw data(null, { status: 400 })
	const token = tokenOf(request, formData)
	const surveyId = await surveyIdForToken(context.db.prisma, token)
	if (!surveyId) throw data(null, { status: 404 })
	return runSurveyAction(context, surveyId, formData, `/survey?${new URLSearchParams({ token })}`)
}

export default function SurveyLinkPage() {
	const { t } = useTranslation('surveys')
	const { survey, token, retryAfter } = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>() as SurveyActionReply | undefined
	if (retryAfter) return <FormErrors errors={['common:errors.tooManyRequests']} retryAfter={retryAfter} />
	if (!survey)
		return (
			<section className="panel survey" aria-labelledby="survey-invalid-title">
				<h1 id="survey-invalid-title">{t('state.invalidTitle')}</h1>
				<p>{t('state.invalid')}</p>
			</section>
		)
	return <SurveyPage survey={survey} token={token} reply={reply} publicForm />
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
