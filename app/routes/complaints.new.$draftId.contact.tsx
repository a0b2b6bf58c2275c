import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { domainErrorReply, firstMissingStep, loadDraft, requireCustomer } from '#app/complaints/filing.server.ts'
import { FilingErrorBoundary } from '#app/components/filing/customers-only.tsx'
import { ChoiceGroup, TextField } from '#app/components/filing/fields.tsx'
import { StepErrors } from '#app/components/filing/messages.tsx'
import { ReturnField } from '#app/components/filing/return-field.tsx'
import { StepActions } from '#app/components/filing/step-actions.tsx'
import { nextPath, stepPath } from '#app/components/filing/steps.ts'
import { saveDraftStep } from '#app/domain/complaints/drafts.ts'
import { CONTACT_METHODS, ContactStepSchema, NOTIFY_FREQUENCIES } from '#app/domain/complaints/schemas.ts'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const signedIn = await requireCustomer(request, context)
	const draft = await loadDraft(context, signedIn, params.draftId)
	const missing = firstMissingStep(draft)
	if (missing && missing !== 'contact') throw redirect(stepPath(draft.id, missing))
	return {
		draftId: draft.id,
		email: signedIn.user.email,
		values: {
			// email unless the customer chose otherwise; every change by email unless they chose the digest
			preferredContact: draft.data.preferredContact ?? 'EMAIL',
			contactPhone: draft.data.contactPhone ?? '',
			notifyFrequency: draft.data.notifyFrequency ?? 'EACH_CHANGE',
		},
	}
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	const signedIn = await requireCustomer(request, context)
	const form = await request.formData()
	const submission = parseWithZod(form, { schema: ContactStepSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const draftId = params.draftId ?? ''
	const { preferredContact, contactPhone, notifyFrequency } = submission.value
	try {
		await saveDraftStep(complaintDeps(context), signedIn.viewer, draftId, {
			preferredContact,
			contactPhone: contactPhone ?? undefined,
			notifyFrequency,
		})
	} catch (error) {
		return domainErrorReply((o) => submission.reply(o), error, ['preferredContact', 'contactPhone', 'notifyFrequency'])
	}
	return redirect(nextPath(draftId, 'contact', form))
}

export default function ContactStep() {
	const { t } = useTranslation('filing')
	const { draftId, email, values } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useForm({
		id: 'filing-contact',
		lastResult: actionData?.result,
		defaultValue: values,
		constraint: getZodConstraint(ContactStepSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ContactStepSchema }),
		shouldRevalidate: 'onInput',
	})
	return (
		<section aria-labelledby="step-title">
			<h1 id="step-title" tabIndex={-1}>
				{t('contact.title')}
			</h1>
			<p>{t('contact.lead')}</p>
			<Form method="post" className="contact-form" {...getFormProps(form)}>
				<ReturnField />
				<StepErrors id={form.errorId} errors={form.errors} />
				<ChoiceGroup
					legend={t('contact.preferred')}
					meta={fields.preferredContact}
					choices={CONTACT_METHODS.map((m) => ({
						value: m,
						label: t(`contact.methods.${m}`),
						hint: m === 'EMAIL' ? t('contact.emailHint', { email }) : undefined,
					}))}
				/>
				{/* shown by CSS when a call is preferred (filing.css), so it works without JavaScript too */}
				<div className="phone-field">
					<TextField
						label={t('contact.phone')}
						hint={t('contact.phoneHint')}
						meta={fields.contactPhone}
						// not `required`: it is hidden while email is preferred, and the schema asks for it when needed
						inputProps={{ type: 'tel', autoComplete: 'tel', inputMode: 'tel', required: false }}
					/>
				</div>
				<ChoiceGroup
					legend={t('contact.frequency')}
					meta={fields.notifyFrequency}
					choices={NOTIFY_FREQUENCIES.map((f) => ({
						value: f,
						label: t(`contact.frequencies.${f}`),
						hint: t(`contact.frequencyHints.${f}`),
					}))}
				/>
				<StepActions back={stepPath(draftId, 'details')} />
			</Form>
		</section>
	)
}

export function ErrorBoundary() {
	return <FilingErrorBoundary />
}
