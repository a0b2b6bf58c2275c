import type { Database } from '#app/db/database.server.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { DEFAULT_LANGUAGE, languageFromLocale } from '#app/i18n/config.ts'
import type { Logger } from '#app/logger.server.ts'
import { renderEmail } from '#emails/render.ts'
import { complaintUrl } from './notifier.server.ts'
import { startPeriodicJob, type PeriodicJob } from '#app/server/periodic-job.server.ts'

/**
 * The service-level sweep (DESIGN.md §4): every minute, complaints whose running clock has
 * reached 80 % become AT_RISK and those past 100 % BREACHED; each move is recorded as an
 * internal event, and each breach is emailed to the region's manager(s).
 *
 * The domain commands set `slaDueAt` / `slaAtRiskAt` (and put `slaState` back to ON_TRACK
 * when a new clock starts); the sweep only reads those and moves `slaState` forward. The move
 * and its events are one set-based statement (UPDATE … RETURNING feeding INSERT … SELECT), so
 * 100,000 open complaints cost one index scan, not 100,000 round trips. Only the breached
 * rows, which are few, are read back to write their emails.
 *
 * Idempotent: the UPDATE matches only rows whose state is behind the clock, so a second pass
 * moves nothing, records nothing and writes no email; the outbox key
 * `sla-breached:<complaintId>:<slaDueAt>:<recipientId>` would drop a duplicate anyway. Two
 * instances at once: a transaction-level advisory lock lets one sweep at a time (the other
 * skips its pass, tested on PostgreSQL), which also keeps two large UPDATEs from deadlocking on
 * each other's rows. A domain command changing a complaint meanwhile is safe too: the UPDATE
 * waits for its row lock and re-checks the WHERE against the committed row (READ COMMITTED).
 *
 * It does not bump `version` or `updatedAt`: an SLA state is bookkeeping, not an edit, and
 * must not make a staff member's concurrent command fail its version check.
 */

export const SLA_SWEEP_INTERVAL_MS = 60_000
/** pg_try_advisory_xact_lock key of the sweep (the migrator uses 72707369) */
export const SLA_SWEEP_LOCK_KEY = 5_143_201

export const slaBreachedKey = (complaintId: string, dueAt: Date, recipientId: string) =>
	`sla-breached:${complaintId}:${dueAt.toISOString()}:${recipientId}`

export interface SlaSweepReport {
	/** another instance held the sweep lock: this pass did nothing */
	skipped: boolean
	/** complaints moved ON_TRACK → AT_RISK */
	atRisk: number
	/** complaints moved ON_TRACK / AT_RISK → BREACHED */
	breached: number
	/** manager emails written to the outbox */
	emails: number
}

// Timestamps are `timestamp(3)` holding UTC; see outbox-worker.server.ts.
const ISO = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'

/** The state move and its events, in one statement; returns the complaints moved. */
async function moveStates(tx: Prisma.TransactionClient, now: Date) {
	const t = now.toISOString()
	return tx.$queryRaw<Array<{ complaintId: string; type: 'sla_at_risk' | 'sla_breached' }>>`
		WITH moved AS (
			UPDATE "Complaint" SET
				"slaState" = CASE WHEN "slaDueAt" <= ${t}::timestamp
					THEN 'BREACHED'::"SlaState" ELSE 'AT_RISK'::"SlaState" END,
				"slaStateChangedAt" = ${t}::timestamp
			WHERE "status" NOT IN ('RESOLVED', 'REJECTED', 'CLOSED')
				AND (
					("slaState" IN ('ON_TRACK', 'AT_RISK') AND "slaDueAt" <= ${t}::timestamp)
					OR ("slaState" = 'ON_TRACK' AND "slaAtRiskAt" <= ${t}::timestamp AND "slaDueAt" > ${t}::timestamp)
				)
			RETURNING "id", "slaState", "slaDueAt", "slaAtRiskAt"
		)
		INSERT INTO "ComplaintEvent" ("id", "complaintId", "actorId", "type", "visibility", "data", "createdAt")
		SELECT
			gen_random_uuid()::text,
			"id",
			NULL,
			CASE WHEN "slaState" = 'BREACHED' THEN 'sla_breached' ELSE 'sla_at_risk' END,
			'INTERNAL'::"MessageVisibility",
			jsonb_build_object(
				'dueAt', to_char("slaDueAt", ${ISO}),
				'atRiskAt', to_char("slaAtRiskAt", ${ISO})
			),
			${t}::timestamp
		FROM moved
		RETURNING "complaintId", "type"`
}

/**
 * Who hears of a breach: the staff REGIONAL_MANAGERs of an organization in the complaint's
 * region; where a region has none, every MARKETING_DIRECTOR.
 */
