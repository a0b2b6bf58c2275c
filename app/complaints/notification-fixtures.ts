import { randomBytes } from 'node:crypto'
import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { ComplaintStatus, Locale, MessageVisibility, NotificationFrequency } from '#app/generated/prisma/enums.ts'

/**
 * Test data for the complaint emails, written with the Prisma client directly: a region, a
 * customer and an agent, an order with one line, and a filed complaint. Events are added the
 * way the domain commands write them (app/domain/complaints/events.ts).
 */
export async function seedComplaint(
	prisma: PrismaClient,
	options: {
		notifyFrequency?: NotificationFrequency
		locale?: Locale | null
		isKeyAccount?: boolean
		status?: ComplaintStatus
		createdAt?: Date
		lastDigestAt?: Date | null
	} = {},
) {
	const tag = randomBytes(4).toString('hex')
	const createdAt = options.createdAt ?? new Date('2026-11-23T02:00:00Z')
	const isKeyAccount = options.isKeyAccount ?? false
	const region = await prisma.region.create({ data: { code: `EAST-${tag}`, nameZh: '华东区', nameEn: 'East' } })
	const customer = await prisma.user.create({
		data: {
			email: `fang.${tag}@example.com`,
			passwordHash: 'not-used',
			name: '王芳',
			kind: 'CUSTOMER',
			locale: options.locale ?? null,
			isKeyAccount,
		},
	})
	const agent = await prisma.user.create({
		data: {
			email: `agent.${tag}@example.com`,
			passwordHash: 'not-used',
			name: '李客服',
			kind: 'STAFF',
			staffRole: 'AGENT',
		},
	})
	const orderNumber = `SO-2026-${tag}`
	const order = await prisma.order.create({
		data: {
			orderNumber,
			orderNumberKey: orderNumber.toUpperCase(),
			customerId: customer.id,
			customerEmail: customer.email,
			regionId: region.id,
			orderedAt: new Date('2026-11-01T00:00:00Z'),
			lines: {
				create: [
					{
						lineNumber: 1,
						productModel: 'PO42.5-50KG',
						productName: '普通硅酸盐水泥 P.O 42.5',
						batchNumber: 'B2026-1107-03',
						quantity: 40,
					},
				],
			},
		},
		include: { lines: true },
	})
	const reference = `CMP-2026-${String(parseInt(tag, 16) % 1_000_000).padStart(6, '0')}`
	const complaint = await prisma.complaint.create({
		data: {
			reference,
			customerId: customer.id,
			filedById: customer.id,
			orderId: order.id,
			orderLineId: order.lines[0]!.id,
			regionId: region.id,
			category: 'HANDLING_DAMAGE',
			severity: 'MINOR',
			status: options.status ?? 'SUBMITTED',
			title: '水泥袋破损结块',
			description: '到货时有 6 袋破损，部分结块。',
			requestedRemedy: 'REPLACEMENT',
			isKeyAccount,
			notifyFrequency: options.notifyFrequency ?? 'EACH_CHANGE',
			firstResponseDueAt: new Date(createdAt.getTime() + (isKeyAccount ? 4 : 24) * 3_600_000),
			lastDigestAt: options.lastDigestAt ?? null,
			createdAt,
			customerUpdatedAt: createdAt,
		},
	})
	await prisma.complaintEvent.create({
		data: { complaintId: complaint.id, actorId: customer.id, type: 'filed', toStatus: 'SUBMITTED', createdAt },
	})
	return { region, customer, agent, order, complaint }
}

type Db = PrismaClient | Prisma.TransactionClient

/** A written message and its event (a new version of the complaint); a staff reply by default. */
export async function addMessage(
	db: Db,
	complaintId: string,
	authorId: string,
	body: string,
	at: Date,
	{
		type = 'reply',
		visibility = 'PUBLIC',
	}: { type?: 'reply' | 'customer_message' | 'note'; visibility?: MessageVisibility } = {},
) {
	const message = await db.complaintMessage.create({
		data: { complaintId, authorId, visibility, body, createdAt: at },
	})
	const { version } = await db.complaint.update({
		where: { id: complaintId },
		data: { version: { increment: 1 } },
		select: { version: true },
	})
	return db.complaintEvent.create({
		data: {
			complaintId,
			actorId: authorId,
			type,
			visibility,
			data: { messageId: message.id },
			version,
			createdAt: at,
		},
	})
}

/**
 * A status change and its event with the new version and what changed; the complaint row moves
 * with it, as the commands do.
 */
export async function changeStatus(
	db: Db,
	complaint: { id: string; status: ComplaintStatus },
	actorId: string | null,
	to: ComplaintStatus,
	at: Date,
	row: Prisma.ComplaintUpdateInput = {},
) {
	const { version } = await db.complaint.update({
		where: { id: complaint.id },
		data: { status: to, customerUpdatedAt: at, ...row, version: { increment: 1 } },
		select: { version: true },
	})
	const event = await db.complaintEvent.create({
		data: {
			complaintId: complaint.id,
			actorId,
			type: 'status_changed',
			fromStatus: complaint.status,
			toStatus: to,
			version,
			changes: { status: { before: complaint.status, after: to } },
			createdAt: at,
		},
	})
	complaint.status = to
	return event
}
