import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { ComplaintStatus, SurveyKind } from '#app/generated/prisma/enums.ts'
import { escalateComplaint } from '../complaints/customer-actions.ts'
import { appendEvent } from '../complaints/events.ts'
import type { ComplaintDeps, ComplaintNotifier } from '../complaints/ports.ts'
import {
	DomainValidationError,
	DomainValidationErrors,
	InsufficientAuthorityError,
	InvalidTransitionError,
	NotFoundError,
} from '../errors.ts'
import { viewerFromUser, type Viewer } from '../viewer.ts'
import { handlesFollowUps, surveyVisibleTo } from './access.ts'
import { DIMENSIONS, expiresAfterSending, isLowOverall, type Dimension } from './dimensions.ts'
import { CloseFollowUpSchema, surveyAnswerSchema, SurveyReopenSchema, type SurveyAnswerInput } from './schemas.ts'
import { hashSurveyToken, isWellFormedSurveyToken, issueSurveyToken } from './tokens.ts'

/**
 * The satisfaction survey (客户满意度调查, DESIGN.md §6; 001 3.1.3 满意度评估 after the case is
 * handled): sent with the resolution, answered from the emailed link without signing in or from
 * the portal, one answer per survey that the customer may change until the complaint is closed
 * or the survey expires (30 days). A low overall score opens a follow-up for the manager (回访)
 * and offers the customer to reopen the case, which the workflow allows as their escalation
 * (RESOLVED → ESCALATED). See docs/decisions/014-satisfaction-surveys.md.
 */

type Tx = Prisma.TransactionClient

export interface SurveyDeps {
	db: PrismaClient
	notifier: Pick<ComplaintNotifier, 'surveyInvitation' | 'surveyFollowUp' | 'partnerEvent'>
	now?: () => Date
}

/** Why a survey cannot be answered now. */
export type SurveyClosedReason = 'expired' | 'closed'

/** The survey can be read but no longer answered or changed. */
export class SurveyClosedError extends Error {
	name = 'SurveyClosedError'
	constructor(public readonly reason: SurveyClosedReason) {
		super(`the survey is ${reason}`)
	}
}

/**
 * Where a survey stands for the person answering: `open` (not answered yet), `answered` (and
 * still editable), or `expired` / `closed` (read-only, answered or not).
 */
export type SurveyState = 'open' | 'answered' | SurveyClosedReason

export type SurveyAnswer = { [D in Dimension]: number | null } & {
	recommend: number | null
	comment: string | null
}

export interface SurveyView {
	id: string
	kind: SurveyKind
	/** a complaint survey's complaint, as much as the survey needs: reference and title */
	complaint: { reference: string; title: string; status: ComplaintStatus } | null
	periodYear: number | null
	state: SurveyState
	sentAt: Date
	expiresAt: Date
	answeredAt: Date | null
	answer: SurveyAnswer | null
	/** the answered overall score is low: the page says a manager will be in touch */
	lowScore: boolean
	/** the customer may take the offer to reopen the case now */
	canReopen: boolean
	reopenRequestedAt: Date | null
}

/** The survey's own columns; `surveySelect` adds the complaint's reference, title and status. */
const surveyColumns = {
	id: true,
	kind: true,
	complaintId: true,
	customerId: true,
	regionId: true,
	periodYear: true,
	sentAt: true,
	expiresAt: true,
	answeredAt: true,
	reopenRequestedAt: true,
	followUpOpenedAt: true,
	timeliness: true,
	communication: true,
	resolutionQuality: true,
	productQuality: true,
	delivery: true,
	priceFairness: true,
	overall: true,
	recommend: true,
	comment: true,
} satisfies Prisma.SurveySelect
const surveySelect = {
	...surveyColumns,
	complaint: { select: { reference: true, title: true, status: true } },
} satisfies Prisma.SurveySelect
type SurveyRow = Prisma.SurveyGetPayload<{ select: typeof surveySelect }>

function stateOf(row: Pick<SurveyRow, 'expiresAt' | 'answeredAt' | 'complaint'>, now: Date): SurveyState {
	if (row.complaint?.status === 'CLOSED') return 'closed'
	if (now >= row.expiresAt) return 'expired'
	return row.answeredAt ? 'answered' : 'open'
}

