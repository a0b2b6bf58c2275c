import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { getSession, safeRedirect } from '#app/auth/current-user.server.ts'
import { setLanguage } from '#app/auth/accounts.server.ts'
import { isLanguage } from '#app/i18n/config.ts'
import { languageCookie } from '#app/i18n/language.server.ts'

/** The header's language switcher: remembered in a cookie, and on the account if signed in. */
export async function action({ request, context }: ActionFunctionArgs) {
	const form = await request.formData()
	const language = form.get('language')
	const to = safeRedirect(form.get('redirectTo'))
	if (!isLanguage(language)) return redirect(to)
	const session = await getSession(request, context)
	if (session) {
		await setLanguage(context.db.prisma, session.user.id, language)
	}
	return redirect(to, { headers: { 'Set-Cookie': await languageCookie.serialize(language) } })
}

export async function loader() {
	return redirect('/')
}
