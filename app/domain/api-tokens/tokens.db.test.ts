import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import { countStatements } from '#tests/count-statements.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createRegion, createUser } from '#tests/fixtures.ts'
import { DomainValidationError, InsufficientAuthorityError, NotFoundError } from '../errors.ts'
import {
	authenticateApiToken,
	createApiToken,
	hashApiTokenSecret,
	LAST_USED_RESOLUTION_MS,
	listApiTokens,
	revokeApiToken,
} from './tokens.ts'

let db: Database
let region: { id: string }
let dealer: { id: string }
let office: { id: string }
let dan: Viewer
let dora: Viewer
let dave: Viewer
let olive: Viewer

const T0 = new Date('2026-11-23T08:00:00Z')
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000)
const days = (n: number) => minutes(n * 24 * 60)

beforeAll(async () => {
	db = await createTestDatabase()
	const prisma = db.prisma
	region = await createRegion(prisma)
	const org = (kind: 'DEALER' | 'REGIONAL_OFFICE', code: string) =>
		prisma.organization.create({
			data: { kind, code: `${code}-${crypto.randomUUID().slice(0, 8)}`, name: code, regionId: region.id },
		})
	dealer = await org('DEALER', 'D-A')
	const otherDealer = await org('DEALER', 'D-B')
	office = await org('REGIONAL_OFFICE', 'RO')
	dan = (await createUser(prisma, { kind: 'DEALER', organizationId: dealer.id, name: 'Dan' })).viewer
	dora = (await createUser(prisma, { kind: 'DEALER', organizationId: dealer.id, name: 'Dora' })).viewer
	dave = (await createUser(prisma, { kind: 'DEALER', organizationId: otherDealer.id, name: 'Dave' })).viewer
	olive = (await createUser(prisma, { kind: 'REGIONAL_OFFICE', organizationId: office.id, name: 'Olive' })).viewer
})
afterAll(() => db.close())

const READ_ONLY = { scopes: ['READ_COMPLAINTS' as const], expiresInDays: 90 as const }

