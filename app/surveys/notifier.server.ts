import type { Prisma } from '#app/generated/prisma/client.ts'
import { recipientsByRegion } from '#app/complaints/sla-sweep.server.ts'
import type { ComplaintNotifier } from '#app/domain/complaints/ports.ts'
import { DIMENSIONS } from '#app/domain/surveys/dimensions.ts'
import { DEFAULT_LANGUAGE, languageFromLocale } from '#app/i18n/config.ts'
import { enqueueEmail } from '#app/mail/outbox.server.ts'

/**
 * The survey's emails, written to the outbox in the caller's transaction (the resolve command,
 * the reminder and key-account passes, the answer that opened a follow-up): the customer's link,
 * and the managers' "please follow up". Keys derive from the cause, so a retried command or a
 * second instance sends each once.
 */

type Tx = Prisma.TransactionClient

export const surveyUrl = (appUrl: string, token: string) => `${appUrl}/survey?${new URLSearchParams({ token })}`
export const surveyInvitationKey = (surveyId: string, reminder: boolean) =>
	`survey-${reminder ? 'reminder' : 'invitation'}:${surveyId}`
export const surveyFollowUpKey = (surveyId: string, recipientId: string) =>
	`survey-follow-up:${surveyId}:${recipientId}`
/** The console page the managers' email links to. */
export const followUpsUrl = (appUrl: string) => `${appUrl}/staff/surveys`

/** The survey's customer, region and complaint (reference and title), one query each. */
async function related(tx: Tx, survey: { customerId: string; regionId: string; complaintId: string | null }) {
	const customer = await tx.user.findUniqueOrThrow({
		where: { id: survey.customerId },
		select: { email: true, name: true, locale: true },
	})
	const region = await tx.region.findUniqueOrThrow({
		where: { id: survey.regionId },
		select: { nameZh: true, nameEn: true, timeZone: true },
	})
	const complaint = survey.complaintId
		? await tx.complaint.findUniqueOrThrow({
				where: { id: survey.complaintId },
				select: { reference: true, title: true },
			})
		: null
	return { customer, region, complaint }
}

export function createSurveyNotifier({
	appUrl,
}: {
	appUrl: string
}): Required<Pick<ComplaintNotifier, 'surveyInvitation' | 'surveyFollowUp'>> {
	return {
		async surveyInvitation(tx: Tx, { surveyId, token, reminder }) {
			const survey = await tx.survey.findUniqueOrThrow({
				where: { id: surveyId },
				select: { kind: true, periodYear: true, expiresAt: true, customerId: true, regionId: true, complaintId: true },
			})
			// separate queries: a select with relations runs as parallel queries on the
			// transaction's one connection, which node-postgres warns about
			const { customer, region, complaint } = await related(tx, survey)
			await enqueueEmail(tx, {
				to: customer.email,
				template: 'survey-invitation',
				language: languageFromLocale(customer.locale) ?? DEFAULT_LANGUAGE,
				idempotencyKey: surveyInvitationKey(surveyId, reminder),
				props: {
					name: customer.name,
					kind: survey.kind,
					complaint,
					year: survey.periodYear,
					url: surveyUrl(appUrl, token),
					expiresAt: survey.expiresAt,
					reminder,
					timeZone: region.timeZone,
				},
			})
		},

		async surveyFollowUp(tx: Tx, { surveyId }) {
			const survey = await tx.survey.findUniqueOrThrow({
				where: { id: surveyId },
				select: {
					kind: true,
					periodYear: true,
					regionId: true,
					timeliness: true,
					communication: true,
					resolutionQuality: true,
					productQuality: true,
					delivery: true,
					priceFairness: true,
					overall: true,
					recommend: true,
					comment: true,
					customerId: true,
					complaintId: true,
				},
			})
			const { customer, region, complaint } = await related(tx, survey)
			const recipients = (await recipientsByRegion(tx, [survey.regionId])).get(survey.regionId) ?? []
			const scores = Object.fromEntries(DIMENSIONS.map((d) => [d, survey[d]])) as Record<
				(typeof DIMENSIONS)[number],
				number | null
			>
			for (const to of recipients)
				await enqueueEmail(tx, {
					to: to.email,
					template: 'survey-follow-up',
					language: languageFromLocale(to.locale) ?? DEFAULT_LANGUAGE,
					idempotencyKey: surveyFollowUpKey(surveyId, to.id),
					props: {
						name: to.name,
						kind: survey.kind,
						customerName: customer.name,
						complaint,
						year: survey.periodYear,
						region: { nameZh: region.nameZh, nameEn: region.nameEn },
						scores,
						recommend: survey.recommend,
						comment: survey.comment,
						url: followUpsUrl(appUrl),
					},
				})
		},
	}
}
