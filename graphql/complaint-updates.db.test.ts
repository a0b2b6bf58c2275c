import { encodeGlobalID } from '@pothos/plugin-relay'
import type { ServerBuild } from '@remix-run/node'
import { createClient } from 'graphql-sse'
import { Redis } from 'ioredis'
import { once } from 'node:events'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createSession, invalidateUserSessions, SESSION_COOKIE } from '#app/auth/session.server.ts'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { createComplaintUpdates } from '#app/complaints/updates.server.ts'
import { parseConfig } from '#app/config.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { createApiToken, revokeApiToken } from '#app/domain/api-tokens/tokens.ts'
import { addNote } from '#app/domain/complaints/notes.ts'
import type { ComplaintDeps } from '#app/domain/complaints/ports.ts'
import { replyToCustomer, startInvestigation, writeToCustomer } from '#app/domain/complaints/staff-actions.ts'
import { viewerFromUser } from '#app/domain/viewer.ts'
import type { ApiTokenScope } from '#app/generated/prisma/enums.ts'
import { createLogger } from '#app/logger.server.ts'
import { createRateLimits } from '#app/rate-limit.server.ts'
import { closeGracefully, createHttpApp } from '#app/server/http.server.ts'
import type { AppServices } from '#app/server/services.server.ts'
import { investigatingComplaint, seedApprovalWorld, type ApprovalWorld, type Person } from '#tests/approval-fixtures.ts'
import { createTestStorage } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { CSRF_HEADER } from './plugins/csrf-prevention.ts'
import { createGraphQLHandler } from './yoga.ts'

/**
 * `complaintUpdated` over Server-Sent Events, end to end: the Node server's Express app (its
 * compression and logging in front) on a real port, the `graphql-sse` client, changes made by
 * the domain commands through the app's deps, and announcements in memory or through Redis.
 */

let database: Database
let world: ApprovalWorld
/** a dealer in the west: sells none of the east's orders */
let otherDealer: Person
let instance: Instance

const FOLLOW = /* GraphQL */ `
	subscription Follow($id: ID) {
		complaintUpdated(id: $id) {
			complaint {
				id
				status
			}
			event {
				type
				toStatus
				visibility
			}
		}
	}
`

interface Instance {
	services: AppServices
	url: string
	server: Server
	deps: ComplaintDeps
	close(): Promise<void>
}

// Remix is never reached: every request here goes to a mount ahead of it.
const NO_REMIX = { routes: {}, entry: { module: {} }, assets: {}, future: {} } as unknown as ServerBuild

/** One instance of the Node server, as start.server.ts assembles it, on a free port. */
async function startInstance(
	options: {
		redisUrl?: string
		channel?: string
		now?: () => number
		raw?: Parameters<typeof createHttpApp>[0]['mounts']
	} = {},
): Promise<Instance> {
	const logger = createLogger('silent')
	const limits = createRateLimits({ queryCost: { now: options.now } })
	const complaintUpdates = createComplaintUpdates({ redisUrl: options.redisUrl, channel: options.channel, logger })
	const services: AppServices = {
		config: parseConfig({ NODE_ENV: 'production', APP_URL: 'http://portal.test' }),
		db: database,
		logger,
		limits,
		storage: createTestStorage(),
		complaintUpdates,
	}
	const yoga = createGraphQLHandler(services)
	const app = createHttpApp({
		services,
		build: NO_REMIX,
		mounts: [...(options.raw ?? []), { path: '/graphql', handler: (req, res) => yoga(req, res) }],
	})
	const server = app.listen(0, '127.0.0.1')
	await once(server, 'listening')
	const { port } = server.address() as AddressInfo
	return {
		services,
		url: `http://127.0.0.1:${port}`,
		server,
		deps: complaintDeps(services),
		async close() {
			if (server.listening) await closeGracefully(server, { endStreams: () => complaintUpdates.endSubscriptions() })
			await complaintUpdates.close()
			await limits.close()
		},
	}
}

