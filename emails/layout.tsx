import { Body, Button, Container, Head, Hr, Html, Link, Preview, Section, Text } from '@react-email/components'
import type { CSSProperties, ReactNode } from 'react'
import type { Language } from '#app/i18n/config.ts'
import { emailMessages } from './messages.ts'

/**
 * The look every email shares: one plain column, the brand in both languages at the top,
 * system fonts that include Chinese ones, no images (many mail clients block them).
 */
const fontFamily =
	'-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", Arial, sans-serif'

const styles = {
	body: { backgroundColor: '#f4f4f1', margin: 0, padding: '24px 0', fontFamily },
	container: {
		backgroundColor: '#ffffff',
		border: '1px solid #e2e2dc',
		borderRadius: '6px',
		maxWidth: '560px',
		margin: '0 auto',
		padding: '28px 32px',
	},
	brand: { color: '#2f4858', fontSize: '15px', fontWeight: 600, letterSpacing: '0.02em', margin: 0 },
	rule: { borderColor: '#e2e2dc', margin: '16px 0 24px' },
	text: { color: '#1f2933', fontSize: '15px', lineHeight: '24px', margin: '0 0 16px' },
	button: {
		backgroundColor: '#2f5d7c',
		borderRadius: '4px',
		color: '#ffffff',
		display: 'inline-block',
		fontSize: '15px',
		fontWeight: 600,
		padding: '10px 20px',
		textDecoration: 'none',
	},
	buttonRow: { margin: '8px 0 24px' },
	fallback: { color: '#52606d', fontSize: '13px', lineHeight: '20px', margin: '0 0 16px', wordBreak: 'break-all' },
	footer: { color: '#7b8794', fontSize: '12px', lineHeight: '18px', margin: 0 },
} satisfies Record<string, CSSProperties>

export function EmailLayout({
	language,
	preview,
	name,
	children,
}: {
	language: Language
	preview: string
	/** the recipient's name, for the greeting */
	name: string
	children: ReactNode
}) {
	const m = emailMessages(language)
	return (
		<Html lang={language}>
			<Head />
			<Preview>{preview}</Preview>
			<Body style={styles.body}>
				<Container style={styles.container}>
					<Text style={styles.brand}>{m.brand}</Text>
					<Hr style={styles.rule} />
					<Text style={styles.text}>{m.greeting(name)}</Text>
					{children}
					<Text style={styles.text}>{m.signature}</Text>
					<Hr style={styles.rule} />
					<Text style={styles.footer}>{m.footer}</Text>
				</Container>
			</Body>
		</Html>
	)
}

export function Paragraph({ children }: { children: ReactNode }) {
	return <Text style={styles.text}>{children}</Text>
}

export function ActionButton({ href, children }: { href: string; children: ReactNode }) {
	return (
		<Section style={styles.buttonRow}>
			<Button href={href} style={styles.button}>
				{children}
			</Button>
		</Section>
	)
}

/**
 * The link written out for clients that break buttons. Left out of the plain-text part,
 * where the button already shows its address.
 */
export function LinkFallback({ url, language }: { url: string; language: Language }) {
	return (
		<Text style={styles.fallback} data-skip-in-text="true">
			{emailMessages(language).linkFallback}
			<br />
			<Link href={url}>{url}</Link>
		</Text>
	)
}
