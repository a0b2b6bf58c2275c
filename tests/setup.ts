import { afterEach, vi } from 'vitest'

// A test that logs console.error fails unless it says it expects one
// (`vi.mocked(console.error).mockImplementation(() => {})` inside the test).
const consoleError = vi.spyOn(console, 'error')
afterEach(() => {
	const calls = consoleError.mock.calls
	const expected = consoleError.getMockImplementation() !== undefined
	consoleError.mockReset()
	if (calls.length > 0 && !expected) {
		throw new Error(`console.error was called:\n${calls.map((c) => c.join(' ')).join('\n')}`)
	}
})
