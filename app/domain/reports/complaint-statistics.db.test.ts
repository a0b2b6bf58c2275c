import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createComplaintRow } from '#tests/queue-fixtures.ts'
import {
	AFTER_C_DUE,
	BEFORE_C_DUE,
	local,
	REPORT_PERIOD,
	seedReportWorld,
	type ReportWorld,
} from '#tests/report-fixtures.ts'
import { complaintStatistics, EMPTY_FIGURES, TOP_PRODUCTS } from './complaint-statistics.ts'
import { resolvePeriod } from './period.ts'

/**
 * Issue 6, "Done when": the report figures against a fixture whose answers are worked out by
 * hand (tests/report-fixtures.ts tells each complaint's story and what its clocks make of it),
 * working-time service levels and empty periods included. Every number below is written out, not
 * computed from the code under test.
 */

let database: Database
let world: ReportWorld

beforeAll(async () => {
	database = await createTestDatabase()
	world = await seedReportWorld(database.prisma)
}, 60_000)
afterAll(() => database?.close())

const period = resolvePeriod(REPORT_PERIOD)
const stats = (viewer = world.people.staff.GENERAL_MANAGER.viewer, now = BEFORE_C_DUE, p = period) =>
	complaintStatistics(database.prisma, viewer, p, now)

describe('the service record the commands keep', () => {
	test('answered cases carry when; broken promises carry the due time they passed', async () => {
		const rows = await database.prisma.complaint.findMany({
			where: { id: { in: Object.values(world.complaints) } },
			select: { id: true, resolvedAt: true, slaBreachedAt: true },
		})
		const byKey = Object.fromEntries(
			Object.entries(world.complaints).map(([key, id]) => [key, rows.find((r) => r.id === id)!]),
		)
		expect(byKey.A).toMatchObject({ resolvedAt: local('2026-10-12 10:00'), slaBreachedAt: local('2026-10-10 18:00') })
		expect(byKey.B).toMatchObject({ resolvedAt: local('2026-10-08 15:00'), slaBreachedAt: local('2026-09-29 09:00') })
		expect(byKey.E).toMatchObject({ resolvedAt: local('2026-10-13 12:00'), slaBreachedAt: null })
		// open clocks past due are not written by anyone: the report reads them as of now
		for (const key of ['C', 'D', 'G', 'I']) expect(byKey[key]).toMatchObject({ resolvedAt: null, slaBreachedAt: null })
	})
})

