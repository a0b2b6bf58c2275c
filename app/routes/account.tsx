import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { changePassword, listSessions, revokeOtherSessions, revokeSession } from '#app/auth/accounts.server.ts'
import { requireUser } from '#app/auth/current-user.server.ts'
import { accountDeps, requestMeta, withRateLimit } from '#app/auth/request-meta.server.ts'
import { DateTime } from '#app/components/date-time.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { FormErrors, retryAfterOf } from '#app/components/form-errors.tsx'
import { Field } from '#app/components/forms.tsx'
import { ChangePasswordSchema } from '#app/domain/accounts/schemas.ts'
import { canManageApiTokens } from '#app/domain/api-tokens/access.ts'
import { redirectWithToast } from '#app/toast.server.ts'

export const meta: MetaFunction = () => [{ title: '我的账户 · My account' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user, session, viewer } = await requireUser(request, context)
	const sessions = await listSessions(context.db.prisma, user.id)
	return {
		user: { name: user.name, email: user.email },
		sessions: sessions.map((s) => ({ ...s, current: s.id === session.id })),
		// members of dealers and regional offices manage their organization's API tokens
		apiTokens: canManageApiTokens(viewer),
	}
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { user, session } = await requireUser(request, context)
	const formData = await request.formData()
	const intent = formData.get('intent')
	const db = context.db.prisma
	if (intent === 'revoke') {
		const id = String(formData.get('sessionId') ?? '')
		// someone else's session id simply matches nothing
		await revokeSession(db, user.id, id)
		return redirectWithToast(context.config, '/account', { kind: 'success', messageKey: 'auth:account.revoked' })
	}
	if (intent === 'revoke-others') {
		await revokeOtherSessions(db, user.id, session.id)
		return redirectWithToast(context.config, '/account', { kind: 'success', messageKey: 'auth:account.othersRevoked' })
	}
	const submission = parseWithZod(formData, { schema: ChangePasswordSchema })
	const hidden = ['currentPassword', 'password', 'confirmPassword']
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ hideFields: hidden }) }, { status: 400 })
	}
	const meta = await requestMeta(request, context)
	const outcome = await withRateLimit(submission, () =>
		changePassword(accountDeps(context), user.id, session.id, submission.value, meta),
	)
	if (!outcome.ok) return outcome.response
	if (!outcome.value.ok) {
		return data(
			{
				result: submission.reply({
					fieldErrors: { currentPassword: ['auth:account.wrongPassword'] },
					hideFields: hidden,
				}),
			},
			{ status: 400 },
		)
	}
	return redirectWithToast(context.config, '/account', { kind: 'success', messageKey: 'auth:account.passwordChanged' })
}

export default function AccountPage() {
	const { t } = useTranslation('auth')
	const { user, sessions, apiTokens } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'change-password',
		lastResult: actionData?.result,
		constraint: getZodConstraint(ChangePasswordSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
		// onInput, not onBlur: re-checking on blur removes the form's error as the submit button is
		// pressed, the button moves up, and the click lands on nothing
		shouldRevalidate: 'onInput',
	})
	return (
		<>
			<h1>{t('account.title')}</h1>
			<section className="panel" aria-labelledby="profile-title">
				<h2 id="profile-title">{t('account.profile')}</h2>
				<dl>
					<dt>{t('fields.name')}</dt>
					<dd>{user.name}</dd>
					<dt>{t('fields.email')}</dt>
					<dd>{user.email}</dd>
				</dl>
			</section>

			{apiTokens ? (
				<section className="panel" aria-labelledby="api-tokens-title">
					<h2 id="api-tokens-title">{t('tokens:entry')}</h2>
					<p>{t('tokens:entryLead')}</p>
					<p>
						<Link to="/account/api-tokens">{t('tokens:title')}</Link>
					</p>
					<p>
						<Link to="/account/webhooks">{t('webhooks:title')}</Link>
					</p>
				</section>
			) : null}

			<section className="panel" aria-labelledby="password-title">
				<h2 id="password-title">{t('account.changePassword')}</h2>
				<p className="field-hint">{t('account.changePasswordHint')}</p>
				<Form method="post" {...getFormProps(form)}>
					<input type="hidden" name="intent" value="change-password" />
					<FormErrors id={form.errorId} errors={form.errors} retryAfter={retryAfterOf(actionData)} />
					<Field
						label={t('fields.currentPassword')}
						meta={fields.currentPassword}
						type="password"
						inputProps={{ autoComplete: 'current-password' }}
					/>
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
						{t('account.changePassword')}
					</button>
				</Form>
			</section>

			<section className="panel" aria-labelledby="sessions-title">
				<h2 id="sessions-title">{t('account.sessions')}</h2>
				<p>{t('account.sessionsLead')}</p>
				<table>
					<thead>
						<tr>
							<th scope="col">{t('account.device')}</th>
							<th scope="col">{t('account.address')}</th>
							<th scope="col">{t('account.signedInAt')}</th>
							<th scope="col">{t('account.lastSeen')}</th>
							<th scope="col">
								<span className="honeypot">{t('account.revoke')}</span>
							</th>
						</tr>
					</thead>
					<tbody>
						{sessions.map((s) => (
							<tr key={s.id}>
								<td>
									{s.userAgent ?? t('account.unknownDevice')}
									{s.current ? (
										<>
											{' '}
											<span className="badge">{t('account.thisSession')}</span>
										</>
									) : null}
								</td>
								<td>{s.ipAddress ?? '—'}</td>
								<td>
									<DateTime value={s.createdAt} />
								</td>
								<td>
									<DateTime value={s.lastSeenAt} />
								</td>
								<td>
									{s.current ? null : (
										<Form method="post">
											<input type="hidden" name="intent" value="revoke" />
											<input type="hidden" name="sessionId" value={s.id} />
											<button type="submit" className="button button-secondary">
												{t('account.revoke')}
											</button>
										</Form>
									)}
								</td>
							</tr>
						))}
					</tbody>
				</table>
				{sessions.length > 1 ? (
					<Form method="post">
						<input type="hidden" name="intent" value="revoke-others" />
						<button type="submit" className="button button-danger">
							{t('account.revokeOthers')}
						</button>
					</Form>
				) : null}
			</section>
		</>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
