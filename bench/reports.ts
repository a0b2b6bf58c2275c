/**
 * Reports benchmark (issue 6): the reports page's figures over 1,000,000 complaints and 200,000
 * answered surveys on PostgreSQL, against a plain `SELECT count(*)` over the same complaints in the
 * same run. Target: the page's work under 1 s and under 5× that count.
 *
 *   npm run bench:reports     (TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432)
 *
 * It creates a scratch database, migrates it with the app's migrator and writes, with set-based
 * INSERT … SELECT FROM generate_series (no row goes through JavaScript): 20 regions with a
 * regional office each, 300 dealers, 50,000 customers, 250,000 orders of two lines (40 models,
 * 2,000 batches), 1,000,000 complaints filed evenly over the three years before NOW (most of them
 * answered and closed, the last month's still open, some with a broken promise, responsibility
 * recorded on most), and 240,000 complaint surveys of which 200,000 are answered. Then VACUUM
 * ANALYZE, as autovacuum would have done on a live database.
 *
 * Timed, each the median of five runs after a warm-up:
 *
 *   baseline    SELECT count(*) FROM "Complaint"
 *   page        what the reports page's loader does for head office with the default period (the
 *               last three months): complaintStatistics and surveyStatistics (five statements and
 *               two small name look-ups, in parallel as the loader runs them), and the tables built
 *               from them in Chinese
 *   twelve      the same for the last twelve months (a longer period the page offers)
 *   region      the default period as a regional office (one region of twenty)
 *
 * and drops the database. Only `page` has the target; the others show how the work grows.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type Database } from '#app/db/database.server.ts'
import { migrate } from '#app/db/migrate.server.ts'
import { complaintStatistics } from '#app/domain/reports/complaint-statistics.ts'
import { presetPeriod, localDate, resolvePeriod, type PeriodPreset } from '#app/domain/reports/period.ts'
import { COMPLAINT_TABLES, complaintTable, SURVEY_TABLES, surveyTable } from '#app/domain/reports/report-tables.ts'
import { surveyStatistics } from '#app/domain/reports/survey-statistics.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import { createI18n } from '#app/i18n/i18n.server.ts'

const COMPLAINTS = 1_000_000
const ORDERS = 250_000
const CUSTOMERS = 50_000
const REGIONS = 20
const DEALERS = 300
const MODELS = 40
const BATCHES = 2_000
/** every fourth of the first 960,000 complaints has a survey; five in six of those are answered */
const SURVEYED_UP_TO = 960_000
const TARGET_MS = 1_000
const TARGET_RATIO = 5
const RUNS = 5
const NOW = new Date('2026-11-23T08:00:00.000Z')
const SPAN_DAYS = 3 * 365

const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432'

async function admin(sql: string) {
	const client = new pg.Client(adminUrl)
	await client.connect()
	try {
		await client.query(sql)
	} finally {
		await client.end()
	}
}

// A cheap, repeatable spread of i over 0..m-1: Knuth's multiplicative hash, salted per column.
const h = (salt: number, m: number, i = 'i') =>
	`((((${i})::bigint * 2654435761 + ${salt * 40503}) % 4294967296) % ${m})`

// $1 = NOW. Complaint i is filed at $1 - 3 years + i × (3 years / 1,000,000): oldest first, as a
// live table fills; its order is i mod 250,000 (+1), whose region and dealer it takes.
const filedAt = `($1::timestamp - interval '${SPAN_DAYS} days' + i * interval '${(SPAN_DAYS * 86_400) / COMPLAINTS} seconds')`
const orderOf = `(i % ${ORDERS} + 1)`
const regionOfOrder = (o: string) => `(${o} % ${REGIONS} + 1)`
// dealers 1..300 serve region ((d - 1) % 20) + 1; every fifth order was sold directly
const dealerOfOrder = (o: string) =>
	`CASE WHEN ${o} % 5 = 0 THEN NULL ELSE 'bench-dealer-' || (${o} % ${REGIONS} + 1 + ${REGIONS} * ((${o} / ${REGIONS}) % ${DEALERS / REGIONS})) END`

