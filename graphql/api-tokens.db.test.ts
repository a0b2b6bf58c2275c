import { encodeGlobalID } from '@pothos/plugin-relay'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createComplaintUpdates } from '#app/complaints/updates.server.ts'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { parseConfig } from '#app/config.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { createApiToken, revokeApiToken } from '#app/domain/api-tokens/tokens.ts'
import type { ApiTokenInput } from '#app/domain/api-tokens/schemas.ts'
import { chooseLine, chooseOrder, getDraft, saveDraftStep, startDraft } from '#app/domain/complaints/drafts.ts'
import { fileComplaint } from '#app/domain/complaints/file-complaint.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import { createRateLimits, type RateLimits } from '#app/rate-limit.server.ts'
import { createTestStorage } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { withoutCost } from '#tests/graphql-body.ts'
import { createOrder, createRegion, createUser } from '#tests/fixtures.ts'
import { createGraphQLHandler, type GraphQLHandler } from './yoga.ts'

/**
 * API tokens through the real Yoga handler: `Authorization: Bearer` makes the request its
 * organization's, narrowed by the token's scopes; a bad token is a 401, never anonymous.
 * Dealer A sold complaint `a`, dealer B sold `b`; both are in the office's region, `west` is not.
 */

let db: Database
let limits: RateLimits
let yoga: GraphQLHandler
const logs: Array<Record<string, unknown>> = []

let dan: Viewer
let olive: Viewer
let agentCookie: string
const complaints = {} as Record<'a' | 'b' | 'west', { id: string; reference: string; globalId: string }>

beforeAll(async () => {
	db = await createTestDatabase()
	limits = createRateLimits()
	const config = parseConfig({ NODE_ENV: 'production', APP_URL: 'http://portal.test' })
	const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) })
	yoga = createGraphQLHandler({
		config,
		db,
		logger,
		limits,
		storage: createTestStorage(),
		complaintUpdates: createComplaintUpdates({ logger }),
	})

	const prisma = db.prisma
	const [east, west] = [await createRegion(prisma), await createRegion(prisma)]
	const org = (kind: 'DEALER' | 'REGIONAL_OFFICE', name: string, regionId: string) =>
		prisma.organization.create({ data: { kind, code: `${name}-${crypto.randomUUID().slice(0, 8)}`, name, regionId } })
	const dealerA = await org('DEALER', 'Dealer A', east.id)
	const dealerB = await org('DEALER', 'Dealer B', east.id)
	const office = await org('REGIONAL_OFFICE', 'East office', east.id)
	dan = (await createUser(prisma, { kind: 'DEALER', organizationId: dealerA.id, name: 'Dan' })).viewer
	olive = (await createUser(prisma, { kind: 'REGIONAL_OFFICE', organizationId: office.id, name: 'Olive' })).viewer
	const agent = await createUser(prisma, { kind: 'STAFF', staffRole: 'AGENT' })
	agentCookie = `${SESSION_COOKIE}=${(await createSession(prisma, { id: agent.user.id, kind: 'STAFF' })).token}`

	const deps = complaintDeps({ db, config })
	const file = async (regionId: string, dealerId: string | null) => {
		const customer = await createUser(prisma)
		const order = await createOrder(prisma, {
			regionId,
			dealerId,
			customerId: customer.user.id,
			customerEmail: customer.user.email,
		})
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
		const filed = await fileComplaint(deps, customer.viewer, id)
		return {
			id: filed.complaintId,
			reference: filed.reference,
			globalId: encodeGlobalID('Complaint', filed.complaintId),
		}
	}
	complaints.a = await file(east.id, dealerA.id)
	complaints.b = await file(east.id, dealerB.id)
	complaints.west = await file(west.id, null)
})
afterAll(async () => {
	await limits?.close()
	await db?.close()
})

async function tokenFor(viewer: Viewer, input: Partial<ApiTokenInput> = {}, now?: Date) {
	const name = `token ${crypto.randomUUID()}`
	return createApiToken(db.prisma, viewer, { name, scopes: ['READ_COMPLAINTS'], expiresInDays: 90, ...input }, now)
}

interface GraphQLBody {
	data?: Record<string, unknown> | null
	errors?: Array<{ message: string; extensions?: Record<string, unknown> }>
}

async function post(
	query: string,
	{ bearer, variables, headers = {} }: { bearer?: string; variables?: unknown; headers?: Record<string, string> } = {},
) {
	const response = await yoga.fetch('http://portal.test/graphql', {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
			...headers,
		},
		body: JSON.stringify({ query, variables }),
	})
	const text = await response.text()
	return {
		status: response.status,
		headers: response.headers,
		text,
		body: withoutCost(JSON.parse(text) as GraphQLBody),
	}
}

