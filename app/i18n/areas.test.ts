import { describe, expect, test } from 'vitest'
import { areaOf, CONSOLE_NAMESPACES } from './areas.ts'
import { messagesFor } from './messages.server.ts'
import { NAMESPACES } from './resources.ts'

describe('messages per area', () => {
	test.each([
		['/', 'customer'],
		['/complaints/CMP-2026-000001', 'customer'],
		['/staffing', 'customer'],
		['/staff', 'console'],
		['/staff/queue', 'console'],
		['/staff/complaints/CMP-2026-000001', 'console'],
	] as const)('%s is in the %s area', (path, area) => {
		expect(areaOf(path)).toBe(area)
	})

	test('customer pages get every namespace but the console ones, in one language', () => {
		const zh = messagesFor('zh-CN', 'customer')
		expect(Object.keys(zh).sort()).toEqual(NAMESPACES.filter((ns) => !CONSOLE_NAMESPACES.includes(ns as never)).sort())
		expect(JSON.stringify(zh)).not.toContain('After-sales Service Portal')
	})

	test('the console gets every namespace', () => {
		expect(Object.keys(messagesFor('en', 'console')).sort()).toEqual([...NAMESPACES].sort())
	})
})
