import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useSyncExternalStore, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { BarChart, ColumnChart, LineChart, ParetoChart, type Bar } from '#app/components/reports/charts.tsx'
import { ReportTableView, useReportFormat } from '#app/components/reports/report-table.tsx'
import reportStyles from '#app/components/reports/reports.css'
import { TOP_PRODUCTS } from '#app/domain/reports/complaint-statistics.ts'
import { PERIOD_PRESETS, periodQueryString } from '#app/domain/reports/period.ts'
import type { ReportTable, ReportTableId } from '#app/domain/reports/report-tables.ts'
import { DIMENSIONS } from '#app/domain/surveys/dimensions.ts'
import { createI18n } from '#app/i18n/i18n.server.ts'
import { loadReports } from '#app/reports/reports.server.ts'

export const meta: MetaFunction = () => [{ title: '统计报表 · Reports' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: reportStyles }]

/** The dealer chart shows this many; its table lists every dealer. */
const DEALERS_CHARTED = 15

const bars = (table: ReportTable, label: string, value = 'complaints'): Bar[] =>
	table.rows.map((row) => ({ label: String(row[label] ?? ''), value: Number(row[value] ?? 0) }))
const percent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10)

/**
 * The reports (issue 6, DESIGN.md §7): service levels, durations, volumes by category, region,
 * dealer, product model and batch, the Pareto of root causes and the satisfaction surveys, for a
 * period, over what the viewer may see (a regional office's region, all for head office). Every
 * chart is SVG drawn here on the server with its table next to it and a CSV of that table; the
 * page works and prints without JavaScript. The figures come from app/domain/reports, which
 * GraphQL's `complaintStatistics` and `surveyStatistics` call too.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const reports = await loadReports(request, context)
	const { complaints, surveys, tables, period } = reports
	const t = createI18n(reports.language).t
	const histogramRows = (question: string) => surveys.histograms.find((h) => h.question === question)!
	return {
		period: { from: period.from, to: period.to, preset: period.preset, interval: period.interval },
		query: periodQueryString(period),
		problem: reports.problem,
		regionOnly: complaints.scope !== 'all',
		totals: complaints.totals,
		survey: {
			answers: surveys.totals.answers,
			overall: surveys.totals.averages.overall,
			nps: surveys.totals.netPromoterScore,
			sent: surveys.sent,
			sentAndAnswered: surveys.sentAndAnswered,
			responseRate: surveys.responseRate,
		},
		rootCauseUndetermined: complaints.rootCauseUndetermined,
		tables,
		charts: {
			trend: {
				labels: tables.trend.rows.map((row) => String(row.period)),
				complaints: complaints.trend.map((p) => p.figures.complaints),
				firstResponse: complaints.trend.map((p) => percent(p.figures.firstResponseCompliance)),
				serviceLevel: complaints.trend.map((p) => percent(p.figures.serviceLevelCompliance)),
			},
			categories: bars(tables.categories, 'category'),
			regions: bars(tables.regions, 'region'),
			dealers: bars(tables.dealers, 'dealer').slice(0, DEALERS_CHARTED),
			models: bars(tables.models, 'productModel'),
			batches: tables.batches.rows.map((row) => ({
				label: `${String(row.productModel)} / ${String(row.batchNumber)}`,
				value: Number(row.complaints),
			})),
			rootCauses: {
				bars: bars(tables['root-causes'], 'rootCause'),
				cumulative: complaints.rootCauses.map((r) => r.cumulativeShare),
			},
			histograms: [...DIMENSIONS, 'recommend' as const].map((question) => {
				const histogram = histogramRows(question)
				return {
					question,
					columns: histogram.counts.map((c) => ({ label: String(c.score), value: c.answers })),
					skipped: histogram.skipped,
				}
			}),
			surveyTrend: {
				labels: tables['survey-trend'].rows.map((row) => String(row.period)),
				series: DIMENSIONS.map((d) => ({
					name: t(`reports:question.${d}`),
					values: surveys.trend.map((p) => p.figures.averages[d]),
				})),
			},
		},
	}
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function PeriodForm({ period }: { period: LoaderData['period'] }) {
	const { t } = useTranslation('reports')
	return (
		<Form method="get" className="report-period panel" aria-label={t('period.legend')}>
			<div className="field">
				<label htmlFor="report-preset">{t('period.preset')}</label>
				<select id="report-preset" name="period" defaultValue={period.preset ?? 'custom'}>
					{PERIOD_PRESETS.map((preset) => (
						<option key={preset} value={preset}>
							{t(`preset.${preset}`)}
						</option>
					))}
					<option value="custom">{t('period.custom')}</option>
				</select>
			</div>
			<div className="field">
				<label htmlFor="report-from">{t('period.from')}</label>
				<input id="report-from" name="from" type="date" defaultValue={period.from} />
			</div>
			<div className="field">
				<label htmlFor="report-to">{t('period.to')}</label>
				<input id="report-to" name="to" type="date" defaultValue={period.to} />
			</div>
			<button type="submit" className="button">
				{t('period.submit')}
			</button>
		</Form>
	)
}

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
	return (
		<div className="report-figure">
			<dt>{label}</dt>
			<dd>
				<span className="report-figure-value">{value}</span>
				{detail ? <span className="report-figure-detail">{detail}</span> : null}
			</dd>
		</div>
	)
}

function Summary({ data }: { data: LoaderData }) {
	const { t } = useTranslation('reports')
	const { format } = useReportFormat()
	const { totals, survey } = data
	const duration = (d: { median: number; p90: number } | null) =>
		d ? t('summary.medianP90', { median: format(d.median, 'hours'), p90: format(d.p90, 'hours') }) : t('summary.none')
	return (
		<section aria-labelledby="summary-title" className="report-section">
			<h2 id="summary-title">{t('summary.title')}</h2>
			<dl className="report-figures">
				<Figure label={t('summary.complaints')} value={format(totals.complaints, 'count')} />
				<Figure
					label={t('summary.firstResponse')}
					value={format(totals.firstResponseCompliance, 'share')}
					detail={t('summary.ofDecided', {
						met: totals.firstResponseMet,
						decided: totals.firstResponseMet + totals.firstResponseMissed,
					})}
				/>
				<Figure
					label={t('summary.serviceLevel')}
					value={format(totals.serviceLevelCompliance, 'share')}
					detail={t('summary.ofDecided', {
						met: totals.serviceLevelKept,
						decided: totals.serviceLevelKept + totals.serviceLevelMissed,
					})}
				/>
				<Figure
					label={t('summary.firstResponseTime')}
					value={format(totals.firstResponseHours?.median ?? null, 'hours')}
					detail={duration(totals.firstResponseHours)}
				/>
				<Figure
					label={t('summary.resolutionTime')}
					value={format(totals.resolutionHours?.median ?? null, 'hours')}
					detail={duration(totals.resolutionHours)}
				/>
				<Figure label={t('summary.answers')} value={format(survey.answers, 'count')} />
				<Figure
					label={t('summary.responseRate')}
					value={format(survey.responseRate, 'share')}
					detail={t('summary.responseRateOf', { answered: survey.sentAndAnswered, sent: survey.sent })}
				/>
				<Figure label={t('question.overall')} value={format(survey.overall, 'score')} />
				<Figure label={t('summary.nps')} value={format(survey.nps, 'nps')} />
			</dl>
			<p className="muted">{t('explain.serviceLevel')}</p>
			<p className="muted">{t('explain.durations')}</p>
		</section>
	)
}

function Section({
	id,
	title,
	children,
	table,
	query,
	note,
}: {
	id: string
	title: string
	children: ReactNode
	table: ReportTable
	query: string
	note?: string
}) {
	return (
		<section aria-labelledby={`${id}-title`} className="report-section">
			<h2 id={`${id}-title`}>{title}</h2>
			{note ? <p className="muted">{note}</p> : null}
			<figure className="report-chart">{children}</figure>
			<ReportTableView table={table} caption={title} csvHref={csvHref(table.id, query)} />
		</section>
	)
}

const csvHref = (id: ReportTableId, query: string) => `/staff/reports/csv/${id}${query ? `?${query}` : ''}`

const noSubscription = () => () => {}

/** Print is a convenience of the browser's own; the button appears once scripts run. */
function PrintButton() {
	const { t } = useTranslation('reports')
	const hydrated = useSyncExternalStore(
		noSubscription,
		() => true,
		() => false,
	)
	if (!hydrated) return null
	return (
		<button type="button" className="button button-secondary report-print" onClick={() => window.print()}>
			{t('print')}
		</button>
	)
}

