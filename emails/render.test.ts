import { describe, expect, expectTypeOf, test } from 'vitest'
import { LANGUAGES } from '#app/i18n/config.ts'
import { complaintSamples } from './complaint-samples.ts'
import type { ResetPasswordProps } from './reset-password.tsx'
import { renderEmail } from './render.ts'
import { TEMPLATE_NAMES, type TemplateName, type TemplateProps } from './templates.ts'

const BRAND = '售后服务平台 / After-sales Service Portal'

// One realistic set of props per template, with the links each must carry.
const samples: { [T in TemplateName]: { props: TemplateProps<T>; links: string[] } } = {
	'verify-email': {
		props: { name: '王芳', url: 'https://portal.test/verify-email?token=v3r1fy' },
		links: ['https://portal.test/verify-email?token=v3r1fy'],
	},
	'reset-password': {
		props: { name: 'Li Wei', url: 'https://portal.test/reset-password?token=r3s3t&lang=en' },
		links: ['https://portal.test/reset-password?token=r3s3t&lang=en'],
	},
	'password-changed': {
		props: { name: '王芳', time: new Date('2026-11-23T09:30:00Z'), resetUrl: 'https://portal.test/forgot-password' },
		links: ['https://portal.test/forgot-password'],
	},
	'signup-existing': {
		props: { name: 'Li Wei', signInUrl: 'https://portal.test/login', resetUrl: 'https://portal.test/forgot-password' },
		links: ['https://portal.test/login', 'https://portal.test/forgot-password'],
	},
	'complaint-received': {
		props: complaintSamples.received,
		links: ['https://portal.test/complaints/CMP-2026-000123'],
	},
	'complaint-updated': {
		props: complaintSamples.reply,
		links: ['https://portal.test/complaints/CMP-2026-000123'],
	},
	'complaint-digest': {
		props: complaintSamples.digest,
		links: ['https://portal.test/complaints/CMP-2026-000123'],
	},
	'sla-breached': {
		props: {
			name: '张伟',
			reference: 'CMP-2026-000123',
			url: 'https://portal.test/complaints/CMP-2026-000123',
			title: '水泥袋破损结块',
			region: { nameZh: '华东大区', nameEn: 'East China' },
			status: 'INVESTIGATING',
			severity: 'MAJOR',
			dueAt: new Date('2026-11-23T09:30:00Z'),
			assigneeName: null,
		},
		links: ['https://portal.test/complaints/CMP-2026-000123'],
	},
	'approval-requested': {
		props: {
			name: '陈静',
			reference: 'CMP-2026-000123',
			title: '泵体渗漏',
			region: { nameZh: '华东大区', nameEn: 'East China' },
			approverRole: 'MARKETING_DIRECTOR',
			reason: { zh: '金额超过 5,000 元由市场总监审批', en: 'Over CNY 5,000: the marketing director approves' },
			proposal: {
				type: 'REPLACEMENT',
				summary: '免费更换泵体一台',
				amountMinor: 800_000,
				currency: 'CNY',
				costBearer: 'COMPANY',
				proposedByName: '李娜',
			},
			url: 'https://portal.test/staff/approvals',
		},
		links: ['https://portal.test/staff/approvals'],
	},
	'approval-declined': {
		props: {
			name: '李娜',
			reference: 'CMP-2026-000123',
			title: '泵体渗漏',
			deciderName: '张伟',
			approverRole: 'REGIONAL_MANAGER',
			comment: '请先确认维修是否可行',
			proposal: {
				type: 'REPLACEMENT',
				summary: '免费更换泵体一台',
				amountMinor: 800_000,
				currency: 'CNY',
				costBearer: 'COMPANY',
				proposedByName: '李娜',
			},
			url: 'https://portal.test/staff/complaints/CMP-2026-000123',
		},
		links: ['https://portal.test/staff/complaints/CMP-2026-000123'],
	},
	'quality-decision': {
		props: {
			name: '王总',
			reference: 'CMP-2026-000123',
			title: '泵体渗漏',
			customerName: '王芳',
			region: { nameZh: '华东大区', nameEn: 'East China' },
			product: { name: '不锈钢离心泵', model: 'CP-50', batchNumber: 'B2026-1107-03' },
			responsibility: 'QUALITY_DEFECT',
			previousResponsibility: null,
			deciderName: '周工',
			deciderRole: 'QUALITY_ENGINEER',
			summary: '泵体铸件有砂眼，属同批次铸造缺陷。',
			photoCount: 3,
			url: 'https://portal.test/staff/complaints/CMP-2026-000123',
		},
		links: ['https://portal.test/staff/complaints/CMP-2026-000123'],
	},
	'survey-invitation': {
		props: {
			name: '王芳',
			kind: 'COMPLAINT',
			complaint: { reference: 'CMP-2026-000123', title: '泵体渗漏' },
			year: null,
			url: 'https://portal.test/survey?token=abcdefghijklmnopqrstuvwxyz234567',
			expiresAt: new Date('2026-12-23T06:15:00Z'),
			reminder: true,
		},
		links: ['https://portal.test/survey?token=abcdefghijklmnopqrstuvwxyz234567'],
	},
	'survey-follow-up': {
		props: {
			name: '张伟',
			kind: 'KEY_ACCOUNT',
			// a key account without a complaint: the subject names the customer
			customerName: 'Lakeside Brewing',
			complaint: null,
			year: 2026,
			region: { nameZh: '华东大区', nameEn: 'East China' },
			scores: {
				timeliness: 2,
				communication: 2,
				resolutionQuality: null,
				productQuality: 3,
				delivery: 1,
				priceFairness: null,
				overall: 2,
			},
			recommend: 3,
			comment: '交货期经常延误。',
			url: 'https://portal.test/staff/surveys',
		},
		links: ['https://portal.test/staff/surveys'],
	},
}

