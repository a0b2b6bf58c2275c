import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createComplaintNotifier } from '#app/complaints/notifier.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { fileComplaint } from '#app/domain/complaints/file-complaint.ts'
import { chooseLine, chooseOrder, getDraft, saveDraftStep, startDraft } from '#app/domain/complaints/drafts.ts'
import { addNote } from '#app/domain/complaints/notes.ts'
import type { ComplaintDeps } from '#app/domain/complaints/ports.ts'
import { acknowledgeComplaint, escalateByStaff, startInvestigation } from '#app/domain/complaints/staff-actions.ts'
import { DomainValidationError, InsufficientAuthorityError, NotFoundError } from '#app/domain/errors.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import {
	createWebhookEndpoint,
	listWebhookDeliveries,
	listWebhookEndpoints,
	removeWebhookEndpoint,
	sendTestWebhook,
} from '#app/domain/webhooks/endpoints.ts'
import { complaintNodeId } from '#app/domain/webhooks/partner-events.ts'
import type { WebhookEvent } from '#app/generated/prisma/enums.ts'
import { createI18n } from '#app/i18n/i18n.server.ts'
import { createLogger } from '#app/logger.server.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createOrder, createRegion, createUser } from '#tests/fixtures.ts'
import type { ResolveAll } from './guarded-dispatcher.server.ts'
import { verifyWebhookSignature } from './signature.server.ts'
import { deliverDueWebhooks, MAX_ATTEMPTS, webhookBackoffMs } from './worker.server.ts'

/**
 * Webhooks end to end on a real database and a real HTTP receiver on loopback: the domain commands
 * queue deliveries in their transactions, the worker POSTs them signed, and the receiver checks
 * every signature with the secret the organization was shown once.
 */

const HANG = -1
/** The receivers below listen on 127.0.0.1, which only WEBHOOK_ALLOW_LOOPBACK lets deliveries reach. */
const LOOPBACK = { allowLoopback: true }

interface Received {
	path: string
	headers: IncomingHttpHeaders
	body: string
	verified: boolean
	answered: number
}

/** A webhook receiver: verifies each request against its path's secret, answers from a script. */
class Receiver {
	server: Server
	requests: Received[] = []
	secrets = new Map<string, string>()
	/** per path, the statuses to answer with, in order; 200 when the script is used up */
	script = new Map<string, number[]>()
	/** the receiver's idea of now, for the timestamp check (the worker runs at chosen times) */
	clock = Date.now()
	url = ''

	constructor() {
		this.server = createServer((req, res) => {
			let body = ''
			req.setEncoding('utf8')
			req.on('data', (chunk: string) => (body += chunk))
			req.on('end', () => {
				const path = req.url ?? ''
				const secret = this.secrets.get(path) ?? ''
				const verified = verifyWebhookSignature(
					{
						secret,
						body,
						timestamp: String(req.headers['x-webhook-timestamp'] ?? ''),
						signature: String(req.headers['x-webhook-signature'] ?? ''),
					},
					{ now: this.clock },
				)
				const status = !verified ? 401 : (this.script.get(path)?.shift() ?? 200)
				this.requests.push({ path, headers: req.headers, body, verified, answered: status })
				// HANG: answer only after the worker gave up
				if (status === HANG) return void setTimeout(() => res.writeHead(200).end('late'), 1000)
				const location = status === 302 ? { location: `${this.url}/elsewhere` } : {}
				res.writeHead(status, { 'content-type': 'text/plain', ...location }).end(status === 200 ? 'ok' : 'boom')
			})
		})
	}
	async start() {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
	}
	close() {
		return new Promise<void>((resolve) => this.server.close(() => resolve()))
	}
	bodies(path: string) {
		return this.requests.filter((r) => r.path === path).map((r) => JSON.parse(r.body) as WebhookBody)
	}
}

interface WebhookBody {
	id: string
	type: string
	createdAt: string
	data: Record<string, unknown> & {
		complaint?: { id: string; reference: string; status: string }
		message?: { body: string; visibility: string }
		change?: { from: string; to: string }
	}
}

let db: Database
let deps: ComplaintDeps
const receiver = new Receiver()
const logger = createLogger('silent')
let region: { id: string }
let dan: Viewer // dealer A
let dave: Viewer // dealer B
let olive: Viewer // the regional office of the region
let oscar: Viewer // the regional office of another region
let agent: Viewer
let customerA: Viewer
let customerB: Viewer
let orderA: { orderNumber: string }
let orderB: { orderNumber: string }

