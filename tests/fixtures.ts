import { randomBytes } from 'node:crypto'
import type { Db } from '#app/db/database.server.ts'
import { normalizeOrderNumber } from '#app/domain/orders/order-number.ts'
import { viewerFromUser, type Viewer } from '#app/domain/viewer.ts'
import type { StaffRole, UserKind } from '#app/generated/prisma/enums.ts'

/**
 * Records for database tests, made through the Prisma client with unique values so that tests
 * sharing a database never collide. Not for production code: real data comes through the
 * domain commands.
 */

const unique = () => randomBytes(4).toString('hex')

export async function createRegion(db: Db) {
	const code = `R${unique()}`
	return db.region.create({ data: { code, nameZh: `测试大区${code}`, nameEn: `Region ${code}` } })
}

export async function createUser(
	db: Db,
	{
		kind = 'CUSTOMER',
		staffRole = null,
		email = `${kind.toLowerCase()}-${unique()}@example.com`,
		name = '测试用户',
		organizationId = null,
		verified = true,
	}: {
		kind?: UserKind
		staffRole?: StaffRole | null
		email?: string
		name?: string
		organizationId?: string | null
		verified?: boolean
	} = {},
): Promise<{ user: { id: string; email: string }; viewer: Viewer }> {
	const user = await db.user.create({
		data: {
			email,
			name,
			kind,
			staffRole,
			organizationId,
			// never used to sign in: these tests call the domain directly
			passwordHash: 'not-a-hash',
			emailVerifiedAt: verified ? new Date() : null,
		},
		include: { organization: true },
	})
	return { user, viewer: viewerFromUser(user) }
}

export async function createOrder(
	db: Db,
	{
		regionId,
		customerId = null,
		customerEmail,
		dealerId = null,
		lines = 2,
	}: { regionId: string; customerId?: string | null; customerEmail: string; dealerId?: string | null; lines?: number },
) {
	const orderNumber = `SO-2026-${unique()}`
	return db.order.create({
		data: {
			orderNumber,
			orderNumberKey: normalizeOrderNumber(orderNumber),
			customerId,
			customerEmail,
			dealerId,
			regionId,
			orderedAt: new Date('2026-10-01T02:00:00Z'),
			deliveredAt: new Date('2026-10-05T02:00:00Z'),
			lines: {
				create: Array.from({ length: lines }, (_, i) => ({
					lineNumber: i + 1,
					productModel: `ISG65-${i + 1}`,
					productName: '立式管道离心泵',
					batchNumber: `HT261001-0${i + 1}`,
					quantity: 2,
				})),
			},
		},
		include: { lines: { orderBy: { lineNumber: 'asc' } } },
	})
}

/** A customer with one order of two lines, ready to file against. */
export async function createCustomerWithOrder(db: Db) {
	const region = await createRegion(db)
	const customer = await createUser(db)
	const order = await createOrder(db, {
		regionId: region.id,
		customerId: customer.user.id,
		customerEmail: customer.user.email,
	})
	return { region, customer, order }
}
