import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useOutlet } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DateTime } from '#app/components/date-time.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { listMailbox } from '#app/mail/mailbox.server.ts'

export const meta: MetaFunction = () => [{ title: '开发邮箱 · Dev mailbox' }]

/** Only where no mail provider is configured; elsewhere the page does not exist. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	if (!context.config.devMailbox) throw new Response('Not Found', { status: 404 })
	const to = new URL(request.url).searchParams.get('to')?.trim() || null
	return { to, emails: await listMailbox(context.db.prisma, { to }) }
}

export default function DevMailbox() {
	const { t } = useTranslation('mailbox')
	const { to, emails } = useLoaderData<typeof loader>()
	// An opened email (dev.mailbox.$id) takes the page's place.
	const outlet = useOutlet()
	if (outlet) return outlet
	const search = to ? `?to=${encodeURIComponent(to)}` : ''
	return (
		<section className="panel" aria-labelledby="mailbox-title">
			<h1 id="mailbox-title">{t('title')}</h1>
			<p className="field-hint">{t('intro')}</p>
			<Form method="get" className="actions">
				<div className="field">
					<label htmlFor="mailbox-to">{t('filterLabel')}</label>
					<input id="mailbox-to" name="to" type="search" defaultValue={to ?? ''} autoComplete="off" />
				</div>
				<button type="submit" className="button">
					{t('filter')}
				</button>
				{to ? (
					<Link to="/dev/mailbox" className="button button-secondary">
						{t('clearFilter')}
					</Link>
				) : null}
			</Form>
			{emails.length === 0 ? (
				<p>{to ? t('emptyFor', { to }) : t('empty')}</p>
			) : (
				<table>
					<thead>
						<tr>
							<th scope="col">{t('columns.to')}</th>
							<th scope="col">{t('columns.subject')}</th>
							<th scope="col">{t('columns.template')}</th>
							<th scope="col">{t('columns.status')}</th>
							<th scope="col">{t('columns.time')}</th>
						</tr>
					</thead>
					<tbody>
						{emails.map((email) => (
							<tr key={email.id}>
								<td>{email.to}</td>
								<td>
									<Link to={`/dev/mailbox/${email.id}${search}`}>{email.subject}</Link>
								</td>
								<td>
									<code>{email.template}</code>
								</td>
								<td>
									<span className="badge">{t(`status.${email.status}`)}</span>
								</td>
								<td>
									<DateTime value={email.createdAt} />
								</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
