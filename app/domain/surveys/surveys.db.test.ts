import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createComplaintNotifier } from '#app/complaints/notifier.server.ts'
import type { Database } from '#app/db/database.server.ts'
import type { ComplaintStatus, WebhookEvent } from '#app/generated/prisma/enums.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createOrder, createRegion, createUser } from '#tests/fixtures.ts'
import { DomainValidationErrors, InsufficientAuthorityError, InvalidTransitionError, NotFoundError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import {
	escalateByStaff,
	closeComplaint,
	rejectComplaint,
	replyToCustomer,
	resolveComplaint,
} from '../complaints/staff-actions.ts'
import type { ComplaintDeps } from '../complaints/ports.ts'
import { listFollowUps, listKeyAccountSurveys } from './console.ts'
import { companyYear, scheduleKeyAccountSurveys, sendSurveyReminders } from './schedule.ts'
import {
	answerSurvey,
	closeFollowUp,
	getSurvey,
	openComplaintSurvey,
	ownSurveyIdOfComplaint,
	reopenFromSurvey,
	surveyIdForToken,
	surveyOfComplaint,
	SurveyClosedError,
} from './surveys.ts'

/**
 * The satisfaction survey against the real database (DESIGN.md §6): sent in the resolve
 * transaction and never otherwise, one per complaint, one reminder after three days, expiry after
 * thirty, editable until the complaint is closed, a low score's follow-up and reopen offer, the
 * key accounts' yearly survey, and what the dealer's webhook carries.
 */

let database: Database
let deps: ComplaintDeps
const NOW = new Date('2026-11-23T02:00:00Z') // Monday 10:00 in Shanghai
const MINUTE = 60_000
const DAY = 86_400_000
const at = (ms: number) => new Date(NOW.getTime() + ms)
const depsAt = (now: Date): ComplaintDeps => ({ ...deps, now: () => now })

let region: { id: string }
let otherRegion: { id: string }
let dealerOrg: { id: string }
let officeOrg: { id: string }
const staff = {} as Record<'agent' | 'manager' | 'otherManager' | 'director' | 'office' | 'dealer', Viewer>
let sequence = 0

const GOOD = { timeliness: 5, communication: 4, resolutionQuality: 5, productQuality: 4, delivery: 5, priceFairness: 4 }

beforeAll(async () => {
	database = await createTestDatabase()
	deps = { db: database.prisma, notifier: createComplaintNotifier({ appUrl: 'https://portal.test' }), now: () => NOW }
	const db = database.prisma
	region = await createRegion(db)
	otherRegion = await createRegion(db)
	const org = (kind: 'DEALER' | 'REGIONAL_OFFICE', regionId: string) =>
		db.organization.create({ data: { kind, code: `${kind}-${crypto.randomUUID().slice(0, 8)}`, name: kind, regionId } })
	dealerOrg = await org('DEALER', region.id)
	officeOrg = await org('REGIONAL_OFFICE', region.id)
	const otherOffice = await org('REGIONAL_OFFICE', otherRegion.id)
	staff.agent = (await createUser(db, { kind: 'STAFF', staffRole: 'AGENT', name: '客服 刘婷' })).viewer
	staff.manager = (
		await createUser(db, {
			kind: 'STAFF',
			staffRole: 'REGIONAL_MANAGER',
			organizationId: officeOrg.id,
			name: '周经理',
			email: `manager-${crypto.randomUUID()}@example.com`,
		})
	).viewer
	staff.otherManager = (
		await createUser(db, { kind: 'STAFF', staffRole: 'REGIONAL_MANAGER', organizationId: otherOffice.id })
	).viewer
	staff.director = (await createUser(db, { kind: 'STAFF', staffRole: 'MARKETING_DIRECTOR' })).viewer
	staff.office = (await createUser(db, { kind: 'REGIONAL_OFFICE', organizationId: officeOrg.id })).viewer
	staff.dealer = (await createUser(db, { kind: 'DEALER', organizationId: dealerOrg.id })).viewer
})
afterAll(() => database.close())

/** A complaint of a fresh customer put straight into `status` (as the workflow tests do). */
async function complaintIn(status: ComplaintStatus = 'RESOLVING') {
	const db = database.prisma
	const customer = await createUser(db, { name: '王芳' })
	const order = await createOrder(db, {
		regionId: region.id,
		customerId: customer.user.id,
		customerEmail: customer.user.email,
		dealerId: dealerOrg.id,
		lines: 1,
	})
	sequence += 1
	const complaint = await db.complaint.create({
		data: {
			reference: `CMP-2026-${String(900000 + sequence)}`,
			customerId: customer.user.id,
			filedById: customer.user.id,
			orderId: order.id,
			regionId: region.id,
			dealerId: dealerOrg.id,
			category: 'HANDLING_DAMAGE',
			severity: 'MINOR',
			status,
			title: '外箱破损',
			description: '收货时外箱破损，阀门手柄弯曲。',
			requestedRemedy: 'REPAIR',
			createdAt: at(-5 * DAY),
			firstRespondedAt: at(-4 * DAY),
			responsibility: 'TRANSPORT_DAMAGE',
		},
	})
	return { complaint, customer }
}

/** A complaint resolved through the command, with its survey's link token from the email. */
async function resolved() {
	const made = await complaintIn('RESOLVING')
	await resolveComplaint(deps, staff.agent, made.complaint.id, { reply: '更换的阀门已送达。' })
	const survey = await database.prisma.survey.findUniqueOrThrow({ where: { complaintId: made.complaint.id } })
	return { ...made, survey, token: await tokenFromEmail(made.customer.user.email, 'survey-invitation') }
}

async function tokenFromEmail(to: string, template: string, nth = -1) {
	const emails = await database.prisma.outboxMessage.findMany({
		where: { toAddress: to, template },
		orderBy: { createdAt: 'asc' },
	})
	const email = emails.at(nth)
	if (!email) throw new Error(`no ${template} email to ${to}`)
	const html = /\/survey\?token=([a-z2-7]+)/.exec(email.html)?.[1]
	const text = /\/survey\?token=([a-z2-7]+)/.exec(email.text)?.[1]
	expect(html).toBe(text)
	return html!
}

const answer = (surveyId: string, input: Record<string, unknown>, now = NOW) =>
	answerSurvey(depsAt(now), surveyId, { ...GOOD, overall: 4, recommend: 9, ...input })

describe('sending', () => {
	test('resolving sends the survey in the same transaction: the row, a hashed token and the email', async () => {
		const { complaint, customer, survey, token } = await resolved()
		expect(survey).toMatchObject({
			kind: 'COMPLAINT',
			customerId: customer.user.id,
			regionId: region.id,
			dealerId: dealerOrg.id,
			periodYear: null,
			sentAt: NOW,
			expiresAt: at(30 * DAY),
			remindedAt: null,
			answeredAt: null,
			overall: null,
		})
		const tokens = await database.prisma.surveyToken.findMany({ where: { surveyId: survey.id } })
		expect(tokens).toHaveLength(1)
		// only the hash is kept: the token itself is nowhere in the database but the email
		expect(tokens[0]!.id).toMatch(/^[0-9a-f]{64}$/)
		expect(tokens[0]!.id).not.toContain(token)
		expect(await surveyIdForToken(database.prisma, token)).toBe(survey.id)
		const email = await database.prisma.outboxMessage.findFirstOrThrow({
			where: { toAddress: customer.user.email, template: 'survey-invitation' },
		})
		expect(email).toMatchObject({ idempotencyKey: `survey-invitation:${survey.id}` })
		expect(email.subject).toContain(complaint.reference)
	})

	test('no other command sends one, and a refused resolve writes none', async () => {
		const cases: Array<[ComplaintStatus, (id: string) => Promise<unknown>]> = [
			['INVESTIGATING', (id) => replyToCustomer(deps, staff.agent, id, { body: '我们正在处理。' })],
			['INVESTIGATING', (id) => rejectComplaint(deps, staff.agent, id, { reason: '经核实属运输损坏。' })],
			['INVESTIGATING', (id) => escalateByStaff(deps, staff.agent, id, { reason: '客户要求总部介入。' })],
			['RESOLVED', (id) => closeComplaint(deps, staff.agent, id)],
			// the wrong status: refused, nothing written
			['INVESTIGATING', (id) => resolveComplaint(deps, staff.agent, id, { reply: '已处理。' }).catch(() => null)],
			// a regional office may not resolve: refused, nothing written
			['RESOLVING', (id) => resolveComplaint(deps, staff.office, id, { reply: '已处理。' }).catch(() => null)],
		]
		for (const [status, run] of cases) {
			const { complaint, customer } = await complaintIn(status)
			await run(complaint.id)
			expect(await database.prisma.survey.count({ where: { complaintId: complaint.id } })).toBe(0)
			expect(
				await database.prisma.outboxMessage.count({
					where: { toAddress: customer.user.email, template: 'survey-invitation' },
				}),
			).toBe(0)
		}
	})

	test('a failure later in the resolve transaction leaves no survey behind', async () => {
		const { complaint } = await complaintIn('RESOLVING')
		const failing: ComplaintDeps = {
			...deps,
			notifier: {
				...deps.notifier,
				surveyInvitation: async () => {
					throw new Error('outbox down')
				},
			},
		}
		await expect(resolveComplaint(failing, staff.agent, complaint.id, { reply: '已更换。' })).rejects.toThrow(
			'outbox down',
		)
		const row = await database.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })
		expect(row.status).toBe('RESOLVING')
		expect(await database.prisma.survey.count({ where: { complaintId: complaint.id } })).toBe(0)
		expect(await database.prisma.surveyToken.count({ where: { survey: { complaintId: complaint.id } } })).toBe(0)
	})

	test('one survey per complaint: resolving it again sends no second one', async () => {
		const { complaint, customer, survey } = await resolved()
		await database.prisma.complaint.update({ where: { id: complaint.id }, data: { status: 'RESOLVING' } })
		await resolveComplaint(deps, staff.agent, complaint.id, { reply: '再次处理完毕。' })
		expect(await database.prisma.survey.findMany({ where: { complaintId: complaint.id } })).toEqual([survey])
		expect(
			await database.prisma.outboxMessage.count({
				where: { toAddress: customer.user.email, template: 'survey-invitation' },
			}),
		).toBe(1)
		await database.prisma.$transaction(async (tx) => {
			expect(await openComplaintSurvey(tx, deps.notifier, complaint, NOW)).toBeNull()
		})
	})
})

