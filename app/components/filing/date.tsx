import { useTranslation } from 'react-i18next'

/** A calendar date in the reader's language, in China time like the rest of the portal. */
export function DateOnly({ value }: { value: string | Date }) {
	const { i18n } = useTranslation()
	const date = typeof value === 'string' ? new Date(value) : value
	const text = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(date)
	return <time dateTime={date.toISOString()}>{text}</time>
}
