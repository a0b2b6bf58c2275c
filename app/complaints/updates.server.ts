import { createRedisEventTarget } from '@graphql-yoga/redis-event-target'
import { createPubSub, Repeater, SlidingBuffer } from 'graphql-yoga'
import { Redis } from 'ioredis'
import type { ComplaintUpdate, ComplaintUpdatePublisher } from '#app/domain/complaints/announcements.ts'
import type { Logger } from '#app/logger.server.ts'

/**
 * The committed complaint changes (app/domain/complaints/announcements.ts), fanned out to the
 * open `complaintUpdated` subscriptions: Yoga's pubsub, in memory, or through Redis pub/sub when
 * REDIS_URL is set, so that a subscriber on one instance hears of a change made on another.
 * Every instance receives every update and each subscription filters for its viewer
 * (graphql/types/ComplaintUpdates.ts); there is one channel, not one per complaint, because most
 * subscribers (staff, partners) follow all the complaints they may see.
 *
 * Delivery is at most once: an update published while Redis is away is logged and lost, and a
 * subscriber more than BACKLOG updates behind loses the oldest. Subscribers treat an update as
 * a hint to look again; the complaint's events are the record.
 */
export interface ComplaintUpdates extends ComplaintUpdatePublisher {
	/** The updates published from now on, anywhere, until the consumer returns or subscriptions end. */
	subscribe(): AsyncIterableIterator<ComplaintUpdate>
	/**
	 * Ends every open subscription, so that their streams complete and clients reconnect to another
	 * instance, and ends any later one at once. Publishing still works (for requests still running).
	 */
	endSubscriptions(): void
	/** endSubscriptions, then disconnects from Redis. */
	close(): Promise<void>
	/** How many subscriptions are listening on this instance now. */
	openSubscriptions(): number
}

export const COMPLAINT_UPDATES_CHANNEL = 'complaint-updates'

/** How far a slow subscriber may fall behind before its oldest updates are dropped. */
const BACKLOG = 100

type Events = Record<string, [ComplaintUpdate]>

export function createComplaintUpdates({
	redisUrl,
	logger,
	channel = COMPLAINT_UPDATES_CHANNEL,
}: {
	redisUrl?: string
	logger: Pick<Logger, 'warn' | 'error'>
	/** the Redis channel; tests use their own */
	channel?: string
}): ComplaintUpdates {
	const redis = redisUrl ? connect(redisUrl, logger) : null
	const target = redis?.eventTarget ?? new EventTarget()
	const pubSub = createPubSub<Events>({ eventTarget: target })
	const open = new Set<() => void>()
	let ended = false

	function endSubscriptions() {
		ended = true
		for (const stop of open) stop()
	}

	return {
		publish(update) {
			pubSub.publish(channel, update)
		},
		subscribe() {
			// Straight from the event target rather than through pubSub.subscribe: Yoga's repeater
			// there has no buffer, so a consumer that falls 1,024 updates behind makes it throw
			// into the publisher. Here a slow consumer loses its oldest updates instead.
			return new Repeater<ComplaintUpdate>((push, stop) => {
				if (ended) return stop()
				const listener = (event: Event) => void push((event as CustomEvent<ComplaintUpdate>).detail)
				target.addEventListener(channel, listener)
				open.add(stop)
				void stop.then(() => {
					open.delete(stop)
					target.removeEventListener(channel, listener)
				})
			}, new SlidingBuffer(BACKLOG))
		},
		endSubscriptions,
		openSubscriptions: () => open.size,
		async close() {
			endSubscriptions()
			redis?.disconnect()
		},
	}
}

/**
 * Two connections, as Redis wants: one in subscriber mode, one to publish. The Yoga event target
 * calls publish, subscribe and unsubscribe without waiting for their promises; a Redis that is
 * away must cost a log line, not an unhandled rejection (which ends the process), so it gets
 * those three calls with their failures caught, and nothing else of the clients.
 */
function connect(redisUrl: string, logger: Pick<Logger, 'warn' | 'error'>) {
	// a publish waits through one reconnection attempt at most; the change has committed anyway
	const publisher = new Redis(redisUrl, { maxRetriesPerRequest: 1 })
	// a subscribe made while Redis is away waits for it; after a reconnection ioredis subscribes again
	const subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null })
	for (const client of [publisher, subscriber])
		client.on('error', (error: Error) => logger.warn({ err: error }, 'complaint updates: Redis unavailable'))
	const failed = (what: string) => (error: unknown) => {
		logger.error({ err: error }, `complaint updates: Redis ${what} failed`)
	}
	const publishClient = {
		publish: (channel: string, message: string) => publisher.publish(channel, message).catch(failed('publish')),
	}
	const subscribeClient = {
		on: (event: 'message', listener: (channel: string, message: string) => void) => subscriber.on(event, listener),
		subscribe: (channel: string) => subscriber.subscribe(channel).catch(failed('subscribe')),
		unsubscribe: (channel: string) => subscriber.unsubscribe(channel).catch(failed('unsubscribe')),
	}
	return {
		eventTarget: createRedisEventTarget<CustomEvent>({
			publishClient: publishClient as unknown as Redis,
			subscribeClient: subscribeClient as unknown as Redis,
		}),
		disconnect() {
			publisher.disconnect()
			subscriber.disconnect()
		},
	}
}
