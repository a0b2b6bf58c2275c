import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import type { FieldMetadata, SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as z from 'zod'
import { encodeMessage, FieldErrors, StepErrors } from '#app/components/filing/messages.tsx'
import { CATEGORIES } from '#app/domain/complaints/schemas.ts'
import { PLACEHOLDERS, placeholderToken, unknownPlaceholders } from '#app/domain/templates/placeholders.ts'
import { TemplateSchema } from '#app/domain/templates/schemas.ts'
import type { ComplaintCategory } from '#app/generated/prisma/enums.ts'

const ALLOWED = PLACEHOLDERS.map(placeholderToken).join(', ')

/** A text's rule in the form: the domain's, and no unknown placeholder (the commands check it again). */
function withKnownPlaceholders<T extends z.ZodType<string>>(schema: T) {
	return schema.superRefine((value, ctx) => {
		const unknown = unknownPlaceholders(value)
		if (unknown.length > 0)
			ctx.addIssue({
				code: 'custom',
				message: encodeMessage('settings:validation.unknownPlaceholder', {
					unknown: unknown.join(', '),
					allowed: ALLOWED,
				}),
			})
	})
}

/**
 * The template form's rules: the domain's fields, and the placeholder check the commands make,
 * here too so the browser names an unknown placeholder before the form is sent.
 */
export const TemplateFormSchema = TemplateSchema.extend({
	bodyZh: withKnownPlaceholders(TemplateSchema.shape.bodyZh),
	bodyEn: withKnownPlaceholders(TemplateSchema.shape.bodyEn),
})

export interface TemplateFormValues {
	name: string
	category: ComplaintCategory | null
	bodyZh: string
	bodyEn: string
}

function TextField({ label, hint, meta }: { label: string; hint?: string; meta: FieldMetadata<string | null> }) {
	const hintId = `${meta.id}-hint`
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
				aria-invalid={meta.errors?.length ? true : undefined}
				aria-describedby={
					[meta.errors?.length ? meta.errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined
				}
			/>
			<FieldErrors id={meta.errorId} errors={meta.errors} />
		</div>
	)
}

function BodyField({
	label,
	meta,
	lang,
	helpId,
}: {
	label: string
	meta: FieldMetadata<string>
	lang: string
	helpId: string
}) {
	return (
		<div className="field template-body">
			<label htmlFor={meta.id}>{label}</label>
			<textarea
				{...getTextareaProps(meta, { ariaAttributes: false })}
				lang={lang}
				rows={12}
				aria-invalid={meta.errors?.length ? true : undefined}
				aria-describedby={[meta.errors?.length ? meta.errorId : null, helpId].filter(Boolean).join(' ')}
			/>
			<FieldErrors id={meta.errorId} errors={meta.errors} />
		</div>
	)
}

/** Create or edit a reply template: name, category, and the text in both languages. */
export function TemplateForm({
	id,
	defaultValue,
	lastResult,
	submitLabel,
}: {
	id: string
	defaultValue?: TemplateFormValues
	lastResult: SubmissionResult<string[]> | undefined
	submitLabel: string
}) {
	const { t } = useTranslation(['settings', 'complaints'])
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'save'
	const [form, fields] = useForm({
		id,
		lastResult,
		defaultValue: defaultValue ? { ...defaultValue, category: defaultValue.category ?? '' } : undefined,
		constraint: getZodConstraint(TemplateSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: TemplateFormSchema }),
		// onInput, not onBlur: see _auth.forgot-password.tsx
		shouldRevalidate: 'onInput',
	})
	const helpId = `${form.id}-placeholders`
	return (
		<Form method="post" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="save" />
			<StepErrors id={form.errorId} errors={form.errors} />
			<TextField
				label={t('settings:templates.fields.name')}
				hint={t('settings:templates.fields.nameHint')}
				meta={fields.name}
			/>
			<div className="field">
				<label htmlFor={fields.category.id}>{t('settings:templates.fields.category')}</label>
				<p id={`${fields.category.id}-hint`} className="field-hint">
					{t('settings:templates.fields.categoryHint')}
				</p>
				<select
					{...getSelectProps(fields.category, { ariaAttributes: false })}
					aria-describedby={`${fields.category.id}-hint`}
				>
					<option value="">{t('settings:templates.anyCategory')}</option>
					{CATEGORIES.map((c) => (
						<option key={c} value={c}>
							{t(`complaints:category.${c}`)}
						</option>
					))}
				</select>
				<FieldErrors id={fields.category.errorId} errors={fields.category.errors} />
			</div>
			<div id={helpId} className="field-hint placeholder-list">
				<p>{t('settings:templates.placeholders')}</p>
				<ul>
					{PLACEHOLDERS.map((p) => (
						<li key={p}>
							<code>{placeholderToken(p)}</code> {t(`settings:templates.placeholderHelp.${p}`)}
						</li>
					))}
				</ul>
			</div>
			<BodyField label={t('settings:templates.fields.bodyZh')} meta={fields.bodyZh} lang="zh-CN" helpId={helpId} />
			<BodyField label={t('settings:templates.fields.bodyEn')} meta={fields.bodyEn} lang="en" helpId={helpId} />
			<button type="submit" className="button" disabled={busy}>
				{submitLabel}
			</button>
		</Form>
	)
}
