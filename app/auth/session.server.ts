import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import type { Db } from '#app/db/database.server.ts'
import type { UserKind } from '#app/generated/prisma/enums.ts'

/**
 * Sessions as lucia-auth.com describes them (the `lucia` package itself is deprecated): the
 * cookie holds a random token, the database only its SHA-256, so a leaked database
 * cannot be replayed as cookies. Expiry slides with use up to an absolute cap (ASVS 5.0
 * 7.3.2). See docs/decisions/004-sessions-per-the-lucia-guide.md.
 */

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export interface SessionPolicy {
	/** how long an unused session lives */
	idle: number
	/** how long any session lives, however active */
	absolute: number
}

// DESIGN.md §9: customers 30 days; staff and partners (who see many customers' data) 30 min idle, 12 h.
export function sessionPolicyFor(kind: UserKind): SessionPolicy {
	return kind === 'CUSTOMER' ? { idle: 30 * DAY, absolute: 30 * DAY } : { idle: 30 * MINUTE, absolute: 12 * HOUR }
}

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20)
	crypto.getRandomValues(bytes)
	return encodeBase32LowerCaseNoPadding(bytes)
}

/** Single-use emailed tokens and session tokens are both stored only as this hash. */
export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

export interface NewSession {
	token: string
	id: string
	expiresAt: Date
	/**
	 * The cookie lives to the absolute cap: the server alone decides idle expiry, so a sliding
	 * session never needs its cookie re-sent.
	 */
	cookieExpiresAt: Date
}

export async function createSession(
	db: Db,
	user: { id: string; kind: UserKind },
	meta: { userAgent?: string | null; ipAddress?: string | null } = {},
	now = new Date(),
): Promise<NewSession> {
	const token = generateSessionToken()
	const id = hashToken(token)
	const policy = sessionPolicyFor(user.kind)
	const expiresAt = new Date(now.getTime() + Math.min(policy.idle, policy.absolute))
	await db.session.create({
		data: {
			id,
			userId: user.id,
			createdAt: now,
			lastSeenAt: now,
			expiresAt,
			userAgent: meta.userAgent?.slice(0, 300) ?? null,
			ipAddress: meta.ipAddress ?? null,
		},
	})
	return { token, id, expiresAt, cookieExpiresAt: new Date(now.getTime() + policy.absolute) }
}

const sessionUserSelect = {
	id: true,
	email: true,
	name: true,
	kind: true,
	staffRole: true,
	organizationId: true,
	emailVerifiedAt: true,
	locale: true,
	organization: { select: { kind: true, regionId: true } },
} as const

export type SessionUser = NonNullable<Awaited<ReturnType<typeof findSessionUser>>>
function findSessionUser(db: Db, id: string) {
	return db.session.findUnique({ where: { id }, include: { user: { select: sessionUserSelect } } })
}

export interface ValidSession {
	session: { id: string; createdAt: Date; expiresAt: Date }
	user: SessionUser['user']
	/** set when the expiry moved and the cookie must be sent again */
	refreshed: boolean
}

export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<ValidSession | null> {
	const id = hashToken(token)
	const row = await findSessionUser(db, id)
	if (!row) return null
	if (now >= row.expiresAt) {
		await db.session.deleteMany({ where: { id } })
		return null
	}
	const policy = sessionPolicyFor(row.user.kind)
	const cap = row.createdAt.getTime() + policy.absolute
	let expiresAt = row.expiresAt
	let refreshed = false
	// Lucia's rule: extend once half of the idle window is used, so most requests do not write.
	if (row.expiresAt.getTime() - now.getTime() < policy.idle / 2) {
		const next = new Date(Math.min(now.getTime() + policy.idle, cap))
		if (next > row.expiresAt) {
			expiresAt = next
			refreshed = true
			await db.session.update({ where: { id }, data: { expiresAt, lastSeenAt: now } })
		}
	}
	return { session: { id, createdAt: row.createdAt, expiresAt }, user: row.user, refreshed }
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.session.deleteMany({ where: { id: sessionId } })
}

/** Signs a user out everywhere, optionally keeping the session making the request. */
export async function invalidateUserSessions(db: Db, userId: string, exceptSessionId?: string): Promise<void> {
	await db.session.deleteMany({ where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) } })
}

export const SESSION_COOKIE = 'session'

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
	return [
		`${SESSION_COOKIE}=${token}`,
		'Path=/',
		'HttpOnly',
		'SameSite=Lax',
		`Expires=${expiresAt.toUTCString()}`,
		...(secure ? ['Secure'] : []),
	].join('; ')
}

export function blankSessionCookie(secure: boolean): string {
	return [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0', ...(secure ? ['Secure'] : [])].join(
		'; ',
	)
}

export function readSessionToken(request: Request): string | null {
	const header = request.headers.get('cookie')
	if (!header) return null
	for (const part of header.split(';')) {
		const eq = part.indexOf('=')
		if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
			const value = part.slice(eq + 1).trim()
			// tokens are base32: anything else is not ours
			return /^[a-z2-7]{32}$/.test(value) ? value : null
		}
	}
	return null
}
