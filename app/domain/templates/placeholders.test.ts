import { describe, expect, test } from 'vitest'
import { STARTER_TEMPLATES } from '../../../prisma/seed/reply-templates.ts'
import {
	formatDueDate,
	PLACEHOLDERS,
	renderTemplate,
	unfilledPlaceholders,
	unknownPlaceholders,
	type TemplateContext,
} from './placeholders.ts'

const due = new Date('2026-11-26T02:00:00Z') // Thursday 10:00 in Shanghai

const full: Omit<TemplateContext, 'language'> = {
	customerName: '王芳',
	reference: 'CMP-2026-000123',
	orderNumber: 'SO-2026-10482',
	title: '水泥袋破损结块',
	dueDate: due,
	agentName: '李客服',
}

describe('renderTemplate', () => {
	test('fills in every placeholder, the date in the template’s language and the region’s zone', () => {
		const body =
			'{{customerName}}，您好：客诉 {{reference}}（订单 {{orderNumber}}，“{{title}}”）将于 {{dueDate}} 前答复。{{agentName}}'
		expect(renderTemplate(body, { ...full, language: 'zh-CN' })).toBe(
			'王芳，您好：客诉 CMP-2026-000123（订单 SO-2026-10482，“水泥袋破损结块”）将于 2026年11月26日 10:00（GMT+8） 前答复。李客服',
		)
		expect(
			renderTemplate('Dear {{customerName}}, by {{dueDate}}.', { ...full, customerName: 'Fang Wang', language: 'en' }),
		).toBe('Dear Fang Wang, by November 26, 2026 at 10:00 (GMT+8).')
		expect(renderTemplate('by {{dueDate}}', { language: 'en', dueDate: due, timeZone: 'Asia/Urumqi' })).toBe(
			'by November 26, 2026 at 08:00 (GMT+6)',
		)
	})

	test('takes the date as an ISO string too (loader data is serialised)', () => {
		expect(renderTemplate('{{dueDate}}', { language: 'en', dueDate: due.toISOString() })).toBe(
			'November 26, 2026 at 10:00 (GMT+8)',
		)
	})

	test('spaces inside the braces and repeats are fine', () => {
		expect(renderTemplate('{{ reference }} / {{reference}}', { language: 'en', reference: 'CMP-2026-000001' })).toBe(
			'CMP-2026-000001 / CMP-2026-000001',
		)
	})

	test('leaves a placeholder without a value, and an unknown one, as written', () => {
		const text = renderTemplate('{{customerName}}: order {{orderNumber}}, due {{dueDate}}, {{customer}}', {
			language: 'en',
			customerName: 'Fang',
			orderNumber: null,
			dueDate: null,
		})
		expect(text).toBe('Fang: order {{orderNumber}}, due {{dueDate}}, {{customer}}')
		expect(unfilledPlaceholders(text)).toEqual(['orderNumber', 'dueDate'])
	})

	test('an invalid date is left as a placeholder, not "Invalid Date"', () => {
		expect(renderTemplate('{{dueDate}}', { language: 'zh-CN', dueDate: 'not a date' })).toBe('{{dueDate}}')
	})

	test('text without placeholders, single braces and i18n-like syntax pass through', () => {
		const text = 'Price {x} and {{{ and }} and $t(key)'
		expect(renderTemplate(text, { ...full, language: 'en' })).toBe(text)
	})

	test('a value that looks like a placeholder is not filled in again', () => {
		expect(renderTemplate('{{title}}', { language: 'en', title: '{{agentName}}', agentName: 'Li' })).toBe(
			'{{agentName}}',
		)
	})
})

describe('unknownPlaceholders', () => {
	test('finds misspelt and invented ones, once each, as written', () => {
		expect(unknownPlaceholders('{{customer}} {{ Reference }} {{customer}} {{}} {{customerName}}')).toEqual([
			'{{customer}}',
			'{{ Reference }}',
			'{{}}',
		])
	})

	test('every allowed placeholder passes', () => {
		expect(unknownPlaceholders(PLACEHOLDERS.map((p) => `{{${p}}}`).join(' '))).toEqual([])
	})

	test('the starter templates use only allowed placeholders, in both languages', () => {
		for (const template of STARTER_TEMPLATES) {
			expect(unknownPlaceholders(template.bodyZh)).toEqual([])
			expect(unknownPlaceholders(template.bodyEn)).toEqual([])
		}
	})
})

describe('formatDueDate', () => {
	test('as the emails write it', () => {
		expect(formatDueDate(due, 'zh-CN')).toBe('2026年11月26日 10:00（GMT+8）')
		expect(formatDueDate(due, 'en')).toBe('November 26, 2026 at 10:00 (GMT+8)')
		// a zone with daylight saving names its summer offset
		expect(formatDueDate(new Date('2026-07-01T08:00:00Z'), 'en', 'Europe/Berlin')).toBe('July 1, 2026 at 10:00 (GMT+2)')
	})
})