describe('the link', () => {
	test('a changed, malformed or unknown token opens nothing', async () => {
		const { token } = await resolved()
		const last = token.at(-1) === 'a' ? 'b' : 'a'
		expect(await surveyIdForToken(database.prisma, token.slice(0, -1) + last)).toBeNull()
		expect(await surveyIdForToken(database.prisma, token.toUpperCase())).toBeNull()
		expect(await surveyIdForToken(database.prisma, `${token}x`)).toBeNull()
		expect(await surveyIdForToken(database.prisma, '')).toBeNull()
		expect(await surveyIdForToken(database.prisma, "' OR 1=1 --")).toBeNull()
	})

	test('the view carries the complaint reference and title, nothing else of it', async () => {
		const { complaint, survey } = await resolved()
		const view = await getSurvey(database.prisma, survey.id, NOW)
		expect(view).toMatchObject({
			state: 'open',
			complaint: { reference: complaint.reference, title: complaint.title, status: 'RESOLVED' },
			answer: null,
			canReopen: false,
		})
		expect(Object.keys(view.complaint!).sort()).toEqual(['reference', 'status', 'title'])
	})
})

describe('answering', () => {
	test('one answer, editable until the complaint is closed, then refused', async () => {
		const { complaint, survey } = await resolved()
		const first = await answer(survey.id, { overall: 4, comment: '  处理及时，态度很好。 ' })
		expect(first).toMatchObject({ first: true, followUpOpened: false })
		expect(first.survey).toMatchObject({ state: 'answered', answeredAt: NOW })
		expect(first.survey.answer).toMatchObject({ overall: 4, recommend: 9, comment: '处理及时，态度很好。' })

		const edited = await answer(survey.id, { overall: 5, productQuality: undefined, comment: '' }, at(DAY))
		expect(edited.first).toBe(false)
		const row = await database.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })
		// still one answer: first answered then, changed now; a skipped dimension is null
		expect(row).toMatchObject({
			answeredAt: NOW,
			answerUpdatedAt: at(DAY),
			overall: 5,
			productQuality: null,
			comment: null,
		})

		await closeComplaint(depsAt(at(2 * DAY)), staff.agent, complaint.id)
		const refused = await answer(survey.id, { overall: 1 }, at(2 * DAY)).catch((e: unknown) => e)
		expect(refused).toBeInstanceOf(SurveyClosedError)
		expect((refused as SurveyClosedError).reason).toBe('closed')
		expect(await database.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).toEqual(row)
		expect((await getSurvey(database.prisma, survey.id, at(2 * DAY))).state).toBe('closed')
	})

	test('an unanswered survey cannot be answered once the complaint is closed', async () => {
		const { complaint, survey } = await resolved()
		await closeComplaint(deps, staff.agent, complaint.id)
		await expect(answer(survey.id, {})).rejects.toBeInstanceOf(SurveyClosedError)
	})

	test('it expires 30 days after sending, answered or not', async () => {
		const unanswered = await resolved()
		const answered = await resolved()
		await answer(answered.survey.id, {}, at(29 * DAY))
		for (const { survey } of [unanswered, answered]) {
			expect((await getSurvey(database.prisma, survey.id, at(30 * DAY - MINUTE))).state).not.toBe('expired')
			expect((await getSurvey(database.prisma, survey.id, at(30 * DAY))).state).toBe('expired')
			const error = await answer(survey.id, { overall: 3 }, at(30 * DAY)).catch((e: unknown) => e)
			expect(error).toBeInstanceOf(SurveyClosedError)
			expect((error as SurveyClosedError).reason).toBe('expired')
		}
	})

	test('the required scores, the ranges and the length are checked, all at once; nothing is written', async () => {
		const { survey } = await resolved()
		const error = await answerSurvey(deps, survey.id, {
			timeliness: 6,
			communication: 0,
			productQuality: 2.5,
			recommend: 11,
			comment: 'x'.repeat(2001),
		}).catch((e: unknown) => e)
		expect(error).toBeInstanceOf(DomainValidationErrors)
		const fields = (error as DomainValidationErrors).errors.map((e) => [e.field, e.messageKey])
		expect(fields).toEqual(
			expect.arrayContaining([
				['timeliness', 'validation:choose'],
				['communication', 'validation:choose'],
				['productQuality', 'validation:choose'],
				['recommend', 'validation:choose'],
				['comment', 'validation:surveyCommentTooLong'],
				['resolutionQuality', 'validation:surveyScoreRequired'],
				['overall', 'validation:surveyScoreRequired'],
			]),
		)
		expect(await database.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).toEqual(survey)
		// the skippable dimensions may be left out
		const skipped = await answerSurvey(deps, survey.id, {
			timeliness: 3,
			communication: 3,
			resolutionQuality: 3,
			overall: 3,
			recommend: 0,
		})
		expect(skipped.survey.answer).toMatchObject({
			productQuality: null,
			delivery: null,
			priceFairness: null,
			recommend: 0,
		})
	})

	test('each answer is a staff-only event on the complaint, with the scores', async () => {
		const { complaint, customer, survey } = await resolved()
		await answer(survey.id, { overall: 4 })
		await answer(survey.id, { overall: 3 }, at(MINUTE))
		const events = await database.prisma.complaintEvent.findMany({
			where: { complaintId: complaint.id, type: 'survey_answered' },
			orderBy: { createdAt: 'asc' },
		})
		expect(
			events.map((e) => [e.visibility, e.actorId, (e.data as { overall: number; edited: boolean }).edited]),
		).toEqual([
			['INTERNAL', customer.user.id, false],
			['INTERNAL', customer.user.id, true],
		])
		expect(events[1]!.data).toMatchObject({ surveyId: survey.id, overall: 3, recommend: 9, followUpOpened: false })
	})
})