function answerOf(row: SurveyRow): SurveyAnswer | null {
	if (!row.answeredAt) return null
	const scores = Object.fromEntries(DIMENSIONS.map((d) => [d, row[d]])) as { [D in Dimension]: number | null }
	return { ...scores, recommend: row.recommend, comment: row.comment }
}

/** The reopen offer stands while the resolved case waits for closing and the low score stands. */
function mayReopen(row: SurveyRow, state: SurveyState): boolean {
	return (
		row.kind === 'COMPLAINT' &&
		state === 'answered' &&
		isLowOverall(row.overall) &&
		row.reopenRequestedAt === null &&
		row.complaint?.status === 'RESOLVED'
	)
}

function viewOf(row: SurveyRow, now: Date): SurveyView {
	const state = stateOf(row, now)
	return {
		id: row.id,
		kind: row.kind,
		complaint: row.complaint,
		periodYear: row.periodYear,
		state,
		sentAt: row.sentAt,
		expiresAt: row.expiresAt,
		answeredAt: row.answeredAt,
		answer: answerOf(row),
		lowScore: row.answeredAt !== null && isLowOverall(row.overall),
		canReopen: mayReopen(row, state),
		reopenRequestedAt: row.reopenRequestedAt,
	}
}

// ---------------------------------------------------------------------------------------------
// Sending

/**
 * Opens the complaint's survey and writes its email to the outbox: called by resolveComplaint in
 * the resolve transaction, so a survey exists exactly when the resolution commits. One survey per
 * complaint (a unique column): a case resolved again after reopening keeps the one it has, and
 * this returns null.
 */
export async function openComplaintSurvey(
	tx: Tx,
	notifier: SurveyDeps['notifier'],
	complaint: { id: string; customerId: string; regionId: string; dealerId: string | null },
	now: Date,
): Promise<{ surveyId: string } | null> {
	// ON CONFLICT DO NOTHING: a unique violation would abort the resolve transaction on PostgreSQL
	const { count } = await tx.survey.createMany({
		data: [
			{
				kind: 'COMPLAINT',
				complaintId: complaint.id,
				customerId: complaint.customerId,
				regionId: complaint.regionId,
				dealerId: complaint.dealerId,
				sentAt: now,
				expiresAt: expiresAfterSending(now),
				createdAt: now,
			},
		],
		skipDuplicates: true,
	})
	if (count === 0) return null
	const survey = await tx.survey.findUniqueOrThrow({ where: { complaintId: complaint.id }, select: { id: true } })
	const token = await issueSurveyToken(tx, survey.id, now)
	await notifier.surveyInvitation?.(tx, { surveyId: survey.id, token, reminder: false })
	return { surveyId: survey.id }
}

// ---------------------------------------------------------------------------------------------
// Finding the survey: by the emailed link, or as the signed-in customer

/**
 * The survey a link's token opens, or null for a token that is malformed, unknown (a changed
 * character) or of a deleted survey. An expired survey is returned, as `expired`: the page says
 * so rather than "invalid link".
 */
export async function surveyIdForToken(db: PrismaClient | Tx, token: string): Promise<string | null> {
	if (!isWellFormedSurveyToken(token)) return null
	const row = await db.surveyToken.findUnique({ where: { id: hashSurveyToken(token) }, select: { surveyId: true } })
	return row?.surveyId ?? null
}

export async function getSurvey(db: PrismaClient, surveyId: string, now: Date = new Date()): Promise<SurveyView> {
	const row = await db.survey.findUnique({ where: { id: surveyId }, select: surveySelect })
	if (!row) throw new NotFoundError('Survey')
	return viewOf(row, now)
}

/**
 * The survey of a complaint as the viewer may read it: the customer their own; staff and regional
 * offices within their reach (access.ts). Null when there is none or the viewer may not see it.
 */
