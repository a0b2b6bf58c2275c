import { describe, expect, test, vi } from 'vitest'
import type { ComplaintUpdate } from '#app/domain/complaints/announcements.ts'
import { createComplaintUpdates } from './updates.server.ts'

const logger = () => ({ warn: vi.fn(), error: vi.fn() })

const update = (n: number): ComplaintUpdate => ({
	complaintId: 'c1',
	eventId: `e${n}`,
	type: 'reply',
	visibility: 'PUBLIC',
	toStatus: null,
	version: n,
})

async function until(condition: () => boolean, what: string) {
	const deadline = Date.now() + 5_000
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
		await new Promise((resolve) => setTimeout(resolve, 10))
	}
}

describe('complaint updates in memory', () => {
	test('every open subscription receives what is published after it started', async () => {
		const updates = createComplaintUpdates({ logger: logger() })
		const a = updates.subscribe()
		const b = updates.subscribe()
		const first = [a.next(), b.next()]
		await until(() => updates.openSubscriptions() === 2, 'both subscriptions')
		updates.publish(update(1))
		expect((await Promise.all(first)).map((r) => r.value)).toEqual([update(1), update(1)])
		await a.return?.()
		expect(updates.openSubscriptions()).toBe(1)
		await updates.close()
	})

	test('ending subscriptions completes the open ones and any later one at once', async () => {
		const updates = createComplaintUpdates({ logger: logger() })
		const open = updates.subscribe()
		const waiting = open.next()
		await until(() => updates.openSubscriptions() === 1, 'the subscription')
		updates.endSubscriptions()
		expect(await waiting).toEqual({ done: true, value: undefined })
		expect(updates.openSubscriptions()).toBe(0)
		expect(await updates.subscribe().next()).toEqual({ done: true, value: undefined })
		await updates.close()
	})

	test('a subscriber that falls more than 100 updates behind loses the oldest, not the process', async () => {
		const updates = createComplaintUpdates({ logger: logger() })
		const slow = updates.subscribe()
		const first = slow.next()
		await until(() => updates.openSubscriptions() === 1, 'the subscription')
		for (let n = 1; n <= 1_500; n++) updates.publish(update(n))
		expect((await first).value).toEqual(update(1))
		const next = await slow.next()
		expect(next.value?.version).toBe(1_401)
		await slow.return?.()
		await updates.close()
	})
})

describe('complaint updates with Redis away', () => {
	test('publishing with Redis away logs the failure; nothing is thrown or left unhandled', async () => {
		const log = logger()
		// nothing listens on port 1: every connection attempt is refused at once
		const updates = createComplaintUpdates({ redisUrl: 'redis://127.0.0.1:1', logger: log })
		const subscription = updates.subscribe()
		const waiting = subscription.next()
		await until(() => updates.openSubscriptions() === 1, 'the subscription')
		expect(() => updates.publish(update(1))).not.toThrow()
		await until(
			() => log.error.mock.calls.some(([, message]) => message === 'complaint updates: Redis publish failed'),
			'the publish failure',
		)
		expect(log.warn).toHaveBeenCalledWith(expect.anything(), 'complaint updates: Redis unavailable')
		// the subscription still waiting for Redis ends with the rest (vitest fails a run on any
		// unhandled rejection, such as one from a command the event target fired and forgot)
		await updates.close()
		expect(await waiting).toEqual({ done: true, value: undefined })
	})
})
