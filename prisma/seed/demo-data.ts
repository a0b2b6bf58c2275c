import type {
	ComplaintCategory,
	ComplaintChannel,
	ComplaintSeverity,
	ComplaintStatus,
	CostBearer,
	Locale,
	OrganizationKind,
	RequestedRemedy,
	StaffRole,
	UserKind,
} from '#app/generated/prisma/enums.ts'

/**
 * The demo data set: 恒泰泵阀 (Hengtai Pumps & Valves), a maker of industrial pumps, valves and
 * pump control cabinets that sells through regional dealers (区域代理) and directly to key
 * accounts. Times are "days before the seed runs" plus a local time in Asia/Shanghai, so the
 * demo always looks current. prisma/seed/demo.ts writes it; nothing else reads it.
 */

export const DEMO_PASSWORD = 'demo-password-2026'
export const DEMO_TIME_ZONE = 'Asia/Shanghai'

export type RegionCode = 'EAST' | 'SOUTH' | 'NORTH' | 'SOUTHWEST'

export const REGIONS: ReadonlyArray<{ code: RegionCode; nameZh: string; nameEn: string }> = [
	{ code: 'EAST', nameZh: '华东', nameEn: 'East China' },
	{ code: 'SOUTH', nameZh: '华南', nameEn: 'South China' },
	{ code: 'NORTH', nameZh: '华北', nameEn: 'North China' },
	{ code: 'SOUTHWEST', nameZh: '西南', nameEn: 'Southwest China' },
]

export const ORGANIZATIONS: ReadonlyArray<{
	code: string
	kind: OrganizationKind
	name: string
	region: RegionCode | null
}> = [
	{ code: 'HQ', kind: 'HQ', name: '恒泰泵阀股份有限公司（总部）', region: null },
	{ code: 'RO-EAST', kind: 'REGIONAL_OFFICE', name: '华东办事处（上海）', region: 'EAST' },
	{ code: 'RO-SOUTH', kind: 'REGIONAL_OFFICE', name: '华南办事处（广州）', region: 'SOUTH' },
	{ code: 'RO-NORTH', kind: 'REGIONAL_OFFICE', name: '华北办事处（北京）', region: 'NORTH' },
	{ code: 'RO-SOUTHWEST', kind: 'REGIONAL_OFFICE', name: '西南办事处（成都）', region: 'SOUTHWEST' },
	{ code: 'DLR-SUZHOU', kind: 'DEALER', name: '苏州恒通机电设备有限公司', region: 'EAST' },
	{ code: 'DLR-NINGBO', kind: 'DEALER', name: '宁波甬达泵阀有限公司', region: 'EAST' },
	{ code: 'DLR-FOSHAN', kind: 'DEALER', name: '佛山顺流机电设备有限公司', region: 'SOUTH' },
	{ code: 'DLR-TIANJIN', kind: 'DEALER', name: '天津津海流体设备有限公司', region: 'NORTH' },
	{ code: 'DLR-CHONGQING', kind: 'DEALER', name: '重庆渝江机电有限公司', region: 'SOUTHWEST' },
]

export interface AccountSeed {
	key: string
	email: string
	name: string
	/** how the account is introduced in the printed list of demo accounts */
	role: string
	kind: UserKind
	staffRole?: StaffRole
	organization?: string
	phone?: string
	locale: Locale
	isKeyAccount?: boolean
}

// Staff and partners; the list of demo accounts prints them in this order, then the customers.
export const TEAM: readonly AccountSeed[] = [
	{
		key: 'agent',
		email: 'agent@demo.example.com',
		name: '刘婷',
		role: '客服专员 Agent',
		kind: 'STAFF',
		staffRole: 'AGENT',
		organization: 'HQ',
		locale: 'zh_CN',
	},
	{
		key: 'quality',
		email: 'quality@demo.example.com',
		name: '陈志强',
		role: '质量工程师 Quality engineer',
		kind: 'STAFF',
		staffRole: 'QUALITY_ENGINEER',
		organization: 'HQ',
		locale: 'zh_CN',
	},
	{
		key: 'manager',
		email: 'manager.east@demo.example.com',
		name: '周建华',
		role: '区域经理（华东）Regional manager',
		kind: 'STAFF',
		staffRole: 'REGIONAL_MANAGER',
		organization: 'RO-EAST',
		locale: 'zh_CN',
	},
	{
		key: 'marketing',
		email: 'marketing@demo.example.com',
		name: '赵明远',
		role: '营销总监 Marketing director',
		kind: 'STAFF',
		staffRole: 'MARKETING_DIRECTOR',
		organization: 'HQ',
		locale: 'zh_CN',
	},
	{
		key: 'gm',
		email: 'gm@demo.example.com',
		name: '孙国栋',
		role: '总经理 General manager',
		kind: 'STAFF',
		staffRole: 'GENERAL_MANAGER',
		organization: 'HQ',
		locale: 'zh_CN',
	},
	{
		key: 'admin',
		email: 'admin@demo.example.com',
		name: '郑凯',
		role: '系统管理员 Administrator',
		kind: 'STAFF',
		staffRole: 'ADMIN',
		organization: 'HQ',
		locale: 'zh_CN',
	},
	{
		key: 'dealer',
		email: 'dealer@demo.example.com',
		name: '吴海峰',
		role: '区域代理（苏州恒通）Dealer',
		kind: 'DEALER',
		organization: 'DLR-SUZHOU',
		phone: '13862151207',
		locale: 'zh_CN',
	},
	{
		key: 'office',
		email: 'office.south@demo.example.com',
		name: '何丽娟',
		role: '办事处（华南）Regional office',
		kind: 'REGIONAL_OFFICE',
		organization: 'RO-SOUTH',
		phone: '13926083415',
		locale: 'zh_CN',
	},
]

