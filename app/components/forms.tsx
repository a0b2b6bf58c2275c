import type { FieldMetadata } from '@conform-to/react'
import { getInputProps } from '@conform-to/react'
import { useId, type InputHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'

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
