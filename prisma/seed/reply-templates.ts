import type { ComplaintCategory } from '#app/generated/prisma/enums.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'

/**
 * The reply templates a new installation starts with (issue 4 §6), in both languages, with the
 * placeholders of app/domain/templates/placeholders.ts. Staff edit, archive and add to them in
 * the console; the 【…】/[…] parts are for the person replying to fill in.
 */

export interface StarterTemplate {
	name: string
	category: ComplaintCategory | null
	bodyZh: string
	bodyEn: string
}

const SIGNATURE_ZH = '售后服务部 {{agentName}}'
const SIGNATURE_EN = '{{agentName}}\nAfter-sales Service'

export const STARTER_TEMPLATES: readonly StarterTemplate[] = [
	{
		name: '受理确认 · Acknowledgement',
		category: null,
		bodyZh: [
			'{{customerName}}，您好：',
			'我们已收到您关于“{{title}}”的客诉（编号 {{reference}}，订单 {{orderNumber}}），并已正式受理。我们将安排责任部门核实情况，并于 {{dueDate}} 前书面答复您处理进展。',
			'如有补充信息或照片，您可以随时在投诉页面补充。',
			SIGNATURE_ZH,
		].join('\n\n'),
		bodyEn: [
			'Dear {{customerName}},',
			'We have received your complaint “{{title}}” (reference {{reference}}, order {{orderNumber}}) and accepted it for handling. The responsible department is looking into it, and we will tell you in writing how it stands by {{dueDate}}.',
			'If you have more information or photos, you can add them on the complaint page at any time.',
			SIGNATURE_EN,
		].join('\n\n'),
	},
	{
		name: '请补充照片 · Request for photos',
		category: 'PRODUCT_QUALITY',
		bodyZh: [
			'{{customerName}}，您好：',
			'为尽快查明问题原因，请在客诉 {{reference}} 的页面补充以下照片：\n1. 产品整体及问题部位的近照；\n2. 产品铭牌或标签（型号、批号清晰可见）；\n3. 外包装及物流面单（如有破损）。',
			'收到照片后，我们将继续现场调查或取样分析。感谢您的配合！',
			SIGNATURE_ZH,
		].join('\n\n'),
		bodyEn: [
			'Dear {{customerName}},',
			'To find the cause as quickly as possible, please add these photos on the page of complaint {{reference}}:\n1. the whole product, and a close-up of the problem;\n2. the nameplate or label, with the model and batch number readable;\n3. the outer packaging and the shipping label, if they are damaged.',
			'Once we have them we will continue the on-site investigation or the sample analysis. Thank you for your help.',
			SIGNATURE_EN,
		].join('\n\n'),
	},
	{
		name: '运输破损取证 · Transport damage: evidence',
		category: 'HANDLING_DAMAGE',
		bodyZh: [
			'{{customerName}}，您好：',
			'很抱歉订单 {{orderNumber}} 的货物在运输中受损。为便于我们与承运方核实责任，请保留受损货物及包装，并在客诉 {{reference}} 的页面补充外包装、破损部位和签收单的照片。',
			'我们将在核实后尽快与您确定处理方案。',
			SIGNATURE_ZH,
		].join('\n\n'),
		bodyEn: [
			'Dear {{customerName}},',
			'We are sorry that the goods of order {{orderNumber}} were damaged in transit. So that we can settle responsibility with the carrier, please keep the damaged goods and their packaging, and add photos of the packaging, the damage and the signed delivery note on the page of complaint {{reference}}.',
			'Once we have checked them we will agree a resolution with you as soon as possible.',
			SIGNATURE_EN,
		].join('\n\n'),
	},
	{
		name: '处理结果确认 · Resolution confirmation',
		category: null,
		bodyZh: [
			'{{customerName}}，您好：',
			'关于您的客诉 {{reference}}（{{title}}），经责任判定，我们的处理方案已执行完毕：【请填写处理结果】。',
			'请您确认问题是否已经解决。如仍有疑问，可在投诉页面回复我们，我们将继续跟进。感谢您的理解与支持！',
			SIGNATURE_ZH,
		].join('\n\n'),
		bodyEn: [
			'Dear {{customerName}},',
			'Regarding your complaint {{reference}} ({{title}}): following our determination of responsibility, the resolution has been carried out: [describe the result].',
			'Please let us know whether the problem is solved. If anything is still open, reply on the complaint page and we will follow it up. Thank you for your patience.',
			SIGNATURE_EN,
		].join('\n\n'),
	},
	{
		name: '不予支持（附理由）· Rejection with reason',
		category: null,
		bodyZh: [
			'{{customerName}}，您好：',
			'我们认真核查了您的客诉 {{reference}}（{{title}}）。经现场调查和责任判定：【请填写理由及依据，例如检测结果】。因此该问题不属于我公司的责任范围，本次投诉不予支持。',
			'如您对本书面答复有异议，可在投诉页面申请总部复核，也可以向有关部门反映。',
			SIGNATURE_ZH,
		].join('\n\n'),
		bodyEn: [
			'Dear {{customerName}},',
			'We have carefully examined your complaint {{reference}} ({{title}}). Our investigation and determination of responsibility found that [state the reason and the evidence, such as test results]. The problem therefore lies outside our responsibility, and we cannot uphold the complaint.',
			'If you disagree with this written reply, you can ask head office to review it on the complaint page, and you may also take the matter to the authorities.',
			SIGNATURE_EN,
		].join('\n\n'),
	},
]

// Any constant that nothing else takes as an advisory lock: instances starting together take turns.
const TEMPLATES_LOCK_KEY = 72_707_371

/**
 * Writes the starter templates into an installation that has none, archived ones included, so
 * that templates staff removed do not come back at the next start. Returns how many it wrote.
 */
export async function seedReplyTemplates(tx: Prisma.TransactionClient): Promise<number> {
	await tx.$executeRaw`SELECT pg_advisory_xact_lock(${TEMPLATES_LOCK_KEY}::bigint)`
	if ((await tx.replyTemplate.count()) > 0) return 0
	const { count } = await tx.replyTemplate.createMany({ data: STARTER_TEMPLATES.map((t) => ({ ...t })) })
	return count
}