describe('creating a token', () => {
	test('returns the secret once; the database keeps only its hash and the shown prefix', async () => {
		const { secret, token } = await createApiToken(db.prisma, dan, { name: 'ERP sync', ...READ_ONLY }, T0)
		expect(secret).toMatch(/^cpt_[a-z2-7]{32}$/)
		expect(token).toMatchObject({
			name: 'ERP sync',
			prefix: secret.slice(0, 8),
			scopes: ['READ_COMPLAINTS'],
			createdByName: 'Dan',
			createdAt: T0,
			expiresAt: days(90),
			lastUsedAt: null,
			state: 'active',
		})
		const row = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })
		expect(row).toMatchObject({ organizationId: dealer.id, createdById: dan.userId, prefix: secret.slice(0, 8) })
		expect(row.tokenHash).toBe(hashApiTokenSecret(secret))
		expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/)
		// the secret is in no column, and no list gives it back
		expect(JSON.stringify(row)).not.toContain(secret.slice(8))
		const listed = await listApiTokens(db.prisma, dora, T0)
		expect(JSON.stringify(listed)).not.toContain(secret.slice(8))
		expect(listed.find((t) => t.id === token.id)).toEqual(token)
	})

	test('two tokens never share a secret, and a write scope brings reading with it', async () => {
		const a = await createApiToken(db.prisma, dan, { name: 'a', scopes: ['WRITE_REPLIES'], expiresInDays: null }, T0)
		const b = await createApiToken(
			db.prisma,
			dan,
			{ name: 'b', scopes: ['WEBHOOKS', 'WRITE_COMPLAINTS', 'WEBHOOKS'], expiresInDays: 30 },
			T0,
		)
		expect(a.secret).not.toBe(b.secret)
		expect(a.token).toMatchObject({ scopes: ['READ_COMPLAINTS', 'WRITE_REPLIES'], expiresAt: null })
		expect(b.token).toMatchObject({ scopes: ['READ_COMPLAINTS', 'WRITE_COMPLAINTS', 'WEBHOOKS'], expiresAt: days(30) })
	})

	test('a name is required, short, and unique among the live tokens of the organization', async () => {
		const refusal = async (input: Parameters<typeof createApiToken>[2]) => {
			const error = await createApiToken(db.prisma, olive, input, T0).catch((e: unknown) => e)
			expect(error).toBeInstanceOf(DomainValidationError)
			return { field: (error as DomainValidationError).field, key: (error as DomainValidationError).messageKey }
		}
		expect(await refusal({ name: '   ', ...READ_ONLY })).toEqual({ field: 'name', key: 'validation:required' })
		expect(await refusal({ name: 'x'.repeat(81), ...READ_ONLY })).toEqual({
			field: 'name',
			key: 'tokens:validation.nameTooLong',
		})
		expect(await refusal({ name: 'CRM', scopes: [], expiresInDays: 90 })).toEqual({
			field: 'scopes',
			key: 'tokens:validation.chooseScope',
		})
		expect(await refusal({ name: 'CRM', scopes: ['READ_COMPLAINTS'], expiresInDays: 7 as never })).toEqual({
			field: 'expiresInDays',
			key: 'validation:choose',
		})

		const first = await createApiToken(db.prisma, olive, { name: ' CRM ', ...READ_ONLY }, T0)
		expect(first.token.name).toBe('CRM')
		expect(await refusal({ name: 'CRM', ...READ_ONLY })).toEqual({ field: 'name', key: 'tokens:validation.nameTaken' })
		// another organization may use the name; a revoked token frees it
		await createApiToken(db.prisma, dave, { name: 'CRM', ...READ_ONLY }, T0)
		await revokeApiToken(db.prisma, olive, first.token.id, T0)
		await createApiToken(db.prisma, olive, { name: 'CRM', ...READ_ONLY }, T0)
		expect(await db.prisma.apiToken.count({ where: { name: 'CRM' } })).toBe(3)
	})

	test('only members of a dealer or regional office, for their own organization; never a token', async () => {
		const customer = (await createUser(db.prisma)).viewer
		const agent = (await createUser(db.prisma, { kind: 'STAFF', staffRole: 'ADMIN' })).viewer
		const before = await db.prisma.apiToken.count()
		for (const viewer of [customer, agent]) {
			await expect(createApiToken(db.prisma, viewer, { name: 'x', ...READ_ONLY })).rejects.toThrow(
				InsufficientAuthorityError,
			)
			await expect(listApiTokens(db.prisma, viewer)).rejects.toThrow(InsufficientAuthorityError)
		}
		const { secret } = await createApiToken(db.prisma, dan, { name: 'token-made', ...READ_ONLY }, T0)
		const asToken = await authenticateApiToken(db.prisma, secret, T0)
		if (!asToken.ok) throw new Error('expected the token to work')
		await expect(createApiToken(db.prisma, asToken.viewer, { name: 'y', ...READ_ONLY })).rejects.toThrow(
			InsufficientAuthorityError,
		)
		await expect(listApiTokens(db.prisma, asToken.viewer)).rejects.toThrow(InsufficientAuthorityError)
		expect(await db.prisma.apiToken.count()).toBe(before + 1)
	})
})

