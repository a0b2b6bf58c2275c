import type { Config } from '#app/config.server.ts'
import type { Db } from '#app/db/database.server.ts'
import type { Language } from '#app/i18n/config.ts'
import { languageFromLocale, localeFromLanguage } from '#app/i18n/config.ts'
import { enqueueEmail } from '#app/mail/outbox.server.ts'
import type { RateLimits } from '#app/rate-limit.server.ts'
import { burnPasswordCheck, hashPassword, verifyPassword } from './password.server.ts'
import {
	createSession,
	generateSessionToken,
	hashToken,
	invalidateUserSessions,
	type NewSession,
} from './session.server.ts'

/**
 * Account commands behind the sign-up, sign-in, verification and password pages (and, later,
 * GraphQL). Each writes its change and the email it causes in one transaction. Answers never
 * reveal whether an address is registered: the pages say the same thing either way, and the
 * owner of the address learns the rest by email.
 */
export interface AccountDeps {
	db: Db
	config: Config
	limits: RateLimits
}

export interface RequestMeta {
	ip: string
	userAgent?: string | null
	language: Language
}

const MINUTE = 60_000
// DESIGN.md §9 (ASVS 5.0 6.5.5): reset links 10 minutes, verification links 24 hours.
export const RESET_TOKEN_TTL_MS = 10 * MINUTE
export const VERIFY_TOKEN_TTL_MS = 24 * 60 * MINUTE

async function issueToken(
	tx: Pick<Db, 'authToken'>,
	userId: string,
	purpose: 'VERIFY_EMAIL' | 'RESET_PASSWORD',
	ttlMs: number,
	now: Date,
): Promise<string> {
	const token = generateSessionToken()
	await tx.authToken.create({
		data: { id: hashToken(token), userId, purpose, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) },
	})
	return token
}

/** Marks a token used if it is valid; true exactly once per token, even under races. */
async function consumeToken(
	tx: Pick<Db, 'authToken'>,
	token: string,
	purpose: 'VERIFY_EMAIL' | 'RESET_PASSWORD',
	now: Date,
): Promise<string | null> {
	const id = hashToken(token)
	const row = await tx.authToken.findUnique({ where: { id }, select: { userId: true, purpose: true } })
	if (!row || row.purpose !== purpose) return null
	const { count } = await tx.authToken.updateMany({
		where: { id, usedAt: null, expiresAt: { gt: now } },
		data: { usedAt: now },
	})
	return count === 1 ? row.userId : null
}

function emailLanguage(user: { locale: 'zh_CN' | 'en' | null }, fallback: Language): Language {
	return languageFromLocale(user.locale) ?? fallback
}

export async function signUp(
	deps: AccountDeps,
	input: { name: string; email: string; password: string },
	meta: RequestMeta,
	now = new Date(),
): Promise<void> {
	await deps.limits.consume([['signUpPerAddress', meta.ip]])
	// Hash first, whatever happens next, so that a registered address takes as long to answer.
	const passwordHash = await hashPassword(input.password)
	const existing = await deps.db.user.findUnique({ where: { email: input.email } })
	if (existing) {
		await enqueueEmail(deps.db, {
			to: existing.email,
			template: 'signup-existing',
			language: emailLanguage(existing, meta.language),
			props: {
				name: existing.name,
				signInUrl: `${deps.config.appUrl}/login`,
				resetUrl: `${deps.config.appUrl}/forgot-password`,
			},
		})
		return
	}
	await deps.db.$transaction(async (tx) => {
		const user = await tx.user.create({
			data: {
				email: input.email,
				name: input.name,
				passwordHash,
				kind: 'CUSTOMER',
				locale: localeFromLanguage(meta.language),
			},
		})
		const token = await issueToken(tx, user.id, 'VERIFY_EMAIL', VERIFY_TOKEN_TTL_MS, now)
		await enqueueEmail(tx, {
			to: user.email,
			template: 'verify-email',
			language: meta.language,
			props: { name: user.name, url: `${deps.config.appUrl}/verify?${new URLSearchParams({ token })}` },
		})
	})
}

export type VerifyResult = { ok: true; session: NewSession } | { ok: false }

/** Confirms the address and signs the user in: the link proved they hold the mailbox. */
export async function verifyEmail(
	deps: AccountDeps,
	token: string,
	meta: RequestMeta,
	now = new Date(),
): Promise<VerifyResult> {
	await deps.limits.consume([['verifyPerAddress', meta.ip]])
	const user = await deps.db.$transaction(async (tx) => {
		const userId = await consumeToken(tx, token, 'VERIFY_EMAIL', now)
		if (!userId) return null
		return tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: now } })
	})
	if (!user) return { ok: false }
	const session = await createSession(deps.db, user, { ipAddress: meta.ip, userAgent: meta.userAgent }, now)
	return { ok: true, session }
}

export type SignInResult =
	| { ok: true; session: NewSession; user: { id: string; kind: string } }
	| { ok: false; reason: 'invalid-credentials' | 'unverified' }

