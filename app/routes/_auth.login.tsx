import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { signIn } from '#app/auth/accounts.server.ts'
import { requireAnonymous, safeRedirect } from '#app/auth/current-user.server.ts'
import { accountDeps, requestMeta, withRateLimit } from '#app/auth/request-meta.server.ts'
import { sessionCookie } from '#app/auth/session.server.ts'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { FormErrors, retryAfterOf } from '#app/components/form-errors.tsx'
import { Field, Honeypot } from '#app/components/forms.tsx'
import { LoginSchema } from '#app/domain/accounts/schemas.ts'

export const meta: MetaFunction = () => [{ title: '登录 · Sign in' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireAnonymous(request, context)
	return null
}

export async function action({ request, context }: ActionFunctionArgs) {
	await requireAnonymous(request, context)
	const submission = parseWithZod(await request.formData(), { schema: LoginSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	}
	const meta = await requestMeta(request, context)
	const outcome = await withRateLimit(submission, () => signIn(accountDeps(context), submission.value, meta))
	if (!outcome.ok) return outcome.response
	const result = outcome.value
	if (!result.ok) {
		const message = result.reason === 'unverified' ? 'auth:login.unverified' : 'auth:login.invalid'
		return data({ result: submission.reply({ formErrors: [message], hideFields: ['password'] }) }, { status: 400 })
	}
	return redirect(safeRedirect(submission.value.redirectTo), {
		headers: {
			'Set-Cookie': sessionCookie(result.session.token, result.session.cookieExpiresAt, context.config.isProduction),
		},
	})
}

export default function LoginPage() {
	const { t } = useTranslation('auth')
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	const [form, fields] = useForm({
		id: 'login',
		lastResult: actionData?.result,
		constraint: getZodConstraint(LoginSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
		// onInput, not onBlur: re-checking on blur removes the form's error as the submit button is
		// pressed, the button moves up, and the click lands on nothing
		shouldRevalidate: 'onInput',
	})
	return (
		<section className="panel" aria-labelledby="login-title">
			<h1 id="login-title">{t('login.title')}</h1>
			<Form method="post" {...getFormProps(form)}>
				<Honeypot />
				<input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
				<FormErrors id={form.errorId} errors={form.errors} retryAfter={retryAfterOf(actionData)} />
				<Field label={t('fields.email')} meta={fields.email} type="email" inputProps={{ autoComplete: 'email' }} />
				<Field
					label={t('fields.password')}
					meta={fields.password}
					type="password"
					inputProps={{ autoComplete: 'current-password' }}
				/>
				<p className="actions">
					<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
						{t('login.submit')}
					</button>
					<Link to="/forgot-password">{t('login.forgot')}</Link>
				</p>
			</Form>
			<p>
				{t('login.noAccount')} <Link to="/signup">{t('signup.submit')}</Link>
			</p>
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
