import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type {
	ComplaintCategory,
	ComplaintSeverity,
	ComplaintStatus,
	Department,
	SlaState,
	StaffRole,
	UserKind,
} from '#app/generated/prisma/enums.ts'
import { userVisibleTo } from '../directory/visibility.ts'
import { normalizeOrderNumber } from '../orders/order-number.ts'
import type { Viewer } from '../viewer.ts'
import { STATUSES, waitingOn, type WaitingOn } from './lifecycle.ts'
import { complaintVisibleTo, permissionsOf } from './permissions.ts'
import { CATEGORIES, SEVERITIES } from './schemas.ts'

/**
 * The staff console's work queue: the complaints the viewer may act on, narrowed by a built-in
 * view and filters that live in the page's query string, so that a filtered queue is a link
 * anyone can bookmark, share or save under a name (saved-queue-views.ts).
 *
 * Everything here reads through complaintVisibleTo(viewer), so a regional office (and staff who
 * sit in one) see their region only. Customers and dealers follow their complaints on their own
 * pages: through the queue they see nothing.
 */

/** Built-in views: `open` unless the query string says otherwise. */
export const QUEUE_VIEWS = ['open', 'mine', 'unassigned', 'at-risk', 'breached', 'all'] as const
export type QueueView = (typeof QUEUE_VIEWS)[number]
export const QUEUE_SORTS = ['due', 'newest'] as const
export type QueueSort = (typeof QUEUE_SORTS)[number]
export const DEPARTMENTS = [
	'AFTER_SALES',
	'QUALITY',
	'SALES',
	'PRODUCTION',
	'LOGISTICS',
	'TECHNICAL',
] as const satisfies readonly Department[]
/** `assignee` / `department` value for "nobody yet". */
export const NONE = 'none'
export const QUEUE_PAGE_SIZE = 50
export const SEARCH_MAX = 100
/** At most this many complaints in one bulk assignment (two pages of the queue). */
export const MAX_BULK_ASSIGN = 100

export interface QueueFilter {
	view: QueueView
	status: ComplaintStatus | null
	category: ComplaintCategory | null
	severity: ComplaintSeverity | null
	regionId: string | null
	dealerId: string | null
	keyAccount: boolean | null
	/** a user id, or NONE */
	assignee: string | null
	department: Department | typeof NONE | null
	/** words to find in the reference, order number, customer, title or description */
	q: string
	sort: QueueSort
	page: number
}

export const DEFAULT_QUEUE_FILTER: QueueFilter = {
	view: 'open',
	status: null,
	category: null,
	severity: null,
	regionId: null,
	dealerId: null,
	keyAccount: null,
	assignee: null,
	department: null,
	q: '',
	sort: 'due',
	page: 1,
}

/** Whether the viewer works in the console at all: staff with a role and regional offices. */
export function mayUseConsole(viewer: Pick<Viewer, 'kind' | 'staffRole'>): boolean {
	return viewer.kind === 'REGIONAL_OFFICE' || (viewer.kind === 'STAFF' && viewer.staffRole !== null)
}

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | null {
	return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : null
}

// ids are cuids; anything longer or odder cannot match a row, so it is dropped rather than sent
function anId(raw: string | null): string | null {
	const value = raw?.trim()
	return value && /^[\w-]{1,64}$/.test(value) ? value : null
}

/**
 * The filter a query string asks for. Lenient: an unknown or malformed value is ignored (the
 * queue shows more, never an error page), because these URLs are typed, bookmarked and shared.
 */
export function parseQueueQuery(params: URLSearchParams): QueueFilter {
	const page = Number(params.get('page'))
	const key = params.get('key')
	const assignee = params.get('assignee')
	const department = params.get('department')
	return {
		view: oneOf(QUEUE_VIEWS, params.get('view')) ?? DEFAULT_QUEUE_FILTER.view,
		status: oneOf(STATUSES, params.get('status')),
		category: oneOf(CATEGORIES, params.get('category')),
		severity: oneOf(SEVERITIES, params.get('severity')),
		regionId: anId(params.get('region')),
		dealerId: anId(params.get('dealer')),
		keyAccount: key === 'yes' ? true : key === 'no' ? false : null,
		assignee: assignee === NONE ? NONE : anId(assignee),
		department: department === NONE ? NONE : oneOf(DEPARTMENTS, department),
		q: (params.get('q') ?? '').trim().slice(0, SEARCH_MAX),
		sort: oneOf(QUEUE_SORTS, params.get('sort')) ?? DEFAULT_QUEUE_FILTER.sort,
		page: Number.isInteger(page) && page >= 1 ? page : 1,
	}
}

/**
 * The canonical query string of a filter (defaults left out, a stable order), for links, the
 * pagination and saved views; `withPage: false` for a view that should open at its first page.
 */
