import { hashPassword } from '#app/auth/password.server.ts'
import type { Db } from '#app/db/database.server.ts'
import { serviceClockFor } from '#app/domain/complaints/clock.ts'
import { complaintReferenceYear, nextComplaintReference } from '#app/domain/complaints/reference.ts'
import type { ServiceClock } from '#app/domain/complaints/service-level.ts'
import { normalizeOrderNumber } from '#app/domain/orders/order-number.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import {
	BATCHES,
	COMPLAINTS,
	CUSTOMERS,
	DEMO_PASSWORD,
	DEMO_TIME_ZONE,
	FIRST_ORDER_SERIAL,
	ORDER_SERIAL_GAPS,
	ORDERS,
	ORGANIZATIONS,
	PRODUCTS,
	REGIONS,
	TEAM,
	type ComplaintSeed,
	type FiledAt,
} from './demo-data.ts'
import { playStory, type PlayedStory } from './demo-history.ts'
import { seedCalendarDays } from './calendar-days.ts'
import { seedDemoSurveys } from './demo-surveys.ts'
import { seedKnowledgeArticles } from './knowledge-articles.ts'
import { seedReplyTemplates } from './reply-templates.ts'

/**
 * Demo data for a newcomer: regions, HQ, regional offices, dealers, staff for every role,
 * customers with orders, and complaints in several states (the data set is in demo-data.ts).
 * Written once, in one transaction, into a database without users; any later call changes
 * nothing and only returns the accounts to sign in with.
 */

export interface DemoAccount {
	email: string
	password: string
	/** a human label, e.g. "客服专员 Agent" */
	role: string
	name: string
}

export function demoAccounts(): DemoAccount[] {
	return [...TEAM, ...CUSTOMERS].map((a) => ({ email: a.email, password: DEMO_PASSWORD, role: a.role, name: a.name }))
}

// Any constant will do as long as nothing else takes this advisory lock: it keeps two
// instances starting at once on the same database from both seeding.
const SEED_LOCK_KEY = 73_701_102

