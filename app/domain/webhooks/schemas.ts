import * as z from 'zod'
import type { WebhookEvent } from '#app/generated/prisma/enums.ts'

/**
 * A new webhook endpoint's fields, for the form (client and server) and for
 * createWebhookEndpoint, which parses them again. Messages are i18n keys.
 */

export const WEBHOOK_EVENTS = [
	'COMPLAINT_CREATED',
	'STATUS_CHANGED',
	'REPLY_ADDED',
	'SURVEY_ANSWERED',
] as const satisfies readonly WebhookEvent[]

export const WEBHOOK_URL_MAX = 500
/** An organization's endpoints: enough for a few systems, few enough that one event is a few rows. */
export const MAX_ENDPOINTS_PER_ORGANIZATION = 10

export const WebhookEndpointSchema = z.object({
	url: z
		.string({ error: 'validation:required' })
		.trim()
		.min(1, { error: 'validation:required' })
		.max(WEBHOOK_URL_MAX, { error: 'webhooks:validation.urlTooLong' }),
	// One ticked box arrives as a string, none as nothing: both become lists here.
	events: z.preprocess(
		(value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
		z
			.array(z.enum(WEBHOOK_EVENTS, { error: 'webhooks:validation.chooseEvent' }))
			.min(1, { error: 'webhooks:validation.chooseEvent' }),
	),
})
export type WebhookEndpointInput = z.output<typeof WebhookEndpointSchema>
