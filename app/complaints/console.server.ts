import type { AppLoadContext } from '@remix-run/node'
import { data } from '@remix-run/node'
import { requireUser, type SignedIn } from '#app/auth/current-user.server.ts'
import { mayUseConsole } from '#app/domain/complaints/queue.ts'

/**
 * For the staff console's pages: staff (with a role) and regional offices. Anyone else gets the
 * same 404 as a page that does not exist, so that customers and dealers learn nothing about it.
 */
export async function requireConsoleUser(request: Request, context: AppLoadContext): Promise<SignedIn> {
	const signedIn = await requireUser(request, context)
	if (!mayUseConsole(signedIn.viewer)) throw data(null, { status: 404 })
	return signedIn
}
