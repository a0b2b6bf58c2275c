import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { ComplaintStatus, SurveyKind } from '#app/generated/prisma/enums.ts'
import type { Viewer } from '../viewer.ts'
import { handlesFollowUps, readsSurveysInConsole, surveyVisibleTo } from './access.ts'
import { DIMENSIONS, type Dimension } from './dimensions.ts'
import { companyYear } from './schedule.ts'

/**
 * The console's survey pages: the follow-ups that low scores opened (回访, for the managers), and
 * the key-account surveys of a year (sent, reminded, answered, expired). Both read through
 * surveyVisibleTo(viewer): a regional office and staff who sit in one see their region only.
 */

export const FOLLOW_UP_STATES = ['open', 'closed'] as const
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number]
export const FOLLOW_UP_PAGE_SIZE = 50

export interface FollowUpItem {
	surveyId: string
	kind: SurveyKind
	complaint: { reference: string; title: string; status: ComplaintStatus } | null
	customerName: string
	region: { nameZh: string; nameEn: string }
	dealerName: string | null
	scores: { [D in Dimension]: number | null }
	recommend: number | null
	comment: string | null
	answeredAt: Date | null
	openedAt: Date
	reopenRequestedAt: Date | null
	closedAt: Date | null
	closedByName: string | null
	note: string | null
	/** the viewer may record what was done */
	canClose: boolean
}

export async function listFollowUps(
	db: PrismaClient,
	viewer: Viewer,
	{ state = 'open', take = FOLLOW_UP_PAGE_SIZE }: { state?: FollowUpState; take?: number } = {},
): Promise<{ items: FollowUpItem[]; total: number }> {
	if (!readsSurveysInConsole(viewer)) return { items: [], total: 0 }
	const where: Prisma.SurveyWhereInput = {
		AND: [
			surveyVisibleTo(viewer),
			{ followUpOpenedAt: { not: null } },
			state === 'open' ? { followUpClosedAt: null } : { followUpClosedAt: { not: null } },
		],
	}
	const [total, rows] = await Promise.all([
		db.survey.count({ where }),
		db.survey.findMany({
			where,
			// open: the oldest waits longest; closed: the latest first
			orderBy:
				state === 'open'
					? [{ followUpOpenedAt: 'asc' }, { id: 'asc' }]
					: [{ followUpClosedAt: 'desc' }, { id: 'desc' }],
			take: Math.min(Math.max(1, take), 200),
			select: {
				id: true,
				kind: true,
				regionId: true,
				timeliness: true,
				communication: true,
				resolutionQuality: true,
				productQuality: true,
				delivery: true,
				priceFairness: true,
				overall: true,
				recommend: true,
				comment: true,
				answeredAt: true,
				followUpOpenedAt: true,
				followUpClosedAt: true,
				followUpNote: true,
				reopenRequestedAt: true,
				complaint: { select: { reference: true, title: true, status: true } },
				customer: { select: { name: true } },
				region: { select: { nameZh: true, nameEn: true } },
				dealer: { select: { name: true } },
				followUpClosedBy: { select: { name: true } },
			},
		}),
	])
	return {
		total,
		items: rows.map((r) => ({
			surveyId: r.id,
			kind: r.kind,
			complaint: r.complaint,
			customerName: r.customer.name,
			region: r.region,
			dealerName: r.dealer?.name ?? null,
			scores: Object.fromEntries(DIMENSIONS.map((d) => [d, r[d]])) as { [D in Dimension]: number | null },
			recommend: r.recommend,
			comment: r.comment,
			answeredAt: r.answeredAt,
			openedAt: r.followUpOpenedAt!,
			reopenRequestedAt: r.reopenRequestedAt,
			closedAt: r.followUpClosedAt,
			closedByName: r.followUpClosedBy?.name ?? null,
			note: r.followUpNote,
			canClose: r.followUpClosedAt === null && handlesFollowUps(viewer, r),
		})),
	}
}

/** How many follow-ups wait, for the console's navigation. */
export async function countOpenFollowUps(db: PrismaClient, viewer: Viewer): Promise<number> {
	if (!readsSurveysInConsole(viewer)) return 0
	return db.survey.count({
		where: { AND: [surveyVisibleTo(viewer), { followUpOpenedAt: { not: null }, followUpClosedAt: null }] },
	})
}

export type KeyAccountSurveyState = 'waiting' | 'reminded' | 'answered' | 'expired'

