import { describe, expect, test } from 'vitest'
import { complaintSamples as s } from './complaint-samples.ts'
import { renderEmail } from './render.ts'

/**
 * The "received" email of a complaint someone filed for the customer
 * (app/domain/complaints/file-for-customer.ts): the same email, with one sentence saying who
 * filed it and how, in both languages; nothing of it when the customer filed it themself.
 */

const byDealer = { ...s.received, filedOnBehalf: { by: 'DEALER' as const, dealerName: '华东泵阀经销部' } }
const byPhone = { ...s.received, filedOnBehalf: { by: 'STAFF' as const, channel: 'PHONE' as const } }
const byEmail = { ...s.received, filedOnBehalf: { by: 'STAFF' as const, channel: 'EMAIL' as const } }

describe('complaint-received, filed on the customer’s behalf', () => {
	test('names the dealer who filed it, in both languages, with the rest of the email unchanged', async () => {
		const en = await renderEmail('complaint-received', byDealer, 'en')
		expect(en.subject).toBe('We have received your complaint CMP-2026-000123')
		expect(en.text).toContain(
			'Your dealer 华东泵阀经销部 filed this complaint on your behalf. It is yours: you follow it and we answer you, as if you had filed it yourself.',
		)
		expect(en.text).toContain('Order number: SO-2026-10482')
		const zh = await renderEmail('complaint-received', byDealer, 'zh-CN')
		expect(zh.subject).toBe('我们已收到您的投诉 CMP-2026-000123')
		expect(zh.text).toContain('您的经销商华东泵阀经销部已代您提交此投诉。')
		expect(zh.html).toContain('华东泵阀经销部')
	})

	test('says staff recorded it from the customer’s call or email', async () => {
		expect((await renderEmail('complaint-received', byPhone, 'en')).text).toContain(
			'Our after-sales service recorded this complaint on your behalf from your phone call.',
		)
		expect((await renderEmail('complaint-received', byEmail, 'en')).text).toContain('on your behalf from your email.')
		expect((await renderEmail('complaint-received', byPhone, 'zh-CN')).text).toContain('根据您的来电代您登记此投诉')
		expect((await renderEmail('complaint-received', byEmail, 'zh-CN')).text).toContain('根据您的来信代您登记此投诉')
	})

	test('says nothing of the kind when the customer filed it', async () => {
		for (const props of [s.received, { ...s.received, filedOnBehalf: null }]) {
			expect((await renderEmail('complaint-received', props, 'en')).text).not.toContain('on your behalf')
			expect((await renderEmail('complaint-received', props, 'zh-CN')).text).not.toContain('代您')
		}
	})
})
