import { useTranslation } from 'react-i18next'
import { DateTime } from '#app/components/date-time.tsx'
import type { TimelineItem } from '#app/domain/complaints/queries.ts'
import { PhotoGallery } from './lightbox.tsx'
import { costOf, ResolutionCostLine } from './resolution-cost.tsx'

/**
 * The complaint's history as the viewer may see it, oldest first: what was filed, every
 * written reply, status change and answer, and the customer's own messages with their photos.
 * The loader has already left out what the viewer may not read (internal and partner notes).
 */
export function Timeline({ items }: { items: readonly TimelineItem[] }) {
	const { t } = useTranslation('complaints')
	if (items.length === 0) return <p>{t('detail.timelineEmpty')}</p>
	return (
		<ol className="timeline">
			{items.map((item) => (
				<TimelineEntry key={item.id} item={item} />
			))}
		</ol>
	)
}

function text(value: unknown): string | null {
	return typeof value === 'string' && value.trim() ? value : null
}

function TimelineEntry({ item }: { item: TimelineItem }) {
	const { t } = useTranslation('complaints')
	const side = item.actor?.side ?? 'company'
	const who = side === 'customer' ? t('timeline.you') : (item.actor?.name ?? t('timeline.staff'))
	const reason = text(item.data.reason)
	const headline = (() => {
		switch (item.type) {
			case 'filed':
				return side === 'customer'
					? t('timeline.filed')
					: t('timeline.filedFor', { name: item.actor?.name ?? t('timeline.staff') })
			case 'status_changed':
				return item.toStatus ? t('timeline.statusChanged', { status: t(`status.${item.toStatus}`) }) : null
			case 'reply':
				return t('timeline.reply', { name: item.actor?.name ?? t('timeline.staff') })
			case 'customer_message':
				return t('timeline.customerMessage')
			case 'resolution_proposed': {
				const type = text(item.data.type)
				return t('timeline.resolutionProposed', { type: type ? t(`remedy.${type}`, { defaultValue: type }) : '' })
			}
			case 'resolution_accepted':
				return t('timeline.resolutionAccepted')
			case 'resolution_disputed':
				return t('timeline.resolutionDisputed')
			case 'withdrawn':
				return t('timeline.withdrawn')
			case 'escalated':
				return t('timeline.escalated')
			// the staff workflow's public steps: each carries its written message (shown below)
			case 'acknowledged':
				return t('timeline.acknowledged', { name: item.actor?.name ?? t('timeline.staff') })
			case 'information_requested':
				return t('timeline.informationRequested', { name: item.actor?.name ?? t('timeline.staff') })
			case 'resolved':
				return t('timeline.resolved')
			case 'rejected':
				return t('timeline.rejected')
			case 'closed':
				return t('timeline.closed')
			case 'reopened':
				return t('timeline.reopened')
			case 'note':
				return t('timeline.note')
			default:
				return null
		}
	})()
	// a reply or an answer that also moved the case says where it went
	const statusLine =
		item.toStatus && item.type !== 'status_changed' && item.type !== 'filed'
			? t('timeline.statusChanged', { status: t(`status.${item.toStatus}`) })
			: null
	const summary = item.type === 'resolution_proposed' ? text(item.data.summary) : null
	const cost = item.type === 'resolution_proposed' ? costOf(item.data) : null
	return (
		<li className={`timeline-item timeline-item--${side} timeline-item--${item.type}`}>
			<p className="timeline-meta">
				<span className="timeline-who">{who}</span>
				<span aria-hidden="true"> · </span>
				<DateTime value={item.at} />
			</p>
			{headline ? <p className="timeline-headline">{headline}</p> : null}
			{item.message ? <div className="timeline-body">{item.message.body}</div> : null}
			{summary ? <div className="timeline-body">{summary}</div> : null}
			{cost ? <ResolutionCostLine cost={cost} /> : null}
			{reason ? <p className="timeline-reason">{t('timeline.reason', { reason })}</p> : null}
			{statusLine ? <p className="timeline-status">{statusLine}</p> : null}
			{item.message && item.message.attachments.length > 0 ? (
				<PhotoGallery files={item.message.attachments} label={t('timeline.attachments')} />
			) : null}
		</li>
	)
}
