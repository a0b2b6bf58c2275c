import enAuth from './locales/en/auth.ts'
import enCommon from './locales/en/common.ts'
import enMailbox from './locales/en/mailbox.ts'
import enValidation from './locales/en/validation.ts'
import zhAuth from './locales/zh-CN/auth.ts'
import zhCommon from './locales/zh-CN/common.ts'
import zhMailbox from './locales/zh-CN/mailbox.ts'
import zhValidation from './locales/zh-CN/validation.ts'
import type { Language } from './config.ts'

/**
 * Every namespace, in both languages. They are small enough to ship whole: the client
 * hydrates with the same resources the server rendered with, and nothing loads lazily.
 * Add a namespace: one file per language under locales/, and one line in each map below.
 */
export const resources = {
	en: { common: enCommon, auth: enAuth, validation: enValidation, mailbox: enMailbox },
	'zh-CN': { common: zhCommon, auth: zhAuth, validation: zhValidation, mailbox: zhMailbox },
} satisfies Record<Language, Record<string, unknown>>

export type Namespace = keyof (typeof resources)['en']
export const NAMESPACES = Object.keys(resources.en) as Namespace[]
