import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PhotoGallery } from '#app/components/complaint/lightbox.tsx'
import { DateTime } from '#app/components/date-time.tsx'
import type { CaseView, RelatedComplaint } from '#app/domain/complaints/case-view.ts'
import { formatYuan } from './money.ts'

type Props = { complaint: Omit<CaseView, 'id'> }

/** What the customer filed, as they filed it, and how they want to be contacted. */
export function FiledRecord({ complaint }: Props) {
	const { t } = useTranslation('casework')
	const { contact } = complaint
	return (
		<section className="panel" aria-labelledby="filed-title">
			<h2 id="filed-title">{t('record.title')}</h2>
			<dl className="record">
				<dt>{t('record.category')}</dt>
				<dd>{t(`complaints:category.${complaint.category}`)}</dd>
				<dt>{t('record.severity')}</dt>
				<dd>{t(`complaints:severity.${complaint.severity}`)}</dd>
				<dt>{t('record.remedy')}</dt>
				<dd>{t(`complaints:remedy.${complaint.requestedRemedy}`)}</dd>
				<dt>{t('record.product')}</dt>
				<dd>
					{complaint.line
						? `${complaint.line.productModel} ${complaint.line.productName} · ${t('record.batch')} ${complaint.line.batchNumber} · ${t('record.quantity', { count: complaint.line.quantity })}`
						: t('record.wholeOrder')}
				</dd>
				<dt>{t('record.filedAt')}</dt>
				<dd>
					<DateTime value={complaint.createdAt} /> · {t(`channel.${complaint.channel}`)}
					{complaint.filedBy ? ` · ${t('record.filedBy', { name: complaint.filedBy.name })}` : null}
				</dd>
			</dl>
			<h3>{t('record.description')}</h3>
			<p className="description">{complaint.description}</p>
			{complaint.attachments.length > 0 ? (
				<>
					<h3>{t('record.photos')}</h3>
					<PhotoGallery files={complaint.attachments} label={t('record.photos')} />
				</>
			) : (
				<p className="field-hint">{t('record.noPhotos')}</p>
			)}
			<h3>{t('record.contact')}</h3>
			<dl className="record">
				<dt>{t('record.customer')}</dt>
				<dd>
					{contact.name}
					{complaint.isKeyAccount ? <span className="key-account-badge"> {t('record.keyAccount')}</span> : null}
				</dd>
				<dt>{t('record.email')}</dt>
				<dd>
					<a href={`mailto:${contact.email}`}>{contact.email}</a>
				</dd>
				{contact.contactPhone || contact.phone ? (
					<>
						<dt>{t('record.phone')}</dt>
						<dd>
							<a href={`tel:${contact.contactPhone ?? contact.phone}`}>{contact.contactPhone ?? contact.phone}</a>
						</dd>
					</>
				) : null}
				<dt>{t('record.preferredContact')}</dt>
				<dd>{t(`contactMethod.${contact.preferredContact}`)}</dd>
				<dt>{t('record.notifications')}</dt>
				<dd>{t(`notifyFrequency.${contact.notifyFrequency}`)}</dd>
				<dt>{t('record.language')}</dt>
				<dd>{contact.locale === 'en' ? 'English' : '中文'}</dd>
			</dl>
		</section>
	)
}

/** Who holds the case and what has been decided on it so far. */
export function CaseFacts({ complaint }: Props) {
	const { t, i18n } = useTranslation('casework')
	return (
		<section className="panel" aria-labelledby="facts-title">
			<h2 id="facts-title">{t('facts.title')}</h2>
			<dl className="record">
				<dt>{t('facts.assignee')}</dt>
				<dd>{complaint.assignee?.name ?? t('facts.unassigned')}</dd>
				<dt>{t('facts.department')}</dt>
				<dd>
					{complaint.department ? t(`department.${complaint.department}`) : t('facts.notRouted')}
					{complaint.routedAt ? (
						<span className="field-hint">
							{' '}
							(<DateTime value={complaint.routedAt} />)
						</span>
					) : null}
				</dd>
				<dt>{t('facts.region')}</dt>
				<dd>{i18n.language === 'en' ? complaint.region.nameEn : complaint.region.nameZh}</dd>
				<dt>{t('facts.dealer')}</dt>
				<dd>{complaint.dealer?.name ?? t('facts.noDealer')}</dd>
				<dt>{t('facts.responsibility')}</dt>
				<dd>{complaint.responsibility ? t(`responsibility.${complaint.responsibility}`) : t('facts.notDetermined')}</dd>
				{complaint.resolution ? (
					<>
						<dt>{t('facts.resolution')}</dt>
						<dd>
							{t(`complaints:remedy.${complaint.resolution.type}`)}
							{complaint.resolution.amountMinor !== null
								? ` · ${formatYuan(complaint.resolution.amountMinor, complaint.resolution.currency ?? 'CNY')}`
								: null}
							{complaint.resolution.costBearer
								? ` · ${t('facts.paidBy', { bearer: t(`costBearer.${complaint.resolution.costBearer}`) })}`
								: null}
						</dd>
					</>
				) : null}
				{complaint.escalationLevel > 0 ? (
					<>
						<dt>{t('facts.escalation')}</dt>
						<dd>{t('facts.escalationLevel', { level: complaint.escalationLevel })}</dd>
					</>
				) : null}
				{complaint.authoritiesRightToldAt ? (
					<>
						<dt>{t('facts.authoritiesRight')}</dt>
						<dd>
							<DateTime value={complaint.authoritiesRightToldAt} />
						</dd>
					</>
				) : null}
				{complaint.closedAt ? (
					<>
						<dt>{t('facts.closedAt')}</dt>
						<dd>
							<DateTime value={complaint.closedAt} />
							{complaint.closeReason ? ` · ${t(`closeReason.${complaint.closeReason}`)}` : null}
						</dd>
					</>
				) : null}
			</dl>
		</section>
	)
}

