import type { FieldMetadata } from '@conform-to/react'
import { getInputProps } from '@conform-to/react'
import { useId, type InputHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import { FieldErrors } from './filing/messages.tsx'

/** Errors under a field or a form. Messages are i18n keys from the domain's schemas. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
	const { t } = useTranslation()
	if (!errors?.length) return null
	return (
		<ul id={id} className="error-list">
			{errors.map((e) => (
				<li key={e}>{t(e)}</li>
			))}
		</ul>
	)
}

/** A labelled input whose error and hint are tied to it for screen readers. */
export function Field({
	label,
	hint,
	meta,
	type = 'text',
	inputProps = {},
}: {
	label: string
	hint?: string
	meta: FieldMetadata<string | undefined>
	type?: Parameters<typeof getInputProps>[1]['type']
	inputProps?: InputHTMLAttributes<HTMLInputElement>
}) {
	const fallbackId = useId()
	const id = meta.id ?? fallbackId
	const hintId = hint ? `${id}-hint` : undefined
	const describedBy = [meta.errors?.length ? meta.errorId : undefined, hintId].filter(Boolean).join(' ') || undefined
	return (
		<div className="field">
			<label htmlFor={id}>{label}</label>
			{hint ? (
				<p id={hintId} className="field-hint">
					{hint}
				</p>
			) : null}
			<input
				{...getInputProps(meta, { type, ariaAttributes: false })}
				{...inputProps}
				id={id}
				aria-invalid={meta.errors?.length ? true : undefined}
				aria-describedby={describedBy}
			/>
			<ErrorList id={meta.errorId} errors={meta.errors} />
		</div>
	)
}

/** A field only bots fill in; the action rejects the form when it has a value. */
export function Honeypot() {
	return (
		<div className="honeypot" aria-hidden="true">
			<label htmlFor="website">Website</label>
			<input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
		</div>
	)
}

/**
 * A group of checkboxes, each with its own hint, as one Conform array field: token scopes,
 * webhook events. The errors sit under the legend and the fieldset points at them.
 */
export function CheckboxGroupField({
	legend,
	meta,
	options,
	chosen,
}: {
	legend: string
	meta: Pick<FieldMetadata<string[]>, 'id' | 'name' | 'key' | 'errorId' | 'errors'>
	options: ReadonlyArray<{ value: string; label: string; hint: string }>
	chosen: ReadonlyArray<string | undefined>
}) {
	const invalid = Boolean(meta.errors?.length)
	return (
		<fieldset
			className="field token-choices"
			aria-invalid={invalid ? true : undefined}
			aria-describedby={invalid ? meta.errorId : undefined}
		>
			<legend>{legend}</legend>
			<FieldErrors id={meta.errorId} errors={meta.errors} />
			{options.map((option) => {
				const id = `${meta.id}-${option.value}`
				return (
					<div className="token-choice" key={`${meta.key ?? ''}-${option.value}`}>
						<input
							type="checkbox"
							id={id}
							name={meta.name}
							value={option.value}
							defaultChecked={chosen.includes(option.value)}
							aria-describedby={`${id}-hint`}
						/>
						<label htmlFor={id}>{option.label}</label>
						<span id={`${id}-hint`} className="field-hint">
							{option.hint}
						</span>
					</div>
				)
			})}
		</fieldset>
	)
}
