/**
 * The data of bench/graphql-throughput.ts: one dealer among many, in bulk, the same rows on every
 * run for the same seed (times are offsets from `now`, so that the service-level clocks read as
 * they would on a live system and the SLA sweep finds nothing to move while the bench runs).
 *
 *   8 regions, each with a regional office and 5 dealers (40 dealers, 1–2 members each);
 *   HQ with 8 agents; 2,000 customers; 4,000 orders of 1–3 lines, 90 % through a dealer;
 *   6,000 complaints over the last year, each with 1–8 messages (public, partner and internal),
 *   2–9 timeline events and 0–4 files (photos with thumbnails and PDFs, some sent with a message).
 *
 * No file bytes are written: the API only lists attachments, it never opens them.
 */
import type { SqlDriver } from '#app/db/database.server.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import type {
	ComplaintCategory,
	ComplaintSeverity,
	ComplaintStatus,
	MessageVisibility,
	RequestedRemedy,
	SlaState,
} from '#app/generated/prisma/enums.ts'

export const SIZES = {
	regions: 8,
	dealersPerRegion: 5,
	agents: 8,
	customers: 2_000,
	orders: 4_000,
	complaints: 6_000,
} as const

const DAY = 24 * 60 * 60 * 1000
const MINUTE = 60 * 1000
const CHUNK = 5_000

export interface BenchData {
	/** the dealer the bench polls as, and one of its members (who creates the API token) */
	dealer: { id: string; name: string; memberId: string }
	counts: Record<'dealers' | 'orders' | 'complaints' | 'messages' | 'events' | 'attachments', number>
	/** complaints of the dealer changed in the polling window, as the bench's `updatedSince` asks */
	dealerComplaints: { all: number; updatedSince: number }
}

/** mulberry32: a small, fast, seedable PRNG, so that every run writes the same rows */
function prng(seed: number) {
	let a = seed >>> 0
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
	return {
		next,
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
		chance: (p: number) => next() < p,
		/** a cuid-shaped id (25 characters), so that indexes and sort order look like production's */
		id: () => {
			let s = 'c'
			for (let i = 0; i < 24; i++) s += '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(next() * 36)]
			return s
		},
	}
}

/**
 * Inserts rows typed as Prisma's createMany input, CHUNK rows per statement, each chunk one JSON
 * parameter that PostgreSQL unpacks (json_populate_recordset): seconds where createMany's one
 * parameter per value took minutes. Columns no row names keep their defaults; Dates travel as
 * ISO strings in UTC, as Prisma stores them.
 */
async function insertRows<T extends object>(sql: SqlDriver, table: Prisma.ModelName, rows: T[]): Promise<void> {
	for (let i = 0; i < rows.length; i += CHUNK) {
		const chunk = rows.slice(i, i + CHUNK)
		const columns = [...new Set(chunk.flatMap((row) => Object.keys(row)))].map((c) => `"${c}"`).join(', ')
		await sql.query(
			`INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`,
			[JSON.stringify(chunk)],
		)
	}
}

const PRODUCTS = [
	['ISG65-160', '立式管道离心泵 ISG65-160'],
	['IS80-65-160', '单级单吸清水离心泵 IS80-65-160'],
	['QDX3-20-0.55', '潜水电泵 QDX3-20-0.55'],
	['CDL8-6', '立式多级离心泵 CDL8-6'],
	['ZW50-20-15', '自吸式无堵塞排污泵 ZW50-20-15'],
	['FS-40', '隔膜压力罐 FS-40'],
] as const
const TITLES = [
	'水泵运行噪音大',
	'机械密封漏水',
	'叶轮开裂',
	'电机过热跳闸',
	'到货时外包装破损',
	'压力罐压力不稳',
	'Pump vibrates at full load',
	'Seal leaks after two weeks',
	'Wrong model delivered',
	'Motor will not start',
]
const SENTENCES = [
	'客户反映设备安装后运行约两周出现异常。',
	'现场照片已上传，请品管部确认是否为批次问题。',
	'经销商已上门查看，轴封处有明显渗水。',
	'建议先更换机械密封，观察一周。',
	'客户要求尽快给出处理方案，影响生产。',
	'The installer checked the wiring and the supply voltage; both are within spec.',
	'We sent a replacement seal kit by express; tracking number to follow.',
	'The customer confirmed the pump was run dry for a few minutes during commissioning.',
	'Please advise whether the warranty covers the impeller, the unit is eight months old.',
	'Photos of the nameplate and the damaged casing are attached.',
]
const OPEN_STATUSES: ComplaintStatus[] = [
	'SUBMITTED',
	'ACKNOWLEDGED',
	'INVESTIGATING',
	'WAITING_ON_CUSTOMER',
	'RESOLVING',
]
const DONE_STATUSES: ComplaintStatus[] = ['RESOLVED', 'CLOSED', 'REJECTED']
const CATEGORIES: ComplaintCategory[] = [
	'PRODUCT_QUALITY',
	'PRODUCT_QUALITY',
	'HANDLING_DAMAGE',
	'SERVICE_CONDUCT',
	'OTHER',
]
const SEVERITIES: ComplaintSeverity[] = ['MINOR', 'MAJOR', 'MAJOR', 'CRITICAL']
const REMEDIES: RequestedRemedy[] = ['REPLACEMENT', 'REPAIR', 'REFUND', 'EXPLANATION']
const VISIBILITIES: MessageVisibility[] = ['PUBLIC', 'PUBLIC', 'PUBLIC', 'PARTNER', 'PARTNER', 'INTERNAL']

