import { parseWithZod } from '@conform-to/zod/v4'
import type { AppLoadContext } from '@remix-run/node'
import { data } from '@remix-run/node'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import type { SurveyActionReply, SurveyIntent, SurveyPageData } from '#app/components/survey/survey-page.tsx'
import { encodeMessage } from '#app/components/filing/messages.tsx'
import { DomainValidationErrors, InvalidTransitionError, NotFoundError } from '#app/domain/errors.ts'
import { surveyAnswerSchema, SurveyReopenSchema } from '#app/domain/surveys/schemas.ts'
import {
	answerSurvey,
	getSurvey,
	reopenFromSurvey,
	SurveyClosedError,
	type SurveyView,
} from '#app/domain/surveys/surveys.ts'
import { redirectWithToast } from '#app/toast.server.ts'

/**
 * What the two survey pages share (the emailed link's page, app/routes/survey.tsx, and the
 * portal's, app/routes/complaints_.$reference.survey.tsx): the survey as the page may show it,
 * and the answer / reopen actions. Each page has established, its own way, that the person is
 * the survey's customer before calling these.
 */

/** The survey without anything the page does not need: no ids, no status, no customer. */
export function surveyPageData(view: SurveyView): SurveyPageData {
	return {
		kind: view.kind,
		complaint: view.complaint ? { reference: view.complaint.reference, title: view.complaint.title } : null,
		periodYear: view.periodYear,
		state: view.state,
		expiresAt: view.expiresAt,
		answeredAt: view.answeredAt,
		answer: view.answer,
		lowScore: view.lowScore,
		canReopen: view.canReopen,
		reopenRequestedAt: view.reopenRequestedAt,
	}
}

function isIntent(value: unknown): value is SurveyIntent {
	return value === 'answer' || value === 'reopen'
}

function refuse(intent: SurveyIntent, reply: SurveyActionReply['result'], status: number) {
	return data({ intent, result: reply } satisfies SurveyActionReply, { status })
}

/** Runs the form's intent on the survey; success redirects (with a toast) to `redirectTo`. */
export async function runSurveyAction(
	context: AppLoadContext,
	surveyId: string,
	formData: FormData,
	redirectTo: string,
) {
	const intent = formData.get('intent')
	if (!isIntent(intent)) throw data(null, { status: 400 })
	const survey = await getSurvey(context.db.prisma, surveyId)
	const deps = complaintDeps(context)
	const schema = intent === 'answer' ? surveyAnswerSchema(survey.kind) : SurveyReopenSchema
	const submission = parseWithZod(formData, { schema })
	if (submission.status !== 'success') return refuse(intent, submission.reply(), 400)
	try {
		if (intent === 'answer') {
			const outcome = await answerSurvey(deps, surveyId, submission.value)
			return redirectWithToast(context.config, redirectTo, {
				kind: 'success',
				messageKey: outcome.first ? 'surveys:toast.answered' : 'surveys:toast.updated',
			})
		}
		await reopenFromSurvey(deps, surveyId, submission.value as { reason: string })
		return redirectWithToast(context.config, redirectTo, { kind: 'success', messageKey: 'surveys:toast.reopened' })
	} catch (error) {
		if (error instanceof NotFoundError) throw data(null, { status: 404 })
		if (error instanceof SurveyClosedError)
			return refuse(intent, submission.reply({ formErrors: ['surveys:error.closed'] }), 409)
		if (error instanceof InvalidTransitionError)
			return refuse(intent, submission.reply({ formErrors: ['surveys:error.notAllowed'] }), 409)
		if (error instanceof DomainValidationErrors)
			return refuse(
				intent,
				submission.reply({
					fieldErrors: Object.fromEntries(error.errors.map((e) => [e.field, [encodeMessage(e.messageKey, e.params)]])),
				}),
				400,
			)
		throw error
	}
}