beforeAll(async () => {
	;[db] = await Promise.all([createTestDatabase(), receiver.start()])
	deps = { db: db.prisma, notifier: createComplaintNotifier({ appUrl: 'http://portal.test' }) }
	const prisma = db.prisma
	region = await createRegion(prisma)
	const otherRegion = await createRegion(prisma)
	const org = (kind: 'DEALER' | 'REGIONAL_OFFICE', name: string, regionId: string) =>
		prisma.organization.create({
			data: { kind, code: `${name}-${crypto.randomUUID().slice(0, 8)}`, name, regionId },
		})
	const dealerA = await org('DEALER', 'Dealer A', region.id)
	const dealerB = await org('DEALER', 'Dealer B', region.id)
	const office = await org('REGIONAL_OFFICE', 'Office', region.id)
	const otherOffice = await org('REGIONAL_OFFICE', 'Other office', otherRegion.id)
	dan = (await createUser(prisma, { kind: 'DEALER', organizationId: dealerA.id, name: 'Dan' })).viewer
	dave = (await createUser(prisma, { kind: 'DEALER', organizationId: dealerB.id, name: 'Dave' })).viewer
	olive = (await createUser(prisma, { kind: 'REGIONAL_OFFICE', organizationId: office.id, name: 'Olive' })).viewer
	oscar = (await createUser(prisma, { kind: 'REGIONAL_OFFICE', organizationId: otherOffice.id, name: 'Oscar' })).viewer
	agent = (await createUser(prisma, { kind: 'STAFF', staffRole: 'GENERAL_MANAGER', name: 'Gina' })).viewer
	const a = await createUser(prisma, { name: 'Customer A' })
	const b = await createUser(prisma, { name: 'Customer B' })
	customerA = a.viewer
	customerB = b.viewer
	orderA = await createOrder(prisma, {
		regionId: region.id,
		customerId: a.user.id,
		customerEmail: a.user.email,
		dealerId: dealerA.id,
	})
	orderB = await createOrder(prisma, {
		regionId: region.id,
		customerId: b.user.id,
		customerEmail: b.user.email,
		dealerId: dealerB.id,
	})
})
afterAll(async () => {
	await Promise.all([db.close(), receiver.close()])
})
beforeEach(async () => {
	await db.prisma.webhookEndpoint.deleteMany()
	receiver.requests = []
	receiver.script.clear()
})

async function file(customer: Viewer, orderNumber: string, title = '泵体渗漏') {
	const { id } = await startDraft(deps, customer)
	await chooseOrder(deps, customer, id, orderNumber)
	const draft = await getDraft(deps, customer, id)
	await chooseLine(deps, customer, id, draft.order!.lines[0]!.id)
	await saveDraftStep(deps, customer, id, {
		category: 'PRODUCT_QUALITY',
		severity: 'MAJOR',
		title,
		description: '安装后第三天，泵体接口处开始渗水。',
		requestedRemedy: 'REPLACEMENT',
	})
	await saveDraftStep(deps, customer, id, { preferredContact: 'EMAIL', notifyFrequency: 'EACH_CHANGE' })
	return fileComplaint(deps, customer, id)
}

const ALL: WebhookEvent[] = ['COMPLAINT_CREATED', 'STATUS_CHANGED', 'REPLY_ADDED']

async function endpoint(viewer: Viewer, path: string, events: WebhookEvent[] = ALL) {
	const created = await createWebhookEndpoint(
		db.prisma,
		viewer,
		{ url: `${receiver.url}${path}`, events },
		{ allowLocalHttp: true },
	)
	receiver.secrets.set(path, created.secret)
	return created
}

/** Runs worker passes `at` the given time (and the receiver's clock with it) until nothing is due. */
async function deliverAll(at = new Date()) {
	receiver.clock = at.getTime()
	let claimed = 0
	for (;;) {
		const report = await deliverDueWebhooks({ db, logger }, { ...LOOPBACK, now: at, random: () => 0 })
		if (report.claimed === 0) return claimed
		claimed += report.claimed
	}
}

