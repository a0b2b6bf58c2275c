import { createCookie } from '@remix-run/node'
import Negotiator from 'negotiator'
import { DEFAULT_LANGUAGE, LANGUAGE_COOKIE, LANGUAGES, isLanguage, type Language } from './config.ts'

/** Remembers the switcher's choice for visitors who are not signed in. */
export const languageCookie = createCookie(LANGUAGE_COOKIE, {
	path: '/',
	sameSite: 'lax',
	httpOnly: true,
	maxAge: 60 * 60 * 24 * 365,
})

/**
 * The language of a request: the signed-in user's setting, else the switcher's cookie,
 * else the browser's Accept-Language, else Chinese.
 */
export async function detectLanguage(request: Request, userSetting?: Language): Promise<Language> {
	if (userSetting) return userSetting
	const cookie: unknown = await languageCookie.parse(request.headers.get('cookie'))
	if (isLanguage(cookie)) return cookie
	const accept = request.headers.get('accept-language')
	if (accept) {
		const negotiator = new Negotiator({ headers: { 'accept-language': accept } })
		const exact = negotiator.language([...LANGUAGES])
		if (isLanguage(exact)) return exact
		// "zh-TW" or "en-GB" are not offered; their primary subtag still says which we have.
		for (const tag of negotiator.languages()) {
			const match = LANGUAGES.find((l) => l.split('-')[0] === tag.split('-')[0])
			if (match) return match
		}
	}
	return DEFAULT_LANGUAGE
}
