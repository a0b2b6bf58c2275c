import type { Db } from '#app/db/database.server.ts'
import type { OutboxStatus } from '#app/generated/prisma/enums.ts'

/** The dev mailbox: what the outbox holds, read back as an inbox for development and demos. */
export interface MailboxEntry {
	id: string
	to: string
	subject: string
	template: string
	status: OutboxStatus
	createdAt: string
}

export interface MailboxMessage extends MailboxEntry {
	html: string
	text: string
	sentAt: string | null
}

const LIST_LIMIT = 200

export async function listMailbox(db: Db, { to }: { to?: string | null } = {}): Promise<MailboxEntry[]> {
	const address = to?.trim()
	const rows = await db.outboxMessage.findMany({
		where: address ? { toAddress: { equals: address, mode: 'insensitive' } } : undefined,
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		take: LIST_LIMIT,
		select: { id: true, toAddress: true, subject: true, template: true, status: true, createdAt: true },
	})
	return rows.map((r) => ({
		id: r.id,
		to: r.toAddress,
		subject: r.subject,
		template: r.template,
		status: r.status,
		createdAt: r.createdAt.toISOString(),
	}))
}

export async function getMailboxMessage(db: Db, id: string): Promise<MailboxMessage | null> {
	const r = await db.outboxMessage.findUnique({ where: { id } })
	if (!r) return null
	return {
		id: r.id,
		to: r.toAddress,
		subject: r.subject,
		template: r.template,
		status: r.status,
		createdAt: r.createdAt.toISOString(),
		html: r.html,
		text: r.text,
		sentAt: r.sentAt?.toISOString() ?? null,
	}
}
