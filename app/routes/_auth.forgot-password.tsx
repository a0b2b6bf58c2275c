import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestPasswordReset } from '#app/auth/accounts.server.ts'
import { requireAnonymous } from '#app/auth/current-user.server.ts'
import { accountDeps, requestMeta, withRateLimit } from '#app/auth/request-meta.server.ts'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { FormErrors, retryAfterOf } from '#app/components/form-errors.tsx'
import { Field, Honeypot } from '#app/components/forms.tsx'
import { ForgotPasswordSchema } from '#app/domain/accounts/schemas.ts'

export const meta: MetaFunction = () => [{ title: '重置密码 · Reset password' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireAnonymous(request, context)
	return null
}

export async function action({ request, context }: ActionFunctionArgs) {
	await requireAnonymous(request, context)
	const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const meta = await requestMeta(request, context)
	const outcome = await withRateLimit(submission, () =>
		requestPasswordReset(accountDeps(context), submission.value.email, meta),
	)
	if (!outcome.ok) return outcome.response
	return redirect('/check-email?for=reset')
}

export default function ForgotPasswordPage() {
	const { t } = useTranslation('auth')
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'forgot-password',
		lastResult: actionData?.result,
		constraint: getZodConstraint(ForgotPasswordSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
		// onInput, not onBlur: re-checking on blur removes the form's error as the submit button is
		// pressed, the button moves up, and the click lands on nothing
		shouldRevalidate: 'onInput',
	})
	return (
		<section className="panel" aria-labelledby="forgot-title">
			<h1 id="forgot-title">{t('forgot.title')}</h1>
			<p>{t('forgot.lead')}</p>
			<Form method="post" {...getFormProps(form)}>
				<Honeypot />
				<FormErrors id={form.errorId} errors={form.errors} retryAfter={retryAfterOf(actionData)} />
				<Field label={t('fields.email')} meta={fields.email} type="email" inputProps={{ autoComplete: 'email' }} />
				<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
					{t('forgot.submit')}
				</button>
			</Form>
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
