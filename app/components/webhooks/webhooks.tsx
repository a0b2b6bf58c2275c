import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DateTime } from '#app/components/date-time.tsx'
import { StepErrors } from '#app/components/filing/messages.tsx'
import { CheckboxGroupField, Field } from '#app/components/forms.tsx'
import {
	WEBHOOK_EVENTS,
	WEBHOOK_URL_MAX,
	WebhookEndpointSchema,
	type WebhookEndpointInput,
} from '#app/domain/webhooks/schemas.ts'
import type { WebhookDeliveryStatus, WebhookEvent } from '#app/generated/prisma/enums.ts'

/** An endpoint as the list shows it; dates arrive as strings from the loader. */
export interface EndpointRow {
	id: string
	url: string
	events: WebhookEvent[]
	createdAt: string | Date
	createdByName: string
}

export interface DeliveryRow {
	id: string
	url: string
	eventType: string
	status: WebhookDeliveryStatus
	attempts: number
	lastStatusCode: number | null
	lastError: string | null
	createdAt: string | Date
	nextAttemptAt: string | Date
}

/** The signing secret of the endpoint just added: shown this once. */
export function NewEndpointNotice({ url, secret }: { url: string; secret: string }) {
	const { t } = useTranslation('webhooks')
	return (
		<section className="panel token-created" role="status" aria-labelledby="endpoint-created-title">
			<h2 id="endpoint-created-title">{t('created.title')}</h2>
			<p>{t('created.once')}</p>
			<div className="field">
				<label htmlFor="new-endpoint-secret">{t('created.label', { url })}</label>
				<input
					id="new-endpoint-secret"
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

/** URL and events of a new endpoint; works as a plain form post without JavaScript. */
export function CreateEndpointForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
	const { t } = useTranslation('webhooks')
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'create'
	const [form, fields] = useForm<{ url: string; events: string[] }, WebhookEndpointInput>({
		id: 'new-webhook-endpoint',
		lastResult,
		defaultValue: { events: ['COMPLAINT_CREATED', 'STATUS_CHANGED', 'REPLY_ADDED'] },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: WebhookEndpointSchema }),
		// onInput, not onBlur: see _auth.forgot-password.tsx
		shouldRevalidate: 'onInput',
	})
	const chosen = [fields.events.initialValue ?? []].flat()
	return (
		<Form method="post" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="create" />
			<StepErrors id={form.errorId} errors={form.errors} />
			<Field
				label={t('fields.url')}
				hint={t('fields.urlHint')}
				meta={fields.url}
				inputProps={{ type: 'url', maxLength: WEBHOOK_URL_MAX, autoComplete: 'off', placeholder: 'https://' }}
			/>
			<CheckboxGroupField
				legend={t('fields.events')}
				meta={fields.events}
				options={WEBHOOK_EVENTS.map((value) => ({ value, label: t(`event.${value}`), hint: t(`eventHint.${value}`) }))}
				chosen={chosen}
			/>
			<button type="submit" className="button" disabled={busy}>
				{t('create.submit')}
			</button>
		</Form>
	)
}

/** The organization's endpoints, each with "send test" and "remove". */
export function EndpointTable({ endpoints }: { endpoints: EndpointRow[] }) {
	const { t } = useTranslation('webhooks')
	if (endpoints.length === 0) return <p>{t('list.empty')}</p>
	return (
		<div className="token-table-wrap">
			<table className="token-table">
				<thead>
					<tr>
						<th scope="col">{t('list.url')}</th>
						<th scope="col">{t('list.events')}</th>
						<th scope="col">{t('list.created')}</th>
						<th scope="col">
							<span className="honeypot">{t('list.actions')}</span>
						</th>
					</tr>
				</thead>
				<tbody>
					{endpoints.map((endpoint) => (
						<tr key={endpoint.id}>
							<th scope="row">
								<code>{endpoint.url}</code>
							</th>
							<td>
								<ul className="token-scopes">
									{endpoint.events.map((event) => (
										<li key={event}>{t(`event.${event}`)}</li>
									))}
								</ul>
							</td>
							<td>
								<DateTime value={endpoint.createdAt} />
								<br />
								<span className="field-hint">{t('list.createdBy', { name: endpoint.createdByName })}</span>
							</td>
							<td>
								<Form method="post">
									<input type="hidden" name="endpointId" value={endpoint.id} />
									<button
										type="submit"
										name="intent"
										value="test"
										className="button"
										aria-label={t('sendTestLabel', { url: endpoint.url })}
									>
										{t('sendTest')}
									</button>{' '}
									<button
										type="submit"
										name="intent"
										value="remove"
										className="button button-danger"
										aria-label={t('removeLabel', { url: endpoint.url })}
									>
										{t('remove')}
									</button>
								</Form>
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}

/** The last deliveries: what, where, how it went, how often it was tried, what the receiver said. */
export function DeliveryLog({ deliveries }: { deliveries: DeliveryRow[] }) {
	const { t } = useTranslation('webhooks')
	if (deliveries.length === 0) return <p>{t('log.empty')}</p>
	return (
		<div className="token-table-wrap">
			<table className="token-table">
				<thead>
					<tr>
						<th scope="col">{t('log.created')}</th>
						<th scope="col">{t('log.event')}</th>
						<th scope="col">{t('log.endpoint')}</th>
						<th scope="col">{t('log.status')}</th>
						<th scope="col">{t('log.attempts')}</th>
						<th scope="col">{t('log.statusCode')}</th>
					</tr>
				</thead>
				<tbody>
					{deliveries.map((delivery) => (
						<tr key={delivery.id}>
							<td>
								<DateTime value={delivery.createdAt} />
							</td>
							<td>
								<code>{delivery.eventType}</code>
							</td>
							<td>
								<code>{delivery.url}</code>
							</td>
							<td>
								<span className="badge">{t(`deliveryStatus.${delivery.status}`)}</span>
								{delivery.status === 'PENDING' && delivery.attempts > 0 ? (
									<>
										<br />
										<span className="field-hint">
											{t('log.nextAttempt')} <DateTime value={delivery.nextAttemptAt} />
										</span>
									</>
								) : null}
							</td>
							<td>{delivery.attempts}</td>
							<td>
								{delivery.lastStatusCode ?? t('log.noResponse')}
								{delivery.lastError ? (
									<>
										<br />
										<span className="field-hint">{delivery.lastError}</span>
									</>
								) : null}
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}
