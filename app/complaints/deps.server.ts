import type { AppLoadContext } from '@remix-run/node'
import type { ComplaintDeps } from '#app/domain/complaints/ports.ts'
import { createComplaintNotifier } from './notifier.server.ts'

/**
 * The complaint commands' dependencies for a request: the database and the notifier that
 * writes the customer's emails into the outbox. Routes and GraphQL resolvers both use this.
 */
export function complaintDeps(context: Pick<AppLoadContext, 'db' | 'config'>): ComplaintDeps {
	return { db: context.db.prisma, notifier: createComplaintNotifier({ appUrl: context.config.appUrl }) }
}