export async function seedDemo(prisma: Db, options: { now?: Date } = {}): Promise<DemoAccount[]> {
	const accounts = demoAccounts()
	if ((await prisma.user.count()) > 0) return accounts
	const now = options.now ?? new Date()
	// argon2 is slow on purpose: hash once, share the hash between all demo accounts.
	const passwordHash = await hashPassword(DEMO_PASSWORD)
	await prisma.$transaction(
		async (tx) => {
			await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY}::bigint)`
			if ((await tx.user.count()) > 0) return
			await writeDemoData(tx, { passwordHash, now })
		},
		{ maxWait: 30_000, timeout: 120_000 },
	)
	return accounts
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 86_400_000
// China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact.
const SHANGHAI_OFFSET = 8 * 60 * MINUTE

/** `at(daysAgo, hour, minute)`: a local time in Shanghai, `daysAgo` calendar days before `now`. */
function shanghaiClock(now: Date) {
	const today = Math.floor((now.getTime() + SHANGHAI_OFFSET) / DAY) * DAY - SHANGHAI_OFFSET
	return (daysAgo: number, hour = 9, minute = 0) => new Date(today - daysAgo * DAY + (hour * 60 + minute) * MINUTE)
}

function shanghaiDateParts(date: Date) {
	const local = new Date(date.getTime() + SHANGHAI_OFFSET)
	const two = (n: number) => String(n).padStart(2, '0')
	return {
		year: local.getUTCFullYear(),
		yy: two(local.getUTCFullYear() % 100),
		mm: two(local.getUTCMonth() + 1),
		dd: two(local.getUTCDate()),
	}
}

function required<T>(map: Map<string, T>, key: string, what: string): T {
	const value = map.get(key)
	if (value === undefined) throw new Error(`demo data: unknown ${what} "${key}"`)
	return value
}

// One batched insert per table (the embedded database pays for every round trip), except
// that each complaint takes its reference from the sequence in turn, oldest first.
async function writeDemoData(tx: Prisma.TransactionClient, { passwordHash, now }: { passwordHash: string; now: Date }) {
	const at = shanghaiClock(now)
	const founded = at(400, 9, 0)

	const regionRows = await tx.region.createManyAndReturn({
		data: REGIONS.map((r) => ({ ...r, timeZone: DEMO_TIME_ZONE, createdAt: founded })),
	})
	const regions = new Map(regionRows.map((r) => [r.code, r.id]))

	const organizationRows = await tx.organization.createManyAndReturn({
		data: ORGANIZATIONS.map((o) => ({
			code: o.code,
			kind: o.kind,
			name: o.name,
			regionId: o.region ? required(regions, o.region, 'region') : null,
			createdAt: founded,
		})),
	})
	const organizations = new Map(organizationRows.map((o) => [o.code, o]))

	// Customers signed up a couple of days before their first order; staff long before.
	const firstOrder = new Map<string, number>()
	for (const o of ORDERS) {
		if (o.customer) firstOrder.set(o.customer, Math.max(firstOrder.get(o.customer) ?? 0, o.orderedDaysAgo))
	}
	const accounts = [...TEAM, ...CUSTOMERS]
	const userRows = await tx.user.createManyAndReturn({
		data: accounts.map((a) => {
			const createdAt =
				a.kind === 'CUSTOMER' ? at(required(firstOrder, a.key, 'customer with orders') + 2, 20, 15) : founded
			return {
				email: a.email,
				emailVerifiedAt: new Date(createdAt.getTime() + 4 * MINUTE),
				passwordHash,
				name: a.name,
				phone: a.phone ?? null,
				kind: a.kind,
				staffRole: a.staffRole ?? null,
				organizationId: a.organization ? required(organizations, a.organization, 'organization').id : null,
				locale: a.locale,
				isKeyAccount: a.isKeyAccount ?? false,
				createdAt,
				updatedAt: createdAt,
			}
		}),
	})
	const byEmail = new Map(userRows.map((u) => [u.email, u]))
	const users = new Map(accounts.map((a) => [a.key, required(byEmail, a.email, 'user')]))

	const batchNumber = (key: string) => {
		const batch = BATCHES[key]
		if (!batch) throw new Error(`demo data: unknown batch "${key}"`)
		const { yy, mm, dd } = shanghaiDateParts(at(batch.producedDaysAgo))
		return `HT${yy}${mm}${dd}-${String(batch.shift).padStart(2, '0')}`
	}

	let serial = FIRST_ORDER_SERIAL
	const orderSeeds = ORDERS.map((o, i) => {
		serial += ORDER_SERIAL_GAPS[i] ?? 13
		const orderedAt = at(o.orderedDaysAgo, 10, 5)
		const dealer = o.dealer ? required(organizations, o.dealer, 'dealer') : null
		const regionId = required(regions, o.region, 'region')
		if (dealer && dealer.regionId !== regionId) throw new Error(`demo data: ${o.key} is outside its dealer's region`)
		const orderNumber = `SO-${shanghaiDateParts(orderedAt).year}-${serial}`
		const data = {
			orderNumber,
			orderNumberKey: normalizeOrderNumber(orderNumber),
			customerId: o.customer ? required(users, o.customer, 'customer').id : null,
			customerEmail: o.buyerEmail ?? required(users, o.customer ?? '', 'customer').email,
			dealerId: dealer?.id ?? null,
			regionId,
			orderedAt,
			shippedAt: at(o.orderedDaysAgo - o.shipAfter, 15, 40),
			deliveredAt: at(o.orderedDaysAgo - o.shipAfter - o.deliverAfter, 10, 30),
			createdAt: orderedAt,
		}
		return { seed: o, data }
	})
	const orderRows = await tx.order.createManyAndReturn({ data: orderSeeds.map((o) => o.data) })
	const byKey = new Map(orderRows.map((o) => [o.orderNumberKey, o]))
	const orders = new Map(orderSeeds.map((o) => [o.seed.key, required(byKey, o.data.orderNumberKey, 'order')]))
	const lineRows = await tx.orderLine.createManyAndReturn({
		data: ORDERS.flatMap((o) =>
			o.lines.map((l, index) => ({
				orderId: required(orders, o.key, 'order').id,
				lineNumber: index + 1,
				productModel: PRODUCTS[l.product].model,
				productName: PRODUCTS[l.product].name,
				batchNumber: batchNumber(l.batch),
				quantity: l.quantity,
			})),
		),
	})
	const keyAccounts = new Set(userRows.filter((u) => u.isKeyAccount).map((u) => u.id))
	// the demo's promise dates follow the configured targets and the holiday calendar, as the commands' do
	await seedCalendarDays(tx)
	const clocks = new Map<string, ServiceClock>()
	const clockFor = async (regionId: string, keyAccount: boolean) => {
		const key = `${regionId} ${keyAccount}`
		let clock = clocks.get(key)
		if (!clock) clocks.set(key, (clock = await serviceClockFor(tx, regionId, { keyAccount })))
		return clock
	}

	const prepared = []
	for (const c of COMPLAINTS) {
		const order = required(orders, c.order, 'order')
		const customerId = order.customerId
		if (!customerId) throw new Error(`demo data: complaint "${c.title}" is on an order with no account`)
		const line = c.line === undefined ? null : lineRows.find((l) => l.orderId === order.id && l.lineNumber === c.line)
		if (line === undefined) throw new Error(`demo data: ${c.order} has no line ${c.line}`)
		const description = c.description.replaceAll('{order}', order.orderNumber).replace(/\{batch\}/g, () => {
			if (!line) throw new Error(`demo data: "${c.title}" names a batch but no order line`)
			return line.batchNumber
		})
		const filedById = c.filedBy ? required(users, c.filedBy, 'user').id : customerId
		const clock = await clockFor(order.regionId, keyAccounts.has(customerId))
		// the story as written, `shift` whole days earlier (or later, when negative)
		const play = (shift: number) => {
			const createdAt =
				c.filedHoursAgo === undefined
					? at(c.createdDaysAgo + shift, ...c.createdAt)
					: new Date(now.getTime() - c.filedHoursAgo * HOUR)
			const played = playStory({
				title: c.title,
				status: c.status,
				createdAt,
				customerId,
				filedById,
				clock,
				story: c.story ?? [],
				userId: (key) => required(users, key, 'user').id,
				at: (daysAgo, hour, minute) => at(daysAgo + shift, hour, minute),
				now,
			})
			return { createdAt, played }
		}
		prepared.push({ c, order, customerId, line, description, filedById, ...settle(c, play, order.deliveredAt) })
	}
	prepared.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())

	const complaintData = []
	const histories: Array<PlayedStory & { reference: string }> = []
	for (const { c, order, customerId, line, description, filedById, createdAt, played } of prepared) {
		const reference = await nextComplaintReference(tx, complaintReferenceYear(createdAt, DEMO_TIME_ZONE))
		histories.push({ reference, ...played })
		complaintData.push({
			reference,
			customerId,
			filedById,
			orderId: order.id,
			orderLineId: line?.id ?? null,
			// as filing copies them (filing.ts), for the reports
			productModel: line?.productModel ?? null,
			batchNumber: line?.batchNumber ?? null,
			// what the order says, so that the dealer and regional office who sold it see it
			regionId: order.regionId,
			dealerId: order.dealerId,
			assigneeId: c.assignee ? required(users, c.assignee, 'assignee').id : null,
			category: c.category,
			severity: c.severity,
			channel: c.channel ?? 'WEB',
			status: c.status,
			title: c.title,
			description,
			requestedRemedy: c.requestedRemedy,
			isKeyAccount: keyAccounts.has(customerId),
			createdAt,
			...played.complaint,
		})
	}
	const complaintRows = await tx.complaint.createManyAndReturn({
		data: complaintData,
		select: { id: true, reference: true },
	})
	const complaintIds = new Map(complaintRows.map((r) => [r.reference, r.id]))
	await tx.complaintMessage.createMany({
		data: histories.flatMap((h) =>
			h.messages.map((m) => ({ ...m, complaintId: required(complaintIds, h.reference, 'complaint') })),
		),
	})
	await tx.complaintEvent.createMany({
		data: histories.flatMap((h) =>
			h.events.map((e) => ({ ...e, complaintId: required(complaintIds, h.reference, 'complaint') })),
		),
	})
	await seedDemoSurveys(
		tx,
		prepared.flatMap(({ c, order, customerId }, i) => {
			if (!c.survey) return []
			const history = histories[i]!
			const resolved = history.events.filter((e) => e.toStatus === 'RESOLVED').at(-1)
			if (!resolved) throw new Error(`demo data: "${c.title}" has a survey but was never resolved`)
			return [
				{
					survey: c.survey,
					complaintId: required(complaintIds, history.reference, 'complaint'),
					customerId,
					regionId: order.regionId,
					dealerId: order.dealerId,
					resolvedAt: resolved.createdAt,
					answeredAt: at,
				},
			]
		}),
		now,
	)
	await seedKnowledgeArticles(tx)
	await seedReplyTemplates(tx)
}

