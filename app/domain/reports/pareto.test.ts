import { expect, test } from 'vitest'
import { paretoOf } from './pareto.ts'

test('most frequent first, ties by key, zeros left out, the last cumulative share exactly 1', () => {
	expect(
		paretoOf([
			{ key: 'b', count: 1 },
			{ key: 'c', count: 0 },
			{ key: 'a', count: 1 },
			{ key: 'd', count: 4 },
		]),
	).toEqual([
		{ key: 'd', count: 4, share: 4 / 6, cumulativeShare: 4 / 6 },
		{ key: 'a', count: 1, share: 1 / 6, cumulativeShare: 5 / 6 },
		{ key: 'b', count: 1, share: 1 / 6, cumulativeShare: 1 },
	])
	const thirds = paretoOf([
		{ key: 'x', count: 1 },
		{ key: 'y', count: 1 },
		{ key: 'z', count: 1 },
	])
	expect(thirds.at(-1)!.cumulativeShare).toBe(1)
	expect(paretoOf([])).toEqual([])
})