describe('a low overall score', () => {
	test('opens one follow-up for the region’s manager, who records what was done', async () => {
		const { complaint, survey } = await resolved()
		const outcome = await answer(survey.id, { overall: 2, comment: '更换件晚到一周，没人通知我。' })
		expect(outcome).toMatchObject({ followUpOpened: true, survey: { lowScore: true, canReopen: true } })
		const managerEmail = await database.prisma.user.findUniqueOrThrow({ where: { id: staff.manager.userId } })
		const emails = await database.prisma.outboxMessage.findMany({
			where: { template: 'survey-follow-up', idempotencyKey: { startsWith: `survey-follow-up:${survey.id}:` } },
		})
		// the region has a regional manager: the email is theirs, not the marketing director's
		expect(emails.map((e) => e.toAddress)).toEqual([managerEmail.email])
		expect(emails[0]!.text).toContain('更换件晚到一周')

		// an edit does not open a second one
		await answer(survey.id, { overall: 1 }, at(MINUTE))
		const row = await database.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })
		expect(row.followUpOpenedAt).toEqual(NOW)
		expect(
			await database.prisma.outboxMessage.count({
				where: { idempotencyKey: { startsWith: `survey-follow-up:${survey.id}:` } },
			}),
		).toBe(1)

		// who sees it: the region's manager and office, head office; not the other region's manager
		const ids = async (viewer: Viewer) => (await listFollowUps(database.prisma, viewer)).items.map((i) => i.surveyId)
		expect(await ids(staff.manager)).toContain(survey.id)
		expect(await ids(staff.office)).toContain(survey.id)
		expect(await ids(staff.agent)).toContain(survey.id)
		expect(await ids(staff.otherManager)).not.toContain(survey.id)
		expect(await ids(staff.dealer)).toEqual([])
		const item = (await listFollowUps(database.prisma, staff.manager)).items.find((i) => i.surveyId === survey.id)!
		expect(item).toMatchObject({
			complaint: { reference: complaint.reference },
			canClose: true,
			scores: { overall: 1 },
		})
		expect(
			(await listFollowUps(database.prisma, staff.agent)).items.find((i) => i.surveyId === survey.id)!.canClose,
		).toBe(false)

		// only a manager records it; someone outside the region does not even find it
		const note = { surveyId: survey.id, note: '已电话回访，客户接受补偿方案。' }
		await expect(closeFollowUp(deps, staff.agent, note)).rejects.toBeInstanceOf(InsufficientAuthorityError)
		await expect(closeFollowUp(deps, staff.office, note)).rejects.toBeInstanceOf(InsufficientAuthorityError)
		await expect(closeFollowUp(deps, staff.otherManager, note)).rejects.toBeInstanceOf(NotFoundError)
		await expect(closeFollowUp(deps, staff.manager, { surveyId: survey.id, note: ' ' })).rejects.toBeInstanceOf(
			DomainValidationErrors,
		)
		await closeFollowUp(depsAt(at(DAY)), staff.manager, note)
		expect(await database.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({
			followUpClosedAt: at(DAY),
			followUpClosedById: staff.manager.userId,
			followUpNote: note.note,
		})
		await expect(closeFollowUp(deps, staff.director, note)).rejects.toBeInstanceOf(InvalidTransitionError)
		expect(await ids(staff.manager)).not.toContain(survey.id)
		const closed = await listFollowUps(database.prisma, staff.manager, { state: 'closed' })
		expect(closed.items.find((i) => i.surveyId === survey.id)).toMatchObject({
			closedByName: '周经理',
			note: note.note,
		})
		const closedEvent = await database.prisma.complaintEvent.findFirstOrThrow({
			where: { complaintId: complaint.id, type: 'survey_follow_up_closed' },
		})
		expect(closedEvent).toMatchObject({ visibility: 'INTERNAL', actorId: staff.manager.userId })
	})

	test('a good score opens none, and an edit down to a low one does', async () => {
		const { survey } = await resolved()
		expect((await answer(survey.id, { overall: 3 })).followUpOpened).toBe(false)
		expect((await answer(survey.id, { overall: 2 }, at(MINUTE))).followUpOpened).toBe(true)
		const none = await closeFollowUp(deps, staff.manager, { surveyId: (await resolved()).survey.id, note: '无' }).catch(
			(e: unknown) => e,
		)
		expect(none).toBeInstanceOf(InvalidTransitionError)
	})

	test('offers the customer to reopen: the resolved case goes to head office, once', async () => {
		const { complaint, customer, survey } = await resolved()
		await expect(reopenFromSurvey(deps, survey.id, { reason: '问题没有解决。' })).rejects.toBeInstanceOf(
			InvalidTransitionError,
		)
		await answer(survey.id, { overall: 1 })
		await expect(reopenFromSurvey(deps, survey.id, { reason: ' ' })).rejects.toBeInstanceOf(DomainValidationErrors)
		await reopenFromSurvey(depsAt(at(MINUTE)), survey.id, { reason: '更换的阀门仍然漏水。' })
		const row = await database.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })
		expect(row).toMatchObject({ status: 'ESCALATED', escalationLevel: 1 })
		const escalated = await database.prisma.complaintEvent.findFirstOrThrow({
			where: { complaintId: complaint.id, type: 'escalated' },
		})
		expect(escalated).toMatchObject({
			actorId: customer.user.id,
			fromStatus: 'RESOLVED',
			toStatus: 'ESCALATED',
			visibility: 'PUBLIC',
			data: { reason: '更换的阀门仍然漏水。', via: 'survey' },
		})
		expect((await database.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).reopenRequestedAt).toEqual(
			at(MINUTE),
		)
		expect((await getSurvey(database.prisma, survey.id, at(MINUTE))).canReopen).toBe(false)
		await expect(reopenFromSurvey(deps, survey.id, { reason: '再次' })).rejects.toBeInstanceOf(InvalidTransitionError)
		// the answer stays editable while the case is open again
		expect((await answer(survey.id, { overall: 2 }, at(2 * MINUTE))).first).toBe(false)
	})

	test('no reopen offer after a good score', async () => {
		const { survey } = await resolved()
		await answer(survey.id, { overall: 4 })
		expect((await getSurvey(database.prisma, survey.id, NOW)).canReopen).toBe(false)
		await expect(reopenFromSurvey(deps, survey.id, { reason: '想重开' })).rejects.toBeInstanceOf(InvalidTransitionError)
	})
})

