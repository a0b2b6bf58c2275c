import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { domainErrorReply, loadDraft, requireCustomer } from '#app/complaints/filing.server.ts'
import { FilingErrorBoundary } from '#app/components/filing/customers-only.tsx'
import { DateOnly } from '#app/components/filing/date.tsx'
import { TextField } from '#app/components/filing/fields.tsx'
import { StepErrors } from '#app/components/filing/messages.tsx'
import { ReturnField } from '#app/components/filing/return-field.tsx'
import { nextPath, stepPath } from '#app/components/filing/steps.ts'
import { chooseOrder } from '#app/domain/complaints/drafts.ts'
import { OrderStepSchema } from '#app/domain/complaints/schemas.ts'
import { listCustomerOrders } from '#app/domain/orders/customer-orders.ts'
import { normalizeOrderNumber } from '#app/domain/orders/order-number.ts'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const signedIn = await requireCustomer(request, context)
	const draft = await loadDraft(context, signedIn, params.draftId)
	const orders = await listCustomerOrders(context.db.prisma, signedIn.viewer)
	return {
		draftId: draft.id,
		orderNumber: draft.data.orderNumber ?? '',
		chosenOrderId: draft.order?.id ?? null,
		orders: orders.map((o) => ({
			id: o.id,
			orderNumber: o.orderNumber,
			orderedAt: o.orderedAt.toISOString(),
			lines: o.lines.map((l) => ({ id: l.id, model: l.productModel, name: l.productName })),
		})),
	}
}

/** Typed or picked, it is the same: an order number the domain looks up among the customer's own. */
export async function action({ request, context, params }: ActionFunctionArgs) {
	const signedIn = await requireCustomer(request, context)
	const form = await request.formData()
	const submission = parseWithZod(blankIfOnlySpaces(form), { schema: OrderStepSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const draft = await loadDraft(context, signedIn, params.draftId)
	let order
	try {
		order = await chooseOrder(complaintDeps(context), signedIn.viewer, draft.id, submission.value.orderNumber)
	} catch (error) {
		return domainErrorReply((o) => submission.reply(o), error, ['orderNumber'])
	}
	const fromReview = form.get('return') === 'review'
	// one product on the order: the domain chose it, so the product step has nothing to ask
	if (order.lines.length === 1) return redirect(stepPath(draft.id, fromReview ? 'review' : 'details'))
	// another order: its product is still to be chosen, even when coming from the review
	if (draft.data.orderId !== order.id) return redirect(stepPath(draft.id, 'line', { returnToReview: fromReview }))
	return redirect(nextPath(draft.id, 'order', form))
}

/**
 * A number of only spaces is an empty one. (Conform turns the schema's normalised empty string
 * into "missing" after the transform, where the schema's own "required" message no longer applies.)
 */
function blankIfOnlySpaces(form: FormData): FormData {
	const value = form.get('orderNumber')
	if (typeof value !== 'string' || normalizeOrderNumber(value)) return form
	const copy = new FormData()
	for (const [key, entry] of form) copy.append(key, entry)
	copy.set('orderNumber', '')
	return copy
}

export default function OrderStep() {
	const { t } = useTranslation('filing')
	const { orderNumber, orders, chosenOrderId } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	const [form, fields] = useForm({
		id: 'filing-order',
		lastResult: actionData?.result,
		defaultValue: { orderNumber },
		constraint: getZodConstraint(OrderStepSchema),
		onValidate: ({ formData }) => parseWithZod(blankIfOnlySpaces(formData), { schema: OrderStepSchema }),
		shouldRevalidate: 'onInput',
	})
	return (
		<section aria-labelledby="step-title">
			<h1 id="step-title" tabIndex={-1}>
				{t('order.title')}
			</h1>
			<p>{t('order.lead')}</p>
			<Form method="post" {...getFormProps(form)}>
				<ReturnField />
				<StepErrors id={form.errorId} errors={form.errors} />
				<TextField
					label={t('order.orderNumber')}
					hint={t('order.orderNumberHint')}
					meta={fields.orderNumber}
					inputProps={{ autoComplete: 'off', spellCheck: false, autoCapitalize: 'characters' }}
				/>
				<button type="submit" className="button" disabled={busy}>
					{busy ? t('saving') : t('order.find')}
				</button>
			</Form>

			<section className="filing-section" aria-labelledby="orders-title">
				<h2 id="orders-title">{t('order.pickTitle')}</h2>
				{orders.length ? (
					<ul className="order-list">
						{orders.map((o) => (
							<li key={o.id} className="order-card">
								<div>
									<strong>{o.orderNumber}</strong>
									{o.id === chosenOrderId ? <span className="badge"> {t('order.chosen')}</span> : null}
									<div className="field-hint">
										{t('order.orderedOn')} <DateOnly value={o.orderedAt} />
									</div>
									<ul aria-label={t('order.products')}>
										{o.lines.map((l) => (
											<li key={l.id}>
												{l.model} {l.name}
											</li>
										))}
									</ul>
								</div>
								<Form method="post">
									<ReturnField />
									<button
										type="submit"
										name="orderNumber"
										value={o.orderNumber}
										className="button button-secondary"
										disabled={busy}
										aria-label={t('order.choose', { orderNumber: o.orderNumber })}
									>
										{t('order.pick')}
									</button>
								</Form>
							</li>
						))}
					</ul>
				) : (
					<p>{t('order.noOrders')}</p>
				)}
			</section>
		</section>
	)
}

export function ErrorBoundary() {
	return <FilingErrorBoundary />
}
