import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { getSession } from '#app/auth/current-user.server.ts'
import { blankSessionCookie, invalidateSession } from '#app/auth/session.server.ts'
import { redirectWithToast } from '#app/toast.server.ts'

/** Sign-out is a POST (no GET changes state), and deletes the session row, not just the cookie. */
export async function action({ request, context }: ActionFunctionArgs) {
	const session = await getSession(request, context)
	if (session) await invalidateSession(context.db.prisma, session.session.id)
	return redirectWithToast(
		context.config,
		'/',
		{ kind: 'info', messageKey: 'auth:signedOut' },
		{ headers: { 'Set-Cookie': blankSessionCookie(context.config.isProduction) } },
	)
}

export async function loader() {
	return redirect('/')
}
