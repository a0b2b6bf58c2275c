import enApprovals from './locales/en/approvals.ts'
import enAuth from './locales/en/auth.ts'
import enCasework from './locales/en/casework.ts'
import enCommon from './locales/en/common.ts'
import enComplaints from './locales/en/complaints.ts'
import enConsole from './locales/en/console.ts'
import enFiling from './locales/en/filing.ts'
import enFollowups from './locales/en/followups.ts'
import enMailbox from './locales/en/mailbox.ts'
import enReports from './locales/en/reports.ts'
import enSettings from './locales/en/settings.ts'
import enSurveys from './locales/en/surveys.ts'
import enTokens from './locales/en/tokens.ts'
import enValidation from './locales/en/validation.ts'
import enWebhooks from './locales/en/webhooks.ts'
import zhApprovals from './locales/zh-CN/approvals.ts'
import zhAuth from './locales/zh-CN/auth.ts'
import zhCasework from './locales/zh-CN/casework.ts'
import zhCommon from './locales/zh-CN/common.ts'
import zhComplaints from './locales/zh-CN/complaints.ts'
import zhConsole from './locales/zh-CN/console.ts'
import zhFiling from './locales/zh-CN/filing.ts'
import zhFollowups from './locales/zh-CN/followups.ts'
import zhMailbox from './locales/zh-CN/mailbox.ts'
import zhReports from './locales/zh-CN/reports.ts'
import zhSettings from './locales/zh-CN/settings.ts'
import zhSurveys from './locales/zh-CN/surveys.ts'
import zhTokens from './locales/zh-CN/tokens.ts'
import zhValidation from './locales/zh-CN/validation.ts'
import zhWebhooks from './locales/zh-CN/webhooks.ts'
import type { Language } from './config.ts'

/**
 * Every namespace, in both languages. They are small enough to ship whole: the client
 * hydrates with the same resources the server rendered with, and nothing loads lazily.
 * Add a namespace: one file per language under locales/, and one line in each map below.
 */
export const resources = {
	en: {
		common: enCommon,
		auth: enAuth,
		validation: enValidation,
		mailbox: enMailbox,
		filing: enFiling,
		complaints: enComplaints,
		casework: enCasework,
		approvals: enApprovals,
		settings: enSettings,
		console: enConsole,
		reports: enReports,
		tokens: enTokens,
		webhooks: enWebhooks,
		surveys: enSurveys,
		followups: enFollowups,
	},
	'zh-CN': {
		common: zhCommon,
		auth: zhAuth,
		validation: zhValidation,
		mailbox: zhMailbox,
		filing: zhFiling,
		complaints: zhComplaints,
		casework: zhCasework,
		approvals: zhApprovals,
		settings: zhSettings,
		console: zhConsole,
		reports: zhReports,
		tokens: zhTokens,
		webhooks: zhWebhooks,
		surveys: zhSurveys,
		followups: zhFollowups,
	},
} satisfies Record<Language, Record<string, unknown>>

export type Namespace = keyof (typeof resources)['en']
export const NAMESPACES = Object.keys(resources.en) as Namespace[]
