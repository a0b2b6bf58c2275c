import { getFormProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, useNavigation } from '@remix-run/react'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '#app/components/date-time.tsx'
import { FieldErrors, StepErrors } from '#app/components/filing/messages.tsx'
import { FormErrors } from '#app/components/form-errors.tsx'
import { Honeypot } from '#app/components/forms.tsx'
import {
	DIMENSIONS,
	isOptional,
	RECOMMEND_MAX,
	RECOMMEND_MIN,
	SCORE_MAX,
	SCORE_MIN,
	type Dimension,
} from '#app/domain/surveys/dimensions.ts'
import { surveyAnswerSchema, SurveyReopenSchema } from '#app/domain/surveys/schemas.ts'
import type { SurveyAnswer, SurveyState } from '#app/domain/surveys/surveys.ts'
import type { SurveyKind } from '#app/generated/prisma/enums.ts'

/**
 * The satisfaction survey as the customer sees it, on the emailed link's page (no sign-in) and in
 * the portal: the questions, or the answers with a way to change them while the survey is open,
 * the reopen offer after a low score, and why a survey can no longer be answered. Built for a
 * phone and a minute: one column, large targets, every group a fieldset with its legend, and
 * each score's meaning read out to screen readers.
 */

/** What the page gets of a survey: nothing of the complaint but its reference and title. */
export interface SurveyPageData {
	kind: SurveyKind
	complaint: { reference: string; title: string } | null
	periodYear: number | null
	state: SurveyState
	expiresAt: string | Date
	answeredAt: string | Date | null
	answer: SurveyAnswer | null
	lowScore: boolean
	canReopen: boolean
	reopenRequestedAt: string | Date | null
}

export type SurveyIntent = 'answer' | 'reopen'

export interface SurveyActionReply {
	intent: SurveyIntent
	result: SubmissionResult<string[]>
	retryAfter?: number
}

function resultFor(reply: SurveyActionReply | undefined, intent: SurveyIntent) {
	return reply?.intent === intent ? reply.result : undefined
}

export function SurveyPage({
	survey,
	token,
	reply,
	publicForm,
}: {
	survey: SurveyPageData
	/** the link's secret, posted back with each form (the link page only) */
	token?: string
	reply: SurveyActionReply | undefined
	/** the link page is public: its forms carry a honeypot */
	publicForm: boolean
}) {
	const { t, i18n } = useTranslation('surveys')
	const editable = survey.state === 'open' || survey.state === 'answered'
	return (
		<article className="survey" aria-labelledby="survey-title">
			<header>
				<h1 id="survey-title">
					{survey.kind === 'KEY_ACCOUNT' ? t('titleKeyAccount', { year: survey.periodYear }) : t('title')}
				</h1>
				{survey.complaint ? <p className="survey-about">{t('about', survey.complaint)}</p> : null}
			</header>

			{survey.state === 'expired' ? (
				<p className="survey-state" role="status">
					{t('state.expired', { at: formatDateTime(survey.expiresAt, i18n.language) })}
				</p>
			) : null}
			{survey.state === 'closed' ? (
				<p className="survey-state" role="status">
					{t('state.closed')}
				</p>
			) : null}

			{survey.state === 'answered' ? <Thanks survey={survey} /> : null}
			{survey.answer && survey.lowScore ? (
				<LowScore survey={survey} token={token} reply={reply} publicForm={publicForm} />
			) : null}

			{editable ? (
				<AnswerForm survey={survey} token={token} reply={reply} publicForm={publicForm} />
			) : survey.answer ? (
				<AnswerSummary answer={survey.answer} />
			) : null}
		</article>
	)
}

function Thanks({ survey }: { survey: SurveyPageData }) {
	const { t, i18n } = useTranslation('surveys')
	return (
		<section className="panel survey-thanks" aria-labelledby="survey-thanks-title">
			<h2 id="survey-thanks-title">{t('answered.title')}</h2>
			<p>
				{t(survey.kind === 'KEY_ACCOUNT' ? 'answered.bodyKeyAccount' : 'answered.body', {
					until: formatDateTime(survey.expiresAt, i18n.language),
				})}
			</p>
		</section>
	)
}