export function queueQueryString(filter: QueueFilter, { withPage = true }: { withPage?: boolean } = {}): string {
	const params = new URLSearchParams()
	if (filter.view !== DEFAULT_QUEUE_FILTER.view) params.set('view', filter.view)
	if (filter.status) params.set('status', filter.status)
	if (filter.category) params.set('category', filter.category)
	if (filter.severity) params.set('severity', filter.severity)
	if (filter.regionId) params.set('region', filter.regionId)
	if (filter.dealerId) params.set('dealer', filter.dealerId)
	if (filter.keyAccount !== null) params.set('key', filter.keyAccount ? 'yes' : 'no')
	if (filter.assignee) params.set('assignee', filter.assignee)
	if (filter.department) params.set('department', filter.department)
	if (filter.q) params.set('q', filter.q)
	if (filter.sort !== DEFAULT_QUEUE_FILTER.sort) params.set('sort', filter.sort)
	if (withPage && filter.page > 1) params.set('page', String(filter.page))
	return params.toString()
}

/** What a built-in view adds; all but `all` leave closed cases out (a resolved case still needs closing). */
function viewWhere(view: QueueView, viewer: Viewer): { where: Prisma.ComplaintWhereInput; openOnly: boolean } {
	switch (view) {
		case 'open':
			return { where: {}, openOnly: true }
		case 'mine':
			return { where: { assigneeId: viewer.userId }, openOnly: true }
		case 'unassigned':
			return { where: { assigneeId: null }, openOnly: true }
		case 'at-risk':
			return { where: { slaState: 'AT_RISK' }, openOnly: true }
		case 'breached':
			return { where: { slaState: 'BREACHED' }, openOnly: true }
		case 'all':
			return { where: {}, openOnly: false }
	}
}

/** Staff may find customers by email; others see names only (directory/visibility.ts canSeeEmailOf). */
export function searchesCustomerEmail(viewer: Pick<Viewer, 'kind'>): boolean {
	return viewer.kind === 'STAFF'
}

/**
 * Each word must appear somewhere: in the reference, the order number (however it was typed),
 * the customer's name (or email, for staff: PIPL, see directory/visibility.ts), the title or the
 * description. Case-insensitive substrings, which PostgreSQL's ILIKE does for Chinese too.
 */
export function searchWhere(q: string, viewer: Viewer): Prisma.ComplaintWhereInput[] {
	const words = q.split(/\s+/).filter(Boolean).slice(0, 5)
	return words.map((word) => {
		const text = { contains: likeLiteral(word), mode: 'insensitive' as const }
		const orderKey = likeLiteral(normalizeOrderNumber(word))
		const customer: Prisma.UserWhereInput = searchesCustomerEmail(viewer)
			? { OR: [{ name: text }, { email: text }] }
			: { name: text }
		return {
			OR: [
				{ reference: { contains: likeLiteral(word.normalize('NFKC').toUpperCase()) } },
				...(orderKey ? [{ order: { is: { orderNumberKey: { contains: orderKey } } } }] : []),
				{ customer: { is: customer } },
				{ title: text },
				{ description: text },
			],
		}
	})
}

/**
 * Prisma sends `contains` to LIKE as it is (prisma/prisma#19506): escape LIKE's wildcards and its
 * escape character, so that a search for `50%` or `A_1` finds those characters, not everything.
 */
function likeLiteral(text: string): string {
	return text.replace(/[\\%_]/g, '\\$&')
}

/** The Prisma `where` of a filter for the viewer, inside what they may see. */
export function queueWhere(viewer: Viewer, filter: QueueFilter): Prisma.ComplaintWhereInput {
	if (!mayUseConsole(viewer)) return { id: { in: [] } }
	const view = viewWhere(filter.view, viewer)
	const and: Prisma.ComplaintWhereInput[] = [complaintVisibleTo(viewer), view.where]
	// a status chosen explicitly replaces the view's "not closed", so `?status=CLOSED` finds closed cases
	if (filter.status) and.push({ status: filter.status })
	else if (view.openOnly) and.push({ status: { not: 'CLOSED' } })
	if (filter.category) and.push({ category: filter.category })
	if (filter.severity) and.push({ severity: filter.severity })
	if (filter.regionId) and.push({ regionId: filter.regionId })
	if (filter.dealerId) and.push({ dealerId: filter.dealerId })
	if (filter.keyAccount !== null) and.push({ isKeyAccount: filter.keyAccount })
	if (filter.assignee) and.push({ assigneeId: filter.assignee === NONE ? null : filter.assignee })
	if (filter.department) and.push({ department: filter.department === NONE ? null : filter.department })
	and.push(...searchWhere(filter.q, viewer))
	return { AND: and }
}

function queueOrder(sort: QueueSort): Prisma.ComplaintOrderByWithRelationInput[] {
	return sort === 'newest'
		? [{ createdAt: 'desc' }, { id: 'desc' }]
		: // the most urgent first; cases with no running clock (paused, finished) after all the others
			[{ slaDueAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }, { id: 'asc' }]
}

export interface QueueItem {
	id: string
	reference: string
	version: number
	title: string
	status: ComplaintStatus
	waitingOn: WaitingOn
	category: ComplaintCategory
	severity: ComplaintSeverity
	isKeyAccount: boolean
	customerName: string
	orderNumber: string
	region: { id: string; nameZh: string; nameEn: string }
	dealerName: string | null
	assignee: { id: string; name: string } | null
	department: Department | null
	createdAt: Date
	slaDueAt: Date | null
	slaState: SlaState
}