export const CUSTOMERS: readonly AccountSeed[] = [
	{
		key: 'wang',
		email: 'customer.wang@demo.example.com',
		name: '王建国',
		role: '客户 Customer',
		kind: 'CUSTOMER',
		phone: '13951627384',
		locale: 'zh_CN',
	},
	{
		key: 'li',
		email: 'customer.li@demo.example.com',
		name: '李雪梅（浦江水务）',
		role: '重点客户 Key account',
		kind: 'CUSTOMER',
		phone: '13817265093',
		locale: 'zh_CN',
		isKeyAccount: true,
	},
	{
		key: 'zhang',
		email: 'customer.zhang@demo.example.com',
		name: '张伟',
		role: '客户 Customer',
		kind: 'CUSTOMER',
		phone: '13724839106',
		locale: 'zh_CN',
	},
	{
		key: 'huang',
		email: 'customer.huang@demo.example.com',
		name: '黄志明（滨海化工）',
		role: '企业客户 Company contact',
		kind: 'CUSTOMER',
		phone: '13602247518',
		locale: 'zh_CN',
	},
	{
		key: 'yang',
		email: 'customer.yang@demo.example.com',
		name: '杨帆',
		role: '客户 Customer',
		kind: 'CUSTOMER',
		phone: '13983360725',
		locale: 'zh_CN',
	},
	{
		key: 'miller',
		email: 'customer.miller@demo.example.com',
		name: 'David Miller (Lakeside Brewing)',
		role: '英文客户 Customer (English)',
		kind: 'CUSTOMER',
		phone: '+86 512 6283 4410',
		locale: 'en',
	},
]

export const PRODUCTS = {
	ISG65: { model: 'ISG65-160', name: '立式管道离心泵' },
	ISG80: { model: 'ISG80-200A', name: '立式管道离心泵' },
	IS80: { model: 'IS80-65-160', name: '单级单吸清水离心泵' },
	CDL8: { model: 'CDL8-6', name: '不锈钢立式多级离心泵' },
	QW50: { model: 'QW50-20-7.5', name: '潜水排污泵' },
	KZ2: { model: 'HT-KZ2-7.5', name: '水泵智能控制柜（一用一备）' },
	H44H: { model: 'H44H-16C DN100', name: '旋启式止回阀' },
	Z41H: { model: 'Z41H-16C DN80', name: '法兰闸阀' },
} as const

/**
 * Production batches (批号 HTyymmdd-NN). B1 is the batch of pump seals that fails at two
 * customers, so the demo has the pattern a batch alert looks for.
 */
export const BATCHES: Record<string, { producedDaysAgo: number; shift: number }> = {
	B1: { producedDaysAgo: 160, shift: 3 },
	B2: { producedDaysAgo: 100, shift: 1 },
	B3: { producedDaysAgo: 140, shift: 2 },
	C1: { producedDaysAgo: 135, shift: 1 },
	C2: { producedDaysAgo: 60, shift: 2 },
	D1: { producedDaysAgo: 95, shift: 1 },
	V1: { producedDaysAgo: 155, shift: 2 },
	V2: { producedDaysAgo: 92, shift: 1 },
	Q1: { producedDaysAgo: 110, shift: 3 },
	Q2: { producedDaysAgo: 50, shift: 1 },
}

export interface OrderSeed {
	key: string
	/** a demo account's key, or null for an order whose buyer has no account yet */
	customer: string | null
	/** the buyer's email on the order; defaults to the demo account's */
	buyerEmail?: string
	/** null: sold directly by HQ (key accounts) */
	dealer: string | null
	region: RegionCode
	orderedDaysAgo: number
	/** days from order to shipment, and from shipment to delivery */
	shipAfter: number
	deliverAfter: number
	lines: ReadonlyArray<{ product: keyof typeof PRODUCTS; batch: keyof typeof BATCHES; quantity: number }>
}

