import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import type { MessageVisibility } from '#app/generated/prisma/enums.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import { countStatements } from '#tests/count-statements.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createOrder, createRegion, createUser } from '#tests/fixtures.ts'
import { pageEventsOfComplaints, pageMessagesOfComplaints } from './complaint-parts.ts'

/**
 * Pages of messages and timeline events for many complaints at once, as GraphQL's loaders ask
 * for them: who wrote each, what each viewer may read, and the two statements a page costs
 * however many complaints it covers.
 */

let db: Database
let dealer: Viewer
let otherDealer: Viewer
let agent: Viewer
/** the dealer's two complaints and one of another dealer */
const complaints: string[] = []
let foreign: string

const T0 = Date.UTC(2026, 10, 20, 8, 0)
let tick = 0
const at = () => new Date(T0 + 60_000 * tick++)

beforeAll(async () => {
	db = await createTestDatabase()
	const prisma = db.prisma
	const region = await createRegion(prisma)
	const org = (code: string) =>
		prisma.organization.create({
			data: { kind: 'DEALER', code: `${code}-${crypto.randomUUID().slice(0, 8)}`, name: code, regionId: region.id },
		})
	const dealerOrg = await org('D-A')
	const otherOrg = await org('D-B')
	dealer = (await createUser(prisma, { kind: 'DEALER', organizationId: dealerOrg.id, name: 'Dealer Dan' })).viewer
	otherDealer = (await createUser(prisma, { kind: 'DEALER', organizationId: otherOrg.id })).viewer
	agent = (await createUser(prisma, { kind: 'STAFF', staffRole: 'AGENT', name: 'Agent Amy' })).viewer
	const customer = await createUser(prisma, { name: 'Customer Cai' })

	const file = async (dealerId: string, n: number) => {
		const order = await createOrder(prisma, {
			regionId: region.id,
			dealerId,
			customerId: customer.user.id,
			customerEmail: customer.user.email,
		})
		const complaint = await prisma.complaint.create({
			data: {
				reference: `CMP-2026-9${String(n).padStart(5, '0')}`,
				customerId: customer.user.id,
				filedById: customer.user.id,
				orderId: order.id,
				regionId: region.id,
				dealerId,
				category: 'PRODUCT_QUALITY',
				severity: 'MAJOR',
				title: `complaint ${n}`,
				description: 'leaks',
				requestedRemedy: 'REPAIR',
			},
		})
		// written in turn by the customer, the agent (publicly, to partners, internally) and the dealer
		const authors: Array<[string, MessageVisibility]> = [
			[customer.user.id, 'PUBLIC'],
			[agent.userId, 'PUBLIC'],
			[agent.userId, 'INTERNAL'],
			[dealer.userId, 'PARTNER'],
			[agent.userId, 'PARTNER'],
		]
		for (const [i, [authorId, visibility]] of authors.entries()) {
			await prisma.complaintMessage.create({
				data: { complaintId: complaint.id, authorId, visibility, body: `${n}.${i}`, createdAt: at() },
			})
		}
		await prisma.complaintEvent.create({
			data: { complaintId: complaint.id, actorId: customer.user.id, type: 'filed', createdAt: at() },
		})
		await prisma.complaintEvent.create({
			data: { complaintId: complaint.id, actorId: null, type: 'sla_at_risk', visibility: 'PARTNER', createdAt: at() },
		})
		await prisma.complaintEvent.create({
			data: { complaintId: complaint.id, actorId: agent.userId, type: 'note', visibility: 'INTERNAL', createdAt: at() },
		})
		return complaint.id
	}
	complaints.push(await file(dealerOrg.id, 1), await file(dealerOrg.id, 2))
	foreign = await file(otherOrg.id, 3)
})
afterAll(() => db.close())

const lastThree = { limit: 3, inverted: true }

describe('a page of messages per complaint', () => {
	test('the latest three each complaint’s viewer may read, newest first, each with its author and side', async () => {
		const pages = await pageMessagesOfComplaints(db.prisma, dealer, complaints, lastThree)
		expect(pages.map((page) => page.map((m) => [m.body, m.visibility, m.author]))).toEqual(
			[1, 2].map((n) => [
				[`${n}.4`, 'PARTNER', { name: 'Agent Amy', side: 'COMPANY' }],
				[`${n}.3`, 'PARTNER', { name: 'Dealer Dan', side: 'PARTNER' }],
				// the internal note between them is the agent's, and not the dealer's to read
				[`${n}.1`, 'PUBLIC', { name: 'Agent Amy', side: 'COMPANY' }],
			]),
		)
		const staff = await pageMessagesOfComplaints(db.prisma, agent, complaints.slice(0, 1), lastThree)
		expect(staff[0]!.map((m) => [m.body, m.author.name])).toEqual([
			['1.4', 'Agent Amy'],
			['1.3', 'Dealer Dan'],
			['1.2', 'Agent Amy'],
		])
		const oldest = await pageMessagesOfComplaints(db.prisma, dealer, complaints.slice(0, 1), {
			limit: 1,
			inverted: false,
		})
		expect(oldest[0]!.map((m) => [m.body, m.author])).toEqual([['1.0', { name: 'Customer Cai', side: 'CUSTOMER' }]])
	})

	test('a complaint the viewer may not read has no messages, whatever the page asks', async () => {
		const pages = await pageMessagesOfComplaints(db.prisma, dealer, [complaints[0]!, foreign], lastThree)
		expect(pages[0]).toHaveLength(3)
		expect(pages[1]).toEqual([])
		expect(await pageMessagesOfComplaints(db.prisma, otherDealer, complaints, lastThree)).toEqual([[], []])
	})

	test('two statements, for one complaint or many: the page with its authors, then the rows', async () => {
		const one = await countStatements(db, () =>
			pageMessagesOfComplaints(db.prisma, dealer, complaints.slice(0, 1), lastThree),
		)
		const many = await countStatements(db, () => pageMessagesOfComplaints(db.prisma, dealer, complaints, lastThree))
		expect(one).toHaveLength(2)
		expect(many).toHaveLength(2)
		expect(many[0]).toMatch(/row_number\(\) OVER .* LEFT JOIN "User" u/s)
	})
})

describe('a page of timeline events per complaint', () => {
	test('each with its actor, null for the system; internal entries only for staff', async () => {
		const pages = await pageEventsOfComplaints(db.prisma, dealer, complaints, { limit: 10, inverted: false })
		expect(pages.map((page) => page.map((e) => [e.type, e.actor]))).toEqual(
			[1, 2].map(() => [
				['filed', { name: 'Customer Cai', side: 'CUSTOMER' }],
				['sla_at_risk', null],
			]),
		)
		const staff = await pageEventsOfComplaints(db.prisma, agent, [foreign], { limit: 10, inverted: true })
		expect(staff[0]!.map((e) => [e.type, e.actor?.name ?? null])).toEqual([
			['note', 'Agent Amy'],
			['sla_at_risk', null],
			['filed', 'Customer Cai'],
		])
		expect(await pageEventsOfComplaints(db.prisma, otherDealer, complaints, { limit: 10, inverted: false })).toEqual([
			[],
			[],
		])
	})

	test('two statements however many complaints the page covers', async () => {
		const page = { limit: 10, inverted: false }
		const statements = await countStatements(db, () => pageEventsOfComplaints(db.prisma, dealer, complaints, page))
		expect(statements).toHaveLength(2)
	})
})