describe('complaint figures of the period', () => {
	test('totals: first response and service level in working time, medians and 90th percentiles', async () => {
		const s = await stats()
		expect(s!.totals).toEqual({
			complaints: 7, // A B C D E G I; F the day before, H the day after (in Shanghai)
			firstResponseMet: 5, // A 23 h, C 17 h, E 1 h, G 9.5 h, I 1 h
			firstResponseMissed: 2, // B 26 h, D never
			firstResponseCompliance: 5 / 7,
			serviceLevelKept: 1, // E
			serviceLevelMissed: 4, // A (the make-up Saturday), B (late first response), D, I (running past due)
			serviceLevelCompliance: 1 / 5, // C and G still on time: not counted
			answered: 3, // A, B, E
			// 1, 1, 9.5, 17, 23, 26: median (9.5 + 17) / 2; p90 at 4.5 of 5 → 23 + 0.5 × 3
			firstResponseHours: { median: 13.25, p90: 24.5 },
			// 123, 246, 288: median 246; p90 at 1.8 of 2 → 246 + 0.8 × 42
			resolutionHours: { median: 246, p90: expect.closeTo(279.6, 9) },
		})
		expect(s!.scope).toBe('all')
	})

	test('as of now: the clock of C runs out at 10:00 on Wednesday', async () => {
		const s = await stats(undefined, AFTER_C_DUE)
		expect(s!.totals).toMatchObject({ serviceLevelKept: 1, serviceLevelMissed: 5, serviceLevelCompliance: 1 / 6 })
		// the first response of C came in time: that does not change
		expect(s!.totals.firstResponseCompliance).toBe(5 / 7)
	})

	test('trend: one point per local day, the empty days included', async () => {
		const s = await stats()
		expect(s!.period.interval).toBe('day')
		expect(s!.trend.map((p) => [p.bucket, p.figures.complaints])).toEqual([
			['2026-09-28', 1], // B
			['2026-09-29', 0],
			['2026-09-30', 1], // A
			['2026-10-01', 0],
			['2026-10-02', 0],
			['2026-10-03', 0],
			['2026-10-04', 1], // D
			['2026-10-05', 0],
			['2026-10-06', 1], // I
			['2026-10-07', 0],
			['2026-10-08', 1], // E
			['2026-10-09', 1], // C
			['2026-10-10', 0],
			['2026-10-11', 1], // G, filed on the 10th in UTC
		])
		expect(s!.trend[1]!.figures).toEqual(EMPTY_FIGURES)
		expect(s!.trend[0]!.figures).toMatchObject({
			firstResponseMissed: 1,
			serviceLevelMissed: 1,
			resolutionHours: { median: 246, p90: 246 },
		})
	})

	test('by category, region and dealer', async () => {
		const s = await stats()
		expect(s!.byCategory.map((c) => [c.category, c.figures.complaints])).toEqual([
			['PRODUCT_QUALITY', 4], // A D E I
			['HANDLING_DAMAGE', 1], // B
			['SERVICE_CONDUCT', 1], // C
			['SALES_POLICY', 1], // G
			['OTHER', 0], // F and H are outside the period
		])
		expect(s!.byCategory[4]!.figures).toEqual(EMPTY_FIGURES)

		expect(s!.byRegion.map((r) => [r.region.id, r.figures.complaints])).toEqual([
			[world.east.id, 5],
			[world.west.id, 2],
		])
		const [east, west] = s!.byRegion
		expect(east!.figures).toMatchObject({
			firstResponseMet: 4,
			firstResponseMissed: 1, // B
			serviceLevelKept: 1,
			serviceLevelMissed: 3, // A B I; G pending
			answered: 3,
			resolutionHours: { median: 246 },
		})
		expect(west!.figures).toMatchObject({
			firstResponseCompliance: 0.5, // C met, D missed
			serviceLevelCompliance: 0, // D missed, C pending
			answered: 0,
			resolutionHours: null,
		})

		expect(s!.byDealer.map((d) => [d.dealer?.id ?? null, d.figures.complaints])).toEqual([
			[world.eastDealer.id, 4], // A B E I
			[null, 2], // C G, sold directly
			[world.westDealer.id, 1], // D
		])
	})

	test('product models and batches over the complaints that name a product line', async () => {
		const s = await stats()
		expect(s!.withProductLine).toBe(5) // A B D E I
		expect(s!.byProductModel).toEqual([
			{ productModel: 'PV-100', complaints: 3, share: 0.6 },
			{ productModel: 'PV-200', complaints: 2, share: 0.4 },
		])
		expect(s!.byBatch).toEqual([
			{ productModel: 'PV-100', batchNumber: 'B1', complaints: 2, share: 0.4 },
			{ productModel: 'PV-200', batchNumber: 'B3', complaints: 2, share: 0.4 },
			{ productModel: 'PV-100', batchNumber: 'B2', complaints: 1, share: 0.2 },
		])
	})

	test('Pareto of root causes: the recorded responsibility, most frequent first, cumulative', async () => {
		const s = await stats()
		expect(s!.rootCauses).toEqual([
			{ key: 'QUALITY_DEFECT', count: 2, share: 0.5, cumulativeShare: 0.5 }, // E I
			{ key: 'CUSTOMER_MISUSE', count: 1, share: 0.25, cumulativeShare: 0.75 }, // A
			{ key: 'TRANSPORT_DAMAGE', count: 1, share: 0.25, cumulativeShare: 1 }, // B
		])
		expect(s!.rootCauseUndetermined).toBe(3) // C D G
	})

	test('an empty period: zeros, no ratios, every bucket there', async () => {
		const august = resolvePeriod({ from: '2026-08-01', to: '2026-08-31' })
		const s = await stats(undefined, BEFORE_C_DUE, august)
		expect(s!.totals).toEqual(EMPTY_FIGURES)
		expect(s!.trend).toHaveLength(31)
		expect(s!.trend.every((p) => p.figures.complaints === 0)).toBe(true)
		expect(s!.byCategory.map((c) => c.figures)).toEqual(Array(5).fill(EMPTY_FIGURES))
		expect([s!.byRegion, s!.byDealer, s!.byProductModel, s!.byBatch, s!.rootCauses]).toEqual([[], [], [], [], []])
		expect([s!.withProductLine, s!.rootCauseUndetermined]).toEqual([0, 0])
	})

	test('longer periods group by ISO week (from Monday), then by month, with F and H inside them', async () => {
		const quarter = resolvePeriod({ from: '2026-09-01', to: '2026-11-30' })
		expect(quarter.interval).toBe('week')
		const weekly = await stats(undefined, BEFORE_C_DUE, quarter)
		expect(weekly!.trend.filter((p) => p.figures.complaints > 0).map((p) => [p.bucket, p.figures.complaints])).toEqual([
			['2026-09-21', 1], // F, Sunday 27th
			['2026-09-28', 3], // B A D (Sunday 4 October ends the week)
			['2026-10-05', 4], // I E C G
			['2026-10-12', 1], // H
		])
		expect(weekly!.trend[0]!.bucket).toBe('2026-08-31')
		expect(weekly!.trend).toHaveLength(14)

		const half = resolvePeriod({ from: '2026-06-01', to: '2026-12-31' })
		expect(half.interval).toBe('month')
		const monthly = await stats(undefined, BEFORE_C_DUE, half)
		expect(monthly!.trend.map((p) => [p.bucket, p.figures.complaints])).toEqual([
			['2026-06-01', 0],
			['2026-07-01', 0],
			['2026-08-01', 0],
			['2026-09-01', 3], // B A F
			['2026-10-01', 6], // D I E C G H
			['2026-11-01', 0],
			['2026-12-01', 0],
		])
	})
})