export interface KeyAccountSurveyItem {
	surveyId: string
	customerName: string
	region: { nameZh: string; nameEn: string }
	sentAt: Date
	remindedAt: Date | null
	expiresAt: Date
	answeredAt: Date | null
	overall: number | null
	recommend: number | null
	state: KeyAccountSurveyState
}

export interface KeyAccountTracking {
	year: number
	items: KeyAccountSurveyItem[]
	/** key accounts in the viewer's reach without this year's survey yet (no order to place them, or the job has not run) */
	notSent: Array<{ customerName: string }>
}

/** The key-account surveys of `year` (the company's current year by default), and who has none yet. */
export async function listKeyAccountSurveys(
	db: PrismaClient,
	viewer: Viewer,
	{ year, now = new Date() }: { year?: number; now?: Date } = {},
): Promise<KeyAccountTracking> {
	const forYear = year ?? companyYear(now)
	if (!readsSurveysInConsole(viewer)) return { year: forYear, items: [], notSent: [] }
	const rows = await db.survey.findMany({
		where: { AND: [surveyVisibleTo(viewer), { kind: 'KEY_ACCOUNT', periodYear: forYear }] },
		orderBy: [{ sentAt: 'asc' }, { id: 'asc' }],
		select: {
			id: true,
			sentAt: true,
			remindedAt: true,
			expiresAt: true,
			answeredAt: true,
			overall: true,
			recommend: true,
			customer: { select: { name: true } },
			region: { select: { nameZh: true, nameEn: true } },
		},
	})
	// key accounts of the viewer's reach: their orders are in the viewer's region (or anywhere)
	const scope = surveyVisibleTo(viewer)
	const everywhere = Object.keys(scope).length === 0
	const missing = await db.user.findMany({
		where: {
			kind: 'CUSTOMER',
			isKeyAccount: true,
			surveys: { none: { kind: 'KEY_ACCOUNT', periodYear: forYear } },
			...(everywhere ? {} : viewer.regionId ? { orders: { some: { regionId: viewer.regionId } } } : { id: { in: [] } }),
		},
		orderBy: [{ name: 'asc' }, { id: 'asc' }],
		select: { name: true },
		take: 200,
	})
	return {
		year: forYear,
		items: rows.map((r) => ({
			surveyId: r.id,
			customerName: r.customer.name,
			region: r.region,
			sentAt: r.sentAt,
			remindedAt: r.remindedAt,
			expiresAt: r.expiresAt,
			answeredAt: r.answeredAt,
			overall: r.overall,
			recommend: r.recommend,
			state: r.answeredAt ? 'answered' : now >= r.expiresAt ? 'expired' : r.remindedAt ? 'reminded' : 'waiting',
		})),
		notSent: missing.map((m) => ({ customerName: m.name })),
	}
}

export interface CaseSurvey {
	state: 'waiting' | 'answered' | 'expired' | 'closed'
	sentAt: Date
	remindedAt: Date | null
	expiresAt: Date
	answeredAt: Date | null
	scores: { [D in Dimension]: number | null }
	recommend: number | null
	comment: string | null
	followUpOpen: boolean
	reopenRequestedAt: Date | null
}

/** The complaint's survey on the staff case page: where it stands and, once answered, the answer. */
export async function caseSurvey(
	db: PrismaClient,
	viewer: Viewer,
	complaintId: string,
	now: Date = new Date(),
): Promise<CaseSurvey | null> {
	if (!readsSurveysInConsole(viewer)) return null
	const row = await db.survey.findFirst({
		where: { AND: [surveyVisibleTo(viewer), { complaintId }] },
		include: { complaint: { select: { status: true } } },
	})
	if (!row) return null
	return {
		state: row.answeredAt
			? 'answered'
			: row.complaint?.status === 'CLOSED'
				? 'closed'
				: now >= row.expiresAt
					? 'expired'
					: 'waiting',
		sentAt: row.sentAt,
		remindedAt: row.remindedAt,
		expiresAt: row.expiresAt,
		answeredAt: row.answeredAt,
		scores: Object.fromEntries(DIMENSIONS.map((d) => [d, row[d]])) as { [D in Dimension]: number | null },
		recommend: row.recommend,
		comment: row.comment,
		followUpOpen: row.followUpOpenedAt !== null && row.followUpClosedAt === null,
		reopenRequestedAt: row.reopenRequestedAt,
	}
}
