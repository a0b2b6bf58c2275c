import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import {
	articlesForDraft,
	domainErrorReply,
	loadDraft,
	pageLanguage,
	requireCustomer,
} from '#app/complaints/filing.server.ts'
import { ArticleSuggestions } from '#app/components/filing/articles.tsx'
import { FilingErrorBoundary } from '#app/components/filing/customers-only.tsx'
import { ChoiceGroup, TextArea, TextField } from '#app/components/filing/fields.tsx'
import { StepErrors } from '#app/components/filing/messages.tsx'
import { ReturnField } from '#app/components/filing/return-field.tsx'
import { StepActions } from '#app/components/filing/step-actions.tsx'
import { nextPath, stepPath } from '#app/components/filing/steps.ts'
import { useArticleSuggestions } from '#app/components/filing/use-article-suggestions.ts'
import { saveDraftStep } from '#app/domain/complaints/drafts.ts'
import {
	CATEGORIES,
	DESCRIPTION_MAX,
	DetailsStepSchema,
	REMEDIES,
	SEVERITIES,
	TITLE_MAX,
} from '#app/domain/complaints/schemas.ts'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const signedIn = await requireCustomer(request, context)
	const draft = await loadDraft(context, signedIn, params.draftId)
	if (!draft.order) throw redirect(stepPath(draft.id, 'order'))
	if (draft.data.orderLineId === undefined) throw redirect(stepPath(draft.id, 'line'))
	const { category, severity, title, description, requestedRemedy } = draft.data
	return {
		draftId: draft.id,
		// one product on the order: the product step was skipped, so Back goes to the order
		back: stepPath(draft.id, draft.order.lines.length === 1 ? 'order' : 'line'),
		values: { category, severity, title, description, requestedRemedy },
		articles: await articlesForDraft(context, draft, await pageLanguage(request, signedIn)),
	}
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	const signedIn = await requireCustomer(request, context)
	const form = await request.formData()
	const submission = parseWithZod(form, { schema: DetailsStepSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const draftId = params.draftId ?? ''
	try {
		await saveDraftStep(complaintDeps(context), signedIn.viewer, draftId, submission.value)
	} catch (error) {
		return domainErrorReply((o) => submission.reply(o), error, Object.keys(DetailsStepSchema.shape))
	}
	return redirect(nextPath(draftId, 'details', form))
}

export default function DetailsStep() {
	const { t } = useTranslation('filing')
	const { back, values, articles: initialArticles } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const suggestions = useArticleSuggestions(initialArticles)
	const [form, fields] = useForm({
		id: 'filing-details',
		lastResult: actionData?.result,
		defaultValue: values,
		constraint: getZodConstraint(DetailsStepSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: DetailsStepSchema }),
		shouldRevalidate: 'onInput',
	})
	// what the customer typed so far brings up matching answers
	const onInput = (event: FormEvent<HTMLFormElement>) => {
		const data = new FormData(event.currentTarget)
		const text = [data.get('title'), data.get('description')].filter((v) => typeof v === 'string').join('\n')
		const category = data.get('category')
		suggestions.update(text, typeof category === 'string' ? category : null)
	}
	return (
		<section aria-labelledby="step-title">
			<h1 id="step-title" tabIndex={-1}>
				{t('details.title')}
			</h1>
			<p>{t('details.lead')}</p>
			<Form method="post" {...getFormProps(form)} onInput={onInput} onChange={onInput}>
				<ReturnField />
				<StepErrors id={form.errorId} errors={form.errors} />
				<ChoiceGroup
					legend={t('details.category')}
					meta={fields.category}
					choices={CATEGORIES.map((c) => ({
						value: c,
						label: t(`details.categories.${c}`),
						hint: t(`details.categoryHints.${c}`),
					}))}
				/>
				<ChoiceGroup
					legend={t('details.severity')}
					meta={fields.severity}
					choices={SEVERITIES.map((s) => ({
						value: s,
						label: t(`details.severities.${s}`),
						hint: t(`details.severityHints.${s}`),
					}))}
				/>
				<TextField
					label={t('details.titleLabel')}
					hint={t('details.titleHint')}
					meta={fields.title}
					inputProps={{ maxLength: TITLE_MAX, autoComplete: 'off' }}
				/>
				<TextArea
					label={t('details.description')}
					hint={t('details.descriptionHint')}
					meta={fields.description}
					textareaProps={{ maxLength: DESCRIPTION_MAX, rows: 7 }}
				/>
				<ArticleSuggestions articles={suggestions.articles} busy={suggestions.busy} announce />
				<ChoiceGroup
					legend={t('details.remedy')}
					meta={fields.requestedRemedy}
					choices={REMEDIES.map((r) => ({ value: r, label: t(`details.remedies.${r}`) }))}
				/>
				<StepActions back={back} />
			</Form>
		</section>
	)
}

export function ErrorBoundary() {
	return <FilingErrorBoundary />
}
