import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createComplaintNotifier } from '#app/complaints/notifier.server.ts'
import type { Database } from '#app/db/database.server.ts'
import type { ComplaintCategory, ComplaintStatus, MessageVisibility } from '#app/generated/prisma/enums.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createOrder, createRegion, createUser } from '#tests/fixtures.ts'
import {
	ConflictError,
	DomainValidationError,
	InsufficientAuthorityError,
	InvalidTransitionError,
	NotFoundError,
	WorkflowRefusedError,
} from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import { addInformation } from './customer-actions.ts'
import { determineResponsibility, recordFinding } from './findings.ts'
import { addNote } from './notes.ts'
import type { ComplaintDeps, StoredFile } from './ports.ts'
import { getComplaintByReference } from './queries.ts'
import {
	acknowledgeComplaint,
	closeComplaint,
	escalateByStaff,
	rejectComplaint,
	reopenComplaint,
	replyToCustomer,
	requestInformation,
	resolveComplaint,
	startInvestigation,
	writeToCustomer,
} from './staff-actions.ts'
import { loadWorkflowState } from './workflow-state.ts'

/**
 * The staff workflow commands against the real database: every command in every status, as
 * a role that may use it, succeeds exactly where DESIGN.md §3 allows and otherwise writes
 * nothing at all; plus what the rules around them promise (written replies, evidence, notes the
 * customer never sees, stale forms, the append-only audit trail).
 */

let database: Database
let deps: ComplaintDeps
const NOW = new Date('2026-11-23T02:00:00Z') // Monday 10:00 in Shanghai
const HOUR = 3_600_000
const DAY = 24 * HOUR
const ago = (ms: number) => new Date(NOW.getTime() - ms)

let region: { id: string }
let otherRegion: { id: string }
let dealerOrg: { id: string }
const staff = {} as Record<'agent' | 'agent2' | 'quality' | 'manager' | 'otherManager' | 'office' | 'dealer', Viewer>

beforeAll(async () => {
	database = await createTestDatabase()
	deps = { db: database.prisma, notifier: createComplaintNotifier({ appUrl: 'https://portal.test' }), now: () => NOW }
	const db = database.prisma
	region = await createRegion(db)
	otherRegion = await createRegion(db)
	const org = (kind: 'DEALER' | 'REGIONAL_OFFICE', regionId: string) =>
		db.organization.create({ data: { kind, code: `${kind}-${crypto.randomUUID().slice(0, 8)}`, name: kind, regionId } })
	dealerOrg = await org('DEALER', region.id)
	const office = await org('REGIONAL_OFFICE', region.id)
	const otherOffice = await org('REGIONAL_OFFICE', otherRegion.id)
	staff.agent = (await createUser(db, { kind: 'STAFF', staffRole: 'AGENT', name: '客服 刘婷' })).viewer
	staff.agent2 = (await createUser(db, { kind: 'STAFF', staffRole: 'AGENT', name: '客服 王敏' })).viewer
	staff.quality = (await createUser(db, { kind: 'STAFF', staffRole: 'QUALITY_ENGINEER', name: '品管 张工' })).viewer
	staff.manager = (
		await createUser(db, { kind: 'STAFF', staffRole: 'REGIONAL_MANAGER', organizationId: office.id, name: '周经理' })
	).viewer
	staff.otherManager = (
		await createUser(db, { kind: 'STAFF', staffRole: 'REGIONAL_MANAGER', organizationId: otherOffice.id })
	).viewer
	staff.office = (
		await createUser(db, { kind: 'REGIONAL_OFFICE', organizationId: office.id, name: '华东办事处' })
	).viewer
	staff.dealer = (await createUser(db, { kind: 'DEALER', organizationId: dealerOrg.id, name: '华东代理' })).viewer
})
afterAll(() => database.close())

let sequence = 0

/**
 * A complaint put straight into `status`, with the columns that status implies: its own
 * customer (so that the outbox rows to that address are this complaint's), responsibility
 * already recorded as not the company's (so that a rejection is refused by the status alone),
 * closed five days ago when closed.
 */
async function complaintIn(
	status: ComplaintStatus,
	over: { category?: ComplaintCategory; responsibility?: null; closedAt?: Date; paused?: boolean } = {},
) {
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
			reference: `CMP-2026-${String(sequence).padStart(6, '0')}`,
			customerId: customer.user.id,
			filedById: customer.user.id,
			orderId: order.id,
			orderLineId: order.lines[0]!.id,
			regionId: region.id,
			dealerId: dealerOrg.id,
			category: over.category ?? 'HANDLING_DAMAGE',
			severity: 'MINOR',
			status,
			title: '外箱破损',
			description: '收货时外箱破损，阀门手柄弯曲。',
			requestedRemedy: 'REPAIR',
			createdAt: ago(3 * DAY),
			customerUpdatedAt: ago(3 * DAY),
			firstResponseDueAt: ago(2 * DAY),
			firstRespondedAt: status === 'SUBMITTED' ? null : ago(2 * DAY),
			resolutionDueAt: status === 'SUBMITTED' ? null : new Date(NOW.getTime() + 2 * DAY),
			slaDueAt: status === 'SUBMITTED' ? ago(2 * DAY) : new Date(NOW.getTime() + 2 * DAY),
			slaStateChangedAt: status === 'WAITING_ON_CUSTOMER' || over.paused ? ago(DAY) : ago(2 * DAY),
			responsibility: over.responsibility === null ? null : 'NOT_COMPANY',
			responsibilityAt: over.responsibility === null ? null : ago(DAY),
			closedAt: status === 'CLOSED' ? (over.closedAt ?? ago(5 * DAY)) : null,
			closeReason: status === 'CLOSED' ? 'COMPLETED' : null,
		},
	})
	await db.complaintEvent.create({
		data: {
			complaintId: complaint.id,
			actorId: customer.user.id,
			type: 'filed',
			toStatus: 'SUBMITTED',
			version: 1,
			createdAt: ago(3 * DAY),
		},
	})
	return { complaint, customer }
}

