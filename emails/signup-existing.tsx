import type { Language } from '#app/i18n/config.ts'
import { ActionButton, EmailLayout, Paragraph } from './layout.tsx'
import { emailMessages } from './messages.ts'

/**
 * Sent instead of a verification email when someone signs up with an address that already
 * has an account: the sign-up page answers the same either way, so it never reveals who is
 * registered, and only the address's owner learns what happened.
 */
export interface SignupExistingProps {
	/** the existing account's name */
	name: string
	signInUrl: string
	resetUrl: string
}

export function signupExistingSubject(_props: SignupExistingProps, language: Language) {
	return emailMessages(language).signupExisting.subject
}

export default function SignupExisting({
	name,
	signInUrl,
	resetUrl,
	language,
}: SignupExistingProps & { language: Language }) {
	const m = emailMessages(language).signupExisting
	return (
		<EmailLayout language={language} preview={m.preview} name={name}>
			<Paragraph>{m.intro}</Paragraph>
			<Paragraph>{m.signIn}</Paragraph>
			<ActionButton href={signInUrl}>{m.signInAction}</ActionButton>
			<Paragraph>{m.forgot}</Paragraph>
			<ActionButton href={resetUrl}>{m.resetAction}</ActionButton>
			<Paragraph>{m.notYou}</Paragraph>
		</EmailLayout>
	)
}

SignupExisting.PreviewProps = {
	name: 'Li Wei',
	signInUrl: 'http://localhost:3000/login',
	resetUrl: 'http://localhost:3000/forgot-password',
	language: 'en',
} satisfies SignupExistingProps & { language: Language }
