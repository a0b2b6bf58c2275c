import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { requireConsoleUser } from '#app/complaints/console.server.ts'

/** The console opens on the work queue; others get the console's 404 first, not a redirect. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireConsoleUser(request, context)
	return redirect('/staff/queue')
}
