import type { PrismaClient } from '#app/generated/prisma/client.ts'
import {
	DIMENSIONS,
	RECOMMEND_MAX,
	RECOMMEND_MIN,
	SCORE_MAX,
	SCORE_MIN,
	type Dimension,
} from '../surveys/dimensions.ts'
import type { Viewer } from '../viewer.ts'
import { reportQuery } from './complaint-statistics.ts'
import { REPORT_TIME_ZONE, type ResolvedPeriod } from './period.ts'
import { reportScopeOf, scopeCondition, type ReportScope } from './scope.ts'

/**
 * The satisfaction figures of the reports (DESIGN.md §6 "Results"): the surveys ANSWERED in the
 * period (their first answer; a later edit keeps the survey where it was first counted), as the
 * viewer may see them (scope.ts: a survey carries its complaint's region and dealer). Aggregated
 * in SQL, in one statement whatever the number of answers.
 *
 *   histogram     per dimension, how many answers gave each score (1–5; 0–10 to recommend);
 *                 a dimension the customer skipped counts as skipped, not as a score
 *   average       per dimension, of the answers that scored it
 *   NPS           Net Promoter Score: % of promoters (9–10) minus % of detractors (0–6), –100 to 100
 *   response rate of the surveys SENT in the period, the share answered by now
 */

/** The questions a histogram is drawn for: every 1–5 dimension, then the 0–10 recommendation. */
export const HISTOGRAM_QUESTIONS = [...DIMENSIONS, 'recommend'] as const
export type SurveyQuestion = (typeof HISTOGRAM_QUESTIONS)[number]

export const scoresOf = (question: SurveyQuestion): number[] => {
	const [min, max] = question === 'recommend' ? [RECOMMEND_MIN, RECOMMEND_MAX] : [SCORE_MIN, SCORE_MAX]
	return Array.from({ length: max - min + 1 }, (_, i) => min + i)
}

export interface SurveyFigures {
	answers: number
	/** per dimension, the average score of the answers that gave one; null when none did */
	averages: Record<Dimension, number | null>
	recommendAverage: number | null
	/** –100 to 100; null without answers */
	netPromoterScore: number | null
}

export interface Histogram {
	question: SurveyQuestion
	/** every possible score, in order, with how many answers gave it (0 included) */
	counts: Array<{ score: number; answers: number }>
	/** answers in the period that skipped this question */
	skipped: number
}

export interface SurveyStatistics {
	period: ResolvedPeriod
	scope: ReportScope['kind']
	/** surveys sent in the period */
	sent: number
	/** of those, answered by now */
	sentAndAnswered: number
	/** sentAndAnswered / sent, null when none was sent */
	responseRate: number | null
	totals: SurveyFigures
	histograms: Histogram[]
	/** one point per bucket of the period, empty buckets included */
	trend: Array<{ bucket: string; figures: SurveyFigures }>
	/** regions with answers in the period, most answers first */
	byRegion: Array<{ region: { id: string; code: string; nameZh: string; nameEn: string }; figures: SurveyFigures }>
	/** dealers with answers in the period, most first; `dealer` null for customers who bought directly */
	byDealer: Array<{ dealer: { id: string; code: string; name: string } | null; figures: SurveyFigures }>
}

type Db = Pick<PrismaClient, '$transaction' | 'region' | 'organization'>

type FigureColumns = { answers: number; recommendAverage: number | null; nps: number | null } & Record<
	Dimension,
	number | null
>

interface GroupRow extends FigureColumns {
	set: number
	regionId: string | null
	dealerId: string | null
	bucket: string | null
}

// GROUPING(regionId, dealerId, bucket): a bit per column, 1 = rolled up
const SETS = { totals: 0b111, region: 0b011, dealer: 0b101, bucket: 0b110 }

const quoted = (column: string) => `"${column}"`

const FIGURES_SQL = `
	count(*)::int AS "answers",
	${DIMENSIONS.map((d) => `avg(s.${quoted(d)})::float8 AS ${quoted(d)}`).join(',\n\t')},
	avg(s."recommend")::float8 AS "recommendAverage",
	(100.0 * (count(*) FILTER (WHERE s."recommend" >= 9) - count(*) FILTER (WHERE s."recommend" <= 6))
		/ NULLIF(count(s."recommend"), 0))::float8 AS "nps"`

function figuresOf(row: FigureColumns | undefined): SurveyFigures {
	const number = (value: number | null | undefined) => (value === null || value === undefined ? null : Number(value))
	return {
		answers: row?.answers ?? 0,
		averages: Object.fromEntries(DIMENSIONS.map((d) => [d, number(row?.[d])])) as Record<Dimension, number | null>,
		recommendAverage: number(row?.recommendAverage),
		netPromoterScore: number(row?.nps),
	}
}

const byCountThenName =
	<T>(count: (row: T) => number, name: (row: T) => string) =>
	(a: T, b: T) =>
		count(b) - count(a) || name(a).localeCompare(name(b))

