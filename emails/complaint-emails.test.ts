import { describe, expect, test } from 'vitest'
import { LANGUAGES } from '#app/i18n/config.ts'
import { complaintSamples as s } from './complaint-samples.ts'
import { renderEmail } from './render.ts'

const REF = 'CMP-2026-000123'
const URL = 'https://portal.test/complaints/CMP-2026-000123'

describe.each(LANGUAGES)('complaint emails in %s', (language) => {
	test.each([
		['complaint-received', s.received],
		['complaint-updated', s.reply],
		['complaint-updated', s.statusChange],
		['complaint-digest', s.digest],
	] as const)('%s names the reference in the subject and links the complaint page', async (template, props) => {
		const email = await renderEmail(template, props as never, language)
		expect(email.subject).toContain(REF)
		expect(email.text).toContain(REF)
		expect(email.text).toContain(URL)
		expect(email.html).toContain(`href="${URL}"`)
		expect(email.html).toContain(`lang="${language}"`)
	})
})

describe('complaint-received', () => {
	test('reads the record back and promises a first response in 24 hours, in Shanghai time', async () => {
		const zh = await renderEmail('complaint-received', s.received, 'zh-CN')
		expect(zh.subject).toBe('我们已收到您的投诉 CMP-2026-000123')
		expect(zh.text).toContain('订单号：SO-2026-10482')
		expect(zh.text).toContain('普通硅酸盐水泥 P.O 42.5（型号 PO42.5-50KG，批号 B2026-1107-03）')
		expect(zh.text).toContain('投诉类别：运输、储存或搬运造成的损坏')
		expect(zh.text).toContain('您的处理要求：更换')
		expect(zh.text).toContain('24 小时内给您首次书面答复，最迟不晚于 2026年11月24日 17:30（GMT+8）。')

		const en = await renderEmail('complaint-received', s.received, 'en')
		expect(en.subject).toBe('We have received your complaint CMP-2026-000123')
		expect(en.text).toContain('Order number: SO-2026-10482')
		expect(en.text).toContain('Type of problem: Damage in transport, storage or handling')
		expect(en.text).toContain('What you asked for: Replacement')
		expect(en.text).toContain('within 24 hours, by November 24, 2026 at 17:30 (GMT+8)')
	})

	test('a key account is promised its target (4 hours); a complaint about the whole order says so', async () => {
		const props = {
			...s.received,
			firstResponseTarget: { amount: 4, unit: 'HOURS' as const },
			product: null,
			firstResponseDueAt: new Date('2026-11-23T13:30:00Z'),
		}
		const en = await renderEmail('complaint-received', props, 'en')
		expect(en.text).toContain('within 4 hours, by November 23, 2026 at 21:30 (GMT+8)')
		expect(en.text).toContain('Product: The whole order')
		expect((await renderEmail('complaint-received', props, 'zh-CN')).text).toContain('4 小时内')
	})

	test('states the configured target in its unit, whatever it is', async () => {
		const within = async (amount: number, unit: 'HOURS' | 'WORKING_HOURS' | 'WORKING_DAYS' | 'DAYS') => {
			const props = { ...s.received, firstResponseTarget: { amount, unit } }
			return [
				(await renderEmail('complaint-received', props, 'zh-CN')).text,
				(await renderEmail('complaint-received', props, 'en')).text,
			]
		}
		const [zh8, en8] = await within(8, 'WORKING_HOURS')
		expect(zh8).toContain('并在 8 个工作小时内给您首次书面答复')
		expect(en8).toContain('a first response in writing within 8 working hours, by')
		expect(en8).not.toContain('24 hours')
		const [zh1, en1] = await within(1, 'WORKING_DAYS')
		expect(zh1).toContain('并在 1 个工作日内给您首次书面答复')
		expect(en1).toContain('within 1 working day, by')
		const [zh2, en2] = await within(2, 'DAYS')
		expect(zh2).toContain('并在 2 天内')
		expect(en2).toContain('within 2 days, by')
		const [, en1h] = await within(1, 'HOURS')
		expect(en1h).toContain('within 1 hour, by')
	})
})