describe('delivery', () => {
	test('fails twice, then is accepted: one delivery, SUCCEEDED after 3 attempts, signed every time', async () => {
		const { secret } = await endpoint(dan, '/retry')
		receiver.script.set('/retry', [500, 500])
		const filed = await file(customerA, orderA.orderNumber)
		const [queued] = await db.prisma.webhookDelivery.findMany({ where: { endpoint: { url: { endsWith: '/retry' } } } })
		expect(queued).toMatchObject({ eventType: 'complaint.created', status: 'PENDING', attempts: 0 })
		expect(secret).toMatch(/^whsec_[a-z2-7]{52}$/)

		const t0 = new Date(Date.now() + 1000)
		receiver.clock = t0.getTime()
		expect(await deliverDueWebhooks({ db, logger }, { ...LOOPBACK, now: t0, random: () => 0 })).toEqual({
			claimed: 1,
			succeeded: 0,
			retried: 1,
			dead: 0,
		})
		let row = await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: queued!.id } })
		expect(row).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500: boom' })
		// backoff with jitter: between half and all of 30 s after the first failure
		expect(row.nextAttemptAt.getTime() - t0.getTime()).toBe(webhookBackoffMs(1, () => 0))
		expect(webhookBackoffMs(1, () => 0)).toBe(15_000)
		expect(webhookBackoffMs(1, () => 1)).toBe(30_000)
		// not due yet: nothing is sent
		expect((await deliverDueWebhooks({ db, logger }, { ...LOOPBACK, now: t0 })).claimed).toBe(0)

		const t1 = new Date(row.nextAttemptAt.getTime())
		receiver.clock = t1.getTime()
		expect((await deliverDueWebhooks({ db, logger }, { ...LOOPBACK, now: t1, random: () => 0 })).retried).toBe(1)
		row = await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: queued!.id } })
		expect(row.nextAttemptAt.getTime() - t1.getTime()).toBe(30_000)

		const t2 = row.nextAttemptAt
		receiver.clock = t2.getTime()
		expect((await deliverDueWebhooks({ db, logger }, { ...LOOPBACK, now: t2 })).succeeded).toBe(1)
		expect(await deliverAll(new Date(t2.getTime() + 24 * 3_600_000))).toBe(0)

		const rows = await db.prisma.webhookDelivery.findMany({ where: { endpoint: { url: { endsWith: '/retry' } } } })
		expect(rows).toHaveLength(1)
		expect(rows[0]).toMatchObject({
			status: 'SUCCEEDED',
			attempts: 3,
			lastStatusCode: 200,
			lastError: null,
			deliveredAt: t2,
		})
		// the receiver saw three signed requests of the same delivery, and accepted the last
		const seen = receiver.requests.filter((r) => r.path === '/retry')
		expect(seen.map((r) => [r.verified, r.answered])).toEqual([
			[true, 500],
			[true, 500],
			[true, 200],
		])
		expect(new Set(seen.map((r) => r.headers['x-webhook-id']))).toEqual(new Set([queued!.id]))
		expect(seen.map((r) => r.headers['x-webhook-timestamp'])).toEqual(
			[t0, t1, t2].map((t) => String(Math.floor(t.getTime() / 1000))),
		)
		expect(seen[0]!.headers['content-type']).toBe('application/json')
		const body = JSON.parse(seen[2]!.body) as WebhookBody
		expect(body).toMatchObject({
			id: queued!.id,
			type: 'complaint.created',
			data: { complaint: { id: complaintNodeId(filed.complaintId), reference: filed.reference, status: 'SUBMITTED' } },
		})
		// a signature made with another secret, or over another body, or too old, does not verify
		const { headers } = seen[2]!
		const check = (over: Partial<Parameters<typeof verifyWebhookSignature>[0]>, now = t2.getTime()) =>
			verifyWebhookSignature(
				{
					secret,
					body: seen[2]!.body,
					timestamp: String(headers['x-webhook-timestamp']),
					signature: String(headers['x-webhook-signature']),
					...over,
				},
				{ now },
			)
		expect(headers['x-webhook-signature']).toMatch(/^v1=[0-9a-f]{64}$/)
		expect(check({})).toBe(true)
		expect(check({ secret: `${secret}x` })).toBe(false)
		expect(check({ body: seen[2]!.body.replace('SUBMITTED', 'CLOSED') })).toBe(false)
		expect(check({}, t2.getTime() + 10 * 60_000)).toBe(false)
	})

	test(`a receiver that never accepts: DEAD after ${MAX_ATTEMPTS} attempts`, async () => {
		await endpoint(dan, '/down', ['COMPLAINT_CREATED'])
		receiver.script.set(
			'/down',
			Array.from({ length: 20 }, () => 503),
		)
		await file(customerA, orderA.orderNumber)
		let at = Date.now() + 1000
		for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
			await deliverAll(new Date(at))
			at += 2 * 3_600_000
		}
		const [row] = await db.prisma.webhookDelivery.findMany({ where: { endpoint: { url: { endsWith: '/down' } } } })
		expect(row).toMatchObject({ status: 'DEAD', attempts: MAX_ATTEMPTS, lastStatusCode: 503 })
		expect(receiver.requests.filter((r) => r.path === '/down')).toHaveLength(MAX_ATTEMPTS)
	})

	test('a receiver that does not answer in time, or redirects, has failed: retried, never followed', async () => {
		await endpoint(dan, '/slow', ['COMPLAINT_CREATED'])
		receiver.script.set('/slow', [HANG, 302])
		await file(customerA, orderA.orderNumber)
		const t0 = new Date(Date.now() + 1000)
		receiver.clock = t0.getTime()
		const first = await deliverDueWebhooks({ db, logger }, { ...LOOPBACK, now: t0, timeoutMs: 200 })
		expect(first).toMatchObject({ claimed: 1, retried: 1 })
		const [row] = await db.prisma.webhookDelivery.findMany({ where: { endpoint: { url: { endsWith: '/slow' } } } })
		expect(row).toMatchObject({
			status: 'PENDING',
			attempts: 1,
			lastStatusCode: null,
			lastError: 'timed out after 0.2 s',
		})

		const t1 = new Date(t0.getTime() + 3_600_000)
		receiver.clock = t1.getTime()
		expect((await deliverDueWebhooks({ db, logger }, { ...LOOPBACK, now: t1 })).retried).toBe(1)
		expect(await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({
			status: 'PENDING',
			attempts: 2,
			lastStatusCode: 302,
		})
		expect(receiver.requests.map((r) => r.path)).toEqual(['/slow', '/slow'])
	})

	test('two workers at once (two instances) send each delivery once', async () => {
		await endpoint(olive, '/busy', ['COMPLAINT_CREATED'])
		for (let i = 0; i < 6; i++) await file(customerA, orderA.orderNumber, `渗漏 ${i}`)
		const at = new Date(Date.now() + 1000)
		receiver.clock = at.getTime()
		const reports = await Promise.all(
			[1, 2, 3].map(() => deliverDueWebhooks({ db, logger }, { ...LOOPBACK, now: at, batch: 4 })),
		)
		await deliverAll(at)
		expect(reports.reduce((n, r) => n + r.succeeded, 0)).toBeLessThanOrEqual(6)
		const ids = receiver.requests.filter((r) => r.path === '/busy').map((r) => r.headers['x-webhook-id'])
		expect(ids).toHaveLength(6)
		expect(new Set(ids).size).toBe(6)
	})
})

