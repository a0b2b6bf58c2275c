/**
 * SLA sweep benchmark (issue 4): the time of the service-level sweep over 100,000 open
 * complaints on PostgreSQL, reported per 10,000, against baselines measured in the same run.
 *
 *   npm run bench:sla     (TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432)
 *
 * It creates a scratch database, migrates it with the app's migrator, and inserts with
 * generate_series 10 regions (each with a regional office and a manager, half of them reading
 * English), 1,000 customers with an order each, 100,000 open complaints and 10,000 finished
 * ones with past clocks that the sweep must skip. After ANALYZE and a warm-up read it times:
 *
 *   baseline A   SELECT count(*) over the open complaints (one scan of the rows the sweep is about)
 *   minute       the sweep as it runs every minute: BREACHED_COUNT complaints due since the last
 *                pass (half seen at risk before), AT_RISK_COUNT past 80 %, the rest on track;
 *                state moves and events in one statement, then one manager email per breach
 *                rendered and written to the outbox, in one transaction. Target: under 2 s.
 *   baseline B   the same sweep again at the same time, when nothing is due (its fixed cost)
 *   backlog      a sweep 12 hours later (after an outage, say), with the managers' role taken
 *                away so that no email is rendered: thousands of rows moved by the statement
 *                alone, to show that the set-based part does not grow with the open complaints
 *
 * and drops the database. Rendering an email (React Email) is the sweep's per-breach cost; the
 * report gives it per email, from the minute and its baseline B.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { sweepServiceLevels } from '#app/complaints/sla-sweep.server.ts'
import { openDatabase } from '#app/db/database.server.ts'
import { migrate } from '#app/db/migrate.server.ts'

const OPEN = 100_000
const FINISHED = 10_000
const BREACHED_COUNT = 20
const AT_RISK_COUNT = 200
const REGIONS = 10
const CUSTOMERS = 1_000
const TARGET_MS = 2_000
const NOW = new Date('2026-11-23T08:00:00.000Z')

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

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
	const start = performance.now()
	const result = await fn()
	return [result, performance.now() - start]
}

// Complaint i (1-based): the first BREACHED_COUNT are due in the past, the next AT_RISK_COUNT
// are past 80 %, the rest are on track; times are spread so no two rows share them.
const SEED = `
INSERT INTO "Region" ("id", "code", "nameZh", "nameEn")
SELECT 'bench-region-' || i, 'BENCH' || i, '测试大区' || i, 'Bench region ' || i FROM generate_series(1, ${REGIONS}) i;

INSERT INTO "Organization" ("id", "kind", "code", "name", "regionId")
SELECT 'bench-office-' || i, 'REGIONAL_OFFICE', 'BENCH-RO' || i, '大区办事处' || i, 'bench-region-' || i
FROM generate_series(1, ${REGIONS}) i;

INSERT INTO "User" ("id", "email", "passwordHash", "name", "kind", "staffRole", "organizationId", "locale", "updatedAt")
SELECT 'bench-manager-' || i, 'manager' || i || '@bench.example.com', 'x', '经理' || i, 'STAFF', 'REGIONAL_MANAGER',
	'bench-office-' || i, (CASE WHEN i % 2 = 0 THEN 'en' ELSE 'zh_CN' END)::"Locale", now()
FROM generate_series(1, ${REGIONS}) i;

INSERT INTO "User" ("id", "email", "passwordHash", "name", "kind", "updatedAt")
SELECT 'bench-customer-' || i, 'customer' || i || '@bench.example.com', 'x', '客户' || i, 'CUSTOMER', now()
FROM generate_series(1, ${CUSTOMERS}) i;

INSERT INTO "Order" ("id", "orderNumber", "orderNumberKey", "customerId", "customerEmail", "regionId", "orderedAt")
SELECT 'bench-order-' || i, 'SO-BENCH-' || i, 'SOBENCH' || i, 'bench-customer-' || i,
	'customer' || i || '@bench.example.com', 'bench-region-' || (i % ${REGIONS} + 1), now()
FROM generate_series(1, ${CUSTOMERS}) i;

INSERT INTO "Complaint" ("id", "reference", "customerId", "filedById", "orderId", "regionId", "category",
	"severity", "status", "title", "description", "requestedRemedy", "updatedAt",
	"slaState", "slaAtRiskAt", "slaDueAt")
SELECT 'bench-complaint-' || i, 'CMP-BENCH-' || lpad(i::text, 6, '0'),
	'bench-customer-' || c, 'bench-customer-' || c, 'bench-order-' || c, 'bench-region-' || (c % ${REGIONS} + 1),
	'PRODUCT_QUALITY', 'MAJOR',
	(CASE WHEN i > ${OPEN} THEN (ARRAY['RESOLVED', 'REJECTED', 'CLOSED'])[i % 3 + 1]
		ELSE (ARRAY['SUBMITTED', 'ACKNOWLEDGED', 'INVESTIGATING', 'RESOLVING'])[i % 4 + 1] END)::"ComplaintStatus",
	'水泥袋破损结块', '到货时多袋破损', 'REPLACEMENT', now(),
	(CASE WHEN i <= ${BREACHED_COUNT} AND i % 2 = 0 THEN 'AT_RISK' ELSE 'ON_TRACK' END)::"SlaState",
	due - interval '8 hours', due
FROM (
	SELECT i, (i % ${CUSTOMERS}) + 1 AS c,
		CASE
			WHEN i <= ${BREACHED_COUNT} OR i > ${OPEN} THEN $1::timestamp - (i % 600 + 1) * interval '1 minute'
			WHEN i <= ${BREACHED_COUNT + AT_RISK_COUNT} THEN $1::timestamp + (i % 60 + 1) * interval '1 minute'
			ELSE $1::timestamp + interval '9 hours' + (i % 10000) * interval '1 minute'
		END AS due
	FROM generate_series(1, ${OPEN + FINISHED}) i
) s;
`

async function main() {
	const name = `bench_sla_${randomBytes(4).toString('hex')}`
	const url = new URL(adminUrl)
	url.pathname = `/${name}`
	await admin(`CREATE DATABASE "${name}"`)
	const db = await openDatabase({ kind: 'postgres', url: url.toString() })
	try {
		await migrate(db.sql)
		const [, seedMs] = await timed(async () => {
			// one statement per query: the seed takes a parameter
			for (const statement of SEED.split(';\n').filter((s) => s.trim())) {
				await db.sql.query(statement, statement.includes('$1') ? [NOW.toISOString()] : [])
			}
			await db.sql.exec('ANALYZE')
		})
		console.log(
			`seeded ${OPEN.toLocaleString('en')} open + ${FINISHED.toLocaleString('en')} finished complaints in ${Math.round(seedMs)} ms`,
		)

		const countOpen = () =>
			db.sql.query(`SELECT count(*) FROM "Complaint" WHERE "status" NOT IN ('RESOLVED', 'REJECTED', 'CLOSED')`)
		await countOpen() // warm-up
		const [, baselineCountMs] = await timed(countOpen)

		const sweep = (now: Date) => sweepServiceLevels({ db, appUrl: 'https://portal.test', now })
		const [report, sweepMs] = await timed(() => sweep(NOW))
		const [again, noopMs] = await timed(() => sweep(NOW))
		if (report.breached !== BREACHED_COUNT || report.atRisk !== AT_RISK_COUNT || report.emails !== BREACHED_COUNT)
			throw new Error(`unexpected sweep result ${JSON.stringify(report)}`)
		if (again.atRisk || again.breached || again.emails)
			throw new Error(`second sweep did work: ${JSON.stringify(again)}`)

		await db.sql.query(`UPDATE "User" SET "staffRole" = 'AGENT' WHERE "kind" = 'STAFF'`)
		const later = new Date(NOW.getTime() + 12 * 3_600_000)
		const [backlog, backlogMs] = await timed(() => sweep(later))
		if (backlog.emails) throw new Error(`backlog sweep sent emails: ${JSON.stringify(backlog)}`)

		const [counts] = await db.sql.query<{ events: string; emails: string }>(
			`SELECT (SELECT count(*) FROM "ComplaintEvent") AS events, (SELECT count(*) FROM "OutboxMessage") AS emails`,
		)
		const per10k = (ms: number) => `${((ms / OPEN) * 10_000).toFixed(1)} ms per 10,000 open complaints`
		const f = (ms: number) => `${ms.toFixed(1)} ms`.padStart(10)
		const ratio = (ms: number) => `${(ms / baselineCountMs).toFixed(1)}× A`
		console.log(`baseline A  SELECT count(*) of open complaints  ${f(baselineCountMs)}`)
		console.log(
			`minute      ${report.atRisk} at risk, ${report.breached} breached, ${report.emails} emails`.padEnd(46) +
				`${f(sweepMs)}   ${per10k(sweepMs)}, ${ratio(sweepMs)}`,
		)
		console.log(
			`baseline B  same sweep again, nothing due`.padEnd(46) + `${f(noopMs)}   ${per10k(noopMs)}, ${ratio(noopMs)}`,
		)
		console.log(
			`backlog     ${backlog.atRisk} at risk, ${backlog.breached} breached, no email`.padEnd(46) +
				`${f(backlogMs)}   ${per10k(backlogMs)}, ${ratio(backlogMs)}`,
		)
		console.log(`per email   render + outbox row, (minute - B) / emails ${f((sweepMs - noopMs) / report.emails)}`)
		console.log(`totals      ${counts?.events} events, ${counts?.emails} outbox rows`)
		console.log(`target: the minute's whole sweep under ${TARGET_MS} ms: ${sweepMs < TARGET_MS ? 'yes' : 'NO'}`)
		if (sweepMs >= TARGET_MS) process.exitCode = 1
	} finally {
		await db.close()
		await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
	}
}

await main()
