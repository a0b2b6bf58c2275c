/** Languages the portal speaks; the first is the default (the procedures are written in Chinese). */
export const LANGUAGES = ['zh-CN', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
export const DEFAULT_LANGUAGE: Language = 'zh-CN'
export const LANGUAGE_COOKIE = 'lng'

export function isLanguage(value: unknown): value is Language {
	return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/** The Prisma `Locale` enum spells zh-CN as zh_CN. */
export function languageFromLocale(locale: 'zh_CN' | 'en' | null | undefined): Language | undefined {
	if (locale === 'zh_CN') return 'zh-CN'
	if (locale === 'en') return 'en'
	return undefined
}
export function localeFromLanguage(language: Language): 'zh_CN' | 'en' {
	return language === 'zh-CN' ? 'zh_CN' : 'en'
}