const BY_REFERENCE = 'query ($reference: String!) { complaint(reference: $reference) { id reference } }'
const BY_ID = 'query ($id: ID!) { node(id: $id) { ... on Complaint { reference } } }'
const REPLY = /* GraphQL */ `
	mutation Reply($input: ReplyToComplaintInput!) {
		replyToComplaint(input: $input) {
			complaint {
				status
			}
			userErrors {
				code
			}
		}
	}
`

describe('a dealer token', () => {
	test("reads its dealer's complaints and nothing of another dealer's", async () => {
		const { secret } = await tokenFor(dan)
		const own = await post(BY_REFERENCE, { bearer: secret, variables: { reference: complaints.a.reference } })
		expect(own.status).toBe(200)
		expect(own.body).toEqual({
			data: { complaint: { id: complaints.a.globalId, reference: complaints.a.reference } },
		})
		expect((await post(BY_ID, { bearer: secret, variables: { id: complaints.a.globalId } })).body).toEqual({
			data: { node: { reference: complaints.a.reference } },
		})
		for (const other of [complaints.b, complaints.west]) {
			const byReference = await post(BY_REFERENCE, { bearer: secret, variables: { reference: other.reference } })
			expect(byReference.body).toEqual({ data: { complaint: null } })
			const byId = await post(BY_ID, { bearer: secret, variables: { id: other.globalId } })
			expect(byId.body).toEqual({ data: { node: null } })
		}
	})

	test('is its organization in the name of the member who created it', async () => {
		const { secret } = await tokenFor(dan)
		const { body } = await post('{ viewer { name kind staffRole organization { name kind } } }', { bearer: secret })
		expect(body).toEqual({
			data: {
				viewer: { name: 'Dan', kind: 'DEALER', staffRole: null, organization: { name: 'Dealer A', kind: 'DEALER' } },
			},
		})
	})

	test('wins over a session cookie sent with it', async () => {
		const { secret } = await tokenFor(dan)
		// the agent's cookie alone sees dealer B's complaint
		const cookieOnly = await post(BY_REFERENCE, {
			headers: { cookie: agentCookie },
			variables: { reference: complaints.b.reference },
		})
		expect(cookieOnly.body).toEqual({
			data: { complaint: { id: complaints.b.globalId, reference: complaints.b.reference } },
		})
		const both = await post(BY_REFERENCE, {
			bearer: secret,
			headers: { cookie: agentCookie },
			variables: { reference: complaints.b.reference },
		})
		expect(both.body).toEqual({ data: { complaint: null } })
	})

	test('needs no CSRF header or JSON content type: a bearer GET is served', async () => {
		const { secret } = await tokenFor(dan)
		const query = encodeURIComponent(`{ complaint(reference: "${complaints.a.reference}") { reference } }`)
		const response = await yoga.fetch(`http://portal.test/graphql?query=${query}`, {
			headers: { authorization: `Bearer ${secret}` },
		})
		expect(response.status).toBe(200)
		expect(withoutCost(await response.json())).toEqual({ data: { complaint: { reference: complaints.a.reference } } })
	})
})

describe('scopes', () => {
	test('a read-only token cannot reply; one with WRITE_REPLIES can, in its creator’s name', async () => {
		const readOnly = await tokenFor(olive)
		const denied = await post(REPLY, {
			bearer: readOnly.secret,
			variables: { input: { complaintId: complaints.a.globalId, body: '已收到，我们会尽快安排。' } },
		})
		expect(denied.body).toEqual({
			data: { replyToComplaint: { complaint: null, userErrors: [{ code: 'INSUFFICIENT_AUTHORITY' }] } },
		})
		expect(await db.prisma.complaintMessage.count({ where: { complaintId: complaints.a.id } })).toBe(0)

		const writer = await tokenFor(olive, { scopes: ['WRITE_REPLIES'] })
		const replied = await post(REPLY, {
			bearer: writer.secret,
			variables: { input: { complaintId: complaints.a.globalId, body: '已收到，我们会尽快安排。' } },
		})
		expect(replied.body).toEqual({
			data: { replyToComplaint: { complaint: { status: 'ACKNOWLEDGED' }, userErrors: [] } },
		})
		expect(await db.prisma.complaintMessage.findMany({ where: { complaintId: complaints.a.id } })).toEqual([
			expect.objectContaining({ authorId: olive.userId, visibility: 'PUBLIC', body: '已收到，我们会尽快安排。' }),
		])
	})

	test('a token without READ_COMPLAINTS sees no complaint, even its own region’s', async () => {
		const { secret } = await tokenFor(olive, { scopes: ['WEBHOOKS'] })
		const { status, body } = await post(BY_REFERENCE, {
			bearer: secret,
			variables: { reference: complaints.a.reference },
		})
		expect(status).toBe(200)
		expect(body).toEqual({ data: { complaint: null } })
	})

	test('scopes never reach beyond the organization: a dealer token with every scope cannot reply', async () => {
		const { secret } = await tokenFor(dan, { scopes: ['READ_COMPLAINTS', 'WRITE_COMPLAINTS', 'WRITE_REPLIES'] })
		const { body } = await post(REPLY, {
			bearer: secret,
			variables: { input: { complaintId: complaints.b.globalId, body: '你好' } },
		})
		expect(body).toEqual({ data: { replyToComplaint: { complaint: null, userErrors: [{ code: 'NOT_FOUND' }] } } })
	})
})