/** The survey figures of `period` for `viewer`, or null when the viewer may see no reports. */
export async function surveyStatistics(
	db: Db,
	viewer: Viewer | null,
	period: ResolvedPeriod,
): Promise<SurveyStatistics | null> {
	const scope = reportScopeOf(viewer)
	if (!scope) return null
	const params: unknown[] = [period.start.toISOString(), period.end.toISOString(), period.interval, REPORT_TIME_ZONE]
	const where = scopeCondition(scope, 's', params)
	// one statement: the answers of the period ($1, $2) read once, grouped by region, dealer and
	// trend bucket ($3 = interval, $4 = zone), every question of every answer unpivoted into one
	// (question, score) row for all histograms at once, and the surveys sent in the period
	const [result] = await reportQuery<{
		groups: GroupRow[]
		histograms: Array<{ question: SurveyQuestion; score: number | null; answers: number }>
		sent: { sent: number; answered: number }
	}>(
		db,
		`WITH "answers" AS MATERIALIZED (
			SELECT s.*, to_char(date_trunc($3, (s."answeredAt" AT TIME ZONE 'UTC') AT TIME ZONE $4), 'YYYY-MM-DD') AS "bucket"
			FROM "Survey" s
			WHERE s."answeredAt" >= $1::timestamp AND s."answeredAt" < $2::timestamp AND ${where}
		),
		"groups" AS (
			SELECT GROUPING(s."regionId", s."dealerId", s."bucket") AS "set", s."regionId", s."dealerId", s."bucket", ${FIGURES_SQL}
			FROM "answers" s
			GROUP BY GROUPING SETS ((), (s."regionId"), (s."dealerId"), (s."bucket"))
		),
		"histograms" AS (
			SELECT q."question", q."score", count(*) AS "answers"
			FROM "answers" s
			CROSS JOIN LATERAL (VALUES ${HISTOGRAM_QUESTIONS.map((question) => `('${question}', s.${quoted(question)})`).join(', ')}) AS q("question", "score")
			GROUP BY q."question", q."score"
		)
		SELECT
			(SELECT coalesce(json_agg(g), '[]') FROM "groups" g) AS "groups",
			(SELECT coalesce(json_agg(h), '[]') FROM "histograms" h) AS "histograms",
			(SELECT json_build_object('sent', count(*), 'answered', count(s."answeredAt"))
				FROM "Survey" s WHERE s."sentAt" >= $1::timestamp AND s."sentAt" < $2::timestamp AND ${where}) AS "sent"`,
		params,
	)
	const groups = result?.groups ?? []
	const histogramRows = result?.histograms ?? []
	const sent = result?.sent

	const inSet = (set: number) => groups.filter((g) => g.set === set)
	const trendRows = new Map(inSet(SETS.bucket).map((g) => [g.bucket!, g]))
	const regionRows = inSet(SETS.region)
	const dealerRows = inSet(SETS.dealer)
	const dealerIds = dealerRows.flatMap((g) => (g.dealerId ? [g.dealerId] : []))
	const [regions, dealers] = await Promise.all([
		regionRows.length
			? db.region.findMany({
					where: { id: { in: regionRows.map((g) => g.regionId!) } },
					select: { id: true, code: true, nameZh: true, nameEn: true },
				})
			: Promise.resolve([]),
		dealerIds.length
			? db.organization.findMany({ where: { id: { in: dealerIds } }, select: { id: true, code: true, name: true } })
			: Promise.resolve([]),
	])
	const regionById = new Map(regions.map((r) => [r.id, r]))
	const dealerById = new Map(dealers.map((d) => [d.id, d]))

	const countOf = (question: SurveyQuestion, score: number | null) =>
		histogramRows.find((r) => r.question === question && r.score === score)?.answers ?? 0
	const sentCount = sent?.sent ?? 0
	const sentAndAnswered = sent?.answered ?? 0

	return {
		period,
		scope: scope.kind,
		sent: sentCount,
		sentAndAnswered,
		responseRate: sentCount > 0 ? sentAndAnswered / sentCount : null,
		totals: figuresOf(inSet(SETS.totals)[0]),
		histograms: HISTOGRAM_QUESTIONS.map((question) => ({
			question,
			counts: scoresOf(question).map((score) => ({ score, answers: countOf(question, score) })),
			skipped: countOf(question, null),
		})),
		trend: period.buckets.map((bucket) => ({ bucket, figures: figuresOf(trendRows.get(bucket)) })),
		byRegion: regionRows
			.flatMap((g) => {
				const region = regionById.get(g.regionId!)
				return region ? [{ region, figures: figuresOf(g) }] : []
			})
			.sort(
				byCountThenName(
					(r) => r.figures.answers,
					(r) => r.region.code,
				),
			),
		byDealer: dealerRows
			.map((g) => ({ dealer: g.dealerId ? (dealerById.get(g.dealerId) ?? null) : null, figures: figuresOf(g) }))
			.sort(
				byCountThenName(
					(r) => r.figures.answers,
					(r) => r.dealer?.code ?? '',
				),
			),
	}
}