describe('who hears what', () => {
	test('a dealer hears only of its own complaints, the office of its region; never internal notes', async () => {
		await endpoint(dan, '/dan')
		await endpoint(dave, '/dave')
		await endpoint(olive, '/olive')
		await endpoint(oscar, '/oscar')
		const { complaintId, reference } = await file(customerA, orderA.orderNumber)
		await addNote(deps, agent, complaintId, { body: 'INTERNAL-SECRET 内部备注', visibility: 'INTERNAL' })
		await addNote(deps, agent, complaintId, { body: '请代理商上门查看', visibility: 'PARTNER' })
		await acknowledgeComplaint(deps, agent, complaintId, { reply: '您好，已受理。' })
		await startInvestigation(deps, agent, complaintId, {})
		await escalateByStaff(deps, agent, complaintId, { reason: 'INTERNAL-REASON 升级原因' })
		// dealer B's complaint: dealer A never hears of it
		const other = await file(customerB, orderB.orderNumber, '另一代理的客诉')
		await deliverAll(new Date(Date.now() + 1000))

		expect(receiver.requests.every((r) => r.verified)).toBe(true)
		const summary = (path: string) =>
			receiver
				.bodies(path)
				.map((b) => `${b.data.complaint?.reference === reference ? 'A' : 'B'} ${b.type}`)
				.sort()
		const toA = [
			'A complaint.created',
			'A complaint.reply_added', // the partner note
			'A complaint.reply_added', // the acknowledgement's reply
			'A complaint.status_changed', // acknowledged
			'A complaint.status_changed', // investigating
			'A complaint.status_changed', // escalated (its reason is internal)
		]
		expect(summary('/dan')).toEqual(toA)
		expect(summary('/dave')).toEqual(['B complaint.created'])
		expect(summary('/olive')).toEqual([...toA, 'B complaint.created'].sort())
		expect(summary('/oscar')).toEqual([])

		const everything = receiver.requests.map((r) => r.body).join('\n')
		expect(everything).not.toContain('INTERNAL-SECRET')
		expect(everything).not.toContain('INTERNAL-REASON')
		// no customer contact details
		expect(everything).not.toMatch(/@example\.com/)
		expect(receiver.bodies('/dan').map((b) => b.data.complaint?.reference)).not.toContain(other.reference)

		const replies = receiver.bodies('/dan').filter((b) => b.type === 'complaint.reply_added')
		expect(replies.map((b) => [b.data.message?.visibility, b.data.message?.body]).sort()).toEqual([
			['PARTNER', '请代理商上门查看'],
			['PUBLIC', '您好，已受理。'],
		])
		const moves = receiver.bodies('/dan').filter((b) => b.type === 'complaint.status_changed')
		expect(moves.map((b) => [b.data.change?.from, b.data.change?.to])).toEqual([
			['SUBMITTED', 'ACKNOWLEDGED'],
			['ACKNOWLEDGED', 'INVESTIGATING'],
			['INVESTIGATING', 'ESCALATED'],
		])
	})

	test('an endpoint hears only the events it subscribed to; a repeated enqueue adds nothing', async () => {
		await endpoint(dan, '/only-status', ['STATUS_CHANGED'])
		const { complaintId } = await file(customerA, orderA.orderNumber)
		await acknowledgeComplaint(deps, agent, complaintId, { reply: '已受理' })
		const event = await db.prisma.complaintEvent.findFirstOrThrow({ where: { complaintId, type: 'acknowledged' } })
		await db.prisma.$transaction((tx) => deps.notifier.partnerEvent!(tx, { complaintId, eventId: event.id }))
		const rows = await db.prisma.webhookDelivery.findMany({
			where: { endpoint: { url: { endsWith: '/only-status' } } },
		})
		expect(rows.map((r) => r.eventType)).toEqual(['complaint.status_changed'])
	})

	test('the deliveries are written in the change’s transaction: a change that rolls back queues nothing', async () => {
		await endpoint(dan, '/rollback')
		const { complaintId } = await file(customerA, orderA.orderNumber)
		const before = await db.prisma.webhookDelivery.count()
		// the deliveries are written, then something later in the same command fails
		const failing: ComplaintDeps = {
			...deps,
			notifier: {
				...deps.notifier,
				async partnerEvent(tx, event) {
					await deps.notifier.partnerEvent!(tx, event)
					expect(await tx.webhookDelivery.count()).toBeGreaterThan(before)
					throw new Error('the command fails after queuing')
				},
			},
		}
		await expect(acknowledgeComplaint(failing, agent, complaintId, { reply: '已受理' })).rejects.toThrow(
			'the command fails after queuing',
		)
		expect(await db.prisma.webhookDelivery.count()).toBe(before)
		expect((await db.prisma.complaint.findUniqueOrThrow({ where: { id: complaintId } })).status).toBe('SUBMITTED')
		await acknowledgeComplaint(deps, agent, complaintId, { reply: '已受理' })
		expect(await db.prisma.webhookDelivery.count()).toBe(before + 2)
	})
})

