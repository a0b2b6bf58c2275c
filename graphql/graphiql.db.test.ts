import express from 'express'
import { renderGraphiQL as yogaCdnGraphiQL } from 'graphql-yoga'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createSession } from '#app/auth/session.server.ts'
import type { Database } from '#app/db/database.server.ts'
import type { UserKind } from '#app/generated/prisma/enums.ts'
import { createRateLimits, type RateLimits } from '#app/rate-limit.server.ts'
import { TOP_LEVEL_ERROR_CODES } from '#app/routes/developers/facts.server.ts'
import { createTestContext } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createRegion, createUser } from '#tests/fixtures.ts'
import { GRAPHIQL_DEFAULT_QUERY } from './graphiql.ts'
import { printSchemaSDL } from './print.ts'
import { schema } from './schema.ts'
import { createGraphQLHandler, type GraphQLHandler } from './yoga.ts'

/**
 * GraphiQL at GET /graphql is for signed-in staff, served from our own origin; everyone else gets
 * what the API answers a GET without a query. The schema's SDL is public at
 * /graphql/schema.graphql.
 */

let db: Database
let limits: RateLimits
const yogas: Record<'production' | 'development', GraphQLHandler> = {} as never
const cookies = {} as Record<'customer' | 'dealer' | 'office' | 'staff', string>
let expiredStaffCookie: string

beforeAll(async () => {
	db = await createTestDatabase()
	limits = createRateLimits()
	for (const env of ['production', 'development'] as const) {
		yogas[env] = createGraphQLHandler({ ...createTestContext(db, { NODE_ENV: env }), limits })
	}
	const prisma = db.prisma
	const region = await createRegion(prisma)
	const org = (kind: 'DEALER' | 'REGIONAL_OFFICE' | 'HQ') =>
		prisma.organization.create({
			data: { kind, code: `${kind}-${crypto.randomUUID().slice(0, 8)}`, name: kind, regionId: region.id },
		})
	const people: Record<keyof typeof cookies, { kind: UserKind; organizationId?: string; staffRole?: 'AGENT' }> = {
		customer: { kind: 'CUSTOMER' },
		dealer: { kind: 'DEALER', organizationId: (await org('DEALER')).id },
		office: { kind: 'REGIONAL_OFFICE', organizationId: (await org('REGIONAL_OFFICE')).id },
		staff: { kind: 'STAFF', organizationId: (await org('HQ')).id, staffRole: 'AGENT' },
	}
	for (const [who, data] of Object.entries(people)) {
		const { user } = await createUser(prisma, { ...data, name: `Ms ${who}` })
		const { token } = await createSession(prisma, { id: user.id, kind: data.kind })
		cookies[who as keyof typeof cookies] = `session=${token}`
	}
	const staff = await createUser(prisma, { kind: 'STAFF', staffRole: 'AGENT', name: 'Former' })
	const old = await createSession(
		prisma,
		{ id: staff.user.id, kind: 'STAFF' },
		{},
		new Date(Date.now() - 30 * 24 * 3_600_000),
	)
	expiredStaffCookie = `session=${old.token}`
})

afterAll(async () => {
	await limits?.close()
	await db?.close()
})

/** What a browser's address bar sends. */
function openInBrowser(yoga: GraphQLHandler, cookie?: string, extra: Record<string, string> = {}) {
	return yoga.fetch('http://portal.test/graphql', {
		headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', ...(cookie ? { cookie } : {}), ...extra },
	})
}