describe('refused tokens', () => {
	async function expectInvalidToken(secret: string, reason: string) {
		logs.length = 0
		// even a query that needs nobody: a bad token is never served as anonymous
		for (const query of ['{ __typename }', '{ viewer { id } }']) {
			const { status, headers, body, text } = await post(query, { bearer: secret })
			expect(status).toBe(401)
			expect(headers.get('www-authenticate')).toBe(
				'Bearer error="invalid_token", error_description="The token is invalid, revoked or expired."',
			)
			expect(body.data ?? null).toBeNull()
			expect(body.errors).toEqual([
				expect.objectContaining({
					message: 'The API token is invalid, revoked or expired.',
					extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
				}),
			])
			expect(text).not.toContain(secret.slice(4))
		}
		// the log says why; the client is not told which
		expect(logs.filter((l) => l.msg === 'API token refused').map((l) => l.reason)).toEqual([reason, reason])
	}

	test('a revoked token gets 401 from the next request on', async () => {
		const { secret, token } = await tokenFor(dan)
		expect(
			(await post(BY_REFERENCE, { bearer: secret, variables: { reference: complaints.a.reference } })).status,
		).toBe(200)
		await revokeApiToken(db.prisma, dan, token.id)
		await expectInvalidToken(secret, 'revoked')
	})

	test('an expired token gets 401', async () => {
		const { secret, token } = await tokenFor(dan, { expiresInDays: 30 }, new Date(Date.now() - 31 * 24 * 3600_000))
		await expectInvalidToken(secret, 'expired')
		expect((await db.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).toBeNull()
	})

	test('an unknown token gets 401, even next to a valid session cookie', async () => {
		await expectInvalidToken(`cpt_${'a'.repeat(32)}`, 'unknown')
		const { status } = await post('{ viewer { id } }', {
			bearer: `cpt_${'b'.repeat(32)}`,
			headers: { cookie: agentCookie },
		})
		expect(status).toBe(401)
	})

	test('another scheme, or a token without one, is a 401 that names Bearer', async () => {
		const { secret } = await tokenFor(dan)
		for (const authorization of [`Basic ${btoa('dan:secret')}`, secret, 'Bearer', `Bearer ${secret} extra`]) {
			const { status, headers, body, text } = await post('{ viewer { id } }', { headers: { authorization } })
			expect(status).toBe(401)
			expect(headers.get('www-authenticate')).toBe('Bearer')
			expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED'])
			expect(text).not.toContain(secret.slice(4))
		}
	})

	test('the scheme is case-insensitive', async () => {
		const { secret } = await tokenFor(dan)
		const { status, body } = await post('{ viewer { name } }', { headers: { authorization: `bearer  ${secret}` } })
		expect(status).toBe(200)
		expect(body).toEqual({ data: { viewer: { name: 'Dan' } } })
	})
})

describe('last used', () => {
	test('a request records when the token was last used, once a minute at most', async () => {
		const { secret, token } = await tokenFor(dan)
		const lastUsed = async () => (await db.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt
		expect(await lastUsed()).toBeNull()
		const before = Date.now()
		await post('{ __typename }', { bearer: secret })
		const first = await lastUsed()
		expect(first?.getTime()).toBeGreaterThanOrEqual(before - 1)
		await post('{ __typename }', { bearer: secret })
		expect(await lastUsed()).toEqual(first)
	})
})
