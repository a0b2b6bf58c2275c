import { startPeriodicJob, type PeriodicJob } from '#app/server/periodic-job.server.ts'
import type { AppServices } from '#app/server/services.server.ts'
import { createResendTransport, MailDeliveryError, type MailTransport } from './transport.server.ts'

/** Attempts before a message is dead-lettered (DESIGN.md §9, after graphile-worker). */
export const MAX_ATTEMPTS = 8
const BASE_DELAY_MS = 30_000
const MAX_DELAY_MS = 60 * 60_000
const SEND_TIMEOUT_MS = 15_000
/** Marks the pass's dev-mailbox rows, which never leave the database. */
export const DEV_MAILBOX_PROVIDER_ID = 'dev-mailbox'

/**
 * 30 s, 1 min, 2 min, ... 32 min after attempts 1 to 7: about an hour in all, well inside
 * the 24 hours for which Resend remembers an idempotency key.
 */
export function backoffMs(attempts: number): number {
	return Math.min(BASE_DELAY_MS * 2 ** Math.max(attempts - 1, 0), MAX_DELAY_MS)
}

export interface DeliveryReport {
	claimed: number
	sent: number
	retried: number
	dead: number
}

interface ClaimedRow {
	id: string
	idempotencyKey: string
	toAddress: string
	subject: string
	html: string
	text: string
	attempts: number
}

type WorkerServices = Pick<AppServices, 'config' | 'db' | 'logger'>

// Timestamps are `timestamp(3)` holding UTC, as Prisma writes them. PostgreSQL ignores the
// zone of a literal cast to `timestamp`, so an ISO string compares like Prisma's values on
// any server time zone.
const sqlTime = (date: Date) => date.toISOString()

/**
 * Takes up to `batch` due messages for this worker. `FOR UPDATE SKIP LOCKED` lets passes on
 * other instances take other rows instead of waiting; the lease (`lockedUntil`) then keeps
 * them off these rows while they are sent outside any transaction, and lets them pick the
 * rows up again if this process dies mid-send. The attempt is counted at claim time so that
 * a message that crashes the worker still runs out of attempts.
 */
async function claimDue(db: WorkerServices['db'], now: Date, batch: number): Promise<ClaimedRow[]> {
	const leaseUntil = new Date(now.getTime() + batch * SEND_TIMEOUT_MS + 60_000)
	return db.sql.query<ClaimedRow>(
		`WITH due AS (
			SELECT "id" FROM "OutboxMessage"
			WHERE "status" = 'PENDING' AND "nextAttemptAt" <= $1::timestamp
				AND ("lockedUntil" IS NULL OR "lockedUntil" <= $1::timestamp)
				AND "attempts" < $4
			ORDER BY "nextAttemptAt", "createdAt"
			LIMIT $2
			FOR UPDATE SKIP LOCKED
		)
		UPDATE "OutboxMessage" AS m
		SET "lockedUntil" = $3::timestamp, "attempts" = m."attempts" + 1
		FROM due WHERE m."id" = due."id"
		RETURNING m."id", m."idempotencyKey", m."toAddress", m."subject", m."html", m."text", m."attempts"`,
		[sqlTime(now), batch, sqlTime(leaseUntil), MAX_ATTEMPTS],
	)
}

/** Rows whose last attempt was claimed by a worker that never came back. */
async function buryAbandoned(db: WorkerServices['db'], now: Date): Promise<number> {
	const rows = await db.sql.query(
		`UPDATE "OutboxMessage"
		SET "status" = 'DEAD', "lockedUntil" = NULL,
			"lastError" = COALESCE("lastError" || ' / ', '') || 'last attempt abandoned by its worker'
		WHERE "status" = 'PENDING' AND "attempts" >= $2 AND ("lockedUntil" IS NULL OR "lockedUntil" <= $1::timestamp)
		RETURNING "id"`,
		[sqlTime(now), MAX_ATTEMPTS],
	)
	return rows.length
}

function transportFor(config: WorkerServices['config']): MailTransport | null {
	const resend = config.mail.resend
	return resend ? createResendTransport({ ...resend, timeoutMs: SEND_TIMEOUT_MS }) : null
}

/**
 * One delivery pass: claims due messages, sends each, and records the outcome. Sending is
 * at least once; the idempotency key makes the provider drop repeats, so a message is
 * delivered once even when a response was lost or a lease ran out mid-send. Without a mail
 * provider (dev mailbox mode) messages are marked sent and read in the app instead.
 */
export async function deliverDueEmails(
	services: WorkerServices,
	{ now = new Date(), batch = 20 }: { now?: Date; batch?: number } = {},
): Promise<DeliveryReport> {
	const { config, db, logger } = services
	const report: DeliveryReport = { claimed: 0, sent: 0, retried: 0, dead: await buryAbandoned(db, now) }
	const rows = await claimDue(db, now, batch)
	report.claimed = rows.length
	if (rows.length === 0) return report
	const transport = transportFor(config)

	for (const row of rows) {
		try {
			const { providerId } = transport
				? await transport.send({
						from: config.mail.from,
						to: row.toAddress,
						subject: row.subject,
						html: row.html,
						text: row.text,
						idempotencyKey: row.idempotencyKey,
					})
				: { providerId: DEV_MAILBOX_PROVIDER_ID }
			await db.prisma.outboxMessage.updateMany({
				where: { id: row.id, status: 'PENDING' },
				data: { status: 'SENT', sentAt: now, providerId, lockedUntil: null, lastError: null },
			})
			report.sent++
		} catch (error) {
			const delivery =
				error instanceof MailDeliveryError
					? error
					: new MailDeliveryError(error instanceof Error ? error.message : String(error), true, null, 'unexpected')
			const dead = !delivery.retryable || row.attempts >= MAX_ATTEMPTS
			await db.prisma.outboxMessage.updateMany({
				where: { id: row.id, status: 'PENDING' },
				data: {
					status: dead ? 'DEAD' : 'PENDING',
					lockedUntil: null,
					lastError: delivery.message.slice(0, 1000),
					nextAttemptAt: dead ? undefined : new Date(now.getTime() + backoffMs(row.attempts)),
				},
			})
			if (dead) report.dead++
			else report.retried++
			logger[dead ? 'error' : 'warn'](
				{ outboxId: row.id, attempts: row.attempts, code: delivery.code, status: delivery.statusCode },
				dead ? 'email dead-lettered' : 'email delivery failed, will retry',
			)
		}
	}
	return report
}

/**
 * Runs delivery passes every `config.outboxPollMs`, one at a time; a full batch is followed
 * at once by the next. `stop()` lets the current pass finish.
 */
export function startOutboxWorker(services: WorkerServices, { batch = 20 }: { batch?: number } = {}): PeriodicJob {
	return startPeriodicJob({
		intervalMs: services.config.outboxPollMs,
		pass: async () => (await deliverDueEmails(services, { batch })).claimed === batch,
		logger: services.logger,
		failureMessage: 'outbox pass failed',
	})
}
