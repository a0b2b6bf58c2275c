import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The webhook signature (docs/decisions/011-webhooks.md): `v1=` and the hex HMAC-SHA256, keyed
 * with the endpoint's secret, of `${timestamp}.${body}`, the timestamp in Unix seconds as sent in
 * `X-Webhook-Timestamp`. Signing the timestamp with the body lets a receiver refuse replays of an
 * old request. Receivers verify the same way; `verifyWebhookSignature` is ours, for the tests and
 * for the docs' example.
 */

/** The headers every delivery carries besides its JSON body (lower case, as Node's receivers see them). */
export const WEBHOOK_HEADERS = {
	/** the delivery's id, the same on every retry: receivers deduplicate on it */
	id: 'x-webhook-id',
	/** the event type, as in the body's `type` */
	event: 'x-webhook-event',
	/** Unix seconds when this attempt was signed */
	timestamp: 'x-webhook-timestamp',
	/** `v1=<hex HMAC-SHA256>`, several separated by spaces during a secret rotation */
	signature: 'x-webhook-signature',
} as const

export const SIGNATURE_VERSION = 'v1'
/** How old a timestamp a receiver should accept, as the docs recommend. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60

export function signWebhook(secret: string, timestamp: number, body: string): string {
	return `${SIGNATURE_VERSION}=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

export function verifyWebhookSignature(
	{ secret, body, timestamp, signature }: { secret: string; body: string; timestamp: string; signature: string },
	{ now = Date.now(), toleranceSeconds = DEFAULT_TOLERANCE_SECONDS }: { now?: number; toleranceSeconds?: number } = {},
): boolean {
	if (!/^\d{1,12}$/.test(timestamp)) return false
	const seconds = Number(timestamp)
	if (Math.abs(now / 1000 - seconds) > toleranceSeconds) return false
	const expected = Buffer.from(signWebhook(secret, seconds, body))
	// several signatures may be sent during a secret rotation, separated by spaces
	return signature
		.split(' ')
		.map((candidate) => Buffer.from(candidate))
		.some((given) => given.length === expected.length && timingSafeEqual(given, expected))
}