const escapeHtml = (s: string) => s.replaceAll('&', '&amp;')

describe.each(TEMPLATE_NAMES)('%s', (template) => {
	test.each(LANGUAGES)('renders in %s with its links in both parts', async (language) => {
		const { props, links } = samples[template]
		const email = await renderEmail(template, props as never, language)
		expect(email.subject.length).toBeGreaterThan(3)
		expect(email.html).toContain(`lang="${language}"`)
		expect(email.html).toContain(BRAND)
		expect(email.text).toContain(BRAND)
		expect(email.text).toContain(props.name)
		for (const link of links) {
			expect(email.text).toContain(link)
			expect(email.html).toContain(`href="${escapeHtml(link)}"`)
		}
		// the plain-text part is text: no markup, no hidden preview line
		expect(email.text).not.toMatch(/<[a-z]/i)
	})

	test('says different things in Chinese and in English', async () => {
		const { props } = samples[template]
		const zh = await renderEmail(template, props as never, 'zh-CN')
		const en = await renderEmail(template, props as never, 'en')
		expect(zh.subject).not.toBe(en.subject)
		expect(zh.subject).toMatch(/[\u4e00-\u9fff]/)
		expect(en.subject).not.toMatch(/[\u4e00-\u9fff]/)
		expect(zh.text).toContain('售后服务部')
		expect(en.text).toContain('After-sales Service Department')
	})
})

test('the verification link is said to last 24 hours', async () => {
	const { text } = await renderEmail('verify-email', samples['verify-email'].props, 'zh-CN')
	expect(text).toContain('24 小时')
	expect((await renderEmail('verify-email', samples['verify-email'].props, 'en')).text).toContain('24 hours')
})

test('the reset link says how long it lasts: 10 minutes unless told otherwise', async () => {
	const props = samples['reset-password'].props
	expect((await renderEmail('reset-password', props, 'en')).text).toContain('expires in 10 minutes')
	expect((await renderEmail('reset-password', { ...props, expiresInMinutes: 30 }, 'zh-CN')).text).toContain('30 分钟')
})

