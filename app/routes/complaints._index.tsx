import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '#app/auth/current-user.server.ts'
import complaintStyles from '#app/components/complaint/complaint.css'
import { StatusBadge, WaitingOnLabel } from '#app/components/complaint/status-badge.tsx'
import { DateTime } from '#app/components/date-time.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { STATUSES } from '#app/domain/complaints/lifecycle.ts'
import { LIST_FILTERS, listMyComplaints, type ComplaintListFilter } from '#app/domain/complaints/queries.ts'

export const meta: MetaFunction = () => [{ title: '我的投诉 · My complaints' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: complaintStyles }]

const PAGE_SIZE = 10

/** `?status=` is a group (open, waiting, finished) or one status; anything else shows all. */
function parseFilter(value: string | null): ComplaintListFilter {
	if (value && ((LIST_FILTERS as readonly string[]).includes(value) || (STATUSES as readonly string[]).includes(value)))
		return value as ComplaintListFilter
	return 'all'
}

function parsePage(value: string | null): number {
	const page = Number(value)
	return Number.isInteger(page) && page >= 1 ? page : 1
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { viewer } = await requireUser(request, context)
	const url = new URL(request.url)
	const filter = parseFilter(url.searchParams.get('status'))
	const result = await listMyComplaints(context.db.prisma, viewer, {
		filter,
		page: parsePage(url.searchParams.get('page')),
		pageSize: PAGE_SIZE,
	})
	return { ...result, filter }
}

function pageHref(filter: ComplaintListFilter, page: number) {
	const params = new URLSearchParams()
	if (filter !== 'all') params.set('status', filter)
	if (page > 1) params.set('page', String(page))
	const query = params.toString()
	return query ? `/complaints?${query}` : '/complaints'
}

/** The first and last page, and two either side of the current one; null marks a gap. */
function pageWindow(page: number, pageCount: number): Array<number | null> {
	const pages: Array<number | null> = []
	for (let n = 1; n <= pageCount; n++) {
		if (n === 1 || n === pageCount || Math.abs(n - page) <= 2) pages.push(n)
		else if (pages.at(-1) !== null) pages.push(null)
	}
	return pages
}

export default function MyComplaintsPage() {
	const { t } = useTranslation('complaints')
	const { items, total, page, pageCount, filter } = useLoaderData<typeof loader>()
	const navigation = useNavigation()
	const groupLabels: Record<(typeof LIST_FILTERS)[number], string> = {
		all: t('list.filterAll'),
		open: t('list.filterOpen'),
		waiting: t('list.filterWaiting'),
		finished: t('list.filterFinished'),
	}
	const nothingAtAll = total === 0 && filter === 'all'
	return (
		<div className="complaints">
			<div className="page-heading">
				<h1>{t('list.title')}</h1>
				{nothingAtAll ? null : (
					<Link to="/complaints/new" className="button">
						{t('list.fileNew')}
					</Link>
				)}
			</div>

			{nothingAtAll ? (
				<section className="panel empty-state" aria-labelledby="empty-title">
					<h2 id="empty-title">{t('list.empty')}</h2>
					<p>{t('list.emptyLead')}</p>
					<Link to="/complaints/new" className="button">
						{t('list.fileNew')}
					</Link>
				</section>
			) : (
				<>
					<p className="field-hint">{t('list.lead')}</p>
					<Form method="get" className="list-filter" aria-busy={navigation.state === 'loading' || undefined}>
						<div className="field">
							<label htmlFor="status-filter">{t('list.filterLabel')}</label>
							<select id="status-filter" name="status" defaultValue={filter} key={filter}>
								{LIST_FILTERS.map((f) => (
									<option key={f} value={f}>
										{groupLabels[f]}
									</option>
								))}
								<optgroup label={t('list.filterByStatus')}>
									{STATUSES.map((s) => (
										<option key={s} value={s}>
											{t(`status.${s}`)}
										</option>
									))}
								</optgroup>
							</select>
						</div>
						<button type="submit" className="button button-secondary">
							{t('list.filterSubmit')}
						</button>
					</Form>

					<p className="list-count" aria-live="polite">
						{t('list.count', { count: total })}
					</p>

					{items.length === 0 ? (
						<section className="panel empty-state">
							<p>{t('list.emptyFiltered')}</p>
							<Link to="/complaints">{t('list.showAll')}</Link>
						</section>
					) : (
						<div className="table-scroll">
							<table className="complaint-table">
								<caption className="visually-hidden">{t('list.caption')}</caption>
								<thead>
									<tr>
										<th scope="col">{t('list.columns.reference')}</th>
										<th scope="col">{t('list.columns.status')}</th>
										<th scope="col">{t('list.columns.waitingOn')}</th>
										<th scope="col">{t('list.columns.order')}</th>
										<th scope="col">{t('list.columns.product')}</th>
										<th scope="col">{t('list.columns.updated')}</th>
									</tr>
								</thead>
								<tbody>
									{items.map((c) => (
										<tr key={c.id}>
											<th scope="row">
												<Link to={`/complaints/${c.reference}`} className="complaint-link">
													{c.reference}
												</Link>
												<span className="complaint-title">{c.title}</span>
											</th>
											<td>
												<StatusBadge status={c.status} waitingOn={c.waitingOn} />
											</td>
											<td>
												<WaitingOnLabel waitingOn={c.waitingOn} />
											</td>
											<td className="nowrap">{c.orderNumber}</td>
											<td>
												{c.productModel ? (
													<>
														{c.productModel}
														{c.productName ? <span className="complaint-title">{c.productName}</span> : null}
													</>
												) : (
													t('list.wholeOrder')
												)}
											</td>
											<td>
												<DateTime value={c.updatedAt} />
											</td>
										</tr>
									))}
								</tbody>
							</table>
						</div>
					)}

					{pageCount > 1 ? (
						<nav className="pagination" aria-label={t('list.pagination')}>
							<p>{t('list.pageOf', { page, pages: pageCount })}</p>
							<ul>
								{page > 1 ? (
									<li>
										<Link to={pageHref(filter, page - 1)} rel="prev">
											{t('list.previous')}
										</Link>
									</li>
								) : null}
								{pageWindow(page, pageCount).map((n, i) =>
									n === null ? (
										<li key={`gap-${i}`} aria-hidden="true" className="pagination-gap">
											…
										</li>
									) : (
										<li key={n}>
											<Link
												to={pageHref(filter, n)}
												aria-current={n === page ? 'page' : undefined}
												aria-label={t('list.page', { page: n })}
											>
												{n}
											</Link>
										</li>
									),
								)}
								{page < pageCount ? (
									<li>
										<Link to={pageHref(filter, page + 1)} rel="next">
											{t('list.next')}
										</Link>
									</li>
								) : null}
							</ul>
						</nav>
					) : null}
				</>
			)}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
