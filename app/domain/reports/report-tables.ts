import type { ComplaintFigures, ComplaintStatistics } from './complaint-statistics.ts'
import type { SurveyFigures, SurveyStatistics } from './survey-statistics.ts'
import { DIMENSIONS } from '../surveys/dimensions.ts'

/**
 * The tables of the reports page, as data: the page renders each one next to its chart, and the
 * CSV export writes the very same rows and columns, so that "export what is shown" holds by
 * construction. Labels come from the caller's translator (the `reports` namespace and the
 * shared enum labels), in the reader's language.
 */

export const COMPLAINT_TABLES = [
	'trend',
	'categories',
	'regions',
	'dealers',
	'models',
	'batches',
	'root-causes',
] as const
export const SURVEY_TABLES = ['survey-histograms', 'survey-trend', 'survey-regions', 'survey-dealers'] as const
export const REPORT_TABLES = [...COMPLAINT_TABLES, ...SURVEY_TABLES] as const
export type ReportTableId = (typeof REPORT_TABLES)[number]

export function isReportTable(value: unknown): value is ReportTableId {
	return typeof value === 'string' && (REPORT_TABLES as readonly string[]).includes(value)
}

/**
 * How a column's values read: counts; shares 0–1 (shown and exported as percentages); hours;
 * average scores; NPS (–100..100); text.
 */
export type ColumnKind = 'text' | 'count' | 'share' | 'hours' | 'score' | 'nps'

export interface ReportColumn {
	key: string
	label: string
	kind: ColumnKind
}

export type Cell = string | number | null

export interface ReportTable {
	id: ReportTableId
	columns: ReportColumn[]
	rows: Array<Record<string, Cell>>
}

export type Translate = (key: string, options?: Record<string, unknown>) => string

export interface TableContext {
	t: Translate
	language: 'zh-CN' | 'en'
}

const FIGURE_COLUMNS = [
	['complaints', 'count'],
	['firstResponseCompliance', 'share'],
	['firstResponseMedian', 'hours'],
	['firstResponseP90', 'hours'],
	['serviceLevelCompliance', 'share'],
	['serviceLevelMissed', 'count'],
	['answered', 'count'],
	['resolutionMedian', 'hours'],
	['resolutionP90', 'hours'],
] as const satisfies ReadonlyArray<readonly [string, ColumnKind]>

/** The figure columns; dealers are compared without durations (complaint-statistics.ts says why). */
function figureColumns(t: Translate, { durations = true }: { durations?: boolean } = {}): ReportColumn[] {
	return FIGURE_COLUMNS.filter(([, kind]) => durations || kind !== 'hours').map(([key, kind]) => ({
		key,
		kind,
		label: t(`reports:column.${key}`),
	}))
}

function figureCells(f: ComplaintFigures): Record<string, Cell> {
	return {
		complaints: f.complaints,
		firstResponseCompliance: f.firstResponseCompliance,
		firstResponseMedian: f.firstResponseHours?.median ?? null,
		firstResponseP90: f.firstResponseHours?.p90 ?? null,
		serviceLevelCompliance: f.serviceLevelCompliance,
		serviceLevelMissed: f.serviceLevelMissed,
		answered: f.answered,
		resolutionMedian: f.resolutionHours?.median ?? null,
		resolutionP90: f.resolutionHours?.p90 ?? null,
	}
}

function surveyColumns(t: Translate): ReportColumn[] {
	return [
		{ key: 'answers', kind: 'count', label: t('reports:column.answers') },
		...DIMENSIONS.map((d) => ({ key: d, kind: 'score' as const, label: t(`reports:question.${d}`) })),
		{ key: 'recommend', kind: 'score', label: t('reports:question.recommend') },
		{ key: 'nps', kind: 'nps', label: t('reports:column.nps') },
	]
}

function surveyCells(f: SurveyFigures): Record<string, Cell> {
	return {
		answers: f.answers,
		...Object.fromEntries(DIMENSIONS.map((d) => [d, f.averages[d]])),
		recommend: f.recommendAverage,
		nps: f.netPromoterScore,
	}
}

const text = (key: string, label: string): ReportColumn => ({ key, label, kind: 'text' })

/** The label of a trend bucket: the day, the week's Monday, or the month. */
export function bucketLabel(bucket: string, interval: 'day' | 'week' | 'month', { t }: Pick<TableContext, 't'>) {
	if (interval === 'month') return bucket.slice(0, 7)
	return interval === 'week' ? t('reports:weekOf', { date: bucket }) : bucket
}

const regionName = (r: { nameZh: string; nameEn: string }, language: TableContext['language']) =>
	language === 'zh-CN' ? r.nameZh : r.nameEn

