import { encodeGlobalID } from '@pothos/plugin-relay'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import { createComplaintUpdates } from '#app/complaints/updates.server.ts'
import { parseConfig } from '#app/config.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { createApiToken } from '#app/domain/api-tokens/tokens.ts'
import type { ApiTokenScope } from '#app/generated/prisma/enums.ts'
import { createLogger } from '#app/logger.server.ts'
import { createRateLimits, type RateLimits } from '#app/rate-limit.server.ts'
import { createTestStorage } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { REPORT_PERIOD, seedReportWorld, type ReportWorld } from '#tests/report-fixtures.ts'
import { createGraphQLHandler, type GraphQLHandler } from './yoga.ts'

/**
 * `complaintStatistics` and `surveyStatistics` over HTTP, as a dealer's integration, a regional
 * office and staff call them: the same figures as the reports page (app/domain/reports, checked
 * by hand there), restricted to what each may read, and refused arguments. The fixture is
 * tests/report-fixtures.ts; figures that depend on "now" are not asserted here.
 */

let db: Database
let yoga: GraphQLHandler
let limits: RateLimits
let world: ReportWorld

beforeAll(async () => {
	db = await createTestDatabase()
	limits = createRateLimits()
	yoga = createGraphQLHandler({
		config: parseConfig({ NODE_ENV: 'production', APP_URL: 'http://portal.test' }),
		db,
		logger: createLogger('silent'),
		limits,
		storage: createTestStorage(),
		complaintUpdates: createComplaintUpdates({ logger: createLogger('silent') }),
	})
	world = await seedReportWorld(db.prisma)
}, 60_000)
afterAll(async () => {
	await limits?.close()
	await db?.close()
})

type Auth = { cookie: string } | { bearer: string } | null

async function sessionOf(person: {
	id: string
	viewer: { kind: 'CUSTOMER' | 'STAFF' | 'DEALER' | 'REGIONAL_OFFICE' }
}) {
	const { token } = await createSession(db.prisma, { id: person.id, kind: person.viewer.kind })
	return { cookie: `${SESSION_COOKIE}=${token}` }
}

async function tokenOf(scopes: ApiTokenScope[]): Promise<Auth> {
	const { secret } = await createApiToken(db.prisma, world.people.dealer.viewer, {
		name: `reports ${scopes.join()} ${crypto.randomUUID().slice(0, 8)}`,
		scopes,
		expiresInDays: 30,
	})
	return { bearer: secret }
}

async function post(auth: Auth, query: string, variables: unknown = {}) {
	const headers: Record<string, string> = { 'content-type': 'application/json' }
	if (auth && 'cookie' in auth) headers.cookie = auth.cookie
	if (auth && 'bearer' in auth) headers.authorization = `Bearer ${auth.bearer}`
	const response = await yoga.fetch('http://portal.test/graphql', {
		method: 'POST',
		headers,
		body: JSON.stringify({ query, variables }),
	})
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
	const body = (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: any }> }
	return { status: response.status, ...body }
}

const COMPLAINTS = /* GraphQL */ `
	query ($from: Date!, $to: Date!) {
		complaintStatistics(from: $from, to: $to) {
			from
			to
			interval
			scope
			totals {
				complaints
				firstResponseMet
				firstResponseMissed
				answered
				timeToFirstResponse {
					medianHours
					p90Hours
				}
				timeToResolution {
					medianHours
				}
			}
			trend {
				start
				figures {
					complaints
				}
			}
			byCategory {
				category
				figures {
					complaints
				}
			}
			byRegion {
				region {
					id
				}
				figures {
					complaints
				}
			}
			byDealer {
				dealer {
					id
				}
				figures {
					complaints
				}
			}
			byProductModel {
				productModel
				complaints
				share
			}
			byBatch {
				batchNumber
				complaints
			}
			withProductLine
			rootCauses {
				responsibility
				complaints
				cumulativeShare
			}
			rootCauseUndetermined
		}
	}
`