describe('complaint-updated', () => {
	test('quotes a written reply line by line, says what happens next and how to change the frequency', async () => {
		const en = await renderEmail('complaint-updated', s.reply, 'en')
		expect(en.subject).toBe('New reply on your complaint CMP-2026-000123')
		expect(en.text).toContain('We replied to you in writing:')
		expect(en.text).toContain('We will visit on Tuesday to take samples.\nPlease keep the torn bags.')
		expect(en.html).toContain('<br/>Please keep the torn bags.')
		expect(en.text).toContain('Status now: Being looked into')
		expect(en.text).toContain('will tell you our findings by November 30, 2026 at 14:15 (GMT+8)')
		expect(en.text).toContain('change how you are notified on the complaint page')

		const zh = await renderEmail('complaint-updated', s.reply, 'zh-CN')
		expect(zh.subject).toBe('您的投诉 CMP-2026-000123 有新的回复')
		expect(zh.text).toContain('我们给您的书面回复：')
		expect(zh.text).toContain('当前处理进度：正在核实处理')
		expect(zh.text).toContain('请在投诉页面修改通知方式')
	})

	test('a status change reads old → new in plain words, with the next step', async () => {
		const zh = await renderEmail('complaint-updated', s.statusChange, 'zh-CN')
		expect(zh.subject).toBe('您的投诉 CMP-2026-000123 处理进度更新：等待您补充信息')
		expect(zh.text).toContain('处理进度由“已受理”变为“等待您补充信息”。')
		expect(zh.text).toContain('请在投诉页面补充')
		const en = await renderEmail('complaint-updated', s.statusChange, 'en')
		expect(en.text).toContain('The status changed from “Accepted for handling” to “Waiting for information from you”.')
		expect(en.text).toContain('please add it on the complaint page')
		expect(en.text).not.toMatch(/WAITING_ON_CUSTOMER|ACKNOWLEDGED/)
	})

	test('a proposed solution with money says how much and who pays, in the customer’s words', async () => {
		const props = {
			...s.reply,
			change: {
				kind: 'resolution' as const,
				at: new Date('2026-11-23T08:00:00Z'),
				remedy: 'REFUND' as const,
				summary: '退还 6 袋货款。',
				amountMinor: 800_050,
				currency: 'CNY',
				costBearer: 'COMPANY' as const,
			},
			status: 'RESOLUTION_PROPOSED' as const,
			nextDueAt: null,
		}
		const zh = await renderEmail('complaint-updated', props, 'zh-CN')
		expect(zh.subject).toBe('您的投诉 CMP-2026-000123 已有处理方案')
		expect(zh.text).toContain('我们提出的处理方案：退款。')
		expect(zh.text).toContain('金额：¥8,000.50')
		expect(zh.text).toContain('费用：由我方承担')
		const en = await renderEmail('complaint-updated', props, 'en')
		expect(en.text).toContain('Amount: CN¥8,000.50')
		expect(en.text).toContain('Cost: Paid by us')
		expect(en.text).not.toContain('COMPANY')

		const customerPays = { ...props, change: { ...props.change, costBearer: 'CUSTOMER' as const } }
		expect((await renderEmail('complaint-updated', customerPays, 'zh-CN')).text).toContain('费用：由您承担')
		expect((await renderEmail('complaint-updated', customerPays, 'en')).text).toContain('Cost: Paid by you')

		// no money involved: neither line
		const free = { ...props, change: { ...props.change, amountMinor: 0 } }
		const zhFree = await renderEmail('complaint-updated', free, 'zh-CN')
		expect(zhFree.text).toContain('退还 6 袋货款。')
		expect(zhFree.text).not.toContain('金额')
		expect(zhFree.text).not.toContain('由我方承担')
	})

	test('a reply is escaped in the HTML part', async () => {
		const props = { ...s.reply, change: { ...s.reply.change, body: '<script>alert(1)</script>' } }
		const email = await renderEmail('complaint-updated', props, 'en')
		expect(email.html).not.toContain('<script>alert(1)</script>')
		expect(email.html).toContain('&lt;script&gt;')
	})
})

describe('complaint-digest', () => {
	test('lists every change with its time, then where the complaint stands', async () => {
		const en = await renderEmail('complaint-digest', s.digest, 'en')
		expect(en.subject).toBe('Daily summary for your complaint CMP-2026-000123: 3 updates')
		expect(en.text).toContain(
			'The status changed from “Received, waiting for our first response” to “Accepted for handling”.',
		)
		expect(en.text).toContain('November 23, 2026 at 10:00 (GMT+8)')
		expect(en.text).toContain('We will visit on Tuesday to take samples.')
		expect(en.text).toContain('We propose a solution: Replacement.')
		expect(en.text).toContain('Ten new bags, freight on us.')
		expect(en.text).toContain('Status now: Solution proposed, waiting for your answer')
		expect(en.text).toContain('To get an email for every change instead')

		const zh = await renderEmail('complaint-digest', s.digest, 'zh-CN')
		expect(zh.subject).toBe('投诉 CMP-2026-000123 每日动态汇总（3 条）')
		expect(zh.text).toContain('我们提出的处理方案：更换。')
		expect(zh.text).toContain('2026年11月23日 10:00（GMT+8）')
		expect(zh.text).toContain('如希望每次变化都收到通知')
	})
})