/** Every address the page would make the browser load from another origin. */
function externalReferences(html: string): string[] {
	const loads = [
		/\b(?:src|href|action|poster|data)\s*=\s*["'`]((?:https?:)?\/\/[^"'`]+)/gi,
		/url\(\s*["']?((?:https?:)?\/\/[^"')]+)/gi,
		/@import\s+(?:url\()?["']?((?:https?:)?\/\/[^"')]+)/gi,
		/importScripts\(\s*["'`]((?:https?:)?\/\/[^"'`]+)/gi,
		/\bimport\(\s*["'`]((?:https?:)?\/\/[^"'`]+)/gi,
		// the CDNs GraphiQL builds load from, however the address is put together
		/((?:https?:)?\/\/(?:unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|esm\.sh|fonts\.googleapis\.com|fonts\.gstatic\.com)\b[^"'`\s]*)/gi,
	]
	return loads.flatMap((pattern) => [...html.matchAll(pattern)].map((m) => m[1]!))
}

describe('GraphiQL', () => {
	test.each(['production', 'development'] as const)(
		'is served to signed-in staff in %s, from our own origin, with the session and the CSRF header',
		async (env) => {
			const response = await openInBrowser(yogas[env], cookies.staff)
			expect(response.status).toBe(200)
			expect(response.headers.get('content-type')).toMatch(/^text\/html/)
			expect(response.headers.get('cache-control')).toBe('private, no-store')
			expect(response.headers.get('x-frame-options')).toBe('DENY')
			const html = await response.text()
			expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL')
			expect(externalReferences(html)).toEqual([])
			// the options the IDE starts with: our endpoint, the cookie, the CSRF header
			const options = JSON.parse(/renderYogaGraphiQL\(\s*[^,]+,\s*(\{.*?\}),?\s*\);/s.exec(html)![1]!) as Record<
				string,
				unknown
			>
			expect(options).toMatchObject({
				endpoint: '/graphql',
				credentials: 'same-origin',
				additionalHeaders: { 'x-graphql-csrf': '1' },
				defaultQuery: GRAPHIQL_DEFAULT_QUERY,
				shouldPersistHeaders: false,
			})
		},
	)

	test('the check for other origins finds the CDN in Yoga’s own GraphiQL, which is why it is not used', () => {
		expect(externalReferences(yogaCdnGraphiQL({})).join(' ')).toMatch(/unpkg\.com/)
	})

	test('anonymous callers, customers, dealers, regional offices, API tokens and expired sessions get no IDE: the API’s answer to a GET without a query', async () => {
		const anonymous = await openInBrowser(yogas.production)
		const expected = { status: anonymous.status, body: await anonymous.text() }
		expect(anonymous.headers.get('content-type') ?? '').not.toMatch(/html/)
		expect(expected.body).not.toMatch(/graphiql/i)
		for (const env of ['production', 'development'] as const) {
			for (const cookie of [undefined, cookies.customer, cookies.dealer, cookies.office, expiredStaffCookie]) {
				const response = await openInBrowser(yogas[env], cookie)
				expect({ status: response.status, body: await response.text() }, `${env} ${cookie}`).toEqual(expected)
			}
		}
		// a request with a token is a program's, even when a staff member's cookie comes along
		const withToken = await openInBrowser(yogas.production, cookies.staff, { authorization: 'Bearer cpt_nothing' })
		expect(withToken.headers.get('content-type') ?? '').not.toMatch(/html/)
		expect(await withToken.text()).not.toMatch(/graphiql/i)
	})

	test('the query it opens with runs with the staff member’s cookie and the header it sends', async () => {
		const response = await yogas.production.fetch('http://portal.test/graphql', {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-graphql-csrf': '1', cookie: cookies.staff },
			body: JSON.stringify({ query: GRAPHIQL_DEFAULT_QUERY }),
		})
		expect(response.status).toBe(200)
		expect(((await response.json()) as { data: unknown }).data).toEqual({
			viewer: { name: 'Ms staff', kind: 'STAFF', staffRole: 'AGENT' },
		})
	})
})

describe('the codes the API documentation promises for malformed documents', () => {
	test.each([
		['{ viewer {', 'GRAPHQL_PARSE_FAILED'],
		['{ noSuchField }', 'GRAPHQL_VALIDATION_FAILED'],
	])('%s answers %s', async (query, code) => {
		expect(TOP_LEVEL_ERROR_CODES).toContain(code)
		const response = await yogas.production.fetch('http://portal.test/graphql', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ query }),
		})
		const body = (await response.json()) as { errors: Array<{ extensions?: { code?: string } }> }
		expect(body.errors.map((e) => e.extensions?.code)).toEqual([code])
	})
})

describe('the schema as SDL', () => {
	test('is served to anyone at /graphql/schema.graphql behind Express, as the committed file prints it', async () => {
		const app = express()
		app.use('/graphql', (req, res) => yogas.production(req, res))
		const server = app.listen(0, '127.0.0.1')
		await new Promise((resolve) => server.once('listening', resolve))
		try {
			const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
			const response = await fetch(`${base}/graphql/schema.graphql`)
			expect(response.status).toBe(200)
			expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
			expect(await response.text()).toBe(printSchemaSDL(schema))
			const post = await fetch(`${base}/graphql/schema.graphql`, { method: 'POST' })
			expect(post.status).toBe(405)
			expect(post.headers.get('allow')).toBe('GET, HEAD')
			// the endpoint next to it is untouched
			expect((await fetch(`${base}/graphql/other`)).status).toBe(404)
		} finally {
			await new Promise((resolve) => server.close(resolve))
		}
	})
})
