import type { Db } from '#app/db/database.server.ts'
import { acceptResolution } from '#app/domain/complaints/customer-actions.ts'
import { recordFiledComplaint } from '#app/domain/complaints/filing.ts'
import { determineResponsibility } from '#app/domain/complaints/findings.ts'
import type { ComplaintDeps, ComplaintNotifier, StoredFile } from '#app/domain/complaints/ports.ts'
import { proposeResolution } from '#app/domain/complaints/proposals.ts'
import {
	acknowledgeComplaint,
	closeComplaint,
	rejectComplaint,
	resolveComplaint,
	startInvestigation,
} from '#app/domain/complaints/staff-actions.ts'
import type { ComplaintCategory, Responsibility } from '#app/generated/prisma/enums.ts'
import { seedQueueWorld } from './queue-fixtures.ts'

/**
 * The reports' fixture (issue 6): complaints taken through the real domain commands at chosen
 * local times in Shanghai, so that every due time comes from the clocks (region calendar, the
 * configured targets) and the report figures can be worked out by hand in the tests from the
 * story below. The national calendar of the fixture (rows written here, not the shipped one):
 *
 *   Thu 1 Oct – Wed 7 Oct 2026   days off (Golden Week; Sat 3 and Sun 4 are weekend anyway)
 *   Sat 10 Oct 2026              a make-up working day (调休)
 *   working hours 09:00–18:00 (9 h), targets as the migration writes them: first response 24 h
 *   (wall clock), initial verification 3 working days, resolution 5 working days
 *
 * The complaints (local times), and what the clocks make of them:
 *
 *   A  east, dealer E, product quality, PV-100/B1. Filed Wed 30 Sep 10:00, acknowledged Thu 1 Oct
 *      09:00 (23 h: met). Verification due 3 working days later = Sat 10 Oct 18:00 (Thu 8, Fri 9
 *      and the make-up Saturday). Customer misuse recorded Fri 9 Oct; rejected Mon 12 Oct 10:00:
 *      the promise ran out on Saturday, so the service level was MISSED (a calendar without the
 *      make-up day would have said Mon 12 Oct 18:00, kept). Answered after 288 h.
 *   B  east, dealer E, handling damage, PV-100/B2. Filed Mon 28 Sep 09:00, acknowledged Tue 29 Sep
 *      11:00 (26 h: first response MISSED, and with it the service level). Transport damage
 *      recorded and rejected Thu 8 Oct 15:00, within its verification promise (Fri 9 Oct
 *      11:00). Answered after 246 h.
 *   C  west, sold directly, service conduct, no product line. Filed Fri 9 Oct 17:00,
 *      acknowledged Sat 10 Oct 10:00 (17 h: met). Verification due Wed 14 Oct 10:00; still
 *      acknowledged: pending before that instant, MISSED after it.
 *   D  west, dealer W, product quality, PV-200/B3. Filed Sun 4 Oct 20:00, never answered: first
 *      response due Mon 5 Oct 20:00, MISSED, and the service level with it.
 *   E  east, dealer E, product quality, PV-100/B1. Filed Thu 8 Oct 09:00, acknowledged 10:00 (1 h:
 *      met); verification due Mon 12 Oct 10:00. Quality defect recorded, replacement proposed
 *      Fri 9 Oct 16:00 (the clock stops: the customer's turn), accepted Sat 10 Oct 09:00 (a
 *      resolution promise of 5 working days: Thu 15 Oct 18:00), resolved Tue 13 Oct 12:00 and
 *      closed at 13:00: KEPT. Answered after 123 h.
 *   G  east, sold directly, sales policy, no line. Filed Sun 11 Oct 07:00 (still Sat 10 Oct in
 *      UTC), acknowledged 16:30 (9.5 h: met); verification due Wed 14 Oct 18:00: pending.
 *   I  east, dealer E, product quality, PV-200/B3. Filed Tue 6 Oct 10:00, acknowledged 11:00
 *      (1 h: met); verification due Sat 10 Oct 18:00 (from Thu 8 Oct 09:00). Quality defect
 *      recorded Thu 8 Oct, still investigating: its clock ran out, service level MISSED.
 *   F  east, filed Sun 27 Sep 23:30 (15:30 UTC): the day before the period.
 *   H  east, filed Mon 12 Oct 00:30 (still 11 Oct in UTC): the day after the period.
 *
 * The report period is Mon 28 Sep – Sun 11 Oct 2026; the report is read "now" = Wed 14 Oct
 * 09:59 (C pending) or 10:01 (C missed).
 */

