import {
	getFormProps,
	getSelectProps,
	getTextareaProps,
	useForm,
	type DefaultValue,
	type FieldMetadata,
	type FormMetadata,
	type SubmissionResult,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { DateTime } from '#app/components/date-time.tsx'
import { FieldErrors, StepErrors } from '#app/components/filing/messages.tsx'
import type { MissedChange } from '#app/domain/errors.ts'
import type * as z from 'zod'
import { ACCEPTED_FILES, FORMS, UPLOAD_HINT, WITH_FILES, type Intent } from './action-schemas.ts'
import { FieldChanges } from './field-changes.tsx'

/** What the route's action answers a form with when it did not redirect. */
export interface CaseActionReply {
	intent: Intent
	result: SubmissionResult<string[]>
	/** the form was stale: what others did since it was rendered (oldest first) */
	missed?: MissedChange[]
}

export function lastResultFor(reply: CaseActionReply | undefined, intent: Intent) {
	return reply?.intent === intent ? reply.result : undefined
}

function useBusy(intent: Intent) {
	const navigation = useNavigation()
	return navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
}

/** One action's form, with conform validating against the action's schema on both sides. */
export function useCaseForm<I extends Intent>(
	intent: I,
	reply: CaseActionReply | undefined,
	defaultValue?: Record<string, string | undefined>,
) {
	type Input = z.input<(typeof FORMS)[I]>
	type Output = z.output<(typeof FORMS)[I]>
	const schema = FORMS[intent] as unknown as z.ZodType<Output, Input>
	return useForm<Input, Output>({
		id: `case-${intent}`,
		lastResult: lastResultFor(reply, intent),
		defaultValue: defaultValue as DefaultValue<Input> | undefined,
		constraint: getZodConstraint(schema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
}

/**
 * The frame every action's form shares: a disclosure (open when it has something to say), the
 * "meanwhile" panel when the form was stale, the form's own errors, the hidden intent and
 * version, and the submit button.
 */
export function ActionShell<Schema extends Record<string, unknown>>({
	intent,
	form,
	version,
	reply,
	title,
	lead,
	submit,
	danger = false,
	open = false,
	before,
	children,
}: {
	intent: Intent
	form: FormMetadata<Schema, string[]>
	version: number
	reply: CaseActionReply | undefined
	title: string
	lead?: string
	submit: string
	danger?: boolean
	open?: boolean
	/** shown above the form, outside it (the template picker is a form of its own) */
	before?: ReactNode
	children?: ReactNode
}) {
	const busy = useBusy(intent)
	const missed = reply?.intent === intent ? reply.missed : undefined
	const answered = reply?.intent === intent
	return (
		<details className="panel action-disclosure case-action" open={open || answered || undefined}>
			<summary>{title}</summary>
			{lead ? <p className="field-hint">{lead}</p> : null}
			{missed ? <MeanwhilePanel missed={missed} /> : null}
			{before}
			<Form
				method="post"
				encType={WITH_FILES.includes(intent) ? 'multipart/form-data' : undefined}
				{...getFormProps(form)}
			>
				{/* text before files, so that the server reads them before the uploads */}
				<input type="hidden" name="intent" value={intent} />
				<input type="hidden" name="expectedVersion" value={version} />
				<StepErrors id={form.errorId} errors={form.errors} />
				{children}
				<button type="submit" className={danger ? 'button button-danger' : 'button'} disabled={busy}>
					{submit}
				</button>
			</Form>
		</details>
	)
}

/**
 * Someone else changed the case after this form was rendered: what they did, so the person can
 * check it and send their input again (it is kept in the form) against the case as it is now.
 */
export function MeanwhilePanel({ missed }: { missed: readonly MissedChange[] }) {
	const { t } = useTranslation('casework')
	return (
		<div className="meanwhile form-error" role="alert">
			<p>
				<strong>{t('conflict.title')}</strong>
			</p>
			<p>{t('conflict.lead')}</p>
			{missed.length > 0 ? (
				<ol className="meanwhile-list">
					{missed.map((change, index) => (
						<li key={index}>
							<p>
								{t('conflict.change', {
									name: change.actorName ?? t('timeline.system'),
									what: t(`event.${change.type}`, { defaultValue: change.type }),
								})}{' '}
								<DateTime value={change.at} />
							</p>
							{change.toStatus && change.toStatus !== change.fromStatus ? (
								<p>
									{t('timeline.movedTo', { to: t(`status.${change.toStatus}`, { defaultValue: change.toStatus }) })}
								</p>
							) : null}
							<FieldChanges changes={change.changes} />
						</li>
					))}
				</ol>
			) : null}
			<p>{t('conflict.resubmit')}</p>
		</div>
	)
}

function describedBy(meta: { errors?: string[]; errorId: string }, hintId?: string) {
	return [meta.errors?.length ? meta.errorId : undefined, hintId].filter(Boolean).join(' ') || undefined
}

export function TextAreaField({
	label,
	hint,
	meta,
	rows = 5,
}: {
	label: string
	hint?: string
	meta: FieldMetadata<string | undefined>
	rows?: number
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
				rows={rows}
				aria-invalid={meta.errors?.length ? true : undefined}
				aria-describedby={describedBy(meta, hintId)}
			/>
			<FieldErrors id={meta.errorId} errors={meta.errors} />
		</div>
	)
}

export function InputField({
	label,
	hint,
	meta,
	type = 'text',
	inputMode,
}: {
	label: string
	hint?: string
	meta: FieldMetadata<string | undefined>
	type?: 'text' | 'datetime-local'
	inputMode?: 'decimal'
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
				id={meta.id}
				name={meta.name}
				form={meta.formId}
				type={type}
				inputMode={inputMode}
				defaultValue={typeof meta.initialValue === 'string' ? meta.initialValue : undefined}
				key={meta.key}
				required={meta.required}
				aria-invalid={meta.errors?.length ? true : undefined}
				aria-describedby={describedBy(meta, hintId)}
			/>
			<FieldErrors id={meta.errorId} errors={meta.errors} />
		</div>
	)
}

export function SelectField({
	label,
	hint,
	meta,
	options,
	placeholder,
}: {
	label: string
	hint?: string
	meta: FieldMetadata<string | undefined>
	options: ReadonlyArray<{ value: string; label: string }>
	/** a first, empty choice */
	placeholder?: string
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
			<select
				{...getSelectProps(meta, { ariaAttributes: false })}
				aria-invalid={meta.errors?.length ? true : undefined}
				aria-describedby={describedBy(meta, hintId)}
			>
				{placeholder !== undefined ? <option value="">{placeholder}</option> : null}
				{options.map((option) => (
					<option key={option.value} value={option.value}>
						{option.label}
					</option>
				))}
			</select>
			<FieldErrors id={meta.errorId} errors={meta.errors} />
		</div>
	)
}

export function RadioField({
	legend,
	meta,
	options,
}: {
	legend: string
	meta: FieldMetadata<string | undefined>
	options: ReadonlyArray<{ value: string; label: string }>
}) {
	return (
		<fieldset
			className="radio-list"
			aria-invalid={meta.errors?.length ? true : undefined}
			aria-describedby={meta.errors?.length ? meta.errorId : undefined}
		>
			<legend>{legend}</legend>
			{options.map((option) => (
				<label key={option.value}>
					<input
						type="radio"
						name={meta.name}
						value={option.value}
						defaultChecked={meta.initialValue === option.value}
						key={`${meta.key ?? ''}-${option.value}`}
					/>
					{option.label}
				</label>
			))}
			<FieldErrors id={meta.errorId} errors={meta.errors} />
		</fieldset>
	)
}

export function CheckboxField({ label, meta }: { label: string; meta: FieldMetadata<string | undefined> }) {
	return (
		<>
			<div className="checkbox-field">
				<input
					type="checkbox"
					id={meta.id}
					name={meta.name}
					value="on"
					defaultChecked={meta.initialValue === 'on'}
					key={meta.key}
					aria-invalid={meta.errors?.length ? true : undefined}
					aria-describedby={meta.errors?.length ? meta.errorId : undefined}
				/>
				<label htmlFor={meta.id}>{label}</label>
			</div>
			<FieldErrors id={meta.errorId} errors={meta.errors} />
		</>
	)
}

export function FilesField({ label, hint, meta }: { label: string; hint?: string; meta: FieldMetadata<unknown> }) {
	const { t } = useTranslation('casework')
	const hintId = useId()
	return (
		<div className="field">
			<label htmlFor={meta.id}>{label}</label>
			<p id={hintId} className="field-hint">
				{hint ? `${hint} ` : null}
				{t('forms.photosHint', UPLOAD_HINT)}
			</p>
			<input
				id={meta.id}
				name={meta.name}
				type="file"
				multiple
				accept={ACCEPTED_FILES}
				aria-invalid={meta.errors?.length ? true : undefined}
				aria-describedby={describedBy({ errors: meta.errors, errorId: meta.errorId }, hintId)}
			/>
			<FieldErrors id={meta.errorId} errors={meta.errors} />
		</div>
	)
}
