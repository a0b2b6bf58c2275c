import {
	getFormProps,
	getInputProps,
	getSelectProps,
	getTextareaProps,
	useForm,
	type SubmissionResult,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { FieldMetadata } from '@conform-to/react'
import type { ReactNode } from 'react'
import { FieldErrors, StepErrors } from '#app/components/filing/messages.tsx'
import { APPROVER_ROLES, RuleSchema } from '#app/domain/approvals/schemas.ts'
import { CATEGORIES, SEVERITIES } from '#app/domain/complaints/schemas.ts'
import type { ComplaintCategory, ComplaintSeverity, StaffRole } from '#app/generated/prisma/enums.ts'
import { yuanText } from '#app/i18n/money.ts'

export interface RuleView {
	id: string
	sequence: number
	approverRole: StaffRole
	category: ComplaintCategory | null
	minSeverity: ComplaintSeverity | null
	amountAboveMinor: number | null
	descriptionZh: string
	descriptionEn: string
	active: boolean
}

export const ruleFormId = (ruleId: string | null) => (ruleId ? `rule-${ruleId}` : 'rule-new')

function Labelled({
	meta,
	label,
	hint,
	children,
}: {
	meta: FieldMetadata<unknown>
	label: string
	hint?: string
	children: (describedBy: string | undefined) => ReactNode
}) {
	const hintId = hint ? `${meta.id}-hint` : undefined
	const describedBy = [meta.errors?.length ? meta.errorId : undefined, hintId].filter(Boolean).join(' ') || undefined
	return (
		<div className="field">
			<label htmlFor={meta.id}>{label}</label>
			{hint ? (
				<p id={hintId} className="field-hint">
					{hint}
				</p>
			) : null}
			{children(describedBy)}
			<FieldErrors id={meta.errorId} errors={meta.errors} />
		</div>
	)
}

/**
 * One approval rule's form: an administrator edits a rule (`rule` given) or adds one. Empty
 * category, severity or amount mean "any"; the amount is typed in yuan.
 */
export function RuleForm({
	rule,
	lastResult,
}: {
	rule: RuleView | null
	lastResult: SubmissionResult<string[]> | undefined
}) {
	const { t } = useTranslation(['approvals', 'console', 'complaints'])
	const id = ruleFormId(rule?.id ?? null)
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting' && navigation.formData?.get('form') === id
	const [form, fields] = useForm({
		id,
		lastResult,
		defaultValue: rule
			? {
					sequence: String(rule.sequence),
					approverRole: rule.approverRole,
					category: rule.category ?? '',
					minSeverity: rule.minSeverity ?? '',
					amountAbove: rule.amountAboveMinor === null ? '' : yuanText(rule.amountAboveMinor),
					descriptionZh: rule.descriptionZh,
					descriptionEn: rule.descriptionEn,
					active: rule.active ? 'on' : undefined,
				}
			: undefined,
		constraint: getZodConstraint(RuleSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: RuleSchema }),
		shouldRevalidate: 'onInput',
	})
	const aria = (meta: FieldMetadata<unknown>, describedBy: string | undefined) => ({
		'aria-invalid': meta.errors?.length ? true : undefined,
		'aria-describedby': describedBy,
	})
	return (
		<Form method="post" {...getFormProps(form)}>
			<input type="hidden" name="form" value={id} />
			<input type="hidden" name="intent" value={rule ? 'update' : 'create'} />
			{rule ? <input type="hidden" name="ruleId" value={rule.id} /> : null}
			<StepErrors id={form.errorId} errors={form.errors} />
			<div className="rule-form-grid">
				<Labelled
					meta={fields.sequence}
					label={t('approvals:rules.fields.sequence')}
					hint={t('approvals:rules.fields.sequenceHint')}
				>
					{(describedBy) => (
						<input
							{...getInputProps(fields.sequence, { type: 'number', ariaAttributes: false })}
							{...aria(fields.sequence, describedBy)}
						/>
					)}
				</Labelled>
				<Labelled meta={fields.approverRole} label={t('approvals:rules.fields.approverRole')}>
					{(describedBy) => (
						<select
							{...getSelectProps(fields.approverRole, { ariaAttributes: false })}
							{...aria(fields.approverRole, describedBy)}
						>
							{rule ? null : <option value="">{t('approvals:rules.fields.chooseRole')}</option>}
							{APPROVER_ROLES.map((role) => (
								<option key={role} value={role}>
									{t(`console:role.${role}`)}
								</option>
							))}
						</select>
					)}
				</Labelled>
				<Labelled meta={fields.category} label={t('approvals:rules.fields.category')}>
					{(describedBy) => (
						<select
							{...getSelectProps(fields.category, { ariaAttributes: false })}
							{...aria(fields.category, describedBy)}
						>
							<option value="">{t('approvals:rules.fields.anyCategory')}</option>
							{CATEGORIES.map((category) => (
								<option key={category} value={category}>
									{t(`complaints:category.${category}`)}
								</option>
							))}
						</select>
					)}
				</Labelled>
				<Labelled meta={fields.minSeverity} label={t('approvals:rules.fields.minSeverity')}>
					{(describedBy) => (
						<select
							{...getSelectProps(fields.minSeverity, { ariaAttributes: false })}
							{...aria(fields.minSeverity, describedBy)}
						>
							<option value="">{t('approvals:rules.fields.anySeverity')}</option>
							{SEVERITIES.map((severity) => (
								<option key={severity} value={severity}>
									{t(`complaints:severity.${severity}`)}
								</option>
							))}
						</select>
					)}
				</Labelled>
				<Labelled
					meta={fields.amountAbove}
					label={t('approvals:rules.fields.amountAbove')}
					hint={t('approvals:rules.fields.amountAboveHint')}
				>
					{(describedBy) => (
						<input
							{...getInputProps(fields.amountAbove, { type: 'text', ariaAttributes: false })}
							inputMode="decimal"
							{...aria(fields.amountAbove, describedBy)}
						/>
					)}
				</Labelled>
			</div>
			{(['descriptionZh', 'descriptionEn'] as const).map((name) => (
				<Labelled key={name} meta={fields[name]} label={t(`approvals:rules.fields.${name}`)}>
					{(describedBy) => (
						<textarea
							{...getTextareaProps(fields[name], { ariaAttributes: false })}
							rows={2}
							{...aria(fields[name], describedBy)}
						/>
					)}
				</Labelled>
			))}
			<div className="rule-actions">
				{rule ? (
					<div className="checkbox-field">
						<input {...getInputProps(fields.active, { type: 'checkbox' })} />
						<label htmlFor={fields.active.id}>{t('approvals:rules.fields.active')}</label>
					</div>
				) : null}
				<button type="submit" className="button" disabled={busy}>
					{rule ? t('approvals:rules.save') : t('approvals:rules.create')}
				</button>
			</div>
		</Form>
	)
}
