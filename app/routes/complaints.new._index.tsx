import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { discardStoredDraft, requireCustomer } from '#app/complaints/filing.server.ts'
import { FilingErrorBoundary } from '#app/components/filing/customers-only.tsx'
import { DateOnly } from '#app/components/filing/date.tsx'
import filingStyles from '#app/components/filing/filing.css'
import { stepPath } from '#app/components/filing/steps.ts'
import { listDrafts, startDraft } from '#app/domain/complaints/drafts.ts'
import { redirectWithToast } from '#app/toast.server.ts'

export const meta: MetaFunction = () => [{ title: '提交投诉 · File a complaint' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: filingStyles }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { viewer } = await requireCustomer(request, context)
	const drafts = await listDrafts(complaintDeps(context), viewer)
	return {
		drafts: drafts.map((d) => ({
			id: d.id,
			title: d.data.title ?? null,
			orderNumber: d.data.orderNumber ?? null,
			files: d.files,
			updatedAt: d.updatedAt.toISOString(),
		})),
	}
}

/** POST starts a new draft (the home page's button posts here too); `intent=discard` deletes one. */
export async function action({ request, context }: ActionFunctionArgs) {
	const { viewer } = await requireCustomer(request, context)
	const form = await request.formData()
	if (form.get('intent') === 'discard') {
		await discardStoredDraft(context, viewer, String(form.get('draftId') ?? ''))
		return redirectWithToast(context.config, '/complaints/new', { kind: 'info', messageKey: 'filing:start.discarded' })
	}
	const draft = await startDraft(complaintDeps(context), viewer)
	return redirect(stepPath(draft.id, 'order'))
}

export default function StartFiling() {
	const { t } = useTranslation('filing')
	const { drafts } = useLoaderData<typeof loader>()
	const navigation = useNavigation()
	const busy = navigation.state !== 'idle'
	return (
		<section className="filing" aria-labelledby="filing-title">
			<h1 id="filing-title">{t('title')}</h1>
			<p className="lead">{t('start.lead')}</p>
			{drafts.length ? (
				<section className="filing-section" aria-labelledby="drafts-title">
					<h2 id="drafts-title">{t('start.draftsTitle')}</h2>
					<p>{t('start.draftsLead')}</p>
					<ul className="order-list">
						{drafts.map((d) => (
							<li key={d.id} className="order-card">
								<div>
									<strong>{d.title ?? t('start.draftUntitled')}</strong>
									{d.orderNumber ? <span> · {d.orderNumber}</span> : null}
									<div className="field-hint">
										{t('start.draftSaved')} <DateOnly value={d.updatedAt} />
									</div>
								</div>
								<div className="actions">
									<Link className="button" to={`/complaints/new/${d.id}`}>
										{t('start.continue')}
									</Link>
									<Form method="post">
										<input type="hidden" name="draftId" value={d.id} />
										<button type="submit" name="intent" value="discard" className="link-button" disabled={busy}>
											{t('start.discard')}
										</button>
									</Form>
								</div>
							</li>
						))}
					</ul>
				</section>
			) : null}
			<section className="filing-section panel" aria-labelledby="need-title">
				<h2 id="need-title">{t('start.needTitle')}</h2>
				<ul>
					<li>{t('start.needOrder')}</li>
					<li>{t('start.needBatch')}</li>
					<li>{t('start.needPhotos')}</li>
				</ul>
				<Form method="post">
					<button type="submit" name="intent" value="start" className="button" disabled={busy}>
						{drafts.length ? t('start.startNew') : t('start.begin')}
					</button>
				</Form>
			</section>
		</section>
	)
}

export function ErrorBoundary() {
	return <FilingErrorBoundary />
}
