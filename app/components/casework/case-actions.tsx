import { useTranslation } from 'react-i18next'
import { COST_BEARERS } from '#app/domain/approvals/cost-bearer.ts'
import { REMEDIES } from '#app/domain/complaints/schemas.ts'
import type { StaffAction } from '#app/domain/complaints/workflow.ts'
import type {
	ComplaintCategory,
	CostBearer,
	Department,
	RequestedRemedy,
	StaffRole,
	UserKind,
} from '#app/generated/prisma/enums.ts'
import {
	DECISIONS,
	DEPARTMENTS,
	FINDING_KINDS,
	localDateTimeValue,
	NOTE_VISIBILITIES,
	RESPONSIBILITIES,
	TEMPLATE_FIELD,
	yuanOf,
	type Intent,
} from './action-schemas.ts'
import {
	ActionShell,
	CheckboxField,
	FilesField,
	InputField,
	RadioField,
	SelectField,
	TextAreaField,
	useCaseForm,
	type CaseActionReply,
} from './form-parts.tsx'
import { formatYuan } from './money.ts'
import { TemplatePicker, type TemplateOption } from './template-picker.tsx'

/** The approval step waiting for the viewer, with the proposal it is about. */
export interface PendingApprovalView {
	stepId: string
	approverRole: StaffRole
	reasonZh: string
	reasonEn: string
	proposal: {
		type: RequestedRemedy
		summary: string
		amountMinor: number
		currency: string
		costBearer: CostBearer
		proposedBy: string
	}
}

export interface AssignableView {
	id: string
	name: string
	staffRole: StaffRole | null
	organizationName: string | null
}

export interface CaseActionsProps {
	/** exactly what workflow.ts `availableActions` allows the viewer now */
	actions: readonly StaffAction[]
	version: number
	reply: CaseActionReply | undefined
	templates: readonly TemplateOption[]
	/** a template chosen without JavaScript (`?template=&for=`), filled into that form */
	prefill: { intent: Intent; templateId: string; body: string } | null
	viewerKind: UserKind
	category: ComplaintCategory
	department: Department | null
	assigneeId: string | null
	assignable: readonly AssignableView[]
	suggestedCostBearer: CostBearer | null
	pendingApproval: PendingApprovalView | null
	/** the time the page was rendered, for the default of "when did it happen" */
	now: Date
}

type Shared = Pick<CaseActionsProps, 'version' | 'reply' | 'templates' | 'prefill'>

/**
 * The actions open to the viewer on this case, one form each, in the workflow's order; nothing
 * else is offered. Each form posts its intent and the case's version, so a form left open while
 * someone else acts is told what changed instead of overwriting it.
 */
export function CaseActions(props: CaseActionsProps) {
	const { t } = useTranslation('casework')
	const { actions } = props
	const shared: Shared = {
		version: props.version,
		reply: props.reply,
		templates: props.templates,
		prefill: props.prefill,
	}
	return (
		<section className="case-actions" aria-labelledby="case-actions-title">
			<h2 id="case-actions-title">{t('actions.title')}</h2>
			{actions.length === 0 ? <p>{t('actions.none')}</p> : null}
			{actions.map((action) => {
				switch (action) {
					case 'acknowledge':
						return <WrittenReply key={action} intent={action} {...shared} />
					case 'route':
						return (
							<RouteAction
								key={action}
								{...shared}
								department={props.department}
								assigneeId={props.assigneeId}
								assignable={props.assignable}
							/>
						)
					case 'investigate':
						return <InvestigateAction key={action} {...shared} />
					case 'request-information':
						return <WrittenReply key={action} intent={action} {...shared} />
					case 'record-finding':
						return <RecordFindingAction key={action} {...shared} now={props.now} />
					case 'determine-responsibility':
						return <DetermineResponsibilityAction key={action} {...shared} category={props.category} />
					case 'propose-resolution':
						return <ProposeResolutionAction key={action} {...shared} suggested={props.suggestedCostBearer} />
					case 'decide-approval':
						return props.pendingApproval ? (
							<DecideApprovalAction key={action} {...shared} pending={props.pendingApproval} />
						) : null
					case 'resolve':
						return <WrittenReply key={action} intent={action} {...shared} />
					case 'reject':
						return <RejectAction key={action} {...shared} />
					case 'escalate':
						return <ReasonAction key={action} intent={action} {...shared} />
					case 'close':
						return <CloseAction key={action} {...shared} />
					case 'reopen':
						return <ReasonAction key={action} intent={action} {...shared} />
					case 'reply':
						return <ReplyAction key={action} {...shared} />
					case 'note':
						return <NoteAction key={action} {...shared} viewerKind={props.viewerKind} />
				}
			})}
		</section>
	)
}

