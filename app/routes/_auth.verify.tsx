import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { verifyEmail } from '#app/auth/accounts.server.ts'
import { accountDeps, requestMeta, withRateLimit } from '#app/auth/request-meta.server.ts'
import { sessionCookie } from '#app/auth/session.server.ts'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { FormErrors, retryAfterOf } from '#app/components/form-errors.tsx'
import { VerifyEmailSchema } from '#app/domain/accounts/schemas.ts'
import { redirectWithToast } from '#app/toast.server.ts'

export const meta: MetaFunction = () => [{ title: '确认电子邮箱 · Confirm your email' }]

// The emailed link opens this page; a button confirms. Mail scanners that follow links must
// not use up the token, and no GET changes state.
export async function loader({ request }: LoaderFunctionArgs) {
	return { token: new URL(request.url).searchParams.get('token') ?? '' }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const submission = parseWithZod(await request.formData(), { schema: VerifyEmailSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ formErrors: ['auth:verify.invalid'] }) }, { status: 400 })
	}
	const meta = await requestMeta(request, context)
	const outcome = await withRateLimit(submission, () => verifyEmail(accountDeps(context), submission.value.token, meta))
	if (!outcome.ok) return outcome.response
	if (!outcome.value.ok) {
		return data({ result: submission.reply({ formErrors: ['auth:verify.invalid'] }) }, { status: 400 })
	}
	const { session } = outcome.value
	return redirectWithToast(
		context.config,
		'/',
		{ kind: 'success', messageKey: 'auth:verify.done' },
		{ headers: { 'Set-Cookie': sessionCookie(session.token, session.cookieExpiresAt, context.config.isProduction) } },
	)
}

export default function VerifyPage() {
	const { t } = useTranslation('auth')
	const { token } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const errors = actionData?.result.error?.[''] ?? (token ? null : ['auth:verify.invalid'])
	return (
		<section className="panel" aria-labelledby="verify-title">
			<h1 id="verify-title">{t('verify.title')}</h1>
			<FormErrors errors={errors} retryAfter={retryAfterOf(actionData)} />
			{token ? (
				<Form method="post">
					<p>{t('verify.body')}</p>
					<input type="hidden" name="token" value={token} />
					<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
						{t('verify.submit')}
					</button>
				</Form>
			) : null}
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
