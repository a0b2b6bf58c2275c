import { createHash, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A fake of Resend's HTTP API, just enough of it for the real `resend` SDK to send email:
 * `POST /emails` with the bearer key, the `Idempotency-Key` header and Resend's error shape
 * (`{ statusCode, name, message }`). It records what it accepted, so tests and Playwright
 * can read the mail, and it can be told to fail, to check that the outbox loses nothing
 * and sends nothing twice.
 */
export interface StubEmail {
	id: string
	from: string
	to: string[]
	subject: string
	html: string | undefined
	text: string | undefined
	idempotencyKey: string | null
	receivedAt: string
}

/** Every `POST /emails`, in order, with the status it was answered with. */
export interface StubRequest {
	idempotencyKey: string | null
	to: string[]
	status: number
}

export interface FailureOptions {
	/** the status to answer with; 500 unless given */
	status?: number
	/**
	 * Accept and record the email, then answer with the failure anyway: the provider sent it
	 * but the response was lost. A retry with the same idempotency key gets the original id.
	 */
	afterAccepting?: boolean
}

export interface ResendStub {
	/** the base URL to give the SDK (RESEND_BASE_URL) */
	readonly url: string
	readonly apiKey: string
	/** emails accepted, each once however often it was retried */
	readonly messages: readonly StubEmail[]
	readonly requests: readonly StubRequest[]
	/** requests to anything but the API this fakes: a test should expect none */
	readonly unexpected: readonly string[]
	/** the latest email to this address, if any */
	readEmail(to: string): StubEmail | undefined
	/** answers the next `count` sends with a failure */
	failNext(count: number, options?: FailureOptions): void
	/** answers every send with a failure until `recover()` */
	failUntilRecovered(options?: FailureOptions): void
	recover(): void
	/** waits this long before answering each send, so that concurrent senders overlap */
	setLatency(ms: number): void
	/** forgets all messages, requests, idempotency keys and failures */
	reset(): void
	close(): Promise<void>
}

interface StoredResponse {
	bodyHash: string
	id: string
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/
const NAMED_EMAIL = /^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/

function sameAddress(a: string, b: string) {
	const bare = (s: string) => (s.match(/<([^>]+)>/)?.[1] ?? s).trim().toLowerCase()
	return bare(a) === bare(b)
}

function send(res: ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'Content-Type': 'application/json' })
	res.end(JSON.stringify(body))
}

function resendError(res: ServerResponse, status: number, name: string, message: string) {
	send(res, status, { statusCode: status, name, message })
}

function failureName(status: number) {
	if (status === 429) return 'rate_limit_exceeded'
	if (status >= 500) return 'internal_server_error'
	return status === 422 ? 'validation_error' : 'application_error'
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = []
	for await (const chunk of req) chunks.push(chunk as Buffer)
	return Buffer.concat(chunks).toString('utf8')
}

