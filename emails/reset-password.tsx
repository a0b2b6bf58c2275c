import type { Language } from '#app/i18n/config.ts'
import { ActionButton, EmailLayout, LinkFallback, Paragraph } from './layout.tsx'
import { emailMessages } from './messages.ts'

export interface ResetPasswordProps {
	name: string
	/** the single-use reset link */
	url: string
	/** how long the link works; 10 minutes per ASVS 5.0 6.5.5 */
	expiresInMinutes?: number
}

export function resetPasswordSubject(_props: ResetPasswordProps, language: Language) {
	return emailMessages(language).resetPassword.subject
}

export default function ResetPassword({
	name,
	url,
	expiresInMinutes = 10,
	language,
}: ResetPasswordProps & { language: Language }) {
	const m = emailMessages(language).resetPassword
	return (
		<EmailLayout language={language} preview={m.preview} name={name}>
			<Paragraph>{m.intro}</Paragraph>
			<ActionButton href={url}>{m.action}</ActionButton>
			<Paragraph>{m.validity(expiresInMinutes)}</Paragraph>
			<LinkFallback url={url} language={language} />
			<Paragraph>{m.notYou}</Paragraph>
		</EmailLayout>
	)
}

ResetPassword.PreviewProps = {
	name: 'Li Wei',
	url: 'http://localhost:3000/reset-password?token=preview',
	language: 'en',
} satisfies ResetPasswordProps & { language: Language }
