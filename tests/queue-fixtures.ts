import { randomBytes } from 'node:crypto'
import type { Db } from '#app/db/database.server.ts'
import { normalizeOrderNumber } from '#app/domain/orders/order-number.ts'
import { viewerFromUser, type Viewer } from '#app/domain/viewer.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import type { StaffRole, UserKind } from '#app/generated/prisma/enums.ts'

/**
 * The people and complaints of the queue and routing tests: two regions (east, west), each with
 * a dealer and a regional office; head-office staff in every role, a regional manager who sits
 * in the east office, the east office's own account, a dealer and customers. Complaints are
 * written straight into the state a test needs (status, clock, assignee), as the workflow
 * commands would have left them; the queue only reads them.
 */

const unique = () => randomBytes(4).toString('hex')

export interface Person {
	id: string
	name: string
	email: string
	viewer: Viewer
}

export const STAFF_ROLES: StaffRole[] = [
	'AGENT',
	'QUALITY_ENGINEER',
	'REGIONAL_MANAGER',
	'MARKETING_DIRECTOR',
	'GENERAL_MANAGER',
	'ADMIN',
]

export async function seedQueueWorld(db: Db) {
	const tag = unique()
	const region = (code: string, zh: string, en: string) =>
		db.region.create({ data: { code: `${code}-${tag}`, nameZh: zh, nameEn: en } })
	const east = await region('EAST', '华东大区', 'East China')
	const west = await region('WEST', '西南大区', 'Southwest China')
	const org = (kind: 'DEALER' | 'REGIONAL_OFFICE' | 'HQ', regionId: string | null, name: string) =>
		db.organization.create({ data: { kind, code: `${kind}-${unique()}`, name, regionId } })
	const eastDealer = await org('DEALER', east.id, '上海泵阀经销部')
	const westDealer = await org('DEALER', west.id, '成都机电经销部')
	const eastOffice = await org('REGIONAL_OFFICE', east.id, '华东办事处')
	const westOffice = await org('REGIONAL_OFFICE', west.id, '西南办事处')
	const hq = await org('HQ', null, '总部')

	const person = async (
		key: string,
		kind: UserKind,
		staffRole: StaffRole | null,
		organizationId: string | null,
		name: string,
	): Promise<Person> => {
		const user = await db.user.create({
			data: {
				email: `${key}-${unique()}@example.com`,
				name,
				kind,
				staffRole,
				organizationId,
				passwordHash: 'not-a-hash',
				emailVerifiedAt: new Date(),
			},
			include: { organization: true },
		})
		return { id: user.id, name: user.name, email: user.email, viewer: viewerFromUser(user) }
	}

	const staff = {} as Record<StaffRole, Person>
	for (const role of STAFF_ROLES) staff[role] = await person(role.toLowerCase(), 'STAFF', role, hq.id, `总部${role}`)
	const people = {
		staff,
		/** a second agent, with no organization at all (head office too) */
		agent2: await person('agent2', 'STAFF', 'AGENT', null, '李客服'),
		/** a regional manager who sits in the east office: narrowed to the east region */
		eastManager: await person('east-manager', 'STAFF', 'REGIONAL_MANAGER', eastOffice.id, '华东区域经理'),
		westManager: await person('west-manager', 'STAFF', 'REGIONAL_MANAGER', westOffice.id, '西南区域经理'),
		eastOffice: await person('east-office', 'REGIONAL_OFFICE', null, eastOffice.id, '华东办事处账号'),
		westOffice: await person('west-office', 'REGIONAL_OFFICE', null, westOffice.id, '西南办事处账号'),
		dealer: await person('dealer', 'DEALER', null, eastDealer.id, '经销商账号'),
		/** a STAFF account nobody gave a role yet: not a console user */
		roleless: await person('roleless', 'STAFF', null, hq.id, '无角色员工'),
		wang: await person('wang', 'CUSTOMER', null, null, '王建国'),
		alice: await person('alice', 'CUSTOMER', null, null, 'Alice Smith'),
	}
	return { east, west, eastDealer, westDealer, eastOffice, westOffice, hq, people }
}

let sequence = 0

/** A complaint on a fresh order of the customer's, in whatever state the test needs. */
export async function createComplaintRow(
	db: Db,
	{
		customer,
		regionId,
		dealerId = null,
		...fields
	}: {
		customer: Person
		regionId: string
		dealerId?: string | null
	} & Partial<Omit<Prisma.ComplaintUncheckedCreateInput, 'customerId' | 'regionId' | 'dealerId'>>,
) {
	const orderNumber = `SO-2026-${unique()}`.toUpperCase()
	const order = await db.order.create({
		data: {
			orderNumber,
			orderNumberKey: normalizeOrderNumber(orderNumber),
			customerId: customer.id,
			customerEmail: customer.email,
			dealerId,
			regionId,
			orderedAt: new Date('2026-10-01T02:00:00Z'),
		},
	})
	sequence += 1
	return db.complaint.create({
		data: {
			reference: `CMP-2026-${String(900000 + sequence).padStart(6, '0')}`,
			customerId: customer.id,
			filedById: customer.id,
			orderId: order.id,
			regionId,
			dealerId,
			category: 'PRODUCT_QUALITY',
			severity: 'MINOR',
			title: '测试客诉',
			description: '用于测试的客诉描述。',
			requestedRemedy: 'REPAIR',
			...fields,
		},
		include: { order: true },
	})
}