beforeAll(async () => {
	database = await createTestDatabase()
	world = await seedApprovalWorld(database.prisma)
	const west = await database.prisma.organization.create({
		data: {
			kind: 'DEALER',
			code: `DEALER-W-${crypto.randomUUID().slice(0, 8)}`,
			name: 'West dealer',
			regionId: world.west.id,
		},
	})
	const user = await database.prisma.user.create({
		data: {
			email: `west-dealer-${crypto.randomUUID().slice(0, 8)}@example.com`,
			name: '西区经销商',
			kind: 'DEALER',
			organizationId: west.id,
			passwordHash: 'not-a-hash',
			emailVerifiedAt: new Date(),
		},
		include: { organization: true },
	})
	otherDealer = { id: user.id, email: user.email, name: user.name, viewer: viewerFromUser(user) }
	instance = await startInstance()
})
afterAll(async () => {
	await instance?.close()
	await database?.close()
})

type Auth = { cookie: string } | { bearer: string } | null

async function cookieOf(person: Person): Promise<Auth> {
	const { token } = await createSession(database.prisma, { id: person.id, kind: person.viewer.kind })
	return { cookie: `${SESSION_COOKIE}=${token}` }
}

async function tokenOf(person: Person, scopes: ApiTokenScope[] = ['READ_COMPLAINTS']): Promise<Auth> {
	const { secret } = await createApiToken(database.prisma, person.viewer, {
		name: `updates ${crypto.randomUUID()}`,
		scopes,
		expiresInDays: 30,
	})
	return { bearer: secret }
}

const headersOf = (auth: Auth): Record<string, string> =>
	auth === null ? {} : 'cookie' in auth ? { cookie: auth.cookie } : { authorization: `Bearer ${auth.bearer}` }

interface Update {
	complaint: { id: string; status: string }
	event: { type: string; toStatus: string | null; visibility: string }
}

/** A subscription through the graphql-sse client, collecting what arrives as it arrives. */
function follow(on: Instance, auth: Auth, variables: { id?: string } = {}) {
	const client = createClient({
		url: `${on.url}/graphql`,
		singleConnection: false,
		retryAttempts: 0,
		headers: headersOf(auth),
	})
	const iterator = client.iterate<{ complaintUpdated: Update }>({ query: FOLLOW, variables })
	const received: Update[] = []
	const errors: unknown[] = []
	let ended = false
	const reading = (async () => {
		try {
			for await (const result of iterator) {
				if (result.errors) errors.push(...result.errors)
				if (result.data) received.push(result.data.complaintUpdated)
			}
		} catch (error) {
			errors.push(error)
		} finally {
			ended = true
		}
	})()
	return {
		received,
		errors,
		get ended() {
			return ended
		},
		async stop() {
			await iterator.return?.()
			await reading
			client.dispose()
		},
	}
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 10_000) {
	const deadline = Date.now() + ms
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
		await new Promise((resolve) => setTimeout(resolve, 20))
	}
}

/** Waits until the server has `count` subscriptions listening, so that no change made next is missed. */
const listening = (on: Instance, count: number) =>
	until(() => on.services.complaintUpdates.openSubscriptions() === count, `${count} subscriptions`)

const gid = (id: string) => encodeGlobalID('Complaint', id)
const update = (complaintId: string, status: string, type: string, toStatus: string | null, visibility = 'PUBLIC') => ({
	complaint: { id: gid(complaintId), status },
	event: { type, toStatus, visibility },
})

/** A complaint of `customer` (the fixture's own by default) on an order `dealerId` sold. */
async function complaintOf(customer: Person = world.customer, dealerId: string = world.dealerOrg.id) {
	const complaint = await investigatingComplaint(database.prisma, world, {
		category: 'HANDLING_DAMAGE',
		status: 'SUBMITTED',
		responsibility: null,
	})
	if (customer.id === world.customer.id && dealerId === world.dealerOrg.id) return complaint
	const regionId = dealerId === world.dealerOrg.id ? world.east.id : world.west.id
	await database.prisma.order.update({
		where: { id: complaint.orderId },
		data: { customerId: customer.id, customerEmail: customer.email, dealerId, regionId },
	})
	return database.prisma.complaint.update({
		where: { id: complaint.id },
		data: { customerId: customer.id, filedById: customer.id, dealerId, regionId },
	})
}

