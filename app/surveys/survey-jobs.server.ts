import type { Database } from '#app/db/database.server.ts'
import { scheduleKeyAccountSurveys, sendSurveyReminders, SURVEY_BATCH } from '#app/domain/surveys/schedule.ts'
import type { Logger } from '#app/logger.server.ts'
import { startPeriodicJob, type PeriodicJob } from '#app/server/periodic-job.server.ts'
import { createSurveyNotifier } from './notifier.server.ts'

/**
 * The surveys' clock in the server process (app/domain/surveys/schedule.ts): the one reminder
 * three days after sending, and the key accounts' yearly survey. Every ten minutes is close enough
 * for both; a pass that filled a batch runs again at once. Safe on several instances.
 */
export const SURVEY_JOB_INTERVAL_MS = 10 * 60_000

export async function runSurveyPass({ db, appUrl, now = new Date() }: { db: Database; appUrl: string; now?: Date }) {
	const deps = { db: db.prisma, notifier: createSurveyNotifier({ appUrl }) }
	const reminders = await sendSurveyReminders(deps, now)
	const keyAccountSurveys = await scheduleKeyAccountSurveys(deps, now)
	return { reminders, keyAccountSurveys }
}

export function startSurveyJob(
	{ db, appUrl, logger }: { db: Database; appUrl: string; logger: Pick<Logger, 'info' | 'error'> },
	{ intervalMs = SURVEY_JOB_INTERVAL_MS }: { intervalMs?: number } = {},
): PeriodicJob {
	return startPeriodicJob({
		intervalMs,
		pass: async () => {
			const report = await runSurveyPass({ db, appUrl })
			if (report.reminders || report.keyAccountSurveys) logger.info(report, 'surveys sent')
			return report.reminders >= SURVEY_BATCH || report.keyAccountSurveys >= SURVEY_BATCH
		},
		logger,
		failureMessage: 'survey reminders and key-account surveys failed',
	})
}
