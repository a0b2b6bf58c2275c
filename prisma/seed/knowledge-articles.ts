import type { Prisma } from '#app/generated/prisma/client.ts'
import type { ComplaintCategory } from '#app/generated/prisma/enums.ts'

/**
 * Self-service answers shown to customers while they file a complaint (DESIGN.md §2,
 * KnowledgeArticle). They are data: staff edit them later; the demo seed writes these.
 * Keywords are what a customer might type, in either language; matching looks for them
 * inside the customer's text (app/domain/knowledge/search.ts).
 */
export interface KnowledgeArticleSeed {
	slug: string
	category: ComplaintCategory | null
	titleZh: string
	titleEn: string
	bodyZh: string
	bodyEn: string
	keywords: string[]
}

export const KNOWLEDGE_ARTICLES: readonly KnowledgeArticleSeed[] = [
	{
		slug: 'find-batch-number',
		category: 'PRODUCT_QUALITY',
		titleZh: '如何查看产品批号',
		titleEn: 'How to find the batch number',
		bodyZh: [
			'批号印在泵体或阀体铭牌的右下角，格式为 HT 加六位生产日期和两位班次，例如 HT250612-03。',
			'铭牌看不清时，可在包装箱侧面的合格证或随货的出厂检验报告上找到同一批号。',
			'投诉时写明批号，质量部门可以直接追溯同批次产品，处理会更快。',
		].join('\n\n'),
		bodyEn: [
			'The batch number is printed at the bottom right of the nameplate on the pump or valve body: HT, the six-digit production date and a two-digit shift, e.g. HT250612-03.',
			'If the nameplate is hard to read, the same number is on the certificate of conformity on the side of the carton and on the factory inspection report shipped with the goods.',
			'Giving the batch number lets our quality department trace the whole batch, so your complaint is handled faster.',
		].join('\n\n'),
		keywords: ['批号', '铭牌', '批次', '生产日期', '合格证', 'batch', 'nameplate', 'lot number', 'serial'],
	},
	{
		slug: 'transport-damage',
		category: 'HANDLING_DAMAGE',
		titleZh: '收货时发现运输破损怎么办',
		titleEn: 'Goods damaged in transport: what to do',
		bodyZh: [
			'请先在承运人的签收单上注明“外包装破损”或“货物损坏”，并请司机签字；不要拒收后自行丢弃包装。',
			'拍下外包装、内包装和损坏部位的照片（至少包括整体照和近景各一张），连同签收单照片一起上传到投诉中。',
			'运输破损不属于产品质量问题，但由我们与承运人交涉，更换件的运费由公司承担，您无需等待理赔结果。',
		].join('\n\n'),
		bodyEn: [
			'Note "packaging damaged" or "goods damaged" on the carrier\'s delivery receipt and ask the driver to sign it; keep the packaging.',
			'Photograph the outer packaging, the inner packaging and the damaged part (at least one overall and one close-up photo) and upload them with a photo of the receipt.',
			'Transport damage is not a quality defect, but we deal with the carrier: replacement parts ship at our cost and you do not wait for the insurance claim.',
		].join('\n\n'),
		keywords: [
			'运输',
			'破损',
			'碰坏',
			'摔坏',
			'压坏',
			'包装',
			'物流',
			'快递',
			'签收',
			'裂纹',
			'transport',
			'shipping',
			'damaged',
			'broken',
			'dent',
			'packaging',
			'crack',
			'delivery',
		],
	},
	{
		slug: 'pre-installation-checks',
		category: 'PRODUCT_QUALITY',
		titleZh: '安装前检查：避免常见的启动故障',
		titleEn: 'Before installation: checks that prevent common start-up faults',
		bodyZh: [
			'安装前请核对铭牌上的型号、流量、扬程和电压与订单及现场要求一致，并手动盘车确认转动灵活、无卡滞。',
			'离心泵启动前必须灌泵排气，严禁空转；电机接线后先点动，确认旋转方向与泵体箭头一致。',
			'管道重量不得由泵体承受，进出口管路应单独支撑。很多“噪音大”“流量不足”“振动”问题是反转、未灌泵或管路受力造成的。',
		].join('\n\n'),
		bodyEn: [
			'Before installing, check that the model, flow, head and voltage on the nameplate match the order and the site, and turn the shaft by hand: it should turn freely.',
			'Prime a centrifugal pump and vent the air before starting; never run it dry. After wiring the motor, jog it to check that it turns in the direction of the arrow on the casing.',
			'Pipes must be supported on their own, not by the pump. Many reports of noise, low flow or vibration come from reverse rotation, an unprimed pump or strained pipework.',
		].join('\n\n'),
		keywords: [
			'安装',
			'启动',
			'噪音',
			'噪声',
			'振动',
			'流量不足',
			'扬程',
			'反转',
			'空转',
			'不出水',
			'盘车',
			'install',
			'start-up',
			'startup',
			'noise',
			'noisy',
			'vibration',
			'low flow',
			'no water',
			'rotation',
			'dry run',
		],
	},
	{
		slug: 'seal-leakage-causes',
		category: 'PRODUCT_QUALITY',
		titleZh: '机械密封渗漏的常见原因',
		titleEn: 'Common causes of mechanical seal leakage',
		bodyZh: [
			'新泵在最初运行的几小时内有少量滴漏属于磨合期现象，通常会自行停止；持续渗漏或喷漏请立即停机。',
			'常见原因：干转或抽空导致密封面烧伤；介质含颗粒或温度超出密封件材质范围；安装时轴向窜动过大。',
			'提交投诉时请注明运行时长、介质和温度，并拍摄渗漏部位的照片；如多台同批次产品出现相同问题，请在严重程度中选择“有安全隐患或整批问题”。',
		].join('\n\n'),
		bodyEn: [
			'A few drops in the first hours of a new pump are the seal bedding in and usually stop by themselves; stop the pump at once if it keeps leaking or sprays.',
			"Common causes: running dry or cavitation burning the seal faces; a fluid with particles or a temperature outside the seal material's range; too much axial play after installation.",
			'When you file, give the running hours, the fluid and its temperature, and a photo of the leak. If several units of the same batch leak, choose "a safety risk or a whole batch" as the severity.',
		].join('\n\n'),
		keywords: [
			'密封',
			'渗漏',
			'漏水',
			'滴漏',
			'泄漏',
			'漏液',
			'机封',
			'seal',
			'leak',
			'leaking',
			'leakage',
			'drip',
			'dripping',
		],
	},
	{
		slug: 'valve-not-closing',
		category: 'PRODUCT_QUALITY',
		titleZh: '阀门关不严或内漏怎么办',
		titleEn: 'A valve that does not close fully or leaks through',
		bodyZh: [
			'闸阀和止回阀关不严，最常见的原因是管道中的焊渣、砂石卡在密封面之间。请先全开阀门冲洗管路，再缓慢关闭试验。',
			'旋启式止回阀须按阀体箭头方向水平或垂直向上安装，装反或倾斜会导致关闭不严、回流和水锤。',
			'冲洗后仍然内漏的，请拍摄阀瓣和密封面的照片并注明介质压力，我们将判断是否需要返厂检测。',
		].join('\n\n'),
		bodyEn: [
			'Gate and check valves that do not close fully usually have welding slag or grit caught between the seats. Open the valve fully to flush the line, then close it slowly and test again.',
			'A swing check valve must be installed with the flow arrow, horizontally or vertically upwards; installed backwards or tilted, it closes poorly and causes backflow and water hammer.',
			'If it still leaks after flushing, photograph the disc and seats and give the line pressure; we will decide whether it should come back for testing.',
		].join('\n\n'),
		keywords: [
			'阀门',
			'关不严',
			'内漏',
			'闸阀',
			'止回阀',
			'回流',
			'水锤',
			'valve',
			'check valve',
			'gate valve',
			'backflow',
			'water hammer',
			'not closing',
		],
	},
	{
		slug: 'returns-and-exchanges',
		category: 'SALES_POLICY',
		titleZh: '退换货政策',
		titleEn: 'Returns and exchanges',
		bodyZh: [
			'经确认属于产品质量问题的，我们免费更换并承担往返运费；因使用不当造成的损坏，人工免费，配件和运费由客户承担。',
			'责任暂时无法判定的，货物由公司承担费用返回总部，由质量部门检测后按上述原则处理。',
			'非质量原因的退货需在收货后 7 天内提出，产品未安装、包装完好；定制型号不适用无理由退货。退款在收到退货并检验后 5 个工作日内原路退回。',
		].join('\n\n'),
		bodyEn: [
			'When a quality defect is confirmed, we replace the goods free of charge and pay the freight both ways; for damage caused by misuse, labour is free and the customer pays for parts and freight.',
			'When responsibility cannot be decided yet, the goods come back to our headquarters at our cost, the quality department tests them, and one of the two rules above applies.',
			'Returns for reasons other than quality must be asked for within 7 days of delivery, with the product uninstalled and in its packaging; custom models cannot be returned without cause. Refunds are paid to the original account within 5 working days of receiving and checking the goods.',
		].join('\n\n'),
		keywords: [
			'退货',
			'换货',
			'退款',
			'退换',
			'更换',
			'运费',
			'保修',
			'质保',
			'return',
			'refund',
			'exchange',
			'replacement',
			'warranty',
			'freight',
		],
	},
	{
		slug: 'control-cabinet-alarms',
		category: 'PRODUCT_QUALITY',
		titleZh: '水泵控制柜报警与跳闸的排查',
		titleEn: 'Pump control cabinet alarms and trips',
		bodyZh: [
			'过载跳闸：请检查电源电压是否在额定值 ±10% 以内，泵是否被杂物卡住；缺相报警：检查三相进线和熔断器。',
			'一用一备控制柜在主泵故障时会自动切换到备用泵，切换后请尽快排查主泵，不要长期单泵运行。',
			'报警代码可在柜门内侧的说明标签上查到；投诉时请提供代码和报警时的照片。',
		].join('\n\n'),
		bodyEn: [
			'Overload trip: check that the supply voltage is within ±10% of the rating and that the pump is not jammed. Phase-loss alarm: check the three incoming phases and the fuses.',
			'A duty/standby cabinet switches to the standby pump when the duty pump fails; find the cause soon after and do not run on one pump for long.',
			'Alarm codes are listed on the label inside the cabinet door; please give the code and a photo of the display when you file.',
		].join('\n\n'),
		keywords: [
			'控制柜',
			'报警',
			'跳闸',
			'缺相',
			'过载',
			'电机',
			'烧',
			'control cabinet',
			'alarm',
			'trip',
			'tripping',
			'overload',
			'phase',
			'motor',
		],
	},
]

/** Writes the articles that are not there yet (by slug); articles staff edited stay as they are. */
export async function seedKnowledgeArticles(tx: Prisma.TransactionClient): Promise<void> {
	await tx.knowledgeArticle.createMany({
		data: KNOWLEDGE_ARTICLES.map((a) => ({ ...a, published: true })),
		skipDuplicates: true,
	})
}