/** Reads a whole, finished SSE answer: its status, headers and `next` payloads. */
async function sse(
	on: Instance,
	init: { method?: string; headers?: Record<string, string>; body?: string; query?: string },
) {
	const url = new URL(`${on.url}/graphql`)
	if (init.query) url.searchParams.set('query', init.query)
	const response = await fetch(url, {
		method: init.method ?? 'POST',
		headers: { accept: 'text/event-stream', ...init.headers },
		body: init.body,
	})
	const text = await response.text()
	const payloads = text
		.split('\n\n')
		.filter((block) => block.startsWith('event: next'))
		.map(
			(block) =>
				JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { errors?: Array<{ extensions?: { code?: string } }> },
		)
	return { response, payloads }
}

describe('complaintUpdated', () => {
	test('each follower receives the changes they may read, in order, with the complaint as it is now', async () => {
		const mine = await complaintOf()
		const theirs = await complaintOf(world.otherCustomer, otherDealer.viewer.organizationId!)
		const customer = follow(instance, await cookieOf(world.customer), { id: gid(mine.id) })
		const dealer = follow(instance, await tokenOf(world.dealer))
		const agent = follow(instance, await cookieOf(world.agent))
		const otherCustomer = follow(instance, await cookieOf(world.otherCustomer))
		const westDealer = follow(instance, await tokenOf(otherDealer))
		const followers = [customer, dealer, agent, otherCustomer, westDealer]
		await listening(instance, followers.length)
		try {
			const { deps } = instance
			// each change waits for the updates it causes, so that each shows the complaint as of that change
			const delivered = (...expected: Array<[ReturnType<typeof follow>, number]>) =>
				until(() => expected.every(([f, count]) => f.received.length >= count), 'the updates')
			await writeToCustomer(deps, world.agent.viewer, mine.id, { body: '已收到，我们会尽快处理。' })
			await delivered([agent, 1], [customer, 1], [dealer, 1])
			await addNote(deps, world.agent.viewer, mine.id, { body: '内部：先查物流记录。', visibility: 'INTERNAL' })
			await delivered([agent, 2])
			await startInvestigation(deps, world.agent.viewer, mine.id)
			await delivered([agent, 3], [customer, 2], [dealer, 2])
			await addNote(deps, world.dealer.viewer, mine.id, { body: '经销商：已联系客户。', visibility: 'PARTNER' })
			await delivered([agent, 4], [dealer, 3])
			await writeToCustomer(deps, world.agent.viewer, theirs.id, { body: '已收到。' })
			await delivered([agent, 5], [otherCustomer, 1], [westDealer, 1])
			await replyToCustomer(deps, world.agent.viewer, mine.id, { body: '工程师明天上门。' })
			await delivered([agent, 6], [customer, 3], [dealer, 4])
			await replyToCustomer(deps, world.agent.viewer, theirs.id, { body: '请耐心等待。' })
			await delivered([agent, 7], [otherCustomer, 2], [westDealer, 2])
			await replyToCustomer(deps, world.agent.viewer, mine.id, { body: '已安排。' })
			await delivered([agent, 8], [customer, 4], [dealer, 5])

			// staff hear of everything, internal notes and other customers' complaints included
			expect(agent.received.map((u) => [u.complaint.id, u.event.type, u.event.visibility])).toEqual([
				[gid(mine.id), 'acknowledged', 'PUBLIC'],
				[gid(mine.id), 'note', 'INTERNAL'],
				[gid(mine.id), 'status_changed', 'PUBLIC'],
				[gid(mine.id), 'note', 'PARTNER'],
				[gid(theirs.id), 'acknowledged', 'PUBLIC'],
				[gid(mine.id), 'reply', 'PUBLIC'],
				[gid(theirs.id), 'reply', 'PUBLIC'],
				[gid(mine.id), 'reply', 'PUBLIC'],
			])
			// the customer: neither note (had either come, it would stand before the status change), and
			// each update shows the complaint as it then was, not as an earlier update cached it
			expect(customer.received).toEqual([
				update(mine.id, 'ACKNOWLEDGED', 'acknowledged', 'ACKNOWLEDGED'),
				update(mine.id, 'INVESTIGATING', 'status_changed', 'INVESTIGATING'),
				update(mine.id, 'INVESTIGATING', 'reply', null),
				update(mine.id, 'INVESTIGATING', 'reply', null),
			])
			// the dealer who sold the order: the partner note but not the internal one, nothing of the west
			expect(dealer.received).toEqual([
				update(mine.id, 'ACKNOWLEDGED', 'acknowledged', 'ACKNOWLEDGED'),
				update(mine.id, 'INVESTIGATING', 'status_changed', 'INVESTIGATING'),
				update(mine.id, 'INVESTIGATING', 'note', null, 'PARTNER'),
				update(mine.id, 'INVESTIGATING', 'reply', null),
				update(mine.id, 'INVESTIGATING', 'reply', null),
			])
			// another customer and another dealer hear of their own complaint only
			for (const other of [otherCustomer, westDealer])
				expect(other.received).toEqual([
					update(theirs.id, 'ACKNOWLEDGED', 'acknowledged', 'ACKNOWLEDGED'),
					update(theirs.id, 'ACKNOWLEDGED', 'reply', null),
				])
			for (const f of followers) expect(f.errors).toEqual([])
		} finally {
			await Promise.all(followers.map((f) => f.stop()))
		}
		await listening(instance, 0)
	})

	test('a change that rolls back is never sent; the next one that commits is', async () => {
		const complaint = await complaintOf()
		const agent = follow(instance, await cookieOf(world.agent), { id: gid(complaint.id) })
		await listening(instance, 1)
		try {
			const failing: ComplaintDeps = {
				...instance.deps,
				notifier: {
					...instance.deps.notifier,
					publicChange: async () => {
						throw new Error('outbox unavailable')
					},
				},
			}
			await expect(writeToCustomer(failing, world.agent.viewer, complaint.id, { body: '回复' })).rejects.toThrow(
				'outbox unavailable',
			)
			await addNote(instance.deps, world.agent.viewer, complaint.id, { body: '内部备注', visibility: 'INTERNAL' })
			await until(() => agent.received.length >= 1, 'the note')
			expect(agent.received).toEqual([update(complaint.id, 'SUBMITTED', 'note', null, 'INTERNAL')])
		} finally {
			await agent.stop()
		}
	})

	test('a complaint the viewer may not see, or none at all: the stream ends at once, empty', async () => {
		const complaint = await complaintOf()
		for (const [auth, id] of [
			[await cookieOf(world.otherCustomer), gid(complaint.id)],
			[await tokenOf(otherDealer), gid(complaint.id)],
			[await cookieOf(world.customer), gid('no-such-complaint')],
		] as const) {
			const follower = follow(instance, auth, { id })
			await until(() => follower.ended, 'the stream to end')
			expect(follower.received).toEqual([])
			expect(follower.errors).toEqual([])
		}
		// the customer's own complaint, by contrast, is followed
		const own = follow(instance, await cookieOf(world.customer), { id: gid(complaint.id) })
		await listening(instance, 1)
		expect(own.ended).toBe(false)
		await own.stop()
	})

	test('signing out, or revoking the token, ends the subscription at its next update', async () => {
		const complaint = await complaintOf()
		const { token } = await createSession(database.prisma, { id: world.customer.id, kind: 'CUSTOMER' })
		const customer = follow(instance, { cookie: `${SESSION_COOKIE}=${token}` }, { id: gid(complaint.id) })
		const created = await createApiToken(database.prisma, world.dealer.viewer, {
			name: `revoked ${crypto.randomUUID()}`,
			scopes: ['READ_COMPLAINTS'],
			expiresInDays: 30,
		})
		const dealer = follow(instance, { bearer: created.secret })
		const followers = [customer, dealer]
		try {
			await listening(instance, 2)
			await writeToCustomer(instance.deps, world.agent.viewer, complaint.id, { body: '已收到。' })
			await until(() => followers.every((f) => f.received.length === 1), 'the first update')
			await invalidateUserSessions(database.prisma, world.customer.id)
			await revokeApiToken(database.prisma, world.dealer.viewer, created.token.id)
			await startInvestigation(instance.deps, world.agent.viewer, complaint.id)
			await until(() => followers.every((f) => f.ended), 'both streams to end')
			for (const f of followers) {
				expect(f.received).toHaveLength(1)
				expect(f.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })])
			}
			await listening(instance, 0)
		} finally {
			await Promise.all(followers.map((f) => f.stop()))
		}
	})

	test('anonymous callers and tokens without READ_COMPLAINTS are refused with typed errors', async () => {
		const body = JSON.stringify({ query: FOLLOW })
		const json = { 'content-type': 'application/json' }
		const anonymous = await sse(instance, { headers: json, body })
		expect(anonymous.response.status).toBe(401)
		expect(anonymous.payloads.map((p) => p.errors?.[0]?.extensions?.code)).toEqual(['UNAUTHENTICATED'])

		const webhooksOnly = await sse(instance, {
			headers: { ...json, ...headersOf(await tokenOf(world.dealer, ['WEBHOOKS'])) },
			body,
		})
		expect(webhooksOnly.response.status).toBe(403)
		expect(webhooksOnly.payloads.map((p) => p.errors?.[0]?.extensions?.code)).toEqual(['FORBIDDEN'])

		const unknownToken = await sse(instance, { headers: { ...json, authorization: 'Bearer cpt_nonsense' }, body })
		expect(unknownToken.response.status).toBe(401)
		expect(instance.services.complaintUpdates.openSubscriptions()).toBe(0)
	})

	test('a GET with a session cookie needs the CSRF header; with it, the stream opens', async () => {
		const cookie = await cookieOf(world.customer)
		const refused = await sse(instance, { method: 'GET', query: FOLLOW, headers: headersOf(cookie) })
		expect(refused.response.status).toBe(403)
		expect(refused.payloads.map((p) => p.errors?.[0]?.extensions?.code)).toEqual(['CSRF_PREVENTION'])
		expect(instance.services.complaintUpdates.openSubscriptions()).toBe(0)

		const url = new URL(`${instance.url}/graphql`)
		url.searchParams.set('query', FOLLOW)
		const controller = new AbortController()
		const response = await fetch(url, {
			headers: { accept: 'text/event-stream', [CSRF_HEADER]: '1', ...headersOf(cookie) },
			signal: controller.signal,
		})
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toBe('text/event-stream')
		await listening(instance, 1)
		controller.abort()
		await listening(instance, 0)
	})

	test('through Express: not compressed, each update flushed as it happens', async () => {
		const complaint = await complaintOf()
		const controller = new AbortController()
		const response = await fetch(`${instance.url}/graphql`, {
			method: 'POST',
			headers: {
				accept: 'text/event-stream',
				'accept-encoding': 'gzip, deflate, br',
				'content-type': 'application/json',
				...headersOf(await cookieOf(world.customer)),
			},
			body: JSON.stringify({ query: FOLLOW, variables: { id: gid(complaint.id) } }),
			signal: controller.signal,
		})
		expect(response.headers.get('content-encoding')).not.toMatch(/gzip|deflate|br/)
		await listening(instance, 1)
		await writeToCustomer(instance.deps, world.agent.viewer, complaint.id, { body: '已收到。' })
		const reader = response.body!.getReader()
		let text = ''
		while (!text.includes('event: next')) {
			const chunk = await reader.read()
			if (chunk.done) break
			text += new TextDecoder().decode(chunk.value)
		}
		expect(text).toContain('"type":"acknowledged"')
		controller.abort()
		await listening(instance, 0)
	})

	test('the compression in front passes any event stream through unbuffered', async () => {
		// an event stream that, unlike Yoga's, does not mark itself with Content-Encoding
		let finish = () => {}
		const raw = await startInstance({
			raw: [
				{
					path: '/raw-stream',
					handler: (_req, res) => {
						res.writeHead(200, { 'Content-Type': 'text/event-stream' })
						res.write(`data: ${'x'.repeat(2000)}\n\n`)
						finish = () => res.end()
					},
				},
			],
		})
		try {
			const response = await fetch(`${raw.url}/raw-stream`, { headers: { 'accept-encoding': 'gzip' } })
			expect(response.headers.get('content-encoding')).toBeNull()
			const first = await response.body!.getReader().read()
			expect(new TextDecoder().decode(first.value)).toMatch(/^data: x+/)
			finish()
		} finally {
			await raw.close()
		}
	})

	test('the query cost is charged once, when the subscription starts; updates cost nothing more', async () => {
		const at = Date.now()
		const fixed = await startInstance({ now: () => at })
		const complaint = await complaintOf()
		const buckets = fixed.services.limits.queryCost
		const key = `user:${world.agent.id}`
		const before = (await buckets.take(key, 0)).available
		const agent = follow(fixed, await cookieOf(world.agent), { id: gid(complaint.id) })
		try {
			await listening(fixed, 1)
			await writeToCustomer(fixed.deps, world.agent.viewer, complaint.id, { body: '已收到。' })
			await startInvestigation(fixed.deps, world.agent.viewer, complaint.id)
			await until(() => agent.received.length >= 2, 'two updates')
			// complaintUpdated, its complaint and its event: one point each
			expect(before - (await buckets.take(key, 0)).available).toBe(3)
		} finally {
			await agent.stop()
			await fixed.close()
		}
	})

	test('the query limits apply to subscriptions', async () => {
		const aliases = Array.from({ length: 16 }, (_, i) => `e${i}: event { type }`).join(' ')
		const { response, payloads } = await sse(instance, {
			headers: { 'content-type': 'application/json', ...headersOf(await cookieOf(world.agent)) },
			body: JSON.stringify({ query: `subscription { complaintUpdated { ${aliases} } }` }),
		})
		// refused before it starts; Yoga answers validation errors on an event stream with 200
		expect(response.headers.get('content-type')).toBe('text/event-stream')
		expect(payloads.map((p) => p.errors?.map((e) => e.extensions?.code))).toEqual([['QUERY_TOO_COMPLEX']])
		expect(instance.services.complaintUpdates.openSubscriptions()).toBe(0)
	})

	test('shutting down ends open streams with `complete`, and the server closes at once', async () => {
		const closing = await startInstance()
		const follower = follow(closing, await cookieOf(world.agent))
		await listening(closing, 1)
		const started = Date.now()
		await closeGracefully(closing.server, { endStreams: () => closing.services.complaintUpdates.endSubscriptions() })
		expect(Date.now() - started).toBeLessThan(2_000)
		await until(() => follower.ended, 'the stream to end')
		expect(follower.errors).toEqual([])
		await follower.stop()
		await closing.close()
	})
})

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379'
const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
const redisUp = await probe.connect().then(
	() => true,
	() => false,
)
probe.disconnect()

