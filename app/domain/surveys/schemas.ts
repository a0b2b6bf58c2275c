import * as z from 'zod'
import type { SurveyKind } from '#app/generated/prisma/enums.ts'
import {
	COMMENT_MAX,
	DIMENSIONS,
	isOptional,
	RECOMMEND_MAX,
	RECOMMEND_MIN,
	SCORE_MAX,
	SCORE_MIN,
	type Dimension,
} from './dimensions.ts'

/**
 * The survey's fields, written once for the portal's forms (client and server), the link page
 * and the domain command. Messages are i18n keys in the `validation` namespace. A skipped
 * optional dimension arrives as an empty value (the "does not apply" choice), which Conform turns
 * into undefined; the command stores it as null.
 */

const score = (min: number, max: number) =>
	z
		.number({ error: (issue) => (issue.input === undefined ? 'validation:surveyScoreRequired' : 'validation:choose') })
		.min(min, { error: 'validation:choose' })
		.max(max, { error: 'validation:choose' })
		// not .int(): its issue aborts the object's refinement below, hiding the missing scores
		.refine(Number.isInteger, { error: 'validation:choose' })

const dimension = () => score(SCORE_MIN, SCORE_MAX).optional()

/** Bots fill every field; people never see this one (the link page is public). */
const Honeypot = z.string().max(0, { error: 'validation:honeypot' }).optional()

/**
 * Every dimension is typed optional; which ones the customer must answer depends on the survey's
 * kind (dimensions.ts isOptional), checked together so that every missing one is reported at once.
 */
export function surveyAnswerSchema(kind: SurveyKind) {
	return z
		.object({
			timeliness: dimension(),
			communication: dimension(),
			resolutionQuality: dimension(),
			productQuality: dimension(),
			delivery: dimension(),
			priceFairness: dimension(),
			overall: dimension(),
			recommend: score(RECOMMEND_MIN, RECOMMEND_MAX),
			comment: z.string().trim().max(COMMENT_MAX, { error: 'validation:surveyCommentTooLong' }).optional(),
			website: Honeypot,
		})
		.superRefine(
			(value, ctx) => {
				for (const d of DIMENSIONS)
					if (!isOptional(d, kind) && value[d] === undefined)
						ctx.addIssue({ code: 'custom', path: [d], message: 'validation:surveyScoreRequired' })
			},
			// also when another field is wrong, so that every problem shows at once
			{ when: (payload) => typeof payload.value === 'object' && payload.value !== null },
		)
}

export type SurveyAnswerInput = {
	[D in Dimension]?: number | null
} & { recommend: number; comment?: string | null }

export const REOPEN_REASON_MAX = 2000
/** The customer takes the offer to reopen after a low score: what is still wrong. */
export const SurveyReopenSchema = z.object({
	reason: z
		.string({ error: 'validation:required' })
		.trim()
		.min(1, { error: 'validation:required' })
		.max(REOPEN_REASON_MAX, { error: 'validation:reasonTooLong' }),
	website: Honeypot,
})

export const FOLLOW_UP_NOTE_MAX = 2000
/** The manager records what was done about a low score (a call, a visit, the case reopened). */
export const CloseFollowUpSchema = z.object({
	surveyId: z.string({ error: 'validation:required' }).min(1).max(64),
	note: z
		.string({ error: 'validation:required' })
		.trim()
		.min(1, { error: 'validation:required' })
		.max(FOLLOW_UP_NOTE_MAX, { error: 'validation:reasonTooLong' }),
})
