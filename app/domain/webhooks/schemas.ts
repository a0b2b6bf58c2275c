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

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Why a URL may not receive webhooks, as an i18n key, or null when it may. https only, except a
 * loopback http URL outside production (a developer's own receiver). No credentials in the URL:
 * they would show in the delivery log and the list.
 */
export function webhookUrlProblem(raw: string, { allowLocalHttp }: { allowLocalHttp: boolean }): string | null {
	let url: URL
	try {
		url = new URL(raw)
	} catch {
		return 'webhooks:validation.urlInvalid'
	}
	if (url.username || url.password) return 'webhooks:validation.urlCredentials'
	const local = LOOPBACK_HOSTS.has(url.hostname)
	if ((url.protocol === 'http:' || url.protocol === 'https:') && local && allowLocalHttp) return null
	// our own network is no partner's system (a name that resolves there is not caught here)
	if (local || isPrivateAddress(url.hostname)) return 'webhooks:validation.urlPrivate'
	if (url.protocol === 'https:') return null
	return allowLocalHttp ? 'webhooks:validation.urlHttpsOrLocal' : 'webhooks:validation.urlHttps'
}

/** An IP literal of a loopback, private, link-local or unspecified range. */
function isPrivateAddress(hostname: string): boolean {
	const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(hostname)
	if (v4) {
		const [a, b] = [Number(v4[1]), Number(v4[2])]
		return (
			a === 0 ||
			a === 10 ||
			a === 127 ||
			(a === 169 && b === 254) ||
			(a === 172 && b >= 16 && b <= 31) ||
			(a === 192 && b === 168)
		)
	}
	if (!hostname.startsWith('[')) return false
	const v6 = hostname.slice(1, -1).toLowerCase()
	return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith('::ffff:')
}

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
