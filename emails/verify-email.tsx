import type { Language } from '#app/i18n/config.ts'
import { ActionButton, EmailLayout, LinkFallback, Paragraph } from './layout.tsx'
import { emailMessages } from './messages.ts'

export interface VerifyEmailProps {
	name: string
	/** the single-use verification link, valid for 24 hours */
	url: string
}

export function verifyEmailSubject(_props: VerifyEmailProps, language: Language) {
	return emailMessages(language).verifyEmail.subject
}

export default function VerifyEmail({ name, url, language }: VerifyEmailProps & { language: Language }) {
	const m = emailMessages(language).verifyEmail
	return (
		<EmailLayout language={language} preview={m.preview} name={name}>
			<Paragraph>{m.intro}</Paragraph>
			<ActionButton href={url}>{m.action}</ActionButton>
			<Paragraph>{m.validity}</Paragraph>
			<LinkFallback url={url} language={language} />
			<Paragraph>{m.notYou}</Paragraph>
		</EmailLayout>
	)
}

VerifyEmail.PreviewProps = {
	name: '王芳',
	url: 'http://localhost:3000/verify-email?token=preview',
	language: 'zh-CN',
} satisfies VerifyEmailProps & { language: Language }
