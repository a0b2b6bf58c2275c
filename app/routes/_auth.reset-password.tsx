import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { isResetTokenUsable, resetPassword } from '#app/auth/accounts.server.ts'
import { requestMeta, accountDeps } from '#app/auth/request-meta.server.ts'
import { blankSessionCookie } from '#app/auth/session.server.ts'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { FormErrors } from '#app/components/form-errors.tsx'
import { Field } from '#app/components/forms.tsx'
import { ResetPasswordSchema } from '#app/domain/accounts/schemas.ts'
import { redirectWithToast } from '#app/toast.server.ts'

export const meta: MetaFunction = () => [{ title: '设置新密码 · New password' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const token = new URL(request.url).searchParams.get('token') ?? ''
	// Looking does not use the link up; only saving a new password does.
	const usable = token ? await isResetTokenUsable(context.db.prisma, token) : false
	return { token: usable ? token : '', usable }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const submission = parseWithZod(await request.formData(), { schema: ResetPasswordSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ hideFields: ['password', 'confirmPassword'] }) }, { status: 400 })
	}
	const meta = await requestMeta(request, context)
	const { ok } = await resetPassword(accountDeps(context), submission.value.token, submission.value.password, meta)
	if (!ok) {
		return data(
			{ result: submission.reply({ formErrors: ['auth:reset.invalid'], hideFields: ['password', 'confirmPassword'] }) },
			{ status: 400 },
		)
	}
	// Every session of the account was revoked; this browser's cookie goes too.
	return redirectWithToast(
		context.config,
		'/login',
		{ kind: 'success', messageKey: 'auth:reset.done' },
		{ headers: { 'Set-Cookie': blankSessionCookie(context.config.isProduction) } },
	)
}

export default function ResetPasswordPage() {
	const { t } = useTranslation('auth')
	const { token, usable } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'reset-password',
		lastResult: actionData?.result,
		constraint: getZodConstraint(ResetPasswordSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
		// onInput, not onBlur: re-checking on blur removes the form's error as the submit button is
		// pressed, the button moves up, and the click lands on nothing
		shouldRevalidate: 'onInput',
	})
	if (!usable) {
		return (
			<section className="panel" aria-labelledby="reset-title">
				<h1 id="reset-title">{t('reset.title')}</h1>
				<FormErrors errors={['auth:reset.invalid']} />
				<p>
					<Link to="/forgot-password">{t('reset.requestAnother')}</Link>
				</p>
			</section>
		)
	}
	return (
		<section className="panel" aria-labelledby="reset-title">
			<h1 id="reset-title">{t('reset.title')}</h1>
			<Form method="post" {...getFormProps(form)}>
				<input type="hidden" name="token" value={token} />
				<FormErrors id={form.errorId} errors={form.errors} />
				<Field
					label={t('fields.newPassword')}
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
					{t('reset.submit')}
				</button>
			</Form>
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