function prefillFor(prefill: Shared['prefill'], intent: Intent) {
	const field = TEMPLATE_FIELD[intent]
	return prefill?.intent === intent && field ? { [field]: prefill.body } : undefined
}

/** Acknowledge, ask for information, resolve: a written message to the customer, from a template if wished. */
function WrittenReply({
	intent,
	version,
	reply,
	templates,
	prefill,
}: Shared & { intent: 'acknowledge' | 'request-information' | 'resolve' }) {
	const { t } = useTranslation('casework')
	const [form, fields] = useCaseForm(intent, reply, prefillFor(prefill, intent))
	const name = TEMPLATE_FIELD[intent]!
	const meta = fields[name as keyof typeof fields] as Parameters<typeof TextAreaField>[0]['meta']
	return (
		<ActionShell
			intent={intent}
			form={form}
			version={version}
			reply={reply}
			title={t(`actions.${intent}.title`)}
			lead={t(`actions.${intent}.lead`)}
			submit={t(`actions.${intent}.submit`)}
			open={prefill?.intent === intent || intent === 'acknowledge'}
			before={
				<TemplatePicker
					intent={intent}
					templates={templates}
					selected={prefill?.intent === intent ? prefill.templateId : null}
					onPick={(body) => form.update({ name, value: body })}
				/>
			}
		>
			<TextAreaField label={t(`actions.${intent}.field`)} meta={meta} rows={8} />
		</ActionShell>
	)
}

function ReplyAction({ version, reply, templates, prefill }: Shared) {
	const { t } = useTranslation('casework')
	const [form, fields] = useCaseForm('reply', reply, prefillFor(prefill, 'reply'))
	return (
		<ActionShell
			intent="reply"
			form={form}
			version={version}
			reply={reply}
			title={t('actions.reply.title')}
			lead={t('actions.reply.lead')}
			submit={t('actions.reply.submit')}
			open={prefill?.intent === 'reply'}
			before={
				<TemplatePicker
					intent="reply"
					templates={templates}
					selected={prefill?.intent === 'reply' ? prefill.templateId : null}
					onPick={(body) => form.update({ name: fields.body.name, value: body })}
				/>
			}
		>
			<TextAreaField label={t('actions.reply.field')} meta={fields.body} rows={8} />
			<FilesField label={t('forms.photos')} meta={fields.photos} />
		</ActionShell>
	)
}

function NoteAction({ version, reply, viewerKind }: Shared & { viewerKind: UserKind }) {
	const { t } = useTranslation('casework')
	// internal notes are the company's; a regional office writes partner notes only
	const visibilities = viewerKind === 'STAFF' ? NOTE_VISIBILITIES : (['PARTNER'] as const)
	const [form, fields] = useCaseForm('note', reply, { visibility: visibilities[0] })
	return (
		<ActionShell
			intent="note"
			form={form}
			version={version}
			reply={reply}
			title={t('actions.note.title')}
			lead={t('actions.note.lead')}
			submit={t('actions.note.submit')}
		>
			<TextAreaField label={t('actions.note.field')} meta={fields.body} />
			<RadioField
				legend={t('actions.note.visibility')}
				meta={fields.visibility}
				options={visibilities.map((value) => ({ value, label: t(`actions.note.${value}`) }))}
			/>
			<FilesField label={t('forms.photos')} meta={fields.photos} />
		</ActionShell>
	)
}

function InvestigateAction({ version, reply }: Shared) {
	const { t } = useTranslation('casework')
	const [form] = useCaseForm('investigate', reply)
	return (
		<ActionShell
			intent="investigate"
			form={form}
			version={version}
			reply={reply}
			title={t('actions.investigate.title')}
			lead={t('actions.investigate.lead')}
			submit={t('actions.investigate.submit')}
		/>
	)
}

function CloseAction({ version, reply }: Shared) {
	const { t } = useTranslation('casework')
	const [form] = useCaseForm('close', reply)
	return (
		<ActionShell
			intent="close"
			form={form}
			version={version}
			reply={reply}
			title={t('actions.close.title')}
			lead={t('actions.close.lead')}
			submit={t('actions.close.submit')}
		/>
	)
}

