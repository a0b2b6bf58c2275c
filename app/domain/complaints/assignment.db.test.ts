import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { createTestContext } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createComplaintRow, seedQueueWorld, type Person } from '#tests/queue-fixtures.ts'
import {
	ConflictError,
	DomainValidationError,
	InsufficientAuthorityError,
	InvalidTransitionError,
	NotFoundError,
} from '../errors.ts'
import { assignableStaff, assignComplaints, routeComplaint } from './assignment.ts'
import type { ComplaintDeps } from './ports.ts'

/**
 * Routing to a department and a person, one complaint at a time and in bulk: who may route,
 * who may be given a complaint, stale forms, the audit event, and that the customer hears
 * nothing of it.
 */

let database: Database
let world: Awaited<ReturnType<typeof seedQueueWorld>>
let deps: ComplaintDeps
const NOW = new Date('2026-11-24T03:00:00Z')

beforeAll(async () => {
	database = await createTestDatabase()
	world = await seedQueueWorld(database.prisma)
	deps = { ...complaintDeps(createTestContext(database)), now: () => NOW }
})
afterAll(() => database.close())

type Fields = Omit<Parameters<typeof createComplaintRow>[1], 'customer' | 'regionId'>
const east = (fields: Fields = {}) =>
	createComplaintRow(database.prisma, {
		customer: world.people.wang,
		regionId: world.east.id,
		status: 'ACKNOWLEDGED',
		...fields,
	})
const west = () =>
	createComplaintRow(database.prisma, {
		customer: world.people.alice,
		regionId: world.west.id,
		status: 'INVESTIGATING',
	})

async function snapshot(id: string) {
	const db = database.prisma
	const complaint = await db.complaint.findUniqueOrThrow({
		where: { id },
		select: { version: true, department: true, assigneeId: true, routedAt: true, customerUpdatedAt: true },
	})
	const events = await db.complaintEvent.findMany({ where: { complaintId: id }, orderBy: { createdAt: 'asc' } })
	return { complaint, events }
}

const outbox = () => database.prisma.outboxMessage.count()