describe('authenticating', () => {
	test("a live token is its organization, narrowed by its scopes, acting in its creator's name", async () => {
		const { secret, token } = await createApiToken(db.prisma, olive, { name: 'office-api', ...READ_ONLY }, T0)
		expect(await authenticateApiToken(db.prisma, secret, minutes(1))).toEqual({
			ok: true,
			viewer: {
				userId: olive.userId,
				kind: 'REGIONAL_OFFICE',
				staffRole: null,
				organizationId: office.id,
				organizationKind: 'REGIONAL_OFFICE',
				regionId: region.id,
				tokenScopes: ['READ_COMPLAINTS'],
				apiTokenId: token.id,
			},
		})
	})

	test('unknown, malformed, revoked and expired tokens are refused with their reason', async () => {
		const live = await createApiToken(db.prisma, dan, { name: 'soon-revoked', ...READ_ONLY }, T0)
		const expiring = await createApiToken(db.prisma, dan, { name: 'expiring', ...READ_ONLY, expiresInDays: 30 }, T0)
		const refusal = async (secret: string, at: Date) => {
			const outcome = await authenticateApiToken(db.prisma, secret, at)
			return outcome.ok ? 'ok' : outcome.reason
		}
		expect(await refusal(`cpt_${'a'.repeat(32)}`, T0)).toBe('unknown')
		expect(await refusal(live.secret.toUpperCase(), T0)).toBe('unknown')
		expect(await refusal(`${live.secret}x`, T0)).toBe('unknown')
		expect(await refusal(hashApiTokenSecret(live.secret), T0)).toBe('unknown')

		expect(await refusal(live.secret, T0)).toBe('ok')
		await revokeApiToken(db.prisma, dora, live.token.id, minutes(5))
		expect(await refusal(live.secret, minutes(5))).toBe('revoked')
		expect(await db.prisma.apiToken.findUniqueOrThrow({ where: { id: live.token.id } })).toMatchObject({
			revokedAt: minutes(5),
			revokedById: dora.userId,
		})

		expect(await refusal(expiring.secret, minutes(30 * 24 * 60 - 1))).toBe('ok')
		expect(await refusal(expiring.secret, days(30))).toBe('expired')
		const listed = await listApiTokens(db.prisma, dan, days(30))
		expect(listed.find((t) => t.id === expiring.token.id)?.state).toBe('expired')
		expect(listed.find((t) => t.id === live.token.id)).toMatchObject({ state: 'revoked', revokedByName: 'Dora' })
	})

	test('a token stops working when the member who made it leaves the organization', async () => {
		const leaver = await createUser(db.prisma, { kind: 'DEALER', organizationId: dealer.id })
		const { secret } = await createApiToken(db.prisma, leaver.viewer, { name: 'leaver', ...READ_ONLY }, T0)
		expect((await authenticateApiToken(db.prisma, secret, T0)).ok).toBe(true)
		await db.prisma.user.update({ where: { id: leaver.user.id }, data: { organizationId: office.id } })
		expect(await authenticateApiToken(db.prisma, secret, T0)).toEqual({ ok: false, reason: 'revoked' })
	})

	test('lastUsedAt is written at most once a minute per token', async () => {
		const { secret, token } = await createApiToken(db.prisma, dan, { name: 'busy', ...READ_ONLY }, T0)
		const lastUsed = async () => (await db.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt
		const at = (ms: number) => new Date(T0.getTime() + ms)
		expect(await lastUsed()).toBeNull()
		await authenticateApiToken(db.prisma, secret, at(1_000))
		expect(await lastUsed()).toEqual(at(1_000))
		// many requests within the minute: no write
		for (const ms of [2_000, 30_000, LAST_USED_RESOLUTION_MS]) await authenticateApiToken(db.prisma, secret, at(ms))
		expect(await lastUsed()).toEqual(at(1_000))
		await authenticateApiToken(db.prisma, secret, at(1_000 + LAST_USED_RESOLUTION_MS))
		expect(await lastUsed()).toEqual(at(1_000 + LAST_USED_RESOLUTION_MS))
		// refused requests do not count as use
		await revokeApiToken(db.prisma, dan, token.id, at(10 * LAST_USED_RESOLUTION_MS))
		await authenticateApiToken(db.prisma, secret, at(20 * LAST_USED_RESOLUTION_MS))
		expect(await lastUsed()).toEqual(at(1_000 + LAST_USED_RESOLUTION_MS))
	})
})

describe('authenticating, in round trips', () => {
	test('one statement reads the token with its organization and creator; the minute’s lastUsedAt write is the only other', async () => {
		const { secret } = await createApiToken(db.prisma, dan, { name: 'round-trips', ...READ_ONLY }, T0)
		const statementsOf = (token: string, at: Date) =>
			countStatements(db, () => authenticateApiToken(db.prisma, token, at))
		const first = await statementsOf(secret, minutes(1))
		expect(first).toHaveLength(2)
		expect(first[0]).toMatch(/FROM "ApiToken" t\s+JOIN "Organization" o .*JOIN "User" u/s)
		expect(first[1]).toMatch(/^UPDATE "public"."ApiToken"/)
		expect(await statementsOf(secret, minutes(1.5))).toHaveLength(1)
		// a refusal costs the same read, or none when the secret is not shaped like one of ours
		expect(await statementsOf(`cpt_${'b'.repeat(32)}`, T0)).toHaveLength(1)
		expect(await statementsOf('not-a-token', T0)).toHaveLength(0)
	})
})

describe('revoking', () => {
	test("another organization's token is not found, and stays live", async () => {
		const { secret, token } = await createApiToken(db.prisma, dave, { name: 'daves', ...READ_ONLY }, T0)
		await expect(revokeApiToken(db.prisma, dan, token.id, T0)).rejects.toThrow(NotFoundError)
		await expect(revokeApiToken(db.prisma, dan, 'no-such-token', T0)).rejects.toThrow(NotFoundError)
		expect((await authenticateApiToken(db.prisma, secret, T0)).ok).toBe(true)
		expect((await listApiTokens(db.prisma, dan, T0)).map((t) => t.id)).not.toContain(token.id)
	})

	test('revoking twice keeps the first revocation', async () => {
		const { token } = await createApiToken(db.prisma, dan, { name: 'twice', ...READ_ONLY }, T0)
		await revokeApiToken(db.prisma, dan, token.id, minutes(1))
		await revokeApiToken(db.prisma, dora, token.id, minutes(2))
		expect(await db.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).toMatchObject({
			revokedAt: minutes(1),
			revokedById: dan.userId,
		})
	})
})
