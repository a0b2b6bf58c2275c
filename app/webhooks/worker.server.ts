import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import { fetch, type Dispatcher } from 'undici'
import type { TargetPolicy } from '#app/domain/webhooks/targets.ts'
import { startPeriodicJob, type PeriodicJob } from '#app/server/periodic-job.server.ts'
import type { AppServices } from '#app/server/services.server.ts'
import {
	assertLiteralTargetAllowed,
	createGuardedDispatcher,
	WebhookTargetRefusedError,
	type ResolveAll,
} from './guarded-dispatcher.server.ts'
import { signWebhook, WEBHOOK_HEADERS } from './signature.server.ts'

/**
 * Delivers the queued webhooks (WebhookDelivery rows written by app/domain/webhooks/), the way the
 * email outbox worker sends email (docs/decisions/003 and 011): a short claim statement with
 * `FOR UPDATE SKIP LOCKED` and a lease, so several instances share the work and no transaction
 * stays open across a network call; then one signed POST per row, outside any transaction.
 */

/** Attempts before a delivery is dead: about three hours of retries with the delays below. */
export const MAX_ATTEMPTS = 10
const BASE_DELAY_MS = 30_000
const MAX_DELAY_MS = 60 * 60_000
export const REQUEST_TIMEOUT_MS = 10_000
/** What of a receiver's error answer the log keeps. */
const ERROR_MAX = 500
export const USER_AGENT = 'after-sales-portal-webhooks/1'

/**
 * 30 s × 2^(attempts−1), at most an hour, with "equal jitter" (half fixed, half random) so that
 * the deliveries of one receiver that was down do not all come back at the same moment.
 */
export function webhookBackoffMs(attempts: number, random: () => number = Math.random): number {
	const full = Math.min(BASE_DELAY_MS * 2 ** Math.max(attempts - 1, 0), MAX_DELAY_MS)
	return Math.round(full / 2 + random() * (full / 2))
}

export interface WebhookDeliveryReport {
	claimed: number
	succeeded: number
	retried: number
	dead: number
}

interface ClaimedRow {
	id: string
	eventType: string
	payloadText: string
	createdAtText: string
	attempts: number
	url: string
	secret: string
}

type WorkerServices = Pick<AppServices, 'db' | 'logger'>

// Timestamps are `timestamp(3)` holding UTC, as Prisma writes them (see outbox-worker.server.ts).
const sqlTime = (date: Date) => date.toISOString()

async function claimDue(db: WorkerServices['db'], now: Date, batch: number): Promise<ClaimedRow[]> {
	// the batch is sent in parallel, so one timeout and a margin cover it
	const leaseUntil = new Date(now.getTime() + REQUEST_TIMEOUT_MS + 60_000)
	return db.sql.query<ClaimedRow>(
		`WITH due AS (
			SELECT d."id" FROM "WebhookDelivery" d
			WHERE d."status" = 'PENDING' AND d."nextAttemptAt" <= $1::timestamp
				AND (d."lockedUntil" IS NULL OR d."lockedUntil" <= $1::timestamp)
				AND d."attempts" < $4
			ORDER BY d."nextAttemptAt", d."createdAt"
			LIMIT $2
			FOR UPDATE SKIP LOCKED
		)
		UPDATE "WebhookDelivery" AS d
		SET "lockedUntil" = $3::timestamp, "attempts" = d."attempts" + 1
		FROM due, "WebhookEndpoint" AS e
		WHERE d."id" = due."id" AND e."id" = d."endpointId"
		RETURNING d."id", d."eventType", d."payload"::text AS "payloadText",
			to_char(d."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAtText",
			d."attempts", e."url", e."secret"`,
		[sqlTime(now), batch, sqlTime(leaseUntil), MAX_ATTEMPTS],
	)
}

/** Rows whose last attempt was claimed by a worker that never came back. */
async function buryAbandoned(db: WorkerServices['db'], now: Date): Promise<number> {
	const rows = await db.sql.query(
		`UPDATE "WebhookDelivery"
		SET "status" = 'DEAD', "lockedUntil" = NULL,
			"lastError" = COALESCE("lastError" || ' / ', '') || 'last attempt abandoned by its worker'
		WHERE "status" = 'PENDING' AND "attempts" >= $2 AND ("lockedUntil" IS NULL OR "lockedUntil" <= $1::timestamp)
		RETURNING "id"`,
		[sqlTime(now), MAX_ATTEMPTS],
	)
	return rows.length
}

/** The body as sent and signed: the delivery id, its type and time, and the payload. */
export function webhookBody(row: Pick<ClaimedRow, 'id' | 'eventType' | 'payloadText' | 'createdAtText'>): string {
	return JSON.stringify({
		id: row.id,
		type: row.eventType,
		createdAt: row.createdAtText,
		data: JSON.parse(row.payloadText) as unknown,
	})
}

type Outcome = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string }