describe('routeComplaint', () => {
	test('sets the department and the person, records an internal event with what changed, emails nobody', async () => {
		const complaint = await east()
		const before = await snapshot(complaint.id)
		const mails = await outbox()
		const agent = world.people.staff.AGENT
		const target = world.people.staff.QUALITY_ENGINEER

		const result = await routeComplaint(deps, agent.viewer, complaint.id, {
			department: 'QUALITY',
			assigneeId: target.id,
			expectedVersion: before.complaint.version,
		})

		expect(result).toEqual({ version: before.complaint.version + 1, changed: true })
		const after = await snapshot(complaint.id)
		expect(after.complaint).toMatchObject({
			version: before.complaint.version + 1,
			department: 'QUALITY',
			assigneeId: target.id,
			routedAt: NOW,
			// internal work is not news to the customer
			customerUpdatedAt: before.complaint.customerUpdatedAt,
		})
		expect(after.events).toHaveLength(1)
		expect(after.events[0]).toMatchObject({
			type: 'routed',
			actorId: agent.id,
			visibility: 'INTERNAL',
			version: before.complaint.version + 1,
			fromStatus: null,
			toStatus: null,
			createdAt: NOW,
			changes: {
				department: { before: null, after: 'QUALITY' },
				assigneeId: { before: null, after: target.id },
			},
			data: { department: 'QUALITY', assigneeId: target.id, assigneeName: target.name, previousAssigneeName: null },
		})
		expect(await outbox()).toBe(mails)
	})

	test('the same department and person again changes nothing and records nothing', async () => {
		const complaint = await east({ department: 'SALES', assigneeId: world.people.staff.AGENT.id })
		const result = await routeComplaint(deps, world.people.staff.AGENT.viewer, complaint.id, {
			department: 'SALES',
			assigneeId: world.people.staff.AGENT.id,
		})
		expect(result).toEqual({ version: complaint.version, changed: false })
		expect((await snapshot(complaint.id)).events).toHaveLength(0)
	})

	test('a new person in the same department keeps the routing time; a department alone leaves nobody assigned', async () => {
		const routedAt = new Date('2026-11-20T01:00:00Z')
		const complaint = await east({ department: 'QUALITY', routedAt, assigneeId: world.people.staff.AGENT.id })
		await routeComplaint(deps, world.people.staff.AGENT.viewer, complaint.id, {
			department: 'QUALITY',
			assigneeId: world.people.agent2.id,
		})
		let after = await snapshot(complaint.id)
		expect(after.complaint).toMatchObject({ routedAt, assigneeId: world.people.agent2.id })
		expect(after.events.at(-1)?.changes).toEqual({
			assigneeId: { before: world.people.staff.AGENT.id, after: world.people.agent2.id },
		})
		expect(after.events.at(-1)?.data).toMatchObject({ previousAssigneeName: world.people.staff.AGENT.name })

		await routeComplaint(deps, world.people.staff.AGENT.viewer, complaint.id, {
			department: 'AFTER_SALES',
			assigneeId: null,
		})
		after = await snapshot(complaint.id)
		expect(after.complaint).toMatchObject({ department: 'AFTER_SALES', assigneeId: null, routedAt: NOW })
		expect(after.events.at(-1)?.changes).toEqual({
			department: { before: 'QUALITY', after: 'AFTER_SALES' },
			assigneeId: { before: world.people.agent2.id, after: null },
		})
	})

	test('a stale form is refused with what the person missed, and nothing is written', async () => {
		const complaint = await east()
		const manager = world.people.staff.REGIONAL_MANAGER
		await routeComplaint(deps, manager.viewer, complaint.id, {
			department: 'QUALITY',
			assigneeId: world.people.staff.QUALITY_ENGINEER.id,
			expectedVersion: complaint.version,
		})
		const before = await snapshot(complaint.id)
		const error = await routeComplaint(deps, world.people.staff.AGENT.viewer, complaint.id, {
			department: 'SALES',
			assigneeId: world.people.staff.AGENT.id,
			expectedVersion: complaint.version,
		}).catch((e: unknown) => e)
		expect(error).toBeInstanceOf(ConflictError)
		expect((error as ConflictError).missed).toEqual([
			expect.objectContaining({
				type: 'routed',
				actorName: manager.name,
				changes: {
					department: { before: null, after: 'QUALITY' },
					assigneeId: { before: null, after: world.people.staff.QUALITY_ENGINEER.id },
				},
			}),
		])
		expect(await snapshot(complaint.id)).toEqual(before)
	})

	test('the assignee must be console staff who can see the complaint', async () => {
		const complaint = await east()
		const { people } = world
		const invalid: Array<[string, string]> = [
			['customer', people.wang.id],
			['dealer', people.dealer.id],
			['staff without a role', people.roleless.id],
			['the other region’s office', people.westOffice.id],
			['the other region’s manager', people.westManager.id],
			['nobody', 'no-such-user'],
		]
		for (const [, assigneeId] of invalid) {
			const error = await routeComplaint(deps, people.staff.AGENT.viewer, complaint.id, {
				department: 'QUALITY',
				assigneeId,
			}).catch((e: unknown) => e)
			expect(error).toBeInstanceOf(DomainValidationError)
			expect(error).toMatchObject({ field: 'assigneeId', messageKey: 'console:assign.invalidAssignee' })
		}
		const after = await snapshot(complaint.id)
		expect(after.complaint).toMatchObject({ version: complaint.version, department: null, assigneeId: null })
		expect(after.events).toHaveLength(0)

		// the region's own office and manager, and head office, are fine
		for (const person of [people.eastOffice, people.eastManager, people.agent2])
			await routeComplaint(deps, people.staff.AGENT.viewer, complaint.id, {
				department: 'QUALITY',
				assigneeId: person.id,
			})
		expect((await snapshot(complaint.id)).complaint.assigneeId).toBe(people.agent2.id)
	})

	test('who may route: staff in every role, regional-office staff in their region; not the office account', async () => {
		const { people } = world
		for (const person of Object.values(people.staff)) {
			const complaint = await east()
			await routeComplaint(deps, person.viewer, complaint.id, { department: 'SALES', assigneeId: person.id })
		}
		const mine = await east()
		await routeComplaint(deps, people.eastManager.viewer, mine.id, {
			department: 'SALES',
			assigneeId: people.eastOffice.id,
		})
		expect((await snapshot(mine.id)).complaint.assigneeId).toBe(people.eastOffice.id)

		const other = await west()
		const refusals: Array<[Person, unknown]> = [
			[people.eastManager, NotFoundError],
			[people.eastOffice, NotFoundError],
			[people.wang, NotFoundError],
			[people.dealer, NotFoundError],
		]
		for (const [person, kind] of refusals)
			await expect(
				routeComplaint(deps, person.viewer, other.id, { department: 'SALES', assigneeId: people.staff.AGENT.id }),
			).rejects.toBeInstanceOf(kind)
		const own = await east()
		// the regional office replies and investigates; routing stays with staff
		await expect(
			routeComplaint(deps, people.eastOffice.viewer, own.id, { department: 'SALES', assigneeId: people.eastOffice.id }),
		).rejects.toBeInstanceOf(InsufficientAuthorityError)
		// the customer who filed it cannot route their own complaint either
		await expect(
			routeComplaint(deps, people.wang.viewer, own.id, { department: 'SALES', assigneeId: people.staff.AGENT.id }),
		).rejects.toBeInstanceOf(InsufficientAuthorityError)
		expect((await snapshot(own.id)).events).toHaveLength(0)
		expect((await snapshot(other.id)).events).toHaveLength(0)
	})

	test('a closed complaint is not routed', async () => {
		const complaint = await east({ status: 'CLOSED', closedAt: NOW })
		await expect(
			routeComplaint(deps, world.people.staff.AGENT.viewer, complaint.id, {
				department: 'SALES',
				assigneeId: world.people.staff.AGENT.id,
			}),
		).rejects.toBeInstanceOf(InvalidTransitionError)
		expect((await snapshot(complaint.id)).complaint.assigneeId).toBeNull()
	})
})

