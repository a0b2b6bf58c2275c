import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import type { Prisma } from '#app/generated/prisma/client.ts'

/**
 * The secret in a survey link. Random (160 bits, as session tokens), only its SHA-256 stored
 * (`SurveyToken.id`), so neither the database nor a backup can be turned into working links; a
 * changed character finds no row. It opens one survey and nothing else (no session, no other
 * page), and stops working when the survey expires. See docs/decisions/014-satisfaction-surveys.md.
 */

const TOKEN_PATTERN = /^[a-z2-7]{32}$/

export function generateSurveyToken(): string {
	const bytes = new Uint8Array(20)
	crypto.getRandomValues(bytes)
	return encodeBase32LowerCaseNoPadding(bytes)
}

export function hashSurveyToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

/** Whether a string could be a token at all: anything else is refused before the database. */
export function isWellFormedSurveyToken(token: string): boolean {
	return TOKEN_PATTERN.test(token)
}

/** A new link secret for the survey; the caller puts it in the email and forgets it. */
export async function issueSurveyToken(tx: Prisma.TransactionClient, surveyId: string, now: Date): Promise<string> {
	const token = generateSurveyToken()
	await tx.surveyToken.create({ data: { id: hashSurveyToken(token), surveyId, createdAt: now } })
	return token
}
