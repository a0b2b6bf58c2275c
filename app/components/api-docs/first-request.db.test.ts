import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import express from 'express'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import { createApiToken } from '#app/domain/api-tokens/tokens.ts'
import { createRateLimits } from '#app/rate-limit.server.ts'
import { apiFacts } from '#app/routes/developers/facts.server.ts'
import { createGraphQLHandler } from '#graphql/yoga.ts'
import { createTestContext } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createRegion, createUser } from '#tests/fixtures.ts'
import { curlFirstRequest, fetchFirstRequest } from './examples.ts'
import type { ApiFacts } from './facts.ts'

/**
 * The documentation's first request, in curl and in TypeScript, run as a partner would run them:
 * against the API over HTTP, with an API token in PORTAL_TOKEN.
 */

let db: Database
let server: Server
let facts: ApiFacts
let dir: string

beforeAll(async () => {
	db = await createTestDatabase()
	const app = express()
	const yoga = createGraphQLHandler({ ...createTestContext(db), limits: createRateLimits() })
	app.use('/graphql', (req, res) => yoga(req, res))
	server = app.listen(0, '127.0.0.1')
	await new Promise((resolve) => server.once('listening', resolve))
	const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	facts = apiFacts(createTestContext(db, { APP_URL: appUrl }))

	const region = await createRegion(db.prisma)
	const dealer = await db.prisma.organization.create({
		data: { kind: 'DEALER', code: 'D-DOCS', name: 'Dealer', regionId: region.id },
	})
	const { viewer } = await createUser(db.prisma, { kind: 'DEALER', organizationId: dealer.id, name: 'Dan Docs' })
	const { secret } = await createApiToken(db.prisma, viewer, {
		name: 'docs',
		scopes: ['READ_COMPLAINTS'],
		expiresInDays: null,
	})
	process.env.PORTAL_TOKEN = secret
	dir = await mkdtemp(path.join(tmpdir(), 'api-docs-'))
})

afterAll(async () => {
	delete process.env.PORTAL_TOKEN
	await new Promise((resolve) => server?.close(resolve))
	await db?.close()
	if (dir) await rm(dir, { recursive: true, force: true })
})

describe('the first request', () => {
	test('in curl', async () => {
		// the shell the page's command is pasted into
		const { stdout } = await promisify(execFile)('sh', ['-c', curlFirstRequest(facts)], { env: process.env })
		expect(JSON.parse(stdout)).toMatchObject({ data: { viewer: { name: 'Dan Docs', kind: 'DEALER' } } })
	})

	test('in TypeScript with fetch', async () => {
		const file = path.join(dir, 'first-request.ts')
		await writeFile(file, fetchFirstRequest(facts))
		const log = vi.spyOn(console, 'log').mockImplementation(() => {})
		try {
			await import(/* @vite-ignore */ file)
			expect(log).toHaveBeenCalledWith('Signed in as Dan Docs (DEALER)')
		} finally {
			log.mockRestore()
		}
	})
})