/**
 * Writes the data into an empty, migrated database. `since` is the start of the polling window the
 * bench asks for (`updatedSince`); it is only used to report how many of the dealer's complaints fall in it.
 */
export async function seedBenchData(sql: SqlDriver, seed: number, now: Date, since: Date): Promise<BenchData> {
	const r = prng(seed)
	const t = now.getTime()
	const ago = (ms: number) => new Date(t - ms)

	const regions = Array.from({ length: SIZES.regions }, (_, i) => ({
		id: r.id(),
		code: `R${i + 1}`,
		nameZh: `第${i + 1}大区`,
		nameEn: `Region ${i + 1}`,
	}))
	const hq = { id: r.id(), kind: 'HQ' as const, code: 'HQ', name: '总部 Headquarters', regionId: null }
	const offices = regions.map((region, i) => ({
		id: r.id(),
		kind: 'REGIONAL_OFFICE' as const,
		code: `RO-${i + 1}`,
		name: `${region.nameZh}办事处`,
		regionId: region.id,
	}))
	const dealers = regions.flatMap((region, i) =>
		Array.from({ length: SIZES.dealersPerRegion }, (_, j) => ({
			id: r.id(),
			kind: 'DEALER' as const,
			code: `D-${i + 1}-${j + 1}`,
			name: `${region.nameZh}经销商${j + 1}号`,
			regionId: region.id,
		})),
	)
	await insertRows<Prisma.RegionCreateManyInput>(sql, 'Region', regions)
	await insertRows<Prisma.OrganizationCreateManyInput>(sql, 'Organization', [hq, ...offices, ...dealers])

	const users: Prisma.UserCreateManyInput[] = []
	const user = (data: Omit<Prisma.UserCreateManyInput, 'id' | 'passwordHash' | 'emailVerifiedAt' | 'updatedAt'>) => {
		const row = {
			id: r.id(),
			passwordHash: 'not-a-hash',
			emailVerifiedAt: ago(400 * DAY),
			updatedAt: ago(400 * DAY),
			...data,
		}
		users.push(row)
		return row
	}
	const agents = Array.from({ length: SIZES.agents }, (_, i) =>
		user({
			email: `agent${i + 1}@bench.example.com`,
			name: `客服${i + 1}`,
			kind: 'STAFF',
			staffRole: i % 4 === 3 ? 'QUALITY_ENGINEER' : 'AGENT',
			organizationId: hq.id,
		}),
	)
	const dealerMembers = dealers.map((dealer) =>
		Array.from({ length: r.int(1, 2) }, (_, k) =>
			user({
				email: `${dealer.code.toLowerCase()}.${k + 1}@dealer.bench.example.com`,
				name: `${dealer.name}·${k + 1}`,
				kind: 'DEALER',
				organizationId: dealer.id,
			}),
		),
	)
	const customers = Array.from({ length: SIZES.customers }, (_, i) =>
		user({ email: `customer${i + 1}@bench.example.com`, name: `客户${i + 1}`, kind: 'CUSTOMER' }),
	)
	await insertRows(sql, 'User', users)

	const orders: Array<Prisma.OrderCreateManyInput & { id: string; customerId: string; dealerId: string | null }> = []
	const lines: Prisma.OrderLineCreateManyInput[] = []
	const linesOf = new Map<string, string[]>()
	for (let i = 0; i < SIZES.orders; i++) {
		const customer = r.pick(customers)
		const dealer = r.chance(0.9) ? r.pick(dealers) : null
		const orderedAt = ago(r.int(20, 420) * DAY)
		const order = {
			id: r.id(),
			orderNumber: `SO-2026-${String(i + 1).padStart(6, '0')}`,
			orderNumberKey: `SO2026${String(i + 1).padStart(6, '0')}`,
			customerId: customer.id,
			customerEmail: customer.email,
			dealerId: dealer?.id ?? null,
			regionId: dealer?.regionId ?? r.pick(regions).id,
			orderedAt,
			shippedAt: new Date(orderedAt.getTime() + 3 * DAY),
			deliveredAt: new Date(orderedAt.getTime() + 7 * DAY),
		}
		orders.push(order)
		const ids: string[] = []
		for (let n = 1, count = r.int(1, 3); n <= count; n++) {
			const [model, name] = r.pick(PRODUCTS)
			const id = r.id()
			ids.push(id)
			lines.push({
				id,
				orderId: order.id,
				lineNumber: n,
				productModel: model,
				productName: name,
				batchNumber: `B2026${String(r.int(1, 400)).padStart(4, '0')}`,
				quantity: r.int(1, 20),
			})
		}
		linesOf.set(order.id, ids)
	}
	await insertRows(sql, 'Order', orders)
	await insertRows(sql, 'OrderLine', lines)

	const complaints: Prisma.ComplaintCreateManyInput[] = []
	const messages: Prisma.ComplaintMessageCreateManyInput[] = []
	const events: Prisma.ComplaintEventCreateManyInput[] = []
	const attachments: Prisma.AttachmentCreateManyInput[] = []
	const text = (sentences: number) => Array.from({ length: sentences }, () => r.pick(SENTENCES)).join(' ')
	const memberOf = new Map(dealers.map((d, i) => [d.id, dealerMembers[i]!]))
	const customerById = new Map(customers.map((c) => [c.id, c]))
	let dealerAll = 0
	let dealerWindow = 0
	for (let i = 0; i < SIZES.complaints; i++) {
		const order = r.pick(orders)
		const customer = customerById.get(order.customerId)!
		const createdAt = ago(r.int(10, 365 * 24 * 60) * MINUTE)
		const age = t - createdAt.getTime()
		// older complaints are mostly finished; the last two months' mostly open
		const done = r.chance(Math.min(0.95, age / (90 * DAY)))
		const status = done ? r.pick(DONE_STATUSES) : r.pick(OPEN_STATUSES)
		// last touched some time after filing: up to 60 days later, and never in the future
		const updatedAt = new Date(createdAt.getTime() + r.next() * Math.min(age, 60 * DAY))
		const assignee = r.chance(0.85) ? r.pick(agents) : null
		let sla: { slaState: SlaState; slaDueAt: Date | null; slaAtRiskAt: Date | null } = {
			slaState: 'ON_TRACK',
			slaDueAt: null,
			slaAtRiskAt: null,
		}
		if (!done) {
			// a running clock of 2–10 working days; thresholds at least 10 minutes from now, so that
			// the per-minute SLA sweep moves nothing while the bench runs
			let due = createdAt.getTime() + r.int(2, 10) * DAY
			if (Math.abs(due - t) < 10 * MINUTE) due += 20 * MINUTE
			let atRisk = due - 0.2 * (due - createdAt.getTime())
			if (Math.abs(atRisk - t) < 10 * MINUTE) atRisk -= 20 * MINUTE
			sla = {
				slaState: due <= t ? 'BREACHED' : atRisk <= t ? 'AT_RISK' : 'ON_TRACK',
				slaDueAt: new Date(due),
				slaAtRiskAt: new Date(atRisk),
			}
		}
		const complaint = {
			id: r.id(),
			reference: `CMP-2026-${String(i + 1).padStart(6, '0')}`,
			customerId: customer.id,
			filedById: customer.id,
			orderId: order.id,
			orderLineId: r.chance(0.8) ? r.pick(linesOf.get(order.id)!) : null,
			regionId: order.regionId,
			dealerId: order.dealerId ?? null,
			assigneeId: assignee?.id ?? null,
			category: r.pick(CATEGORIES),
			severity: r.pick(SEVERITIES),
			channel: r.chance(0.8) ? ('WEB' as const) : ('PHONE' as const),
			status,
			title: r.pick(TITLES),
			description: text(r.int(2, 5)),
			requestedRemedy: r.pick(REMEDIES),
			version: r.int(2, 9),
			createdAt,
			updatedAt,
			customerUpdatedAt: updatedAt,
			closedAt: status === 'CLOSED' ? updatedAt : null,
			firstRespondedAt: new Date(createdAt.getTime() + 4 * 60 * MINUTE),
			...sla,
		}
		complaints.push(complaint)
		if (complaint.dealerId === dealers[0]!.id) {
			dealerAll++
			if (updatedAt >= since) dealerWindow++
		}

		// times between filing and the last change, in order
		const span = updatedAt.getTime() - createdAt.getTime()
		const at = (k: number, of: number) => new Date(createdAt.getTime() + (span * (k + 1)) / (of + 1))
		const eventCount = r.int(2, 9)
		for (let k = 0; k < eventCount; k++) {
			const visibility = k === 0 ? 'PUBLIC' : r.pick(VISIBILITIES)
			events.push({
				id: r.id(),
				complaintId: complaint.id,
				actorId: k === 0 ? customer.id : (assignee ?? r.pick(agents)).id,
				type: k === 0 ? 'filed' : r.pick(['reply', 'status_changed', 'note', 'assigned']),
				fromStatus: k === 0 ? null : 'SUBMITTED',
				toStatus: k === 0 ? 'SUBMITTED' : status,
				visibility,
				version: k + 1,
				createdAt: k === 0 ? createdAt : at(k, eventCount),
			})
		}
		const messageIds: string[] = []
		const messageCount = r.int(1, 8)
		for (let k = 0; k < messageCount; k++) {
			const visibility = r.pick(VISIBILITIES)
			const author =
				visibility === 'PUBLIC' && k % 2 === 0
					? customer
					: visibility === 'PARTNER' && order.dealerId
						? r.pick(memberOf.get(order.dealerId)!)
						: (assignee ?? r.pick(agents))
			const id = r.id()
			messageIds.push(id)
			messages.push({
				id,
				complaintId: complaint.id,
				authorId: author.id,
				visibility,
				body: text(r.int(1, 4)),
				createdAt: at(k, messageCount),
			})
		}
		for (let k = 0, count = r.int(0, 4); k < count; k++) {
			const photo = r.chance(0.8)
			const id = r.id()
			const key = `attachments/bench/${id}`
			attachments.push({
				id,
				complaintId: complaint.id,
				messageId: r.chance(0.3) ? r.pick(messageIds) : null,
				uploadedById: customer.id,
				visibility: 'PUBLIC',
				kind: photo ? 'IMAGE' : 'PDF',
				originalName: photo ? `IMG_${4000 + k}.jpg` : `发票-${k + 1}.pdf`,
				contentType: photo ? 'image/jpeg' : 'application/pdf',
				byteSize: r.int(80_000, 4_000_000),
				width: photo ? 4000 : null,
				height: photo ? 3000 : null,
				sha256: Array.from({ length: 64 }, () => '0123456789abcdef'[r.int(0, 15)]).join(''),
				storageKey: key,
				thumbnailKey: photo ? `${key}-thumb` : null,
				createdAt: at(0, 4),
			})
		}
	}
	await insertRows(sql, 'Complaint', complaints)
	await insertRows(sql, 'ComplaintMessage', messages)
	await insertRows(sql, 'ComplaintEvent', events)
	await insertRows(sql, 'Attachment', attachments)

	return {
		dealer: { id: dealers[0]!.id, name: dealers[0]!.name, memberId: dealerMembers[0]![0]!.id },
		counts: {
			dealers: dealers.length,
			orders: orders.length,
			complaints: complaints.length,
			messages: messages.length,
			events: events.length,
			attachments: attachments.length,
		},
		dealerComplaints: { all: dealerAll, updatedSince: dealerWindow },
	}
}