describe('the reminder', () => {
	const reminderEmails = (surveyId: string) =>
		database.prisma.outboxMessage.findMany({ where: { idempotencyKey: `survey-reminder:${surveyId}` } })

	test('goes once, three days after sending, with a new working link', async () => {
		const { customer, survey, token } = await resolved()
		const remind = (now: Date) => sendSurveyReminders(deps, now)
		await remind(at(3 * DAY - MINUTE))
		expect(await reminderEmails(survey.id)).toHaveLength(0)
		await remind(at(3 * DAY))
		await remind(at(3 * DAY + MINUTE))
		await remind(at(10 * DAY))
		expect(await reminderEmails(survey.id)).toHaveLength(1)
		expect((await database.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).remindedAt).toEqual(
			at(3 * DAY),
		)
		const second = await tokenFromEmail(customer.user.email, 'survey-invitation')
		expect(second).not.toBe(token)
		// both links open the survey
		expect(await surveyIdForToken(database.prisma, token)).toBe(survey.id)
		expect(await surveyIdForToken(database.prisma, second)).toBe(survey.id)
	})

	test('not after an answer, nor once the survey expired or the complaint closed', async () => {
		const answered = await resolved()
		await answer(answered.survey.id, {}, at(DAY))
		const closed = await resolved()
		await closeComplaint(deps, staff.agent, closed.complaint.id)
		const expired = await resolved()
		await database.prisma.survey.update({ where: { id: expired.survey.id }, data: { expiresAt: at(3 * DAY) } })
		await sendSurveyReminders(deps, at(3 * DAY))
		for (const { survey } of [answered, closed, expired]) expect(await reminderEmails(survey.id)).toHaveLength(0)
	})
})

