import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type {
	ApprovalDecision,
	ComplaintCategory,
	ComplaintChannel,
	ComplaintSeverity,
	ComplaintStatus,
	CloseReason,
	ContactMethod,
	CostBearer,
	Department,
	FindingKind,
	Locale,
	MessageVisibility,
	NotificationFrequency,
	ProposalStatus,
	RequestedRemedy,
	Responsibility,
	SlaState,
	StaffRole,
	UserKind,
} from '#app/generated/prisma/enums.ts'
import { NotFoundError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import { attachmentViewSelect, toAttachmentView, type AttachmentView } from './attachments.ts'
import type { ComplaintEventType } from './events.ts'
import { complaintVisibleTo, visibilitiesFor } from './permissions.ts'
import { mayUseConsole } from './queue.ts'
import { formatComplaintReference, parseComplaintReference } from './reference.ts'
import { loadWorkflowState } from './workflow-state.ts'

/**
 * The staff case page's read side (issue 4 §2): everything the customer filed, the order and its
 * other complaints, the customer's history, the whole timeline with internal and partner notes
 * and each change's before and after, the investigation's findings, the proposals with their
 * approvals, and the service-level clocks.
 *
 * The console is for the people who work complaints: staff, and regional offices for their
 * region. Customers and dealers follow complaints on their own pages, so to them this view does
 * not exist (NotFoundError, like a complaint outside the viewer's scope). Everything else is
 * narrowed by the viewer's reading rights: a regional office sees no internal notes, no internal
 * events and no approvers' comments.
 */

export type ActorSide = 'customer' | 'company' | 'partner'

export interface CaseActor {
	name: string
	side: ActorSide
	kind: UserKind
	staffRole: StaffRole | null
	/** the dealer or regional office a partner acts for */
	organization: string | null
}

export type FieldChanges = Record<string, { before: unknown; after: unknown }>

export interface CaseTimelineItem {
	id: string
	at: Date
	/** an event type, or `reply` / `note` / `customer_message` for a message without its own event */
	type: ComplaintEventType
	fromStatus: ComplaintStatus | null
	toStatus: ComplaintStatus | null
	/** who may read it: PUBLIC (the customer too), PARTNER (dealer and regional office), INTERNAL */
	visibility: MessageVisibility
	actor: CaseActor | null
	message: { id: string; body: string; visibility: MessageVisibility; attachments: AttachmentView[] } | null
	data: Record<string, unknown>
	/** the complaint's version after this change (null for changes recorded before versions) */
	version: number | null
	/** the audit view: the fields the change set, before and after */
	changes: FieldChanges | null
}

export interface CaseFinding {
	id: string
	kind: FindingKind
	occurredAt: Date
	summary: string
	sampleReference: string | null
	responsibility: Responsibility | null
	author: string
	createdAt: Date
	attachments: AttachmentView[]
}

export interface CaseApprovalStep {
	id: string
	sequence: number
	approverRole: StaffRole
	reasonZh: string
	reasonEn: string
	decision: ApprovalDecision
	decidedBy: string | null
	decidedAt: Date | null
	/** the approver's comment; null for viewers who may not read internal deliberation */
	comment: string | null
}

export interface CaseProposal {
	id: string
	type: RequestedRemedy
	summary: string
	amountMinor: number
	currency: string
	costBearer: CostBearer
	status: ProposalStatus
	proposedBy: string
	createdAt: Date
	decidedAt: Date | null
	approvals: CaseApprovalStep[]
}

export interface RelatedComplaint {
	reference: string
	title: string
	status: ComplaintStatus
	category: ComplaintCategory
	createdAt: Date
	orderNumber: string
	productModel: string | null
}

export interface ServiceClocks {
	firstResponse: {
		dueAt: Date | null
		respondedAt: Date | null
		/** answered by the due time; null while not answered yet */
		met: boolean | null
		/** not answered and past due */
		overdue: boolean
	}
	/** the date the customer was last promised something by */
	promisedBy: Date | null
	/** the clock running now; null while none runs (paused, or the case is finished) */
	running: { dueAt: Date; atRiskAt: Date | null } | null
	state: SlaState
	stateChangedAt: Date | null
	/** waiting on the customer: the clock stands still since this time */
	pausedSince: Date | null
}

export interface CaseView {
	id: string
	reference: string
	version: number
	title: string
	description: string
	status: ComplaintStatus
	category: ComplaintCategory
	severity: ComplaintSeverity
	channel: ComplaintChannel
	requestedRemedy: RequestedRemedy
	isKeyAccount: boolean
	escalationLevel: number
	createdAt: Date
	updatedAt: Date
	closedAt: Date | null
	closeReason: CloseReason | null
	contact: {
		name: string
		email: string
		phone: string | null
		preferredContact: ContactMethod
		/** the phone number given for this complaint, when the customer prefers a call */
		contactPhone: string | null
		notifyFrequency: NotificationFrequency
		locale: Locale | null
	}
	/** who filed it, when not the customer (a dealer or staff on the customer's behalf) */
	filedBy: { name: string; kind: UserKind } | null
	region: { code: string; nameZh: string; nameEn: string; timeZone: string }
	dealer: { name: string } | null
	department: Department | null
	routedAt: Date | null
	assignee: { id: string; name: string } | null
	responsibility: Responsibility | null
	responsibilityAt: Date | null
	/** the proposal currently offered or carried out */
	resolution: {
		type: RequestedRemedy
		summary: string
		amountMinor: number | null
		currency: string | null
		costBearer: CostBearer | null
	} | null
	authoritiesRightToldAt: Date | null
	order: {
		orderNumber: string
		orderedAt: Date
		shippedAt: Date | null
		deliveredAt: Date | null
		lines: Array<{
			id: string
			lineNumber: number
			productModel: string
			productName: string
			batchNumber: string
			quantity: number
			/** the line this complaint is about */
			complained: boolean
		}>
		/** the order's other complaints the viewer may see */
		otherComplaints: RelatedComplaint[]
	}
	/** the line this complaint is about; null when it is about the whole order */
	line: { productModel: string; productName: string; batchNumber: string; quantity: number } | null
	customerHistory: {
		isKeyAccount: boolean
		customerSince: Date
		/** the customer's other complaints the viewer may see, newest first */
		complaints: RelatedComplaint[]
	}
	/** files filed with the complaint (those added later sit on their message or finding) */
	attachments: AttachmentView[]
	timeline: CaseTimelineItem[]
	findings: CaseFinding[]
	proposals: CaseProposal[]
	clocks: ServiceClocks
}

const HISTORY_LIMIT = 20
const OFFERED_TO_CUSTOMER: readonly ProposalStatus[] = ['OFFERED', 'ACCEPTED', 'DISPUTED']

function sideOf(kind: UserKind): ActorSide {
	return kind === 'CUSTOMER' ? 'customer' : kind === 'STAFF' ? 'company' : 'partner'
}

const actorSelect = {
	name: true,
	kind: true,
	staffRole: true,
	organization: { select: { name: true } },
} as const satisfies Prisma.UserSelect

function toActor(user: Prisma.UserGetPayload<{ select: typeof actorSelect }>): CaseActor {
	return {
		name: user.name,
		side: sideOf(user.kind),
		kind: user.kind,
		staffRole: user.staffRole,
		organization: user.kind === 'DEALER' || user.kind === 'REGIONAL_OFFICE' ? (user.organization?.name ?? null) : null,
	}
}

function record(value: Prisma.JsonValue | null): Record<string, unknown> {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

function changesOf(value: Prisma.JsonValue | null): FieldChanges | null {
	const entries = Object.entries(record(value)).filter(
		([, change]) => change !== null && typeof change === 'object' && !Array.isArray(change),
	)
	if (entries.length === 0) return null
	return Object.fromEntries(
		entries.map(([field, change]) => {
			const { before = null, after = null } = change as { before?: unknown; after?: unknown }
			return [field, { before, after }]
		}),
	)
}

/** Routing records the assignee's id as the change and the names in its data: the page shows names. */
function namedAssignee(changes: FieldChanges | null, data: Record<string, unknown>): FieldChanges | null {
	if (!changes?.assigneeId) return changes
	const { assigneeId: _ids, ...rest } = changes
	const name = (value: unknown) => (typeof value === 'string' ? value : null)
	return { ...rest, assignee: { before: name(data.previousAssigneeName), after: name(data.assigneeName) } }
}

/**
 * An event's audit record for the API, as the case page shows it: each field the change set with
 * its value before and after, assignees by name. Staff only (seesAuditTrail): the record holds
 * internal fields (assignee, department, key account) that partners do not read.
 */
export function auditChangesOf(changes: Prisma.JsonValue | null, data: Prisma.JsonValue | null): FieldChanges | null {
	return namedAssignee(changesOf(changes), record(data))
}

export function seesAuditTrail(viewer: Pick<Viewer, 'kind'> | null): boolean {
	return viewer?.kind === 'STAFF'
}

const relatedSelect = {
	reference: true,
	title: true,
	status: true,
	category: true,
	createdAt: true,
	order: { select: { orderNumber: true } },
	orderLine: { select: { productModel: true } },
} as const satisfies Prisma.ComplaintSelect

function toRelated(row: Prisma.ComplaintGetPayload<{ select: typeof relatedSelect }>): RelatedComplaint {
	return {
		reference: row.reference,
		title: row.title,
		status: row.status,
		category: row.category,
		createdAt: row.createdAt,
		orderNumber: row.order.orderNumber,
		productModel: row.orderLine?.productModel ?? null,
	}
}

export function clocksOf(
	complaint: {
		status: ComplaintStatus
		firstResponseDueAt: Date | null
		firstRespondedAt: Date | null
		resolutionDueAt: Date | null
		slaDueAt: Date | null
		slaAtRiskAt: Date | null
		slaState: SlaState
		slaStateChangedAt: Date | null
	},
	now: Date,
): ServiceClocks {
	const { firstResponseDueAt: dueAt, firstRespondedAt: respondedAt } = complaint
	return {
		firstResponse: {
			dueAt,
			respondedAt,
			met: respondedAt ? (dueAt ? respondedAt.getTime() <= dueAt.getTime() : true) : null,
			overdue: !respondedAt && dueAt !== null && dueAt.getTime() < now.getTime(),
		},
		promisedBy: complaint.resolutionDueAt,
		running: complaint.slaDueAt ? { dueAt: complaint.slaDueAt, atRiskAt: complaint.slaAtRiskAt } : null,
		state: complaint.slaState,
		stateChangedAt: complaint.slaStateChangedAt,
		pausedSince: complaint.status === 'WAITING_ON_CUSTOMER' ? complaint.slaStateChangedAt : null,
	}
}

/**
 * The case as the console shows it. A reference that is malformed, unknown, outside the
 * viewer's scope, or a viewer who does not use the console: all NotFoundError.
 */
export async function getCaseView(
	db: PrismaClient,
	viewer: Viewer,
	reference: string,
	now: Date = new Date(),
): Promise<CaseView> {
	if (!mayUseConsole(viewer)) throw new NotFoundError('Complaint')
	const parsed = parseComplaintReference(reference)
	if (!parsed) throw new NotFoundError('Complaint')
	const visible = visibilitiesFor(viewer)
	const readsInternal = visible.includes('INTERNAL')
	const scope = complaintVisibleTo(viewer)
	const files = {
		where: { visibility: { in: visible } },
		orderBy: { createdAt: 'asc' },
		select: attachmentViewSelect,
	} as const satisfies Prisma.Complaint$attachmentsArgs

	const row = await db.complaint.findFirst({
		where: { AND: [scope, { reference: formatComplaintReference(parsed) }] },
		include: {
			customer: { select: { name: true, email: true, phone: true, locale: true, isKeyAccount: true, createdAt: true } },
			filedBy: { select: { id: true, name: true, kind: true } },
			region: { select: { code: true, nameZh: true, nameEn: true, timeZone: true } },
			dealer: { select: { name: true } },
			assignee: { select: { id: true, name: true } },
			order: {
				select: {
					orderNumber: true,
					orderedAt: true,
					shippedAt: true,
					deliveredAt: true,
					lines: {
						orderBy: { lineNumber: 'asc' },
						select: {
							id: true,
							lineNumber: true,
							productModel: true,
							productName: true,
							batchNumber: true,
							quantity: true,
						},
					},
				},
			},
			orderLine: { select: { productModel: true, productName: true, batchNumber: true, quantity: true } },
			attachments: { ...files, where: { ...files.where, messageId: null, findingId: null } },
			messages: {
				where: { visibility: { in: visible } },
				include: { author: { select: actorSelect }, attachments: files },
			},
			events: {
				where: { visibility: { in: visible } },
				orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
				include: { actor: { select: actorSelect } },
			},
			findings: {
				orderBy: [{ occurredAt: 'asc' }, { createdAt: 'asc' }],
				include: { author: { select: { name: true } }, attachments: files },
			},
			proposals: {
				orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
				include: {
					proposedBy: { select: { name: true } },
					approvals: { orderBy: { sequence: 'asc' }, include: { decidedBy: { select: { name: true } } } },
				},
			},
		},
	})
	if (!row) throw new NotFoundError('Complaint')

	const [orderComplaints, customerComplaints] = await Promise.all([
		db.complaint.findMany({
			where: { AND: [scope, { orderId: row.orderId, id: { not: row.id } }] },
			orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
			take: HISTORY_LIMIT,
			select: relatedSelect,
		}),
		db.complaint.findMany({
			where: { AND: [scope, { customerId: row.customerId, id: { not: row.id } }] },
			orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
			take: HISTORY_LIMIT,
			select: relatedSelect,
		}),
	])

	const messages = new Map(row.messages.map((m) => [m.id, m]))
	const shown = new Set<string>()
	const messageView = (m: (typeof row.messages)[number]) => ({
		id: m.id,
		body: m.body,
		visibility: m.visibility,
		attachments: m.attachments.map(toAttachmentView),
	})
	const timeline: CaseTimelineItem[] = row.events.map((e) => {
		const data = record(e.data)
		const message = typeof data.messageId === 'string' ? messages.get(data.messageId) : undefined
		if (message) shown.add(message.id)
		return {
			id: e.id,
			at: e.createdAt,
			type: e.type as ComplaintEventType,
			fromStatus: e.fromStatus,
			toStatus: e.toStatus,
			// the event's own visibility: a public status move may carry an internal reason (the
			// message says its own visibility, and the page labels it)
			visibility: e.visibility,
			actor: e.actor ? toActor(e.actor) : null,
			message: message ? messageView(message) : null,
			data,
			version: e.version,
			changes: namedAssignee(changesOf(e.changes), data),
		}
	})
	// messages written without an event of their own (imported, or older data) still show
	for (const m of row.messages) {
		if (shown.has(m.id)) continue
		timeline.push({
			id: `message-${m.id}`,
			at: m.createdAt,
			type: m.author.kind === 'CUSTOMER' ? 'customer_message' : m.visibility === 'PUBLIC' ? 'reply' : 'note',
			fromStatus: null,
			toStatus: null,
			visibility: m.visibility,
			actor: toActor(m.author),
			message: messageView(m),
			data: {},
			version: null,
			changes: null,
		})
	}
	timeline.sort((a, b) => a.at.getTime() - b.at.getTime())
	const recordedFindings = new Set(
		timeline.map((item) => item.data.findingId).filter((id): id is string => typeof id === 'string'),
	)

	return {
		id: row.id,
		reference: row.reference,
		version: row.version,
		title: row.title,
		description: row.description,
		status: row.status,
		category: row.category,
		severity: row.severity,
		channel: row.channel,
		requestedRemedy: row.requestedRemedy,
		isKeyAccount: row.isKeyAccount,
		escalationLevel: row.escalationLevel,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt,
		closedAt: row.closedAt,
		closeReason: row.closeReason,
		contact: {
			name: row.customer.name,
			email: row.customer.email,
			phone: row.customer.phone,
			preferredContact: row.preferredContact,
			contactPhone: row.contactPhone,
			notifyFrequency: row.notifyFrequency,
			locale: row.customer.locale,
		},
		filedBy: row.filedById === row.customerId ? null : { name: row.filedBy.name, kind: row.filedBy.kind },
		region: row.region,
		dealer: row.dealer,
		department: row.department,
		routedAt: row.routedAt,
		assignee: row.assignee,
		responsibility: row.responsibility,
		responsibilityAt: row.responsibilityAt,
		resolution:
			row.resolutionType && row.resolutionSummary
				? {
						type: row.resolutionType,
						summary: row.resolutionSummary,
						amountMinor: row.resolutionAmountMinor,
						currency: row.resolutionCurrency,
						costBearer: row.costBearer,
					}
				: null,
		authoritiesRightToldAt: row.authoritiesRightToldAt,
		order: {
			orderNumber: row.order.orderNumber,
			orderedAt: row.order.orderedAt,
			shippedAt: row.order.shippedAt,
			deliveredAt: row.order.deliveredAt,
			lines: row.order.lines.map((line) => ({ ...line, complained: line.id === row.orderLineId })),
			otherComplaints: orderComplaints.map(toRelated),
		},
		line: row.orderLine,
		customerHistory: {
			isKeyAccount: row.customer.isKeyAccount || row.isKeyAccount,
			customerSince: row.customer.createdAt,
			complaints: customerComplaints.map(toRelated),
		},
		attachments: row.attachments.map(toAttachmentView),
		timeline,
		// findings have no visibility of their own: they are as visible as the event that recorded
		// them (a regional office sees the visits it made, not the company's internal findings)
		findings: row.findings
			.filter((f) => readsInternal || recordedFindings.has(f.id))
			.map((f) => ({
				id: f.id,
				kind: f.kind,
				occurredAt: f.occurredAt,
				summary: f.summary,
				sampleReference: f.sampleReference,
				responsibility: f.responsibility,
				author: f.author.name,
				createdAt: f.createdAt,
				attachments: f.attachments.map(toAttachmentView),
			})),
		// what waits for approval or was declined is the company's deliberation
		proposals: row.proposals
			.filter((p) => readsInternal || OFFERED_TO_CUSTOMER.includes(p.status))
			.map((p) => ({
				id: p.id,
				type: p.type,
				summary: p.summary,
				amountMinor: p.amountMinor,
				currency: p.currency,
				costBearer: p.costBearer,
				status: p.status,
				proposedBy: p.proposedBy.name,
				createdAt: p.createdAt,
				decidedAt: p.decidedAt,
				approvals: p.approvals.map((step) => ({
					id: step.id,
					sequence: step.sequence,
					approverRole: step.approverRole,
					reasonZh: step.reasonZh,
					reasonEn: step.reasonEn,
					decision: step.decision,
					decidedBy: step.decidedBy?.name ?? null,
					decidedAt: step.decidedAt,
					comment: readsInternal ? step.comment : null,
				})),
			})),
		clocks: clocksOf(row, now),
	}
}

/**
 * What the case page's action needs before it reads a form: the complaint's id, its version
 * now and its workflow state, as the viewer may see it (else NotFoundError, as for the page).
 */
export async function getCaseHead(db: PrismaClient, viewer: Viewer, reference: string) {
	if (!mayUseConsole(viewer)) throw new NotFoundError('Complaint')
	const parsed = parseComplaintReference(reference)
	if (!parsed) throw new NotFoundError('Complaint')
	const row = await db.complaint.findFirst({
		where: { AND: [complaintVisibleTo(viewer), { reference: formatComplaintReference(parsed) }] },
		select: { id: true, reference: true, version: true },
	})
	if (!row) throw new NotFoundError('Complaint')
	return { ...row, state: await loadWorkflowState(db, row.id) }
}
