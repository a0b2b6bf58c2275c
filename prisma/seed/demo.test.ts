import { describe, expect, test } from 'vitest'
import { demoAccounts, displayWidth, formatDemoAccounts } from './demo.ts'

describe('formatDemoAccounts', () => {
	test('lists every account with its email, name, role and password', () => {
		const accounts = demoAccounts()
		const table = formatDemoAccounts(accounts)
		for (const a of accounts) {
			const line = table.split('\n').find((l) => l.includes(a.email))
			expect(line).toBeDefined()
			expect(line).toContain(a.name)
			expect(line).toContain(a.role)
			expect(line).toContain(a.password)
		}
	})

	test('aligns columns by display width, with Chinese characters two columns wide', () => {
		const table = formatDemoAccounts([
			{ role: '客服专员 Agent', name: '刘婷', email: 'agent@demo.example.com', password: 'pw-1' },
			{ role: 'Customer', name: 'David Miller', email: 'd@demo.example.com', password: 'pw-2' },
		])
		const rows = table.split('\n').slice(1)
		// the password column starts at the same display column on every row
		const starts = rows.map((r) => {
			const cells = r.split(/ {2,}/)
			return displayWidth(r.slice(0, r.lastIndexOf(cells[cells.length - 1]!)))
		})
		expect(new Set(starts).size).toBe(1)
		expect(displayWidth('刘婷')).toBe(4)
		expect(displayWidth('（华东）')).toBe(8)
		expect(displayWidth('Agent')).toBe(5)
	})
})
