import { createCookieSessionStorage, redirect } from '@remix-run/node'
import type { Config } from '#app/config.server.ts'

export interface Toast {
	kind: 'success' | 'info' | 'error'
	/** an i18n key, so the message shows in the reader's language */
	messageKey: string
}

// A signed flash cookie: it survives the redirect after a form post and is read once.
function storage(config: Config) {
	return createCookieSessionStorage<{ toast: Toast }>({
		cookie: {
			name: 'toast',
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: config.isProduction,
			secrets: [config.sessionSecret],
		},
	})
}

export async function redirectWithToast(
	config: Config,
	url: string,
	toast: Toast,
	init: { headers?: HeadersInit } = {},
): Promise<Response> {
	const s = storage(config)
	const session = await s.getSession()
	session.flash('toast', toast)
	const headers = new Headers(init.headers)
	headers.append('Set-Cookie', await s.commitSession(session))
	return redirect(url, { headers })
}

export async function readToast(
	config: Config,
	request: Request,
): Promise<{ toast: Toast | null; setCookie: string | null }> {
	const s = storage(config)
	const session = await s.getSession(request.headers.get('cookie'))
	const toast = (session.get('toast') as Toast | undefined) ?? null
	return { toast, setCookie: toast ? await s.commitSession(session) : null }
}