describe('managing endpoints', () => {
	test('send test: a signed ping through the same queue, shown in the log', async () => {
		const { endpoint: made } = await endpoint(olive, '/ping', ['REPLY_ADDED'])
		await sendTestWebhook(db.prisma, olive, made.id)
		await deliverAll(new Date(Date.now() + 1000))
		const [ping] = receiver.bodies('/ping')
		expect(ping).toMatchObject({ type: 'ping', data: { endpointId: made.id } })
		expect(receiver.requests[0]!.verified).toBe(true)
		const log = await listWebhookDeliveries(db.prisma, olive)
		expect(log[0]).toMatchObject({ eventType: 'ping', status: 'SUCCEEDED', attempts: 1, lastStatusCode: 200 })
		// another organization neither sees, tests nor removes it
		await expect(sendTestWebhook(db.prisma, dan, made.id)).rejects.toBeInstanceOf(NotFoundError)
		await expect(removeWebhookEndpoint(db.prisma, dan, made.id)).rejects.toBeInstanceOf(NotFoundError)
		expect(await listWebhookEndpoints(db.prisma, dan)).toEqual([])
		expect((await listWebhookDeliveries(db.prisma, dan)).map((d) => d.id)).not.toContain(log[0]!.id)
		await removeWebhookEndpoint(db.prisma, olive, made.id)
		expect(await listWebhookEndpoints(db.prisma, olive)).toEqual([])
		expect(await db.prisma.webhookDelivery.count({ where: { endpointId: made.id } })).toBe(0)
	})

	test('https only (http://localhost outside production), and only for dealers and regional offices', async () => {
		const refusal = async (url: string, allowLocalHttp: boolean) => {
			const error = await createWebhookEndpoint(
				db.prisma,
				dan,
				{ url, events: ['REPLY_ADDED'] },
				{ allowLocalHttp },
			).catch((e: unknown) => e)
			return error instanceof DomainValidationError ? error.messageKey : 'ok'
		}
		expect(await refusal('https://erp.example.com/hooks', false)).toBe('ok')
		expect(await refusal('http://erp.example.com/hooks', false)).toBe('webhooks:validation.urlHttps')
		expect(await refusal('http://localhost:4000/hooks', false)).toBe('webhooks:validation.urlPrivate')
		expect(await refusal('http://localhost:4000/hooks', true)).toBe('ok')
		expect(await refusal('http://127.0.0.1/hooks', true)).toBe('ok')
		expect(await refusal('http://10.0.0.1/hooks', true)).toBe('webhooks:validation.urlPrivate')
		expect(await refusal('http://erp.example.com/hooks', true)).toBe('webhooks:validation.urlHttpsOrLocal')
		for (const host of ['10.1.2.3', '192.168.0.10', '172.20.0.1', '169.254.169.254', '127.0.0.2', '[::1]', '[fd00::1]'])
			expect(await refusal(`https://${host}/hooks`, false)).toBe('webhooks:validation.urlPrivate')
		expect(await refusal('https://localhost/hooks', false)).toBe('webhooks:validation.urlPrivate')
		expect(await refusal('https://172.32.0.1/hooks', false)).toBe('ok')
		expect(await refusal('https://user:pw@erp.example.com/', false)).toBe('webhooks:validation.urlCredentials')
		expect(await refusal('erp.example.com', false)).toBe('webhooks:validation.urlInvalid')
		const stored = await db.prisma.webhookEndpoint.findMany({ where: { organizationId: dan.organizationId! } })
		expect(stored.map((e) => e.url).sort()).toEqual([
			'http://127.0.0.1/hooks',
			'http://localhost:4000/hooks',
			'https://172.32.0.1/hooks',
			'https://erp.example.com/hooks',
		])
		for (const viewer of [customerA, agent])
			await expect(
				createWebhookEndpoint(
					db.prisma,
					viewer,
					{ url: 'https://x.example.com', events: ['REPLY_ADDED'] },
					{ allowLocalHttp: false },
				),
			).rejects.toBeInstanceOf(InsufficientAuthorityError)
	})
})

