import type { i18n } from 'i18next'
import type { Language } from './config.ts'
import { createI18nFrom } from './instance.ts'
import { messagesFor } from './messages.server.ts'

/** An instance with every namespace of the language: for the server, emails and tests. */
export function createI18n(language: Language): i18n {
	return createI18nFrom(language, messagesFor(language))
}