async function post(
	row: ClaimedRow,
	now: Date,
	{ dispatcher, policy, timeoutMs }: { dispatcher: Dispatcher; policy: TargetPolicy; timeoutMs: number },
): Promise<Outcome> {
	const body = webhookBody(row)
	const timestamp = Math.floor(now.getTime() / 1000)
	try {
		assertLiteralTargetAllowed(row.url, policy)
		const response = await fetch(row.url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'user-agent': USER_AGENT,
				[WEBHOOK_HEADERS.id]: row.id,
				[WEBHOOK_HEADERS.event]: row.eventType,
				[WEBHOOK_HEADERS.timestamp]: String(timestamp),
				[WEBHOOK_HEADERS.signature]: signWebhook(row.secret, timestamp, body),
			},
			body,
			// a redirect is an answer, not a new address to post our data to: following it would
			// also leave the address check behind for wherever it points
			redirect: 'manual',
			signal: AbortSignal.timeout(timeoutMs),
			// every connection resolves through the address check (guarded-dispatcher.server.ts)
			dispatcher,
		})
		const text = await textStart(response.body, ERROR_MAX).catch(() => '')
		if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status }
		const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null
		return {
			ok: false,
			statusCode: response.status,
			error: location
				? `HTTP ${response.status}: redirect to ${location.slice(0, ERROR_MAX)} not followed`
				: `HTTP ${response.status}${text ? `: ${text}` : ''}`,
		}
	} catch (error) {
		const refused = refusalIn(error)
		if (refused) return { ok: false, statusCode: null, error: refused.message }
		const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
		const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
		return {
			ok: false,
			statusCode: null,
			error: timedOut
				? `timed out after ${timeoutMs / 1000} s`
				: `${error instanceof Error ? error.message : String(error)}${cause}`.slice(0, ERROR_MAX),
		}
	}
}

/** The first `max` characters of a receiver's answer: its error text is for the log, and may be endless. */
async function textStart(body: WebReadableStream<Uint8Array> | null, max: number): Promise<string> {
	if (!body) return ''
	const reader = body.getReader()
	const decoder = new TextDecoder()
	let text = ''
	try {
		while (text.length < max) {
			const { done, value } = await reader.read()
			if (done) break
			text += decoder.decode(value, { stream: true })
		}
	} finally {
		await reader.cancel().catch(() => {})
	}
	return text.slice(0, max)
}

/** fetch wraps what the socket's lookup threw in `cause`, perhaps more than once. */
function refusalIn(error: unknown): WebhookTargetRefusedError | null {
	for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
		if (e instanceof WebhookTargetRefusedError) return e
	}
	return null
}

export interface DeliveryOptions {
	now?: Date
	batch?: number
	random?: () => number
	timeoutMs?: number
	/**
	 * Deliver to this machine's loopback addresses too (WEBHOOK_ALLOW_LOOPBACK): a developer's own
	 * receiver, and the tests'. Every other address that is not public is refused whatever this says.
	 */
	allowLoopback?: boolean
	/** how host names are resolved, `dns.lookup` unless a test says otherwise */
	resolve?: ResolveAll
}

/**
 * One pass: claims due deliveries and POSTs them, in parallel, each with a 10 s timeout, to public
 * addresses only (a target that resolves to a private one fails with the reason). A 2xx is
 * success; anything else (a redirect, 4xx, 5xx, a refused or unreachable target, a timeout) is
 * retried with backoff until MAX_ATTEMPTS, then DEAD. Delivery is at least once: receivers
 * deduplicate on `X-Webhook-Id`, which stays the same across attempts.
 */
export async function deliverDueWebhooks(
	services: WorkerServices,
	{
		now = new Date(),
		batch = 10,
		random = Math.random,
		timeoutMs = REQUEST_TIMEOUT_MS,
		allowLoopback = false,
		resolve,
	}: DeliveryOptions = {},
): Promise<WebhookDeliveryReport> {
	const { db, logger } = services
	const report: WebhookDeliveryReport = { claimed: 0, succeeded: 0, retried: 0, dead: await buryAbandoned(db, now) }
	const rows = await claimDue(db, now, batch)
	report.claimed = rows.length
	if (rows.length === 0) return report
	const policy = { allowLoopback }
	// one dispatcher per pass: its connections were checked in this pass and end with it
	const dispatcher = createGuardedDispatcher(policy, resolve)
	let outcomes: Outcome[]
	try {
		outcomes = await Promise.all(rows.map((row) => post(row, now, { dispatcher, policy, timeoutMs })))
	} finally {
		await dispatcher.destroy().catch(() => {})
	}
	for (const [i, row] of rows.entries()) {
		const outcome = outcomes[i]!
		if (outcome.ok) {
			await db.prisma.webhookDelivery.updateMany({
				where: { id: row.id, status: 'PENDING' },
				data: {
					status: 'SUCCEEDED',
					deliveredAt: now,
					lockedUntil: null,
					lastStatusCode: outcome.statusCode,
					lastError: null,
				},
			})
			report.succeeded++
			continue
		}
		const dead = row.attempts >= MAX_ATTEMPTS
		await db.prisma.webhookDelivery.updateMany({
			where: { id: row.id, status: 'PENDING' },
			data: {
				status: dead ? 'DEAD' : 'PENDING',
				lockedUntil: null,
				lastStatusCode: outcome.statusCode,
				lastError: outcome.error,
				nextAttemptAt: dead ? undefined : new Date(now.getTime() + webhookBackoffMs(row.attempts, random)),
			},
		})
		if (dead) report.dead++
		else report.retried++
		logger[dead ? 'error' : 'warn'](
			{ webhookDeliveryId: row.id, attempts: row.attempts, status: outcome.statusCode, error: outcome.error },
			dead ? 'webhook delivery dead' : 'webhook delivery failed, will retry',
		)
	}
	return report
}

/** Runs delivery passes every `intervalMs`, one at a time; a full batch is followed at once by the next. */
export function startWebhookWorker(
	services: WorkerServices & Pick<AppServices, 'config'>,
	{ batch = 10 }: { batch?: number } = {},
): PeriodicJob {
	const allowLoopback = services.config.webhookAllowLoopback
	return startPeriodicJob({
		intervalMs: services.config.outboxPollMs,
		pass: async () => (await deliverDueWebhooks(services, { batch, allowLoopback })).claimed === batch,
		logger: services.logger,
		failureMessage: 'webhook pass failed',
	})
}