// In the order they were placed; order numbers rise with them.
export const ORDERS: readonly OrderSeed[] = [
	{
		key: 'li-1',
		customer: 'li',
		dealer: null,
		region: 'EAST',
		orderedDaysAgo: 150,
		shipAfter: 4,
		deliverAfter: 1,
		lines: [
			{ product: 'ISG65', batch: 'B1', quantity: 8 },
			{ product: 'H44H', batch: 'V1', quantity: 8 },
		],
	},
	{
		key: 'huang-1',
		customer: 'huang',
		dealer: 'DLR-TIANJIN',
		region: 'NORTH',
		orderedDaysAgo: 130,
		shipAfter: 5,
		deliverAfter: 3,
		lines: [
			{ product: 'IS80', batch: 'B3', quantity: 2 },
			{ product: 'KZ2', batch: 'C1', quantity: 1 },
		],
	},
	{
		key: 'wang-1',
		customer: 'wang',
		dealer: 'DLR-SUZHOU',
		region: 'EAST',
		orderedDaysAgo: 120,
		shipAfter: 3,
		deliverAfter: 2,
		lines: [{ product: 'ISG65', batch: 'B1', quantity: 1 }],
	},
	{
		key: 'yang-1',
		customer: 'yang',
		dealer: 'DLR-CHONGQING',
		region: 'SOUTHWEST',
		orderedDaysAgo: 105,
		shipAfter: 3,
		deliverAfter: 4,
		lines: [{ product: 'QW50', batch: 'Q1', quantity: 1 }],
	},
	{
		key: 'zhang-1',
		customer: 'zhang',
		dealer: 'DLR-FOSHAN',
		region: 'SOUTH',
		orderedDaysAgo: 90,
		shipAfter: 2,
		deliverAfter: 3,
		lines: [
			{ product: 'CDL8', batch: 'D1', quantity: 1 },
			{ product: 'Z41H', batch: 'V2', quantity: 2 },
		],
	},
	{
		key: 'miller-1',
		customer: 'miller',
		dealer: 'DLR-SUZHOU',
		region: 'EAST',
		orderedDaysAgo: 80,
		shipAfter: 3,
		deliverAfter: 3,
		lines: [
			{ product: 'CDL8', batch: 'D1', quantity: 2 },
			{ product: 'H44H', batch: 'V1', quantity: 2 },
		],
	},
	{
		key: 'li-2',
		customer: 'li',
		dealer: null,
		region: 'EAST',
		orderedDaysAgo: 70,
		shipAfter: 5,
		deliverAfter: 1,
		lines: [
			{ product: 'ISG65', batch: 'B1', quantity: 4 },
			{ product: 'ISG80', batch: 'B2', quantity: 2 },
			{ product: 'KZ2', batch: 'C1', quantity: 2 },
		],
	},
	{
		key: 'wang-2',
		customer: 'wang',
		dealer: 'DLR-SUZHOU',
		region: 'EAST',
		orderedDaysAgo: 45,
		shipAfter: 2,
		deliverAfter: 2,
		lines: [{ product: 'IS80', batch: 'B3', quantity: 1 }],
	},
	{
		key: 'zhang-2',
		customer: 'zhang',
		dealer: 'DLR-FOSHAN',
		region: 'SOUTH',
		orderedDaysAgo: 40,
		shipAfter: 3,
		deliverAfter: 3,
		lines: [{ product: 'QW50', batch: 'Q2', quantity: 1 }],
	},
	{
		key: 'yang-2',
		customer: 'yang',
		dealer: 'DLR-CHONGQING',
		region: 'SOUTHWEST',
		orderedDaysAgo: 30,
		shipAfter: 2,
		deliverAfter: 3,
		lines: [{ product: 'CDL8', batch: 'D1', quantity: 1 }],
	},
	{
		key: 'huang-2',
		customer: 'huang',
		dealer: 'DLR-TIANJIN',
		region: 'NORTH',
		// delivered well before the complaint, so that the seed may move its story (slaAim)
		orderedDaysAgo: 40,
		shipAfter: 2,
		deliverAfter: 3,
		lines: [{ product: 'KZ2', batch: 'C2', quantity: 1 }],
	},
	{
		key: 'wang-3',
		customer: 'wang',
		dealer: 'DLR-SUZHOU',
		region: 'EAST',
		orderedDaysAgo: 20,
		shipAfter: 2,
		deliverAfter: 1,
		lines: [{ product: 'Z41H', batch: 'V2', quantity: 4 }],
	},
	// Orders of buyers who have not signed up yet: whoever signs up as new.customer.N@example.com
	// finds them (e2e tests use these; each attempt of a test takes its own N: 1–4 filing, 5–8
	// following, 9–12 the staff workflow, 13–16 the satisfaction survey, 17–20 the reports).
	...Array.from({ length: 20 }, (_, i): OrderSeed => ({
		key: `new-${i + 1}`,
		customer: null,
		buyerEmail: `new.customer.${i + 1}@example.com`,
		dealer: 'DLR-SUZHOU',
		region: 'EAST',
		orderedDaysAgo: 12,
		shipAfter: 2,
		deliverAfter: 1,
		lines: [
			{ product: 'ISG65', batch: 'B1', quantity: 2 },
			{ product: 'Z41H', batch: 'V2', quantity: 1 },
		],
	})),
]

export const FIRST_ORDER_SERIAL = 10231
// Other customers' orders fall between ours.
export const ORDER_SERIAL_GAPS = [0, 23, 9, 31, 14, 27, 8, 19, 36, 11, 22, 16]

export interface ComplaintSeed {
	order: string
	/** line number on the order, when the complaint is about one product */
	line?: number
	/** who typed it in: the customer unless said otherwise */
	filedBy?: string
	channel?: ComplaintChannel
	assignee?: string
	status: ComplaintStatus
	category: ComplaintCategory
	severity: ComplaintSeverity
	requestedRemedy: RequestedRemedy
	title: string
	/** {order} and {batch} are filled in from the order */
	description: string
	/** what happened since it was filed, oldest first; it must lead to `status` */
	story?: readonly StoryStep[]
	/**
	 * The state its service-level clock should be in when the demo is seeded, so that the queue's
	 * at-risk and breached views show something whatever the date. A clock in working days depends
	 * on the weekday and the holidays around the seeding date: the seed moves the complaint's whole
	 * story by whole days, nearest first, until its clock is in this state.
	 */
	slaAim?: 'ON_TRACK' | 'AT_RISK' | 'BREACHED'
	/** the satisfaction survey sent when it was resolved (a RESOLVED or CLOSED complaint) */
	survey?: DemoSurvey
}

