import { describe, expect, test } from 'vitest'
import { complaintReferenceYear, formatComplaintReference, parseComplaintReference } from './reference.ts'

describe('complaint references', () => {
	test('format pads the sequence to six digits', () => {
		expect(formatComplaintReference({ year: 2026, sequence: 123 })).toBe('CMP-2026-000123')
		expect(formatComplaintReference({ year: 2027, sequence: 1 })).toBe('CMP-2027-000001')
		expect(formatComplaintReference({ year: 2026, sequence: 1_234_567 })).toBe('CMP-2026-1234567')
	})

	test('format refuses what cannot be a reference', () => {
		expect(() => formatComplaintReference({ year: 2026, sequence: 0 })).toThrow(RangeError)
		expect(() => formatComplaintReference({ year: 2026, sequence: 1.5 })).toThrow(RangeError)
		expect(() => formatComplaintReference({ year: 26, sequence: 1 })).toThrow(RangeError)
	})

	test('parse reads what people type and round-trips with format', () => {
		expect(parseComplaintReference('CMP-2026-000123')).toEqual({ year: 2026, sequence: 123 })
		expect(parseComplaintReference(' cmp-2026-000123 ')).toEqual({ year: 2026, sequence: 123 })
		expect(parseComplaintReference('CMP-2026-123')).toEqual({ year: 2026, sequence: 123 })
		expect(parseComplaintReference('ＣＭＰ－２０２６－０００１２３')).toEqual({ year: 2026, sequence: 123 })
		const ref = formatComplaintReference({ year: 2031, sequence: 42 })
		expect(formatComplaintReference(parseComplaintReference(ref)!)).toBe(ref)
	})

	test('parse returns null for anything else', () => {
		for (const input of ['', 'CMP-2026', 'CMP-2026-000000', 'CMP-26-000001', 'SO-2026-10231', 'CMP-2026-00001x']) {
			expect(parseComplaintReference(input)).toBeNull()
		}
	})

	test('the year is the calendar year in the company time zone', () => {
		// 2026-12-31 17:00 UTC is already 1 January 2027 in Shanghai
		expect(complaintReferenceYear(new Date('2026-12-31T17:00:00Z'))).toBe(2027)
		expect(complaintReferenceYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026)
		expect(complaintReferenceYear(new Date('2026-12-31T17:00:00Z'), 'UTC')).toBe(2026)
	})
})