/** The order with its lines (the complained line marked) and its other complaints. */
export function OrderPanel({ complaint }: Props) {
	const { t } = useTranslation('casework')
	const { order } = complaint
	return (
		<section className="panel" aria-labelledby="order-title">
			<h2 id="order-title">{t('order.title', { orderNumber: order.orderNumber })}</h2>
			<dl className="record">
				<dt>{t('order.orderedAt')}</dt>
				<dd>
					<DateTime value={order.orderedAt} />
				</dd>
				{order.shippedAt ? (
					<>
						<dt>{t('order.shippedAt')}</dt>
						<dd>
							<DateTime value={order.shippedAt} />
						</dd>
					</>
				) : null}
				<dt>{t('order.deliveredAt')}</dt>
				<dd>{order.deliveredAt ? <DateTime value={order.deliveredAt} /> : t('order.notDelivered')}</dd>
			</dl>
			<div className="table-scroll">
				<table className="order-lines">
					<caption className="visually-hidden">{t('order.lines')}</caption>
					<thead>
						<tr>
							<th scope="col">#</th>
							<th scope="col">{t('order.product')}</th>
							<th scope="col">{t('order.batch')}</th>
							<th scope="col">{t('order.quantity')}</th>
						</tr>
					</thead>
					<tbody>
						{order.lines.map((line) => (
							<tr key={line.id} className={line.complained ? 'order-line--complained' : undefined}>
								<td>{line.lineNumber}</td>
								<td>
									{line.productModel} {line.productName}
									{line.complained ? <strong className="complained-mark"> {t('order.thisComplaint')}</strong> : null}
								</td>
								<td>{line.batchNumber}</td>
								<td>{line.quantity}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
			<h3>{t('order.otherComplaints')}</h3>
			<RelatedList items={order.otherComplaints} empty={t('order.noOtherComplaints')} />
		</section>
	)
}

/** The customer's other complaints, so a repeat problem or a key account is seen at once. */
export function CustomerHistory({ complaint }: Props) {
	const { t } = useTranslation('casework')
	const history = complaint.customerHistory
	return (
		<section className="panel" aria-labelledby="history-title">
			<h2 id="history-title">{t('history.title', { name: complaint.contact.name })}</h2>
			<p>
				{history.isKeyAccount ? <strong className="key-account-badge">{t('record.keyAccount')}</strong> : null}{' '}
				{t('history.since')} <DateTime value={history.customerSince} />
			</p>
			<RelatedList items={history.complaints} empty={t('history.none')} />
		</section>
	)
}

function RelatedList({ items, empty }: { items: readonly RelatedComplaint[]; empty: string }) {
	const { t } = useTranslation('casework')
	if (items.length === 0) return <p className="field-hint">{empty}</p>
	return (
		<ul className="related-complaints">
			{items.map((item) => (
				<li key={item.reference}>
					<Link to={`/staff/complaints/${item.reference}`}>{item.reference}</Link> {item.title}
					<span className="field-hint">
						{' '}
						· {t(`status.${item.status}`)} · {t(`complaints:category.${item.category}`)} · {item.orderNumber}
						{item.productModel ? ` ${item.productModel}` : null} · <DateTime value={item.createdAt} />
					</span>
				</li>
			))}
		</ul>
	)
}
