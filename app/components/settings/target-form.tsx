import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as z from 'zod'
import { encodeMessage, FieldErrors, StepErrors } from '#app/components/filing/messages.tsx'
import { CLOCK_KINDS, DURATION_UNITS, TARGET_LIMITS } from '#app/domain/sla/targets.ts'
import type { DurationUnit, ServiceClockKind } from '#app/generated/prisma/enums.ts'

/** One service-level target: which clock, for whom, and how long. */
export const TargetFormSchema = z
	.object({
		clock: z.enum(CLOCK_KINDS, { error: 'validation:choose' }),
		keyAccount: z.enum(['standard', 'key-account'], { error: 'validation:choose' }),
		amount: z.number({ error: 'validation:required' }),
		unit: z.enum(DURATION_UNITS, { error: 'validation:choose' }),
	})
	.superRefine((value, ctx) => {
		const max = TARGET_LIMITS[value.unit]
		if (!Number.isInteger(value.amount) || value.amount < 1 || value.amount > max)
			ctx.addIssue({
				code: 'custom',
				path: ['amount'],
				message: encodeMessage('settings:validation.amountRange', { max }),
			})
	})

export function targetFormId(clock: ServiceClockKind, keyAccount: boolean) {
	return `target-${clock}-${keyAccount ? 'key-account' : 'standard'}`
}

/** An administrator's inline form for one target, in its cell of the service-level table. */
export function TargetForm({
	clock,
	keyAccount,
	amount,
	unit,
	lastResult,
}: {
	clock: ServiceClockKind
	keyAccount: boolean
	amount: number
	unit: DurationUnit
	lastResult: SubmissionResult<string[]> | undefined
}) {
	const { t } = useTranslation('settings')
	const id = targetFormId(clock, keyAccount)
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting' && navigation.formData?.get('target') === id
	const [form, fields] = useForm({
		id,
		lastResult,
		defaultValue: { clock, keyAccount: keyAccount ? 'key-account' : 'standard', amount: String(amount), unit },
		constraint: getZodConstraint(TargetFormSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: TargetFormSchema }),
		shouldRevalidate: 'onInput',
	})
	const who = keyAccount ? t('serviceLevels.columns.keyAccount') : t('serviceLevels.columns.standard')
	const what = `${t(`serviceLevels.clocks.${clock}`)} · ${who}`
	return (
		<Form method="post" {...getFormProps(form)}>
			<input type="hidden" name="target" value={id} />
			<input {...getInputProps(fields.clock, { type: 'hidden' })} />
			<input {...getInputProps(fields.keyAccount, { type: 'hidden' })} />
			<StepErrors id={form.errorId} errors={form.errors} />
			<div className="settings-inline-form">
				<div className="field">
					<label htmlFor={fields.amount.id} className="visually-hidden">
						{`${what} · ${t('serviceLevels.amount')}`}
					</label>
					<input
						{...getInputProps(fields.amount, { type: 'number', ariaAttributes: false })}
						min={1}
						step={1}
						aria-invalid={fields.amount.errors?.length ? true : undefined}
						aria-describedby={fields.amount.errors?.length ? fields.amount.errorId : undefined}
					/>
				</div>
				<div className="field">
					<label htmlFor={fields.unit.id} className="visually-hidden">
						{`${what} · ${t('serviceLevels.unit')}`}
					</label>
					<select {...getSelectProps(fields.unit)}>
						{DURATION_UNITS.map((u) => (
							<option key={u} value={u}>
								{t(`serviceLevels.units.${u}`)}
							</option>
						))}
					</select>
				</div>
				<button
					type="submit"
					className="button button-secondary"
					disabled={busy}
					aria-label={t('serviceLevels.saveLabel', { clock: t(`serviceLevels.clocks.${clock}`), who })}
				>
					{t('serviceLevels.save')}
				</button>
			</div>
			<FieldErrors id={fields.amount.errorId} errors={fields.amount.errors} />
			<FieldErrors id={fields.unit.errorId} errors={fields.unit.errors} />
		</Form>
	)
}
