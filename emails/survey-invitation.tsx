import type { SurveyKind } from '#app/generated/prisma/enums.ts'
import type { Language } from '#app/i18n/config.ts'
import { Hint } from './complaint-parts.tsx'
import { ActionButton, EmailLayout, LinkFallback, Paragraph } from './layout.tsx'
import { emailMessages } from './messages.ts'
import { formatEmailTime } from './password-changed.tsx'

export interface SurveyInvitationProps {
	name: string
	kind: SurveyKind
	/** a complaint survey's complaint; null for a key account's yearly survey */
	complaint: { reference: string; title: string } | null
	/** a key-account survey's year */
	year: number | null
	/** the survey page with the link's secret, `${appUrl}/survey?token=…` */
	url: string
	expiresAt: Date
	/** the one reminder, three days after the survey was sent */
	reminder: boolean
	/** the region's time zone; the company's by default */
	timeZone?: string
}

export function surveyInvitationSubject(props: SurveyInvitationProps, language: Language) {
	const m = emailMessages(language).survey
	if (props.complaint)
		return props.reminder ? m.subjectReminder(props.complaint.reference) : m.subject(props.complaint.reference)
	const year = props.year ?? props.expiresAt.getUTCFullYear()
	return props.reminder ? m.subjectKeyAccountReminder(year) : m.subjectKeyAccount(year)
}

/**
 * The satisfaction survey (客户满意度调查, DESIGN.md §6), sent when a complaint is resolved and
 * yearly to key accounts, and its one reminder (app/domain/surveys/). The link works without
 * signing in and opens this survey only.
 */
export default function SurveyInvitation(props: SurveyInvitationProps & { language: Language }) {
	const { name, url, language, complaint, reminder } = props
	const m = emailMessages(language).survey
	const until = formatEmailTime(props.expiresAt, language, props.timeZone)
	return (
		<EmailLayout language={language} preview={m.preview} name={name}>
			{reminder && <Paragraph>{m.reminderLead}</Paragraph>}
			<Paragraph>
				{complaint ? m.intro(complaint.reference, complaint.title) : m.introKeyAccount(props.year ?? 0)}
			</Paragraph>
			<Paragraph>{m.howLong}</Paragraph>
			<ActionButton href={url}>{m.action}</ActionButton>
			<LinkFallback url={url} language={language} />
			<Hint>{m.validity(until)}</Hint>
		</EmailLayout>
	)
}

SurveyInvitation.PreviewProps = {
	name: '王芳',
	kind: 'COMPLAINT',
	complaint: { reference: 'CMP-2026-000123', title: '水泥袋破损结块' },
	year: null,
	url: 'http://localhost:3000/survey?token=abcdefghijklmnopqrstuvwxyz234567',
	expiresAt: new Date('2026-12-23T06:15:00Z'),
	reminder: false,
	language: 'zh-CN',
} satisfies SurveyInvitationProps & { language: Language }
