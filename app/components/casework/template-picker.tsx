import { Form } from '@remix-run/react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { Intent } from './action-schemas.ts'

/** A saved reply template, already filled in for this complaint in the customer's language. */
export interface TemplateOption {
	id: string
	name: string
	body: string
}

/**
 * Starts a written reply from a saved template. Without JavaScript it is a GET form: the page
 * comes back with `?template=<id>&for=<intent>` and the reply pre-filled. With JavaScript,
 * choosing a template fills the reply box at once (`onPick`), and the button stays for those who
 * prefer it.
 */
export function TemplatePicker({
	intent,
	templates,
	selected,
	onPick,
}: {
	intent: Intent
	templates: readonly TemplateOption[]
	selected: string | null
	onPick: (body: string) => void
}) {
	const { t } = useTranslation('casework')
	const id = useId()
	if (templates.length === 0) return null
	return (
		<Form method="get" className="template-picker" preventScrollReset>
			<input type="hidden" name="for" value={intent} />
			<label htmlFor={id}>{t('templates.label')}</label>
			<div className="template-picker-row">
				<select
					id={id}
					name="template"
					defaultValue={selected ?? ''}
					onChange={(event) => {
						const template = templates.find((option) => option.id === event.currentTarget.value)
						if (template) onPick(template.body)
					}}
				>
					<option value="">{t('templates.choose')}</option>
					{templates.map((template) => (
						<option key={template.id} value={template.id}>
							{template.name}
						</option>
					))}
				</select>
				<button type="submit" className="button button-secondary">
					{t('templates.use')}
				</button>
			</div>
		</Form>
	)
}
