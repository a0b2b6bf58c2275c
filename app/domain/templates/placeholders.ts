/**
 * Placeholders in reply templates: `{{customerName}}` and the like, filled in when a member of
 * staff picks a template for a reply (issue 4 §6). Pure functions, so the case page can fill a
 * template in the browser as well as on the server.
 */

export const PLACEHOLDERS = ['customerName', 'reference', 'orderNumber', 'title', 'dueDate', 'agentName'] as const
export type Placeholder = (typeof PLACEHOLDERS)[number]

export type TemplateLanguage = 'zh-CN' | 'en'

export interface TemplateContext {
	/** the template's language: picks the date format of {{dueDate}} */
	language: TemplateLanguage
	/** the region's IANA time zone, for {{dueDate}}; Asia/Shanghai when not given */
	timeZone?: string
	customerName?: string | null
	/** CMP-YYYY-NNNNNN */
	reference?: string | null
	orderNumber?: string | null
	/** the complaint's title */
	title?: string | null
	/** the date promised to the customer (the complaint's resolution due date) */
	dueDate?: Date | string | null
	/** the member of staff who writes the reply */
	agentName?: string | null
}

// `{{ name }}` with optional spaces inside the braces; the name is anything up to the closing braces,
// so that a misspelt one is found (and refused) rather than passed on to the customer.
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g

function isPlaceholder(name: string): name is Placeholder {
	return (PLACEHOLDERS as readonly string[]).includes(name)
}

/** `{{customerName}}`, as staff type it. */
export const placeholderToken = (name: Placeholder) => `{{${name}}}`

/** The placeholders of a text that are not among PLACEHOLDERS, as written (`{{customer}}`), once each. */
export function unknownPlaceholders(body: string): string[] {
	const unknown = new Set<string>()
	for (const match of body.matchAll(PLACEHOLDER)) {
		if (!isPlaceholder(match[1]!)) unknown.add(match[0])
	}
	return [...unknown]
}

/** The known placeholders a text still contains (left by renderTemplate when it had no value for them). */
export function unfilledPlaceholders(text: string): Placeholder[] {
	const left = new Set<Placeholder>()
	for (const match of text.matchAll(PLACEHOLDER)) {
		if (isPlaceholder(match[1]!)) left.add(match[1])
	}
	return [...left]
}

/**
 * A date as the customer reads it in the template's language, with the zone, as the emails write
 * it: "2026年11月26日 10:00（GMT+8）", "November 26, 2026 at 10:00 (GMT+8)".
 */
export function formatDueDate(date: Date, language: TemplateLanguage, timeZone = 'Asia/Shanghai'): string {
	const when = new Intl.DateTimeFormat(language, {
		dateStyle: 'long',
		timeStyle: 'short',
		hourCycle: 'h23',
		timeZone,
	}).format(date)
	const zone =
		new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'short' })
			.formatToParts(date)
			.find((part) => part.type === 'timeZoneName')?.value ?? timeZone
	return language === 'zh-CN' ? `${when}（${zone}）` : `${when} (${zone})`
}

function valueOf(name: Placeholder, context: TemplateContext): string | null {
	if (name === 'dueDate') {
		if (!context.dueDate) return null
		const date = typeof context.dueDate === 'string' ? new Date(context.dueDate) : context.dueDate
		return Number.isNaN(date.getTime()) ? null : formatDueDate(date, context.language, context.timeZone)
	}
	const value = context[name]
	return value ? value : null
}

/**
 * The template's text with its placeholders filled in. A placeholder without a value (no order
 * line, no promise date yet) and an unknown one are left as written, so that the person
 * sending the reply sees the gap instead of a sentence with a hole in it.
 */
export function renderTemplate(body: string, context: TemplateContext): string {
	return body.replace(PLACEHOLDER, (token, name: string) => {
		if (!isPlaceholder(name)) return token
		return valueOf(name, context) ?? token
	})
}
