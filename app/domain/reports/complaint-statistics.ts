import type { PrismaClient } from '#app/generated/prisma/client.ts'
import type { ComplaintCategory, Responsibility } from '#app/generated/prisma/enums.ts'
import { CATEGORIES } from '../complaints/schemas.ts'
import type { Viewer } from '../viewer.ts'
import { paretoOf, type ParetoRow } from './pareto.ts'
import { REPORT_TIME_ZONE, startOfLocalDay, type ResolvedPeriod } from './period.ts'
import { reportScopeOf, scopeCondition, type ReportScope } from './scope.ts'

/**
 * The complaint figures of the reports (issue 6, DESIGN.md §7) for the complaints FILED in the
 * period, as the viewer may see them (scope.ts). Everything is aggregated in SQL (GROUP BY with
 * grouping sets, percentile_cont), one statement whatever the number of complaints; rows never
 * come into JavaScript one by one.
 *
 * Service levels are read from what the clocks recorded, so the report agrees with the case page
 * and the SLA sweep (service-record.ts, clock.ts): every due time was computed in the region's
 * working time with its holidays and make-up days, so comparing instants is the working-time
 * comparison.
 *
 *   first response   met when the first written response came at or before its due time;
 *                    missed when it came later, or has not come (or the case was withdrawn
 *                    without one) after the due time; not counted while it may still come in time
 *   service level    every promise kept (first response, verification, resolution): missed as
 *                    soon as one ran out before its step (`slaBreachedAt`, or a clock running now
 *                    past its due time); kept once the case is answered or closed without one
 *                    missed; not counted while the case is open and on time
 *   compliance       met / (met + missed), null when nothing was decided yet
 *   durations        hours from filing to the first response, and to the final answer (resolved
 *                    or rejected; a reopened case counts again once answered again), elapsed
 *                    time as the customer waited it; median and 90th percentile (interpolated)
 *
 * Figures are "as of now": an open complaint filed in March counts as on time or late by today.
 */

export interface DurationFigures {
	/** hours, the 50th percentile */
	median: number
	/** hours, the 90th percentile */
	p90: number
}

export interface ComplaintFigures {
	complaints: number
	firstResponseMet: number
	firstResponseMissed: number
	/** 0–1, null when no first response was decided */
	firstResponseCompliance: number | null
	serviceLevelKept: number
	serviceLevelMissed: number
	/** 0–1, null when no complaint was decided */
	serviceLevelCompliance: number | null
	/** complaints with the company's final answer (resolved or rejected) */
	answered: number
	/** null when no complaint has had a first response */
	firstResponseHours: DurationFigures | null
	/** null when no complaint has been answered */
	resolutionHours: DurationFigures | null
}

export interface CountRow {
	complaints: number
	/** 0–1 of the complaints in the period (of those with a product line, for models and batches) */
	share: number
}

export interface ComplaintStatistics {
	period: ResolvedPeriod
	scope: ReportScope['kind']
	totals: ComplaintFigures
	/** one point per bucket of the period, empty buckets included */
	trend: Array<{ bucket: string; figures: ComplaintFigures }>
	/** every category, with no complaints too, in the categories' order */
	byCategory: Array<{ category: ComplaintCategory; figures: ComplaintFigures }>
	/** regions with complaints in the period, most complaints first */
	byRegion: Array<{ region: { id: string; code: string; nameZh: string; nameEn: string }; figures: ComplaintFigures }>
	/**
	 * dealers with complaints in the period, most first; `dealer` null for orders sold directly.
	 * Compared by volume and service level: their durations are not worked out (null).
	 */
	byDealer: Array<{ dealer: { id: string; code: string; name: string } | null; figures: ComplaintFigures }>
	/** the models with the most complaints (at most TOP_PRODUCTS), most first */
	byProductModel: Array<{ productModel: string } & CountRow>
	/** the batches with the most complaints (at most TOP_PRODUCTS), most first */
	byBatch: Array<{ productModel: string; batchNumber: string } & CountRow>
	/** complaints that name a product line (models and batches are counted over these) */
	withProductLine: number
	/** the recorded responsibility (root cause), most frequent first, with the cumulative share */
	rootCauses: Array<ParetoRow<Responsibility>>
	/** complaints whose responsibility is not decided yet: not in the Pareto */
	rootCauseUndetermined: number
}