describe('models and batches: the top ones', () => {
	test(`at most ${TOP_PRODUCTS} of each, most complaints first, ties by name; shares of all that name a line`, async () => {
		// July: 22 models, model M01 with three complaints over two batches, M02 with two, the rest one each
		const july = (day: number) => local(`2026-07-${String(day).padStart(2, '0')} 10:00`)
		const models = Array.from({ length: 22 }, (_, i) => `M${String(i + 1).padStart(2, '0')}`)
		const rows = [
			...models.map((productModel, i) => ({ productModel, batchNumber: 'B1', day: i + 1 })),
			{ productModel: 'M01', batchNumber: 'B2', day: 23 },
			{ productModel: 'M01', batchNumber: 'B2', day: 24 },
			{ productModel: 'M02', batchNumber: 'B1', day: 25 },
		]
		for (const row of rows)
			await createComplaintRow(database.prisma, {
				customer: world.people.wang,
				regionId: world.east.id,
				productModel: row.productModel,
				batchNumber: row.batchNumber,
				createdAt: july(row.day),
			})
		// and one without a product line, which counts in the totals only
		await createComplaintRow(database.prisma, {
			customer: world.people.wang,
			regionId: world.east.id,
			createdAt: july(26),
		})
		const s = await stats(undefined, BEFORE_C_DUE, resolvePeriod({ from: '2026-07-01', to: '2026-07-31' }))
		expect([s!.totals.complaints, s!.withProductLine]).toEqual([26, 25])
		expect(s!.byProductModel).toHaveLength(TOP_PRODUCTS)
		expect(s!.byProductModel.slice(0, 4)).toEqual([
			{ productModel: 'M01', complaints: 3, share: 3 / 25 },
			{ productModel: 'M02', complaints: 2, share: 2 / 25 },
			{ productModel: 'M03', complaints: 1, share: 1 / 25 },
			{ productModel: 'M04', complaints: 1, share: 1 / 25 },
		])
		expect(s!.byProductModel.at(-1)!.productModel).toBe('M20')
		expect(s!.byBatch).toHaveLength(TOP_PRODUCTS)
		expect(s!.byBatch.slice(0, 3)).toEqual([
			{ productModel: 'M01', batchNumber: 'B2', complaints: 2, share: 2 / 25 },
			{ productModel: 'M02', batchNumber: 'B1', complaints: 2, share: 2 / 25 },
			{ productModel: 'M01', batchNumber: 'B1', complaints: 1, share: 1 / 25 },
		])
	})
})

describe('whose figures', () => {
	test('a regional office, and staff sitting in one, count their region only', async () => {
		for (const viewer of [world.people.eastOffice.viewer, world.people.eastManager.viewer]) {
			const s = await stats(viewer)
			expect(s!.scope).toBe('region')
			expect(s!.totals.complaints).toBe(5)
			expect(s!.byRegion.map((r) => r.region.id)).toEqual([world.east.id])
			expect(s!.byDealer.map((d) => d.dealer?.id ?? null)).toEqual([world.eastDealer.id, null])
		}
		const west = await stats(world.people.westOffice.viewer)
		expect(west!.totals).toMatchObject({ complaints: 2, firstResponseMet: 1, firstResponseMissed: 1 })
	})

	test('a dealer counts the complaints on orders it sold', async () => {
		const s = await stats(world.people.dealer.viewer)
		expect(s!.scope).toBe('dealer')
		expect(s!.totals).toMatchObject({ complaints: 4, answered: 3, serviceLevelKept: 1, serviceLevelMissed: 3 })
		expect(s!.byRegion.map((r) => r.region.id)).toEqual([world.east.id])
		expect(s!.byProductModel.map((m) => m.complaints)).toEqual([3, 1])
	})

	test('customers, tokens that may not read complaints, roleless staff and nobody get no report', async () => {
		expect(await stats(world.people.wang.viewer)).toBeNull()
		expect(await stats(world.people.roleless.viewer)).toBeNull()
		expect(await stats({ ...world.people.dealer.viewer, tokenScopes: ['WEBHOOKS'] })).toBeNull()
		expect(await complaintStatistics(database.prisma, null, period)).toBeNull()
		// a token that may read complaints reads its dealer's figures
		const token = await stats({ ...world.people.dealer.viewer, tokenScopes: ['READ_COMPLAINTS'] })
		expect(token!.totals.complaints).toBe(4)
	})
})
