import type { AppLoadContext } from '@remix-run/node'
import { announcingCommits } from '#app/domain/complaints/announcements.ts'
import type { ComplaintDeps } from '#app/domain/complaints/ports.ts'
import { createComplaintNotifier } from './notifier.server.ts'

/**
 * The complaint commands' dependencies for a request: the database and the notifier that
 * writes the customer's emails into the outbox. Routes and GraphQL resolvers both use this.
 * With the app's `complaintUpdates` (always there in the server), the database is one whose
 * transactions announce the events they appended once they have committed, to the
 * `complaintUpdated` subscriptions; tests that pass only `db` and `config` announce nothing.
 */
export function complaintDeps(
	context: Pick<AppLoadContext, 'db' | 'config'> & Partial<Pick<AppLoadContext, 'complaintUpdates'>>,
): ComplaintDeps {
	const prisma = context.db.prisma
	return {
		db: context.complaintUpdates ? announcingCommits(prisma, context.complaintUpdates) : prisma,
		notifier: createComplaintNotifier({ appUrl: context.config.appUrl }),
	}
}
