import { Resend, type ErrorResponse } from 'resend'

export interface OutgoingEmail {
	from: string
	to: string
	subject: string
	html: string
	text: string
	/** the outbox row's key: the provider drops a repeat, so a retry never sends twice */
	idempotencyKey: string
}

export interface MailTransport {
	send(email: OutgoingEmail): Promise<{ providerId: string }>
}

/**
 * A failed send. `retryable` says whether the same request may succeed later (provider or
 * network trouble, rate limits) or never will (the provider rejected the message itself).
 */
export class MailDeliveryError extends Error {
	constructor(
		message: string,
		readonly retryable: boolean,
		readonly statusCode: number | null,
		readonly code: string,
	) {
		super(message)
		this.name = 'MailDeliveryError'
	}
}

// The API key is wrong or lacks rights: every message would fail the same way until an
// operator fixes the config, so these wait and retry rather than burn each message at once.
const CONFIG_ERRORS = new Set(['missing_api_key', 'invalid_api_key', 'restricted_api_key'])

export function classifyResendError(error: ErrorResponse): MailDeliveryError {
	const status = error.statusCode
	const retryable =
		status === null ||
		status === 429 ||
		status >= 500 ||
		error.name === 'concurrent_idempotent_requests' ||
		CONFIG_ERRORS.has(error.name)
	const prefix = status === null ? error.name : `${status} ${error.name}`
	return new MailDeliveryError(`${prefix}: ${error.message}`, retryable, status, error.name)
}

export interface ResendTransportOptions {
	apiKey: string
	/** RESEND_BASE_URL: tests point it at tests/resend-stub.ts */
	baseUrl?: string
	/** a request that hangs is abandoned and retried later under the same idempotency key */
	timeoutMs?: number
}

export function createResendTransport({ apiKey, baseUrl, timeoutMs = 15_000 }: ResendTransportOptions): MailTransport {
	// The SDK joins baseUrl and the path with no separator.
	const resend = new Resend(apiKey, baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, '') } : undefined)
	return {
		async send(email) {
			const { data, error } = await resend.emails.send(
				{ from: email.from, to: email.to, subject: email.subject, html: email.html, text: email.text },
				{ idempotencyKey: email.idempotencyKey, signal: AbortSignal.timeout(timeoutMs) },
			)
			if (error) throw classifyResendError(error)
			if (!data?.id) throw new MailDeliveryError('provider accepted the email without an id', true, null, 'no_id')
			return { providerId: data.id }
		},
	}
}