const photo = (kind: 'IMAGE' | 'PDF' = 'IMAGE'): StoredFile => ({
	kind,
	originalName: kind === 'IMAGE' ? 'evidence.jpg' : 'report.pdf',
	contentType: kind === 'IMAGE' ? 'image/jpeg' : 'application/pdf',
	byteSize: 1000,
	width: kind === 'IMAGE' ? 10 : null,
	height: kind === 'IMAGE' ? 10 : null,
	sha256: 'b'.repeat(64),
	storageKey: `test/${crypto.randomUUID()}`,
	thumbnailKey: null,
})

/** Everything a command may write about one complaint, to compare before and after. */
async function snapshot(complaintId: string, customerEmail: string) {
	const db = database.prisma
	const [row, messages, events, findings, attachments, emails] = await Promise.all([
		db.complaint.findUniqueOrThrow({ where: { id: complaintId } }),
		db.complaintMessage.findMany({ where: { complaintId }, orderBy: { createdAt: 'asc' } }),
		db.complaintEvent.findMany({ where: { complaintId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
		db.complaintFinding.findMany({ where: { complaintId } }),
		db.attachment.findMany({ where: { complaintId } }),
		db.outboxMessage.findMany({ where: { toAddress: customerEmail } }),
	])
	return { row, messages, events, findings, attachments, emails }
}
type Snapshot = Awaited<ReturnType<typeof snapshot>>

const newOf = <T extends { id: string }>(before: T[], after: T[]) =>
	after.filter((a) => !before.some((b) => b.id === a.id))

interface CommandCase {
	run: (viewer: Viewer, complaintId: string) => Promise<{ version: number }>
	/** where the command may start: written out here, not read from workflow.ts */
	from: ComplaintStatus[]
	/** the status it leads to; null when it stays */
	to: ComplaintStatus | null
	event: string
	/** a change the customer sees, and is emailed about */
	public: boolean
	/** the written message it leaves, with its visibility */
	message: MessageVisibility | null
	finding: boolean
}

const ALL: ComplaintStatus[] = [
	'SUBMITTED',
	'ACKNOWLEDGED',
	'INVESTIGATING',
	'WAITING_ON_CUSTOMER',
	'RESOLUTION_PROPOSED',
	'RESOLVING',
	'RESOLVED',
	'REJECTED',
	'ESCALATED',
	'CLOSED',
]

const COMMANDS: Record<string, CommandCase> = {
	acknowledgeComplaint: {
		run: (v, id) => acknowledgeComplaint(deps, v, id, { reply: '您好，投诉已受理，我们将在三个工作日内核实。' }),
		from: ['SUBMITTED'],
		to: 'ACKNOWLEDGED',
		event: 'acknowledged',
		public: true,
		message: 'PUBLIC',
		finding: false,
	},
	replyToCustomer: {
		run: (v, id) => replyToCustomer(deps, v, id, { body: '我们已联系物流公司核实。', files: [photo()] }),
		from: [
			'ACKNOWLEDGED',
			'INVESTIGATING',
			'WAITING_ON_CUSTOMER',
			'RESOLUTION_PROPOSED',
			'RESOLVING',
			'RESOLVED',
			'REJECTED',
			'ESCALATED',
		],
		to: null,
		event: 'reply',
		public: true,
		message: 'PUBLIC',
		finding: false,
	},
	addNote: {
		run: (v, id) => addNote(deps, v, id, { body: '内部：先查同批次的发货记录', visibility: 'INTERNAL' }),
		from: ALL,
		to: null,
		event: 'note',
		public: false,
		message: 'INTERNAL',
		finding: false,
	},
	startInvestigation: {
		run: (v, id) => startInvestigation(deps, v, id, {}),
		from: ['ACKNOWLEDGED', 'WAITING_ON_CUSTOMER', 'ESCALATED'],
		to: 'INVESTIGATING',
		event: 'status_changed',
		public: true,
		message: null,
		finding: false,
	},
	requestInformation: {
		run: (v, id) => requestInformation(deps, v, id, { message: '请补充外箱和铭牌的照片。' }),
		from: ['ACKNOWLEDGED', 'INVESTIGATING', 'ESCALATED'],
		to: 'WAITING_ON_CUSTOMER',
		event: 'information_requested',
		public: true,
		message: 'PUBLIC',
		finding: false,
	},
	recordFinding: {
		run: (v, id) =>
			recordFinding(deps, v, id, {
				kind: 'ON_SITE_VISIT',
				occurredAt: ago(2 * HOUR),
				summary: '现场查看：外箱有明显挤压痕迹。',
				files: [photo()],
			}),
		from: ['ACKNOWLEDGED', 'INVESTIGATING', 'WAITING_ON_CUSTOMER', 'ESCALATED'],
		to: null,
		event: 'finding_recorded',
		public: false,
		message: null,
		finding: true,
	},
	determineResponsibility: {
		run: (v, id) =>
			determineResponsibility(deps, v, id, { responsibility: 'TRANSPORT_DAMAGE', summary: '运输途中挤压所致。' }),
		from: ['INVESTIGATING', 'ESCALATED'],
		to: null,
		event: 'responsibility_determined',
		public: false,
		message: null,
		finding: true,
	},
	resolveComplaint: {
		run: (v, id) => resolveComplaint(deps, v, id, { reply: '更换的阀门已送达，感谢您的耐心。' }),
		from: ['RESOLVING'],
		to: 'RESOLVED',
		event: 'resolved',
		public: true,
		message: 'PUBLIC',
		finding: false,
	},
	rejectComplaint: {
		run: (v, id) =>
			rejectComplaint(deps, v, id, { reason: '经核实属运输损坏，请向承运人索赔。', toldOfAuthoritiesRight: true }),
		from: ['INVESTIGATING', 'ESCALATED'],
		to: 'REJECTED',
		event: 'rejected',
		public: true,
		message: 'PUBLIC',
		finding: false,
	},
	escalateByStaff: {
		run: (v, id) => escalateByStaff(deps, v, id, { reason: '客户要求总部复核。' }),
		from: ['INVESTIGATING', 'WAITING_ON_CUSTOMER', 'RESOLUTION_PROPOSED', 'RESOLVING', 'RESOLVED', 'REJECTED'],
		to: 'ESCALATED',
		event: 'escalated',
		public: true,
		message: 'INTERNAL',
		finding: false,
	},
	closeComplaint: {
		run: (v, id) => closeComplaint(deps, v, id, {}),
		from: ['RESOLVED', 'REJECTED'],
		to: 'CLOSED',
		event: 'closed',
		public: true,
		message: null,
		finding: false,
	},
	reopenComplaint: {
		run: (v, id) => reopenComplaint(deps, v, id, { reason: '客户反映问题再次出现。' }),
		from: ['CLOSED'],
		to: 'INVESTIGATING',
		event: 'reopened',
		public: true,
		message: 'INTERNAL',
		finding: false,
	},
}

function expectNothingWritten(before: Snapshot, after: Snapshot) {
	expect(after.row).toEqual(before.row)
	expect(after.messages).toEqual(before.messages)
	expect(after.events).toEqual(before.events)
	expect(after.findings).toEqual(before.findings)
	expect(after.attachments).toEqual(before.attachments)
	expect(after.emails).toEqual(before.emails)
}

describe.each(Object.entries(COMMANDS))('%s in every status', (_name, command) => {
	test.each(ALL)(`%s`, async (status) => {
		const { complaint, customer } = await complaintIn(status)
		const before = await snapshot(complaint.id, customer.user.email)
		const attempt = command.run(staff.agent, complaint.id)
		if (!command.from.includes(status)) {
			const error = await attempt.catch((e: unknown) => e)
			expect(error).toBeInstanceOf(InvalidTransitionError)
			expect(error).toMatchObject({ status })
			expectNothingWritten(before, await snapshot(complaint.id, customer.user.email))
			return
		}
		const { version } = await attempt
		const after = await snapshot(complaint.id, customer.user.email)
		const to = command.to ?? status
		expect(version).toBe(before.row.version + 1)
		expect(after.row).toMatchObject({ status: to, version })

		const [event, ...more] = newOf(before.events, after.events)
		expect(more).toEqual([])
		expect(event).toMatchObject({
			type: command.event,
			actorId: staff.agent.userId,
			version,
			fromStatus: to === status ? null : status,
			toStatus: to === status ? null : to,
			visibility: command.public ? 'PUBLIC' : 'INTERNAL',
			createdAt: NOW,
		})
		const changes = event!.changes as Record<string, { before: unknown; after: unknown }>
		if (to !== status) expect(changes.status).toEqual({ before: status, after: to })
		else expect(changes.status).toBeUndefined()

		const messages = newOf(before.messages, after.messages)
		expect(messages.map((m) => m.visibility)).toEqual(command.message ? [command.message] : [])
		if (command.message) expect(event!.data).toMatchObject({ messageId: messages[0]!.id })
		expect(newOf(before.findings, after.findings)).toHaveLength(command.finding ? 1 : 0)

		const emails = newOf(before.emails, after.emails)
		// resolving also sends the satisfaction survey (app/domain/surveys/surveys.db.test.ts)
		const survey = command.event === 'resolved' ? [expect.stringMatching(/^survey-invitation:/)] : []
		expect(emails.map((e) => e.idempotencyKey)).toEqual(
			command.public ? [`complaint-event:${event!.id}`, ...survey] : [],
		)
		// what the customer sees moved on only when they can see the change
		expect(after.row.customerUpdatedAt).toEqual(command.public ? NOW : before.row.customerUpdatedAt)
	})
})

describe('written replies', () => {
	test('acknowledging, asking, resolving and rejecting need their text; nothing is written without it', async () => {
		const cases: Array<[ComplaintStatus, (id: string) => Promise<unknown>, string]> = [
			['SUBMITTED', (id) => acknowledgeComplaint(deps, staff.agent, id, { reply: '  ' }), 'reply'],
			['RESOLVING', (id) => resolveComplaint(deps, staff.agent, id, { reply: '' }), 'reply'],
			['INVESTIGATING', (id) => rejectComplaint(deps, staff.agent, id, { reason: '\n ' }), 'reason'],
			['INVESTIGATING', (id) => requestInformation(deps, staff.agent, id, { message: '' }), 'message'],
			['INVESTIGATING', (id) => replyToCustomer(deps, staff.agent, id, { body: ' ' }), 'body'],
			['INVESTIGATING', (id) => addNote(deps, staff.agent, id, { body: '', visibility: 'INTERNAL' }), 'body'],
			['INVESTIGATING', (id) => escalateByStaff(deps, staff.agent, id, { reason: '' }), 'reason'],
			['CLOSED', (id) => reopenComplaint(deps, staff.agent, id, { reason: '' }), 'reason'],
		]
		for (const [status, run, field] of cases) {
			const { complaint, customer } = await complaintIn(status)
			const before = await snapshot(complaint.id, customer.user.email)
			const error = await run(complaint.id).catch((e: unknown) => e)
			expect(error).toBeInstanceOf(DomainValidationError)
			expect(error).toMatchObject({ field, messageKey: 'validation:required' })
			expectNothingWritten(before, await snapshot(complaint.id, customer.user.email))
		}
	})

	test('the customer reads the reply on their page and in the email; an escalation’s reason stays internal', async () => {
		const { complaint, customer } = await complaintIn('SUBMITTED')
		await acknowledgeComplaint(deps, staff.agent, complaint.id, { reply: '您好，已受理，三个工作日内给您答复。' })
		await startInvestigation(deps, staff.agent, complaint.id)
		await escalateByStaff(deps, staff.agent, complaint.id, { reason: 'SECRET 客户难沟通，请总部介入' })
		const page = await getComplaintByReference(database.prisma, customer.viewer, complaint.reference, NOW)
		expect(page.timeline.map((t) => [t.type, t.toStatus])).toEqual([
			['filed', 'SUBMITTED'],
			['acknowledged', 'ACKNOWLEDGED'],
			['status_changed', 'INVESTIGATING'],
			['escalated', 'ESCALATED'],
		])
		expect(page.timeline[1]!.message?.body).toBe('您好，已受理，三个工作日内给您答复。')
		expect(JSON.stringify(page)).not.toContain('SECRET')
		const emails = await database.prisma.outboxMessage.findMany({
			where: { toAddress: customer.user.email },
			orderBy: { createdAt: 'asc' },
		})
		expect(emails).toHaveLength(3)
		expect(emails[0]!.text).toContain('您好，已受理，三个工作日内给您答复。')
		expect(emails.map((e) => e.text).join('\n')).not.toContain('SECRET')
		const staffView = await getComplaintByReference(database.prisma, staff.agent, complaint.reference, NOW)
		expect(staffView.timeline.at(-1)!.message?.body).toBe('SECRET 客户难沟通，请总部介入')
	})

	test('the API’s reply acknowledges a new complaint, and is a plain reply afterwards', async () => {
		const { complaint } = await complaintIn('SUBMITTED')
		await writeToCustomer(deps, staff.office, complaint.id, { body: '已受理。' })
		await writeToCustomer(deps, staff.office, complaint.id, { body: '明天上门查看。' })
		const events = await database.prisma.complaintEvent.findMany({
			where: { complaintId: complaint.id },
			orderBy: { version: 'asc' },
		})
		expect(events.map((e) => [e.type, e.toStatus, e.version])).toEqual([
			['filed', 'SUBMITTED', 1],
			['acknowledged', 'ACKNOWLEDGED', 2],
			['reply', null, 3],
		])
	})
})

describe('service-level clocks', () => {
	const row = (id: string) => database.prisma.complaint.findUniqueOrThrow({ where: { id } })

	test('acknowledging answers the customer and starts the 3-working-day verification', async () => {
		const { complaint } = await complaintIn('SUBMITTED')
		await acknowledgeComplaint(deps, staff.agent, complaint.id, { reply: '已受理。' })
		const after = await row(complaint.id)
		expect(after.firstRespondedAt).toEqual(NOW)
		// Monday 10:00 + 3 working days: Thursday 10:00
		expect(after.resolutionDueAt).toEqual(new Date('2026-11-26T02:00:00Z'))
		expect(after).toMatchObject({ slaDueAt: after.resolutionDueAt, slaState: 'ON_TRACK', slaStateChangedAt: NOW })
	})

	test('asking the customer pauses the clock; their answer, or staff taking it up again, resumes it', async () => {
		const { complaint } = await complaintIn('INVESTIGATING')
		const promised = complaint.resolutionDueAt!
		await requestInformation(deps, staff.agent, complaint.id, { message: '请补充照片。' })
		let after = await row(complaint.id)
		expect(after).toMatchObject({ status: 'WAITING_ON_CUSTOMER', slaDueAt: null, slaAtRiskAt: null })
		expect(after.slaStateChangedAt).toEqual(NOW)
		expect(after.resolutionDueAt).toEqual(promised)

		// paused on Sunday 10:00 (complaintIn's paused case), due Wednesday 10:00: 19 working hours
		// were left (Monday 09:00–18:00, Tuesday, Wednesday 09:00–10:00). Resumed Monday 10:00,
		// they run again from there: Wednesday 11:00, one hour later, not a wall-clock day later.
		const waiting = await complaintIn('WAITING_ON_CUSTOMER')
		expect(waiting.complaint.resolutionDueAt).toEqual(new Date('2026-11-25T02:00:00Z'))
		await startInvestigation(deps, staff.agent, waiting.complaint.id)
		after = await row(waiting.complaint.id)
		expect(after.resolutionDueAt).toEqual(new Date('2026-11-25T03:00:00Z'))
		expect(after.slaDueAt).toEqual(after.resolutionDueAt)
	})

	test('a pause over a weekend keeps the working time that was left, not the wall-clock time', async () => {
		const { complaint } = await complaintIn('WAITING_ON_CUSTOMER')
		// paused Friday 17:00 with the promise on Monday 12:00: 1 + 3 = 4 working hours left
		await database.prisma.complaint.update({
			where: { id: complaint.id },
			data: {
				slaStateChangedAt: new Date('2026-11-20T09:00:00Z'),
				resolutionDueAt: new Date('2026-11-23T04:00:00Z'),
			},
		})
		await startInvestigation(deps, staff.agent, complaint.id)
		// resumed Monday 10:00: due Monday 14:00
		expect((await row(complaint.id)).resolutionDueAt).toEqual(new Date('2026-11-23T06:00:00Z'))
	})

	test('a promise that had passed when the clock paused is still due the moment it resumes', async () => {
		const { complaint } = await complaintIn('WAITING_ON_CUSTOMER')
		await database.prisma.complaint.update({
			where: { id: complaint.id },
			data: { slaStateChangedAt: new Date('2026-11-20T09:00:00Z'), resolutionDueAt: new Date('2026-11-20T02:00:00Z') },
		})
		await startInvestigation(deps, staff.agent, complaint.id)
		expect((await row(complaint.id)).resolutionDueAt).toEqual(NOW)
	})

	test('escalating raises the level and starts a resolution clock; taking it up after escalation starts another', async () => {
		const { complaint } = await complaintIn('WAITING_ON_CUSTOMER')
		await escalateByStaff(deps, staff.agent, complaint.id, { reason: '总部复核' })
		let after = await row(complaint.id)
		// five working days from Monday 10:00: the next Monday 10:00
		expect(after).toMatchObject({ status: 'ESCALATED', escalationLevel: 1, slaState: 'ON_TRACK' })
		expect(after.resolutionDueAt).toEqual(new Date('2026-11-30T02:00:00Z'))
		expect(after.slaDueAt).toEqual(after.resolutionDueAt)
		const event = await database.prisma.complaintEvent.findFirstOrThrow({
			where: { complaintId: complaint.id, type: 'escalated' },
		})
		expect(event.changes).toMatchObject({ escalationLevel: { before: 0, after: 1 } })

		const escalated = await complaintIn('ESCALATED')
		await startInvestigation(deps, staff.agent, escalated.complaint.id)
		after = await row(escalated.complaint.id)
		expect(after.resolutionDueAt).toEqual(new Date('2026-11-30T02:00:00Z'))
	})

	test('resolving, rejecting and closing stop the clock; closing a rejected case says so', async () => {
		const resolving = await complaintIn('RESOLVING')
		await resolveComplaint(deps, staff.agent, resolving.complaint.id, { reply: '已更换。' })
		expect(await row(resolving.complaint.id)).toMatchObject({ resolutionDueAt: null, slaDueAt: null })
		await closeComplaint(deps, staff.agent, resolving.complaint.id)
		expect(await row(resolving.complaint.id)).toMatchObject({
			status: 'CLOSED',
			closedAt: NOW,
			closeReason: 'COMPLETED',
			slaDueAt: null,
		})

		const investigating = await complaintIn('INVESTIGATING')
		await rejectComplaint(deps, staff.agent, investigating.complaint.id, { reason: '非我方责任。' })
		let after = await row(investigating.complaint.id)
		expect(after).toMatchObject({ status: 'REJECTED', resolutionDueAt: null, slaDueAt: null })
		// not told of the right to report to the authorities: nothing recorded
		expect(after.authoritiesRightToldAt).toBeNull()
		await closeComplaint(deps, staff.agent, investigating.complaint.id)
		after = await row(investigating.complaint.id)
		expect(after).toMatchObject({ status: 'CLOSED', closeReason: 'REJECTED', closedAt: NOW })
		const closed = await database.prisma.complaintEvent.findFirstOrThrow({
			where: { complaintId: investigating.complaint.id, type: 'closed' },
		})
		expect(closed.changes).toMatchObject({
			status: { before: 'REJECTED', after: 'CLOSED' },
			closeReason: { before: null, after: 'REJECTED' },
		})
	})

	test('a rejection records that the customer was told of their right to report to the authorities', async () => {
		const { complaint } = await complaintIn('ESCALATED')
		await rejectComplaint(deps, staff.agent, complaint.id, { reason: '非我方责任。', toldOfAuthoritiesRight: true })
		const after = await row(complaint.id)
		expect(after.authoritiesRightToldAt).toEqual(NOW)
		const event = await database.prisma.complaintEvent.findFirstOrThrow({
			where: { complaintId: complaint.id, type: 'rejected' },
		})
		expect(event.data).toMatchObject({ toldOfAuthoritiesRight: true })
		expect(event.changes).toMatchObject({ authoritiesRightToldAt: { before: null, after: NOW.toISOString() } })
	})

	test('reopening within 30 days clears the closing and starts a resolution clock; later it is refused', async () => {
		const recent = await complaintIn('CLOSED', { closedAt: ago(30 * DAY) })
		await reopenComplaint(deps, staff.agent, recent.complaint.id, { reason: '问题再次出现。' })
		expect(await row(recent.complaint.id)).toMatchObject({
			status: 'INVESTIGATING',
			closedAt: null,
			closeReason: null,
			resolutionDueAt: new Date('2026-11-30T02:00:00Z'),
		})

		const old = await complaintIn('CLOSED', { closedAt: ago(30 * DAY + 1) })
		const before = await snapshot(old.complaint.id, old.customer.user.email)
		const error = await reopenComplaint(deps, staff.agent, old.complaint.id, { reason: '问题再次出现。' }).catch(
			(e: unknown) => e,
		)
		expect(error).toBeInstanceOf(WorkflowRefusedError)
		expect(error).toMatchObject({ action: 'reopen', code: 'REOPEN_WINDOW_PASSED' })
		expectNothingWritten(before, await snapshot(old.complaint.id, old.customer.user.email))
	})
})

describe('responsibility and findings', () => {
	test('product quality: the quality engineer decides, with at least one evidence photo', async () => {
		const { complaint, customer } = await complaintIn('INVESTIGATING', {
			category: 'PRODUCT_QUALITY',
			responsibility: null,
		})
		const before = await snapshot(complaint.id, customer.user.email)
		const input = { responsibility: 'QUALITY_DEFECT' as const, summary: '密封圈批次缺陷。' }

		const byAgent = await determineResponsibility(deps, staff.agent, complaint.id, {
			...input,
			files: [photo()],
		}).catch((e: unknown) => e)
		expect(byAgent).toBeInstanceOf(WorkflowRefusedError)
		expect(byAgent).toMatchObject({ code: 'QUALITY_DECIDES' })
		for (const files of [undefined, [], [photo('PDF')]]) {
			const error = await determineResponsibility(deps, staff.quality, complaint.id, { ...input, files }).catch(
				(e: unknown) => e,
			)
			expect(error).toBeInstanceOf(DomainValidationError)
			expect(error).toMatchObject({ field: 'files', messageKey: 'validation:evidenceRequired' })
		}
		expectNothingWritten(before, await snapshot(complaint.id, customer.user.email))

		const { version } = await determineResponsibility(deps, staff.quality, complaint.id, {
			...input,
			files: [photo(), photo('PDF')],
		})
		const after = await snapshot(complaint.id, customer.user.email)
		expect(after.row).toMatchObject({ responsibility: 'QUALITY_DEFECT', responsibilityAt: NOW, version })
		const [finding] = newOf(before.findings, after.findings)
		expect(finding).toMatchObject({
			kind: 'RESPONSIBILITY',
			responsibility: 'QUALITY_DEFECT',
			authorId: staff.quality.userId,
		})
		expect(newOf(before.attachments, after.attachments)).toEqual([
			expect.objectContaining({ findingId: finding!.id, visibility: 'INTERNAL', kind: 'IMAGE' }),
			expect.objectContaining({ findingId: finding!.id, visibility: 'INTERNAL', kind: 'PDF' }),
		])
		const [event] = newOf(before.events, after.events)
		expect(event).toMatchObject({ type: 'responsibility_determined', visibility: 'INTERNAL', version })
		expect(event!.changes).toMatchObject({ responsibility: { before: null, after: 'QUALITY_DEFECT' } })
		expect(after.emails).toEqual(before.emails)
	})

	test('other categories need no photo; a rejection needs a responsibility that is not the company’s', async () => {
		const { complaint } = await complaintIn('INVESTIGATING', { responsibility: null })
		const refused = await rejectComplaint(deps, staff.agent, complaint.id, { reason: '非我方责任' }).catch(
			(e: unknown) => e,
		)
		expect(refused).toMatchObject({ name: 'WorkflowRefusedError', code: 'RESPONSIBILITY_REQUIRED' })
		await determineResponsibility(deps, staff.agent, complaint.id, {
			responsibility: 'QUALITY_DEFECT',
			summary: '质量问题',
		})
		const notOurs = await rejectComplaint(deps, staff.agent, complaint.id, { reason: '非我方责任' }).catch(
			(e: unknown) => e,
		)
		expect(notOurs).toMatchObject({ name: 'WorkflowRefusedError', code: 'NOT_REJECTABLE' })
		await determineResponsibility(deps, staff.agent, complaint.id, {
			responsibility: 'CUSTOMER_MISUSE',
			summary: '使用不当',
		})
		await rejectComplaint(deps, staff.agent, complaint.id, { reason: '属使用不当，非质量问题。' })
		expect((await database.prisma.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).status).toBe('REJECTED')
	})

	test('findings: on-site visits and samples with photos, never dated in the future', async () => {
		const { complaint, customer } = await complaintIn('INVESTIGATING')
		const future = await recordFinding(deps, staff.agent, complaint.id, {
			kind: 'SAMPLE',
			occurredAt: new Date(NOW.getTime() + 60_000),
			summary: '取样送检',
		}).catch((e: unknown) => e)
		expect(future).toMatchObject({
			name: 'DomainValidationError',
			field: 'occurredAt',
			messageKey: 'validation:notInFuture',
		})
		// exactly now is not the future
		const { findingId } = await recordFinding(deps, staff.agent, complaint.id, {
			kind: 'SAMPLE',
			occurredAt: NOW,
			summary: '取样 3 件送检。',
			sampleReference: ' LAB-2026-118 ',
			files: [photo(), photo()],
		})
		const finding = await database.prisma.complaintFinding.findUniqueOrThrow({
			where: { id: findingId },
			include: { attachments: true },
		})
		expect(finding).toMatchObject({
			kind: 'SAMPLE',
			occurredAt: NOW,
			sampleReference: 'LAB-2026-118',
			summary: '取样 3 件送检。',
		})
		expect(finding.attachments.map((a) => a.visibility)).toEqual(['INTERNAL', 'INTERNAL'])
		const page = await getComplaintByReference(database.prisma, customer.viewer, complaint.reference, NOW)
		expect(page.timeline.map((t) => t.type)).toEqual(['filed'])
		await expect(
			recordFinding(deps, staff.agent, complaint.id, { kind: 'SAMPLE', occurredAt: NOW, summary: ' ' }),
		).rejects.toMatchObject({ field: 'summary', messageKey: 'validation:required' })
	})
})

describe('notes', () => {
	test('internal notes for staff, partner notes for the dealer and region too; the customer sees neither, and is not emailed', async () => {
		const { complaint, customer } = await complaintIn('INVESTIGATING')
		const before = await snapshot(complaint.id, customer.user.email)
		await addNote(deps, staff.agent, complaint.id, { body: 'INTERNAL-NOTE 内部：核对发货单', visibility: 'INTERNAL' })
		await addNote(deps, staff.agent, complaint.id, {
			body: 'PARTNER-NOTE 请代理商协助拍照',
			visibility: 'PARTNER',
			files: [photo()],
		})
		await addNote(deps, staff.dealer, complaint.id, { body: 'DEALER-NOTE 已上门拍照', visibility: 'PARTNER' })
		await addNote(deps, staff.office, complaint.id, { body: 'OFFICE-NOTE 办事处已联系客户', visibility: 'PARTNER' })

		// dealers and regional offices write partner notes only
		for (const partner of [staff.dealer, staff.office]) {
			const snap = await snapshot(complaint.id, customer.user.email)
			const error = await addNote(deps, partner, complaint.id, { body: '内部？', visibility: 'INTERNAL' }).catch(
				(e: unknown) => e,
			)
			expect(error).toBeInstanceOf(InsufficientAuthorityError)
			expectNothingWritten(snap, await snapshot(complaint.id, customer.user.email))
		}

		const seen = async (viewer: Viewer) =>
			JSON.stringify(await getComplaintByReference(database.prisma, viewer, complaint.reference, NOW))
		const customerView = await seen(customer.viewer)
		for (const note of ['INTERNAL-NOTE', 'PARTNER-NOTE', 'DEALER-NOTE', 'OFFICE-NOTE'])
			expect(customerView).not.toContain(note)
		const customerPage = await getComplaintByReference(database.prisma, customer.viewer, complaint.reference, NOW)
		expect(customerPage.timeline.every((t) => t.visibility === 'PUBLIC')).toBe(true)
		for (const partner of [staff.dealer, staff.office]) {
			const view = await seen(partner)
			expect(view).not.toContain('INTERNAL-NOTE')
			for (const note of ['PARTNER-NOTE', 'DEALER-NOTE', 'OFFICE-NOTE']) expect(view).toContain(note)
		}
		const staffView = await seen(staff.agent)
		for (const note of ['INTERNAL-NOTE', 'PARTNER-NOTE', 'DEALER-NOTE', 'OFFICE-NOTE'])
			expect(staffView).toContain(note)

		const after = await snapshot(complaint.id, customer.user.email)
		expect(after.emails).toEqual(before.emails)
		expect(after.row.customerUpdatedAt).toEqual(before.row.customerUpdatedAt)
		expect(newOf(before.events, after.events).map((e) => [e.type, e.visibility])).toEqual([
			['note', 'INTERNAL'],
			['note', 'PARTNER'],
			['note', 'PARTNER'],
			['note', 'PARTNER'],
		])
		expect(newOf(before.attachments, after.attachments).map((a) => a.visibility)).toEqual(['PARTNER'])
		// each note is a version of the case: a form open meanwhile hears of it
		expect(after.row.version).toBe(before.row.version + 4)
	})
})

describe('who may act, through the commands', () => {
	test('the regional office and the regional manager work their region; others find nothing', async () => {
		const { complaint } = await complaintIn('SUBMITTED')
		await acknowledgeComplaint(deps, staff.office, complaint.id, { reply: '办事处已受理。' })
		await recordFinding(deps, staff.office, complaint.id, {
			kind: 'ON_SITE_VISIT',
			occurredAt: ago(HOUR),
			summary: '办事处上门查看。',
			files: [photo()],
		})
		// what the office recorded it can read back; it is not the customer's
		const finding = await database.prisma.complaintEvent.findFirstOrThrow({
			where: { complaintId: complaint.id, type: 'finding_recorded' },
		})
		expect(finding.visibility).toBe('PARTNER')
		await expect(closeComplaint(deps, staff.office, complaint.id)).rejects.toBeInstanceOf(InsufficientAuthorityError)
		await startInvestigation(deps, staff.manager, complaint.id)
		await expect(escalateByStaff(deps, staff.otherManager, complaint.id, { reason: '越区' })).rejects.toBeInstanceOf(
			NotFoundError,
		)
		const customerOfAnother = (await complaintIn('SUBMITTED')).customer
		await expect(
			replyToCustomer(deps, customerOfAnother.viewer, complaint.id, { body: '我来回复' }),
		).rejects.toBeInstanceOf(NotFoundError)
	})

	test('the customer cannot use the staff commands on their own complaint, escalation included', async () => {
		const { complaint, customer } = await complaintIn('INVESTIGATING')
		const before = await snapshot(complaint.id, customer.user.email)
		for (const [name, command] of Object.entries(COMMANDS)) {
			const error = await command.run(customer.viewer, complaint.id).catch((e: unknown) => e)
			expect(error, name).toBeInstanceOf(InsufficientAuthorityError)
		}
		expectNothingWritten(before, await snapshot(complaint.id, customer.user.email))
	})
})

describe('concurrent edits', () => {
	test('two staff on version N: the first wins, the second is told what changed and writes nothing', async () => {
		const { complaint, customer } = await complaintIn('INVESTIGATING')
		const seen = complaint.version
		await requestInformation(deps, staff.agent, complaint.id, { message: '请补充照片。', expectedVersion: seen })
		const before = await snapshot(complaint.id, customer.user.email)

		const error = await rejectComplaint(deps, staff.agent2, complaint.id, {
			reason: '非我方责任。',
			expectedVersion: seen,
		}).catch((e: unknown) => e)
		expect(error).toBeInstanceOf(ConflictError)
		expect((error as ConflictError).missed).toEqual([
			{
				type: 'information_requested',
				actorName: '客服 刘婷',
				at: NOW,
				fromStatus: 'INVESTIGATING',
				toStatus: 'WAITING_ON_CUSTOMER',
				changes: expect.objectContaining({ status: { before: 'INVESTIGATING', after: 'WAITING_ON_CUSTOMER' } }),
			},
		])
		expectNothingWritten(before, await snapshot(complaint.id, customer.user.email))

		// a note is a change too: a second note on the old version hears of the first
		await addNote(deps, staff.agent, complaint.id, {
			body: '先别回复',
			visibility: 'INTERNAL',
			expectedVersion: seen + 1,
		})
		const stale = await addNote(deps, staff.agent2, complaint.id, {
			body: '我来回复',
			visibility: 'INTERNAL',
			expectedVersion: seen + 1,
		}).catch((e: unknown) => e)
		expect(stale).toBeInstanceOf(ConflictError)
		expect((stale as ConflictError).missed.map((m) => m.type)).toEqual(['note'])
	})

	test('two commands at the same moment: one wins, the other changes nothing', async () => {
		const { complaint } = await complaintIn('SUBMITTED')
		const results = await Promise.allSettled([
			acknowledgeComplaint(deps, staff.agent, complaint.id, { reply: '甲：已受理。' }),
			acknowledgeComplaint(deps, staff.agent2, complaint.id, { reply: '乙：已受理。' }),
		])
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
		const [loser] = results.filter((r) => r.status === 'rejected')
		// it either lost the write (and is told of the winner) or came second and found the case acknowledged
		expect((loser as PromiseRejectedResult).reason).toSatisfy(
			(e: unknown) =>
				(e instanceof ConflictError && e.missed.map((m) => m.type).join() === 'acknowledged') ||
				e instanceof InvalidTransitionError,
		)
		expect(await database.prisma.complaintMessage.count({ where: { complaintId: complaint.id } })).toBe(1)
		expect(
			await database.prisma.complaintEvent.count({ where: { complaintId: complaint.id, type: 'acknowledged' } }),
		).toBe(1)
	})

	// PGlite has one connection, so transactions there never overlap; PostgreSQL's do
	test.runIf(process.env.TEST_DB === 'postgres')(
		'a write that loses the race to a transaction still open is told what the winner did',
		async () => {
			const { complaint } = await complaintIn('SUBMITTED')
			let release!: () => void
			const held = new Promise<void>((resolve) => (release = resolve))
			// the first command stops inside its transaction, after its write, until released
			const holding: ComplaintDeps = {
				...deps,
				notifier: {
					...deps.notifier,
					async publicChange(tx, change) {
						await deps.notifier.publicChange(tx, change)
						await held
					},
				},
			}
			const first = acknowledgeComplaint(holding, staff.agent, complaint.id, { reply: '甲：已受理。' })
			await new Promise((resolve) => setTimeout(resolve, 200))
			// the second reads the committed version (the first has not committed) and waits on its row
			const second = acknowledgeComplaint(deps, staff.agent2, complaint.id, { reply: '乙：已受理。' }).catch(
				(e: unknown) => e,
			)
			await new Promise((resolve) => setTimeout(resolve, 300))
			release()
			await first
			const error = await second
			expect(error).toBeInstanceOf(ConflictError)
			expect((error as ConflictError).missed).toEqual([
				expect.objectContaining({ type: 'acknowledged', actorName: '客服 刘婷', toStatus: 'ACKNOWLEDGED' }),
			])
			expect(await database.prisma.complaintMessage.count({ where: { complaintId: complaint.id } })).toBe(1)
		},
	)
})

describe('the audit trail', () => {
	test('every change is one event with its version, in order', async () => {
		const { complaint, customer } = await complaintIn('SUBMITTED')
		await acknowledgeComplaint(deps, staff.agent, complaint.id, { reply: '已受理。' })
		await startInvestigation(deps, staff.agent, complaint.id)
		await requestInformation(deps, staff.agent, complaint.id, { message: '请补充照片。' })
		await addInformation(deps, customer.viewer, complaint.id, { body: '照片见附件。' })
		await determineResponsibility(deps, staff.agent, complaint.id, {
			responsibility: 'TRANSPORT_DAMAGE',
			summary: '运输损坏',
		})
		await rejectComplaint(deps, staff.agent, complaint.id, { reason: '属运输损坏，请向承运人索赔。' })
		await closeComplaint(deps, staff.agent, complaint.id)
		const events = await database.prisma.complaintEvent.findMany({
			where: { complaintId: complaint.id, actorId: { not: complaint.customerId } },
			orderBy: { version: 'asc' },
		})
		expect(events.map((e) => [e.type, e.version])).toEqual([
			['acknowledged', 2],
			['status_changed', 3],
			['information_requested', 4],
			['responsibility_determined', 6],
			['rejected', 7],
			['closed', 8],
		])
	})

	test('events cannot be edited or deleted, through the client or in SQL', async () => {
		const { complaint } = await complaintIn('SUBMITTED')
		await acknowledgeComplaint(deps, staff.agent, complaint.id, { reply: '已受理。' })
		const db = database.prisma
		const event = await db.complaintEvent.findFirstOrThrow({
			where: { complaintId: complaint.id, type: 'acknowledged' },
		})
		const attempts = [
			() => db.complaintEvent.update({ where: { id: event.id }, data: { type: 'note' } }),
			() => db.complaintEvent.updateMany({ where: { complaintId: complaint.id }, data: { actorId: null } }),
			() => db.complaintEvent.delete({ where: { id: event.id } }),
			() => db.complaintEvent.deleteMany({ where: { complaintId: complaint.id } }),
			() => db.$executeRaw`UPDATE "ComplaintEvent" SET "toStatus" = 'CLOSED' WHERE "id" = ${event.id}`,
			() => db.$executeRaw`DELETE FROM "ComplaintEvent" WHERE "complaintId" = ${complaint.id}`,
		]
		for (const attempt of attempts) await expect(attempt()).rejects.toThrow(/append-only/)
		expect(await db.complaintEvent.findUniqueOrThrow({ where: { id: event.id } })).toEqual(event)
		expect(await db.complaintEvent.count({ where: { complaintId: complaint.id } })).toBe(2)
	})
})

describe('loadWorkflowState', () => {
	test('the pending approver is the lowest pending step of the proposal that waits for approval', async () => {
		const { complaint } = await complaintIn('INVESTIGATING')
		const db = database.prisma
		expect((await db.$transaction((tx) => loadWorkflowState(tx, complaint.id))).pendingApproverRole).toBeNull()
		const step = (sequence: number, approverRole: 'REGIONAL_MANAGER' | 'MARKETING_DIRECTOR' | 'GENERAL_MANAGER') => ({
			sequence,
			approverRole,
			reasonZh: '审批',
			reasonEn: 'approval',
		})
		await db.resolutionProposal.create({
			data: {
				complaintId: complaint.id,
				proposedById: staff.agent.userId,
				type: 'REPLACEMENT',
				summary: '旧方案',
				costBearer: 'COMPANY',
				status: 'DECLINED',
				createdAt: ago(DAY),
				approvals: { create: [{ ...step(10, 'GENERAL_MANAGER') }] },
			},
		})
		expect((await db.$transaction((tx) => loadWorkflowState(tx, complaint.id))).pendingApproverRole).toBeNull()
		await db.resolutionProposal.create({
			data: {
				complaintId: complaint.id,
				proposedById: staff.agent.userId,
				type: 'REPLACEMENT',
				summary: '更换',
				amountMinor: 800_000,
				costBearer: 'COMPANY',
				status: 'PENDING_APPROVAL',
				approvals: {
					create: [
						{ ...step(30, 'GENERAL_MANAGER') },
						{ ...step(10, 'REGIONAL_MANAGER'), decision: 'APPROVED', decidedById: staff.manager.userId },
						{ ...step(20, 'MARKETING_DIRECTOR') },
					],
				},
			},
		})
		const state = await db.$transaction((tx) => loadWorkflowState(tx, complaint.id))
		expect(state).toEqual({
			customerId: complaint.customerId,
			dealerId: dealerOrg.id,
			regionId: region.id,
			status: 'INVESTIGATING',
			category: 'HANDLING_DAMAGE',
			responsibility: 'NOT_COMPANY',
			closedAt: null,
			pendingApproverRole: 'MARKETING_DIRECTOR',
		})
		// while it waits, the case is not rejected from under the approvers
		await expect(rejectComplaint(deps, staff.agent, complaint.id, { reason: '非我方责任' })).rejects.toMatchObject({
			name: 'WorkflowRefusedError',
			code: 'APPROVAL_PENDING',
		})
		await expect(db.$transaction((tx) => loadWorkflowState(tx, 'no-such-complaint'))).rejects.toBeInstanceOf(
			NotFoundError,
		)
	})
})
