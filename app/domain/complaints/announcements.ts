import type { PrismaClient } from '#app/generated/prisma/client.ts'
import type { ComplaintStatus, MessageVisibility } from '#app/generated/prisma/enums.ts'
import type { ComplaintEventType } from './events.ts'

/**
 * Announcing changes to live subscribers (GraphQL `complaintUpdated`) once they have committed,
 * never before: a change whose transaction rolls back must not be announced.
 *
 * Every change to a complaint is a command that runs in `deps.db.$transaction` and appends its
 * events with `appendEvent` (events.ts). So instead of a call after each of those transactions,
 * a list someone would one day forget to extend, the app hands the commands a client whose
 * interactive transactions keep a journal (`announcingCommits`, in app/complaints/deps.server.ts):
 * `appendEvent` notes each event in its transaction's journal, and the journal is published when
 * the transaction has committed. A transaction that throws, or fails to commit, publishes nothing.
 */

/** What is announced: enough for a subscriber to decide whether to look, nothing to read. */
export interface ComplaintUpdate {
	complaintId: string
	eventId: string
	type: ComplaintEventType
	/** who may read the event (permissions.ts, visibilitiesFor); subscribers check it first */
	visibility: MessageVisibility
	/** the status the change moved the complaint to; null when the status did not change */
	toStatus: ComplaintStatus | null
	/** the complaint's version after the change; null for events that do not record one (filing, customers' own) */
	version: number | null
}

export interface ComplaintUpdatePublisher {
	/**
	 * Must neither throw nor wait: the change has committed, whatever becomes of its announcement.
	 * Announcements are a hint to look again, never the record (that is the event itself).
	 */
	publish(update: ComplaintUpdate): void
}

/** Transaction client → the events appended in it so far. Weak: a finished transaction is forgotten. */
const journals = new WeakMap<object, ComplaintUpdate[]>()

/** appendEvent's half: the event joins its transaction's journal, when the transaction keeps one. */
export function noteAppendedEvent(tx: object, update: ComplaintUpdate): void {
	journals.get(tx)?.push(update)
}

/**
 * `db`, except that each interactive transaction (`$transaction(async (tx) => …)`) publishes the
 * events appended in it once it has committed. The batch form (`$transaction([…])`) takes
 * prepared queries, which cannot call appendEvent, and passes through unchanged.
 */
export function announcingCommits(db: PrismaClient, publisher: ComplaintUpdatePublisher): PrismaClient {
	// the server's client is wrapped already when complaintDeps wraps it again: one is enough
	if (announcing.has(db)) return db
	function $transaction(body: unknown, options?: unknown): Promise<unknown> {
		if (typeof body !== 'function') return db.$transaction(body as never, options as never)
		const journal: ComplaintUpdate[] = []
		const run = body as (tx: object) => Promise<unknown>
		return db
			.$transaction((tx) => {
				journals.set(tx, journal)
				return run(tx)
			}, options as never)
			.then((result) => {
				for (const update of journal) publisher.publish(update)
				return result
			})
	}
	const client = new Proxy(db, {
		get(target, property) {
			if (property === '$transaction') return $transaction
			const value: unknown = Reflect.get(target, property)
			// the client's own methods run on the client, never on this proxy
			return typeof value === 'function' ? value.bind(target) : value
		},
	})
	announcing.add(client)
	return client
}

const announcing = new WeakSet<PrismaClient>()
