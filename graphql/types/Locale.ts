import type { Locale } from '#app/generated/prisma/enums.ts'
import { builder } from '../builder.ts'

export const LocaleEnum = builder.enumType('Locale', {
	description: 'A language the portal and its emails are written in.',
	values: {
		ZH_CN: { value: 'zh_CN', description: 'Simplified Chinese (zh-CN).' },
		EN: { value: 'en', description: 'English (en).' },
	} satisfies Record<string, { value: Locale; description: string }>,
})
