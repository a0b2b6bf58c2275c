import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import { listFollowUps } from '#app/domain/surveys/console.ts'
import { getSurvey, surveyOfComplaint } from '#app/domain/surveys/surveys.ts'
import { viewerFromUser } from '#app/domain/viewer.ts'
import { createTestDatabase } from '#tests/db.ts'
import { seedDemo } from './demo.ts'

/**
 * The demo shows the satisfaction survey (DESIGN.md §6): a resolved complaint whose survey waits
 * for its customer, answered ones, and a low score whose follow-up waits for the region's manager.
 */
const NOW = new Date('2026-11-23T02:00:00Z')
let db: Database
beforeAll(async () => {
	db = await createTestDatabase()
	await seedDemo(db.prisma, { now: NOW })
})
afterAll(() => db.close())

test('every resolved or closed complaint with a survey has it from its resolution', async () => {
	const surveys = await db.prisma.survey.findMany({ include: { complaint: { include: { events: true } } } })
	expect(surveys.length).toBeGreaterThanOrEqual(4)
	for (const survey of surveys) {
		const complaint = survey.complaint!
		expect(['RESOLVED', 'CLOSED']).toContain(complaint.status)
		const resolved = complaint.events.filter((e) => e.toStatus === 'RESOLVED').at(-1)!
		expect(survey.sentAt).toEqual(resolved.createdAt)
		expect(survey).toMatchObject({
			customerId: complaint.customerId,
			regionId: complaint.regionId,
			dealerId: complaint.dealerId,
		})
		if (survey.answeredAt) expect(survey.answeredAt > survey.sentAt && survey.answeredAt < NOW).toBe(true)
	}
})

test('one survey waits for its customer, who finds it on the complaint page', async () => {
	const wang = await db.prisma.user.findUniqueOrThrow({
		where: { email: 'customer.wang@demo.example.com' },
		include: { organization: true },
	})
	const pending = await db.prisma.survey.findFirstOrThrow({ where: { customerId: wang.id, answeredAt: null } })
	const view = await surveyOfComplaint(db.prisma, viewerFromUser(wang), pending.complaintId!, NOW)
	expect(view).toMatchObject({ state: 'open', answer: null, complaint: { status: 'RESOLVED' } })
	const answered = await db.prisma.survey.findMany({ where: { answeredAt: { not: null } } })
	expect(answered.length).toBeGreaterThanOrEqual(3)
	expect((await getSurvey(db.prisma, answered[0]!.id, NOW)).answer).not.toBeNull()
})

test('a low score’s follow-up waits for the region’s manager', async () => {
	const manager = await db.prisma.user.findFirstOrThrow({
		where: { staffRole: 'MARKETING_DIRECTOR' },
		include: { organization: true },
	})
	const { items } = await listFollowUps(db.prisma, viewerFromUser(manager))
	expect(items).toHaveLength(1)
	expect(items[0]).toMatchObject({ canClose: true, scores: { overall: 2 }, closedAt: null })
	const event = await db.prisma.complaintEvent.findFirstOrThrow({
		where: { type: 'survey_answered', data: { path: ['followUpOpened'], equals: true } },
	})
	expect(event.visibility).toBe('INTERNAL')
})