describe('assignComplaints', () => {
	test('each complaint on its own: those that can be assigned are, the others say why', async () => {
		const { people } = world
		const quality = await east({ department: 'QUALITY' })
		const fresh = await east({ status: 'SUBMITTED' })
		const westCase = await west()
		const closed = await east({ status: 'CLOSED', closedAt: NOW })
		const mails = await outbox()

		const outcomes = await assignComplaints(
			deps,
			people.staff.AGENT.viewer,
			[quality.id, westCase.id, closed.id, 'no-such-complaint', fresh.id, quality.id],
			people.eastOffice.id,
		)

		expect(outcomes).toEqual([
			{ id: quality.id, reference: quality.reference, ok: true, version: quality.version + 1, changed: true },
			{ id: westCase.id, reference: westCase.reference, ok: false, code: 'invalid-assignee' },
			{ id: closed.id, reference: closed.reference, ok: false, code: 'wrong-status' },
			{ id: 'no-such-complaint', reference: null, ok: false, code: 'not-found' },
			{ id: fresh.id, reference: fresh.reference, ok: true, version: fresh.version + 1, changed: true },
		])
		// the ones that went through stay assigned, with their department kept
		const q = await snapshot(quality.id)
		expect(q.complaint).toMatchObject({ assigneeId: people.eastOffice.id, department: 'QUALITY' })
		expect(q.events).toHaveLength(1)
		expect(q.events[0]).toMatchObject({
			type: 'routed',
			visibility: 'INTERNAL',
			version: quality.version + 1,
			changes: { assigneeId: { before: null, after: people.eastOffice.id } },
		})
		expect((await snapshot(fresh.id)).complaint).toMatchObject({ assigneeId: people.eastOffice.id, department: null })
		for (const failed of [westCase, closed]) {
			const s = await snapshot(failed.id)
			expect(s.complaint).toMatchObject({ assigneeId: null, version: failed.version })
			expect(s.events).toHaveLength(0)
		}
		expect(await outbox()).toBe(mails)
	})

	test('a complaint outside the viewer’s region is not found; the office account may not assign', async () => {
		const { people } = world
		const westCase = await west()
		const eastCase = await east()
		expect(
			await assignComplaints(deps, people.eastManager.viewer, [westCase.id, eastCase.id], people.eastOffice.id),
		).toEqual([
			{ id: westCase.id, reference: null, ok: false, code: 'not-found' },
			{ id: eastCase.id, reference: eastCase.reference, ok: true, version: eastCase.version + 1, changed: true },
		])
		const other = await east()
		expect(await assignComplaints(deps, people.eastOffice.viewer, [other.id], people.eastOffice.id)).toEqual([
			{ id: other.id, reference: other.reference, ok: false, code: 'not-permitted' },
		])
		expect((await snapshot(other.id)).complaint.assigneeId).toBeNull()
	})
})