const SEED = [
	`INSERT INTO "Region" ("id", "code", "nameZh", "nameEn")
	SELECT 'bench-region-' || i, 'R' || i, '大区' || i, 'Region ' || i FROM generate_series(1, ${REGIONS}) i`,

	`INSERT INTO "Organization" ("id", "kind", "code", "name", "regionId")
	SELECT 'bench-office-' || i, 'REGIONAL_OFFICE', 'RO' || i, '办事处' || i, 'bench-region-' || i
	FROM generate_series(1, ${REGIONS}) i`,

	`INSERT INTO "Organization" ("id", "kind", "code", "name", "regionId")
	SELECT 'bench-dealer-' || d, 'DEALER', 'DLR' || d, '经销商' || d, 'bench-region-' || ((d - 1) % ${REGIONS} + 1)
	FROM generate_series(1, ${DEALERS}) d`,

	`INSERT INTO "User" ("id", "email", "passwordHash", "name", "kind", "updatedAt")
	SELECT 'bench-customer-' || i, 'c' || i || '@bench.example.com', 'x', '客户' || i, 'CUSTOMER', now()
	FROM generate_series(1, ${CUSTOMERS}) i`,

	`INSERT INTO "Order" ("id", "orderNumber", "orderNumberKey", "customerId", "customerEmail", "regionId", "dealerId", "orderedAt")
	SELECT 'bench-order-' || o, 'SO-' || o, 'SO' || o, 'bench-customer-' || (o % ${CUSTOMERS} + 1),
		'c' || (o % ${CUSTOMERS} + 1) || '@bench.example.com', 'bench-region-' || ${regionOfOrder('o')}, ${dealerOfOrder('o')},
		$1::timestamp - interval '${SPAN_DAYS + 30} days'
	FROM generate_series(1, ${ORDERS}) o`,

	`INSERT INTO "OrderLine" ("id", "orderId", "lineNumber", "productModel", "productName", "batchNumber", "quantity")
	SELECT 'bench-line-' || o || '-' || n, 'bench-order-' || o, n, 'M' || ${h(1, MODELS, 'o * 2 + n')},
		'离心泵', 'B' || ${h(2, BATCHES, 'o * 2 + n')}, 1
	FROM generate_series(1, ${ORDERS}) o, generate_series(1, 2) n`,

	// older than a month: answered (rejected one in ten) and mostly closed; the last month still open
	`INSERT INTO "Complaint" ("id", "reference", "customerId", "filedById", "orderId", "orderLineId", "regionId", "dealerId",
		"category", "severity", "status", "closeReason", "title", "description", "requestedRemedy", "createdAt", "updatedAt",
		"customerUpdatedAt", "firstResponseDueAt", "firstRespondedAt", "resolvedAt", "closedAt", "slaDueAt", "slaBreachedAt",
		"responsibility", "productModel", "batchNumber")
	SELECT 'bench-complaint-' || i, 'CMP-B-' || lpad(i::text, 7, '0'),
		'bench-customer-' || (${orderOf} % ${CUSTOMERS} + 1), 'bench-customer-' || (${orderOf} % ${CUSTOMERS} + 1),
		'bench-order-' || ${orderOf}, 'bench-line-' || ${orderOf} || '-' || (i % 2 + 1),
		'bench-region-' || ${regionOfOrder(orderOf)}, ${dealerOfOrder(orderOf)},
		(ARRAY['PRODUCT_QUALITY', 'PRODUCT_QUALITY', 'PRODUCT_QUALITY', 'PRODUCT_QUALITY', 'HANDLING_DAMAGE',
			'HANDLING_DAMAGE', 'SERVICE_CONDUCT', 'SERVICE_CONDUCT', 'SALES_POLICY', 'OTHER'])[${h(3, 10)} + 1]::"ComplaintCategory",
		'MINOR', status::"ComplaintStatus",
		(CASE WHEN status = 'CLOSED' THEN 'COMPLETED' END)::"CloseReason",
		'水泵运行噪音偏大', '新装的离心泵满负荷运行时噪音明显偏大，怀疑轴承有问题，请安排技术人员上门检查处理。',
		'REPAIR', filed, filed, filed,
		filed + interval '24 hours',
		CASE WHEN status <> 'SUBMITTED' THEN filed + (${h(4, 3000)} + 30) * interval '1 minute' END,
		CASE WHEN status IN ('RESOLVED', 'REJECTED', 'CLOSED') THEN filed + (${h(5, 400)} + 24) * interval '1 hour' END,
		CASE WHEN status = 'CLOSED' THEN filed + (${h(5, 400)} + 48) * interval '1 hour' END,
		CASE WHEN status NOT IN ('RESOLVED', 'REJECTED', 'CLOSED') THEN filed + interval '5 days' END,
		CASE WHEN ${h(6, 7)} = 0 THEN filed + interval '72 hours' END,
		CASE WHEN status IN ('RESOLVED', 'REJECTED', 'CLOSED') OR ${h(7, 3)} = 0 THEN
			(ARRAY['QUALITY_DEFECT', 'QUALITY_DEFECT', 'QUALITY_DEFECT', 'CUSTOMER_MISUSE', 'CUSTOMER_MISUSE',
				'TRANSPORT_DAMAGE', 'DEALER', 'UNDETERMINED', 'NOT_COMPANY'])[${h(8, 9)} + 1]::"Responsibility" END,
		-- the line's, as filing copies them
		'M' || ${h(1, MODELS, `${orderOf} * 2 + (i % 2 + 1)`)}, 'B' || ${h(2, BATCHES, `${orderOf} * 2 + (i % 2 + 1)`)}
	FROM (
		SELECT i, ${filedAt} AS filed,
			CASE
				WHEN ${filedAt} < $1::timestamp - interval '30 days'
					THEN (ARRAY['CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'RESOLVED', 'REJECTED'])[${h(9, 10)} + 1]
				ELSE (ARRAY['SUBMITTED', 'ACKNOWLEDGED', 'INVESTIGATING', 'WAITING_ON_CUSTOMER', 'RESOLVING', 'RESOLVED'])[${h(9, 6)} + 1]
			END AS status
		FROM generate_series(1, ${COMPLAINTS}) i
	) s`,

	`INSERT INTO "Survey" ("id", "kind", "complaintId", "customerId", "regionId", "dealerId", "sentAt", "expiresAt",
		"answeredAt", "answerUpdatedAt", "timeliness", "communication", "resolutionQuality", "productQuality", "delivery",
		"priceFairness", "overall", "recommend")
	SELECT 'bench-survey-' || i, 'COMPLAINT', 'bench-complaint-' || i, 'bench-customer-' || (${orderOf} % ${CUSTOMERS} + 1),
		'bench-region-' || ${regionOfOrder(orderOf)}, ${dealerOfOrder(orderOf)},
		${filedAt} + interval '8 days', ${filedAt} + interval '38 days',
		answered, answered,
		CASE WHEN answered IS NOT NULL THEN ${h(10, 5)} + 1 END,
		CASE WHEN answered IS NOT NULL THEN ${h(11, 5)} + 1 END,
		CASE WHEN answered IS NOT NULL THEN ${h(12, 5)} + 1 END,
		CASE WHEN answered IS NOT NULL AND ${h(13, 4)} > 0 THEN ${h(14, 5)} + 1 END,
		CASE WHEN answered IS NOT NULL AND ${h(15, 3)} > 0 THEN ${h(16, 5)} + 1 END,
		CASE WHEN answered IS NOT NULL AND ${h(17, 3)} > 0 THEN ${h(18, 5)} + 1 END,
		CASE WHEN answered IS NOT NULL THEN ${h(19, 5)} + 1 END,
		CASE WHEN answered IS NOT NULL THEN ${h(20, 11)} END
	FROM (
		SELECT i, CASE WHEN (i / 4) % 6 <> 0 THEN ${filedAt} + interval '10 days' END AS answered
		FROM generate_series(4, ${SURVEYED_UP_TO}, 4) i
	) s`,
]

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
	const start = performance.now()
	const result = await fn()
	return [result, performance.now() - start]
}

