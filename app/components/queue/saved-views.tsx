import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FieldErrors } from '#app/components/filing/messages.tsx'
import type { SavedQueueViewItem } from '#app/domain/complaints/saved-queue-views.ts'
import { SaveViewSchema } from './queue-schemas.ts'

export interface SaveViewReply {
	intent: 'save-view'
	result: SubmissionResult<string[]>
}

/**
 * The viewer's own named filters: each a link to the queue with its query string, a button to
 * delete it, and a form that saves the filters now applied under a name.
 */
export function SavedViews({
	views,
	query,
	reply,
}: {
	views: SavedQueueViewItem[]
	/** the filters applied now, as the queue's canonical query string */
	query: string
	reply: SaveViewReply | undefined
}) {
	const { t } = useTranslation('console')
	const navigation = useNavigation()
	const saving = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'save-view'
	const [form, fields] = useForm({
		id: 'save-view',
		lastResult: reply?.result,
		constraint: getZodConstraint(SaveViewSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: SaveViewSchema }),
		shouldRevalidate: 'onInput',
	})
	return (
		<section className="saved-views panel" aria-labelledby="saved-views-title">
			<h2 id="saved-views-title">{t('views.title')}</h2>
			{views.length === 0 ? (
				<p className="field-hint">{t('views.none')}</p>
			) : (
				<ul className="saved-view-list">
					{views.map((v) => (
						<li key={v.id}>
							<Link to={v.query ? `/staff/queue?${v.query}` : '/staff/queue'}>{v.name}</Link>
							<Form method="post">
								<input type="hidden" name="intent" value="delete-view" />
								<input type="hidden" name="viewId" value={v.id} />
								<button type="submit" className="link-button" aria-label={t('views.deleteLabel', { name: v.name })}>
									{t('views.delete')}
								</button>
							</Form>
						</li>
					))}
				</ul>
			)}
			<Form method="post" className="save-view" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="save-view" />
				<input type="hidden" name="query" value={query} />
				<div className="field">
					<label htmlFor={fields.name.id}>{t('views.name')}</label>
					<input
						{...getInputProps(fields.name, { type: 'text', ariaAttributes: false })}
						aria-invalid={fields.name.errors?.length ? true : undefined}
						aria-describedby={fields.name.errors?.length ? fields.name.errorId : undefined}
					/>
					<FieldErrors id={fields.name.errorId} errors={fields.name.errors} />
				</div>
				<button type="submit" className="button button-secondary" disabled={saving}>
					{t('views.save')}
				</button>
			</Form>
		</section>
	)
}