/** Escalate to head office, reopen: a reason for the record (internal). */
function ReasonAction({ intent, version, reply }: Shared & { intent: 'escalate' | 'reopen' }) {
	const { t } = useTranslation('casework')
	const [form, fields] = useCaseForm(intent, reply)
	return (
		<ActionShell
			intent={intent}
			form={form}
			version={version}
			reply={reply}
			title={t(`actions.${intent}.title`)}
			lead={t(`actions.${intent}.lead`)}
			submit={t(`actions.${intent}.submit`)}
		>
			<TextAreaField label={t(`actions.${intent}.field`)} meta={fields.reason} />
		</ActionShell>
	)
}

function RejectAction({ version, reply, templates, prefill }: Shared) {
	const { t } = useTranslation('casework')
	const [form, fields] = useCaseForm('reject', reply, prefillFor(prefill, 'reject'))
	return (
		<ActionShell
			intent="reject"
			form={form}
			version={version}
			reply={reply}
			title={t('actions.reject.title')}
			lead={t('actions.reject.lead')}
			submit={t('actions.reject.submit')}
			danger
			open={prefill?.intent === 'reject'}
			before={
				<TemplatePicker
					intent="reject"
					templates={templates}
					selected={prefill?.intent === 'reject' ? prefill.templateId : null}
					onPick={(body) => form.update({ name: fields.reason.name, value: body })}
				/>
			}
		>
			<TextAreaField label={t('actions.reject.field')} meta={fields.reason} rows={8} />
			<CheckboxField label={t('actions.reject.toldOfAuthoritiesRight')} meta={fields.toldOfAuthoritiesRight} />
		</ActionShell>
	)
}

function RecordFindingAction({ version, reply, now }: Shared & { now: Date }) {
	const { t } = useTranslation('casework')
	const [form, fields] = useCaseForm('record-finding', reply, {
		kind: 'ON_SITE_VISIT',
		occurredAt: localDateTimeValue(now),
	})
	return (
		<ActionShell
			intent="record-finding"
			form={form}
			version={version}
			reply={reply}
			title={t('actions.record-finding.title')}
			lead={t('actions.record-finding.lead')}
			submit={t('actions.record-finding.submit')}
		>
			<RadioField
				legend={t('actions.record-finding.kind')}
				meta={fields.kind}
				options={FINDING_KINDS.map((value) => ({ value, label: t(`findingKind.${value}`) }))}
			/>
			<InputField
				label={t('actions.record-finding.occurredAt')}
				hint={t('actions.record-finding.occurredAtHint')}
				meta={fields.occurredAt}
				type="datetime-local"
			/>
			<TextAreaField label={t('actions.record-finding.summary')} meta={fields.summary} />
			<InputField
				label={t('field.sampleReference')}
				hint={t('actions.record-finding.sampleReferenceHint')}
				meta={fields.sampleReference}
			/>
			<FilesField label={t('forms.evidence')} meta={fields.photos} />
		</ActionShell>
	)
}

function DetermineResponsibilityAction({ version, reply, category }: Shared & { category: ComplaintCategory }) {
	const { t } = useTranslation('casework')
	const [form, fields] = useCaseForm('determine-responsibility', reply)
	return (
		<ActionShell
			intent="determine-responsibility"
			form={form}
			version={version}
			reply={reply}
			title={t('actions.determine-responsibility.title')}
			lead={t('actions.determine-responsibility.lead')}
			submit={t('actions.determine-responsibility.submit')}
		>
			<SelectField
				label={t('actions.determine-responsibility.responsibility')}
				meta={fields.responsibility}
				placeholder={t('forms.choose')}
				options={RESPONSIBILITIES.map((value) => ({ value, label: t(`responsibility.${value}`) }))}
			/>
			<TextAreaField label={t('actions.determine-responsibility.summary')} meta={fields.summary} />
			<FilesField
				label={t('forms.evidence')}
				hint={category === 'PRODUCT_QUALITY' ? t('actions.determine-responsibility.evidenceRequired') : undefined}
				meta={fields.photos}
			/>
		</ActionShell>
	)
}

