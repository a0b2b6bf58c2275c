import { describe, expect, test } from 'vitest'
import { serviceRecordOf, type ServiceRecordBefore } from './service-record.ts'

const due = new Date('2026-10-10T10:00:00Z')
const open: ServiceRecordBefore = { status: 'INVESTIGATING', slaDueAt: due, slaBreachedAt: null, resolvedAt: null }
const at = (iso: string) => new Date(iso)

describe('the service record a change implies', () => {
	test('a clock replaced after its due time was a promise missed; at the due time it was kept', () => {
		expect(serviceRecordOf(open, { slaDueAt: null }, at('2026-10-10T10:00:00.001Z'))).toEqual({ slaBreachedAt: due })
		expect(serviceRecordOf(open, { slaDueAt: null }, due)).toEqual({})
		expect(serviceRecordOf(open, { slaDueAt: new Date('2026-10-20T00:00:00Z') }, at('2026-10-11T00:00:00Z'))).toEqual({
			slaBreachedAt: due,
		})
	})

	test('a change that leaves the clock alone records nothing, however late', () => {
		expect(serviceRecordOf(open, { department: 'QUALITY' }, at('2026-12-01T00:00:00Z'))).toEqual({})
	})

	test('the first broken promise stays; no clock, nothing to break', () => {
		const broken = { ...open, slaBreachedAt: new Date('2026-10-01T00:00:00Z') }
		expect(serviceRecordOf(broken, { slaDueAt: null }, at('2026-10-11T00:00:00Z'))).toEqual({})
		expect(serviceRecordOf({ ...open, slaDueAt: null }, { slaDueAt: due }, at('2026-10-11T00:00:00Z'))).toEqual({})
	})

	test('answered when resolved or rejected; closing keeps it; back into the work clears it', () => {
		const now = at('2026-10-09T00:00:00Z')
		expect(serviceRecordOf(open, { status: 'REJECTED' }, now)).toEqual({ resolvedAt: now })
		expect(serviceRecordOf({ ...open, status: 'RESOLVING' }, { status: 'RESOLVED' }, now)).toEqual({ resolvedAt: now })
		const answered = { ...open, status: 'RESOLVED' as const, slaDueAt: null, resolvedAt: now }
		expect(serviceRecordOf(answered, { status: 'CLOSED' }, now)).toEqual({})
		expect(serviceRecordOf(answered, { status: 'ESCALATED' }, now)).toEqual({ resolvedAt: null })
		expect(serviceRecordOf({ ...answered, status: 'CLOSED' }, { status: 'INVESTIGATING' }, now)).toEqual({
			resolvedAt: null,
		})
		// a status written again unchanged is no move
		expect(serviceRecordOf(answered, { status: 'RESOLVED' }, at('2026-11-01T00:00:00Z'))).toEqual({})
	})
})