/** How many product models and batches a report lists. */
export const TOP_PRODUCTS = 20

type Db = Pick<PrismaClient, '$transaction' | 'region' | 'organization'>

interface CountColumns {
	complaints: number
	frMet: number
	frMissed: number
	slKept: number
	slMissed: number
	answered: number
}

interface DurationColumns {
	frMedian: number | null
	frP90: number | null
	resMedian: number | null
	resP90: number | null
}

interface CountGroupRow extends CountColumns {
	set: number
	category: ComplaintCategory | null
	regionId: string | null
	dealerId: string | null
	responsibility: Responsibility | null
	/** 1-based: the period's buckets[bucket - 1] */
	bucket: number | null
	productModel: string | null
	batchNumber: string | null
	withLine: number
}

interface DurationGroupRow extends DurationColumns {
	set: number
	category: ComplaintCategory | null
	regionId: string | null
	bucket: number | null
}

// GROUPING(category, regionId, dealerId, responsibility, bucket, productModel, batchNumber): a bit
// per column, 1 = rolled up
const COUNT_SETS = {
	totals: 0b1111111,
	category: 0b0111111,
	region: 0b1011111,
	dealer: 0b1101111,
	responsibility: 0b1110111,
	bucket: 0b1111011,
	model: 0b1111101,
	batch: 0b1111100,
}
// GROUPING(category, regionId, bucket)
const DURATION_SETS = { totals: 0b111, category: 0b011, region: 0b101, bucket: 0b110 }

/**
 * The complaints of the period ($1, $2) in scope, with what the figures need: the state of each
 * clock as described above ($3 = now), the durations in hours, and the number of the trend bucket
 * the complaint was filed in ($4 = the buckets' first instants, worked out in the report's zone
 * by period.ts; timestamps are UTC without a zone, as Prisma writes them). Every column read is
 * in Complaint_report_idx, so PostgreSQL answers from the index alone.
 */
const complaintRowsSql = (scope: string) => `
	SELECT
		c."category", c."regionId", c."dealerId", c."responsibility", c."productModel", c."batchNumber",
		width_bucket(c."createdAt", $4::timestamp[]) AS "bucket",
		CASE
			WHEN c."firstResponseDueAt" IS NULL THEN NULL
			WHEN c."firstRespondedAt" IS NOT NULL THEN c."firstRespondedAt" <= c."firstResponseDueAt"
			WHEN c."firstResponseDueAt" < COALESCE(c."closedAt", $3::timestamp) THEN FALSE
		END AS "frMet",
		CASE
			WHEN c."slaBreachedAt" IS NOT NULL OR c."slaDueAt" < $3::timestamp THEN FALSE
			WHEN c."status" IN ('RESOLVED', 'REJECTED', 'CLOSED') THEN TRUE
		END AS "slKept",
		date_part('epoch', c."firstRespondedAt" - c."createdAt") / 3600 AS "frHours",
		date_part('epoch', c."resolvedAt" - c."createdAt") / 3600 AS "resHours"
	FROM "Complaint" c
	WHERE c."createdAt" >= $1::timestamp AND c."createdAt" < $2::timestamp AND ${scope}`

/**
 * Counts need no order, so PostgreSQL hashes every grouping set in one pass; the models and
 * batches are ranked in the same statement, the top ones of each kept.
 */
const countsSql = (scope: string) => `
	SELECT * FROM (
		SELECT
			GROUPING(s."category", s."regionId", s."dealerId", s."responsibility", s."bucket", s."productModel", s."batchNumber")::int AS "set",
			s."category"::text AS "category", s."regionId", s."dealerId", s."responsibility"::text AS "responsibility",
			s."bucket", s."productModel", s."batchNumber",
			count(*)::int AS "complaints",
			count(s."productModel")::int AS "withLine",
			count(*) FILTER (WHERE s."frMet")::int AS "frMet",
			count(*) FILTER (WHERE NOT s."frMet")::int AS "frMissed",
			count(*) FILTER (WHERE s."slKept")::int AS "slKept",
			count(*) FILTER (WHERE NOT s."slKept")::int AS "slMissed",
			count(s."resHours")::int AS "answered",
			row_number() OVER (
				PARTITION BY GROUPING(s."category", s."regionId", s."dealerId", s."responsibility", s."bucket", s."productModel", s."batchNumber")
				ORDER BY s."productModel" IS NULL, count(*) DESC, s."productModel", s."batchNumber"
			) AS "rank"
		FROM (${complaintRowsSql(scope)}) s
		GROUP BY GROUPING SETS (
			(), (s."category"), (s."regionId"), (s."dealerId"), (s."responsibility"), (s."bucket"),
			(s."productModel"), (s."productModel", s."batchNumber")
		)
	) g
	WHERE g."set" NOT IN (${COUNT_SETS.model}, ${COUNT_SETS.batch}) OR (g."rank" <= ${TOP_PRODUCTS} AND g."productModel" IS NOT NULL)`

