import type { ServerBuild } from '@remix-run/node'
import { broadcastDevReady } from '@remix-run/node'
import { startDigestJob } from '#app/complaints/digest.server.ts'
import { startDraftCleanupJob } from '#app/complaints/draft-cleanup.server.ts'
import { startSlaSweepJob } from '#app/complaints/sla-sweep.server.ts'
import { createComplaintUpdates } from '#app/complaints/updates.server.ts'
import { ConfigError, loadConfig } from '#app/config.server.ts'
import { openDatabase } from '#app/db/database.server.ts'
import { migrate } from '#app/db/migrate.server.ts'
import { announcingCommits } from '#app/domain/complaints/announcements.ts'
import { createLogger } from '#app/logger.server.ts'
import { startOutboxWorker } from '#app/mail/outbox-worker.server.ts'
import { createRateLimits } from '#app/rate-limit.server.ts'
import { createStorage } from '#app/storage/storage.server.ts'
import { startSurveyJob } from '#app/surveys/survey-jobs.server.ts'
import { startWebhookWorker } from '#app/webhooks/worker.server.ts'
import { seedCalendarDays } from '../../prisma/seed/calendar-days.ts'
import { formatDemoAccounts, seedDemo } from '../../prisma/seed/demo.ts'
import { seedReplyTemplates } from '../../prisma/seed/reply-templates.ts'
import { createGraphQLHandler } from '#graphql/yoga.ts'
import { closeGracefully, createHttpApp } from './http.server.ts'
import type { AppServices } from './services.server.ts'

/**
 * The process's start: config, database, migrations, demo data, background work, HTTP.
 * Called by app/server/main.js with the Remix build, which bundles this module, so that the
 * server and the routes share one copy of every module.
 */
export async function startServer(build: ServerBuild): Promise<void> {
	const startedAt = performance.now()
	let config
	try {
		config = loadConfig()
	} catch (error) {
		if (error instanceof ConfigError) {
			console.error(error.message)
			process.exit(1)
		}
		throw error
	}
	const logger = createLogger(config.logLevel)
	const db = await openDatabase(config.database)
	const { applied } = await migrate(db.sql)
	if (applied.length) logger.info({ applied }, 'migrations applied')
	// the official holiday calendar is reference data every installation needs; rows staff have
	// edited are left alone
	const calendarDays = await db.prisma.$transaction((tx) => seedCalendarDays(tx))
	if (calendarDays) logger.info({ calendarDays }, 'holiday calendar rows added')
	// starter reply templates, once: an installation that has any (archived too) keeps its own
	const replyTemplates = await db.prisma.$transaction((tx) => seedReplyTemplates(tx))
	if (replyTemplates) logger.info({ replyTemplates }, 'starter reply templates added')
	if (config.demoMode) {
		// writes the demo data only into a database without users; the accounts print every time
		const accounts = await seedDemo(db.prisma)
		logger.info({ accounts: accounts.length }, 'demo mode: demo accounts ready')
		console.log(formatDemoAccounts(accounts))
		console.log(
			'新客户 New customer: 用 new.customer.1@example.com … new.customer.12@example.com 注册，即可找到待投诉的订单 ' +
				'(sign up with one of these addresses to find an order to file against; the email is in the dev mailbox)',
		)
	}

	const limits = createRateLimits({
		redisUrl: config.redisUrl,
		queryCost: { restoreRate: config.queryCostRestoreRate },
	})
	const storage = createStorage(config.storage)
	// committed complaint changes for GraphQL subscriptions, across instances through Redis when set
	const complaintUpdates = createComplaintUpdates({ redisUrl: config.redisUrl, logger })
	const services: AppServices = {
		config,
		// Every transaction on the app's client announces the events it appended, once committed
		// (docs/decisions/013), also where a route hands a domain function the client rather than
		// complaintDeps, which wraps the same way.
		db: { ...db, prisma: announcingCommits(db.prisma, complaintUpdates) },
		logger,
		limits,
		storage,
		complaintUpdates,
	}
	const background: Array<{ stop(): Promise<void> }> = []
	background.push(startOutboxWorker(services))
	// partners' webhooks, queued with the changes they report (docs/decisions/011-webhooks.md)
	background.push(startWebhookWorker(services))
	// complaint digests are written to the outbox; the worker above delivers them
	background.push(startDigestJob({ db, appUrl: config.appUrl, logger }))
	background.push(startDraftCleanupJob({ db, storage, logger }))
	// at-risk and breached service levels: events, and the manager's email through the outbox
	background.push(startSlaSweepJob({ db, appUrl: config.appUrl, logger }))
	// satisfaction surveys: the reminder after 3 days, and the key accounts' yearly survey
	background.push(startSurveyJob({ db, appUrl: config.appUrl, logger }))

	const yoga = createGraphQLHandler(services)
	const app = createHttpApp({ services, build, mounts: [{ path: '/graphql', handler: (req, res) => yoga(req, res) }] })
	const server = app.listen(config.port, config.host, () => {
		const ms = Math.round(performance.now() - startedAt)
		logger.info({ url: config.appUrl, database: config.database.kind, startupMs: ms }, 'listening')
		if (config.env === 'development') broadcastDevReady(build)
	})

	// Graceful shutdown: stop taking connections, end the subscriptions' event streams, let
	// in-flight requests finish, then stop background work and close the database.
	let stopping = false
	const shutdown = (signal: string) => {
		if (stopping) return
		stopping = true
		logger.info({ signal }, 'shutting down')
		const force = setTimeout(() => process.exit(1), 10_000).unref()
		void closeGracefully(server, { endStreams: () => complaintUpdates.endSubscriptions() })
			.catch((error: unknown) => logger.error({ err: error }, 'closing the HTTP server failed'))
			.then(async () => {
				await Promise.allSettled(background.map((b) => b.stop()))
				await limits.close()
				await complaintUpdates.close()
				await db.close()
				clearTimeout(force)
				process.exit(0)
			})
	}
	process.once('SIGTERM', () => shutdown('SIGTERM'))
	process.once('SIGINT', () => shutdown('SIGINT'))
}
