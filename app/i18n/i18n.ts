import type { i18n } from 'i18next'
import { CONSOLE_NAMESPACES, type Area } from './areas.ts'
import type { Language } from './config.ts'
import { createI18nFrom } from './instance.ts'
import { resources, type Namespace } from './resources.ts'

/**
 * Every message of a language, or of one area of the portal. Server-side only (and tests): it
 * imports all translations, which the browser must not download; pages get theirs from the
 * root loader.
 */
export function messagesFor(language: Language, area?: Area) {
	const all = resources[language]
	if (!area) return all
	const isConsole = (ns: string) => (CONSOLE_NAMESPACES as readonly string[]).includes(ns)
	return Object.fromEntries(
		Object.entries(all).filter(([ns]) => area === 'console' || !isConsole(ns as Namespace)),
	) as Partial<typeof all>
}

/** An instance with every namespace of the language: for the server, emails and tests. */
export function createI18n(language: Language): i18n {
	return createI18nFrom(language, messagesFor(language))
}
