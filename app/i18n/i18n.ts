import i18next, { type i18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { DEFAULT_LANGUAGE, type Language } from './config.ts'
import { NAMESPACES, resources } from './resources.ts'

/** One i18next instance per request on the server, one for the page on the client. */
export function createI18n(language: Language): i18n {
	const instance = i18next.createInstance()
	void instance.use(initReactI18next).init({
		lng: language,
		fallbackLng: DEFAULT_LANGUAGE,
		supportedLngs: Object.keys(resources),
		resources,
		ns: NAMESPACES,
		defaultNS: 'common',
		// resources are in memory, so init finishes synchronously and SSR needs no Suspense
		initAsync: false,
		interpolation: { escapeValue: false },
		returnNull: false,
	})
	return instance
}
