import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createOrder, createRegion, createUser } from '#tests/fixtures.ts'
import type { Viewer } from '../viewer.ts'
import {
	acceptResolution,
	addInformation,
	disputeResolution,
	escalateComplaint,
	setNotificationFrequency,
	withdrawComplaint,
} from './customer-actions.ts'
import { chooseLine, chooseOrder, getDraft, saveDraftStep, startDraft } from './drafts.ts'
import { fileComplaint } from './file-complaint.ts'
import type { ComplaintDeps } from './ports.ts'
import {
	findComplaintsVisibleTo,
	getAttachmentForViewer,
	getComplaintByReference,
	listMyComplaints,
} from './queries.ts'
import { determineResponsibility } from './findings.ts'
import { proposeResolution } from './proposals.ts'
import { acknowledgeComplaint, startInvestigation } from './staff-actions.ts'

/**
 * Every kind of account against every complaint query and command: who sees the complaint
 * (or gets "not found", never "forbidden"), and who may act on it. The complaint belongs to
 * `owner`, was sold by `dealer` in `region`.
 */

let database: Database
const deps = (): ComplaintDeps => ({
	db: database.prisma,
	notifier: { complaintFiled: async () => {}, publicChange: async () => {} },
})

type Role =
	| 'owner'
	| 'otherCustomer'
	| 'dealer'
	| 'otherDealer'
	| 'regionalOffice'
	| 'otherRegionalOffice'
	| 'agent'
	| 'regionalManager'
const viewers = {} as Record<Role, Viewer>

// what each role may do; everything else must be refused
const SEES: Role[] = ['owner', 'dealer', 'regionalOffice', 'agent', 'regionalManager']
const CUSTOMER_ACTIONS: Role[] = ['owner']
const ACKNOWLEDGES: Role[] = ['regionalOffice', 'agent', 'regionalManager']
const PROPOSES: Role[] = ['agent', 'regionalManager']

async function complaintOf(owner: Viewer, orderNumber: string) {
	const d = deps()
	const { id } = await startDraft(d, owner)
	await chooseOrder(d, owner, id, orderNumber)
	await chooseLine(d, owner, id, (await getDraft(d, owner, id)).order!.lines[0]!.id)
	await saveDraftStep(d, owner, id, {
		category: 'PRODUCT_QUALITY',
		severity: 'MINOR',
		title: '阀门关不严',
		description: '闸阀关闭后仍有少量介质通过。',
		requestedRemedy: 'REPAIR',
		preferredContact: 'EMAIL',
		notifyFrequency: 'EACH_CHANGE',
	})
	return fileComplaint(d, owner, id)
}

let orderNumber: string
let quality: Viewer

/** Acknowledged, investigated, and responsibility recorded: ready for a proposal (000 (七)2). */
async function investigated(complaintId: string, staff: Viewer) {
	await acknowledgeComplaint(deps(), staff, complaintId, { reply: '已受理' })
	await startInvestigation(deps(), staff, complaintId)
	await determineResponsibility(deps(), quality, complaintId, {
		responsibility: 'QUALITY_DEFECT',
		summary: '阀板密封面磨损',
		files: [
			{
				kind: 'IMAGE',
				originalName: 'seal.jpg',
				contentType: 'image/jpeg',
				byteSize: 1,
				width: 1,
				height: 1,
				sha256: '0'.repeat(64),
				storageKey: `k/${crypto.randomUUID()}`,
				thumbnailKey: null,
			},
		],
	})
}

/** Offered to the customer: a minor case without money needs no approval. */
async function proposed(complaintId: string, staff: Viewer) {
	await investigated(complaintId, staff)
	await proposeResolution(deps(), staff, complaintId, {
		type: 'REPAIR',
		summary: '上门维修',
		amountMinor: 0,
		costBearer: 'COMPANY',
	})
}

beforeAll(async () => {
	database = await createTestDatabase()
	const db = database.prisma
	const region = await createRegion(db)
	const otherRegion = await createRegion(db)
	const org = (kind: 'DEALER' | 'REGIONAL_OFFICE', regionId: string) =>
		db.organization.create({ data: { kind, code: `${kind}-${crypto.randomUUID().slice(0, 8)}`, name: kind, regionId } })
	const dealerOrg = await org('DEALER', region.id)
	const otherDealerOrg = await org('DEALER', region.id)
	const officeOrg = await org('REGIONAL_OFFICE', region.id)
	const otherOfficeOrg = await org('REGIONAL_OFFICE', otherRegion.id)

	const owner = await createUser(db)
	viewers.owner = owner.viewer
	viewers.otherCustomer = (await createUser(db)).viewer
	viewers.dealer = (await createUser(db, { kind: 'DEALER', organizationId: dealerOrg.id })).viewer
	viewers.otherDealer = (await createUser(db, { kind: 'DEALER', organizationId: otherDealerOrg.id })).viewer
	viewers.regionalOffice = (await createUser(db, { kind: 'REGIONAL_OFFICE', organizationId: officeOrg.id })).viewer
	viewers.otherRegionalOffice = (
		await createUser(db, { kind: 'REGIONAL_OFFICE', organizationId: otherOfficeOrg.id })
	).viewer
	viewers.agent = (await createUser(db, { kind: 'STAFF', staffRole: 'AGENT' })).viewer
	viewers.regionalManager = (await createUser(db, { kind: 'STAFF', staffRole: 'REGIONAL_MANAGER' })).viewer
	quality = (await createUser(db, { kind: 'STAFF', staffRole: 'QUALITY_ENGINEER' })).viewer

	const order = await createOrder(db, {
		regionId: region.id,
		customerId: owner.user.id,
		customerEmail: owner.user.email,
		dealerId: dealerOrg.id,
	})
	orderNumber = order.orderNumber
})
afterAll(() => database.close())

