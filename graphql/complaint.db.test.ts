import { encodeGlobalID } from '@pothos/plugin-relay'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createComplaintUpdates } from '#app/complaints/updates.server.ts'
import { createSession } from '#app/auth/session.server.ts'
import { parseConfig } from '#app/config.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { chooseLine, chooseOrder, getDraft, saveDraftStep, startDraft } from '#app/domain/complaints/drafts.ts'
import { fileComplaint } from '#app/domain/complaints/file-complaint.ts'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { createLogger } from '#app/logger.server.ts'
import { createRateLimits, type RateLimits } from '#app/rate-limit.server.ts'
import { createTestStorage } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createCustomerWithOrder, createUser } from '#tests/fixtures.ts'
import { createGraphQLHandler, type GraphQLHandler } from './yoga.ts'

let db: Database
let limits: RateLimits
let yoga: GraphQLHandler

beforeAll(async () => {
	db = await createTestDatabase()
	limits = createRateLimits()
	const services = {
		config: parseConfig({ NODE_ENV: 'production', APP_URL: 'http://portal.test' }),
		db,
		logger: createLogger('silent'),
		limits,
		storage: createTestStorage(),
		complaintUpdates: createComplaintUpdates({ logger: createLogger('silent') }),
	}
	yoga = createGraphQLHandler(services)
})
afterAll(async () => {
	await limits?.close()
	await db?.close()
})

async function as(
	user: { id: string; kind: 'CUSTOMER' | 'STAFF' } | null,
	query: string,
	variables: Record<string, unknown>,
) {
	const headers: Record<string, string> = { 'content-type': 'application/json' }
	if (user) {
		const { token } = await createSession(db.prisma, user)
		headers.cookie = `session=${token}`
	}
	const response = await yoga.fetch('http://portal.test/graphql', {
		method: 'POST',
		headers,
		body: JSON.stringify({ query, variables }),
	})
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field below
	return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] }
}

const REPLY = /* GraphQL */ `
	mutation Reply($input: ReplyToComplaintInput!) {
		replyToComplaint(input: $input) {
			complaint {
				reference
				status
			}
			userErrors {
				code
				field
				message
			}
		}
	}
`

async function filed() {
	const { customer, order } = await createCustomerWithOrder(db.prisma)
	const deps = complaintDeps({ db, config: parseConfig({ NODE_ENV: 'test', APP_URL: 'http://portal.test' }) })
	const { id } = await startDraft(deps, customer.viewer)
	await chooseOrder(deps, customer.viewer, id, order.orderNumber)
	await chooseLine(deps, customer.viewer, id, (await getDraft(deps, customer.viewer, id)).order!.lines[0]!.id)
	await saveDraftStep(deps, customer.viewer, id, {
		category: 'HANDLING_DAMAGE',
		severity: 'MINOR',
		title: '外箱破损',
		description: '收货时外箱破损，阀门手柄弯曲。',
		requestedRemedy: 'REPAIR',
		preferredContact: 'EMAIL',
		notifyFrequency: 'EACH_CHANGE',
	})
	const complaint = await fileComplaint(deps, customer.viewer, id)
	return { customer, complaint, globalId: encodeGlobalID('Complaint', complaint.complaintId) }
}

describe('replyToComplaint', () => {
	test('staff reply: the complaint is acknowledged and the customer is emailed', async () => {
		const { complaint, globalId } = await filed()
		const agent = await createUser(db.prisma, { kind: 'STAFF', staffRole: 'AGENT' })
		const result = await as({ id: agent.user.id, kind: 'STAFF' }, REPLY, {
			input: { complaintId: globalId, body: '已收到，我们会尽快安排。' },
		})
		expect(result.errors).toBeUndefined()
		expect(result.data?.replyToComplaint).toEqual({
			complaint: { reference: complaint.reference, status: 'ACKNOWLEDGED' },
			userErrors: [],
		})
		const emails = await db.prisma.outboxMessage.findMany({ where: { template: 'complaint-updated' } })
		expect(emails.length).toBeGreaterThan(0)
	})

	test('who may reply: the customer lacks authority, a stranger finds nothing, anonymous is refused', async () => {
		const { customer, globalId } = await filed()
		const stranger = await createUser(db.prisma)
		const mine = await as({ id: customer.user.id, kind: 'CUSTOMER' }, REPLY, {
			input: { complaintId: globalId, body: '我自己回复' },
		})
		expect(mine.data?.replyToComplaint.userErrors).toEqual([
			expect.objectContaining({ code: 'INSUFFICIENT_AUTHORITY', field: null }),
		])
		const theirs = await as({ id: stranger.user.id, kind: 'CUSTOMER' }, REPLY, {
			input: { complaintId: globalId, body: '你好' },
		})
		expect(theirs.data?.replyToComplaint).toEqual({
			complaint: null,
			userErrors: [expect.objectContaining({ code: 'NOT_FOUND' })],
		})
		const anonymous = await as(null, REPLY, { input: { complaintId: globalId, body: '你好' } })
		expect(anonymous.data?.replyToComplaint ?? null).toBeNull()
	})

	test('an empty reply names the field', async () => {
		const { globalId } = await filed()
		const agent = await createUser(db.prisma, { kind: 'STAFF', staffRole: 'AGENT' })
		const result = await as({ id: agent.user.id, kind: 'STAFF' }, REPLY, {
			input: { complaintId: globalId, body: '   ' },
		})
		expect(result.data?.replyToComplaint.userErrors).toEqual([
			{ code: 'INVALID', field: ['input', 'body'], message: 'This field is required.' },
		])
	})
})
