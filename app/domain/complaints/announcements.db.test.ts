import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createComplaintNotifier } from '#app/complaints/notifier.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { investigatingComplaint, seedApprovalWorld, type ApprovalWorld } from '#tests/approval-fixtures.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createCustomerWithOrder } from '#tests/fixtures.ts'
import { ConflictError } from '../errors.ts'
import { announcingCommits, type ComplaintUpdate } from './announcements.ts'
import { assignComplaints, routeComplaint } from './assignment.ts'
import {
	acceptResolution,
	addInformation,
	escalateComplaint,
	setNotificationFrequency,
	withdrawComplaint,
} from './customer-actions.ts'
import { chooseLine, chooseOrder, getDraft, saveDraftStep, startDraft } from './drafts.ts'
import { fileComplaint } from './file-complaint.ts'
import { determineResponsibility, recordFinding } from './findings.ts'
import { addNote } from './notes.ts'
import type { ComplaintDeps } from './ports.ts'
import { proposeResolution } from './proposals.ts'
import {
	closeComplaint,
	escalateByStaff,
	rejectComplaint,
	reopenComplaint,
	requestInformation,
	resolveComplaint,
	startInvestigation,
	writeToCustomer,
} from './staff-actions.ts'

/**
 * Every command announces each event it appended, once, and only after its transaction
 * committed (announcements.ts): the announcements of a complaint are exactly its events in the
 * database. The commands run through the same wrapped client the app hands them
 * (app/complaints/deps.server.ts), with the app's real notifier.
 */

let database: Database
let world: ApprovalWorld
let deps: ComplaintDeps
const announced: ComplaintUpdate[] = []
/** For each announcement, a read of its event started the moment it was announced, on another connection. */
const seenWhenAnnounced: Array<Promise<boolean>> = []

beforeAll(async () => {
	database = await createTestDatabase()
	world = await seedApprovalWorld(database.prisma)
	const prisma = database.prisma
	deps = {
		db: announcingCommits(prisma, {
			publish(update) {
				announced.push(update)
				seenWhenAnnounced.push(
					prisma.complaintEvent.count({ where: { id: update.eventId } }).then((count) => count === 1),
				)
			},
		}),
		notifier: createComplaintNotifier({ appUrl: 'http://portal.test' }),
	}
})
afterAll(() => database?.close())

/** The complaint's events as stored, in the shape they are announced in. */
async function storedEvents(complaintId: string): Promise<ComplaintUpdate[]> {
	const rows = await database.prisma.complaintEvent.findMany({ where: { complaintId }, orderBy: { id: 'asc' } })
	return rows.map((row) => ({
		complaintId,
		eventId: row.id,
		type: row.type as ComplaintUpdate['type'],
		visibility: row.visibility,
		toStatus: row.toStatus,
		version: row.version,
	}))
}

const announcedFor = (complaintId: string) =>
	announced.filter((u) => u.complaintId === complaintId).sort((a, b) => (a.eventId < b.eventId ? -1 : 1))

/** Runs a step and checks that what it appended, and only that, was announced. */
async function step(complaintId: string, run: () => Promise<unknown>, expectTypes: string[]) {
	const before = new Set((await storedEvents(complaintId)).map((e) => e.eventId))
	await run()
	const stored = await storedEvents(complaintId)
	expect(announcedFor(complaintId)).toEqual(stored)
	expect(stored.filter((e) => !before.has(e.eventId)).map((e) => e.type)).toEqual(expect.arrayContaining(expectTypes))
}