/**
 * A complaint's satisfaction survey (DESIGN.md §6), sent at its resolution: answered on the given
 * day, or still waiting for the customer when `answer` is absent. An overall score of 2 or less
 * opens the manager's follow-up, as an answer in the portal would.
 */
export interface DemoSurvey {
	answer?: {
		daysAgo: number
		at: [hour: number, minute: number]
		timeliness: number
		communication: number
		resolutionQuality: number
		productQuality: number | null
		delivery: number | null
		priceFairness: number | null
		overall: number
		recommend: number
		comment?: string
	}
}

/**
 * When a complaint was filed: `createdDaysAgo` calendar days before the seed at a local time in
 * Shanghai; or, for a clock in hours (the first response), `filedHoursAgo` hours before the seed
 * to the minute, so that its state does not depend on the hour the demo is seeded at.
 */
export type FiledAt =
	| { createdDaysAgo: number; createdAt: [hour: number, minute: number]; filedHoursAgo?: never }
	| { filedHoursAgo: number; createdDaysAgo?: never; createdAt?: never }

/**
 * One step of a complaint's history, written the way the domain commands write it (events
 * and messages). `by` is a demo account's key; customer steps are the complaint's customer.
 * - reply: a written reply the customer reads, optionally moving the status to `to`
 * - status: a status change without a message
 * - note / partner-note: staff-only, or staff and the dealer / regional office; never shown
 *   to the customer
 * - customer: the customer added information (optionally moving the status to `to`)
 * - propose: a resolution for the customer to accept or dispute (to RESOLUTION_PROPOSED)
 * - accept / escalate: the customer's answers
 */
export interface StoryStep {
	daysAgo: number
	at: [hour: number, minute: number]
	kind: 'reply' | 'status' | 'note' | 'partner-note' | 'customer' | 'propose' | 'accept' | 'escalate'
	by?: string
	body?: string
	to?: ComplaintStatus
	/** `amountMinor` in fen (none: no money involved) and who pays it, as a proposal records them */
	resolution?: { type: RequestedRemedy; summary: string; amountMinor?: number; costBearer?: CostBearer }
}