export default function ReportsPage() {
	const data = useLoaderData<typeof loader>()
	const { t } = useTranslation(['reports', 'complaints'])
	const { tables, charts, query, period } = data
	const { format } = useReportFormat()
	const interval = t(`reports:intervalName.${period.interval}`)
	const empty = t('reports:chart.empty')
	const barsDescription = (count: number) => t('reports:chart.barsDesc', { count })
	return (
		<div className="reports">
			<div className="report-head">
				<h1>{t('reports:title')}</h1>
				<PrintButton />
			</div>
			<p className="lead">{data.regionOnly ? t('reports:leadRegion') : t('reports:lead')}</p>
			<p className="report-showing">{t('reports:period.showing', { from: period.from, to: period.to, interval })}</p>
			{data.problem ? (
				<p className="form-error" role="alert">
					{t(`reports:period.problem.${data.problem}`)}
				</p>
			) : null}
			<PeriodForm period={period} />
			<p className="muted report-print-hint">{t('reports:printHint')}</p>

			<Summary data={data} />

			<Section id="trend" title={t('reports:section.trend')} table={tables.trend} query={query}>
				<LineChart
					title={t('reports:section.trend')}
					description={t('reports:chart.trendDesc', { interval, from: period.from, to: period.to })}
					labels={charts.trend.labels}
					series={[{ name: t('reports:chart.complaints'), values: charts.trend.complaints }]}
				/>
				<LineChart
					title={t('reports:chart.serviceLevel')}
					description={t('reports:chart.trendDesc', { interval, from: period.from, to: period.to })}
					labels={charts.trend.labels}
					range={[0, 100]}
					format={(v) => `${v}%`}
					series={[
						{ name: t('reports:column.firstResponseCompliance'), values: charts.trend.firstResponse },
						{ name: t('reports:column.serviceLevelCompliance'), values: charts.trend.serviceLevel },
					]}
				/>
			</Section>

			<Section id="categories" title={t('reports:section.categories')} table={tables.categories} query={query}>
				<BarChart
					title={t('reports:section.categories')}
					description={barsDescription(charts.categories.length)}
					bars={charts.categories}
					emptyText={empty}
				/>
			</Section>

			<Section id="regions" title={t('reports:section.regions')} table={tables.regions} query={query}>
				<BarChart
					title={t('reports:section.regions')}
					description={barsDescription(charts.regions.length)}
					bars={charts.regions}
					emptyText={empty}
				/>
			</Section>

			<Section
				id="dealers"
				title={t('reports:section.dealers')}
				table={tables.dealers}
				query={query}
				note={
					tables.dealers.rows.length > DEALERS_CHARTED
						? t('reports:explain.dealerChart', { count: DEALERS_CHARTED })
						: undefined
				}
			>
				<BarChart
					title={t('reports:section.dealers')}
					description={barsDescription(charts.dealers.length)}
					bars={charts.dealers}
					emptyText={empty}
				/>
			</Section>

			<Section
				id="models"
				title={t('reports:section.models')}
				table={tables.models}
				query={query}
				note={t('reports:explain.models', { count: TOP_PRODUCTS })}
			>
				<BarChart
					title={t('reports:section.models')}
					description={barsDescription(charts.models.length)}
					bars={charts.models}
					emptyText={empty}
				/>
			</Section>

			<Section
				id="batches"
				title={t('reports:section.batches')}
				table={tables.batches}
				query={query}
				note={t('reports:explain.batches', { count: TOP_PRODUCTS })}
			>
				<BarChart
					title={t('reports:section.batches')}
					description={barsDescription(charts.batches.length)}
					bars={charts.batches}
					emptyText={empty}
				/>
			</Section>

			<Section
				id="root-causes"
				title={t('reports:section.rootCauses')}
				table={tables['root-causes']}
				query={query}
				note={t('reports:explain.rootCauses', { count: data.rootCauseUndetermined })}
			>
				<ParetoChart
					title={t('reports:section.rootCauses')}
					description={t('reports:chart.paretoDesc')}
					bars={charts.rootCauses.bars}
					cumulative={charts.rootCauses.cumulative}
					emptyText={empty}
				/>
			</Section>

			<section aria-labelledby="surveys-title" className="report-section">
				<h2 id="surveys-title">{t('reports:section.surveys')}</h2>
				<p className="muted">{t('reports:explain.surveys')}</p>
				<h3 id="histograms-title">{t('reports:section.histograms')}</h3>
				<div className="report-histograms">
					{charts.histograms.map((h) => {
						const title = t(`reports:question.${h.question}`)
						return (
							<section key={h.question} className="report-histogram" aria-label={title}>
								<h4>{title}</h4>
								<figure className="report-chart">
									<ColumnChart title={title} description={t('reports:chart.histogramDesc')} columns={h.columns} />
								</figure>
								<div className="table-scroll">
									<table className="histogram-table">
										<caption>{title}</caption>
										<thead>
											<tr>
												<th scope="col">{t('reports:column.score')}</th>
												<th scope="col" className="numeric">
													{t('reports:column.answers')}
												</th>
											</tr>
										</thead>
										<tbody>
											{h.columns.map((c) => (
												<tr key={c.label}>
													<th scope="row">{c.label}</th>
													<td className="numeric">{format(c.value, 'count')}</td>
												</tr>
											))}
											<tr>
												<th scope="row">{t('reports:skipped')}</th>
												<td className="numeric">{format(h.skipped, 'count')}</td>
											</tr>
										</tbody>
									</table>
								</div>
							</section>
						)
					})}
				</div>
				<p className="report-csv">
					<a
						href={csvHref('survey-histograms', query)}
						download
						aria-label={t('reports:csvLabel', { table: t('reports:section.histograms') })}
					>
						{t('reports:csv')}
					</a>
				</p>
			</section>

			<Section id="survey-trend" title={t('reports:section.surveyTrend')} table={tables['survey-trend']} query={query}>
				<LineChart
					title={t('reports:section.surveyTrend')}
					description={t('reports:chart.surveyTrendDesc', { interval })}
					labels={charts.surveyTrend.labels}
					range={[1, 5]}
					series={charts.surveyTrend.series}
				/>
			</Section>

			<Section
				id="survey-regions"
				title={t('reports:section.surveyRegions')}
				table={tables['survey-regions']}
				query={query}
			>
				<BarChart
					title={t('reports:section.surveyRegions')}
					description={barsDescription(tables['survey-regions'].rows.length)}
					bars={bars(tables['survey-regions'], 'region', 'overall')}
					format={(v) => format(v, 'score')}
					emptyText={empty}
				/>
			</Section>

			<Section
				id="survey-dealers"
				title={t('reports:section.surveyDealers')}
				table={tables['survey-dealers']}
				query={query}
			>
				<BarChart
					title={t('reports:section.surveyDealers')}
					description={barsDescription(Math.min(DEALERS_CHARTED, tables['survey-dealers'].rows.length))}
					bars={bars(tables['survey-dealers'], 'dealer', 'overall').slice(0, DEALERS_CHARTED)}
					format={(v) => format(v, 'score')}
					emptyText={empty}
				/>
			</Section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
