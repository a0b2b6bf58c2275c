import { randomBytes } from 'node:crypto'
import type { Db } from '#app/db/database.server.ts'
import { viewerFromUser, type Viewer } from '#app/domain/viewer.ts'
import type {
	ComplaintCategory,
	ComplaintSeverity,
	ComplaintStatus,
	Responsibility,
	StaffRole,
	UserKind,
} from '#app/generated/prisma/enums.ts'

/**
 * The people of the approval tests: two regions, each with a regional office and its regional
 * manager; head-office staff in every role; a customer, a dealer and a regional-office account.
 * Written with the Prisma client; complaints are put straight into the state a test starts from
 * (investigating, responsibility recorded), as the workflow commands before a proposal would.
 */

const unique = () => randomBytes(4).toString('hex')

export interface Person {
	id: string
	email: string
	name: string
	viewer: Viewer
}

export async function seedApprovalWorld(db: Db) {
	const tag = unique()
	const region = (code: string, zh: string, en: string) =>
		db.region.create({ data: { code: `${code}-${tag}`, nameZh: zh, nameEn: en } })
	const east = await region('EAST', '华东大区', 'East China')
	const west = await region('WEST', '西南大区', 'Southwest China')
	const org = (kind: 'DEALER' | 'REGIONAL_OFFICE' | 'HQ', regionId: string | null) =>
		db.organization.create({ data: { kind, code: `${kind}-${unique()}`, name: `${kind} ${tag}`, regionId } })
	const [eastOffice, westOffice, hq, dealerOrg] = [
		await org('REGIONAL_OFFICE', east.id),
		await org('REGIONAL_OFFICE', west.id),
		await org('HQ', null),
		await org('DEALER', east.id),
	]
	const person = async (
		key: string,
		kind: UserKind,
		staffRole: StaffRole | null,
		organizationId: string | null,
		name: string,
		locale: 'zh_CN' | 'en' | null = null,
	): Promise<Person> => {
		const user = await db.user.create({
			data: {
				email: `${key}-${unique()}@example.com`,
				name,
				kind,
				staffRole,
				organizationId,
				locale,
				passwordHash: 'not-a-hash',
				emailVerifiedAt: new Date(),
			},
			include: { organization: true },
		})
		return { id: user.id, email: user.email, name: user.name, viewer: viewerFromUser(user) }
	}
	return {
		east,
		west,
		dealerOrg,
		customer: await person('customer', 'CUSTOMER', null, null, '王芳'),
		otherCustomer: await person('other-customer', 'CUSTOMER', null, null, '赵敏'),
		dealer: await person('dealer', 'DEALER', null, dealerOrg.id, '经销商'),
		office: await person('office', 'REGIONAL_OFFICE', null, eastOffice.id, '华东办事处'),
		agent: await person('agent', 'STAFF', 'AGENT', hq.id, '李娜'),
		quality: await person('quality', 'STAFF', 'QUALITY_ENGINEER', hq.id, '周工'),
		managerEast: await person('manager-east', 'STAFF', 'REGIONAL_MANAGER', eastOffice.id, '张伟'),
		managerWest: await person('manager-west', 'STAFF', 'REGIONAL_MANAGER', westOffice.id, '刘洋', 'en'),
		director: await person('director', 'STAFF', 'MARKETING_DIRECTOR', hq.id, '陈静'),
		general: await person('general', 'STAFF', 'GENERAL_MANAGER', hq.id, '王总'),
		admin: await person('admin', 'STAFF', 'ADMIN', hq.id, '管理员'),
	}
}
export type ApprovalWorld = Awaited<ReturnType<typeof seedApprovalWorld>>

/** A complaint of `world.customer` in the east, investigating, with responsibility recorded. */
export async function investigatingComplaint(
	db: Db,
	world: ApprovalWorld,
	{
		category = 'PRODUCT_QUALITY',
		severity = 'MINOR',
		status = 'INVESTIGATING',
		responsibility = 'QUALITY_DEFECT',
		regionId = world.east.id,
	}: {
		category?: ComplaintCategory
		severity?: ComplaintSeverity
		status?: ComplaintStatus
		responsibility?: Responsibility | null
		regionId?: string
	} = {},
) {
	const tag = unique()
	const orderNumber = `SO-2026-${tag}`
	const order = await db.order.create({
		data: {
			orderNumber,
			orderNumberKey: orderNumber.toUpperCase(),
			customerId: world.customer.id,
			customerEmail: world.customer.email,
			dealerId: world.dealerOrg.id,
			regionId,
			orderedAt: new Date('2026-11-01T00:00:00Z'),
		},
	})
	const filedAt = new Date('2026-11-23T02:00:00Z')
	return db.complaint.create({
		data: {
			reference: `CMP-2026-${String(parseInt(tag, 16) % 1_000_000).padStart(6, '0')}`,
			customerId: world.customer.id,
			filedById: world.customer.id,
			orderId: order.id,
			dealerId: world.dealerOrg.id,
			regionId,
			category,
			severity,
			status,
			title: '泵体渗漏',
			description: '安装后第三天，泵体接口处开始渗水。',
			requestedRemedy: 'REPLACEMENT',
			notifyFrequency: 'EACH_CHANGE',
			firstResponseDueAt: new Date(filedAt.getTime() + 24 * 3_600_000),
			firstRespondedAt: new Date(filedAt.getTime() + 3_600_000),
			resolutionDueAt: new Date('2026-11-30T02:00:00Z'),
			slaDueAt: new Date('2026-11-30T02:00:00Z'),
			responsibility,
			responsibilityAt: responsibility ? new Date('2026-11-24T02:00:00Z') : null,
			createdAt: filedAt,
			customerUpdatedAt: filedAt,
		},
	})
}
