import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from '@remix-run/react'
import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { FieldErrors, StepErrors } from '#app/components/filing/messages.tsx'
import type { CustomerAction } from '#app/domain/complaints/lifecycle.ts'
import type { ResolutionView } from '#app/domain/complaints/queries.ts'
import type { NotificationFrequency } from '#app/generated/prisma/enums.ts'
import { NOTIFY_FREQUENCIES } from '#app/domain/complaints/schemas.ts'
import {
	addInformationSchema,
	DisputeForm,
	EscalateForm,
	NotificationsForm,
	UPLOAD_HINT,
	WithdrawForm,
	type Intent,
} from './action-schemas.ts'
import { hasCost, ResolutionCostRows } from './resolution-cost.tsx'

export interface ActionReply {
	intent: Intent
	result: SubmissionResult<string[]>
}

interface Props {
	actions: readonly CustomerAction[]
	resolution: ResolutionView | null
	notifyFrequency: NotificationFrequency
	canSetNotifications: boolean
	/** files the complaint can still take */
	remainingFiles: number
	reply: ActionReply | undefined
}

const ACCEPTED_FILES = 'image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif,application/pdf'

function useBusy(intent: Intent) {
	const navigation = useNavigation()
	return navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
}

function lastResultFor(reply: ActionReply | undefined, intent: Intent) {
	return reply?.intent === intent ? reply.result : undefined
}

function IntentField({ intent }: { intent: Intent }) {
	return <input type="hidden" name="intent" value={intent} />
}

/**
 * The customer's actions open in the complaint's state, one form each (so that every one works
 * without JavaScript and reports its own errors): add information, accept or dispute the
 * proposed resolution, ask head office to review, withdraw, and how often to be emailed.
 */
export function CustomerActions({
	actions,
	resolution,
	notifyFrequency,
	canSetNotifications,
	remainingFiles,
	reply,
}: Props) {
	const { t } = useTranslation('complaints')
	const can = (action: CustomerAction) => actions.includes(action)
	const responds = resolution && (can('accept-resolution') || can('dispute-resolution'))
	return (
		<section className="customer-actions" aria-labelledby="actions-title">
			<h2 id="actions-title">{t('detail.actions')}</h2>
			{actions.length === 0 ? <p>{t('detail.noActions')}</p> : null}
			{responds ? <ResolutionPanel resolution={resolution} actions={actions} reply={reply} /> : null}
			{can('add-information') ? <AddInformation remainingFiles={remainingFiles} reply={reply} /> : null}
			{can('escalate') ? <Escalate reply={reply} /> : null}
			{can('withdraw') ? <Withdraw reply={reply} /> : null}
			{canSetNotifications ? <Notifications current={notifyFrequency} reply={reply} /> : null}
		</section>
	)
}

