import { useTranslation } from 'react-i18next'

// The company works in China time; a per-user time zone comes with the user settings later.
const TIME_ZONE = 'Asia/Shanghai'

/** A date and time in the reader's language, identical on server and client (no hydration drift). */
export function DateTime({ value }: { value: string | Date }) {
	const { i18n } = useTranslation()
	const date = typeof value === 'string' ? new Date(value) : value
	return <time dateTime={date.toISOString()}>{formatDateTime(date, i18n.language)}</time>
}

/** The same text as DateTime, for a date inside a translated sentence. */
export function formatDateTime(value: string | Date, language: string): string {
	return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(
		typeof value === 'string' ? new Date(value) : value,
	)
}
