import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DateTime } from '#app/components/date-time.tsx'
import { FieldErrors, StepErrors } from '#app/components/filing/messages.tsx'
import { CheckboxGroupField, Field } from '#app/components/forms.tsx'
import { ApiTokenSchema, EXPIRY_CHOICES, type ApiTokenInput } from '#app/domain/api-tokens/schemas.ts'
import { API_TOKEN_SCOPES } from '#app/domain/api-tokens/scopes.ts'
import type { ApiTokenScope } from '#app/generated/prisma/enums.ts'

/** A token as the list shows it; dates arrive as strings from the loader. */
export interface TokenRow {
	id: string
	name: string
	prefix: string
	scopes: ApiTokenScope[]
	createdAt: string | Date
	createdByName: string
	expiresAt: string | Date | null
	lastUsedAt: string | Date | null
	revokedByName: string | null
	state: 'active' | 'expired' | 'revoked'
}

/** The secret of the token just created: shown this once, with how to use it. */
export function NewTokenNotice({ name, secret }: { name: string; secret: string }) {
	const { t } = useTranslation('tokens')
	return (
		<section className="panel token-created" role="status" aria-labelledby="token-created-title">
			<h2 id="token-created-title">{t('created.title', { name })}</h2>
			<p>{t('created.once')}</p>
			<div className="field">
				<label htmlFor="new-token-secret">{t('created.label')}</label>
				<input
					id="new-token-secret"
					className="token-secret"
					readOnly
					value={secret}
					spellCheck={false}
					autoComplete="off"
					onFocus={(event) => event.currentTarget.select()}
				/>
			</div>
		</section>
	)
}

/** Name, scopes and expiry of a new token; works as a plain form post without JavaScript. */
export function CreateTokenForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
	const { t } = useTranslation('tokens')
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'create'
	const [form, fields] = useForm<{ name: string; scopes: string[]; expiresInDays: string }, ApiTokenInput>({
		id: 'new-api-token',
		lastResult,
		defaultValue: { scopes: ['READ_COMPLAINTS'], expiresInDays: '90' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ApiTokenSchema }),
		// onInput, not onBlur: see _auth.forgot-password.tsx
		shouldRevalidate: 'onInput',
	})
	const chosenScopes = [fields.scopes.initialValue ?? []].flat()
	return (
		<Form method="post" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="create" />
			<StepErrors id={form.errorId} errors={form.errors} />
			<Field
				label={t('fields.name')}
				hint={t('fields.nameHint')}
				meta={fields.name}
				inputProps={{ maxLength: 80, autoComplete: 'off' }}
			/>
			<CheckboxGroupField
				legend={t('fields.scopes')}
				meta={fields.scopes}
				options={API_TOKEN_SCOPES.map((value) => ({
					value,
					label: t(`scope.${value}`),
					hint: t(`scopeHint.${value}`),
				}))}
				chosen={chosenScopes}
			/>
			<fieldset
				className="field token-choices"
				aria-invalid={fields.expiresInDays.errors?.length ? true : undefined}
				aria-describedby={
					[fields.expiresInDays.errors?.length ? fields.expiresInDays.errorId : null, 'token-expiry-hint']
						.filter(Boolean)
						.join(' ') || undefined
				}
			>
				<legend>{t('fields.expiresInDays')}</legend>
				<p id="token-expiry-hint" className="field-hint">
					{t('expiry.neverHint')}
				</p>
				<FieldErrors id={fields.expiresInDays.errorId} errors={fields.expiresInDays.errors} />
				{EXPIRY_CHOICES.map((choice) => {
					const id = `${fields.expiresInDays.id}-${choice}`
					return (
						<div className="token-choice" key={`${fields.expiresInDays.key ?? ''}-${choice}`}>
							<input
								type="radio"
								id={id}
								name={fields.expiresInDays.name}
								value={choice}
								defaultChecked={fields.expiresInDays.initialValue === choice}
							/>
							<label htmlFor={id}>{t(`expiry.${choice}`)}</label>
						</div>
					)
				})}
			</fieldset>
			<button type="submit" className="button" disabled={busy}>
				{t('create.submit')}
			</button>
		</Form>
	)
}

/** The organization's tokens: what each may do, when it was made, expires and was last used. */
export function TokenTable({ tokens }: { tokens: TokenRow[] }) {
	const { t } = useTranslation('tokens')
	if (tokens.length === 0) return <p>{t('list.empty')}</p>
	return (
		<div className="token-table-wrap">
			<table className="token-table">
				<thead>
					<tr>
						<th scope="col">{t('list.name')}</th>
						<th scope="col">{t('list.token')}</th>
						<th scope="col">{t('list.scopes')}</th>
						<th scope="col">{t('list.created')}</th>
						<th scope="col">{t('list.expires')}</th>
						<th scope="col">{t('list.lastUsed')}</th>
						<th scope="col">{t('list.state')}</th>
						<th scope="col">
							<span className="honeypot">{t('list.actions')}</span>
						</th>
					</tr>
				</thead>
				<tbody>
					{tokens.map((token) => (
						<tr key={token.id} className={token.state === 'active' ? undefined : 'token-inactive'}>
							<th scope="row">{token.name}</th>
							<td>
								<code>{token.prefix}…</code>
							</td>
							<td>
								<ul className="token-scopes">
									{token.scopes.map((scope) => (
										<li key={scope}>{t(`scope.${scope}`)}</li>
									))}
								</ul>
							</td>
							<td>
								<DateTime value={token.createdAt} />
								<br />
								<span className="field-hint">{t('list.createdBy', { name: token.createdByName })}</span>
							</td>
							<td>{token.expiresAt ? <DateTime value={token.expiresAt} /> : t('list.never')}</td>
							<td>{token.lastUsedAt ? <DateTime value={token.lastUsedAt} /> : t('list.notUsed')}</td>
							<td>
								<span className="badge">{t(`state.${token.state}`)}</span>
								{token.revokedByName ? (
									<>
										<br />
										<span className="field-hint">{t('revokedBy', { name: token.revokedByName })}</span>
									</>
								) : null}
							</td>
							<td>
								{token.state === 'active' ? (
									<Form method="post">
										<input type="hidden" name="intent" value="revoke" />
										<input type="hidden" name="tokenId" value={token.id} />
										<button
											type="submit"
											className="button button-danger"
											aria-label={t('revokeLabel', { name: token.name })}
										>
											{t('revoke')}
										</button>
									</Form>
								) : null}
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}
