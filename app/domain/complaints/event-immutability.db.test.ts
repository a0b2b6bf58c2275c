import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import { createTestDatabase } from '#tests/db.ts'
import { addMessage, seedComplaint } from '../../complaints/notification-fixtures.ts'

/**
 * The audit trail is append-only (issue 4 §7): the database itself refuses to change or remove a
 * ComplaintEvent row, whoever asks (the Prisma client, hand-written SQL, a cascade from the
 * complaint), so no bug and no interface can rewrite history. Adding events still works.
 */

let db: Database
let complaintId: string
let eventId: string
let snapshot: unknown

beforeAll(async () => {
	db = await createTestDatabase()
	const { complaint, agent } = await seedComplaint(db.prisma)
	complaintId = complaint.id
	const reply = await addMessage(db.prisma, complaint.id, agent.id, '已受理。', new Date('2026-11-23T03:00:00Z'))
	eventId = reply.id
	snapshot = await events()
})
afterAll(() => db.close())

const events = () => db.prisma.complaintEvent.findMany({ where: { complaintId }, orderBy: { createdAt: 'asc' } })
const REFUSED = /append-only \((UPDATE|DELETE|TRUNCATE) refused\)/

describe('ComplaintEvent rows cannot be changed or removed', () => {
	test.each([
		['UPDATE', `UPDATE "ComplaintEvent" SET "type" = 'note' WHERE "id" = $1`],
		['UPDATE of every row', `UPDATE "ComplaintEvent" SET "visibility" = 'INTERNAL'`],
		['DELETE', `DELETE FROM "ComplaintEvent" WHERE "id" = $1`],
		['DELETE of every row', `DELETE FROM "ComplaintEvent"`],
		// row triggers do not see TRUNCATE; a statement trigger does
		['TRUNCATE', `TRUNCATE "ComplaintEvent" CASCADE`],
	])('%s in SQL is refused', async (_name, sql) => {
		const params = sql.includes('$1') ? [eventId] : []
		await expect(db.sql.query(sql, params)).rejects.toThrow(REFUSED)
		expect(await events()).toEqual(snapshot)
	})

	test('the refusal carries its own SQLSTATE (55000, object not in prerequisite state)', async () => {
		const error = await db.sql.query(`DELETE FROM "ComplaintEvent" WHERE "id" = $1`, [eventId]).catch((e: unknown) => e)
		expect(error).toMatchObject({ code: '55000' })
	})

	test('through the Prisma client, in and out of a transaction', async () => {
		await expect(
			db.prisma.complaintEvent.update({ where: { id: eventId }, data: { data: { messageId: 'forged' } } }),
		).rejects.toThrow(REFUSED)
		await expect(db.prisma.complaintEvent.deleteMany({ where: { complaintId } })).rejects.toThrow(REFUSED)
		await expect(
			db.prisma.$transaction(async (tx) => {
				await tx.complaint.update({ where: { id: complaintId }, data: { title: '改过的标题' } })
				await tx.complaintEvent.delete({ where: { id: eventId } })
			}),
		).rejects.toThrow(REFUSED)
		// the whole transaction rolled back, the complaint's change with it
		expect((await db.prisma.complaint.findUniqueOrThrow({ where: { id: complaintId } })).title).toBe('水泥袋破损结块')
		expect(await events()).toEqual(snapshot)
	})

	test('deleting the complaint, which would cascade to its events, is refused', async () => {
		await expect(db.prisma.complaint.delete({ where: { id: complaintId } })).rejects.toThrow(REFUSED)
		await expect(db.sql.query(`DELETE FROM "Complaint" WHERE "id" = $1`, [complaintId])).rejects.toThrow(REFUSED)
		expect(await db.prisma.complaint.count({ where: { id: complaintId } })).toBe(1)
		expect(await events()).toEqual(snapshot)
	})

	test('new events are still appended', async () => {
		await db.prisma.complaintEvent.create({
			data: { complaintId, actorId: null, type: 'sla_at_risk', visibility: 'INTERNAL' },
		})
		expect(await events()).toHaveLength((snapshot as unknown[]).length + 1)
	})
})
