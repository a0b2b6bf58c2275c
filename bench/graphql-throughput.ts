/**
 * GraphQL throughput benchmark: the public API answering what a dealer's integration polls,
 * against bare graphql-yoga answering a constant, measured in the same run with the same load.
 *
 *   npm run bench:graphql       (builds first; `npx tsx bench/graphql-throughput.ts` skips the build)
 *                               (TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432)
 *
 * It creates a scratch PostgreSQL database, migrates it with the app's migrator, writes one
 * dealer among many in bulk (bench/graphql-data.ts: 40 dealers in 8 regions, 6,000
 * complaints with messages, events and attachment rows, the same for every run), and creates
 * an API token for that dealer with the domain's createApiToken. Then it starts:
 *
 *   app        `node app/server/main.js`, the production server (NODE_ENV=production, JSON logs
 *              at info to a file, Express, pino-http, Yoga with its CSRF, limits and query-cost
 *              plugins), on that database; requests carry `Authorization: Bearer cpt_…`
 *   baseline   bench/graphql-baseline-server.ts: bare createYoga, one field returning a constant,
 *              on node:http, in a child process of its own like the app
 *
 * and drives both with autocannon from this process, 50 connections, a warm-up each, then
 * ROUNDS rounds of ROUND_SECONDS each, alternating, so that noise from the (shared) machine
 * falls on both. Every response must be a 200 whose body has data and no `errors` (the app's
 * must hold a full page of 20 complaints), within 60 s: any other answer fails the run. Besides
 * req/s and latency, it reads the CPU time each server process (and, for the app, its PostgreSQL
 * backends) spent per request from /proc, which says what a request costs even when other work
 * competes for the cores. The statements per request are counted at the driver (node-postgres's
 * Pool.query), running the same request through the same Yoga handler in this process, with the
 * services the tests use (tests/context.ts).
 *
 * The API's query-cost budget (1,000 points per token, refilled at 50 a second) would turn
 * nearly every request into a 429: the app is started with GRAPHQL_COST_RESTORE_RATE raised so
 * that the bench measures the server, with the cost plugin still computing, charging and refunding
 * every query. Production keeps the default.
 *
 * Targets (the issue's): the API at least 50 % of bare Yoga's requests per second, p99 < 100 ms.
 */
import autocannon from 'autocannon'
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, openSync, closeSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openDatabase } from '#app/db/database.server.ts'
import { migrate } from '#app/db/migrate.server.ts'
import { createApiToken } from '#app/domain/api-tokens/tokens.ts'
import { createGraphQLHandler } from '#graphql/yoga.ts'
import { createTestContext } from '#tests/context.ts'
import { seedBenchData, SIZES } from './graphql-data.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const CONNECTIONS = 50
const WARMUP_SECONDS = 3
const ROUND_SECONDS = 10
const ROUNDS = 2
const TIMEOUT_SECONDS = 60
const SEED = 20261123
const PAGE = 20
const POLL_WINDOW_DAYS = 60
/** far above what 50 connections can spend: the bucket never runs dry, the plugin still does its work */
const RESTORE_RATE = 10_000_000
const TARGET_RATIO = 0.5
const TARGET_P99_MS = 100

const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432'

/** What a dealer's integration polls: the complaints changed since its last run, a page at a time. */
const DEALER_QUERY = /* GraphQL */ `
	query DealerPoll($since: DateTime!, $after: String) {
		complaints(
			first: ${PAGE}
			after: $after
			filter: { updatedSince: $since }
			orderBy: { field: UPDATED_AT, direction: ASC }
		) {
			pageInfo {
				hasNextPage
				endCursor
			}
			nodes {
				id
				reference
				title
				status
				slaState
				slaDueAt
				updatedAt
				order {
					orderNumber
					lines {
						lineNumber
						productModel
						productName
						batchNumber
						quantity
					}
				}
				customer {
					name
				}
				messages(last: 3) {
					nodes {
						body
						visibility
						createdAt
						author {
							name
							side
						}
					}
				}
				attachments {
					kind
					name
					thumbnailUrl
				}
			}
		}
	}
`
const BASELINE_QUERY = '{ hello }'

async function admin(sql: string) {
	const client = new pg.Client(adminUrl)
	await client.connect()
	try {
		await client.query(sql)
	} finally {
		await client.end()
	}
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer()
		probe.once('error', reject)
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number }
			probe.close(() => resolve(port))
		})
	})
}

// ---------------------------------------------------------------------------------------------
// The two servers, each a child process; the app's JSON log lines go to a file, as they would go
// to a collector, so that reading them costs the bench nothing while it measures.

