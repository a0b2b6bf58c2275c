import * as z from 'zod'
import { CATEGORIES } from '../complaints/schemas.ts'

/**
 * The fields of a reply template, for the settings form (client and server) and the domain
 * commands. Messages are i18n keys. Placeholders are checked by the commands (templates.ts),
 * whose error names the ones allowed.
 */

export const TEMPLATE_NAME_MAX = 80
export const TEMPLATE_BODY_MAX = 4000

const required = (max: number, tooLong: string) =>
	z
		.string({ error: 'validation:required' })
		.trim()
		.min(1, { error: 'validation:required' })
		.max(max, { error: tooLong })

/** No category: a template for every kind of complaint. An empty choice in the form means that. */
const CategorySchema = z.preprocess(
	(value) => (value === '' || value === undefined ? null : value),
	z.enum(CATEGORIES, { error: 'validation:choose' }).nullable(),
)

export const TemplateSchema = z.object({
	name: required(TEMPLATE_NAME_MAX, 'settings:validation.nameTooLong'),
	category: CategorySchema,
	bodyZh: required(TEMPLATE_BODY_MAX, 'settings:validation.bodyTooLong'),
	bodyEn: required(TEMPLATE_BODY_MAX, 'settings:validation.bodyTooLong'),
})
export type TemplateInput = z.input<typeof TemplateSchema>
