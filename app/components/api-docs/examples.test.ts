import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse, validate } from 'graphql'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseConfig } from '#app/config.server.ts'
import { createRateLimits } from '#app/rate-limit.server.ts'
import { apiFacts } from '#app/routes/developers/facts.server.ts'
import { signWebhook, verifyWebhookSignature, WEBHOOK_HEADERS } from '#app/webhooks/signature.server.ts'
import { schema } from '#graphql/schema.ts'
import { GRAPHQL_DOCUMENTS, webhookReceiverExample } from './examples.ts'

/**
 * The documentation's code is checked against the API it documents: every GraphQL document
 * against the running schema, and the webhook receiver, compiled from the very text the page
 * shows, against requests signed by the worker's own signing function.
 */

const facts = apiFacts({ config: parseConfig({ APP_URL: 'http://portal.test' }), limits: createRateLimits() })

describe('GraphQL examples', () => {
	test.each(Object.entries(GRAPHQL_DOCUMENTS))('%s is valid against the schema', (_name, document) => {
		expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([])
	})
})

interface ReceiverModule {
	verifyWebhook(secret: string, headers: Record<string, string | undefined>, rawBody: string, now?: number): boolean
	receiver: Server
	received: Array<{ id: string; type: string }>
}

describe('the webhook receiver example', () => {
	const secret = 'whsec_abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst'
	let dir: string
	let example: ReceiverModule
	let url: string

	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'api-docs-'))
		const file = path.join(dir, 'webhook-receiver.ts')
		await writeFile(file, webhookReceiverExample(facts.webhooks))
		example = (await import(/* @vite-ignore */ file)) as ReceiverModule
		await new Promise<void>((resolve) => example.receiver.listen(0, '127.0.0.1', resolve))
		url = `http://127.0.0.1:${(example.receiver.address() as AddressInfo).port}/hooks`
		process.env.WEBHOOK_SECRET = secret
	})
	afterAll(async () => {
		delete process.env.WEBHOOK_SECRET
		await new Promise((resolve) => example?.receiver.close(resolve))
		await rm(dir, { recursive: true, force: true })
	})

	/** A delivery as the worker signs it (app/webhooks/worker.server.ts), with changes. */
	function delivery(id: string, over: { body?: string; timestamp?: number; signature?: string } = {}) {
		const body = JSON.stringify({ id, type: 'complaint.created', createdAt: new Date().toISOString(), data: {} })
		const timestamp = over.timestamp ?? Math.floor(Date.now() / 1000)
		return {
			body: over.body ?? body,
			headers: {
				'content-type': 'application/json',
				[WEBHOOK_HEADERS.id]: id,
				[WEBHOOK_HEADERS.event]: 'complaint.created',
				[WEBHOOK_HEADERS.timestamp]: String(timestamp),
				[WEBHOOK_HEADERS.signature]: over.signature ?? signWebhook(secret, timestamp, body),
			},
		}
	}
	const send = async (request: ReturnType<typeof delivery>) => (await fetch(url, { method: 'POST', ...request })).status

	test('accepts what the worker signs, once per delivery id, and refuses anything altered, late or signed with another secret', async () => {
		expect(await send(delivery('d-1'))).toBe(204)
		expect(await send(delivery('d-1'))).toBe(204)
		expect(example.received.map((e) => e.id)).toEqual(['d-1'])

		const tampered = delivery('d-2')
		expect(await send({ ...tampered, body: tampered.body.replace('complaint.created', 'complaint.closed') })).toBe(401)
		const old = Math.floor(Date.now() / 1000) - facts.webhooks.toleranceSeconds - 5
		expect(await send(delivery('d-3', { timestamp: old }))).toBe(401)
		const future = Math.floor(Date.now() / 1000) + facts.webhooks.toleranceSeconds + 5
		expect(await send(delivery('d-4', { timestamp: future }))).toBe(401)
		const body = '{"id":"d-5"}'
		const now = Math.floor(Date.now() / 1000)
		expect(await send(delivery('d-5', { body, signature: signWebhook(`${secret}x`, now, body) }))).toBe(401)
		expect(await send(delivery('d-6', { signature: '' }))).toBe(401)
		// during a rotation the old secret's signature comes first
		const rotating = delivery('d-7')
		const timestamp = Number(rotating.headers[WEBHOOK_HEADERS.timestamp])
		rotating.headers[WEBHOOK_HEADERS.signature] =
			`${signWebhook('whsec_old', timestamp, rotating.body)} ${signWebhook(secret, timestamp, rotating.body)}`
		expect(await send(rotating)).toBe(204)
		expect(example.received.map((e) => e.id)).toEqual(['d-1', 'd-7'])
	})

	test('decides as the portal’s own verifier does', () => {
		const now = Date.now()
		const timestamp = Math.floor(now / 1000)
		const body = '{"id":"x","type":"ping","createdAt":"2026-11-23T00:00:00.000Z","data":{}}'
		const good = signWebhook(secret, timestamp, body)
		const tolerance = facts.webhooks.toleranceSeconds
		const cases: Array<{ timestamp: string; signature: string; body: string; secret: string }> = [
			{ timestamp: String(timestamp), signature: good, body, secret },
			{ timestamp: String(timestamp), signature: good, body: `${body} `, secret },
			{ timestamp: String(timestamp + 1), signature: good, body, secret },
			{
				timestamp: String(timestamp - tolerance + 1),
				signature: signWebhook(secret, timestamp - tolerance + 1, body),
				body,
				secret,
			},
			{
				timestamp: String(timestamp - tolerance - 1),
				signature: signWebhook(secret, timestamp - tolerance - 1, body),
				body,
				secret,
			},
			{ timestamp: 'soon', signature: good, body, secret },
			{ timestamp: String(timestamp), signature: good.toUpperCase(), body, secret },
			{ timestamp: String(timestamp), signature: good, body, secret: 'whsec_other' },
		]
		for (const c of cases) {
			const headers = { [WEBHOOK_HEADERS.timestamp]: c.timestamp, [WEBHOOK_HEADERS.signature]: c.signature }
			expect(example.verifyWebhook(c.secret, headers, c.body, now), JSON.stringify(c)).toBe(
				verifyWebhookSignature({ ...c }, { now }),
			)
		}
		expect(
			example.verifyWebhook(
				secret,
				{ [WEBHOOK_HEADERS.timestamp]: String(timestamp), [WEBHOOK_HEADERS.signature]: good },
				body,
				now,
			),
		).toBe(true)
	})
})