describe('key accounts', () => {
	async function keyAccount({ withOrder = true, regionId = region.id } = {}) {
		const db = database.prisma
		const { user } = await createUser(db, { name: '华东建设集团' })
		await db.user.update({ where: { id: user.id }, data: { isKeyAccount: true } })
		if (withOrder) {
			await createOrder(db, { regionId: otherRegion.id, customerId: user.id, customerEmail: user.email })
			// the latest order places them
			const latest = await createOrder(db, {
				regionId,
				customerId: user.id,
				customerEmail: user.email,
				dealerId: dealerOrg.id,
			})
			await db.order.update({ where: { id: latest.id }, data: { orderedAt: new Date('2026-11-01T02:00:00Z') } })
		}
		return user
	}

	test('one survey a year each, whatever runs it how often; none without an order', async () => {
		const account = await keyAccount()
		const orderless = await keyAccount({ withOrder: false })
		const ordinary = await createUser(database.prisma)
		await createOrder(database.prisma, {
			regionId: region.id,
			customerId: ordinary.user.id,
			customerEmail: ordinary.user.email,
		})
		await Promise.all([scheduleKeyAccountSurveys(deps, NOW), scheduleKeyAccountSurveys(deps, NOW)])
		await scheduleKeyAccountSurveys(deps, at(20 * DAY))
		const surveys = await database.prisma.survey.findMany({
			where: { customerId: { in: [account.id, orderless.id, ordinary.user.id] } },
		})
		expect(surveys).toHaveLength(1)
		expect(surveys[0]).toMatchObject({
			kind: 'KEY_ACCOUNT',
			customerId: account.id,
			complaintId: null,
			periodYear: 2026,
			regionId: region.id,
			dealerId: dealerOrg.id,
			sentAt: NOW,
			expiresAt: at(30 * DAY),
		})
		expect(await tokenFromEmail(account.email, 'survey-invitation')).toMatch(/^[a-z2-7]{32}$/)
		const tracking = await listKeyAccountSurveys(database.prisma, staff.manager, { now: NOW })
		expect(tracking.year).toBe(2026)
		expect(tracking.items.map((i) => [i.customerName, i.state])).toContainEqual(['华东建设集团', 'waiting'])
		expect(tracking.notSent.length).toBeGreaterThanOrEqual(0)

		// the company's new year begins at midnight in Shanghai (16:00 UTC the day before)
		const newYear = new Date('2026-12-31T16:00:00Z')
		expect(companyYear(new Date(newYear.getTime() - 1))).toBe(2026)
		expect(companyYear(newYear)).toBe(2027)
		await scheduleKeyAccountSurveys(deps, newYear)
		await scheduleKeyAccountSurveys(deps, newYear)
		expect(
			await database.prisma.survey.findMany({
				where: { customerId: account.id },
				orderBy: { periodYear: 'asc' },
				select: { periodYear: true },
			}),
		).toEqual([{ periodYear: 2026 }, { periodYear: 2027 }])
	})

	test('a key-account survey is answered without the complaint dimensions and stays editable until it expires', async () => {
		const account = await keyAccount()
		await scheduleKeyAccountSurveys(deps, NOW)
		const survey = await database.prisma.survey.findFirstOrThrow({ where: { customerId: account.id } })
		const token = await tokenFromEmail(account.email, 'survey-invitation')
		expect(await surveyIdForToken(database.prisma, token)).toBe(survey.id)
		const outcome = await answerSurvey(deps, survey.id, { timeliness: 3, communication: 4, overall: 2, recommend: 5 })
		expect(outcome).toMatchObject({
			followUpOpened: true,
			survey: { kind: 'KEY_ACCOUNT', complaint: null, canReopen: false },
		})
		expect(outcome.survey.answer).toMatchObject({ resolutionQuality: null })
		await answerSurvey(depsAt(at(29 * DAY)), survey.id, { timeliness: 4, communication: 4, overall: 4, recommend: 7 })
		await expect(
			answerSurvey(depsAt(at(30 * DAY)), survey.id, { timeliness: 4, communication: 4, overall: 4, recommend: 7 }),
		).rejects.toBeInstanceOf(SurveyClosedError)
		const tracking = await listKeyAccountSurveys(database.prisma, staff.director, { now: at(DAY) })
		expect(tracking.items.find((i) => i.surveyId === survey.id)).toMatchObject({ state: 'answered', overall: 4 })
		// the other region's manager does not track this one
		const theirs = await listKeyAccountSurveys(database.prisma, staff.otherManager, { now: at(DAY) })
		expect(theirs.items.map((i) => i.surveyId)).not.toContain(survey.id)
	})
})