// Skipped where no Redis runs, except in CI, where a missing Redis is a broken setup.
describe.skipIf(!redisUp && !process.env['CI'])('complaintUpdated across instances, through Redis', () => {
	test('a subscription on one instance hears of a change made through another; a rollback on it, of nothing', async () => {
		const channel = `test-complaint-updates-${crypto.randomUUID()}`
		const [a, b] = [
			await startInstance({ redisUrl: REDIS_URL, channel }),
			await startInstance({ redisUrl: REDIS_URL, channel }),
		]
		const redis = new Redis(REDIS_URL)
		try {
			const complaint = await complaintOf()
			const customer = follow(a, await cookieOf(world.customer), { id: gid(complaint.id) })
			await listening(a, 1)
			await until(async () => {
				const [, count] = (await redis.pubsub('NUMSUB', channel)) as [string, number]
				return count === 1
			}, 'instance A to subscribe in Redis')
			const failing: ComplaintDeps = {
				...b.deps,
				notifier: {
					...b.deps.notifier,
					publicChange: async () => {
						throw new Error('outbox unavailable')
					},
				},
			}
			await expect(writeToCustomer(failing, world.agent.viewer, complaint.id, { body: '已收到。' })).rejects.toThrow(
				'outbox unavailable',
			)
			await writeToCustomer(b.deps, world.agent.viewer, complaint.id, { body: '已收到。' })
			await until(() => customer.received.length >= 1, 'the update from instance B')
			expect(customer.received).toEqual([update(complaint.id, 'ACKNOWLEDGED', 'acknowledged', 'ACKNOWLEDGED')])
			await customer.stop()
		} finally {
			redis.disconnect()
			await a.close()
			await b.close()
		}
	})
})
