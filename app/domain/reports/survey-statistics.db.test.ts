import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import { createTestDatabase } from '#tests/db.ts'
import { local, seedReportWorld, type ReportWorld } from '#tests/report-fixtures.ts'
import { resolvePeriod } from './period.ts'
import { surveyStatistics } from './survey-statistics.ts'

/**
 * Issue 6: the satisfaction figures against surveys whose answers are written out here, with the
 * expected histograms, averages, Net Promoter Score and response rate worked out by hand.
 *
 *   S1  complaint E (east, dealer E), sent Tue 13 Oct 12:00, answered Wed 14 Oct 07:00 (still the
 *       13th in UTC): timeliness 5, communication 4, resolution 5, product 4, delivery and price
 *       skipped, overall 5, recommend 10
 *   S2  complaint A (east, dealer E), sent Mon 12 Oct 10:00, answered Wed 14 Oct 09:00: 2, 3, 1,
 *       product and delivery skipped, price 3, overall 2, recommend 3
 *   S3  complaint B (east, dealer E), sent Thu 8 Oct 15:00, never answered
 *   S4  key account of the west (no dealer), sent Thu 1 Oct 10:00, answered Fri 2 Oct 10:00: 4, 4,
 *       resolution skipped, product 5, delivery 4, price 3, overall 4, recommend 8
 *   S5  complaint H (east), sent Thu 15 Oct 10:00, answered Fri 16 Oct 00:30 (the 15th in UTC):
 *       after the period; all 1s, recommend 0
 *
 * The period is 1–15 October 2026.
 */

let database: Database
let world: ReportWorld

type Scores = [number | null, number | null, number | null, number | null, number | null, number | null, number, number]
const scoreFields = ([
	timeliness,
	communication,
	resolutionQuality,
	productQuality,
	delivery,
	priceFairness,
	overall,
	recommend,
]: Scores) => ({
	timeliness,
	communication,
	resolutionQuality,
	productQuality,
	delivery,
	priceFairness,
	overall,
	recommend,
})

beforeAll(async () => {
	database = await createTestDatabase()
	world = await seedReportWorld(database.prisma)
	const db = database.prisma
	const { complaints, east, west, eastDealer, people } = world
	const survey = (
		fields: { complaintId?: string; regionId: string; dealerId?: string | null; sent: string; answered?: string },
		scores?: Scores,
	) => {
		const data = {
			customerId: people.wang.id,
			regionId: fields.regionId,
			dealerId: fields.dealerId ?? null,
			sentAt: local(fields.sent),
			expiresAt: new Date(local(fields.sent).getTime() + 30 * 86_400_000),
			answeredAt: fields.answered ? local(fields.answered) : null,
			answerUpdatedAt: fields.answered ? local(fields.answered) : null,
			...(scores ? scoreFields(scores) : {}),
		}
		return db.survey.create({
			data: fields.complaintId
				? { kind: 'COMPLAINT', complaintId: fields.complaintId, ...data }
				: { kind: 'KEY_ACCOUNT', periodYear: 2026, ...data },
		})
	}
	// resolving a complaint sends its survey (app/domain/surveys/): this story replaces whatever that wrote
	await db.survey.deleteMany({})
	const dealerE = { regionId: east.id, dealerId: eastDealer.id }
	await survey({ complaintId: complaints.E, ...dealerE, sent: '2026-10-13 12:00', answered: '2026-10-14 07:00' }, [
		5,
		4,
		5,
		4,
		null,
		null,
		5,
		10,
	])
	await survey({ complaintId: complaints.A, ...dealerE, sent: '2026-10-12 10:00', answered: '2026-10-14 09:00' }, [
		2,
		3,
		1,
		null,
		null,
		3,
		2,
		3,
	])
	await survey({ complaintId: complaints.B, ...dealerE, sent: '2026-10-08 15:00' })
	await survey({ regionId: west.id, sent: '2026-10-01 10:00', answered: '2026-10-02 10:00' }, [
		4,
		4,
		null,
		5,
		4,
		3,
		4,
		8,
	])
	await survey(
		{ complaintId: complaints.H, regionId: east.id, sent: '2026-10-15 10:00', answered: '2026-10-16 00:30' },
		[1, 1, 1, 1, 1, 1, 1, 0],
	)
}, 60_000)
afterAll(() => database?.close())

const october = resolvePeriod({ from: '2026-10-01', to: '2026-10-15' })
const stats = (viewer = world.people.staff.GENERAL_MANAGER.viewer, period = october) =>
	surveyStatistics(database.prisma, viewer, period)

const histogram = (counts: number[], from = 1) => counts.map((answers, i) => ({ score: from + i, answers }))