interface Server {
	name: string
	process: ChildProcess
	url: string
	stop(): Promise<void>
}

async function startProcess(
	name: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	ready: (url: string) => Promise<boolean>,
	port: number,
	logFile: string,
): Promise<Server> {
	const log = openSync(logFile, 'w')
	const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', log, 'inherit'], env })
	closeSync(log)
	const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
	let gone = false
	void exited.then(() => (gone = true))
	const url = `http://127.0.0.1:${port}`
	const deadline = Date.now() + 60_000
	while (!(await ready(url).catch(() => false))) {
		if (gone) throw new Error(`${name} exited before it answered; its output:\n${await readFile(logFile, 'utf8')}`)
		if (Date.now() > deadline) {
			child.kill('SIGKILL')
			throw new Error(`${name} did not answer within 60 s`)
		}
		await new Promise((r) => setTimeout(r, 200))
	}
	return {
		name,
		process: child,
		url,
		async stop() {
			if (gone) return
			child.kill('SIGTERM')
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
			await exited
			clearTimeout(timer)
		},
	}
}

// ---------------------------------------------------------------------------------------------
// Load: autocannon, with every response checked and every latency kept (rounds are merged).

interface Target {
	name: string
	url: string
	headers: Record<string, string>
	body: string
	/** true when a 200's body is a correct answer */
	verify(body: string | Buffer | undefined): boolean
	serverPid: number
	/** the PostgreSQL backends serving the server, none for the baseline */
	databasePids(): Promise<number[]>
}

interface Sample {
	requests: number
	seconds: number
	latencies: number[]
	bad: { non2xx: number; errors: number; timeouts: number; mismatches: number; statusCodes: Record<string, number> }
	/** CPU time spent meanwhile by the server process and by its PostgreSQL backends, ms */
	cpuMs: { server: number; database: number }
}

const CLOCK_TICKS_PER_SECOND = 100

/** A process's user + system CPU time so far, in ms (Linux /proc); 0 once it is gone. */
async function cpuMsOf(pid: number): Promise<number> {
	const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null)
	if (!stat) return 0
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND
}

/**
 * Where the CPU goes while a load runs: the server's process and the database backends serving it.
 * On a shared machine this says what a request costs, whatever else competes for the cores.
 */
async function cpuMeter(serverPid: number, databasePids: () => Promise<number[]>) {
	const server = await cpuMsOf(serverPid)
	const pids = await databasePids()
	const database = await Promise.all(pids.map(cpuMsOf))
	return async () => ({
		server: (await cpuMsOf(serverPid)) - server,
		database: (await Promise.all(pids.map(cpuMsOf))).reduce((sum, ms, i) => sum + Math.max(0, ms - database[i]!), 0),
	})
}

async function load(target: Target, seconds: number): Promise<Sample> {
	const latencies: number[] = []
	const cpu = await cpuMeter(target.serverPid, target.databasePids)
	const result = await new Promise<autocannon.Result>((resolve, reject) => {
		const instance = autocannon(
			{
				url: `${target.url}/graphql`,
				method: 'POST',
				headers: target.headers,
				body: target.body,
				connections: CONNECTIONS,
				duration: seconds,
				// a slow answer is measured, not dropped and sent again (autocannon's default is 10 s)
				timeout: TIMEOUT_SECONDS,
				verifyBody: target.verify,
			},
			(error, result) => (error ? reject(error) : resolve(result)),
		)
		instance.on('response', (_client, _status, _bytes, responseTime) => {
			latencies.push(responseTime)
		})
	})
	const statusCodes = Object.fromEntries(
		Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, Number(stat?.count ?? 0)]),
	)
	const cpuMs = await cpu()
	return {
		// what completed, whatever its status: failures are reported and fail the run separately
		requests: latencies.length,
		cpuMs,
		seconds: result.duration,
		latencies,
		bad: {
			non2xx: result.non2xx,
			errors: result.errors,
			timeouts: result.timeouts,
			mismatches: result.mismatches,
			statusCodes,
		},
	}
}

function merge(samples: Sample[]): Sample {
	const bad = { non2xx: 0, errors: 0, timeouts: 0, mismatches: 0, statusCodes: {} as Record<string, number> }
	for (const s of samples) {
		bad.non2xx += s.bad.non2xx
		bad.errors += s.bad.errors
		bad.timeouts += s.bad.timeouts
		bad.mismatches += s.bad.mismatches
		for (const [code, n] of Object.entries(s.bad.statusCodes)) bad.statusCodes[code] = (bad.statusCodes[code] ?? 0) + n
	}
	return {
		requests: samples.reduce((n, s) => n + s.requests, 0),
		seconds: samples.reduce((n, s) => n + s.seconds, 0),
		latencies: samples.flatMap((s) => s.latencies),
		bad,
		cpuMs: {
			server: samples.reduce((n, s) => n + s.cpuMs.server, 0),
			database: samples.reduce((n, s) => n + s.cpuMs.database, 0),
		},
	}
}