const ROLES = Object.keys({
	owner: 1,
	otherCustomer: 1,
	dealer: 1,
	otherDealer: 1,
	regionalOffice: 1,
	otherRegionalOffice: 1,
	agent: 1,
	regionalManager: 1,
} satisfies Record<Role, 1>) as Role[]

describe.each(ROLES)('%s', (role) => {
	test(
		SEES.includes(role) ? 'reads the complaint and its files' : 'finds nothing, as if it did not exist',
		async () => {
			const filed = await complaintOf(viewers.owner, orderNumber)
			const attachment = await database.prisma.attachment.create({
				data: {
					complaintId: filed.complaintId,
					uploadedById: viewers.owner.userId,
					kind: 'IMAGE',
					originalName: 'a.jpg',
					contentType: 'image/jpeg',
					byteSize: 1,
					sha256: '0'.repeat(64),
					storageKey: `k/${crypto.randomUUID()}`,
				},
			})
			const viewer = viewers[role]
			const [read, file] = await Promise.allSettled([
				getComplaintByReference(database.prisma, viewer, filed.reference),
				getAttachmentForViewer(database.prisma, viewer, attachment.id),
			])
			const byId = await findComplaintsVisibleTo(database.prisma, viewer, [filed.complaintId])
			if (SEES.includes(role)) {
				expect(read).toMatchObject({ status: 'fulfilled', value: { reference: filed.reference } })
				expect(file).toMatchObject({ status: 'fulfilled', value: { storageKey: attachment.storageKey } })
				expect(byId).toHaveLength(1)
			} else {
				expect(read).toMatchObject({ status: 'rejected', reason: { name: 'NotFoundError' } })
				expect(file).toMatchObject({ status: 'rejected', reason: { name: 'NotFoundError' } })
				expect(byId).toHaveLength(0)
			}
			// "My complaints" is the owner's alone
			const mine = await listMyComplaints(database.prisma, viewer)
			expect(mine.items.some((c) => c.reference === filed.reference)).toBe(role === 'owner')
		},
	)

	const refusal = (allowed: Role[]) =>
		allowed.includes(role) ? null : SEES.includes(role) ? 'InsufficientAuthorityError' : 'NotFoundError'

	test('customer actions', async () => {
		const viewer = viewers[role]
		const expected = refusal(CUSTOMER_ACTIONS)
		const filed = await complaintOf(viewers.owner, orderNumber)
		const staff = viewers.regionalManager
		await proposed(filed.complaintId, staff)

		const attempts = [
			() => setNotificationFrequency(deps(), viewer, filed.complaintId, 'DAILY_DIGEST'),
			() => acceptResolution(deps(), viewer, filed.complaintId),
			() => escalateComplaint(deps(), viewer, filed.complaintId, { reason: '不满意' }),
		]
		for (const attempt of attempts) {
			if (expected) await expect(attempt()).rejects.toMatchObject({ name: expected })
			else await attempt()
		}
		const second = await complaintOf(viewers.owner, orderNumber)
		await proposed(second.complaintId, staff)
		for (const attempt of [
			() => disputeResolution(deps(), viewer, second.complaintId, { reason: '不同意' }),
			() => withdrawComplaint(deps(), viewer, second.complaintId, {}),
		]) {
			if (expected) await expect(attempt()).rejects.toMatchObject({ name: expected })
			else await attempt()
		}
	})

	test('adding information (customers, and partners as partner notes)', async () => {
		const filed = await complaintOf(viewers.owner, orderNumber)
		const attempt = addInformation(deps(), viewers[role], filed.complaintId, { body: '补充说明' })
		const expected = refusal(['owner', 'dealer', 'regionalOffice'])
		if (expected) await expect(attempt).rejects.toMatchObject({ name: expected })
		else await expect(attempt).resolves.toBeDefined()
		// whatever a partner adds stays out of the customer's view
		const ownerView = await getComplaintByReference(database.prisma, viewers.owner, filed.reference)
		expect(ownerView.timeline.filter((t) => t.type === 'customer_message')).toHaveLength(role === 'owner' ? 1 : 0)
	})

	test('staff actions', async () => {
		const viewer = viewers[role]
		const filed = await complaintOf(viewers.owner, orderNumber)
		const acknowledge = acknowledgeComplaint(deps(), viewer, filed.complaintId, { reply: '您好' })
		const acknowledgeRefusal = refusal(ACKNOWLEDGES)
		if (acknowledgeRefusal) await expect(acknowledge).rejects.toMatchObject({ name: acknowledgeRefusal })
		else await acknowledge

		const other = await complaintOf(viewers.owner, orderNumber)
		await investigated(other.complaintId, viewers.agent)
		const propose = proposeResolution(deps(), viewer, other.complaintId, {
			type: 'REFUND',
			summary: '退款',
			amountMinor: 0,
			costBearer: 'COMPANY',
		})
		const proposeRefusal = refusal(PROPOSES)
		if (proposeRefusal) await expect(propose).rejects.toMatchObject({ name: proposeRefusal })
		else await propose
	})
})
