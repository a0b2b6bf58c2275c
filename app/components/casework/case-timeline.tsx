import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { PhotoGallery } from '#app/components/complaint/lightbox.tsx'
import { DateTime } from '#app/components/date-time.tsx'
import { WITHIN_AUTHORITY } from '#app/domain/approvals/policy.ts'
import type { CaseActor, CaseTimelineItem } from '#app/domain/complaints/case-view.ts'
import type { MessageVisibility } from '#app/generated/prisma/enums.ts'
import { FieldChanges } from './field-changes.tsx'
import { formatYuan } from './money.ts'

/**
 * Everything that happened to the case, oldest first: events and messages merged, each marked
 * with who may read it. Internal and partner items carry a written label (the colour only
 * repeats it), so nobody mistakes a staff-only note for something the customer saw. Each
 * change lists the fields it set, before and after: this is the audit trail.
 */
export function CaseTimeline({ items }: { items: readonly CaseTimelineItem[] }) {
	const { t } = useTranslation('casework')
	if (items.length === 0) return <p>{t('timeline.empty')}</p>
	return (
		<ol className="timeline case-timeline">
			{items.map((item) => (
				<CaseTimelineEntry key={item.id} item={item} />
			))}
		</ol>
	)
}

export function VisibilityLabel({ visibility }: { visibility: MessageVisibility }) {
	const { t } = useTranslation('casework')
	return (
		<span className={`visibility-label visibility-label--${visibility.toLowerCase()}`}>
			{t(`visibility.${visibility}`)}
		</span>
	)
}

export function ActorName({ actor }: { actor: CaseActor | null }) {
	const { t } = useTranslation('casework')
	if (!actor) return <span className="timeline-who">{t('timeline.system')}</span>
	const role = actor.staffRole
		? t(`role.${actor.staffRole}`)
		: actor.side === 'customer'
			? t('timeline.customer')
			: actor.organization
	return (
		<span className="timeline-who">
			{actor.name}
			{role ? <span className="timeline-role"> ({role})</span> : null}
		</span>
	)
}

function text(value: unknown): string | null {
	return typeof value === 'string' && value.trim() ? value : null
}

/** The free-text details events record besides the message (reason, summary, comment). */
const DETAIL_FIELDS = ['reason', 'summary', 'comment', 'message'] as const

/** What the event is about, in words: the approver's role and decision, the finding's kind… */
function facetsOf(item: CaseTimelineItem, t: TFunction<'casework'>): string[] {
	const { data } = item
	const facets: string[] = []
	if (typeof data.approverRole === 'string') facets.push(t(`role.${data.approverRole}`))
	if (typeof data.decision === 'string') facets.push(t(`decision.${data.decision}`))
	if (item.type === 'finding_recorded' && typeof data.kind === 'string') facets.push(t(`findingKind.${data.kind}`))
	if (item.type === 'survey_answered' && typeof data.overall === 'number')
		facets.push(`${t('followups:dimension.overall')} ${data.overall}/5`)
	if (item.type === 'responsibility_determined' && typeof data.responsibility === 'string')
		facets.push(t(`responsibility.${data.responsibility}`))
	if (item.type === 'resolution_proposed' && typeof data.type === 'string') {
		facets.push(t(`complaints:remedy.${data.type}`))
		if (typeof data.amountMinor === 'number' && data.amountMinor > 0)
			facets.push(formatYuan(data.amountMinor, typeof data.currency === 'string' ? data.currency : 'CNY'))
		if (typeof data.costBearer === 'string') facets.push(t(`costBearer.${data.costBearer}`))
	}
	return facets
}

function CaseTimelineEntry({ item }: { item: CaseTimelineItem }) {
	const { t } = useTranslation('casework')
	const headline = [t(`event.${item.type}`, { defaultValue: item.type }), ...facetsOf(item, t)].join(' · ')
	const moved =
		item.toStatus && item.toStatus !== item.fromStatus
			? item.fromStatus
				? t('timeline.moved', { from: t(`status.${item.fromStatus}`), to: t(`status.${item.toStatus}`) })
				: t('timeline.movedTo', { to: t(`status.${item.toStatus}`) })
			: null
	// the status move is said in words above; the changes list the rest
	const changes = item.changes
		? Object.fromEntries(Object.entries(item.changes).filter(([field]) => field !== 'status' || !moved))
		: null
	const details = DETAIL_FIELDS.map((field) => {
		const value = text(item.data[field])
		// approvals within the proposer's own authority are recorded with a fixed comment
		return [field, value === WITHIN_AUTHORITY ? t('timeline.withinAuthority') : value] as const
	}).filter(([, value]) => value !== null && value !== item.message?.body)
	return (
		<li
			className={`timeline-item case-timeline-item case-timeline-item--${item.visibility.toLowerCase()} timeline-item--${item.actor?.side ?? 'company'}`}
		>
			<p className="timeline-meta">
				<VisibilityLabel visibility={item.visibility} />
				<span aria-hidden="true"> · </span>
				<ActorName actor={item.actor} />
				<span aria-hidden="true"> · </span>
				<DateTime value={item.at} />
				{item.version ? (
					<span className="timeline-version"> · {t('timeline.version', { version: item.version })}</span>
				) : null}
			</p>
			<p className="timeline-headline">{headline}</p>
			{moved ? <p className="timeline-status">{moved}</p> : null}
			{item.message && item.message.visibility !== item.visibility ? (
				// a public move with a reason for the company only (escalating, reopening)
				<p className="message-visibility">
					<VisibilityLabel visibility={item.message.visibility} />
				</p>
			) : null}
			{item.message ? <div className="timeline-body">{item.message.body}</div> : null}
			{details.map(([field, value]) => (
				<p key={field} className="timeline-reason">
					<span className="detail-label">{t(`field.${field}`)}: </span>
					{value}
				</p>
			))}
			<FieldChanges changes={changes} />
			{item.message && item.message.attachments.length > 0 ? (
				<PhotoGallery files={item.message.attachments} label={t('timeline.attachments')} />
			) : null}
		</li>
	)
}
