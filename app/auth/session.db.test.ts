import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestDatabase } from '#tests/db.ts'
import type { Database } from '#app/db/database.server.ts'
import {
	createSession,
	hashToken,
	invalidateUserSessions,
	readSessionToken,
	sessionCookie,
	validateSessionToken,
} from './session.server.ts'

let db: Database
beforeAll(async () => {
	db = await createTestDatabase()
})
afterAll(() => db.close())

const MIN = 60_000
const DAY = 24 * 60 * MIN

async function makeUser(kind: 'CUSTOMER' | 'STAFF') {
	return db.prisma.user.create({
		data: {
			email: `${kind.toLowerCase()}-${Math.random()}@example.com`,
			name: 'Test',
			passwordHash: 'x',
			kind,
			staffRole: kind === 'STAFF' ? 'AGENT' : null,
		},
	})
}

describe('sessions', () => {
	test('the database keeps only the token hash', async () => {
		const user = await makeUser('CUSTOMER')
		const { token, id } = await createSession(db.prisma, user)
		expect(id).toBe(hashToken(token))
		expect(await db.prisma.session.findUnique({ where: { id: token } })).toBeNull()
		expect(await db.prisma.session.findUnique({ where: { id } })).not.toBeNull()
	})

	test('a customer session slides with use but never past 30 days from sign-in', async () => {
		const user = await makeUser('CUSTOMER')
		const t0 = new Date('2026-01-01T00:00:00Z')
		const { token } = await createSession(db.prisma, user, {}, t0)
		const at20 = await validateSessionToken(db.prisma, token, new Date(t0.getTime() + 20 * DAY))
		expect(at20?.session.expiresAt.getTime()).toBe(t0.getTime() + 30 * DAY)
		expect(await validateSessionToken(db.prisma, token, new Date(t0.getTime() + 30 * DAY + 1))).toBeNull()
		// and the expired row is gone
		expect(await db.prisma.session.count({ where: { userId: user.id } })).toBe(0)
	})

	test('a staff session ends after 30 idle minutes, slides with use, and ends at 12 hours regardless', async () => {
		const user = await makeUser('STAFF')
		const t0 = new Date('2026-01-01T00:00:00Z')
		const { token } = await createSession(db.prisma, user, {}, t0)
		let now = t0.getTime()
		// active every 20 minutes for 11h40m: still signed in
		for (let i = 0; i < 35; i++) {
			now += 20 * MIN
			expect(await validateSessionToken(db.prisma, token, new Date(now))).not.toBeNull()
		}
		// past the 12-hour cap even though active
		now = t0.getTime() + 12 * 60 * MIN + 1
		expect(await validateSessionToken(db.prisma, token, new Date(now))).toBeNull()

		const idle = await createSession(db.prisma, user, {}, t0)
		expect(await validateSessionToken(db.prisma, idle.token, new Date(t0.getTime() + 31 * MIN))).toBeNull()
	})

	test('revoking all sessions but one keeps that one', async () => {
		const user = await makeUser('CUSTOMER')
		const a = await createSession(db.prisma, user)
		const b = await createSession(db.prisma, user)
		await invalidateUserSessions(db.prisma, user.id, a.id)
		expect(await validateSessionToken(db.prisma, a.token)).not.toBeNull()
		expect(await validateSessionToken(db.prisma, b.token)).toBeNull()
	})

	test('the cookie is httpOnly and SameSite=Lax, Secure only in production; junk cookies are ignored', () => {
		const expires = new Date('2026-02-01T00:00:00Z')
		expect(sessionCookie('abc', expires, false)).toBe(
			'session=abc; Path=/; HttpOnly; SameSite=Lax; Expires=Sun, 01 Feb 2026 00:00:00 GMT',
		)
		expect(sessionCookie('abc', expires, true)).toMatch(/; Secure$/)
		const request = (cookie: string) => new Request('http://x/', { headers: { cookie } })
		expect(readSessionToken(request('session=' + 'a'.repeat(32)))).toBe('a'.repeat(32))
		expect(readSessionToken(request("session=' OR 1=1"))).toBeNull()
		expect(readSessionToken(request('other=1'))).toBeNull()
	})
})
