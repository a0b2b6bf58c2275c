/**
 * The satisfaction survey's questions (DESIGN.md §6, 002 五 2.1): the dimensions scored 1–5, the
 * 0–10 recommendation and the free text. The column of each dimension on `Survey` has the same
 * name, so reports, forms and the webhook read one list.
 */

export const SCORE_MIN = 1
export const SCORE_MAX = 5
export const RECOMMEND_MIN = 0
export const RECOMMEND_MAX = 10
export const COMMENT_MAX = 2000

/** Asked of every survey, in this order; `overall` last, after the customer has thought it through. */
export const DIMENSIONS = [
	'timeliness',
	'communication',
	'resolutionQuality',
	'productQuality',
	'delivery',
	'priceFairness',
	'overall',
] as const
export type Dimension = (typeof DIMENSIONS)[number]

/**
 * The customer may skip these (null): not every case touches the product, a delivery or a price,
 * and a made-up score would be worse for the reports than none.
 */
export const OPTIONAL_DIMENSIONS: readonly Dimension[] = ['productQuality', 'delivery', 'priceFairness']

/**
 * A key-account survey is about the year's service, not one case: a customer who had no
 * complaint has no resolution to score, so that one is skippable there too.
 */
export const KEY_ACCOUNT_OPTIONAL: readonly Dimension[] = ['resolutionQuality', ...OPTIONAL_DIMENSIONS]

export function isOptional(dimension: Dimension, kind: 'COMPLAINT' | 'KEY_ACCOUNT'): boolean {
	return (kind === 'KEY_ACCOUNT' ? KEY_ACCOUNT_OPTIONAL : OPTIONAL_DIMENSIONS).includes(dimension)
}

/** An overall score at or below this opens a follow-up for the manager and offers to reopen. */
export const LOW_OVERALL = 2

export function isLowOverall(overall: number | null | undefined): boolean {
	return overall !== null && overall !== undefined && overall <= LOW_OVERALL
}

/** One reminder, this long after the survey was sent when still unanswered. */
export const REMINDER_AFTER_DAYS = 3
/** After this long a survey can no longer be answered or edited. */
export const SURVEY_VALID_DAYS = 30

const DAY = 86_400_000
export const reminderDueAt = (sentAt: Date) => new Date(sentAt.getTime() + REMINDER_AFTER_DAYS * DAY)
export const expiresAfterSending = (sentAt: Date) => new Date(sentAt.getTime() + SURVEY_VALID_DAYS * DAY)