describe('every change to a complaint is announced after it commits', () => {
	test('filing, by the customer from a draft', async () => {
		const { customer, order } = await createCustomerWithOrder(database.prisma)
		const { id } = await startDraft(deps, customer.viewer)
		await chooseOrder(deps, customer.viewer, id, order.orderNumber)
		await chooseLine(deps, customer.viewer, id, (await getDraft(deps, customer.viewer, id)).order!.lines[0]!.id)
		await saveDraftStep(deps, customer.viewer, id, {
			category: 'HANDLING_DAMAGE',
			severity: 'MINOR',
			title: '外箱破损',
			description: '收货时外箱破损，阀门手柄弯曲。',
			requestedRemedy: 'REPAIR',
			preferredContact: 'EMAIL',
			notifyFrequency: 'EACH_CHANGE',
		})
		const { complaintId } = await fileComplaint(deps, customer.viewer, id)
		expect(announcedFor(complaintId)).toEqual(await storedEvents(complaintId))
		expect(announcedFor(complaintId)).toEqual([
			expect.objectContaining({ type: 'filed', visibility: 'PUBLIC', toStatus: 'SUBMITTED' }),
		])
	})

	test('the staff workflow, notes, routing, findings, a proposal and the customer’s answers', async () => {
		const complaint = await investigatingComplaint(database.prisma, world, {
			category: 'HANDLING_DAMAGE',
			status: 'SUBMITTED',
			responsibility: null,
		})
		const id = complaint.id
		const { agent, customer, dealer, managerEast } = world
		await step(id, () => writeToCustomer(deps, agent.viewer, id, { body: '已收到，我们会尽快处理。' }), [
			'acknowledged',
		])
		await step(id, () => addNote(deps, agent.viewer, id, { body: '内部：先查物流记录。', visibility: 'INTERNAL' }), [
			'note',
		])
		await step(id, () => addNote(deps, dealer.viewer, id, { body: '经销商：已联系客户。', visibility: 'PARTNER' }), [
			'note',
		])
		await step(id, () => routeComplaint(deps, agent.viewer, id, { department: 'LOGISTICS', assigneeId: agent.id }), [
			'routed',
		])
		await step(id, () => assignComplaints(deps, agent.viewer, [id], world.quality.id), ['routed'])
		await step(id, () => startInvestigation(deps, agent.viewer, id), ['status_changed'])
		await step(id, () => requestInformation(deps, agent.viewer, id, { message: '请提供外箱照片。' }), [
			'information_requested',
		])
		await step(id, () => addInformation(deps, customer.viewer, id, { body: '照片稍后补充。' }), [
			'customer_message',
			'status_changed',
		])
		await step(
			id,
			() =>
				recordFinding(deps, agent.viewer, id, {
					kind: 'ON_SITE_VISIT',
					occurredAt: new Date(Date.now() - 3_600_000),
					summary: '现场查看，外箱有明显撞击痕迹。',
				}),
			['finding_recorded'],
		)
		await step(
			id,
			() =>
				determineResponsibility(deps, agent.viewer, id, {
					responsibility: 'TRANSPORT_DAMAGE',
					summary: '运输途中撞击所致。',
				}),
			['responsibility_determined'],
		)
		await step(
			id,
			() =>
				proposeResolution(deps, managerEast.viewer, id, {
					type: 'REPAIR',
					summary: '上门维修，费用由公司承担。',
					amountMinor: 30_000,
					costBearer: 'COMPANY',
				}),
			['resolution_proposed'],
		)
		await step(id, () => acceptResolution(deps, customer.viewer, id), ['resolution_accepted'])
		await step(id, () => resolveComplaint(deps, agent.viewer, id, { reply: '已维修完毕。' }), ['resolved'])
		await step(id, () => closeComplaint(deps, agent.viewer, id), ['closed'])
		await step(id, () => reopenComplaint(deps, agent.viewer, id, { reason: '客户反馈仍有问题。' }), ['reopened'])
		await step(id, () => escalateByStaff(deps, agent.viewer, id, { reason: '需总部复核。' }), ['escalated'])
		// the customer's own moves, on a complaint of theirs
		const own = await investigatingComplaint(database.prisma, world, { category: 'HANDLING_DAMAGE' })
		await step(own.id, () => escalateComplaint(deps, customer.viewer, own.id, { reason: '处理太慢。' }), ['escalated'])
		await step(own.id, () => withdrawComplaint(deps, customer.viewer, own.id, { reason: '已自行解决。' }), [
			'withdrawn',
		])
		// a rejection, on another
		const rejected = await investigatingComplaint(database.prisma, world, {
			category: 'HANDLING_DAMAGE',
			responsibility: 'CUSTOMER_MISUSE',
		})
		await step(rejected.id, () => rejectComplaint(deps, agent.viewer, rejected.id, { reason: '属使用不当。' }), [
			'rejected',
		])
		// every announcement was made once its event could be read from outside the transaction
		expect(await Promise.all(seenWhenAnnounced)).not.toContain(false)
	})

	test('a change that records no event (the notification setting) announces nothing', async () => {
		const complaint = await investigatingComplaint(database.prisma, world)
		const count = announced.length
		await setNotificationFrequency(deps, world.customer.viewer, complaint.id, 'DAILY_DIGEST')
		expect(announced.length).toBe(count)
	})
})