function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN
	const sorted = Float64Array.from(values).sort()
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

const failures = (s: Sample) => s.bad.non2xx + s.bad.errors + s.bad.timeouts + s.bad.mismatches

// ---------------------------------------------------------------------------------------------
// The statements one dealer request sends, counted at the driver on the same Yoga handler.

async function countStatements(databaseUrl: string, token: string, variables: object) {
	const db = await openDatabase({ kind: 'postgres', url: databaseUrl })
	// the services the tests hand the same handler, kept in step with the server's by them
	const services = createTestContext(db, { GRAPHQL_COST_RESTORE_RATE: String(RESTORE_RATE) })
	const yoga = createGraphQLHandler(services)
	const request = () =>
		yoga.fetch('http://127.0.0.1/graphql', {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify({ query: DEALER_QUERY, variables }),
		})
	const statements: string[] = []
	const target = pg.Pool.prototype as unknown as { query: (...args: unknown[]) => unknown }
	const original = target.query
	try {
		await (await request()).text() // the first request pays for nothing the others do not
		target.query = function (this: unknown, ...args: unknown[]) {
			const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text
			statements.push(String(text))
			return original.apply(this, args)
		}
		const response = await request()
		const body = (await response.json()) as { errors?: unknown }
		if (response.status !== 200 || body.errors) throw new Error(`counting request failed: ${JSON.stringify(body)}`)
	} finally {
		target.query = original
		await services.limits.close()
		await services.complaintUpdates.close()
		await db.close()
	}
	return statements
}

/** `SELECT … FROM "public"."Complaint" …` → `SELECT Complaint`, to show what the statements read. */
function describeStatement(sql: string): string {
	const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '?'
	const table = /(?:FROM|UPDATE|INTO)\s+(?:"public"\.)?"(\w+)"/i.exec(sql)?.[1] ?? '?'
	return `${verb} ${table}`
}

// ---------------------------------------------------------------------------------------------