function AddInformation({ remainingFiles, reply }: { remainingFiles: number; reply: ActionReply | undefined }) {
	const { t } = useTranslation('complaints')
	const schema = addInformationSchema(remainingFiles)
	const busy = useBusy('add-information')
	const [form, fields] = useForm({
		id: 'add-information',
		lastResult: lastResultFor(reply, 'add-information'),
		constraint: getZodConstraint(schema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
		// onInput, not onBlur: see _auth.forgot-password.tsx
		shouldRevalidate: 'onInput',
	})
	const photosHintId = useId()
	return (
		<section className="panel" aria-labelledby="add-information-title">
			<h3 id="add-information-title">{t('actions.addInformation.title')}</h3>
			<p className="field-hint">{t('actions.addInformation.lead')}</p>
			<Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
				<IntentField intent="add-information" />
				<StepErrors id={form.errorId} errors={form.errors} />
				<TextAreaField label={t('actions.addInformation.body')} meta={fields.body} />
				<div className="field">
					<label htmlFor={fields.photos.id}>{t('actions.addInformation.photos')}</label>
					<p id={photosHintId} className="field-hint">
						{t('actions.addInformation.photosHint', UPLOAD_HINT)}
					</p>
					<input
						id={fields.photos.id}
						name={fields.photos.name}
						type="file"
						multiple
						accept={ACCEPTED_FILES}
						aria-invalid={fields.photos.errors?.length ? true : undefined}
						aria-describedby={[fields.photos.errors?.length ? fields.photos.errorId : null, photosHintId]
							.filter(Boolean)
							.join(' ')}
					/>
					<FieldErrors id={fields.photos.errorId} errors={fields.photos.errors} />
				</div>
				<button type="submit" className="button" disabled={busy}>
					{t('actions.addInformation.submit')}
				</button>
			</Form>
		</section>
	)
}

function ResolutionPanel({
	resolution,
	actions,
	reply,
}: {
	resolution: ResolutionView
	actions: readonly CustomerAction[]
	reply: ActionReply | undefined
}) {
	const { t } = useTranslation('complaints')
	const accepting = useBusy('accept-resolution')
	const disputing = useBusy('dispute-resolution')
	const acceptResult = lastResultFor(reply, 'accept-resolution')
	const [form, fields] = useForm({
		id: 'dispute-resolution',
		lastResult: lastResultFor(reply, 'dispute-resolution'),
		constraint: getZodConstraint(DisputeForm),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: DisputeForm }),
		shouldRevalidate: 'onInput',
	})
	return (
		<section className="panel proposal" aria-labelledby="proposal-title">
			<h3 id="proposal-title">{t('actions.resolution.title')}</h3>
			<dl className="record">
				<dt>{t('actions.resolution.type')}</dt>
				<dd>{t(`remedy.${resolution.type}`)}</dd>
				<dt>{t('actions.resolution.summary')}</dt>
				<dd className="proposal-summary">{resolution.summary}</dd>
				{hasCost(resolution) ? <ResolutionCostRows cost={resolution} /> : null}
			</dl>
			{actions.includes('accept-resolution') ? (
				<Form method="post" className="stack">
					<IntentField intent="accept-resolution" />
					<StepErrors errors={acceptResult?.error?.[''] ?? null} />
					<p className="field-hint">{t('actions.resolution.acceptHint')}</p>
					<button type="submit" className="button" disabled={accepting}>
						{t('actions.resolution.accept')}
					</button>
				</Form>
			) : null}
			{actions.includes('dispute-resolution') ? (
				<>
					<h4>{t('actions.resolution.disputeTitle')}</h4>
					<RightsNotice />
					<Form method="post" {...getFormProps(form)}>
						<IntentField intent="dispute-resolution" />
						<StepErrors id={form.errorId} errors={form.errors} />
						<TextAreaField
							label={t('actions.resolution.reason')}
							hint={t('actions.resolution.reasonHint')}
							meta={fields.reason}
						/>
						<button type="submit" className="button button-secondary" disabled={disputing}>
							{t('actions.resolution.dispute')}
						</button>
					</Form>
				</>
			) : null}
		</section>
	)
}

/** 004 §5.6: a dissatisfied customer may go to head office, and on quality to the authorities. */
export function RightsNotice() {
	const { t } = useTranslation('complaints')
	return (
		<aside className="rights" aria-label={t('actions.rights.title')}>
			<p>
				<strong>{t('actions.rights.title')}</strong>
			</p>
			<p>{t('actions.rights.policy')}</p>
			<p>{t('actions.rights.quality')}</p>
		</aside>
	)
}

function Escalate({ reply }: { reply: ActionReply | undefined }) {
	const { t } = useTranslation('complaints')
	const busy = useBusy('escalate')
	const lastResult = lastResultFor(reply, 'escalate')
	const [form, fields] = useForm({
		id: 'escalate',
		lastResult,
		constraint: getZodConstraint(EscalateForm),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: EscalateForm }),
		shouldRevalidate: 'onInput',
	})
	return (
		<Disclosure title={t('actions.escalate.title')} open={!!lastResult}>
			<p>{t('actions.escalate.lead')}</p>
			<RightsNotice />
			<Form method="post" {...getFormProps(form)}>
				<IntentField intent="escalate" />
				<StepErrors id={form.errorId} errors={form.errors} />
				<TextAreaField label={t('actions.escalate.reason')} meta={fields.reason} />
				<button type="submit" className="button" disabled={busy}>
					{t('actions.escalate.submit')}
				</button>
			</Form>
		</Disclosure>
	)
}