describe('the announcing client', () => {
	test('wrapping it again changes nothing, so that each event is announced once', async () => {
		const again = announcingCommits(deps.db, {
			publish: () => {
				throw new Error('the second wrapper must not publish')
			},
		})
		expect(again).toBe(deps.db)
		const complaint = await investigatingComplaint(database.prisma, world)
		await addNote({ ...deps, db: again }, world.agent.viewer, complaint.id, { body: '备注', visibility: 'INTERNAL' })
		expect(announcedFor(complaint.id)).toEqual(await storedEvents(complaint.id))
		expect(announcedFor(complaint.id)).toHaveLength(1)
	})

	test('reads and writes outside transactions reach the client unchanged', async () => {
		const complaint = await investigatingComplaint(database.prisma, world)
		expect(await deps.db.complaint.findUnique({ where: { id: complaint.id }, select: { id: true } })).toEqual({
			id: complaint.id,
		})
		const [row] = await deps.db.$queryRaw<Array<{ n: number }>>`SELECT 1::int AS n`
		expect(row).toEqual({ n: 1 })
		// the batch form passes through, and announces nothing (it cannot call appendEvent)
		const count = announced.length
		const [found] = await deps.db.$transaction([deps.db.complaint.count({ where: { id: complaint.id } })])
		expect(found).toBe(1)
		expect(announced.length).toBe(count)
	})
})

describe('a change that does not commit is never announced', () => {
	test('a failure after the event was appended rolls it back, and nothing is announced', async () => {
		const complaint = await investigatingComplaint(database.prisma, world)
		const count = announced.length
		// the customer's email cannot be written: the reply and its event roll back with it
		const failing: ComplaintDeps = {
			...deps,
			notifier: {
				...deps.notifier,
				publicChange: async () => {
					throw new Error('outbox unavailable')
				},
			},
		}
		await expect(writeToCustomer(failing, world.agent.viewer, complaint.id, { body: '回复' })).rejects.toThrow(
			'outbox unavailable',
		)
		expect(await storedEvents(complaint.id)).toEqual([])
		expect(announced.length).toBe(count)
		// and the same reply, when it does commit, is announced
		await writeToCustomer(deps, world.agent.viewer, complaint.id, { body: '回复' })
		expect(announcedFor(complaint.id)).toEqual(await storedEvents(complaint.id))
		expect(announcedFor(complaint.id)).toHaveLength(1)
	})

	test('a refused command (a stale version) announces nothing', async () => {
		const complaint = await investigatingComplaint(database.prisma, world)
		const count = announced.length
		await expect(
			addNote(deps, world.agent.viewer, complaint.id, {
				body: '内部备注',
				visibility: 'INTERNAL',
				expectedVersion: complaint.version - 1,
			}),
		).rejects.toBeInstanceOf(ConflictError)
		expect(announced.length).toBe(count)
	})
})
