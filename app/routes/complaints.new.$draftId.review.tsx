import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import {
	articlesForDraft,
	firstMissingStep,
	loadDraft,
	pageLanguage,
	requireCustomer,
} from '#app/complaints/filing.server.ts'
import { ArticleSuggestions } from '#app/components/filing/articles.tsx'
import { FilingErrorBoundary } from '#app/components/filing/customers-only.tsx'
import { encodeMessage, StepErrors } from '#app/components/filing/messages.tsx'
import { stepPath, type FilingStepName } from '#app/components/filing/steps.ts'
import { fileComplaint } from '#app/domain/complaints/file-complaint.ts'
import { DomainValidationError, NotFoundError } from '#app/domain/errors.ts'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const signedIn = await requireCustomer(request, context)
	const draft = await loadDraft(context, signedIn, params.draftId)
	const { data: d, order } = draft
	const line = order && d.orderLineId ? (order.lines.find((l) => l.id === d.orderLineId) ?? null) : null
	return {
		draftId: draft.id,
		missing: firstMissingStep(draft),
		email: signedIn.user.email,
		record: {
			orderNumber: order?.orderNumber ?? null,
			wholeOrder: Boolean(order) && d.orderLineId === null,
			line: line
				? { model: line.productModel, name: line.productName, batch: line.batchNumber, quantity: line.quantity }
				: null,
			category: d.category ?? null,
			severity: d.severity ?? null,
			title: d.title ?? null,
			description: d.description ?? null,
			requestedRemedy: d.requestedRemedy ?? null,
			preferredContact: d.preferredContact ?? null,
			contactPhone: d.contactPhone ?? null,
			notifyFrequency: d.notifyFrequency ?? null,
		},
		files: draft.attachments.map((a) => ({
			id: a.id,
			kind: a.kind,
			originalName: a.originalName,
			hasThumbnail: a.hasThumbnail,
		})),
		articles: await articlesForDraft(context, draft, await pageLanguage(request, signedIn)),
	}
}

/**
 * Files the complaint. The draft id is the submission key, so a double click or a retry after a
 * timeout files one complaint and lands on the same confirmation.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
	const signedIn = await requireCustomer(request, context)
	try {
		const filed = await fileComplaint(complaintDeps(context), signedIn.viewer, params.draftId ?? '')
		return redirect(`/complaints/filed/${filed.reference}`)
	} catch (error) {
		if (error instanceof NotFoundError) throw data(null, { status: 404 })
		if (error instanceof DomainValidationError) {
			const step = typeof error.params.step === 'string' ? error.params.step : null
			return data({ errors: [encodeMessage(error.messageKey, error.params)], step }, { status: 400 })
		}
		throw error
	}
}

export default function ReviewStep() {
	const { t } = useTranslation('filing')
	const { draftId, missing, record: r, files, email, articles } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const submitting = navigation.state !== 'idle' && navigation.formMethod === 'POST'
	const notYet = <span className="review-missing">{t('review.missing')}</span>
	const value = (v: ReactNode | null | undefined) => (v === null || v === undefined || v === '' ? notYet : v)
	return (
		<section aria-labelledby="step-title">
			<h1 id="step-title" tabIndex={-1}>
				{t('review.title')}
			</h1>
			<p>{t('review.lead')}</p>
			{missing ? (
				<div className="form-error" role="alert">
					<p>{t('review.completeFirst')}</p>
					<p>
						<Link to={stepPath(draftId, missing)}>{t(`steps.${missing}`)}</Link>
					</p>
				</div>
			) : null}
			<StepErrors errors={actionData?.errors} />

			<ReviewSection title={t('steps.order')} draftId={draftId} step="order">
				<dt>{t('review.orderNumber')}</dt>
				<dd>{value(r.orderNumber)}</dd>
				<dt>{t('review.product')}</dt>
				<dd>{r.wholeOrder ? t('review.wholeOrder') : r.line ? `${r.line.model} ${r.line.name}` : notYet}</dd>
				{r.line ? (
					<>
						<dt>{t('review.batch')}</dt>
						<dd>{r.line.batch}</dd>
						<dt>{t('line.quantity')}</dt>
						<dd>{r.line.quantity}</dd>
					</>
				) : null}
			</ReviewSection>

			<ReviewSection title={t('steps.details')} draftId={draftId} step="details">
				<dt>{t('review.category')}</dt>
				<dd>{value(r.category && t(`details.categories.${r.category}`))}</dd>
				<dt>{t('review.severity')}</dt>
				<dd>{value(r.severity && t(`details.severities.${r.severity}`))}</dd>
				<dt>{t('review.titleLabel')}</dt>
				<dd>{value(r.title)}</dd>
				<dt>{t('review.description')}</dt>
				<dd>{value(r.description)}</dd>
				<dt>{t('review.remedy')}</dt>
				<dd>{value(r.requestedRemedy && t(`details.remedies.${r.requestedRemedy}`))}</dd>
			</ReviewSection>

			<ReviewSection title={t('steps.contact')} draftId={draftId} step="contact">
				<dt>{t('review.contact')}</dt>
				<dd>
					{r.preferredContact === 'PHONE'
						? `${t('contact.methods.PHONE')} ${r.contactPhone ?? ''}`
						: r.preferredContact === 'EMAIL'
							? `${t('contact.methods.EMAIL')} ${email}`
							: notYet}
				</dd>
				<dt>{t('review.frequency')}</dt>
				<dd>{value(r.notifyFrequency && t(`contact.frequencies.${r.notifyFrequency}`))}</dd>
			</ReviewSection>

			<ReviewSection title={t('steps.photos')} draftId={draftId} step="photos">
				<dt>{t('review.photos')}</dt>
				<dd>
					{files.length ? (
						<ul className="photo-list">
							{files.map((f) => (
								<li key={f.id} className="photo-item">
									{f.hasThumbnail ? (
										<img src={`/attachments/${f.id}/thumbnail`} alt="" width={160} height={120} loading="lazy" />
									) : (
										<span className="photo-placeholder" aria-hidden="true">
											{f.kind === 'PDF' ? t('photos.pdf') : '…'}
										</span>
									)}
									<span>{f.originalName}</span>
								</li>
							))}
						</ul>
					) : (
						t('review.noPhotos')
					)}
				</dd>
			</ReviewSection>

			<ArticleSuggestions articles={articles} />

			<Form method="post" className="filing-form-actions">
				<Link to={stepPath(draftId, 'photos')} className="button button-secondary">
					{t('back')}
				</Link>
				<div>
					<p className="field-hint">{t('review.confirmNote')}</p>
					<button type="submit" className="button" disabled={submitting || Boolean(missing)}>
						{submitting ? t('review.submitting') : t('review.submit')}
					</button>
				</div>
			</Form>
		</section>
	)
}

function ReviewSection({
	title,
	draftId,
	step,
	children,
}: {
	title: string
	draftId: string
	step: FilingStepName
	children: ReactNode
}) {
	const { t } = useTranslation('filing')
	const id = `review-${step}`
	return (
		<section className="review-section" aria-labelledby={id}>
			<div className="review-section-head">
				<h2 id={id}>{title}</h2>
				<Link
					to={stepPath(draftId, step, { returnToReview: true })}
					aria-label={t('review.changeSection', { section: title })}
				>
					{t('review.change')}
				</Link>
			</div>
			<dl>{children}</dl>
		</section>
	)
}

export function ErrorBoundary() {
	return <FilingErrorBoundary />
}