/** Whole days a story may be moved by to put its clock in the state it aims at, nearest first. */
const SHIFTS = Array.from({ length: 14 }, (_, i) => [i + 1, -(i + 1)]).flat()

/**
 * The complaint's story as written, or, when its clock should be in another state (`slaAim`), the
 * nearest whole-day move of it that puts the clock there: how far 80 % of a clock in working days
 * is depends on the weekend and the holidays around the seeding date. A move that would put a
 * step after the seed or the filing before the delivery is not one. No move fits: as written.
 */
function settle(
	c: ComplaintSeed & FiledAt,
	play: (shift: number) => { createdAt: Date; played: PlayedStory },
	deliveredAt: Date | null,
) {
	// as written, a story that breaks the lifecycle or runs past the seed is a mistake in the data
	const written = play(0)
	if (!c.slaAim || c.filedHoursAgo !== undefined || written.played.complaint.slaState === c.slaAim) return written
	for (const shift of SHIFTS) {
		let moved: ReturnType<typeof play>
		try {
			moved = play(shift)
		} catch {
			continue
		}
		if (deliveredAt && moved.createdAt <= deliveredAt) continue
		if (moved.played.complaint.slaState === c.slaAim) return moved
	}
	return written
}

// Terminals give CJK and full-width characters two columns; padding by string length would
// leave the table ragged.
const WIDE =
	/[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u

export function displayWidth(text: string): number {
	let width = 0
	for (const ch of text) width += WIDE.test(ch) ? 2 : 1
	return width
}

/** The demo accounts as an aligned table for the terminal. */
export function formatDemoAccounts(accounts: readonly DemoAccount[]): string {
	const columns = ['role', 'name', 'email', 'password'] as const
	const header: DemoAccount = { role: '角色 Role', name: '姓名 Name', email: '邮箱 Email', password: '密码 Password' }
	const widths = columns.map((c) => Math.max(...[header, ...accounts].map((a) => displayWidth(a[c]))))
	const row = (a: DemoAccount) =>
		columns
			.map((c, i) => a[c] + ' '.repeat((widths[i] ?? 0) - displayWidth(a[c])))
			.join('  ')
			.trimEnd()
	return [
		'演示账号 Demo accounts',
		row(header),
		widths.map((w) => '-'.repeat(w)).join('  '),
		...accounts.map(row),
	].join('\n')
}