export interface QueuePage {
	items: QueueItem[]
	total: number
	page: number
	pageSize: number
	pageCount: number
}

/** One page of the queue, the most urgent first unless the filter sorts by newest. */
export async function listQueue(
	db: PrismaClient,
	viewer: Viewer,
	filter: QueueFilter,
	{ pageSize = QUEUE_PAGE_SIZE }: { pageSize?: number } = {},
): Promise<QueuePage> {
	const size = Math.min(Math.max(1, Math.trunc(pageSize)), 100)
	if (!mayUseConsole(viewer)) return { items: [], total: 0, page: 1, pageSize: size, pageCount: 1 }
	const where = queueWhere(viewer, filter)
	const total = await db.complaint.count({ where })
	const pageCount = Math.max(1, Math.ceil(total / size))
	const page = Math.min(Math.max(1, filter.page), pageCount)
	const rows = await db.complaint.findMany({
		where,
		orderBy: queueOrder(filter.sort),
		skip: (page - 1) * size,
		take: size,
		select: {
			id: true,
			reference: true,
			version: true,
			title: true,
			status: true,
			category: true,
			severity: true,
			isKeyAccount: true,
			department: true,
			createdAt: true,
			slaDueAt: true,
			slaState: true,
			customer: { select: { name: true } },
			order: { select: { orderNumber: true } },
			region: { select: { id: true, nameZh: true, nameEn: true } },
			dealer: { select: { name: true } },
			assignee: { select: { id: true, name: true } },
		},
	})
	return {
		items: rows.map(({ customer, order, dealer, ...r }) => ({
			...r,
			waitingOn: waitingOn(r.status),
			customerName: customer.name,
			orderNumber: order.orderNumber,
			dealerName: dealer?.name ?? null,
		})),
		total,
		page,
		pageSize: size,
		pageCount,
	}
}

export interface Colleague {
	id: string
	name: string
	kind: UserKind
	staffRole: StaffRole | null
	organizationName: string | null
}

/** Whether the viewer reads every complaint, or only some (a region, their own). */
export function readsEverything(viewer: Viewer): boolean {
	return permissionsOf(viewer).includes('read:complaint:any')
}

/**
 * The people who work complaints the viewer sees: staff at head office (they see every
 * complaint), and staff and regional-office accounts of a region, for that region. A viewer
 * narrowed to a region gets head office and their own region.
 */
export function colleaguesWhere(viewer: Viewer): Prisma.UserWhereInput {
	const consoleUser: Prisma.UserWhereInput = {
		OR: [{ kind: 'REGIONAL_OFFICE' }, { kind: 'STAFF', staffRole: { not: null } }],
	}
	const headOffice: Prisma.UserWhereInput = {
		kind: 'STAFF',
		staffRole: { not: null },
		OR: [{ organizationId: null }, { organization: { is: { kind: { not: 'REGIONAL_OFFICE' } } } }],
	}
	const inRegion: Prisma.UserWhereInput = {
		AND: [
			consoleUser,
			{
				organization: {
					is: { kind: 'REGIONAL_OFFICE', regionId: readsEverything(viewer) ? { not: null } : viewer.regionId },
				},
			},
		],
	}
	if (!readsEverything(viewer) && !viewer.regionId) return headOffice
	return { OR: [headOffice, inRegion] }
}

/** Who the viewer may filter the queue by: colleagues the viewer may see in the directory. */
export async function queueAssignees(db: PrismaClient, viewer: Viewer): Promise<Colleague[]> {
	if (!mayUseConsole(viewer)) return []
	const rows = await db.user.findMany({
		where: { AND: [colleaguesWhere(viewer), userVisibleTo(viewer)] },
		orderBy: [{ name: 'asc' }, { id: 'asc' }],
		select: { id: true, name: true, kind: true, staffRole: true, organization: { select: { name: true } } },
	})
	return rows.map(({ organization, ...r }) => ({ ...r, organizationName: organization?.name ?? null }))
}

export interface QueueFilterOptions {
	regions: Array<{ id: string; nameZh: string; nameEn: string }>
	dealers: Array<{ id: string; name: string }>
	assignees: Colleague[]
}

/** The choices of the queue's filter form, within what the viewer may see. */
export async function queueFilterOptions(db: PrismaClient, viewer: Viewer): Promise<QueueFilterOptions> {
	if (!mayUseConsole(viewer)) return { regions: [], dealers: [], assignees: [] }
	const everywhere = readsEverything(viewer)
	const regionId = viewer.regionId ?? '-'
	const [regions, dealers, assignees] = await Promise.all([
		db.region.findMany({
			where: everywhere ? {} : { id: regionId },
			orderBy: { code: 'asc' },
			select: { id: true, nameZh: true, nameEn: true },
		}),
		db.organization.findMany({
			where: { kind: 'DEALER', ...(everywhere ? {} : { regionId }) },
			orderBy: [{ name: 'asc' }, { id: 'asc' }],
			select: { id: true, name: true },
		}),
		queueAssignees(db, viewer),
	])
	return { regions, dealers, assignees }
}
