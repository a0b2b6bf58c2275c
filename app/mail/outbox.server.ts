import { randomUUID } from 'node:crypto'
import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { Language } from '#app/i18n/config.ts'
import { renderEmail } from '#emails/render.ts'
import type { TemplateName, TemplateProps } from '#emails/templates.ts'

export type OutboxClient = PrismaClient | Prisma.TransactionClient

export interface OutboxEmail<T extends TemplateName> {
	to: string
	template: T
	props: TemplateProps<T>
	language: Language
	/**
	 * Also the provider's idempotency key. Give one derived from the cause (a token id, say)
	 * when the calling action may itself run twice; a second enqueue with the same key is
	 * then a no-op. Defaults to a random UUID.
	 */
	idempotencyKey?: string
}

/**
 * Writes an email to the outbox inside the caller's transaction, so that it exists if and
 * only if the change that causes it commits. The worker (outbox-worker.server.ts) sends it.
 * The email is rendered now, in the recipient's language, and stored as sent.
 */
export async function enqueueEmail<T extends TemplateName>(
	tx: OutboxClient,
	email: OutboxEmail<T>,
): Promise<{ id: string; idempotencyKey: string; created: boolean }> {
	const idempotencyKey = email.idempotencyKey ?? randomUUID()
	const { subject, html, text } = await renderEmail(email.template, email.props, email.language)
	// ON CONFLICT DO NOTHING: a unique violation would abort the caller's whole transaction
	// on PostgreSQL.
	const { count } = await tx.outboxMessage.createMany({
		data: [
			{
				idempotencyKey,
				toAddress: email.to,
				subject,
				html,
				text,
				template: email.template,
				nextAttemptAt: new Date(),
			},
		],
		skipDuplicates: true,
	})
	const row = await tx.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey }, select: { id: true } })
	return { id: row.id, idempotencyKey, created: count === 1 }
}
