import i18next, { type i18n, type ResourceLanguage } from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language } from './config.ts'

/**
 * An i18next instance over messages already in memory: on the client, the ones the root loader
 * sent for this page's area and language; on the server and in tests, everything (i18n.ts).
 */
export function createI18nFrom(language: Language, messages: ResourceLanguage): i18n {
	const instance = i18next.createInstance()
	void instance.use(initReactI18next).init({
		lng: language,
		resources: { [language]: messages },
		ns: Object.keys(messages),
		defaultNS: 'common',
		// resources are in memory, so init finishes synchronously and SSR needs no Suspense
		initAsync: false,
		interpolation: { escapeValue: false },
		returnNull: false,
	})
	return instance
}