describe('public addresses only (server-side request forgery)', () => {
	/** A ping to `url`, stored as an endpoint registered before the rules were what they are now. */
	async function pingTo(url: string) {
		const secret = 'whsec_test'
		const made = await db.prisma.webhookEndpoint.create({
			data: { organizationId: dan.organizationId!, url, events: ['REPLY_ADDED'], secret, createdById: dan.userId },
		})
		receiver.secrets.set(new URL(url).pathname, secret)
		return (await sendTestWebhook(db.prisma, dan, made.id)).deliveryId
	}
	const soon = () => new Date(Date.now() + 1000)
	const row = (id: string) => db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id } })

	test('with loopback not allowed, a receiver on 127.0.0.1 is refused before connecting, by address and by a name that resolves there', async () => {
		const byAddress = await pingTo(`${receiver.url}/by-address`)
		const byName = await pingTo(`${receiver.url.replace('127.0.0.1', 'localhost')}/by-name`)
		const at = soon()
		receiver.clock = at.getTime()
		expect(await deliverDueWebhooks({ db, logger }, { now: at, allowLoopback: false })).toEqual({
			claimed: 2,
			succeeded: 0,
			retried: 2,
			dead: 0,
		})
		expect(receiver.requests).toEqual([])
		expect(await row(byAddress)).toMatchObject({
			status: 'PENDING',
			attempts: 1,
			lastStatusCode: null,
			lastError: 'refused: 127.0.0.1 is not a public address (loopback 127.0.0.0/8); webhooks go to the internet only',
		})
		expect((await row(byName)).lastError).toMatch(
			/^refused: localhost resolves to (127\.0\.0\.1, not a public address \(loopback 127\.0\.0\.0\/8\)|::1, not a public address \(loopback ::1\/128\)); webhooks go to the internet only$/,
		)
		// the same deliveries go through where loopback is allowed (a developer's own receiver)
		const later = new Date(at.getTime() + 3_600_000)
		receiver.clock = later.getTime()
		expect(await deliverDueWebhooks({ db, logger }, { now: later, allowLoopback: true })).toMatchObject({
			succeeded: 2,
		})
		expect(receiver.requests.map((r) => [r.path, r.verified])).toEqual(
			expect.arrayContaining([
				['/by-address', true],
				['/by-name', true],
			]),
		)
	})

	test('private, link-local, CGNAT, multicast, unspecified, unique-local and IPv4-mapped addresses are refused whatever the flag says', async () => {
		const targets = {
			'http://10.0.0.1/h': 'private network 10.0.0.0/8',
			'http://172.16.5.4/h': 'private network 172.16.0.0/12',
			'http://192.168.1.1/h': 'private network 192.168.0.0/16',
			'http://169.254.169.254/latest/meta-data/': 'link-local 169.254.0.0/16',
			'http://100.64.0.1/h': 'carrier-grade NAT 100.64.0.0/10',
			'http://224.0.0.1/h': 'multicast 224.0.0.0/4',
			'http://0.0.0.0/h': 'unspecified 0.0.0.0/8',
			'http://[::]/h': 'unspecified ::/128',
			'http://[fd12:3456::1]/h': 'unique-local fc00::/7',
			'http://[fe80::1]/h': 'link-local fe80::/10',
			'http://[ff02::1]/h': 'multicast ff00::/8',
			'http://[::ffff:10.0.0.1]/h': 'private network 10.0.0.0/8',
			'http://[::ffff:169.254.169.254]/h': 'link-local 169.254.0.0/16',
		}
		const ids = new Map<string, string>()
		for (const url of Object.keys(targets)) ids.set(url, await pingTo(url))
		const report = await deliverDueWebhooks({ db, logger }, { now: soon(), allowLoopback: true, batch: 20 })
		expect(report).toMatchObject({ claimed: ids.size, retried: ids.size, succeeded: 0 })
		for (const [url, reason] of Object.entries(targets)) {
			const delivery = await row(ids.get(url)!)
			expect(delivery.lastStatusCode, url).toBeNull()
			expect(delivery.lastError, url).toMatch(/^refused: \S+ is not a public address \(/)
			expect(delivery.lastError, url).toContain(`(${reason})`)
		}
	})

	test('a name is resolved for every delivery, and the connection goes to the address that was checked', async () => {
		const answers = [['127.0.0.1'], ['10.0.0.7'], ['127.0.0.1', '192.168.0.3']]
		const asked: string[] = []
		const resolve: ResolveAll = (hostname, _options, callback) => {
			asked.push(hostname)
			const next = answers.shift() ?? []
			callback(
				null,
				next.map((address) => ({ address, family: 4 })),
			)
		}
		const url = `http://hooks.partner.test:${new URL(receiver.url).port}/rebinding`
		const deliver = async () => {
			const id = await pingTo(url)
			const at = soon()
			receiver.clock = at.getTime()
			await deliverDueWebhooks({ db, logger }, { now: at, allowLoopback: true, resolve })
			return row(id)
		}
		// the name pointed at the receiver's address: delivered there, under the name
		expect(await deliver()).toMatchObject({ status: 'SUCCEEDED', lastStatusCode: 200 })
		expect(receiver.requests.map((r) => [r.path, r.headers.host])).toEqual([
			['/rebinding', `hooks.partner.test:${new URL(receiver.url).port}`],
		])
		// then it was pointed inside the network, then at two addresses of which one is private
		expect(await deliver()).toMatchObject({
			status: 'PENDING',
			lastStatusCode: null,
			lastError:
				'refused: hooks.partner.test resolves to 10.0.0.7, not a public address (private network 10.0.0.0/8); webhooks go to the internet only',
		})
		expect((await deliver()).lastError).toBe(
			'refused: hooks.partner.test resolves to 192.168.0.3, not a public address (private network 192.168.0.0/16); webhooks go to the internet only',
		)
		expect(asked).toEqual(['hooks.partner.test', 'hooks.partner.test', 'hooks.partner.test'])
		expect(receiver.requests).toHaveLength(1)
	})

	test('a redirect is never followed, so it cannot lead a delivery to a private address', async () => {
		const internalHits: string[] = []
		const internal = createServer((req, res) => {
			internalHits.push(req.url ?? '')
			res.end('internal data')
		})
		const redirector = createServer((req, res) => {
			req.resume()
			req.on('end', () => res.writeHead(307, { location: `${address(internal)}/admin` }).end())
		})
		await Promise.all([internal, redirector].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))))
		try {
			const id = await pingTo(`${address(redirector)}/hook`)
			await deliverDueWebhooks({ db, logger }, { now: soon(), allowLoopback: true })
			expect(await row(id)).toMatchObject({
				status: 'PENDING',
				lastStatusCode: 307,
				lastError: `HTTP 307: redirect to ${address(internal)}/admin not followed`,
			})
			expect(internalHits).toEqual([])
		} finally {
			await Promise.all([internal, redirector].map((s) => new Promise((r) => s.close(r))))
		}
	})

	test('registration refuses an address that is not public, saying which and why', async () => {
		const problem = async (url: string, allowLocalHttp = false) => {
			const error = await createWebhookEndpoint(
				db.prisma,
				olive,
				{ url, events: ['REPLY_ADDED'] },
				{ allowLocalHttp },
			).catch((e: unknown) => e)
			if (!(error instanceof DomainValidationError)) return 'ok'
			return [error.messageKey, error.params]
		}
		const refused = (host: string, reason: string) => ['webhooks:validation.urlPrivate', { host, reason }]
		expect(await problem('https://100.64.0.1/h')).toEqual(refused('100.64.0.1', 'carrier-grade NAT 100.64.0.0/10'))
		expect(await problem('https://224.0.0.1/h')).toEqual(refused('224.0.0.1', 'multicast 224.0.0.0/4'))
		expect(await problem('https://0.0.0.0/h')).toEqual(refused('0.0.0.0', 'unspecified 0.0.0.0/8'))
		expect(await problem('https://[fe80::1]/h')).toEqual(refused('[fe80::1]', 'link-local fe80::/10'))
		// the URL parser's own spellings of an address are the address
		expect(await problem('https://[::ffff:127.0.0.1]/h')).toEqual(refused('[::ffff:7f00:1]', 'loopback 127.0.0.0/8'))
		expect(await problem('https://2130706433/h')).toEqual(refused('127.0.0.1', 'loopback 127.0.0.0/8'))
		expect(await problem('https://0x7f.1/h')).toEqual(refused('127.0.0.1', 'loopback 127.0.0.0/8'))
		expect(await problem('https://app.localhost/h')).toEqual(refused('app.localhost', 'loopback'))
		// even where loopback is allowed, only loopback is
		expect(await problem('http://10.0.0.1/h', true)).toEqual(refused('10.0.0.1', 'private network 10.0.0.0/8'))
		expect(await problem('http://[::1]:4000/h', true)).toBe('ok')
		expect(await problem('https://93.184.215.14/h')).toBe('ok')
		expect(
			createI18n('en').t('webhooks:validation.urlPrivate', { host: '10.0.0.1', reason: 'private network 10.0.0.0/8' }),
		).toBe(
			'10.0.0.1 is not on the internet (private network 10.0.0.0/8): use the public address of your system. Webhooks are never sent to private or local networks.',
		)
	})
})

function address(server: Server): string {
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}
