import { expiresAfterSending, isLowOverall, reminderDueAt } from '#app/domain/surveys/dimensions.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import type { DemoSurvey } from './demo-data.ts'

/**
 * The demo's satisfaction surveys (DESIGN.md §6), as the commands would have left them: sent when
 * the complaint was resolved, reminded three days later when still unanswered, answered with a
 * staff-only event, and a low overall score with its open follow-up. No link is emailed by the
 * seed: the demo's customers answer from their complaint's page. The key account's yearly survey
 * is sent by the survey job when the server starts (it shows in the dev mailbox).
 */

export interface DemoSurveyInput {
	survey: DemoSurvey
	complaintId: string
	customerId: string
	regionId: string
	dealerId: string | null
	resolvedAt: Date
	/** the demo's local clock (demo.ts shanghaiClock) */
	answeredAt: (daysAgo: number, hour: number, minute: number) => Date
}

export async function seedDemoSurveys(tx: Prisma.TransactionClient, inputs: DemoSurveyInput[], now: Date) {
	for (const input of inputs) {
		const answer = input.survey.answer
		const sentAt = input.resolvedAt
		const answeredAt = answer ? input.answeredAt(answer.daysAgo, ...answer.at) : null
		if (answeredAt && (answeredAt <= sentAt || answeredAt >= now))
			throw new Error(`demo data: a survey answer of ${input.complaintId} is outside its survey's time`)
		const reminded = !answeredAt || answeredAt > reminderDueAt(sentAt) ? reminderDueAt(sentAt) : null
		const { comment, daysAgo: _d, at: _a, ...scores } = answer ?? { daysAgo: 0, at: [0, 0] as const }
		const survey = await tx.survey.create({
			data: {
				kind: 'COMPLAINT',
				complaintId: input.complaintId,
				customerId: input.customerId,
				regionId: input.regionId,
				dealerId: input.dealerId,
				sentAt,
				remindedAt: reminded && reminded < now ? reminded : null,
				expiresAt: expiresAfterSending(sentAt),
				createdAt: sentAt,
				...(answer && answeredAt
					? {
							...scores,
							comment: comment ?? null,
							answeredAt,
							answerUpdatedAt: answeredAt,
							followUpOpenedAt: isLowOverall(answer.overall) ? answeredAt : null,
						}
					: {}),
			},
			select: { id: true },
		})
		if (answer && answeredAt)
			await tx.complaintEvent.create({
				data: {
					complaintId: input.complaintId,
					actorId: input.customerId,
					type: 'survey_answered',
					visibility: 'INTERNAL',
					data: {
						surveyId: survey.id,
						timeliness: answer.timeliness,
						communication: answer.communication,
						resolutionQuality: answer.resolutionQuality,
						productQuality: answer.productQuality,
						delivery: answer.delivery,
						priceFairness: answer.priceFairness,
						overall: answer.overall,
						recommend: answer.recommend,
						edited: false,
						followUpOpened: isLowOverall(answer.overall),
					},
					createdAt: answeredAt,
				},
			})
	}
}
