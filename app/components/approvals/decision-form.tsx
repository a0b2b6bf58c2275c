import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FieldErrors, StepErrors } from '#app/components/filing/messages.tsx'
import { DecisionSchema } from '#app/domain/approvals/schemas.ts'

export const decisionFormId = (stepId: string) => `decide-${stepId}`

/**
 * An approver's decision on one approval step: a comment and two buttons, approve or decline
 * (the comment is required to decline). One form, so that it works without JavaScript; the
 * button pressed sends `decision`. The complaint's version travels along, so that a decision
 * made on a page that is out of date is refused with what changed meanwhile.
 */
export function ApprovalDecisionForm({
	complaintId,
	stepId,
	expectedVersion,
	lastResult,
	action,
}: {
	complaintId: string
	stepId: string
	expectedVersion: number
	lastResult: SubmissionResult<string[]> | undefined
	/** where to post; the current route by default */
	action?: string
}) {
	const { t } = useTranslation('approvals')
	const id = decisionFormId(stepId)
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting' && navigation.formData?.get('stepId') === stepId
	const [form, fields] = useForm({
		id,
		lastResult,
		constraint: getZodConstraint(DecisionSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionSchema }),
		shouldRevalidate: 'onInput',
	})
	const comment = fields.comment
	const hintId = `${comment.id}-hint`
	return (
		<Form method="post" action={action} className="approval-decision" {...getFormProps(form)}>
			<input type="hidden" name="complaintId" value={complaintId} />
			<input type="hidden" name="stepId" value={stepId} />
			<input type="hidden" name="expectedVersion" value={expectedVersion} />
			<fieldset>
				<legend>{t('decide.legend')}</legend>
				<StepErrors id={form.errorId} errors={form.errors} />
				<div className="field">
					<label htmlFor={comment.id}>{t('decide.comment')}</label>
					<p id={hintId} className="field-hint">
						{t('decide.commentHint')}
					</p>
					<textarea
						{...getTextareaProps(comment, { ariaAttributes: false })}
						rows={3}
						aria-invalid={comment.errors?.length ? true : undefined}
						aria-describedby={[comment.errors?.length ? comment.errorId : null, hintId].filter(Boolean).join(' ')}
					/>
					<FieldErrors id={comment.errorId} errors={comment.errors} />
				</div>
				<div className="actions">
					<button type="submit" name="decision" value="APPROVED" className="button" disabled={busy}>
						{t('decide.approve')}
					</button>
					<button type="submit" name="decision" value="DECLINED" className="button button-secondary" disabled={busy}>
						{t('decide.decline')}
					</button>
				</div>
			</fieldset>
		</Form>
	)
}