/**
 * Medians and 90th percentiles sort each group's durations (PostgreSQL shares a column's sort
 * between its two percentiles), and every grouping set sorts the complaints again: the dearest
 * part of a report. They are worked out for the period, each category, each region and each
 * trend bucket; dealers are compared by volume and service level (bench/reports.ts).
 */
const durationsSql = (scope: string) => `
	SELECT
		GROUPING(s."category", s."regionId", s."bucket")::int AS "set",
		s."category"::text AS "category", s."regionId", s."bucket",
		percentile_cont(0.5) WITHIN GROUP (ORDER BY s."frHours") AS "frMedian",
		percentile_cont(0.9) WITHIN GROUP (ORDER BY s."frHours") AS "frP90",
		percentile_cont(0.5) WITHIN GROUP (ORDER BY s."resHours") AS "resMedian",
		percentile_cont(0.9) WITHIN GROUP (ORDER BY s."resHours") AS "resP90"
	FROM (${complaintRowsSql(scope)}) s
	WHERE s."frHours" IS NOT NULL OR s."resHours" IS NOT NULL
	GROUP BY GROUPING SETS ((), (s."category"), (s."regionId"), (s."bucket"))`

/**
 * A report's statements sort and hash tens of thousands of rows: more memory for this
 * transaction's sorts than PostgreSQL's 4 MB default keeps them off the disk. A long period may
 * take seconds on a busy database (more than Prisma's 5 s default for a transaction); none may
 * take longer than the statement timeout.
 */
export const REPORT_WORK_MEM = '32MB'
export const REPORT_STATEMENT_TIMEOUT_MS = 30_000