export async function surveyOfComplaint(
	db: PrismaClient,
	viewer: Viewer,
	complaintId: string,
	now: Date = new Date(),
): Promise<SurveyView | null> {
	const row = await db.survey.findFirst({
		where: { AND: [surveyVisibleTo(viewer), { complaintId }] },
		select: surveySelect,
	})
	return row ? viewOf(row, now) : null
}

/** The survey of the viewer's own complaint, to answer in the portal (the customer only). */
export async function ownSurveyIdOfComplaint(db: PrismaClient, viewer: Viewer, complaintId: string) {
	if (viewer.kind !== 'CUSTOMER' || viewer.tokenScopes !== undefined) return null
	const row = await db.survey.findFirst({
		where: { complaintId, customerId: viewer.userId },
		select: { id: true },
	})
	return row?.id ?? null
}

// ---------------------------------------------------------------------------------------------
// Answering

function validationErrorsOf(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>) {
	return new DomainValidationErrors(
		issues.map((issue) => new DomainValidationError(String(issue.path[0] ?? ''), issue.message)),
	)
}

/** Locks the survey row (two answers at once: one is first) and reads it. */
async function lockSurvey(tx: Tx, surveyId: string): Promise<SurveyRow> {
	await tx.$queryRaw`SELECT 1 FROM "Survey" WHERE "id" = ${surveyId} FOR UPDATE`
	// the complaint separately: a select with a relation may run as parallel queries on the
	// transaction's one connection, which node-postgres warns about
	const row = await tx.survey.findUnique({ where: { id: surveyId }, select: surveyColumns })
	if (!row) throw new NotFoundError('Survey')
	if (row.complaintId)
		// closing the complaint waits for this answer, and this answer sees a close that committed first
		await tx.$queryRaw`SELECT 1 FROM "Complaint" WHERE "id" = ${row.complaintId} FOR SHARE`
	const complaint = row.complaintId
		? await tx.complaint.findUniqueOrThrow({
				where: { id: row.complaintId },
				select: { reference: true, title: true, status: true },
			})
		: null
	return { ...row, complaint }
}

export interface AnswerOutcome {
	/** the first answer (not an edit) */
	first: boolean
	/** this answer opened the manager's follow-up */
	followUpOpened: boolean
	survey: SurveyView
}

/**
 * Records the customer's answer, or their change to it. The caller has established that the
 * person is the survey's customer: by the link's token, or as the signed-in customer
 * (ownSurveyIdOfComplaint). Refused once the complaint is closed or the survey expired.
 *
 * A first overall score at or below the low mark opens the follow-up, once: a manager who closed
 * it is not asked again by an edit. A complaint survey records a staff-only event with the scores
 * and queues the SURVEY_ANSWERED webhook for the complaint's dealer and regional office.
 */
export async function answerSurvey(
	deps: SurveyDeps,
	surveyId: string,
	input: SurveyAnswerInput | Record<string, unknown>,
): Promise<AnswerOutcome> {
	const now = deps.now?.() ?? new Date()
	return deps.db.$transaction(async (tx) => {
		const row = await lockSurvey(tx, surveyId)
		const state = stateOf(row, now)
		if (state === 'expired' || state === 'closed') throw new SurveyClosedError(state)
		const parsed = surveyAnswerSchema(row.kind).safeParse(input)
		if (!parsed.success) throw validationErrorsOf(parsed.error.issues)
		const value = parsed.data
		const scores = Object.fromEntries(DIMENSIONS.map((d) => [d, value[d] ?? null])) as {
			[D in Dimension]: number | null
		}
		const first = row.answeredAt === null
		const followUpOpened = row.followUpOpenedAt === null && isLowOverall(scores.overall)
		await tx.survey.update({
			where: { id: surveyId },
			data: {
				...scores,
				recommend: value.recommend,
				comment: value.comment ? value.comment : null,
				answeredAt: row.answeredAt ?? now,
				answerUpdatedAt: now,
				...(followUpOpened ? { followUpOpenedAt: now } : {}),
			},
		})
		if (row.complaintId) {
			const event = await appendEvent(tx, {
				complaintId: row.complaintId,
				actorId: row.customerId,
				type: 'survey_answered',
				visibility: 'INTERNAL',
				data: {
					surveyId,
					...scores,
					recommend: value.recommend,
					edited: !first,
					followUpOpened,
				},
				at: now,
			})
			await deps.notifier.partnerEvent?.(tx, { complaintId: row.complaintId, eventId: event.id })
		}
		if (followUpOpened) await deps.notifier.surveyFollowUp?.(tx, { surveyId })
		const after = await tx.survey.findUniqueOrThrow({ where: { id: surveyId }, select: surveyColumns })
		return { first, followUpOpened, survey: viewOf({ ...after, complaint: row.complaint }, now) }
	})
}

