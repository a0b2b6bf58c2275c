import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { ApiTokenScope, OrganizationKind } from '#app/generated/prisma/enums.ts'
import { DomainValidationError, NotFoundError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import { isTokenOrganizationKind, tokenOrganizationOf } from './access.ts'
import { ApiTokenSchema, type ApiTokenInput } from './schemas.ts'
import { normalizeScopes } from './scopes.ts'

/**
 * API tokens (issue 5 §3): an organization's keys to the GraphQL API, sent as
 * `Authorization: Bearer cpt_…`. Like sessions (docs/decisions/004), the secret is random and
 * only its SHA-256 is stored, so the database cannot be replayed as tokens; it is shown once,
 * when created. A token acts for its organization, with the organization's permissions narrowed
 * by its scopes; what it writes is attributed to the member who created it, and it stops working
 * when that person leaves the organization. See docs/decisions/010-api-tokens.md.
 */

type Db = PrismaClient | Prisma.TransactionClient

const DAY = 24 * 60 * 60 * 1000
/** lastUsedAt is this precise and no more: a busy integration writes once a minute, not per request. */
export const LAST_USED_RESOLUTION_MS = 60_000

export const API_TOKEN_PREFIX = 'cpt_'
// 20 random bytes, 160 bits, as base32: the session tokens' strength, with a prefix that secret
// scanners (and people) can recognise.
const SECRET_PATTERN = /^cpt_[a-z2-7]{32}$/
/** How much of the secret lists show, so that people can tell their tokens apart. */
export const SHOWN_PREFIX_LENGTH = 8

export function generateApiTokenSecret(): string {
	const bytes = new Uint8Array(20)
	crypto.getRandomValues(bytes)
	return API_TOKEN_PREFIX + encodeBase32LowerCaseNoPadding(bytes)
}

export function hashApiTokenSecret(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)))
}

export type ApiTokenState = 'active' | 'expired' | 'revoked'

export interface ApiTokenView {
	id: string
	name: string
	prefix: string
	scopes: ApiTokenScope[]
	createdAt: Date
	createdByName: string
	expiresAt: Date | null
	lastUsedAt: Date | null
	revokedAt: Date | null
	revokedByName: string | null
	state: ApiTokenState
}

function stateOf(token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): ApiTokenState {
	if (token.revokedAt) return 'revoked'
	if (token.expiresAt && token.expiresAt <= now) return 'expired'
	return 'active'
}

/** The organization whose tokens the viewer manages, as the page names it. */
export async function apiTokenOrganization(db: Db, viewer: Viewer): Promise<{ name: string }> {
	return db.organization.findUniqueOrThrow({ where: { id: tokenOrganizationOf(viewer) }, select: { name: true } })
}

/** The viewer's organization's tokens, newest first, revoked and expired ones included. */
export async function listApiTokens(db: Db, viewer: Viewer, now = new Date()): Promise<ApiTokenView[]> {
	const organizationId = tokenOrganizationOf(viewer)
	const rows = await db.apiToken.findMany({
		where: { organizationId },
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		select: {
			id: true,
			name: true,
			prefix: true,
			scopes: true,
			createdAt: true,
			expiresAt: true,
			lastUsedAt: true,
			revokedAt: true,
			createdBy: { select: { name: true } },
			revokedBy: { select: { name: true } },
		},
	})
	return rows.map(({ createdBy, revokedBy, ...row }) => ({
		...row,
		createdByName: createdBy.name,
		revokedByName: revokedBy?.name ?? null,
		state: stateOf(row, now),
	}))
}

export interface CreatedApiToken {
	token: ApiTokenView
	/** the whole secret: returned here once and never again */
	secret: string
}

/**
 * Creates a token for the viewer's organization. Names are unique among its live tokens, so that
 * a list never shows two "ERP" keys of which one must be revoked.
 */