describe('complaintStatistics', () => {
	test('staff: every complaint of the period, with regions and dealers as objects', async () => {
		const answer = await post(await sessionOf(world.people.staff.MARKETING_DIRECTOR), COMPLAINTS, REPORT_PERIOD)
		expect(answer.errors).toBeUndefined()
		const s = answer.data.complaintStatistics
		expect(s).toMatchObject({
			from: '2026-09-28',
			to: '2026-10-11',
			interval: 'DAY',
			scope: 'ALL',
			totals: {
				complaints: 7,
				firstResponseMet: 5,
				firstResponseMissed: 2,
				answered: 3,
				timeToFirstResponse: { medianHours: 13.25, p90Hours: 24.5 },
				timeToResolution: { medianHours: 246 },
			},
			withProductLine: 5,
			rootCauseUndetermined: 3,
		})
		expect(s.trend).toHaveLength(14)
		expect(s.trend[0]).toEqual({ start: '2026-09-28', figures: { complaints: 1 } })
		expect(s.byCategory.map((c: { category: string }) => c.category)).toEqual([
			'PRODUCT_QUALITY',
			'HANDLING_DAMAGE',
			'SERVICE_CONDUCT',
			'SALES_POLICY',
			'OTHER',
		])
		expect(s.byRegion).toEqual([
			{ region: { id: encodeGlobalID('Region', world.east.id) }, figures: { complaints: 5 } },
			{ region: { id: encodeGlobalID('Region', world.west.id) }, figures: { complaints: 2 } },
		])
		expect(s.byDealer).toEqual([
			{ dealer: { id: encodeGlobalID('Organization', world.eastDealer.id) }, figures: { complaints: 4 } },
			{ dealer: null, figures: { complaints: 2 } },
			{ dealer: { id: encodeGlobalID('Organization', world.westDealer.id) }, figures: { complaints: 1 } },
		])
		expect(s.byProductModel).toEqual([
			{ productModel: 'PV-100', complaints: 3, share: 0.6 },
			{ productModel: 'PV-200', complaints: 2, share: 0.4 },
		])
		expect(s.rootCauses).toEqual([
			{ responsibility: 'QUALITY_DEFECT', complaints: 2, cumulativeShare: 0.5 },
			{ responsibility: 'CUSTOMER_MISUSE', complaints: 1, cumulativeShare: 0.75 },
			{ responsibility: 'TRANSPORT_DAMAGE', complaints: 1, cumulativeShare: 1 },
		])
	})

	test('a dealer’s API token: only the complaints on orders it sold', async () => {
		const answer = await post(await tokenOf(['READ_COMPLAINTS']), COMPLAINTS, REPORT_PERIOD)
		expect(answer.errors).toBeUndefined()
		const s = answer.data.complaintStatistics
		expect(s.scope).toBe('DEALER')
		expect(s.totals.complaints).toBe(4)
		expect(s.byRegion.map((r: { region: { id: string } }) => r.region.id)).toEqual([
			encodeGlobalID('Region', world.east.id),
		])
		expect(s.byDealer).toEqual([
			{ dealer: { id: encodeGlobalID('Organization', world.eastDealer.id) }, figures: { complaints: 4 } },
		])
	})

	test('a regional office: its region only; the other region’s office the other', async () => {
		const east = (await post(await sessionOf(world.people.eastOffice), COMPLAINTS, REPORT_PERIOD)).data
			.complaintStatistics
		const west = (await post(await sessionOf(world.people.westOffice), COMPLAINTS, REPORT_PERIOD)).data
			.complaintStatistics
		expect([east.scope, east.totals.complaints, west.scope, west.totals.complaints]).toEqual(['REGION', 5, 'REGION', 2])
	})

	test('customers, anonymous and a token without READ_COMPLAINTS: null', async () => {
		for (const auth of [await sessionOf(world.people.wang), null, await tokenOf(['WEBHOOKS'])]) {
			const answer = await post(auth, COMPLAINTS, REPORT_PERIOD)
			expect(answer.errors).toBeUndefined()
			expect(answer.data).toEqual({ complaintStatistics: null })
		}
	})

	test('a period that cannot be: BAD_USER_INPUT, nothing counted', async () => {
		const staff = await sessionOf(world.people.staff.ADMIN)
		const cases: Array<[{ from: string; to: string }, string]> = [
			[{ from: '2026-10-11', to: '2026-09-28' }, 'BAD_USER_INPUT'],
			[{ from: '2010-01-01', to: '2026-01-01' }, 'BAD_USER_INPUT'],
		]
		for (const [variables, code] of cases) {
			const answer = await post(staff, COMPLAINTS, variables)
			expect(answer.errors?.[0]?.extensions?.code).toBe(code)
			expect(answer.data).toEqual({ complaintStatistics: null })
		}
		// not a date at all: the Date scalar refuses it before anything runs
		const malformed = await post(staff, COMPLAINTS, { from: '2026-02-30', to: '2026-03-01' })
		expect(malformed.status).toBe(400)
		expect(malformed.errors?.[0]?.message).toMatch(/Date/)
		expect(malformed.data).toBeUndefined()
	})
})