describe('assignableStaff', () => {
	test('head office: head-office staff and every region’s people', async () => {
		const { people } = world
		const ids = (await assignableStaff(database.prisma, people.staff.AGENT.viewer)).map((p) => p.id)
		for (const p of [...Object.values(people.staff), people.agent2, people.eastManager, people.westManager])
			expect(ids).toContain(p.id)
		for (const p of [people.eastOffice, people.westOffice]) expect(ids).toContain(p.id)
		for (const p of [people.roleless, people.dealer, people.wang, people.alice]) expect(ids).not.toContain(p.id)
	})

	test('regional-office staff: head office and their own region', async () => {
		const { people } = world
		const ids = (await assignableStaff(database.prisma, people.eastManager.viewer)).map((p) => p.id)
		for (const p of [people.staff.AGENT, people.agent2, people.eastManager, people.eastOffice])
			expect(ids).toContain(p.id)
		for (const p of [people.westManager, people.westOffice, people.roleless, people.dealer])
			expect(ids).not.toContain(p.id)
	})

	test('for one complaint: head office and the people of its region, each of whom routing accepts', async () => {
		const { people } = world
		const eastComplaint = await east()
		const westComplaint = await west()
		const forEast = (await assignableStaff(database.prisma, people.staff.AGENT.viewer, eastComplaint)).map((p) => p.id)
		for (const p of [...Object.values(people.staff), people.agent2, people.eastManager, people.eastOffice])
			expect(forEast).toContain(p.id)
		for (const p of [people.westManager, people.westOffice, people.roleless, people.dealer, people.wang])
			expect(forEast).not.toContain(p.id)
		const forWest = (await assignableStaff(database.prisma, people.staff.AGENT.viewer, westComplaint)).map((p) => p.id)
		expect(forWest).toContain(people.westManager.id)
		expect(forWest).toContain(people.westOffice.id)
		expect(forWest).not.toContain(people.eastManager.id)
		expect(forWest).not.toContain(people.eastOffice.id)

		// without a complaint, the whole list (the queue's bulk assign)
		const all = (await assignableStaff(database.prisma, people.staff.AGENT.viewer)).map((p) => p.id)
		expect(all).toContain(people.westManager.id)
		expect(all).toContain(people.eastManager.id)

		// everyone offered is accepted; someone left out is refused
		for (const assigneeId of forEast) {
			const result = await routeComplaint(deps, people.staff.AGENT.viewer, eastComplaint.id, {
				department: 'QUALITY',
				assigneeId,
			})
			expect(result.version, assigneeId).toBeGreaterThan(0)
		}
		const refused = await routeComplaint(deps, people.staff.AGENT.viewer, eastComplaint.id, {
			department: 'QUALITY',
			assigneeId: people.westManager.id,
		}).catch((error: unknown) => error)
		expect(refused).toBeInstanceOf(DomainValidationError)
	})

	test('for one complaint, as a regional manager: head office and their own region only', async () => {
		const { people } = world
		const complaint = await east()
		const ids = (await assignableStaff(database.prisma, people.eastManager.viewer, complaint)).map((p) => p.id)
		expect(ids).toContain(people.staff.AGENT.id)
		expect(ids).toContain(people.eastOffice.id)
		expect(ids).not.toContain(people.westManager.id)
		expect(ids).not.toContain(people.westOffice.id)
	})

	test('nobody for those who may not route', async () => {
		const { people } = world
		for (const person of [people.eastOffice, people.dealer, people.wang, people.roleless])
			expect(await assignableStaff(database.prisma, person.viewer)).toEqual([])
	})
})