/**
 * The customer takes the offer to reopen after a low score: the resolved case goes to head office
 * as their escalation (the only way the workflow lets a customer reopen a case; staff then take it
 * up again), with what is still wrong as the reason. Recorded on the survey in the same
 * transaction, so the offer is taken once.
 */
export async function reopenFromSurvey(deps: ComplaintDeps, surveyId: string, input: { reason: string }) {
	const now = deps.now?.() ?? new Date()
	const parsed = SurveyReopenSchema.safeParse(input)
	if (!parsed.success) throw validationErrorsOf(parsed.error.issues)
	const row = await deps.db.survey.findUnique({ where: { id: surveyId }, select: surveySelect })
	if (!row) throw new NotFoundError('Survey')
	const state = stateOf(row, now)
	if (state === 'expired' || state === 'closed') throw new SurveyClosedError(state)
	if (!row.complaintId || !mayReopen(row, state))
		throw new InvalidTransitionError('reopen-from-survey', row.complaint?.status ?? row.kind)
	// the link is the customer's: the escalation is theirs, with their permissions and rules
	const customer = await deps.db.user.findUniqueOrThrow({
		where: { id: row.customerId },
		select: { id: true, kind: true, staffRole: true, organizationId: true, organization: true },
	})
	await escalateComplaint(
		deps,
		viewerFromUser(customer),
		row.complaintId,
		{ reason: parsed.data.reason },
		{
			via: 'survey',
			within: async (tx, at) => {
				const { count } = await tx.survey.updateMany({
					where: { id: surveyId, reopenRequestedAt: null },
					data: { reopenRequestedAt: at },
				})
				if (count === 0) throw new InvalidTransitionError('reopen-from-survey', 'REOPEN_REQUESTED')
			},
		},
	)
}

// ---------------------------------------------------------------------------------------------
// Follow-ups

/** The manager records what was done about a low score; the follow-up leaves the open list. */
export async function closeFollowUp(
	deps: Pick<SurveyDeps, 'db' | 'now'>,
	viewer: Viewer,
	input: { surveyId: string; note: string } | Record<string, unknown>,
) {
	const now = deps.now?.() ?? new Date()
	const parsed = CloseFollowUpSchema.safeParse(input)
	if (!parsed.success) throw validationErrorsOf(parsed.error.issues)
	const { surveyId, note } = parsed.data
	await deps.db.$transaction(async (tx) => {
		const survey = await tx.survey.findFirst({
			where: { AND: [surveyVisibleTo(viewer), { id: surveyId }] },
			select: { id: true, regionId: true, complaintId: true, followUpOpenedAt: true, followUpClosedAt: true },
		})
		if (!survey) throw new NotFoundError('Survey')
		if (!handlesFollowUps(viewer, survey)) throw new InsufficientAuthorityError('close-follow-up:survey')
		const { count } = await tx.survey.updateMany({
			where: { id: surveyId, followUpOpenedAt: { not: null }, followUpClosedAt: null },
			data: { followUpClosedAt: now, followUpClosedById: viewer.userId, followUpNote: note },
		})
		if (count === 0)
			throw new InvalidTransitionError('close-follow-up', survey.followUpOpenedAt ? 'FOLLOW_UP_CLOSED' : 'NO_FOLLOW_UP')
		if (survey.complaintId)
			await appendEvent(tx, {
				complaintId: survey.complaintId,
				actorId: viewer.userId,
				type: 'survey_follow_up_closed',
				visibility: 'INTERNAL',
				// `comment`, as the case timeline shows an event's comment
				data: { surveyId, comment: note },
				at: now,
			})
	})
}