async function median(fn: () => Promise<unknown>): Promise<number> {
	await fn() // warm-up
	const times: number[] = []
	for (let run = 0; run < RUNS; run++) times.push((await timed(fn))[1])
	return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!
}

const viewer = (overrides: Partial<Viewer> = {}): Viewer => ({
	userId: 'bench-viewer',
	kind: 'STAFF',
	staffRole: 'GENERAL_MANAGER',
	organizationId: null,
	organizationKind: null,
	regionId: null,
	...overrides,
})

/** What the page's loader does: both statistics in parallel, then every table in Chinese. */
function reportsPage(db: Database, who: Viewer, preset: PeriodPreset) {
	const i18n = createI18n('zh-CN')
	const ctx = {
		t: (key: string, options?: Record<string, unknown>) => i18n.t(key, options),
		language: 'zh-CN' as const,
	}
	const period = resolvePeriod(presetPeriod(preset, localDate(NOW)), preset)
	return async () => {
		const [complaints, surveys] = await Promise.all([
			complaintStatistics(db.prisma, who, period, NOW),
			surveyStatistics(db.prisma, who, period),
		])
		if (!complaints || !surveys) throw new Error('no report for the bench viewer')
		for (const id of COMPLAINT_TABLES) complaintTable(id, complaints, ctx)
		for (const id of SURVEY_TABLES) surveyTable(id, surveys, ctx)
		return { complaints, surveys }
	}
}

