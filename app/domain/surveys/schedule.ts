import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { expiresAfterSending, REMINDER_AFTER_DAYS } from './dimensions.ts'
import type { SurveyDeps } from './surveys.ts'
import { issueSurveyToken } from './tokens.ts'

/**
 * The surveys' own clock, run by a periodic job (app/surveys/survey-jobs.server.ts):
 * - one reminder, REMINDER_AFTER_DAYS after sending, to a customer who has not answered, while
 *   the survey is still open (not expired, complaint not closed);
 * - the key accounts' yearly survey (002 五 4: 每年对所有的重要顾客进行一次顾客满意度调查), with or
 *   without a complaint: each key-account customer gets one per calendar year of the company
 *   (Asia/Shanghai), at the job's first pass in that year or when they become a key account.
 *
 * Both are safe to run twice, or on two instances at once: a reminder is claimed by a
 * compare-and-set on `remindedAt`, and a yearly survey by the unique (kind, customer, year), in the
 * transaction that writes its email, so each is sent once.
 */

const DAY = 86_400_000
export const COMPANY_TIME_ZONE = 'Asia/Shanghai'
/** Rows per pass; a pass with a full batch runs again at once (periodic-job.server.ts). */
export const SURVEY_BATCH = 50

/** The calendar year at `now` in the company's time zone. */
export function companyYear(now: Date): number {
	return Number(new Intl.DateTimeFormat('en', { timeZone: COMPANY_TIME_ZONE, year: 'numeric' }).format(now))
}

type JobDeps = Pick<SurveyDeps, 'notifier'> & { db: PrismaClient }

/** Sends the due reminders; returns how many (a full batch means there may be more). */
export async function sendSurveyReminders(deps: JobDeps, now: Date): Promise<number> {
	const due = await deps.db.survey.findMany({
		where: {
			answeredAt: null,
			remindedAt: null,
			sentAt: { lte: new Date(now.getTime() - REMINDER_AFTER_DAYS * DAY) },
			expiresAt: { gt: now },
			OR: [{ complaintId: null }, { complaint: { is: { status: { not: 'CLOSED' } } } }],
		},
		orderBy: [{ sentAt: 'asc' }, { id: 'asc' }],
		take: SURVEY_BATCH,
		select: { id: true },
	})
	let sent = 0
	for (const { id } of due) {
		const claimed = await deps.db.$transaction(async (tx) => {
			// answered or reminded meanwhile (another instance, the customer): nothing to do
			const { count } = await tx.survey.updateMany({
				where: { id, remindedAt: null, answeredAt: null, expiresAt: { gt: now } },
				data: { remindedAt: now },
			})
			if (count === 0) return false
			// a fresh link: only hashes are kept, so the first email's cannot be sent again
			const token = await issueSurveyToken(tx, id, now)
			await deps.notifier.surveyInvitation?.(tx, { surveyId: id, token, reminder: true })
			return true
		})
		if (claimed) sent += 1
	}
	return sent
}

/**
 * Sends this year's survey to every key account that has none yet; returns how many. A key
 * account is placed (region, dealer, for the reports) by their latest order; one without any
 * order is left out until they have one (listKeyAccountSurveys shows them as not sent).
 */
export async function scheduleKeyAccountSurveys(deps: JobDeps, now: Date): Promise<number> {
	const year = companyYear(now)
	const customers = await deps.db.user.findMany({
		where: {
			kind: 'CUSTOMER',
			isKeyAccount: true,
			surveys: { none: { kind: 'KEY_ACCOUNT', periodYear: year } },
			orders: { some: {} },
		},
		orderBy: { id: 'asc' },
		take: SURVEY_BATCH,
		select: { id: true },
	})
	let sent = 0
	for (const customer of customers) {
		const created = await deps.db.$transaction(async (tx) => {
			const order = await tx.order.findFirst({
				where: { customerId: customer.id },
				orderBy: [{ orderedAt: 'desc' }, { id: 'desc' }],
				select: { regionId: true, dealerId: true },
			})
			if (!order) return false
			// ON CONFLICT DO NOTHING on (kind, customer, year): another pass got there first
			const { count } = await tx.survey.createMany({
				data: [
					{
						kind: 'KEY_ACCOUNT',
						customerId: customer.id,
						periodYear: year,
						regionId: order.regionId,
						dealerId: order.dealerId,
						sentAt: now,
						expiresAt: expiresAfterSending(now),
						createdAt: now,
					},
				],
				skipDuplicates: true,
			})
			if (count === 0) return false
			const survey = await tx.survey.findFirstOrThrow({
				where: { kind: 'KEY_ACCOUNT', customerId: customer.id, periodYear: year },
				select: { id: true },
			})
			const token = await issueSurveyToken(tx, survey.id, now)
			await deps.notifier.surveyInvitation?.(tx, { surveyId: survey.id, token, reminder: false })
			return true
		})
		if (created) sent += 1
	}
	return sent
}
