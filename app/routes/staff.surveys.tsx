import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireConsoleUser } from '#app/complaints/console.server.ts'
import { DateTime, formatDateTime } from '#app/components/date-time.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { FieldErrors, StepErrors } from '#app/components/filing/messages.tsx'
import surveyStyles from '#app/components/survey/survey.css'
import {
	DomainValidationErrors,
	InsufficientAuthorityError,
	InvalidTransitionError,
	NotFoundError,
} from '#app/domain/errors.ts'
import {
	FOLLOW_UP_STATES,
	listFollowUps,
	listKeyAccountSurveys,
	type FollowUpItem,
	type FollowUpState,
} from '#app/domain/surveys/console.ts'
import { DIMENSIONS, isLowOverall } from '#app/domain/surveys/dimensions.ts'
import { CloseFollowUpSchema } from '#app/domain/surveys/schemas.ts'
import { closeFollowUp } from '#app/domain/surveys/surveys.ts'
import { redirectWithToast } from '#app/toast.server.ts'

export const meta: MetaFunction = () => [{ title: '客户满意度调查 · Satisfaction surveys' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: surveyStyles }]

/**
 * The console's survey page (DESIGN.md §6): the follow-ups that low overall scores opened, for
 * the managers to contact the customer (回访) and record what was done, and the key accounts'
 * yearly surveys, tracked. Everyone in the console reads what their reach covers
 * (app/domain/surveys/access.ts); only managers record a follow-up.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { viewer } = await requireConsoleUser(request, context)
	const requested = new URL(request.url).searchParams.get('followUps')
	const state: FollowUpState = FOLLOW_UP_STATES.find((s) => s === requested) ?? 'open'
	const [followUps, openCount, keyAccounts] = await Promise.all([
		listFollowUps(context.db.prisma, viewer, { state }),
		state === 'open' ? null : listFollowUps(context.db.prisma, viewer, { state: 'open', take: 1 }),
		listKeyAccountSurveys(context.db.prisma, viewer),
	])
	return {
		state,
		followUps: followUps.items,
		openCount: openCount?.total ?? followUps.total,
		keyAccounts,
	}
}

type Reply = { surveyId: string; result: SubmissionResult<string[]> }

export async function action({ request, context }: ActionFunctionArgs) {
	const { viewer } = await requireConsoleUser(request, context)
	const formData = await request.formData()
	const submission = parseWithZod(formData, { schema: CloseFollowUpSchema })
	const surveyId = String(formData.get('surveyId') ?? '')
	if (submission.status !== 'success')
		return data({ surveyId, result: submission.reply() } satisfies Reply, { status: 400 })
	const refuse = (status: number, key: string) =>
		data({ surveyId, result: submission.reply({ formErrors: [key] }) } satisfies Reply, { status })
	try {
		await closeFollowUp({ db: context.db.prisma }, viewer, submission.value)
	} catch (error) {
		if (error instanceof NotFoundError) throw data(null, { status: 404 })
		if (error instanceof InsufficientAuthorityError) return refuse(403, 'followups:error.notAllowed')
		if (error instanceof InvalidTransitionError) return refuse(409, 'followups:error.alreadyClosed')
		if (error instanceof DomainValidationErrors)
			return data(
				{
					surveyId,
					result: submission.reply({
						fieldErrors: Object.fromEntries(error.errors.map((e) => [e.field, [e.messageKey]])),
					}),
				} satisfies Reply,
				{ status: 400 },
			)
		throw error
	}
	return redirectWithToast(context.config, '/staff/surveys', { kind: 'success', messageKey: 'followups:toast.closed' })
}

export default function SurveysPage() {
	const { t } = useTranslation('followups')
	const { state, followUps, openCount, keyAccounts } = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>() as Reply | undefined
	const [params] = useSearchParams()
	const tab = (s: FollowUpState) => {
		const next = new URLSearchParams(params)
		if (s === 'open') next.delete('followUps')
		else next.set('followUps', s)
		return `?${next.toString()}`
	}
	return (
		<div className="console-page">
			<h1>{t('title')}</h1>
			<section aria-labelledby="follow-ups-title">
				<h2 id="follow-ups-title">{t('followUps.title')}</h2>
				<p className="field-hint">{t('followUps.lead')}</p>
				<nav aria-label={t('followUps.title')}>
					<ul className="console-nav">
						<li>
							<Link to={tab('open')} aria-current={state === 'open' ? 'page' : undefined}>
								{t('followUps.open', { count: openCount })}
							</Link>
						</li>
						<li>
							<Link to={tab('closed')} aria-current={state === 'closed' ? 'page' : undefined}>
								{t('followUps.closed')}
							</Link>
						</li>
					</ul>
				</nav>
				{followUps.length === 0 ? (
					<p>{t(state === 'open' ? 'followUps.empty' : 'followUps.emptyClosed')}</p>
				) : (
					<ul className="followups-list">
						{followUps.map((item) => (
							<FollowUp key={item.surveyId} item={item} reply={reply?.surveyId === item.surveyId ? reply : undefined} />
						))}
					</ul>
				)}
			</section>
			<KeyAccounts tracking={keyAccounts} />
		</div>
	)
}

function FollowUp({ item, reply }: { item: FollowUpItem; reply: Reply | undefined }) {
	const { t, i18n } = useTranslation('followups')
	const heading = item.complaint
		? t('followUps.complaint', { reference: item.complaint.reference, title: item.complaint.title })
		: t('followUps.keyAccount')
	return (
		<li>
			<article className="panel" aria-label={`${item.customerName} · ${heading}`}>
				<h3>
					{item.complaint ? <Link to={`/staff/complaints/${item.complaint.reference}`}>{heading}</Link> : heading}
				</h3>
				<dl className="record">
					<dt>{t('followUps.customer')}</dt>
					<dd>{item.customerName}</dd>
					<dt>{t('followUps.region')}</dt>
					<dd>{i18n.language === 'zh-CN' ? item.region.nameZh : item.region.nameEn}</dd>
					{item.dealerName ? (
						<>
							<dt>{t('followUps.dealer')}</dt>
							<dd>{item.dealerName}</dd>
						</>
					) : null}
					<dt>{t('followUps.opened')}</dt>
					<dd>
						<DateTime value={item.openedAt} />
					</dd>
				</dl>
				<ul className="followup-scores">
					{DIMENSIONS.map((d) => (
						<li key={d} className={d === 'overall' && isLowOverall(item.scores[d]) ? 'low' : undefined}>
							{t(`dimension.${d}`)} {item.scores[d] ?? t('followUps.skipped')}
						</li>
					))}
					<li>
						{t('followUps.recommend')} {item.recommend ?? t('followUps.skipped')}
					</li>
				</ul>
				<h4>{t('followUps.comment')}</h4>
				<p className="description">{item.comment ?? t('followUps.noComment')}</p>
				{item.reopenRequestedAt ? (
					<p>{t('followUps.reopenRequested', { at: formatDateTime(item.reopenRequestedAt, i18n.language) })}</p>
				) : null}
				{item.closedAt ? (
					<p>
						{t('followUps.closedBy', {
							name: item.closedByName ?? '',
							at: formatDateTime(item.closedAt, i18n.language),
						})}
						<br />
						{item.note}
					</p>
				) : item.canClose ? (
					<CloseForm surveyId={item.surveyId} reply={reply} />
				) : (
					<p className="field-hint">{t('followUps.managersOnly')}</p>
				)}
			</article>
		</li>
	)
}

function CloseForm({ surveyId, reply }: { surveyId: string; reply: Reply | undefined }) {
	const { t } = useTranslation('followups')
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting' && navigation.formData?.get('surveyId') === surveyId
	const [form, fields] = useForm({
		id: `follow-up-${surveyId}`,
		lastResult: reply?.result,
		constraint: getZodConstraint(CloseFollowUpSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: CloseFollowUpSchema }),
		shouldRevalidate: 'onInput',
		defaultValue: { surveyId },
	})
	return (
		<Form method="post" {...getFormProps(form)}>
			<input {...getInputProps(fields.surveyId, { type: 'hidden' })} />
			<StepErrors id={form.errorId} errors={form.errors} />
			<div className="field">
				<label htmlFor={fields.note.id}>{t('followUps.note')}</label>
				<p id={`${fields.note.id}-hint`} className="field-hint">
					{t('followUps.noteHint')}
				</p>
				<textarea
					{...getTextareaProps(fields.note, { ariaAttributes: false })}
					rows={3}
					aria-invalid={fields.note.errors?.length ? true : undefined}
					aria-describedby={[fields.note.errors?.length ? fields.note.errorId : null, `${fields.note.id}-hint`]
						.filter(Boolean)
						.join(' ')}
				/>
				<FieldErrors id={fields.note.errorId} errors={fields.note.errors} />
			</div>
			<button type="submit" className="button" disabled={busy}>
				{t('followUps.submit')}
			</button>
		</Form>
	)
}

function KeyAccounts({ tracking }: { tracking: ReturnType<typeof useLoaderData<typeof loader>>['keyAccounts'] }) {
	const { t, i18n } = useTranslation('followups')
	return (
		<section aria-labelledby="key-accounts-title">
			<h2 id="key-accounts-title">{t('keyAccounts.title', { year: tracking.year })}</h2>
			<p className="field-hint">{t('keyAccounts.lead')}</p>
			{tracking.items.length === 0 ? (
				<p>{t('keyAccounts.empty')}</p>
			) : (
				<div className="table-scroll">
					<table className="queue-table">
						<thead>
							<tr>
								<th scope="col">{t('keyAccounts.customer')}</th>
								<th scope="col">{t('keyAccounts.region')}</th>
								<th scope="col">{t('keyAccounts.sent')}</th>
								<th scope="col">{t('keyAccounts.reminded')}</th>
								<th scope="col">{t('keyAccounts.answered')}</th>
								<th scope="col">{t('keyAccounts.overall')}</th>
								<th scope="col">{t('keyAccounts.state')}</th>
							</tr>
						</thead>
						<tbody>
							{tracking.items.map((item) => (
								<tr key={item.surveyId}>
									<td>{item.customerName}</td>
									<td>{i18n.language === 'zh-CN' ? item.region.nameZh : item.region.nameEn}</td>
									<td>
										<DateTime value={item.sentAt} />
									</td>
									<td>{item.remindedAt ? <DateTime value={item.remindedAt} /> : '–'}</td>
									<td>{item.answeredAt ? <DateTime value={item.answeredAt} /> : '–'}</td>
									<td className={isLowOverall(item.overall) ? 'low' : undefined}>
										{item.overall === null ? '–' : `${item.overall} / 5`}
									</td>
									<td>{t(`keyAccounts.stateOf.${item.state}`)}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
			{tracking.notSent.length > 0 ? (
				<p className="field-hint">
					{t('keyAccounts.notSent', {
						count: tracking.notSent.length,
						names: tracking.notSent.map((n) => n.customerName).join('、'),
					})}
				</p>
			) : null}
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