function LowScore({
	survey,
	token,
	reply,
	publicForm,
}: {
	survey: SurveyPageData
	token?: string
	reply: SurveyActionReply | undefined
	publicForm: boolean
}) {
	const { t, i18n } = useTranslation('surveys')
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'reopen'
	const [form, fields] = useForm({
		id: 'survey-reopen',
		lastResult: resultFor(reply, 'reopen'),
		constraint: getZodConstraint(SurveyReopenSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: SurveyReopenSchema }),
		shouldRevalidate: 'onInput',
		defaultValue: { reason: survey.answer?.comment ?? '' },
	})
	const reasonHint = `${fields.reason.id}-hint`
	return (
		<section className="panel survey-low" aria-labelledby="survey-low-title">
			<h2 id="survey-low-title">{t('low.title')}</h2>
			<p>{t('low.body')}</p>
			{survey.reopenRequestedAt ? (
				<p>{t('low.requested', { at: formatDateTime(survey.reopenRequestedAt, i18n.language) })}</p>
			) : null}
			{survey.canReopen ? (
				<Form method="post" {...getFormProps(form)}>
					<input type="hidden" name="intent" value="reopen" />
					{token ? <input type="hidden" name="token" value={token} /> : null}
					{publicForm ? <Honeypot /> : null}
					<FormErrors id={form.errorId} errors={form.errors} retryAfter={reply?.retryAfter} />
					<p id={reasonHint}>{t('low.reopen')}</p>
					<div className="field">
						<label htmlFor={fields.reason.id}>{t('low.reason')}</label>
						<textarea
							{...getTextareaProps(fields.reason, { ariaAttributes: false })}
							rows={3}
							aria-invalid={fields.reason.errors?.length ? true : undefined}
							aria-describedby={[fields.reason.errors?.length ? fields.reason.errorId : null, reasonHint]
								.filter(Boolean)
								.join(' ')}
						/>
						<FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
					</div>
					<button type="submit" className="button button-secondary" disabled={busy}>
						{t('low.submit')}
					</button>
				</Form>
			) : null}
		</section>
	)
}

