import type { Database } from '#app/db/database.server.ts'
import type { Logger } from '#app/logger.server.ts'
import { enqueueEmail } from '#app/mail/outbox.server.ts'
import {
	complaintForEmail,
	complaintUrl,
	customerLanguage,
	describeEvents,
	eventForEmail,
	eventKey,
	isNotifiable,
	standing,
} from './notifier.server.ts'
import { startPeriodicJob, type PeriodicJob } from '#app/server/periodic-job.server.ts'

/**
 * The daily digest: a customer who chose "one email a day" for a complaint gets, at most once
 * every 24 hours, one email listing every public change made by someone else since the last
 * one. One email per complaint, not per customer: the subject then carries the complaint's
 * reference like every other complaint email, each link leads to one case, and the 24-hour
 * rhythm, kept per complaint in `lastDigestAt`, needs no second bookkeeping.
 */

const HOUR = 3_600_000
export const DIGEST_EVERY_MS = 24 * HOUR
/**
 * A window closes this long before the pass that sends it, so that an event written by a
 * transaction still open at that moment (stamped earlier, committed later) falls into the
 * next window instead of being missed. Interactive transactions last seconds at most.
 */
export const DIGEST_SETTLE_MS = 60_000
const DEFAULT_INTERVAL_MS = 5 * 60_000

export const digestKey = (complaintId: string, windowStart: Date) =>
	`complaint-digest:${complaintId}:${windowStart.toISOString()}`

// Timestamps are `timestamp(3)` holding UTC; see outbox-worker.server.ts.
const sqlTime = (date: Date) => date.toISOString()

/**
 * Complaints with a digest due: on the daily digest, the last one sent 24 hours ago or never,
 * and a public change by someone other than the customer in the open window that was not
 * already emailed on its own (before the customer switched to the digest).
 */
async function dueComplaints(db: Database, now: Date, batch: number): Promise<string[]> {
	const rows = await db.sql.query<{ id: string }>(
		`SELECT c."id" FROM "Complaint" c
		WHERE c."notifyFrequency" = 'DAILY_DIGEST'
			AND (c."lastDigestAt" IS NULL OR c."lastDigestAt" <= $1::timestamp)
			AND EXISTS (
				SELECT 1 FROM "ComplaintEvent" e
				WHERE e."complaintId" = c."id" AND e."visibility" = 'PUBLIC' AND e."type" <> 'filed'
					AND e."actorId" IS DISTINCT FROM c."customerId"
					AND e."createdAt" <= $2::timestamp
					AND (e."createdAt" > c."lastDigestAt" OR (c."lastDigestAt" IS NULL AND e."createdAt" >= c."createdAt"))
					AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" o WHERE o."idempotencyKey" = 'complaint-event:' || e."id")
			)
		ORDER BY c."lastDigestAt" ASC NULLS FIRST, c."id"
		LIMIT $3`,
		[sqlTime(new Date(now.getTime() - DIGEST_EVERY_MS)), sqlTime(new Date(now.getTime() - DIGEST_SETTLE_MS)), batch],
	)
	return rows.map((r) => r.id)
}

/**
 * Sends one complaint's digest, if it is still due, in one transaction that also moves
 * `lastDigestAt` to the end of the window. The move is a compare-and-set on the value the
 * window was computed from: when two instances work on the same complaint at once, the
 * second one's update waits for the first one's row lock, then matches nothing, and it sends
 * nothing. The idempotency key (complaint + window start) would drop a duplicate anyway.
 */
async function sendDigest(db: Database, appUrl: string, complaintId: string, now: Date): Promise<boolean> {
	const windowEnd = new Date(now.getTime() - DIGEST_SETTLE_MS)
	const cutoff = new Date(now.getTime() - DIGEST_EVERY_MS)
	return db.prisma.$transaction(async (tx) => {
		const complaint = await tx.complaint.findUnique({
			where: { id: complaintId },
			select: { ...complaintForEmail, updatedAt: true },
		})
		if (!complaint || complaint.notifyFrequency !== 'DAILY_DIGEST') return false
		if (complaint.lastDigestAt && complaint.lastDigestAt > cutoff) return false
		const windowStart = complaint.lastDigestAt ?? complaint.createdAt

		const events = await tx.complaintEvent.findMany({
			where: {
				complaintId,
				visibility: 'PUBLIC',
				createdAt: complaint.lastDigestAt ? { gt: windowStart, lte: windowEnd } : { gte: windowStart, lte: windowEnd },
			},
			orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
			select: eventForEmail,
		})
		const candidates = events.filter((e) => isNotifiable(e, complaint.customerId))
		const emailed = new Set(
			(
				await tx.outboxMessage.findMany({
					where: { idempotencyKey: { in: candidates.map((e) => eventKey(e.id)) } },
					select: { idempotencyKey: true },
				})
			).map((m) => m.idempotencyKey),
		)
		const news = candidates.filter((e) => !emailed.has(eventKey(e.id)))
		if (news.length === 0) return false

		const { count } = await tx.complaint.updateMany({
			where: { id: complaintId, notifyFrequency: 'DAILY_DIGEST', lastDigestAt: complaint.lastDigestAt },
			// the digest is not a change to the complaint: keep updatedAt as it was
			data: { lastDigestAt: windowEnd, updatedAt: complaint.updatedAt },
		})
		if (count !== 1) return false

		await enqueueEmail(tx, {
			to: complaint.customer.email,
			template: 'complaint-digest',
			language: customerLanguage(complaint.customer.locale),
			idempotencyKey: digestKey(complaintId, windowStart),
			props: {
				name: complaint.customer.name,
				reference: complaint.reference,
				url: complaintUrl(appUrl, complaint.reference),
				title: complaint.title,
				changes: await describeEvents(tx, news),
				...standing(complaint, now),
				timeZone: complaint.region.timeZone,
			},
		})
		return true
	})
}

export interface DigestReport {
	/** complaints found with a digest due */
	due: number
	/** digests written to the outbox by this pass */
	sent: number
	failed: number
}

/**
 * One pass: writes every digest due at `now` to the outbox (the outbox worker delivers them).
 * Safe to run on several instances at once and to repeat: a digest is enqueued once.
 */
export async function sendDueDigests({
	db,
	appUrl,
	now = new Date(),
	batch = 100,
	logger,
}: {
	db: Database
	appUrl: string
	now?: Date
	batch?: number
	logger?: Pick<Logger, 'error'>
}): Promise<DigestReport> {
	const ids = await dueComplaints(db, now, batch)
	const report: DigestReport = { due: ids.length, sent: 0, failed: 0 }
	for (const id of ids) {
		try {
			if (await sendDigest(db, appUrl, id, now)) report.sent++
		} catch (error) {
			// one broken complaint must not hold up everyone else's digest
			report.failed++
			logger?.error({ err: error, complaintId: id }, 'complaint digest failed')
		}
	}
	return report
}

/**
 * Runs a digest pass every `intervalMs` (5 minutes by default), one at a time; a full batch
 * is followed at once by the next. `stop()` lets the current pass finish.
 */
export function startDigestJob(
	{ db, appUrl, logger }: { db: Database; appUrl: string; logger: Pick<Logger, 'error'> },
	{ intervalMs = DEFAULT_INTERVAL_MS, batch = 100 }: { intervalMs?: number; batch?: number } = {},
): PeriodicJob {
	return startPeriodicJob({
		intervalMs,
		pass: async () => {
			const report = await sendDueDigests({ db, appUrl, batch, logger })
			return report.due === batch && report.sent > 0
		},
		logger,
		failureMessage: 'complaint digest pass failed',
	})
}