export async function signIn(
	deps: AccountDeps,
	input: { email: string; password: string },
	meta: RequestMeta,
	now = new Date(),
): Promise<SignInResult> {
	await deps.limits.consume([
		['signInPerAccount', input.email],
		['signInPerAddress', meta.ip],
	])
	const user = await deps.db.user.findUnique({ where: { email: input.email } })
	if (!user) {
		await burnPasswordCheck(input.password)
		return { ok: false, reason: 'invalid-credentials' }
	}
	if (!(await verifyPassword(user.passwordHash, input.password))) return { ok: false, reason: 'invalid-credentials' }
	if (!user.emailVerifiedAt) {
		// Only someone who knows the password learns the account is unverified; send a fresh link.
		await deps.db.$transaction(async (tx) => {
			const token = await issueToken(tx, user.id, 'VERIFY_EMAIL', VERIFY_TOKEN_TTL_MS, now)
			await enqueueEmail(tx, {
				to: user.email,
				template: 'verify-email',
				language: emailLanguage(user, meta.language),
				props: { name: user.name, url: `${deps.config.appUrl}/verify?${new URLSearchParams({ token })}` },
			})
		})
		return { ok: false, reason: 'unverified' }
	}
	await deps.limits.reset('signInPerAccount', input.email)
	await deps.limits.refund('signInPerAddress', meta.ip)
	// A new token at every sign-in (ASVS 7.2.4): a token planted before sign-in is worthless.
	const session = await createSession(deps.db, user, { ipAddress: meta.ip, userAgent: meta.userAgent }, now)
	return { ok: true, session, user: { id: user.id, kind: user.kind } }
}

export async function requestPasswordReset(
	deps: AccountDeps,
	email: string,
	meta: RequestMeta,
	now = new Date(),
): Promise<void> {
	await deps.limits.consume([
		['resetPerAccount', email],
		['resetPerAddress', meta.ip],
	])
	const user = await deps.db.user.findUnique({ where: { email } })
	if (!user) return
	await deps.db.$transaction(async (tx) => {
		const token = await issueToken(tx, user.id, 'RESET_PASSWORD', RESET_TOKEN_TTL_MS, now)
		await enqueueEmail(tx, {
			to: user.email,
			template: 'reset-password',
			language: emailLanguage(user, meta.language),
			props: {
				name: user.name,
				url: `${deps.config.appUrl}/reset-password?${new URLSearchParams({ token })}`,
				expiresInMinutes: RESET_TOKEN_TTL_MS / MINUTE,
			},
		})
	})
}

/** Whether a reset link still works, without using it up (the page shows the form or says it expired). */
export async function isResetTokenUsable(db: Db, token: string, now = new Date()): Promise<boolean> {
	const row = await db.authToken.findUnique({ where: { id: hashToken(token) } })
	return !!row && row.purpose === 'RESET_PASSWORD' && !row.usedAt && row.expiresAt > now
}

async function setPassword(
	tx: Parameters<Parameters<Db['$transaction']>[0]>[0],
	deps: AccountDeps,
	user: { id: string; email: string; name: string; locale: 'zh_CN' | 'en' | null },
	password: string,
	meta: RequestMeta,
	now: Date,
) {
	await tx.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } })
	await enqueueEmail(tx, {
		to: user.email,
		template: 'password-changed',
		language: emailLanguage(user, meta.language),
		props: { name: user.name, time: now, resetUrl: `${deps.config.appUrl}/forgot-password` },
	})
}

/** Sets a new password from a reset link and signs the user out everywhere. */
export async function resetPassword(
	deps: AccountDeps,
	token: string,
	password: string,
	meta: RequestMeta,
	now = new Date(),
): Promise<{ ok: boolean }> {
	return deps.db.$transaction(async (tx) => {
		const userId = await consumeToken(tx, token, 'RESET_PASSWORD', now)
		if (!userId) return { ok: false }
		const user = await tx.user.findUniqueOrThrow({ where: { id: userId } })
		await setPassword(tx, deps, user, password, meta, now)
		// The link proves control of the mailbox, so the address is verified too.
		if (!user.emailVerifiedAt) await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: now } })
		await tx.session.deleteMany({ where: { userId } })
		return { ok: true }
	})
}

/** Changes the password of a signed-in user; every other session is signed out (ASVS 7.4.3). */
export async function changePassword(
	deps: AccountDeps,
	userId: string,
	currentSessionId: string,
	input: { currentPassword: string; password: string },
	meta: RequestMeta,
	now = new Date(),
): Promise<{ ok: true } | { ok: false; reason: 'wrong-password' }> {
	const user = await deps.db.user.findUniqueOrThrow({ where: { id: userId } })
	await deps.limits.consume([['signInPerAccount', user.email]])
	if (!(await verifyPassword(user.passwordHash, input.currentPassword))) return { ok: false, reason: 'wrong-password' }
	await deps.db.$transaction(async (tx) => {
		await setPassword(tx, deps, user, input.password, meta, now)
		await tx.session.deleteMany({ where: { userId, id: { not: currentSessionId } } })
	})
	return { ok: true }
}

export function listSessions(db: Db, userId: string, now = new Date()) {
	return db.session.findMany({
		where: { userId, expiresAt: { gt: now } },
		select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true, ipAddress: true },
		orderBy: { createdAt: 'desc' },
	})
}

/** Revokes one of the user's own sessions; someone else's session id does nothing. */
export async function revokeSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
	const { count } = await db.session.deleteMany({ where: { id: sessionId, userId } })
	return count === 1
}

export const revokeOtherSessions = invalidateUserSessions

export async function setLanguage(db: Db, userId: string, language: Language): Promise<void> {
	await db.user.update({ where: { id: userId }, data: { locale: localeFromLanguage(language) } })
}