function ProposeResolutionAction({ version, reply, suggested }: Shared & { suggested: CostBearer | null }) {
	const { t } = useTranslation('casework')
	const [form, fields] = useCaseForm('propose-resolution', reply, { amount: '0', costBearer: suggested ?? undefined })
	return (
		<ActionShell
			intent="propose-resolution"
			form={form}
			version={version}
			reply={reply}
			title={t('actions.propose-resolution.title')}
			lead={t('actions.propose-resolution.lead')}
			submit={t('actions.propose-resolution.submit')}
		>
			<SelectField
				label={t('actions.propose-resolution.type')}
				meta={fields.type}
				placeholder={t('forms.choose')}
				options={REMEDIES.map((value) => ({ value, label: t(`complaints:remedy.${value}`) }))}
			/>
			<TextAreaField label={t('actions.propose-resolution.summary')} meta={fields.summary} />
			<InputField
				label={t('actions.propose-resolution.amount')}
				hint={t('actions.propose-resolution.amountHint')}
				meta={fields.amount}
				inputMode="decimal"
			/>
			<SelectField
				label={t('actions.propose-resolution.costBearer')}
				hint={
					suggested ? t('actions.propose-resolution.suggested', { bearer: t(`costBearer.${suggested}`) }) : undefined
				}
				meta={fields.costBearer}
				placeholder={t('forms.choose')}
				options={COST_BEARERS.map((value) => ({ value, label: t(`costBearer.${value}`) }))}
			/>
		</ActionShell>
	)
}

function DecideApprovalAction({ version, reply, pending }: Shared & { pending: PendingApprovalView }) {
	const { t, i18n } = useTranslation('casework')
	const [form, fields] = useCaseForm('decide-approval', reply)
	const { proposal } = pending
	return (
		<ActionShell
			intent="decide-approval"
			form={form}
			version={version}
			reply={reply}
			title={t('actions.decide-approval.title', { role: t(`role.${pending.approverRole}`) })}
			lead={i18n.language === 'en' ? pending.reasonEn : pending.reasonZh}
			submit={t('actions.decide-approval.submit')}
			open
		>
			<dl className="record">
				<dt>{t('actions.propose-resolution.type')}</dt>
				<dd>{t(`complaints:remedy.${proposal.type}`)}</dd>
				<dt>{t('proposals.amount')}</dt>
				<dd>{formatYuan(proposal.amountMinor, proposal.currency)}</dd>
				<dt>{t('proposals.costBearer')}</dt>
				<dd>{t(`costBearer.${proposal.costBearer}`)}</dd>
				<dt>{t('proposals.proposedBy')}</dt>
				<dd>{proposal.proposedBy}</dd>
			</dl>
			<p className="description">{proposal.summary}</p>
			<input type="hidden" name="stepId" value={pending.stepId} />
			<RadioField
				legend={t('actions.decide-approval.decision')}
				meta={fields.decision}
				options={DECISIONS.map((value) => ({ value, label: t(`actions.decide-approval.${value}`) }))}
			/>
			<TextAreaField
				label={t('actions.decide-approval.comment')}
				hint={t('actions.decide-approval.commentHint')}
				meta={fields.comment}
			/>
		</ActionShell>
	)
}

function RouteAction({
	version,
	reply,
	department,
	assigneeId,
	assignable,
}: Shared & { department: Department | null; assigneeId: string | null; assignable: readonly AssignableView[] }) {
	const { t } = useTranslation('casework')
	const [form, fields] = useCaseForm('route', reply, {
		department: department ?? undefined,
		assigneeId: assigneeId ?? '',
	})
	return (
		<ActionShell
			intent="route"
			form={form}
			version={version}
			reply={reply}
			title={t('actions.route.title')}
			lead={t('actions.route.lead')}
			submit={t('actions.route.submit')}
		>
			<SelectField
				label={t('actions.route.department')}
				meta={fields.department}
				placeholder={t('forms.choose')}
				options={DEPARTMENTS.map((value) => ({ value, label: t(`department.${value}`) }))}
			/>
			<SelectField
				label={t('actions.route.assignee')}
				meta={fields.assigneeId}
				placeholder={t('actions.route.nobody')}
				options={assignable.map((person) => ({
					value: person.id,
					label: [person.name, person.staffRole ? t(`role.${person.staffRole}`) : person.organizationName]
						.filter(Boolean)
						.join(' · '),
				}))}
			/>
		</ActionShell>
	)
}

export { yuanOf }