export async function createApiToken(
	db: Db,
	viewer: Viewer,
	input: ApiTokenInput,
	now = new Date(),
): Promise<CreatedApiToken> {
	const organizationId = tokenOrganizationOf(viewer)
	const parsed = ApiTokenSchema.safeParse(input)
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!
		throw new DomainValidationError(String(issue.path[0] ?? ''), issue.message)
	}
	const { name, expiresInDays } = parsed.data
	const scopes = normalizeScopes(parsed.data.scopes)
	const clash = await db.apiToken.findFirst({
		where: { organizationId, name, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
		select: { id: true },
	})
	if (clash) throw new DomainValidationError('name', 'tokens:validation.nameTaken')
	const secret = generateApiTokenSecret()
	const row = await db.apiToken.create({
		data: {
			organizationId,
			name,
			prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
			tokenHash: hashApiTokenSecret(secret),
			scopes,
			createdById: viewer.userId,
			createdAt: now,
			expiresAt: expiresInDays === null ? null : new Date(now.getTime() + expiresInDays * DAY),
		},
		select: { id: true, prefix: true, expiresAt: true, createdBy: { select: { name: true } } },
	})
	return {
		secret,
		token: {
			id: row.id,
			name,
			prefix: row.prefix,
			scopes,
			createdAt: now,
			createdByName: row.createdBy.name,
			expiresAt: row.expiresAt,
			lastUsedAt: null,
			revokedAt: null,
			revokedByName: null,
			state: 'active',
		},
	}
}

/**
 * Revokes one of the viewer's organization's tokens, at once: the next request with it is
 * refused. Revoking a revoked token changes nothing; another organization's is not found.
 */
export async function revokeApiToken(db: Db, viewer: Viewer, tokenId: string, now = new Date()): Promise<void> {
	const organizationId = tokenOrganizationOf(viewer)
	const { count } = await db.apiToken.updateMany({
		where: { id: tokenId, organizationId, revokedAt: null },
		data: { revokedAt: now, revokedById: viewer.userId },
	})
	if (count === 0 && !(await db.apiToken.findFirst({ where: { id: tokenId, organizationId }, select: { id: true } })))
		throw new NotFoundError('ApiToken')
}

/** Why a bearer token was refused. Clients are told only that it is invalid (RFC 6750). */
export type ApiTokenRefusal = 'unknown' | 'revoked' | 'expired'

export type ApiTokenAuthentication = { ok: true; viewer: Viewer } | { ok: false; reason: ApiTokenRefusal }

/** A token with what authenticating it needs of its organization and its creator. */
interface TokenForAuthentication {
	id: string
	organizationId: string
	scopes: ApiTokenScope[]
	createdById: string
	expiresAt: Date | null
	lastUsedAt: Date | null
	revokedAt: Date | null
	organizationKind: OrganizationKind
	regionId: string | null
	creatorOrganizationId: string | null
}

/**
 * The viewer a bearer secret stands for, or why it stands for nobody. One indexed read per
 * request, so a revocation counts from the next request; `lastUsedAt` is written only when it is
 * a minute old, and conditionally, so that several instances serving one busy token write once.
 */
export async function authenticateApiToken(db: Db, secret: string, now = new Date()): Promise<ApiTokenAuthentication> {
	// Not shaped like one of ours: no need to ask the database.
	if (!SECRET_PATTERN.test(secret)) return { ok: false, reason: 'unknown' }
	// One statement with its joins: every API request runs this, and Prisma would read the
	// organization and the creator with a statement each, three round trips where one does
	// (measured with bench/graphql-throughput.ts).
	const [token] = await db.$queryRaw<TokenForAuthentication[]>`
		SELECT t."id", t."organizationId", t."scopes"::text[] AS "scopes", t."createdById", t."expiresAt",
			t."lastUsedAt", t."revokedAt", o."kind"::text AS "organizationKind", o."regionId",
			u."organizationId" AS "creatorOrganizationId"
		FROM "ApiToken" t
		JOIN "Organization" o ON o."id" = t."organizationId"
		JOIN "User" u ON u."id" = t."createdById"
		WHERE t."tokenHash" = ${hashApiTokenSecret(secret)}`
	if (!token) return { ok: false, reason: 'unknown' }
	const kind = token.organizationKind
	// A member who left takes the tokens they made with them: the organization can no longer
	// answer for what is written in their name.
	if (token.revokedAt || token.creatorOrganizationId !== token.organizationId || !isTokenOrganizationKind(kind))
		return { ok: false, reason: 'revoked' }
	if (token.expiresAt && token.expiresAt <= now) return { ok: false, reason: 'expired' }
	const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS)
	if (!token.lastUsedAt || token.lastUsedAt <= staleBefore) {
		await db.apiToken.updateMany({
			where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: staleBefore } }] },
			data: { lastUsedAt: now },
		})
	}
	return {
		ok: true,
		viewer: {
			userId: token.createdById,
			kind,
			staffRole: null,
			organizationId: token.organizationId,
			organizationKind: kind,
			regionId: token.regionId,
			tokenScopes: token.scopes,
			apiTokenId: token.id,
		},
	}
}
