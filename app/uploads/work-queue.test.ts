import { expect, test } from 'vitest'
import { createWorkQueue } from './work-queue.server.ts'

test('runs at most `size` jobs at once, in arrival order, and survives failures', async () => {
	const queue = createWorkQueue(2)
	let running = 0
	let most = 0
	const order: number[] = []
	const job = (i: number) => async () => {
		running++
		most = Math.max(most, running)
		await new Promise((r) => setTimeout(r, 5))
		order.push(i)
		running--
		if (i === 2) throw new Error('boom')
		return i
	}
	const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => queue.run(job(i))))
	expect(most).toBe(2)
	expect(results.map((r) => r.status)).toEqual([
		'fulfilled',
		'fulfilled',
		'rejected',
		'fulfilled',
		'fulfilled',
		'fulfilled',
	])
	expect(order.slice(0, 2).sort()).toEqual([0, 1])
	expect(queue.pending).toBe(0)
})