export function complaintTable(
	id: (typeof COMPLAINT_TABLES)[number],
	s: ComplaintStatistics,
	ctx: TableContext,
): ReportTable {
	const { t, language } = ctx
	switch (id) {
		case 'trend':
			return {
				id,
				columns: [text('period', t(`reports:interval.${s.period.interval}`)), ...figureColumns(t)],
				rows: s.trend.map((p) => ({
					period: bucketLabel(p.bucket, s.period.interval, ctx),
					...figureCells(p.figures),
				})),
			}
		case 'categories':
			return {
				id,
				columns: [text('category', t('reports:column.category')), ...figureColumns(t)],
				rows: s.byCategory.map((c) => ({
					category: t(`complaints:category.${c.category}`),
					...figureCells(c.figures),
				})),
			}
		case 'regions':
			return {
				id,
				columns: [text('region', t('reports:column.region')), ...figureColumns(t)],
				rows: s.byRegion.map((r) => ({ region: regionName(r.region, language), ...figureCells(r.figures) })),
			}
		case 'dealers':
			return {
				id,
				columns: [text('dealer', t('reports:column.dealer')), ...figureColumns(t, { durations: false })],
				rows: s.byDealer.map((d) => ({ dealer: d.dealer?.name ?? t('reports:direct'), ...figureCells(d.figures) })),
			}
		case 'models':
			return {
				id,
				columns: [
					text('productModel', t('reports:column.productModel')),
					{ key: 'complaints', kind: 'count', label: t('reports:column.complaints') },
					{ key: 'share', kind: 'share', label: t('reports:column.shareOfLines') },
				],
				rows: s.byProductModel.map((m) => ({ productModel: m.productModel, complaints: m.complaints, share: m.share })),
			}
		case 'batches':
			return {
				id,
				columns: [
					text('productModel', t('reports:column.productModel')),
					text('batchNumber', t('reports:column.batchNumber')),
					{ key: 'complaints', kind: 'count', label: t('reports:column.complaints') },
					{ key: 'share', kind: 'share', label: t('reports:column.shareOfLines') },
				],
				rows: s.byBatch.map((b) => ({
					productModel: b.productModel,
					batchNumber: b.batchNumber,
					complaints: b.complaints,
					share: b.share,
				})),
			}
		case 'root-causes':
			return {
				id,
				columns: [
					text('rootCause', t('reports:column.rootCause')),
					{ key: 'complaints', kind: 'count', label: t('reports:column.complaints') },
					{ key: 'share', kind: 'share', label: t('reports:column.share') },
					{ key: 'cumulativeShare', kind: 'share', label: t('reports:column.cumulativeShare') },
				],
				rows: s.rootCauses.map((r) => ({
					rootCause: t(`casework:responsibility.${r.key}`),
					complaints: r.count,
					share: r.share,
					cumulativeShare: r.cumulativeShare,
				})),
			}
	}
}

export function surveyTable(id: (typeof SURVEY_TABLES)[number], s: SurveyStatistics, ctx: TableContext): ReportTable {
	const { t, language } = ctx
	switch (id) {
		case 'survey-histograms':
			return {
				id,
				columns: [
					text('question', t('reports:column.question')),
					text('score', t('reports:column.score')),
					{ key: 'answers', kind: 'count', label: t('reports:column.answers') },
					{ key: 'share', kind: 'share', label: t('reports:column.share') },
				],
				rows: s.histograms.flatMap((h) => {
					const scored = h.counts.reduce((sum, c) => sum + c.answers, 0)
					return [
						...h.counts.map((c) => ({
							question: t(`reports:question.${h.question}`),
							score: String(c.score),
							answers: c.answers,
							share: scored > 0 ? c.answers / scored : null,
						})),
						{
							question: t(`reports:question.${h.question}`),
							score: t('reports:skipped'),
							answers: h.skipped,
							share: null,
						},
					]
				}),
			}
		case 'survey-trend':
			return {
				id,
				columns: [text('period', t(`reports:interval.${s.period.interval}`)), ...surveyColumns(t)],
				rows: s.trend.map((p) => ({
					period: bucketLabel(p.bucket, s.period.interval, ctx),
					...surveyCells(p.figures),
				})),
			}
		case 'survey-regions':
			return {
				id,
				columns: [text('region', t('reports:column.region')), ...surveyColumns(t)],
				rows: s.byRegion.map((r) => ({ region: regionName(r.region, language), ...surveyCells(r.figures) })),
			}
		case 'survey-dealers':
			return {
				id,
				columns: [text('dealer', t('reports:column.dealer')), ...surveyColumns(t)],
				rows: s.byDealer.map((d) => ({ dealer: d.dealer?.name ?? t('reports:direct'), ...surveyCells(d.figures) })),
			}
	}
}

/** The value a CSV cell holds: shares as percentages and durations to one decimal, averages to two. */
export function exportValue(value: Cell, kind: ColumnKind): string | number | null {
	if (value === null || typeof value === 'string') return value
	switch (kind) {
		case 'share':
			return Math.round(value * 1000) / 10
		case 'hours':
		case 'nps':
			return Math.round(value * 10) / 10
		case 'score':
			return Math.round(value * 100) / 100
		default:
			return value
	}
}
