import { describe, expect, test } from 'vitest'
import { normalizeOrderNumber } from './order-number.ts'

describe('normalizeOrderNumber', () => {
	test('upper-cases and removes spaces', () => {
		expect(normalizeOrderNumber(' so-2026-10231 ')).toBe('SO-2026-10231')
		expect(normalizeOrderNumber('SO 2026 10231')).toBe('SO202610231')
	})

	test('removes every kind of whitespace, full-width spaces included', () => {
		expect(normalizeOrderNumber('SO-2026\u3000-10231')).toBe('SO-2026-10231')
		expect(normalizeOrderNumber('so-2026-\t10231\n')).toBe('SO-2026-10231')
		expect(normalizeOrderNumber('SO-\u00A02026-10231')).toBe('SO-2026-10231')
		expect(normalizeOrderNumber('SO-2026-\u200B10231\uFEFF')).toBe('SO-2026-10231')
	})

	test('folds full-width letters, digits and hyphens typed with a Chinese input method', () => {
		expect(normalizeOrderNumber('ｓｏ－２０２６－１０２３１')).toBe('SO-2026-10231')
	})

	test('is idempotent and keeps what is not case or whitespace', () => {
		const once = normalizeOrderNumber(' po/2026_a-7 ')
		expect(once).toBe('PO/2026_A-7')
		expect(normalizeOrderNumber(once)).toBe(once)
		expect(normalizeOrderNumber('')).toBe('')
	})
})