function AnswerForm({
	survey,
	token,
	reply,
	publicForm,
}: {
	survey: SurveyPageData
	token?: string
	reply: SurveyActionReply | undefined
	publicForm: boolean
}) {
	const { t } = useTranslation('surveys')
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'answer'
	const schema = surveyAnswerSchema(survey.kind)
	const [form, fields] = useForm({
		id: 'survey-answer',
		lastResult: resultFor(reply, 'answer'),
		constraint: getZodConstraint(schema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})
	const answer = survey.answer
	return (
		<section aria-labelledby="survey-form-title">
			<h2 id="survey-form-title" className={answer ? undefined : 'visually-hidden'}>
				{t('yourAnswers')}
			</h2>
			<p className="field-hint">{t(survey.kind === 'KEY_ACCOUNT' ? 'leadKeyAccount' : 'lead')}</p>
			<Form method="post" className="survey-form" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="answer" />
				{token ? <input type="hidden" name="token" value={token} /> : null}
				{publicForm ? <Honeypot /> : null}
				<StepErrors id={form.errorId} errors={form.errors} />
				{reply?.retryAfter ? (
					<FormErrors errors={['common:errors.tooManyRequests']} retryAfter={reply.retryAfter} />
				) : null}
				{DIMENSIONS.map((d) => (
					<ScoreGroup
						key={d}
						legend={t(`dimension.${d}`)}
						meta={fields[d]}
						values={range(SCORE_MIN, SCORE_MAX)}
						labelOf={(v) => t(`scale.${v}` as `scale.${1 | 2 | 3 | 4 | 5}`)}
						optional={isOptional(d, survey.kind)}
						chosen={answer ? answer[d as Dimension] : undefined}
						highlight={d === 'overall'}
					/>
				))}
				<ScoreGroup
					legend={t('recommend.label')}
					hint={t('recommend.ends')}
					meta={fields.recommend}
					values={range(RECOMMEND_MIN, RECOMMEND_MAX)}
					optional={false}
					chosen={answer ? answer.recommend : undefined}
					wide
				/>
				<div className="field">
					<label htmlFor={fields.comment.id}>{t('comment.label')}</label>
					<p id={`${fields.comment.id}-hint`} className="field-hint">
						{t('comment.hint')}
					</p>
					<textarea
						{...getTextareaProps(fields.comment, { ariaAttributes: false })}
						defaultValue={answer?.comment ?? ''}
						rows={4}
						aria-invalid={fields.comment.errors?.length ? true : undefined}
						aria-describedby={[
							fields.comment.errors?.length ? fields.comment.errorId : null,
							`${fields.comment.id}-hint`,
						]
							.filter(Boolean)
							.join(' ')}
					/>
					<FieldErrors id={fields.comment.errorId} errors={fields.comment.errors} />
				</div>
				<button type="submit" className="button survey-submit" disabled={busy}>
					{busy ? t('sending') : answer ? t('update') : t('submit')}
				</button>
			</Form>
		</section>
	)
}

function range(from: number, to: number): number[] {
	return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

/**
 * One question as a group of radio buttons: the number shows, its meaning is read out; a
 * skippable one has a "does not apply" choice, which sends nothing.
 */
function ScoreGroup({
	legend,
	hint,
	meta,
	values,
	labelOf,
	optional,
	chosen,
	highlight = false,
	wide = false,
}: {
	legend: string
	hint?: string
	meta: FieldMetadata<number | undefined>
	values: number[]
	labelOf?: (value: number) => string
	optional: boolean
	/** the saved answer: a number, null when skipped, undefined before any answer */
	chosen: number | null | undefined
	highlight?: boolean
	wide?: boolean
}) {
	const { t } = useTranslation('surveys')
	const invalid = Boolean(meta.errors?.length)
	const hintId = hint ? `${meta.id}-hint` : undefined
	const describedBy = [invalid ? meta.errorId : null, hintId].filter(Boolean).join(' ') || undefined
	return (
		<fieldset
			className={`score-group${highlight ? ' score-group--overall' : ''}`}
			aria-invalid={invalid ? true : undefined}
			aria-describedby={describedBy}
			aria-required={optional ? undefined : true}
		>
			<legend>
				{legend}
				{optional ? <span className="score-optional"> {t('optional')}</span> : null}
			</legend>
			{hint ? (
				<p id={hintId} className="field-hint">
					{hint}
				</p>
			) : null}
			<div className={`score-options${wide ? ' score-options--wide' : ''}`}>
				{values.map((value) => (
					<label key={value} className="score-option">
						<input type="radio" name={meta.name} value={value} defaultChecked={chosen === value} />
						<span className="score-number">{value}</span>
						{labelOf ? <span className="visually-hidden"> {labelOf(value)}</span> : null}
					</label>
				))}
				{optional ? (
					<label className="score-option score-option--skip">
						<input type="radio" name={meta.name} value="" defaultChecked={chosen === null} />
						<span>{t('notApplicable')}</span>
					</label>
				) : null}
			</div>
			<FieldErrors id={meta.errorId} errors={meta.errors} />
		</fieldset>
	)
}

/** The answers as they stand, when they can no longer be changed. */
function AnswerSummary({ answer }: { answer: SurveyAnswer }) {
	const { t } = useTranslation('surveys')
	return (
		<section className="panel" aria-labelledby="survey-summary-title">
			<h2 id="survey-summary-title">{t('yourAnswers')}</h2>
			<dl className="record">
				{DIMENSIONS.map((d) => (
					<Fragment key={d}>
						<dt>{t(`dimension.${d}`)}</dt>
						<dd>{answer[d] === null ? t('skipped') : `${answer[d]} / ${SCORE_MAX}`}</dd>
					</Fragment>
				))}
				<dt>{t('recommend.label')}</dt>
				<dd>{answer.recommend === null ? t('skipped') : `${answer.recommend} / ${RECOMMEND_MAX}`}</dd>
			</dl>
			<p className="description">{answer.comment ?? t('noComment')}</p>
		</section>
	)
}

/** On the complaint page: the survey's invitation, or a way back to the answers. */
export function SurveyPanel({
	reference,
	survey,
}: {
	reference: string
	survey: Pick<SurveyPageData, 'state' | 'expiresAt'>
}) {
	const { t, i18n } = useTranslation('surveys')
	const href = `/complaints/${reference}/survey`
	return (
		<section className="panel survey-panel" aria-labelledby="survey-panel-title">
			<h2 id="survey-panel-title">{t('panel.title')}</h2>
			{survey.state === 'open' ? (
				<>
					<p>{t('panel.open', { until: formatDateTime(survey.expiresAt, i18n.language) })}</p>
					<Link to={href} className="button">
						{t('panel.answer')}
					</Link>
				</>
			) : survey.state === 'answered' ? (
				<>
					<p>{t('panel.answered')}</p>
					<Link to={href}>{t('panel.edit')}</Link>
				</>
			) : (
				<>
					<p>{t(survey.state === 'expired' ? 'panel.expired' : 'panel.closed')}</p>
					<Link to={href}>{t('panel.view')}</Link>
				</>
			)}
		</section>
	)
}