test('the password-changed time is shown in the company time zone, with the zone named', async () => {
	const props = samples['password-changed'].props
	expect((await renderEmail('password-changed', props, 'zh-CN')).text).toContain('2026年11月23日 17:30（GMT+8）')
	expect((await renderEmail('password-changed', props, 'en')).text).toContain('17:30 (GMT+8)')
	const berlin = await renderEmail('password-changed', { ...props, timeZone: 'Europe/Berlin' }, 'en')
	expect(berlin.text).toContain('10:30 (GMT+1)')
})

test('the quality decision tells the general manager what was decided, by whom, on what and why', async () => {
	const props = samples['quality-decision'].props
	const zh = await renderEmail('quality-decision', props, 'zh-CN')
	expect(zh.subject).toBe('产品质量问题责任判定通知：CMP-2026-000123')
	for (const part of [
		'品管部质量工程师周工已对产品质量客诉 CMP-2026-000123（“泵体渗漏”）作出责任判定。',
		'客户：王芳',
		'区域：华东大区',
		'产品：不锈钢离心泵（型号 CP-50）',
		'批号：B2026-1107-03',
		'责任判定：产品质量问题',
		'证据照片：3 张',
		'泵体铸件有砂眼，属同批次铸造缺陷。',
	])
		expect(zh.text).toContain(part)
	expect(zh.text).not.toContain('QUALITY_DEFECT')

	const en = await renderEmail('quality-decision', props, 'en')
	expect(en.subject).toBe('Product-quality responsibility decided: CMP-2026-000123')
	for (const part of [
		'周工 (Quality engineer) has decided who is responsible for the product-quality complaint CMP-2026-000123',
		'Customer: 王芳',
		'Region: East China',
		'Product: 不锈钢离心泵 (model CP-50)',
		'Batch: B2026-1107-03',
		'Responsibility: Product quality defect',
		'Evidence photos: 3 photos',
	])
		expect(en.text).toContain(part)

	// decided again, on the whole order: the earlier decision is named, no batch is made up
	const again = { ...props, product: null, previousResponsibility: 'UNDETERMINED', photoCount: 1 } as const
	const zhAgain = await renderEmail('quality-decision', again, 'zh-CN')
	expect(zhAgain.text).toContain('重新作出责任判定，原判定为“责任不明”。')
	expect(zhAgain.text).toContain('产品：整个订单（未指定订单行）')
	expect(zhAgain.text).not.toContain('批号')
	const enAgain = await renderEmail('quality-decision', again, 'en')
	expect(enAgain.text).toContain('The earlier decision was “Not yet clear”.')
	expect(enAgain.text).toContain('Evidence photos: 1 photo')
	expect(enAgain.text).not.toContain('Batch:')
})

test('names are escaped in the HTML part', async () => {
	const email = await renderEmail('verify-email', { name: '<b>Eve</b>', url: 'https://portal.test/v' }, 'en')
	expect(email.html).not.toContain('<b>Eve</b>')
	expect(email.html).toContain('&lt;b&gt;Eve&lt;/b&gt;')
})

test("a template's props are checked at compile time", () => {
	expectTypeOf<TemplateProps<'reset-password'>>().toEqualTypeOf<ResetPasswordProps>()
	// These must not compile: `npm run typecheck` fails if one does.
	const misuse = () => [
		// @ts-expect-error the verification link is missing
		renderEmail('verify-email', { name: 'x' }, 'en'),
		// @ts-expect-error these are another template's props
		renderEmail('password-changed', { name: 'x', url: 'https://portal.test' }, 'en'),
		// @ts-expect-error no such template
		renderEmail('welcome', { name: 'x' }, 'en'),
	]
	expect(misuse).toBeTypeOf('function')
})
