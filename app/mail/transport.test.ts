import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import { startResendStub, type ResendStub } from '#tests/resend-stub.ts'
import { classifyResendError, createResendTransport, MailDeliveryError } from './transport.server.ts'

let stub: ResendStub
beforeAll(async () => {
	stub = await startResendStub()
})
afterAll(() => stub.close())
beforeEach(() => {
	expect(stub.unexpected).toEqual([])
	stub.reset()
})

const email = {
	from: '售后服务 After-sales <service@example.com>',
	to: 'fang@example.com',
	subject: '请验证您的邮箱地址',
	html: '<p>hi</p>',
	text: 'hi',
	idempotencyKey: 'key-1',
}

async function failureOf(promise: Promise<unknown>): Promise<MailDeliveryError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e,
	)
	expect(error).toBeInstanceOf(MailDeliveryError)
	return error as MailDeliveryError
}

test('sends through the real SDK with the bearer key and the idempotency key', async () => {
	const transport = createResendTransport({ apiKey: stub.apiKey, baseUrl: `${stub.url}/` })
	const { providerId } = await transport.send(email)
	expect(stub.messages).toEqual([
		expect.objectContaining({
			id: providerId,
			from: email.from,
			to: [email.to],
			subject: email.subject,
			idempotencyKey: 'key-1',
		}),
	])
	// a repeat under the same key is dropped by the provider and answered with the same id
	expect(await transport.send(email)).toEqual({ providerId })
	expect(stub.messages).toHaveLength(1)
})

test('a wrong API key fails, and is retried rather than dropping the email', async () => {
	const error = await failureOf(createResendTransport({ apiKey: 're_wrong', baseUrl: stub.url }).send(email))
	expect(error).toMatchObject({ statusCode: 403, code: 'invalid_api_key', retryable: true })
	expect(stub.messages).toHaveLength(0)
})

test('a rejected message is a permanent failure', async () => {
	const error = await failureOf(
		createResendTransport({ apiKey: stub.apiKey, baseUrl: stub.url }).send({ ...email, to: 'not an address' }),
	)
	expect(error).toMatchObject({ statusCode: 422, code: 'validation_error', retryable: false })
})

test('server errors, rate limits and hung requests are retryable', async () => {
	const transport = createResendTransport({ apiKey: stub.apiKey, baseUrl: stub.url, timeoutMs: 200 })
	stub.failNext(1)
	expect(await failureOf(transport.send(email))).toMatchObject({ statusCode: 500, retryable: true })
	stub.failNext(1, { status: 429 })
	expect(await failureOf(transport.send(email))).toMatchObject({ statusCode: 429, retryable: true })
	stub.setLatency(1_000)
	expect(await failureOf(transport.send(email))).toMatchObject({ statusCode: null, retryable: true })
})

test('an unreachable provider is retryable', async () => {
	const error = await failureOf(createResendTransport({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9' }).send(email))
	expect(error).toMatchObject({ statusCode: null, retryable: true })
})

test.each([
	[400, 'validation_error', false],
	[422, 'invalid_parameter', false],
	[409, 'invalid_idempotent_request', false],
	[409, 'concurrent_idempotent_requests', true],
	[401, 'missing_api_key', true],
	[429, 'daily_quota_exceeded', true],
	[500, 'internal_server_error', true],
	[503, 'application_error', true],
] as const)('%i %s: retryable %s', (statusCode, name, retryable) => {
	expect(classifyResendError({ statusCode, name, message: 'x' }).retryable).toBe(retryable)
})
