import { afterEach, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import { createTestDatabase } from '#tests/db.ts'
import { nextComplaintReference, parseComplaintReference } from './reference.ts'

let db: Database | undefined
afterEach(async () => {
	await db?.close()
	db = undefined
})

async function open() {
	db = await createTestDatabase()
	return db.prisma
}

class Rollback extends Error {}

describe('nextComplaintReference', () => {
	test('numbers one year sequentially from 1', async () => {
		const prisma = await open()
		const refs = []
		for (let i = 0; i < 3; i++) refs.push(await prisma.$transaction((tx) => nextComplaintReference(tx, 2026)))
		expect(refs).toEqual(['CMP-2026-000001', 'CMP-2026-000002', 'CMP-2026-000003'])
	})

	test('several references in one transaction are consecutive', async () => {
		const prisma = await open()
		const refs = await prisma.$transaction(async (tx) => [
			await nextComplaintReference(tx, 2026),
			await nextComplaintReference(tx, 2026),
		])
		expect(refs).toEqual(['CMP-2026-000001', 'CMP-2026-000002'])
	})

	test('each year has its own sequence, starting again at 1', async () => {
		const prisma = await open()
		const take = (year: number) => prisma.$transaction((tx) => nextComplaintReference(tx, year))
		expect(await take(2026)).toBe('CMP-2026-000001')
		expect(await take(2026)).toBe('CMP-2026-000002')
		expect(await take(2027)).toBe('CMP-2027-000001')
		expect(await take(2026)).toBe('CMP-2026-000003')
		expect(await take(2027)).toBe('CMP-2027-000002')
		const rows = await prisma.complaintSequence.findMany({ orderBy: { year: 'asc' } })
		expect(rows).toEqual([
			{ year: 2026, lastUsed: 3 },
			{ year: 2027, lastUsed: 2 },
		])
	})

	test('a rolled-back transaction gives its number back: no gap', async () => {
		const prisma = await open()
		expect(await prisma.$transaction((tx) => nextComplaintReference(tx, 2026))).toBe('CMP-2026-000001')
		let taken: string | undefined
		await expect(
			prisma.$transaction(async (tx) => {
				taken = await nextComplaintReference(tx, 2026)
				throw new Rollback()
			}),
		).rejects.toThrow(Rollback)
		expect(taken).toBe('CMP-2026-000002')
		expect(await prisma.$transaction((tx) => nextComplaintReference(tx, 2026))).toBe('CMP-2026-000002')
	})

	test('a rolled-back first use of a year leaves no counter behind', async () => {
		const prisma = await open()
		await expect(
			prisma.$transaction(async (tx) => {
				await nextComplaintReference(tx, 2030)
				throw new Rollback()
			}),
		).rejects.toThrow(Rollback)
		expect(await prisma.complaintSequence.count()).toBe(0)
		expect(await prisma.$transaction((tx) => nextComplaintReference(tx, 2030))).toBe('CMP-2030-000001')
	})

	test('20 concurrent transactions get 20 distinct, consecutive numbers', async () => {
		const prisma = await open()
		const refs = await Promise.all(
			Array.from({ length: 20 }, () =>
				prisma.$transaction(
					async (tx) => {
						const ref = await nextComplaintReference(tx, 2026)
						// hold the row lock a little so that the others really queue behind it (PostgreSQL)
						await tx.$executeRaw`SELECT pg_sleep(0.02)`
						return ref
					},
					{ maxWait: 20_000, timeout: 20_000 },
				),
			),
		)
		const numbers = refs.map((r) => parseComplaintReference(r)!.sequence).sort((a, b) => a - b)
		expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
		expect(await prisma.complaintSequence.findUnique({ where: { year: 2026 } })).toEqual({ year: 2026, lastUsed: 20 })
	})

	test('concurrent transactions of which half roll back still leave no gap', async () => {
		const prisma = await open()
		const results = await Promise.allSettled(
			Array.from({ length: 20 }, (_, i) =>
				prisma.$transaction(
					async (tx) => {
						const ref = await nextComplaintReference(tx, 2026)
						await tx.$executeRaw`SELECT pg_sleep(0.01)`
						if (i % 2 === 1) throw new Rollback()
						return ref
					},
					{ maxWait: 20_000, timeout: 20_000 },
				),
			),
		)
		const committed = results.flatMap((r) =>
			r.status === 'fulfilled' ? [parseComplaintReference(r.value)!.sequence] : [],
		)
		expect(results.filter((r) => r.status === 'rejected').every((r) => r.reason instanceof Rollback)).toBe(true)
		expect(committed.sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1))
		expect(await prisma.$transaction((tx) => nextComplaintReference(tx, 2026))).toBe('CMP-2026-000011')
	})
})