function Withdraw({ reply }: { reply: ActionReply | undefined }) {
	const { t } = useTranslation('complaints')
	const busy = useBusy('withdraw')
	const lastResult = lastResultFor(reply, 'withdraw')
	const [form, fields] = useForm({
		id: 'withdraw',
		lastResult,
		constraint: getZodConstraint(WithdrawForm),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: WithdrawForm }),
		shouldRevalidate: 'onInput',
	})
	const confirm = fields.confirm
	return (
		<Disclosure title={t('actions.withdraw.title')} open={!!lastResult}>
			<p>{t('actions.withdraw.lead')}</p>
			<Form method="post" {...getFormProps(form)}>
				<IntentField intent="withdraw" />
				<StepErrors id={form.errorId} errors={form.errors} />
				<TextAreaField label={t('actions.withdraw.reason')} meta={fields.reason} />
				<div className="checkbox-field">
					<input
						type="checkbox"
						id={confirm.id}
						name={confirm.name}
						value="on"
						required
						aria-invalid={confirm.errors?.length ? true : undefined}
						aria-describedby={confirm.errors?.length ? confirm.errorId : undefined}
					/>
					<label htmlFor={confirm.id}>{t('actions.withdraw.confirm')}</label>
				</div>
				<FieldErrors id={confirm.errorId} errors={confirm.errors} />
				<button type="submit" className="button button-danger" disabled={busy}>
					{t('actions.withdraw.submit')}
				</button>
			</Form>
		</Disclosure>
	)
}

function Notifications({ current, reply }: { current: NotificationFrequency; reply: ActionReply | undefined }) {
	const { t } = useTranslation('complaints')
	const busy = useBusy('set-notifications')
	const [form, fields] = useForm({
		id: 'set-notifications',
		lastResult: lastResultFor(reply, 'set-notifications'),
		constraint: getZodConstraint(NotificationsForm),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: NotificationsForm }),
		shouldRevalidate: 'onInput',
	})
	const field = fields.notifyFrequency
	return (
		<section className="panel" aria-labelledby="notifications-title">
			<h3 id="notifications-title">{t('actions.notifications.title')}</h3>
			<Form method="post" {...getFormProps(form)}>
				<IntentField intent="set-notifications" />
				<StepErrors id={form.errorId} errors={form.errors} />
				<fieldset
					className="radio-list"
					aria-invalid={field.errors?.length ? true : undefined}
					aria-describedby={field.errors?.length ? field.errorId : undefined}
				>
					<legend>{t('actions.notifications.legend')}</legend>
					{NOTIFY_FREQUENCIES.map((value) => (
						<label key={value}>
							<input type="radio" name={field.name} value={value} defaultChecked={value === current} />
							{t(`actions.notifications.${value}`)}
						</label>
					))}
					<FieldErrors id={field.errorId} errors={field.errors} />
				</fieldset>
				<button type="submit" className="button button-secondary" disabled={busy}>
					{t('actions.notifications.submit')}
				</button>
			</Form>
		</section>
	)
}

function Disclosure({ title, open, children }: { title: string; open: boolean; children: ReactNode }) {
	return (
		<details className="panel action-disclosure" open={open || undefined}>
			<summary>{title}</summary>
			{children}
		</details>
	)
}

function TextAreaField({
	label,
	hint,
	meta,
}: {
	label: string
	hint?: string
	meta: Parameters<typeof getTextareaProps>[0]
}) {
	const hintId = hint ? `${meta.id}-hint` : undefined
	const describedBy = [meta.errors?.length ? meta.errorId : undefined, hintId].filter(Boolean).join(' ') || undefined
	return (
		<div className="field">
			<label htmlFor={meta.id}>{label}</label>
			{hint ? (
				<p id={hintId} className="field-hint">
					{hint}
				</p>
			) : null}
			<textarea
				{...getTextareaProps(meta, { ariaAttributes: false })}
				rows={5}
				aria-invalid={meta.errors?.length ? true : undefined}
				aria-describedby={describedBy}
			/>
			<FieldErrors id={meta.errorId} errors={meta.errors} />
		</div>
	)
}