export async function reportQuery<T>(
	db: Pick<PrismaClient, '$transaction'>,
	sql: string,
	params: unknown[],
): Promise<T[]> {
	return db.$transaction(
		async (tx) => {
			await tx.$executeRawUnsafe(`SET LOCAL work_mem = '${REPORT_WORK_MEM}'`)
			await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${REPORT_STATEMENT_TIMEOUT_MS}`)
			return tx.$queryRawUnsafe<T[]>(sql, ...params)
		},
		{ timeout: REPORT_STATEMENT_TIMEOUT_MS + 5_000 },
	)
}

function figuresOf(counts: CountColumns | undefined, durations: DurationColumns | undefined): ComplaintFigures {
	if (!counts) return EMPTY_FIGURES
	const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null)
	const duration = (median: number | null | undefined, p90: number | null | undefined) =>
		median === null || median === undefined || p90 === null || p90 === undefined
			? null
			: { median: Number(median), p90: Number(p90) }
	return {
		complaints: counts.complaints,
		firstResponseMet: counts.frMet,
		firstResponseMissed: counts.frMissed,
		firstResponseCompliance: ratio(counts.frMet, counts.frMet + counts.frMissed),
		serviceLevelKept: counts.slKept,
		serviceLevelMissed: counts.slMissed,
		serviceLevelCompliance: ratio(counts.slKept, counts.slKept + counts.slMissed),
		answered: counts.answered,
		firstResponseHours: duration(durations?.frMedian, durations?.frP90),
		resolutionHours: duration(durations?.resMedian, durations?.resP90),
	}
}

export const EMPTY_FIGURES: ComplaintFigures = {
	complaints: 0,
	firstResponseMet: 0,
	firstResponseMissed: 0,
	firstResponseCompliance: null,
	serviceLevelKept: 0,
	serviceLevelMissed: 0,
	serviceLevelCompliance: null,
	answered: 0,
	firstResponseHours: null,
	resolutionHours: null,
}

const byCountThenName =
	<T>(count: (row: T) => number, name: (row: T) => string) =>
	(a: T, b: T) =>
		count(b) - count(a) || name(a).localeCompare(name(b))

/**
 * The complaint figures of `period` for `viewer`, or null when the viewer may see no reports
 * (customers, anonymous, tokens that may not read complaints). `now` decides which open clocks
 * have run out.
 */
export async function complaintStatistics(
	db: Db,
	viewer: Viewer | null,
	period: ResolvedPeriod,
	now: Date = new Date(),
): Promise<ComplaintStatistics | null> {
	const scope = reportScopeOf(viewer)
	if (!scope) return null
	const params: unknown[] = [
		period.start.toISOString(),
		period.end.toISOString(),
		now.toISOString(),
		period.buckets.map((bucket) => startOfLocalDay(bucket, REPORT_TIME_ZONE).toISOString()),
	]
	const where = scopeCondition(scope, 'c', params)
	// two statements on two connections: the counts and the dearer durations run side by side
	const [counts, durations] = await Promise.all([
		reportQuery<CountGroupRow>(db, countsSql(where), params),
		reportQuery<DurationGroupRow>(db, durationsSql(where), params),
	])

	const countsIn = (set: number) => counts.filter((g) => g.set === set)
	const durationsIn = (set: number) => durations.filter((g) => g.set === set)
	const keyed = <K>(rows: DurationGroupRow[], key: (row: DurationGroupRow) => K) =>
		new Map(rows.map((r) => [key(r), r]))
	const bucketKey = (n: number | null) => (n === null ? null : (period.buckets[n - 1] ?? null))
	const durationOf = {
		category: keyed(durationsIn(DURATION_SETS.category), (r) => r.category),
		region: keyed(durationsIn(DURATION_SETS.region), (r) => r.regionId),
		bucket: keyed(durationsIn(DURATION_SETS.bucket), (r) => bucketKey(r.bucket)),
	}

	const totalsRow = countsIn(COUNT_SETS.totals)[0]
	const withProductLine = totalsRow?.withLine ?? 0
	const trendRows = new Map(countsIn(COUNT_SETS.bucket).map((g) => [bucketKey(g.bucket), g]))
	const categoryRows = new Map(countsIn(COUNT_SETS.category).map((g) => [g.category!, g]))
	const regionRows = countsIn(COUNT_SETS.region)
	const dealerRows = countsIn(COUNT_SETS.dealer)
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
	const responsibilityRows = countsIn(COUNT_SETS.responsibility)
	const share = (count: number) => (withProductLine > 0 ? count / withProductLine : 0)

	return {
		period,
		scope: scope.kind,
		totals: figuresOf(totalsRow, durationsIn(DURATION_SETS.totals)[0]),
		trend: period.buckets.map((bucket) => ({
			bucket,
			figures: figuresOf(trendRows.get(bucket), durationOf.bucket.get(bucket)),
		})),
		byCategory: CATEGORIES.map((category) => ({
			category,
			figures: figuresOf(categoryRows.get(category), durationOf.category.get(category)),
		})),
		byRegion: regionRows
			.flatMap((g) => {
				const region = regionById.get(g.regionId!)
				return region ? [{ region, figures: figuresOf(g, durationOf.region.get(g.regionId)) }] : []
			})
			.sort(
				byCountThenName(
					(r) => r.figures.complaints,
					(r) => r.region.code,
				),
			),
		byDealer: dealerRows
			.map((g) => ({
				dealer: g.dealerId ? (dealerById.get(g.dealerId) ?? null) : null,
				figures: figuresOf(g, undefined),
			}))
			.sort(
				byCountThenName(
					(r) => r.figures.complaints,
					(r) => r.dealer?.code ?? '',
				),
			),
		byProductModel: countsIn(COUNT_SETS.model).map((p) => ({
			productModel: p.productModel!,
			complaints: p.complaints,
			share: share(p.complaints),
		})),
		byBatch: countsIn(COUNT_SETS.batch).map((p) => ({
			productModel: p.productModel!,
			batchNumber: p.batchNumber ?? '',
			complaints: p.complaints,
			share: share(p.complaints),
		})),
		withProductLine,
		rootCauses: paretoOf(
			responsibilityRows.flatMap((g) => (g.responsibility ? [{ key: g.responsibility, count: g.complaints }] : [])),
		),
		rootCauseUndetermined: responsibilityRows.find((g) => g.responsibility === null)?.complaints ?? 0,
	}
}