async function main() {
	if (!existsSync(path.join(ROOT, 'build/index.js'))) {
		console.error('No production build: run `npm run build` first (or `npm run bench:graphql`, which does).')
		process.exit(1)
	}
	const name = `bench_graphql_${randomBytes(4).toString('hex')}`
	const url = new URL(adminUrl)
	url.pathname = `/${name}`
	const databaseUrl = url.toString()
	const work = await mkdtemp(path.join(tmpdir(), 'graphql-bench-'))
	const servers: Server[] = []
	let monitor: pg.Client | undefined
	await admin(`CREATE DATABASE "${name}"`)
	try {
		// ---- data
		// whole minutes, so that the same seed writes the same rows relative to the start
		const now = new Date(Math.floor(Date.now() / 60_000) * 60_000)
		const since = new Date(now.getTime() - POLL_WINDOW_DAYS * 24 * 60 * 60 * 1000)
		const seedStarted = performance.now()
		const db = await openDatabase({ kind: 'postgres', url: databaseUrl })
		let token: string
		let data: Awaited<ReturnType<typeof seedBenchData>>
		try {
			await migrate(db.sql)
			data = await seedBenchData(db.sql, SEED, now, since)
			const member = await db.prisma.user.findUniqueOrThrow({
				where: { id: data.dealer.memberId },
				select: { id: true, kind: true, staffRole: true, organizationId: true, organization: true },
			})
			const created = await createApiToken(
				db.prisma,
				{
					userId: member.id,
					kind: member.kind,
					staffRole: member.staffRole,
					organizationId: member.organizationId,
					organizationKind: member.organization!.kind,
					regionId: member.organization!.regionId,
				},
				{ name: 'ERP sync (bench)', scopes: ['READ_COMPLAINTS'], expiresInDays: null },
				now,
			)
			token = created.secret
			await db.sql.exec('ANALYZE')
		} finally {
			await db.close()
		}
		const seedSeconds = (performance.now() - seedStarted) / 1000
		if (data.dealerComplaints.updatedSince <= PAGE)
			throw new Error(`the seed left the dealer only ${data.dealerComplaints.updatedSince} complaints to poll`)

		// ---- servers
		const appPort = await freePort()
		const app = await startProcess(
			'app',
			['app/server/main.js'],
			{
				PATH: process.env.PATH,
				HOME: process.env.HOME,
				NODE_ENV: 'production',
				HOST: '127.0.0.1',
				PORT: String(appPort),
				DATABASE_URL: databaseUrl,
				SESSION_SECRET: 'bench-only-secret-bench-only-secret-0000',
				DEMO_MODE: '0',
				STORAGE_DIR: path.join(work, 'storage'),
				GRAPHQL_COST_RESTORE_RATE: String(RESTORE_RATE),
			},
			async (u) => (await fetch(`${u}/readyz`)).ok,
			appPort,
			path.join(work, 'app.log'),
		)
		servers.push(app)
		const basePort = await freePort()
		const baseline = await startProcess(
			'baseline',
			['--import', 'tsx', 'bench/graphql-baseline-server.ts', String(basePort)],
			{ PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' },
			async (u) => (await fetch(`${u}/graphql?query=${encodeURIComponent(BASELINE_QUERY)}`)).ok,
			basePort,
			path.join(work, 'baseline.log'),
		)
		servers.push(baseline)

		monitor = new pg.Client(databaseUrl)
		await monitor.connect()
		const json = { 'content-type': 'application/json' }
		const variables = { since: since.toISOString() }
		const dealerTarget: Target = {
			name: 'API',
			url: app.url,
			serverPid: app.process.pid!,
			databasePids: async () =>
				(
					await monitor!.query<{ pid: number }>(
						'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
						[name],
					)
				).rows.map((row) => row.pid),
			headers: { ...json, authorization: `Bearer ${token}` },
			body: JSON.stringify({ query: DEALER_QUERY, variables }),
			verify(body) {
				try {
					const answer = JSON.parse(String(body)) as {
						data?: { complaints?: { nodes?: unknown[] } }
						errors?: unknown
					}
					return answer.errors === undefined && answer.data?.complaints?.nodes?.length === PAGE
				} catch {
					return false
				}
			},
		}
		const baselineTarget: Target = {
			name: 'bare Yoga',
			url: baseline.url,
			serverPid: baseline.process.pid!,
			databasePids: async () => [],
			headers: json,
			body: JSON.stringify({ query: BASELINE_QUERY }),
			verify(body) {
				try {
					const answer = JSON.parse(String(body)) as { data?: { hello?: string }; errors?: unknown }
					return answer.errors === undefined && answer.data?.hello === 'world'
				} catch {
					return false
				}
			},
		}

		// ---- one request of each, read in full: the answer and what it costs
		const first = await fetch(`${app.url}/graphql`, {
			method: 'POST',
			headers: dealerTarget.headers,
			body: dealerTarget.body,
		})
		const firstText = await first.text()
		if (first.status !== 200 || !dealerTarget.verify(firstText))
			throw new Error(`the dealer query failed: ${first.status} ${firstText.slice(0, 2000)}`)
		const firstAnswer = JSON.parse(firstText) as {
			data: { complaints: { nodes: Array<{ messages: { nodes: unknown[] }; attachments: unknown[] }> } }
			extensions: { cost: { requestedQueryCost: number; actualQueryCost: number } }
		}
		const nodes = firstAnswer.data.complaints.nodes
		const shown = {
			messages: nodes.reduce((n, c) => n + c.messages.nodes.length, 0),
			attachments: nodes.reduce((n, c) => n + c.attachments.length, 0),
		}

		// ---- warm-up (JIT, connection pools, Yoga's parse and validation caches)
		const loadAtStart = loadavg()[0]!
		await load(baselineTarget, WARMUP_SECONDS)
		await load(dealerTarget, WARMUP_SECONDS)

		// ---- the statements of one request, once the token's lastUsedAt is fresh
		const statements = await countStatements(databaseUrl, token, variables)

		// ---- measured rounds, alternating
		const rounds: Record<'baseline' | 'api', Sample[]> = { baseline: [], api: [] }
		for (let round = 0; round < ROUNDS; round++) {
			rounds.baseline.push(await load(baselineTarget, ROUND_SECONDS))
			rounds.api.push(await load(dealerTarget, ROUND_SECONDS))
		}
		const loadAtEnd = loadavg()[0]!

		// ---- the server's log: one line per request, and nothing at error level
		const logLines = (await readFile(path.join(work, 'app.log'), 'utf8')).split('\n').filter(Boolean)
		const logged = logLines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level?: number })
		const logErrors = logged.filter((l) => (l.level ?? 0) >= 50)

		// ---- report
		const base = merge(rounds.baseline)
		const api = merge(rounds.api)
		const rps = (s: Sample) => s.requests / s.seconds
		const ratio = rps(api) / rps(base)
		const apiP99 = percentile(api.latencies, 99)
		const ratioMet = ratio >= TARGET_RATIO
		const p99Met = apiP99 < TARGET_P99_MS
		const bad = failures(base) + failures(api)

		const f = (n: number, digits = 1) => n.toFixed(digits)
		const perRequest = (ms: number, s: Sample) => (s.requests ? f(ms / s.requests, 2) : '-')
		const row = (label: string, s: Sample) =>
			`  ${label.padEnd(24)}${f(rps(s), 0).padStart(7)}${f(percentile(s.latencies, 50)).padStart(10)}${f(percentile(s.latencies, 99)).padStart(10)}${f(percentile(s.latencies, 100)).padStart(10)}${String(s.requests).padStart(9)}${String(failures(s)).padStart(7)}${perRequest(s.cpuMs.server, s).padStart(11)}${perRequest(s.cpuMs.database, s).padStart(10)}`
		const perRound = (label: string, samples: Sample[]) =>
			samples.map((s, i) => `${label} r${i + 1}: ${f(rps(s), 0)} req/s, p99 ${f(percentile(s.latencies, 99))} ms`)
		const byKind = new Map<string, number>()
		for (const s of statements) byKind.set(describeStatement(s), (byKind.get(describeStatement(s)) ?? 0) + 1)

		console.log(`
GraphQL throughput: a dealer's poll through the production server vs bare graphql-yoga, same run
machine: ${cpus().length} cores, load average ${f(loadAtStart, 2)} before, ${f(loadAtEnd, 2)} after (shared; numbers are noisy)
database: PostgreSQL ${name}, seed ${SEED}: ${SIZES.regions} regions, ${data.counts.dealers} dealers, ${data.counts.orders} orders, ${data.counts.complaints} complaints, ${data.counts.messages} messages, ${data.counts.events} events, ${data.counts.attachments} attachments (written in ${f(seedSeconds)} s)
dealer: ${data.dealer.name}, ${data.dealerComplaints.all} complaints, ${data.dealerComplaints.updatedSince} changed in the last ${POLL_WINDOW_DAYS} days
query: complaints(first: ${PAGE}, filter: {updatedSince}, orderBy: UPDATED_AT) with order + lines, customer, messages(last: 3), attachments; one page = ${nodes.length} complaints, ${shown.messages} messages, ${shown.attachments} attachments, ${firstText.length} bytes; cost ${firstAnswer.extensions.cost.requestedQueryCost} requested, ${firstAnswer.extensions.cost.actualQueryCost} actual
app: node app/server/main.js, NODE_ENV=production, LOG_LEVEL=info (to a file), Bearer API token; GRAPHQL_COST_RESTORE_RATE=${RESTORE_RATE} (bench only: the default 50 points/s would throttle one token to ~${f(50 / firstAnswer.extensions.cost.actualQueryCost, 2)} req/s)
baseline: bare createYoga, one field returning a constant, node:http, child process
load: autocannon, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up each, then ${ROUNDS} × ${ROUND_SECONDS} s per server, alternating

                                                                                     CPU ms per request
                             req/s    p50 ms    p99 ms    max ms requests failed     server  database
${row('bare Yoga (constant)', base)}
${row('API (dealer poll)', api)}
  rounds: ${[...perRound('Yoga', rounds.baseline), ...perRound('API', rounds.api)].join('; ')}

  throughput ratio API / bare Yoga   ${f(ratio * 100)} %   (target ≥ ${TARGET_RATIO * 100} %: ${ratioMet ? 'met' : 'MISSED'})
  API p99                            ${f(apiP99)} ms   (target < ${TARGET_P99_MS} ms: ${p99Met ? 'met' : 'MISSED'})
  SQL statements per API request     ${statements.length}   (${[...byKind].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ')})
  server log lines                   ${logged.length} (${logErrors.length} at error level)
  failed responses                   ${bad}${bad ? `  INVALID RUN: ${JSON.stringify({ baseline: base.bad, api: api.bad })}` : ''}
`)
		if (logErrors.length)
			console.log(
				`server errors:\n${logErrors
					.slice(0, 5)
					.map((l) => JSON.stringify(l))
					.join('\n')}`,
			)
		process.exitCode = bad === 0 && logErrors.length === 0 && ratioMet && p99Met ? 0 : 1
	} finally {
		await monitor?.end()
		for (const server of servers.reverse()) await server.stop()
		await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
		await rm(work, { recursive: true, force: true })
	}
}

await main()