export const local = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`)

export const REPORT_PERIOD = { from: '2026-09-28', to: '2026-10-11' }
export const BEFORE_C_DUE = local('2026-10-14 09:59')
export const AFTER_C_DUE = local('2026-10-14 10:01')

const quiet: ComplaintNotifier = { complaintFiled: async () => {}, publicChange: async () => {} }

const photo = (): StoredFile => ({
	kind: 'IMAGE',
	originalName: 'evidence.jpg',
	contentType: 'image/jpeg',
	byteSize: 1000,
	width: 10,
	height: 10,
	sha256: 'c'.repeat(64),
	storageKey: `test/${crypto.randomUUID()}`,
	thumbnailKey: null,
})

export async function seedReportWorld(db: Db) {
	const world = await seedQueueWorld(db)
	const { east, west, eastDealer, westDealer, people } = world
	const national = (date: string, kind: 'DAY_OFF' | 'WORKING_DAY', name: string) =>
		db.calendarDay.create({ data: { regionId: null, date: new Date(`${date}T00:00:00Z`), kind, name } })
	for (const day of ['01', '02', '05', '06', '07']) await national(`2026-10-${day}`, 'DAY_OFF', '国庆节')
	await national('2026-10-10', 'WORKING_DAY', '国庆节调休')

	const at = (text: string): ComplaintDeps => ({ db, notifier: quiet, now: () => local(text) })
	const agent = people.staff.AGENT.viewer
	const quality = people.staff.QUALITY_ENGINEER.viewer
	const customer = people.wang

	const file = async (
		text: string,
		{
			regionId,
			dealerId = null,
			category,
			line,
		}: {
			regionId: string
			dealerId?: string | null
			category: ComplaintCategory
			line?: { productModel: string; batchNumber: string }
		},
	) => {
		const orderNumber = `SO-RPT-${crypto.randomUUID().slice(0, 8)}`
		const order = await db.order.create({
			data: {
				orderNumber,
				orderNumberKey: orderNumber.toUpperCase(),
				customerId: customer.id,
				customerEmail: customer.email,
				dealerId,
				regionId,
				orderedAt: local('2026-09-01 10:00'),
				lines: line ? { create: [{ lineNumber: 1, productName: '立式管道离心泵', quantity: 1, ...line }] } : undefined,
			},
			include: { lines: true },
		})
		const { complaintId } = await db.$transaction((tx) =>
			recordFiledComplaint(tx, quiet, {
				submissionKey: null,
				customerId: customer.id,
				filedById: agent.userId,
				channel: 'PHONE',
				order: { id: order.id, regionId, dealerId },
				orderLineId: order.lines[0]?.id ?? null,
				record: {
					category,
					severity: 'MINOR',
					title: '报表测试',
					description: '用于报表测试的客诉。',
					requestedRemedy: 'REPLACEMENT',
					preferredContact: 'EMAIL',
					notifyFrequency: 'EACH_CHANGE',
				},
				attachments: { files: [] },
				now: local(text),
			}),
		)
		return complaintId
	}
	const acknowledge = (id: string, text: string) => acknowledgeComplaint(at(text), agent, id, { reply: '已收到。' })
	const investigate = (id: string, text: string) => startInvestigation(at(text), agent, id)
	const decide = (id: string, text: string, responsibility: Responsibility, category: ComplaintCategory) =>
		determineResponsibility(at(text), category === 'PRODUCT_QUALITY' ? quality : agent, id, {
			responsibility,
			summary: '判定。',
			files: category === 'PRODUCT_QUALITY' ? [photo()] : [],
		})
	const reject = (id: string, text: string) => rejectComplaint(at(text), agent, id, { reason: '非我方责任。' })

	const E_DEALER = { regionId: east.id, dealerId: eastDealer.id }
	const complaints = {
		A: await file('2026-09-30 10:00', {
			...E_DEALER,
			category: 'PRODUCT_QUALITY',
			line: { productModel: 'PV-100', batchNumber: 'B1' },
		}),
		B: await file('2026-09-28 09:00', {
			...E_DEALER,
			category: 'HANDLING_DAMAGE',
			line: { productModel: 'PV-100', batchNumber: 'B2' },
		}),
		C: await file('2026-10-09 17:00', { regionId: west.id, category: 'SERVICE_CONDUCT' }),
		D: await file('2026-10-04 20:00', {
			regionId: west.id,
			dealerId: westDealer.id,
			category: 'PRODUCT_QUALITY',
			line: { productModel: 'PV-200', batchNumber: 'B3' },
		}),
		E: await file('2026-10-08 09:00', {
			...E_DEALER,
			category: 'PRODUCT_QUALITY',
			line: { productModel: 'PV-100', batchNumber: 'B1' },
		}),
		G: await file('2026-10-11 07:00', { regionId: east.id, category: 'SALES_POLICY' }),
		I: await file('2026-10-06 10:00', {
			...E_DEALER,
			category: 'PRODUCT_QUALITY',
			line: { productModel: 'PV-200', batchNumber: 'B3' },
		}),
		F: await file('2026-09-27 23:30', { regionId: east.id, category: 'OTHER' }),
		H: await file('2026-10-12 00:30', { regionId: east.id, category: 'OTHER' }),
	}
	const { A, B, C, E, G, I } = complaints

	await acknowledge(A, '2026-10-01 09:00')
	await investigate(A, '2026-10-08 09:30')
	await decide(A, '2026-10-09 10:00', 'CUSTOMER_MISUSE', 'PRODUCT_QUALITY')
	await reject(A, '2026-10-12 10:00')

	await acknowledge(B, '2026-09-29 11:00')
	await investigate(B, '2026-10-08 14:00')
	await decide(B, '2026-10-08 14:30', 'TRANSPORT_DAMAGE', 'HANDLING_DAMAGE')
	await reject(B, '2026-10-08 15:00')

	await acknowledge(C, '2026-10-10 10:00')

	await acknowledge(E, '2026-10-08 10:00')
	await investigate(E, '2026-10-08 11:00')
	await decide(E, '2026-10-09 15:00', 'QUALITY_DEFECT', 'PRODUCT_QUALITY')
	await proposeResolution(at('2026-10-09 16:00'), agent, E, {
		type: 'REPLACEMENT',
		summary: '免费更换泵体。',
		amountMinor: 0,
		costBearer: 'COMPANY',
	})
	await acceptResolution(at('2026-10-10 09:00'), customer.viewer, E)
	await resolveComplaint(at('2026-10-13 12:00'), agent, E, { reply: '已更换。' })
	await closeComplaint(at('2026-10-13 13:00'), agent, E)

	await acknowledge(G, '2026-10-11 16:30')

	await acknowledge(I, '2026-10-06 11:00')
	await investigate(I, '2026-10-08 09:00')
	await decide(I, '2026-10-08 16:00', 'QUALITY_DEFECT', 'PRODUCT_QUALITY')

	return { ...world, complaints }
}
export type ReportWorld = Awaited<ReturnType<typeof seedReportWorld>>
