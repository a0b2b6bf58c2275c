import type { FieldMetadata } from '@conform-to/react'
import { getInputProps, getTextareaProps } from '@conform-to/react'
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react'
import { FieldErrors } from './messages.tsx'

function describedBy(meta: FieldMetadata<unknown>, hintId?: string) {
	return [meta.errors?.length ? meta.errorId : undefined, hintId].filter(Boolean).join(' ') || undefined
}

/** A labelled text input; its hint and its error are read out with it. */
export function TextField({
	label,
	hint,
	meta,
	inputProps = {},
}: {
	label: string
	hint?: string
	meta: FieldMetadata<string | undefined>
	inputProps?: InputHTMLAttributes<HTMLInputElement>
}) {
	const hintId = hint ? `${meta.id}-hint` : undefined
	return (
		<div className="field">
			<label htmlFor={meta.id}>{label}</label>
			{hint ? (
				<p id={hintId} className="field-hint">
					{hint}
				</p>
			) : null}
			<input
				{...getInputProps(meta, { type: 'text', ariaAttributes: false })}
				{...inputProps}
				aria-invalid={meta.errors?.length ? true : undefined}
				aria-describedby={describedBy(meta, hintId)}
			/>
			<FieldErrors id={meta.errorId} errors={meta.errors} />
		</div>
	)
}

export function TextArea({
	label,
	hint,
	meta,
	textareaProps = {},
}: {
	label: string
	hint?: string
	meta: FieldMetadata<string | undefined>
	textareaProps?: TextareaHTMLAttributes<HTMLTextAreaElement>
}) {
	const hintId = hint ? `${meta.id}-hint` : undefined
	return (
		<div className="field">
			<label htmlFor={meta.id}>{label}</label>
			{hint ? (
				<p id={hintId} className="field-hint">
					{hint}
				</p>
			) : null}
			<textarea
				{...getTextareaProps(meta, { ariaAttributes: false })}
				{...textareaProps}
				aria-invalid={meta.errors?.length ? true : undefined}
				aria-describedby={describedBy(meta, hintId)}
			/>
			<FieldErrors id={meta.errorId} errors={meta.errors} />
		</div>
	)
}

export interface Choice {
	value: string
	label: ReactNode
	hint?: ReactNode
}

/**
 * One question answered by choosing one option: a fieldset whose legend is the question,
 * radio buttons with a one-line explanation each, and the error under the legend.
 */
export function ChoiceGroup({
	legend,
	meta,
	choices,
	onChange,
}: {
	legend: string
	meta: FieldMetadata<string | undefined>
	choices: readonly Choice[]
	onChange?: (value: string) => void
}) {
	const invalid = Boolean(meta.errors?.length)
	return (
		<fieldset
			className="field choice-group"
			aria-invalid={invalid || undefined}
			aria-describedby={invalid ? meta.errorId : undefined}
		>
			<legend>{legend}</legend>
			<FieldErrors id={meta.errorId} errors={meta.errors} />
			{choices.map((choice) => {
				const id = `${meta.id}-${choice.value}`
				const hintId = choice.hint ? `${id}-hint` : undefined
				return (
					<div className="choice" key={choice.value}>
						<input
							type="radio"
							id={id}
							name={meta.name}
							value={choice.value}
							defaultChecked={meta.initialValue === choice.value}
							aria-describedby={hintId}
							onChange={onChange ? () => onChange(choice.value) : undefined}
						/>
						<div className="choice-text">
							<label htmlFor={id} className="choice-label">
								{choice.label}
							</label>
							{choice.hint ? (
								<span id={hintId} className="choice-hint">
									{choice.hint}
								</span>
							) : null}
						</div>
					</div>
				)
			})}
		</fieldset>
	)
}
