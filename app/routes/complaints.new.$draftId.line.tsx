import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { domainErrorReply, loadDraft, requireCustomer } from '#app/complaints/filing.server.ts'
import { FilingErrorBoundary } from '#app/components/filing/customers-only.tsx'
import { ChoiceGroup } from '#app/components/filing/fields.tsx'
import { StepErrors } from '#app/components/filing/messages.tsx'
import { ReturnField } from '#app/components/filing/return-field.tsx'
import { StepActions } from '#app/components/filing/step-actions.tsx'
import { nextPath, stepPath } from '#app/components/filing/steps.ts'
import { chooseLine } from '#app/domain/complaints/drafts.ts'
import { LineStepSchema, WHOLE_ORDER } from '#app/domain/complaints/schemas.ts'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const signedIn = await requireCustomer(request, context)
	const draft = await loadDraft(context, signedIn, params.draftId)
	if (!draft.order) throw redirect(stepPath(draft.id, 'order'))
	const { orderLineId } = draft.data
	return {
		draftId: draft.id,
		orderNumber: draft.order.orderNumber,
		selected: orderLineId === null ? WHOLE_ORDER : (orderLineId ?? ''),
		lines: draft.order.lines.map((l) => ({
			id: l.id,
			model: l.productModel,
			name: l.productName,
			batch: l.batchNumber,
			quantity: l.quantity,
		})),
	}
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	const signedIn = await requireCustomer(request, context)
	const form = await request.formData()
	const submission = parseWithZod(form, { schema: LineStepSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const draftId = params.draftId ?? ''
	try {
		await chooseLine(complaintDeps(context), signedIn.viewer, draftId, submission.value.orderLineId)
	} catch (error) {
		return domainErrorReply((o) => submission.reply(o), error, ['orderLineId'])
	}
	return redirect(nextPath(draftId, 'line', form))
}

export default function LineStep() {
	const { t } = useTranslation('filing')
	const { draftId, orderNumber, selected, lines } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useForm({
		id: 'filing-line',
		lastResult: actionData?.result,
		defaultValue: { orderLineId: selected },
		constraint: getZodConstraint(LineStepSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: LineStepSchema }),
		shouldRevalidate: 'onInput',
	})
	return (
		<section aria-labelledby="step-title">
			<h1 id="step-title" tabIndex={-1}>
				{t('line.title')}
			</h1>
			<p>{t('line.lead', { orderNumber })}</p>
			<Form method="post" {...getFormProps(form)}>
				<ReturnField />
				<StepErrors id={form.errorId} errors={form.errors} />
				<ChoiceGroup
					legend={t('line.legend')}
					meta={fields.orderLineId}
					choices={[
						...lines.map((l) => ({
							value: l.id,
							label: `${l.model} ${l.name}`,
							hint: `${t('line.batch')} ${l.batch} · ${t('line.quantity')} ${l.quantity}`,
						})),
						{ value: WHOLE_ORDER, label: t('line.wholeOrder'), hint: t('line.wholeOrderHint') },
					]}
				/>
				<StepActions back={stepPath(draftId, 'order')} />
			</Form>
		</section>
	)
}

export function ErrorBoundary() {
	return <FilingErrorBoundary />
}
