import { render, toPlainText } from '@react-email/render'
import { createElement, type ReactElement } from 'react'
import type { Language } from '#app/i18n/config.ts'
import { templates, type TemplateName, type TemplateProps } from './templates.ts'

export interface RenderedEmail {
	subject: string
	html: string
	text: string
}

// TypeScript cannot relate `templates[T]` to `TemplateProps<T>` inside a generic body;
// callers are checked against TemplateProps<T> in the signature instead.
interface LooseTemplate {
	Component: (props: { language: Language }) => ReactElement
	subject: (props: unknown, language: Language) => string
}

/** Renders one email in one language, as HTML and as its plain-text alternative. */
export async function renderEmail<T extends TemplateName>(
	template: T,
	props: TemplateProps<T>,
	language: Language,
): Promise<RenderedEmail> {
	const entry = templates[template] as unknown as LooseTemplate
	const html = await render(createElement(entry.Component, { ...(props as object), language }))
	return { subject: entry.subject(props, language), html, text: toPlainText(html) }
}