export async function startResendStub({
	apiKey = 're_test_stub_key',
	port = 0,
}: { apiKey?: string; port?: number } = {}): Promise<ResendStub> {
	let messages: StubEmail[] = []
	let requests: StubRequest[] = []
	let unexpected: string[] = []
	let idempotent = new Map<string, StoredResponse>()
	let failures = 0
	let failure: Required<FailureOptions> = { status: 500, afterAccepting: false }
	let latencyMs = 0

	const findEmails = (to: string | null) =>
		to ? messages.filter((m) => m.to.some((t) => sameAddress(t, to))) : messages

	async function handleSend(req: IncomingMessage, res: ServerResponse) {
		const auth = req.headers.authorization
		if (!auth) return resendError(res, 401, 'missing_api_key', 'Missing API key in the authorization header.')
		if (auth !== `Bearer ${apiKey}`) return resendError(res, 403, 'invalid_api_key', 'API key is invalid.')

		const raw = await readBody(req)
		let body: Record<string, unknown>
		try {
			body = JSON.parse(raw) as Record<string, unknown>
		} catch {
			return resendError(res, 400, 'validation_error', 'The request body is not valid JSON.')
		}
		const headerKey = req.headers['idempotency-key']
		const key = typeof headerKey === 'string' ? headerKey : null
		const to = (Array.isArray(body.to) ? body.to : [body.to]).filter((t): t is string => typeof t === 'string')
		const answer = (status: number, respond: () => void) => {
			requests.push({ idempotencyKey: key, to, status })
			if (latencyMs > 0) setTimeout(respond, latencyMs)
			else respond()
		}

		if (key !== null && (key.length < 1 || key.length > 256)) {
			return answer(400, () => resendError(res, 400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.'))
		}
		const failing = failures > 0
		if (failing) failures--
		if (failing && !failure.afterAccepting) {
			const { status } = failure
			return answer(status, () => resendError(res, status, failureName(status), 'Injected failure.'))
		}

		const bodyHash = createHash('sha256').update(raw).digest('hex')
		const stored = key === null ? undefined : idempotent.get(key)
		if (stored && stored.bodyHash !== bodyHash) {
			return answer(409, () =>
				resendError(
					res,
					409,
					'invalid_idempotent_request',
					'Same idempotency key used with a different request payload.',
				),
			)
		}
		if (stored) {
			if (failing)
				return answer(failure.status, () =>
					resendError(res, failure.status, failureName(failure.status), 'Injected failure.'),
				)
			return answer(200, () => send(res, 200, { id: stored.id }))
		}

		const problem =
			typeof body.from !== 'string' || !(EMAIL.test(body.from) || NAMED_EMAIL.test(body.from))
				? 'Invalid `from` field.'
				: to.length === 0 || to.some((t) => !(EMAIL.test(t) || NAMED_EMAIL.test(t)))
					? 'Invalid `to` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.'
					: typeof body.subject !== 'string' || body.subject === ''
						? 'Missing `subject` field.'
						: typeof body.html !== 'string' && typeof body.text !== 'string'
							? 'Missing `html` or `text` field.'
							: null
		if (problem) return answer(422, () => resendError(res, 422, 'validation_error', problem))

		const email: StubEmail = {
			id: randomUUID(),
			from: body.from as string,
			to,
			subject: body.subject as string,
			html: typeof body.html === 'string' ? body.html : undefined,
			text: typeof body.text === 'string' ? body.text : undefined,
			idempotencyKey: key,
			receivedAt: new Date().toISOString(),
		}
		messages.push(email)
		if (key !== null) idempotent.set(key, { bodyHash, id: email.id })
		if (failing) {
			const { status } = failure
			return answer(status, () => resendError(res, status, failureName(status), 'Injected failure after accepting.'))
		}
		return answer(200, () => send(res, 200, { id: email.id }))
	}

	const stub: ResendStub = {
		url: '',
		apiKey,
		get messages() {
			return messages
		},
		get requests() {
			return requests
		},
		get unexpected() {
			return unexpected
		},
		readEmail: (to) => findEmails(to).at(-1),
		failNext(count, options = {}) {
			failures = count
			failure = { status: options.status ?? 500, afterAccepting: options.afterAccepting ?? false }
		},
		failUntilRecovered(options = {}) {
			stub.failNext(Number.POSITIVE_INFINITY, options)
		},
		recover() {
			failures = 0
		},
		setLatency(ms) {
			latencyMs = ms
		},
		reset() {
			messages = []
			requests = []
			unexpected = []
			idempotent = new Map()
			failures = 0
			latencyMs = 0
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()))
				server.closeAllConnections()
			}),
	}

	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://stub')
		const route = `${req.method} ${url.pathname}`
		const handled =
			route === 'POST /emails'
				? handleSend(req, res)
				: route === 'GET /_stub/emails'
					? send(res, 200, findEmails(url.searchParams.get('to')))
					: route === 'POST /_stub/reset'
						? (stub.reset(), send(res, 200, { ok: true }))
						: (unexpected.push(route), resendError(res, 404, 'not_found', `The stub does not implement ${route}.`))
		Promise.resolve(handled).catch((error: unknown) => {
			resendError(res, 500, 'internal_server_error', String(error))
		})
	})
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject)
		server.listen(port, '127.0.0.1', resolve)
	})
	const { port: actual } = server.address() as AddressInfo
	Object.assign(stub, { url: `http://127.0.0.1:${actual}` })
	return stub
}
