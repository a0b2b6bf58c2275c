import type { Prisma } from '#app/generated/prisma/client.ts'
import { Responsibility } from '#app/generated/prisma/enums.ts'
import type { ComplaintNotifier } from '#app/domain/complaints/ports.ts'
import { DEFAULT_LANGUAGE, languageFromLocale } from '#app/i18n/config.ts'
import { enqueueEmail } from '#app/mail/outbox.server.ts'
import { staffCaseUrl } from './approval-notifier.server.ts'

/**
 * The general managers' email about a responsibility decision on a product-quality complaint
 * (DESIGN.md §5: the general manager is informed of every product-quality decision; 004 §5.7.1
 * 知会总经理), written to the outbox in the decision's transaction: one to every general manager,
 * in their language. The domain (app/domain/complaints/findings.ts) decides when; a decision made
 * again is a new finding, hence a new email. Keys derive from the finding and the recipient, so
 * a retried command sends nothing twice.
 */

type Tx = Prisma.TransactionClient

export const qualityDecisionKey = (findingId: string, recipientId: string) =>
	`quality-decision:${findingId}:${recipientId}`

const RESPONSIBILITIES = Object.values(Responsibility)

/**
 * The responsibility the complaint had before this finding, from the audit trail: the finding's
 * `responsibility_determined` event records it as its `changes.responsibility.before`.
 */
async function responsibilityBefore(tx: Tx, complaintId: string, findingId: string): Promise<Responsibility | null> {
	const events = await tx.complaintEvent.findMany({
		where: { complaintId, type: 'responsibility_determined' },
		select: { data: true, changes: true },
	})
	const event = events.find((e) => field(e.data, 'findingId') === findingId)
	const before = field(field(event?.changes ?? null, 'responsibility'), 'before')
	return RESPONSIBILITIES.find((r) => r === before) ?? null
}

function field(value: Prisma.JsonValue, key: string): Prisma.JsonValue {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value[key] ?? null) : null
}

export function createQualityNotifier({
	appUrl,
}: {
	appUrl: string
}): Required<Pick<ComplaintNotifier, 'qualityDecision'>> {
	return {
		async qualityDecision(tx, { complaintId, findingId }) {
			// one query per relation: Prisma would run nested selects in parallel on the
			// transaction's one connection, which node-postgres warns about
			const finding = await tx.complaintFinding.findUniqueOrThrow({
				where: { id: findingId },
				select: { complaintId: true, kind: true, responsibility: true, summary: true, authorId: true },
			})
			if (finding.complaintId !== complaintId)
				throw new Error(`finding ${findingId} is not about complaint ${complaintId}`)
			if (finding.kind !== 'RESPONSIBILITY' || !finding.responsibility)
				throw new Error(`finding ${findingId} is not a responsibility decision`)
			const complaint = await tx.complaint.findUniqueOrThrow({
				where: { id: complaintId },
				select: { reference: true, title: true, customerId: true, regionId: true, orderLineId: true },
			})
			const customer = await tx.user.findUniqueOrThrow({ where: { id: complaint.customerId }, select: { name: true } })
			const region = await tx.region.findUniqueOrThrow({
				where: { id: complaint.regionId },
				select: { nameZh: true, nameEn: true },
			})
			const line = complaint.orderLineId
				? await tx.orderLine.findUnique({
						where: { id: complaint.orderLineId },
						select: { productName: true, productModel: true, batchNumber: true },
					})
				: null
			const decider = await tx.user.findUniqueOrThrow({
				where: { id: finding.authorId },
				select: { name: true, staffRole: true },
			})
			const photoCount = await tx.attachment.count({ where: { findingId, kind: 'IMAGE' } })
			const previousResponsibility = await responsibilityBefore(tx, complaintId, findingId)
			const managers = await tx.user.findMany({
				where: { kind: 'STAFF', staffRole: 'GENERAL_MANAGER' },
				select: { id: true, email: true, name: true, locale: true },
				orderBy: { id: 'asc' },
			})
			for (const to of managers)
				await enqueueEmail(tx, {
					to: to.email,
					template: 'quality-decision',
					language: languageFromLocale(to.locale) ?? DEFAULT_LANGUAGE,
					idempotencyKey: qualityDecisionKey(findingId, to.id),
					props: {
						name: to.name,
						reference: complaint.reference,
						title: complaint.title,
						customerName: customer.name,
						region,
						product: line ? { name: line.productName, model: line.productModel, batchNumber: line.batchNumber } : null,
						responsibility: finding.responsibility,
						previousResponsibility,
						deciderName: decider.name,
						deciderRole: decider.staffRole,
						summary: finding.summary,
						photoCount,
						url: staffCaseUrl(appUrl, complaint.reference),
					},
				})
		},
	}
}