describe('who may read a survey', () => {
	test('its customer and staff in reach; not another customer, a dealer, or another region', async () => {
		const { complaint, customer, survey } = await resolved()
		const stranger = await createUser(database.prisma)
		expect((await surveyOfComplaint(database.prisma, customer.viewer, complaint.id))?.id).toBe(survey.id)
		expect((await surveyOfComplaint(database.prisma, staff.agent, complaint.id))?.id).toBe(survey.id)
		expect((await surveyOfComplaint(database.prisma, staff.manager, complaint.id))?.id).toBe(survey.id)
		expect((await surveyOfComplaint(database.prisma, staff.office, complaint.id))?.id).toBe(survey.id)
		expect(await surveyOfComplaint(database.prisma, stranger.viewer, complaint.id)).toBeNull()
		expect(await surveyOfComplaint(database.prisma, staff.dealer, complaint.id)).toBeNull()
		expect(await surveyOfComplaint(database.prisma, staff.otherManager, complaint.id)).toBeNull()
		// an API token of the regional office reads no survey
		expect(
			await surveyOfComplaint(database.prisma, { ...staff.office, tokenScopes: ['READ_COMPLAINTS'] }, complaint.id),
		).toBeNull()
		// only the customer answers it in the portal
		expect(await ownSurveyIdOfComplaint(database.prisma, customer.viewer, complaint.id)).toBe(survey.id)
		expect(await ownSurveyIdOfComplaint(database.prisma, stranger.viewer, complaint.id)).toBeNull()
		expect(await ownSurveyIdOfComplaint(database.prisma, staff.agent, complaint.id)).toBeNull()
	})
})