// Oldest first; references are numbered in this order.
export const COMPLAINTS: ReadonlyArray<ComplaintSeed & FiledAt> = [
	{
		order: 'wang-1',
		line: 1,
		assignee: 'agent',
		status: 'CLOSED',
		category: 'PRODUCT_QUALITY',
		severity: 'MAJOR',
		requestedRemedy: 'REPLACEMENT',
		createdDaysAgo: 100,
		createdAt: [8, 42],
		title: '管道泵运行两周后机械密封漏水',
		description:
			'订单{order}中的ISG65-160立式管道泵（批号{batch}）装在小区二次供水泵房，运行约两周后泵轴处（机械密封位置）开始持续滴水，约每分钟二十滴，地面已有积水。已按说明书检查安装，进出口阀门均正常。现已停机，请尽快安排更换或上门维修。',
		story: [
			{
				daysAgo: 100,
				at: [9, 30],
				kind: 'reply',
				by: 'agent',
				to: 'ACKNOWLEDGED',
				body: '王先生您好，您的投诉已受理。我们已请苏州恒通机电在两个工作日内安排技术人员上门查看机械密封的情况，请暂时保持停机并保留现场。如有新的情况，可以随时在这里补充。——客服 刘婷',
			},
			{
				daysAgo: 100,
				at: [10, 5],
				kind: 'partner-note',
				by: 'agent',
				body: '请苏州恒通两个工作日内上门核查机械密封渗漏，拍照回传，并记录运行压力。',
			},
			{
				daysAgo: 98,
				at: [16, 20],
				kind: 'note',
				by: 'quality',
				body: '现场照片显示动环端面有划痕，初步判断为机械密封质量问题，建议免费更换整套密封。',
			},
			{ daysAgo: 98, at: [16, 40], kind: 'status', by: 'quality', to: 'INVESTIGATING' },
			{
				daysAgo: 97,
				at: [11, 0],
				kind: 'propose',
				by: 'quality',
				resolution: {
					type: 'REPLACEMENT',
					summary:
						'经技术人员现场检查，渗漏原因是机械密封动环端面有缺陷，属于产品质量问题。我们将免费为您更换整套机械密封，上门服务和运输费用由我方承担。',
				},
			},
			{ daysAgo: 96, at: [9, 15], kind: 'accept' },
			{
				daysAgo: 92,
				at: [15, 30],
				kind: 'reply',
				by: 'agent',
				to: 'RESOLVED',
				body: '王先生您好，苏州恒通的技术人员今天上午已为您更换机械密封，试运行两小时无渗漏。之后如再出现问题，请随时联系我们。',
			},
			{ daysAgo: 85, at: [10, 20], kind: 'status', by: 'agent', to: 'CLOSED' },
		],
		survey: {
			answer: {
				daysAgo: 90,
				at: [20, 15],
				timeliness: 4,
				communication: 5,
				resolutionQuality: 4,
				productQuality: 3,
				delivery: 4,
				priceFairness: 4,
				overall: 4,
				recommend: 8,
				comment: '处理得比较及时，更换的阀门没有问题。希望以后出厂检验更严格一些。',
			},
		},
	},
	{
		order: 'yang-1',
		line: 1,
		assignee: 'quality',
		status: 'REJECTED',
		category: 'PRODUCT_QUALITY',
		severity: 'MAJOR',
		requestedRemedy: 'REFUND',
		createdDaysAgo: 80,
		createdAt: [19, 16],
		title: '潜水排污泵使用一个月电机烧毁',
		description:
			'地下车库集水井用的QW50-20-7.5潜水排污泵（批号{batch}），使用一个月左右电机烧毁，开关一合上就跳闸。买了没多久就坏了，认为是产品质量问题，要求退货退款。',
		story: [
			{
				daysAgo: 79,
				at: [9, 10],
				kind: 'reply',
				by: 'agent',
				to: 'ACKNOWLEDGED',
				body: '杨先生您好，您的投诉已受理。重庆渝江机电会上门取回故障泵，送回总部由品管部检测。检测期间请不要自行拆修，以免影响结论。',
			},
			{ daysAgo: 76, at: [14, 0], kind: 'status', by: 'quality', to: 'INVESTIGATING' },
			{
				daysAgo: 74,
				at: [17, 30],
				kind: 'note',
				by: 'quality',
				body: '拆检结果：电机绕组烧毁；泵腔内大量泥沙和编织袋碎片，浮球开关被杂物卡死，泵在集水井抽干后长时间脱水空转。非产品质量问题。',
			},
			{
				daysAgo: 72,
				at: [10, 20],
				kind: 'reply',
				by: 'quality',
				to: 'REJECTED',
				body: '杨先生您好，品管部已完成对故障泵的拆检：泵腔内有大量泥沙和编织袋碎片，浮球开关被杂物卡住，水泵在集水井抽干后长时间空转，电机过热烧毁。根据检测结果，这次故障不属于产品质量问题，所以无法办理退货退款。按照我们的服务承诺，保修期内可以免人工费为您维修，只收取零部件成本费用（约 680 元）。检测报告和照片可向客服索取。如您对检测结论有异议，可以申请总部复核。——质量工程师 陈志强',
			},
		],
	},
	{
		order: 'miller-1',
		assignee: 'agent',
		status: 'RESOLVED',
		category: 'OTHER',
		severity: 'MINOR',
		requestedRemedy: 'EXPLANATION',
		createdDaysAgo: 70,
		createdAt: [14, 5],
		title: 'English installation manual and wiring diagram needed',
		description:
			'The CDL8-6 pumps from order {order} arrived with a Chinese manual only. Our maintenance team needs the installation manual and the control wiring diagram in English before commissioning. Could you send them by email?',
		story: [
			{
				daysAgo: 70,
				at: [15, 10],
				kind: 'reply',
				by: 'agent',
				to: 'ACKNOWLEDGED',
				body: 'Dear Mr Miller, thank you for your message. We have registered your request and asked our technical documentation team for the English installation manual of the CDL8-6 and the control wiring diagram. We will get back to you within three working days. — Liu Ting, Customer Service',
			},
			{
				daysAgo: 69,
				at: [11, 0],
				kind: 'note',
				by: 'agent',
				body: '技术资料部确认 CDL8 系列有英文版说明书；接线图需要从中文版翻译，周五前可以提供。',
			},
			{ daysAgo: 69, at: [11, 5], kind: 'status', by: 'agent', to: 'INVESTIGATING' },
			{
				daysAgo: 68,
				at: [16, 0],
				kind: 'propose',
				by: 'agent',
				resolution: {
					type: 'EXPLANATION',
					summary:
						'We will email you the English installation manual for the CDL8 series and an English version of the control wiring diagram (PDF).',
				},
			},
			{ daysAgo: 67, at: [9, 0], kind: 'accept' },
			{
				daysAgo: 66,
				at: [10, 20],
				kind: 'reply',
				by: 'agent',
				to: 'RESOLVED',
				body: 'Dear Mr Miller, we have emailed the English installation manual (CDL8 series) and the translated wiring diagram to customer.miller@demo.example.com. If anything is unclear, just reply here.',
			},
		],
		survey: {
			answer: {
				daysAgo: 65,
				at: [8, 40],
				timeliness: 5,
				communication: 5,
				resolutionQuality: 5,
				productQuality: null,
				delivery: null,
				priceFairness: null,
				overall: 5,
				recommend: 9,
				comment: 'Quick and clear answers in English. Thank you.',
			},
		},
	},
	{
		order: 'zhang-2',
		line: 1,
		assignee: 'agent',
		status: 'RESOLVED',
		category: 'HANDLING_DAMAGE',
		severity: 'MINOR',
		requestedRemedy: 'REPLACEMENT',
		createdDaysAgo: 34,
		createdAt: [16, 20],
		title: '到货时泵壳有磕碰，出水法兰变形',
		description:
			'今天下午收到货（订单{order}），拆开木箱发现QW50-20-7.5排污泵泵壳有明显磕碰痕迹，出水口法兰变形，无法与管道对接。外包装木箱一角破损，已拍照，并请物流司机在签收单上注明。请更换新泵。',
		story: [
			{
				daysAgo: 34,
				at: [17, 5],
				kind: 'reply',
				by: 'agent',
				to: 'ACKNOWLEDGED',
				body: '张先生您好，您的投诉已受理。根据您的照片和签收单上的备注，我们已向物流公司发起索赔，并会安排佛山顺流机电为您换货，您不需要承担任何费用。',
			},
			{
				daysAgo: 33,
				at: [10, 0],
				kind: 'note',
				by: 'agent',
				body: '物流公司已确认运输破损，走运输险理赔；换货费用由物流方承担。',
			},
			{ daysAgo: 33, at: [10, 10], kind: 'status', by: 'agent', to: 'INVESTIGATING' },
			{
				daysAgo: 33,
				at: [14, 0],
				kind: 'propose',
				by: 'agent',
				resolution: {
					type: 'REPLACEMENT',
					summary: '免费更换一台全新的 QW50-20-7.5 潜水排污泵，由佛山顺流机电送货上门并取回破损的泵，运费由我方承担。',
				},
			},
			{ daysAgo: 32, at: [20, 30], kind: 'accept' },
			{
				daysAgo: 28,
				at: [10, 20],
				kind: 'reply',
				by: 'agent',
				to: 'RESOLVED',
				body: '张先生您好，新泵今天已送到，破损的泵已由经销商取回。佛山顺流机电会与您约定上门安装的时间。感谢您的耐心。',
			},
		],
		// a low score: the regional manager's follow-up waits in the console (/staff/surveys)
		survey: {
			answer: {
				daysAgo: 27,
				at: [19, 30],
				timeliness: 2,
				communication: 3,
				resolutionQuality: 2,
				productQuality: 4,
				delivery: 1,
				priceFairness: null,
				overall: 2,
				recommend: 3,
				comment: '新泵是送到了，但经销商说好的上门安装拖了一个多星期都没人来，打电话也没人回。',
			},
		},
	},
	{
		order: 'li-1',
		line: 1,
		assignee: 'quality',
		status: 'RESOLUTION_PROPOSED',
		category: 'PRODUCT_QUALITY',
		severity: 'CRITICAL',
		requestedRemedy: 'REPLACEMENT',
		createdDaysAgo: 20,
		createdAt: [10, 12],
		title: '同批次8台管道泵相继出现机械密封渗漏',
		description:
			'我司浦江水厂改造项目采购的8台ISG65-160管道泵（订单{order}，批号{batch}），近一个月内已有5台出现机械密封渗漏，另外3台也有轻微渗水。该泵组用于供水加压，停机会影响片区供水。请贵司派质量工程师到现场检查，并对同批次产品统一处理。',
		story: [
			{
				daysAgo: 20,
				at: [11, 30],
				kind: 'reply',
				by: 'agent',
				to: 'ACKNOWLEDGED',
				body: '李经理您好，您的投诉已受理。由于涉及供水且为同批次多台，我们按重大质量投诉处理，质量工程师陈志强将在24小时内到浦江水厂现场检查。',
			},
			{
				daysAgo: 20,
				at: [11, 40],
				kind: 'note',
				by: 'agent',
				body: '重点客户，重大质量投诉，已报告总经理。同一批号的管道泵此前在苏州也有机械密封渗漏投诉（已结案），疑似批量问题。',
			},
			{ daysAgo: 19, at: [9, 0], kind: 'status', by: 'quality', to: 'INVESTIGATING' },
			{
				daysAgo: 19,
				at: [17, 45],
				kind: 'reply',
				by: 'quality',
				body: '李经理您好，今天已到现场检查全部8台泵：5台机械密封渗漏明显，3台轻微渗水。已拆回2套机械密封送品管部分析；其余泵建议适当降低运行压力并加强巡检。分析结果预计5个工作日内出来。——质量工程师 陈志强',
			},
			{
				daysAgo: 12,
				at: [15, 20],
				kind: 'note',
				by: 'quality',
				body: '品管部分析：该批次机械密封动环材质硬度不足（供应商来料问题），判定为产品质量问题。建议整批更换改进型密封并向供应商追溯，已提交营销总监和总经理审批。',
			},
			{
				daysAgo: 10,
				at: [9, 30],
				kind: 'note',
				by: 'gm',
				body: '同意整批免费更换，费用由公司承担，同时向密封件供应商索赔。',
			},
			{
				daysAgo: 3,
				at: [10, 20],
				kind: 'propose',
				by: 'quality',
				resolution: {
					type: 'REPLACEMENT',
					summary:
						'经品管部分析，渗漏原因是该批次机械密封动环材质不合格，属于产品质量问题。我们将为全部8台泵免费更换改进型机械密封，由质量工程师带队上门施工，分批停机，保证片区供水；配件、人工和运输费用全部由我方承担。施工计划经您确认后3个工作日内开工。',
					amountMinor: 2_640_000,
					costBearer: 'COMPANY',
				},
			},
		],
	},
	{
		order: 'huang-2',
		line: 1,
		assignee: 'agent',
		status: 'RESOLVING',
		slaAim: 'AT_RISK',
		category: 'HANDLING_DAMAGE',
		severity: 'MAJOR',
		requestedRemedy: 'REPAIR',
		createdDaysAgo: 20,
		createdAt: [15, 0],
		title: '控制柜到货时面板破裂，变频器显示屏损坏',
		description:
			'HT-KZ2-7.5智能控制柜（订单{order}）到货后一直放在库房，今天安装时开箱发现前面板观察窗破裂，内部变频器操作面板显示屏碎裂，通电后无显示。外包装有明显挤压痕迹。已拍照留存，请安排维修或更换损坏部件。',
		story: [
			{
				daysAgo: 20,
				at: [16, 10],
				kind: 'reply',
				by: 'agent',
				to: 'ACKNOWLEDGED',
				body: '黄经理您好，您的投诉已受理。请保留外包装和开箱照片，我们已联系天津津海流体设备安排人员上门核实损坏情况。',
			},
			{
				daysAgo: 19,
				at: [10, 0],
				kind: 'partner-note',
				by: 'agent',
				body: '请天津津海上门核实控制柜损坏情况并拍照，列出需要更换的部件清单。',
			},
			{ daysAgo: 18, at: [14, 0], kind: 'status', by: 'agent', to: 'INVESTIGATING' },
			{
				daysAgo: 16,
				at: [11, 0],
				kind: 'reply',
				by: 'agent',
				body: '黄经理您好，经销商已上门核实：前面板观察窗和变频器操作面板损坏，柜内其他元件检测正常，损坏是运输挤压造成的。我们会尽快给您处理方案。',
			},
			{
				daysAgo: 13,
				at: [16, 0],
				kind: 'propose',
				by: 'agent',
				resolution: {
					type: 'REPAIR',
					summary:
						'免费更换控制柜前面板观察窗和变频器操作面板，由天津津海流体设备上门更换并调试，配件和人工费用由我方承担。',
					amountMinor: 386_000,
					costBearer: 'COMPANY',
				},
			},
			{ daysAgo: 12, at: [9, 40], kind: 'accept' },
			{
				daysAgo: 5,
				at: [9, 15],
				kind: 'customer',
				body: '你好，方案已经确认一周了，请问配件什么时候能到？控制柜现在只能手动启停，夜班很不方便。',
			},
			{
				daysAgo: 4,
				at: [10, 20],
				kind: 'reply',
				by: 'agent',
				body: '黄经理您好，配件已从总部发出（顺丰单号 SF1402 8839 2210），预计后天到天津，经销商会提前与您约定上门时间。',
			},
		],
	},
	{
		order: 'huang-1',
		line: 1,
		assignee: 'quality',
		status: 'WAITING_ON_CUSTOMER',
		category: 'PRODUCT_QUALITY',
		severity: 'MAJOR',
		requestedRemedy: 'REPAIR',
		createdDaysAgo: 15,
		createdAt: [9, 35],
		title: '离心泵流量和扬程达不到铭牌参数',
		description:
			'循环冷却水系统使用的IS80-65-160离心泵（批号{batch}），实测出口压力只有0.22MPa，流量明显偏小，达不到铭牌标注的50m³/h、扬程32m。电机转向已确认正确。请派技术人员分析原因。',
		story: [
			{
				daysAgo: 15,
				at: [10, 40],
				kind: 'reply',
				by: 'agent',
				to: 'ACKNOWLEDGED',
				body: '黄经理您好，您的投诉已受理，已转质量工程师陈志强分析原因。',
			},
			{ daysAgo: 14, at: [9, 0], kind: 'status', by: 'quality', to: 'INVESTIGATING' },
			{
				daysAgo: 8,
				at: [10, 20],
				kind: 'reply',
				by: 'quality',
				to: 'WAITING_ON_CUSTOMER',
				body: '黄经理您好，为判断流量和扬程不足的原因，请补充以下信息：1. 运行时泵进口真空表和出口压力表的读数；2. 进口管路的管径、长度和弯头数量，以及吸水池最低水位到泵轴的高度；3. 电机实际转速（如有转速表）；4. 泵房管路的整体照片。收到后我们会尽快给出结论。——质量工程师 陈志强',
			},
			{
				daysAgo: 8,
				at: [10, 30],
				kind: 'note',
				by: 'quality',
				body: '怀疑进口管路阻力过大或发生汽蚀，先排除现场安装因素，再考虑返厂检测。',
			},
		],
	},
	{
		order: 'wang-2',
		line: 1,
		filedBy: 'dealer',
		channel: 'API',
		assignee: 'quality',
		status: 'INVESTIGATING',
		slaAim: 'AT_RISK',
		category: 'PRODUCT_QUALITY',
		severity: 'MAJOR',
		requestedRemedy: 'REPAIR',
		createdDaysAgo: 7,
		createdAt: [11, 48],
		title: '水泵运行噪音大、振动明显',
		description:
			'（苏州恒通代客户王建国提交）上门检查：IS80-65-160离心泵（批号{batch}）运行时噪音明显偏大，轴承箱部位振动强烈。已复紧地脚螺栓，进口管路无漏气，问题依旧。初步怀疑轴承或叶轮动平衡问题，客户要求上门维修。',
		story: [
			{
				daysAgo: 7,
				at: [14, 0],
				kind: 'reply',
				by: 'agent',
				to: 'ACKNOWLEDGED',
				body: '王先生您好，苏州恒通已代您提交投诉，我们已受理并转质量工程师处理。',
			},
			{ daysAgo: 6, at: [9, 30], kind: 'status', by: 'quality', to: 'INVESTIGATING' },
			{
				daysAgo: 5,
				at: [10, 20],
				kind: 'partner-note',
				by: 'quality',
				body: '请苏州恒通用测振仪测轴承箱振动值（水平、垂直、轴向），并拍摄叶轮口环处的照片回传。',
			},
			{
				daysAgo: 5,
				at: [15, 0],
				kind: 'note',
				by: 'quality',
				body: '同型号同批次另有滨海化工的流量不足投诉，关注是否与叶轮铸造有关。',
			},
		],
	},
	{
		order: 'zhang-2',
		assignee: 'office',
		status: 'ACKNOWLEDGED',
		slaAim: 'ON_TRACK',
		category: 'SERVICE_CONDUCT',
		severity: 'MINOR',
		requestedRemedy: 'EXPLANATION',
		createdDaysAgo: 2,
		createdAt: [13, 27],
		title: '安装师傅迟到三个小时且态度恶劣',
		description:
			'约定上午9点上门安装换货的排污泵，师傅中午12点才到，也没有提前打电话说明。安装过程中对我们提的问题很不耐烦，还说“不懂就别问”。希望公司给个说法，并加强对服务人员的管理。',
		story: [
			{
				daysAgo: 1,
				at: [10, 20],
				kind: 'reply',
				by: 'office',
				to: 'ACKNOWLEDGED',
				body: '张先生您好，非常抱歉给您带来不好的体验。您的投诉已受理，华南办事处会向佛山顺流机电和当天的安装师傅了解情况，3个工作日内给您书面答复。——华南办事处 何丽娟',
			},
			{
				daysAgo: 1,
				at: [10, 30],
				kind: 'partner-note',
				by: 'office',
				body: '已要求佛山顺流机电提交当天的派工记录和安装师傅的情况说明。',
			},
		],
	},
	{
		order: 'wang-3',
		line: 1,
		assignee: 'agent',
		status: 'RESOLVED',
		category: 'HANDLING_DAMAGE',
		severity: 'MINOR',
		requestedRemedy: 'REPAIR',
		createdDaysAgo: 9,
		createdAt: [9, 40],
		title: '闸阀手轮在运输中压裂',
		description:
			'订单{order}的四台Z41H闸阀今天开箱，其中一台的铸铁手轮裂成两半，包装纸箱有明显挤压痕迹。阀体看起来没有问题，请补发一个手轮。',
		story: [
			{
				daysAgo: 9,
				at: [11, 0],
				kind: 'reply',
				by: 'agent',
				to: 'ACKNOWLEDGED',
				body: '王先生您好，您的投诉已受理。手轮属于易损配件，我们会请苏州通达阀门为您补发，不收取任何费用。',
			},
			{ daysAgo: 8, at: [9, 30], kind: 'status', by: 'agent', to: 'INVESTIGATING' },
			{
				daysAgo: 7,
				at: [15, 0],
				kind: 'propose',
				by: 'agent',
				resolution: {
					type: 'REPAIR',
					summary: '免费补发一个 Z41H 闸阀手轮，由苏州通达阀门送货上门并协助安装。',
				},
			},
			{ daysAgo: 6, at: [10, 0], kind: 'accept' },
			{
				daysAgo: 1,
				at: [16, 0],
				kind: 'reply',
				by: 'agent',
				to: 'RESOLVED',
				body: '王先生您好，新手轮已由经销商送到并装好，阀门开关正常。感谢您的耐心，也欢迎您对本次处理进行评价。',
			},
		],
		// waiting for the customer: customer.wang answers it from the complaint's page
		survey: {},
	},
	{
		order: 'yang-2',
		filedBy: 'agent',
		channel: 'PHONE',
		status: 'SUBMITTED',
		// no first response within 24 hours: the one breach
		slaAim: 'BREACHED',
		category: 'SALES_POLICY',
		severity: 'MINOR',
		requestedRemedy: 'EXPLANATION',
		createdDaysAgo: 2,
		createdAt: [16, 50],
		title: '经销商承诺的两年延保未体现在质保卡上',
		description:
			'客户来电：购买CDL8-6多级泵（订单{order}）时，重庆渝江机电的销售人员口头承诺赠送两年延保（共三年质保），但收到的质保卡上只写了一年。客户要求书面确认延保。（客服电话登记）',
	},
	{
		order: 'miller-1',
		line: 2,
		status: 'SUBMITTED',
		// past 80 % of the 24 hours for a first response
		slaAim: 'AT_RISK',
		category: 'PRODUCT_QUALITY',
		severity: 'MAJOR',
		requestedRemedy: 'REPAIR',
		filedHoursAgo: 21,
		title: 'Check valve slams shut and causes water hammer',
		description:
			'The two H44H-16C DN100 swing check valves on our cooling-water line (order {order}, batch {batch}) slam shut loudly every time the pump stops. The pipe shakes and one pipe support has already come loose. Please send someone to inspect the valves and advise whether a different valve type is needed.',
	},
]