describe('survey figures of the period', () => {
	test('histograms per dimension: every score, skipped answers apart', async () => {
		const s = await stats()
		expect(s!.histograms).toEqual([
			{ question: 'timeliness', counts: histogram([0, 1, 0, 1, 1]), skipped: 0 }, // 5 2 4
			{ question: 'communication', counts: histogram([0, 0, 1, 2, 0]), skipped: 0 }, // 4 3 4
			{ question: 'resolutionQuality', counts: histogram([1, 0, 0, 0, 1]), skipped: 1 }, // 5 1 –
			{ question: 'productQuality', counts: histogram([0, 0, 0, 1, 1]), skipped: 1 }, // 4 – 5
			{ question: 'delivery', counts: histogram([0, 0, 0, 1, 0]), skipped: 2 }, // – – 4
			{ question: 'priceFairness', counts: histogram([0, 0, 2, 0, 0]), skipped: 1 }, // – 3 3
			{ question: 'overall', counts: histogram([0, 1, 0, 1, 1]), skipped: 0 }, // 5 2 4
			{ question: 'recommend', counts: histogram([0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1], 0), skipped: 0 }, // 10 3 8
		])
	})

	test('averages of the answers that scored, NPS and response rate', async () => {
		const s = await stats()
		expect(s!.totals).toEqual({
			answers: 3, // S1 S2 S4; S5 was answered on the 16th in Shanghai
			averages: {
				timeliness: 11 / 3,
				communication: 11 / 3,
				resolutionQuality: 3,
				productQuality: 4.5,
				delivery: 4,
				priceFairness: 3,
				overall: 11 / 3,
			},
			recommendAverage: 7,
			netPromoterScore: 0, // one promoter (10), one passive (8), one detractor (3)
		})
		// sent in the period: S1 to S5; answered by now: all but S3
		expect([s!.sent, s!.sentAndAnswered, s!.responseRate]).toEqual([5, 4, 0.8])
	})

	test('trend per local day, by region and by dealer', async () => {
		const s = await stats()
		expect(s!.trend).toHaveLength(15)
		expect(s!.trend.filter((p) => p.figures.answers > 0).map((p) => [p.bucket, p.figures.answers])).toEqual([
			['2026-10-02', 1], // S4
			['2026-10-14', 2], // S1 (the 13th in UTC) and S2
		])
		expect(s!.trend[13]!.figures).toMatchObject({
			averages: { overall: 3.5 },
			recommendAverage: 6.5,
			netPromoterScore: 0,
		})
		expect(s!.trend[0]!.figures).toEqual({
			answers: 0,
			averages: {
				timeliness: null,
				communication: null,
				resolutionQuality: null,
				productQuality: null,
				delivery: null,
				priceFairness: null,
				overall: null,
			},
			recommendAverage: null,
			netPromoterScore: null,
		})
		expect(s!.byRegion.map((r) => [r.region.id, r.figures.answers, r.figures.averages.overall])).toEqual([
			[world.east.id, 2, 3.5],
			[world.west.id, 1, 4],
		])
		expect(s!.byDealer.map((d) => [d.dealer?.id ?? null, d.figures.answers, d.figures.netPromoterScore])).toEqual([
			[world.eastDealer.id, 2, 0],
			[null, 1, 0], // S4: a passive only
		])
	})

	test('an empty period', async () => {
		const s = await stats(undefined, resolvePeriod({ from: '2026-09-01', to: '2026-09-30' }))
		expect([s!.sent, s!.sentAndAnswered, s!.responseRate, s!.totals.answers, s!.totals.netPromoterScore]).toEqual([
			0,
			0,
			null,
			0,
			null,
		])
		expect(s!.histograms.every((h) => h.skipped === 0 && h.counts.every((c) => c.answers === 0))).toBe(true)
		expect([s!.byRegion, s!.byDealer]).toEqual([[], []])
	})
})

describe('whose figures', () => {
	test('a dealer: the surveys of its own complaints', async () => {
		const s = await stats(world.people.dealer.viewer)
		expect([s!.scope, s!.totals.answers, s!.sent, s!.sentAndAnswered]).toEqual(['dealer', 2, 3, 2])
		expect(s!.histograms.find((h) => h.question === 'overall')!.counts).toEqual(histogram([0, 1, 0, 0, 1]))
	})

	test('a regional office: its region', async () => {
		const s = await stats(world.people.westOffice.viewer)
		expect([s!.scope, s!.totals.answers, s!.totals.averages.overall]).toEqual(['region', 1, 4])
	})

	test('customers and nobody: none', async () => {
		expect(await stats(world.people.wang.viewer)).toBeNull()
		expect(await surveyStatistics(database.prisma, null, october)).toBeNull()
	})
})
