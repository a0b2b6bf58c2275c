import type { Language } from '#app/i18n/config.ts'
import { ActionButton, EmailLayout, LinkFallback, Paragraph } from './layout.tsx'
import { emailMessages } from './messages.ts'

export interface PasswordChangedProps {
	name: string
	/** when the password was changed */
	time: Date
	/** where to reset the password if the change was not the recipient's */
	resetUrl: string
	/** the recipient's time zone; the company's by default */
	timeZone?: string
}

export function passwordChangedSubject(_props: PasswordChangedProps, language: Language) {
	return emailMessages(language).passwordChanged.subject
}

/** A time with its zone spelled out: the reader may be anywhere, the server in UTC. */
export function formatEmailTime(time: Date, language: Language, timeZone = 'Asia/Shanghai') {
	const when = new Intl.DateTimeFormat(language, {
		dateStyle: 'long',
		timeStyle: 'short',
		hourCycle: 'h23',
		timeZone,
	}).format(time)
	const zone =
		new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'short' })
			.formatToParts(time)
			.find((part) => part.type === 'timeZoneName')?.value ?? timeZone
	return language === 'zh-CN' ? `${when}（${zone}）` : `${when} (${zone})`
}

export default function PasswordChanged({
	name,
	time,
	resetUrl,
	timeZone,
	language,
}: PasswordChangedProps & { language: Language }) {
	const m = emailMessages(language).passwordChanged
	return (
		<EmailLayout language={language} preview={m.preview} name={name}>
			<Paragraph>{m.body(formatEmailTime(time, language, timeZone))}</Paragraph>
			<Paragraph>{m.ifYou}</Paragraph>
			<Paragraph>{m.notYou}</Paragraph>
			<ActionButton href={resetUrl}>{m.action}</ActionButton>
			<LinkFallback url={resetUrl} language={language} />
		</EmailLayout>
	)
}

PasswordChanged.PreviewProps = {
	name: '王芳',
	time: new Date('2026-11-23T09:30:00Z'),
	resetUrl: 'http://localhost:3000/forgot-password',
	language: 'zh-CN',
} satisfies PasswordChangedProps & { language: Language }
