import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireCustomer } from '#app/complaints/filing.server.ts'
import { FilingErrorBoundary } from '#app/components/filing/customers-only.tsx'
import filingStyles from '#app/components/filing/filing.css'
import { getComplaintByReference } from '#app/domain/complaints/queries.ts'
import { NotFoundError } from '#app/domain/errors.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.reference} · 投诉已收到 · Complaint received` : '投诉已收到 · Complaint received' },
]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: filingStyles }]

/** The confirmation after filing: the reference number, and what happens next. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { viewer } = await requireCustomer(request, context)
	try {
		const complaint = await getComplaintByReference(context.db.prisma, viewer, params.reference ?? '')
		return { reference: complaint.reference, title: complaint.title }
	} catch (error) {
		// someone else's reference looks exactly like one that does not exist
		if (error instanceof NotFoundError) throw data(null, { status: 404 })
		throw error
	}
}

export default function ComplaintFiled() {
	const { t } = useTranslation('filing')
	const { reference, title } = useLoaderData<typeof loader>()
	return (
		<section className="filing panel" aria-labelledby="filed-title">
			<h1 id="filed-title">{t('filed.title')}</h1>
			<p>{title}</p>
			<div role="status">
				<p className="field-hint">{t('filed.reference')}</p>
				<p className="filed-reference">{reference}</p>
				<p className="field-hint">{t('filed.referenceHint')}</p>
				<p>{t('filed.emailed')}</p>
			</div>
			<h2>{t('filed.nextTitle')}</h2>
			<ol>
				<li>{t('filed.next1')}</li>
				<li>{t('filed.next2')}</li>
				<li>{t('filed.next3')}</li>
			</ol>
			<p className="actions">
				<Link className="button" to={`/complaints/${reference}`}>
					{t('filed.view')}
				</Link>
				<Link className="button button-secondary" to="/complaints">
					{t('filed.mine')}
				</Link>
			</p>
		</section>
	)
}

export function ErrorBoundary() {
	return <FilingErrorBoundary />
}