export async function recipientsByRegion(tx: Prisma.TransactionClient, regionIds: string[]) {
	const select = { id: true, email: true, name: true, locale: true, organization: { select: { regionId: true } } }
	const managers = await tx.user.findMany({
		where: { kind: 'STAFF', staffRole: 'REGIONAL_MANAGER', organization: { regionId: { in: regionIds } } },
		select,
		orderBy: { id: 'asc' },
	})
	const byRegion = new Map<string, typeof managers>()
	for (const m of managers) {
		const regionId = m.organization?.regionId
		if (regionId) byRegion.set(regionId, [...(byRegion.get(regionId) ?? []), m])
	}
	if (regionIds.some((id) => !byRegion.has(id))) {
		const directors = await tx.user.findMany({
			where: { kind: 'STAFF', staffRole: 'MARKETING_DIRECTOR' },
			select,
			orderBy: { id: 'asc' },
		})
		for (const id of regionIds) if (!byRegion.has(id)) byRegion.set(id, directors)
	}
	return byRegion
}

/** Writes the breach emails of `complaintIds` to the outbox; returns how many were new. */
async function enqueueBreachEmails(tx: Prisma.TransactionClient, appUrl: string, complaintIds: string[]) {
	if (complaintIds.length === 0) return 0
	const complaints = await tx.complaint.findMany({
		where: { id: { in: complaintIds } },
		select: {
			id: true,
			reference: true,
			title: true,
			status: true,
			severity: true,
			slaDueAt: true,
			regionId: true,
			region: { select: { nameZh: true, nameEn: true, timeZone: true } },
			assignee: { select: { name: true } },
		},
		orderBy: { id: 'asc' },
	})
	const recipients = await recipientsByRegion(tx, [...new Set(complaints.map((c) => c.regionId))])
	const rows: Prisma.OutboxMessageCreateManyInput[] = []
	for (const c of complaints) {
		if (!c.slaDueAt) continue
		for (const to of recipients.get(c.regionId) ?? []) {
			const { subject, html, text } = await renderEmail(
				'sla-breached',
				{
					name: to.name,
					reference: c.reference,
					url: complaintUrl(appUrl, c.reference),
					title: c.title,
					region: { nameZh: c.region.nameZh, nameEn: c.region.nameEn },
					status: c.status,
					severity: c.severity,
					dueAt: c.slaDueAt,
					assigneeName: c.assignee?.name ?? null,
					timeZone: c.region.timeZone,
				},
				languageFromLocale(to.locale) ?? DEFAULT_LANGUAGE,
			)
			rows.push({
				idempotencyKey: slaBreachedKey(c.id, c.slaDueAt, to.id),
				toAddress: to.email,
				subject,
				html,
				text,
				template: 'sla-breached',
				nextAttemptAt: new Date(),
			})
		}
	}
	if (rows.length === 0) return 0
	// as enqueueEmail does: ON CONFLICT DO NOTHING rather than a unique violation
	const { count } = await tx.outboxMessage.createMany({ data: rows, skipDuplicates: true })
	return count
}

/**
 * One pass at `now`: moves every complaint whose clock has reached 80 % or 100 %, records the
 * events and enqueues the breach emails, all in one transaction.
 */
export async function sweepServiceLevels({
	db,
	appUrl,
	now = new Date(),
}: {
	db: Database
	appUrl: string
	now?: Date
}): Promise<SlaSweepReport> {
	return db.prisma.$transaction(
		async (tx) => {
			const [lock] = await tx.$queryRaw<Array<{ locked: boolean }>>`
				SELECT pg_try_advisory_xact_lock(${SLA_SWEEP_LOCK_KEY}::bigint) AS "locked"`
			if (!lock?.locked) return { skipped: true, atRisk: 0, breached: 0, emails: 0 }
			const moved = await moveStates(tx, now)
			const breached = moved.filter((m) => m.type === 'sla_breached').map((m) => m.complaintId)
			const emails = await enqueueBreachEmails(tx, appUrl, breached)
			return { skipped: false, atRisk: moved.length - breached.length, breached: breached.length, emails }
		},
		// a backlog (first run, an outage) may move many rows at once
		{ maxWait: 10_000, timeout: 60_000 },
	)
}

/** Runs the sweep now and then every minute, one pass at a time; `stop()` lets a pass finish. */
export function startSlaSweepJob(
	{ db, appUrl, logger }: { db: Database; appUrl: string; logger: Pick<Logger, 'info' | 'error'> },
	{ intervalMs = SLA_SWEEP_INTERVAL_MS }: { intervalMs?: number } = {},
): PeriodicJob {
	return startPeriodicJob({
		intervalMs,
		pass: async () => {
			const report = await sweepServiceLevels({ db, appUrl })
			if (report.atRisk || report.breached) logger.info(report, 'service levels swept')
		},
		logger,
		failureMessage: 'service-level sweep failed',
	})
}
