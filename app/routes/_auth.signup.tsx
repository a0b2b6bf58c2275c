import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { signUp } from '#app/auth/accounts.server.ts'
import { requireAnonymous } from '#app/auth/current-user.server.ts'
import { accountDeps, requestMeta, withRateLimit } from '#app/auth/request-meta.server.ts'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { FormErrors, retryAfterOf } from '#app/components/form-errors.tsx'
import { Field, Honeypot } from '#app/components/forms.tsx'
import { SignupSchema } from '#app/domain/accounts/schemas.ts'

export const meta: MetaFunction = () => [{ title: '注册 · Sign up' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireAnonymous(request, context)
	return null
}

export async function action({ request, context }: ActionFunctionArgs) {
	await requireAnonymous(request, context)
	const submission = parseWithZod(await request.formData(), { schema: SignupSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ hideFields: ['password', 'confirmPassword'] }) }, { status: 400 })
	}
	const meta = await requestMeta(request, context)
	const outcome = await withRateLimit(submission, () => signUp(accountDeps(context), submission.value, meta))
	if (!outcome.ok) return outcome.response
	// The same answer whether or not the address was registered already: the mailbox owner learns which.
	return redirect('/check-email?for=signup')
}

export default function SignupPage() {
	const { t } = useTranslation('auth')
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'signup',
		lastResult: actionData?.result,
		constraint: getZodConstraint(SignupSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
		// onInput, not onBlur: re-checking on blur removes the form's error as the submit button is
		// pressed, the button moves up, and the click lands on nothing
		shouldRevalidate: 'onInput',
	})
	return (
		<section className="panel" aria-labelledby="signup-title">
			<h1 id="signup-title">{t('signup.title')}</h1>
			<p>{t('signup.lead')}</p>
			<Form method="post" {...getFormProps(form)}>
				<Honeypot />
				<FormErrors id={form.errorId} errors={form.errors} retryAfter={retryAfterOf(actionData)} />
				<Field label={t('fields.name')} meta={fields.name} inputProps={{ autoComplete: 'name' }} />
				<Field label={t('fields.email')} meta={fields.email} type="email" inputProps={{ autoComplete: 'email' }} />
				<Field
					label={t('fields.password')}
					hint={t('fields.passwordHint')}
					meta={fields.password}
					type="password"
					inputProps={{ autoComplete: 'new-password' }}
				/>
				<Field
					label={t('fields.confirmPassword')}
					meta={fields.confirmPassword}
					type="password"
					inputProps={{ autoComplete: 'new-password' }}
				/>
				<button type="submit" className="button" disabled={navigation.state === 'submitting'}>
					{t('signup.submit')}
				</button>
			</Form>
			<p>
				{t('signup.haveAccount')} <Link to="/login">{t('login.submit')}</Link>
			</p>
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