describe('the SURVEY_ANSWERED webhook', () => {
	async function endpoint(organizationId: string, events: WebhookEvent[]) {
		const creator = await createUser(database.prisma, { kind: 'DEALER', organizationId })
		return database.prisma.webhookEndpoint.create({
			data: {
				organizationId,
				url: 'https://erp.example.com/hooks',
				events,
				secret: 'whsec_test',
				createdById: creator.user.id,
			},
		})
	}

	test('goes to the complaint’s dealer and regional office that subscribed, with scores and no free text', async () => {
		const dealerHook = await endpoint(dealerOrg.id, ['SURVEY_ANSWERED'])
		const officeHook = await endpoint(officeOrg.id, ['SURVEY_ANSWERED', 'STATUS_CHANGED'])
		const notSubscribed = await endpoint(dealerOrg.id, ['STATUS_CHANGED', 'REPLY_ADDED'])
		const otherDealer = await database.prisma.organization.create({
			data: { kind: 'DEALER', code: `D-${crypto.randomUUID().slice(0, 8)}`, name: '别家代理', regionId: region.id },
		})
		const elsewhere = await endpoint(otherDealer.id, ['SURVEY_ANSWERED'])
		try {
			const { complaint, survey } = await resolved()
			await answer(survey.id, { overall: 2, productQuality: undefined, comment: '请联系我 138 0000 0000' })
			await answer(survey.id, { overall: 3 }, at(MINUTE))
			const deliveries = await database.prisma.webhookDelivery.findMany({
				where: {
					eventType: 'survey.answered',
					endpointId: { in: [dealerHook.id, officeHook.id, notSubscribed.id, elsewhere.id] },
				},
				orderBy: { createdAt: 'asc' },
			})
			expect(deliveries.map((d) => d.endpointId).sort()).toEqual(
				[dealerHook.id, dealerHook.id, officeHook.id, officeHook.id].sort(),
			)
			const first = deliveries.find((d) => d.endpointId === dealerHook.id)!
			expect(first.payload).toEqual({
				complaint: expect.objectContaining({ reference: complaint.reference, status: 'RESOLVED' }),
				survey: {
					timeliness: 5,
					communication: 4,
					resolutionQuality: 5,
					productQuality: null,
					delivery: 5,
					priceFairness: 4,
					overall: 2,
					recommend: 9,
					answeredAt: NOW.toISOString(),
					updatedAt: NOW.toISOString(),
					edited: false,
				},
			})
			expect(JSON.stringify(deliveries.map((d) => d.payload))).not.toContain('138 0000 0000')
			expect(JSON.stringify(first.payload)).not.toContain('followUp')
			const edit = deliveries.filter((d) => d.endpointId === dealerHook.id).at(-1)!
			expect(edit.payload).toMatchObject({ survey: { overall: 3, edited: true, updatedAt: at(MINUTE).toISOString() } })
			// the resolve itself was a status change: the office's STATUS_CHANGED subscription heard of it
			expect(
				await database.prisma.webhookDelivery.count({
					where: { endpointId: officeHook.id, eventType: 'complaint.status_changed' },
				}),
			).toBe(1)
		} finally {
			await database.prisma.webhookEndpoint.deleteMany({
				where: { id: { in: [dealerHook.id, officeHook.id, notSubscribed.id, elsewhere.id] } },
			})
		}
	})

	test('a key-account survey has no complaint, and no webhook', async () => {
		const before = await database.prisma.webhookDelivery.count({ where: { eventType: 'survey.answered' } })
		const hook = await endpoint(dealerOrg.id, ['SURVEY_ANSWERED'])
		try {
			const { user } = await createUser(database.prisma)
			await database.prisma.user.update({ where: { id: user.id }, data: { isKeyAccount: true } })
			await createOrder(database.prisma, {
				regionId: region.id,
				customerId: user.id,
				customerEmail: user.email,
				dealerId: dealerOrg.id,
			})
			await scheduleKeyAccountSurveys(deps, NOW)
			const survey = await database.prisma.survey.findFirstOrThrow({ where: { customerId: user.id } })
			await answerSurvey(deps, survey.id, { timeliness: 4, communication: 4, overall: 4, recommend: 8 })
			expect(await database.prisma.webhookDelivery.count({ where: { eventType: 'survey.answered' } })).toBe(before)
		} finally {
			await database.prisma.webhookEndpoint.delete({ where: { id: hook.id } })
		}
	})
})