async function main() {
	// REPORTS_BENCH_DB=<name> times a database an earlier run kept (REPORTS_BENCH_KEEP=1) again,
	// without seeding it anew: for trying a change to the queries
	const reuse = process.env.REPORTS_BENCH_DB
	const name = reuse ?? `bench_reports_${randomBytes(4).toString('hex')}`
	const url = new URL(adminUrl)
	url.pathname = `/${name}`
	if (!reuse) await admin(`CREATE DATABASE "${name}"`)
	const db = await openDatabase({ kind: 'postgres', url: url.toString() })
	try {
		if (!reuse) await migrate(db.sql)
		for (const statement of reuse ? [] : SEED) {
			const [, ms] = await timed(() => db.sql.query(statement, statement.includes('$1') ? [NOW.toISOString()] : []))
			console.log(`seed  ${statement.match(/INSERT INTO "(\w+)"/)![1]!.padEnd(12)} ${(ms / 1000).toFixed(1)} s`)
		}
		if (!reuse) {
			const [, vacuumMs] = await timed(() => db.sql.exec('VACUUM ANALYZE'))
			console.log(`seed  VACUUM ANALYZE ${(vacuumMs / 1000).toFixed(1)} s`)
		}
		const [counts] = await db.sql.query<{ complaints: string; surveys: string; answered: string }>(
			`SELECT (SELECT count(*) FROM "Complaint") AS complaints, (SELECT count(*) FROM "Survey") AS surveys,
				(SELECT count(*) FROM "Survey" WHERE "answeredAt" IS NOT NULL) AS answered`,
		)
		console.log(`data  ${counts!.complaints} complaints, ${counts!.surveys} surveys, ${counts!.answered} answered`)

		const baselineMs = await median(() => db.sql.query('SELECT count(*) FROM "Complaint"'))
		const page = reportsPage(db, viewer(), 'last-3-months')
		const pageMs = await median(page)
		const twelveMs = await median(reportsPage(db, viewer(), 'last-12-months'))
		const regionMs = await median(
			reportsPage(
				db,
				viewer({ kind: 'REGIONAL_OFFICE', staffRole: null, regionId: 'bench-region-3' }),
				'last-3-months',
			),
		)
		const { complaints, surveys } = await page()

		const f = (ms: number) => `${ms.toFixed(1)} ms`.padStart(10)
		const ratio = (ms: number) => `${(ms / baselineMs).toFixed(2)}× baseline`
		console.log(`baseline  SELECT count(*) FROM "Complaint"`.padEnd(62) + f(baselineMs))
		console.log(
			`page      head office, ${complaints.period.from} to ${complaints.period.to}: ${complaints.totals.complaints} complaints, ${surveys.totals.answers} answers`.padEnd(
				62,
			) + `${f(pageMs)}   ${ratio(pageMs)}`,
		)
		console.log(`twelve    head office, the last twelve months`.padEnd(62) + `${f(twelveMs)}   ${ratio(twelveMs)}`)
		console.log(`region    a regional office, the last three months`.padEnd(62) + `${f(regionMs)}   ${ratio(regionMs)}`)
		const met = pageMs < TARGET_MS && pageMs < TARGET_RATIO * baselineMs
		console.log(
			`target: the page under ${TARGET_MS} ms and under ${TARGET_RATIO}× the count: ${met ? 'yes' : 'NO'} (${pageMs.toFixed(0)} ms, ${(pageMs / baselineMs).toFixed(2)}×)`,
		)
		if (!met) process.exitCode = 1
	} finally {
		await db.close()
		// REPORTS_BENCH_KEEP=1 leaves the database for EXPLAIN ANALYZE; drop it by hand afterwards
		if (reuse || process.env.REPORTS_BENCH_KEEP === '1') console.log(`kept database ${name}`)
		else await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
	}
}

await main()