const SURVEYS = /* GraphQL */ `
	query ($from: Date!, $to: Date!) {
		surveyStatistics(from: $from, to: $to) {
			scope
			sent
			sentAndAnswered
			responseRate
			totals {
				answers
				overall
				recommend
				netPromoterScore
			}
			histograms {
				question
				counts {
					score
					answers
				}
				skipped
			}
			byRegion {
				region {
					id
				}
				figures {
					answers
				}
			}
		}
	}
`

describe('surveyStatistics', () => {
	beforeAll(async () => {
		// two answers of the east dealer's customers, one of a customer in the west who bought directly
		await db.prisma.survey.deleteMany({})
		const answered = (
			complaintId: string,
			regionId: string,
			dealerId: string | null,
			overall: number,
			recommend: number,
		) =>
			db.prisma.survey.create({
				data: {
					kind: 'COMPLAINT',
					complaintId,
					customerId: world.people.wang.id,
					regionId,
					dealerId,
					sentAt: new Date('2026-10-05T02:00:00Z'),
					expiresAt: new Date('2026-11-04T02:00:00Z'),
					answeredAt: new Date('2026-10-06T02:00:00Z'),
					answerUpdatedAt: new Date('2026-10-06T02:00:00Z'),
					timeliness: overall,
					communication: overall,
					resolutionQuality: overall,
					overall,
					recommend,
				},
			})
		await answered(world.complaints.A, world.east.id, world.eastDealer.id, 2, 4)
		await answered(world.complaints.E, world.east.id, world.eastDealer.id, 5, 10)
		await answered(world.complaints.C, world.west.id, null, 4, 9)
	})

	test('staff see every answer; the histograms have every score', async () => {
		const answer = await post(await sessionOf(world.people.staff.GENERAL_MANAGER), SURVEYS, REPORT_PERIOD)
		expect(answer.errors).toBeUndefined()
		const s = answer.data.surveyStatistics
		expect(s).toMatchObject({
			scope: 'ALL',
			sent: 3,
			sentAndAnswered: 3,
			responseRate: 1,
			totals: { answers: 3, overall: 11 / 3, recommend: 23 / 3, netPromoterScore: (100 * (2 - 1)) / 3 },
		})
		expect(s.histograms.map((h: { question: string }) => h.question)).toEqual([
			'TIMELINESS',
			'COMMUNICATION',
			'RESOLUTION_QUALITY',
			'PRODUCT_QUALITY',
			'DELIVERY',
			'PRICE_FAIRNESS',
			'OVERALL',
			'RECOMMEND',
		])
		const overall = s.histograms.find((h: { question: string }) => h.question === 'OVERALL')
		expect(overall.counts.map((c: { answers: number }) => c.answers)).toEqual([0, 1, 0, 1, 1])
		const delivery = s.histograms.find((h: { question: string }) => h.question === 'DELIVERY')
		expect(delivery.skipped).toBe(3)
		const recommend = s.histograms.find((h: { question: string }) => h.question === 'RECOMMEND')
		expect(recommend.counts.map((c: { score: number }) => c.score)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
	})

	test('a dealer: its customers’ answers; a customer: null', async () => {
		const dealer = (await post(await tokenOf(['READ_COMPLAINTS']), SURVEYS, REPORT_PERIOD)).data.surveyStatistics
		expect([dealer.scope, dealer.totals.answers, dealer.totals.netPromoterScore]).toEqual(['DEALER', 2, 0])
		const customer = await post(await sessionOf(world.people.wang), SURVEYS, REPORT_PERIOD)
		expect(customer.data).toEqual({ surveyStatistics: null })
	})
})
