import { Form, Link, useNavigation } from '@remix-run/react'
import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { STATUSES } from '#app/domain/complaints/lifecycle.ts'
import {
	DEPARTMENTS,
	NONE,
	QUEUE_SORTS,
	QUEUE_VIEWS,
	queueQueryString,
	type QueueFilter,
	type QueueFilterOptions,
	type QueueView,
} from '#app/domain/complaints/queue.ts'
import { CATEGORIES, SEVERITIES } from '#app/domain/complaints/schemas.ts'

export function queueHref(filter: QueueFilter): string {
	const query = queueQueryString(filter)
	return query ? `/staff/queue?${query}` : '/staff/queue'
}

/** The built-in views as links: each keeps the other filters and starts again at page one. */
export function QueueViews({ filter }: { filter: QueueFilter }) {
	const { t } = useTranslation('console')
	return (
		<nav aria-label={t('queue.viewsLabel')}>
			<ul className="queue-views">
				{QUEUE_VIEWS.map((view: QueueView) => (
					<li key={view}>
						<Link to={queueHref({ ...filter, view, page: 1 })} aria-current={view === filter.view ? 'page' : undefined}>
							{t(`queue.views.${view}`)}
						</Link>
					</li>
				))}
			</ul>
		</nav>
	)
}

function Select({ name, label, value, children }: { name: string; label: string; value: string; children: ReactNode }) {
	const id = useId()
	return (
		<div className="field">
			<label htmlFor={id}>{label}</label>
			<select id={id} name={name} defaultValue={value}>
				{children}
			</select>
		</div>
	)
}

/**
 * The filters, as a GET form: the result is a URL (bookmark it, share it, save it as a view),
 * and it works without JavaScript. Empty choices are dropped from the URL by the queue's parser.
 */
export function QueueFilterForm({
	filter,
	options,
	language,
	searchesEmail,
}: {
	filter: QueueFilter
	options: QueueFilterOptions
	language: string
	/** staff may find customers by email; regional offices by name only */
	searchesEmail: boolean
}) {
	const { t } = useTranslation('console')
	const { t: tc } = useTranslation('complaints')
	// statuses in the staff's words ("等待客户补充信息"), as the table's badges say them
	const { t: tw } = useTranslation('casework')
	const navigation = useNavigation()
	const searchId = useId()
	const any = <option value="">{t('queue.filters.any')}</option>
	return (
		<Form
			method="get"
			action="/staff/queue"
			className="queue-filters panel"
			aria-busy={navigation.state === 'loading' || undefined}
			// new defaults whenever the URL changes (a view link, a saved view, the back button)
			key={queueQueryString(filter)}
		>
			<h2 className="visually-hidden">{t('queue.filters.title')}</h2>
			<input type="hidden" name="view" value={filter.view} />
			<div className="field queue-search">
				<label htmlFor={searchId}>{t('queue.filters.search')}</label>
				<input
					id={searchId}
					type="search"
					name="q"
					defaultValue={filter.q}
					maxLength={100}
					aria-describedby={`${searchId}-hint`}
				/>
				<p id={`${searchId}-hint`} className="field-hint">
					{searchesEmail ? t('queue.filters.searchHint') : t('queue.filters.searchHintNoEmail')}
				</p>
			</div>
			<div className="queue-filter-grid">
				<Select name="status" label={t('queue.filters.status')} value={filter.status ?? ''}>
					{any}
					{STATUSES.map((s) => (
						<option key={s} value={s}>
							{tw(`status.${s}`)}
						</option>
					))}
				</Select>
				<Select name="category" label={t('queue.filters.category')} value={filter.category ?? ''}>
					{any}
					{CATEGORIES.map((c) => (
						<option key={c} value={c}>
							{tc(`category.${c}`)}
						</option>
					))}
				</Select>
				<Select name="severity" label={t('queue.filters.severity')} value={filter.severity ?? ''}>
					{any}
					{SEVERITIES.map((s) => (
						<option key={s} value={s}>
							{tc(`severity.${s}`)}
						</option>
					))}
				</Select>
				{options.regions.length > 1 ? (
					<Select name="region" label={t('queue.filters.region')} value={filter.regionId ?? ''}>
						{any}
						{options.regions.map((r) => (
							<option key={r.id} value={r.id}>
								{language === 'en' ? r.nameEn : r.nameZh}
							</option>
						))}
					</Select>
				) : null}
				{options.dealers.length > 0 ? (
					<Select name="dealer" label={t('queue.filters.dealer')} value={filter.dealerId ?? ''}>
						{any}
						{options.dealers.map((d) => (
							<option key={d.id} value={d.id}>
								{d.name}
							</option>
						))}
					</Select>
				) : null}
				<Select
					name="key"
					label={t('queue.filters.keyAccount')}
					value={filter.keyAccount === null ? '' : filter.keyAccount ? 'yes' : 'no'}
				>
					{any}
					<option value="yes">{t('queue.filters.keyYes')}</option>
					<option value="no">{t('queue.filters.keyNo')}</option>
				</Select>
				<Select name="assignee" label={t('queue.filters.assignee')} value={filter.assignee ?? ''}>
					{any}
					<option value={NONE}>{t('queue.filters.assigneeNone')}</option>
					{options.assignees.map((a) => (
						<option key={a.id} value={a.id}>
							{a.organizationName ? `${a.name} (${a.organizationName})` : a.name}
						</option>
					))}
				</Select>
				<Select name="department" label={t('queue.filters.department')} value={filter.department ?? ''}>
					{any}
					<option value={NONE}>{t('queue.filters.departmentNone')}</option>
					{DEPARTMENTS.map((d) => (
						<option key={d} value={d}>
							{t(`department.${d}`)}
						</option>
					))}
				</Select>
				<Select name="sort" label={t('queue.filters.sort')} value={filter.sort}>
					{QUEUE_SORTS.map((s) => (
						<option key={s} value={s}>
							{t(`queue.sort.${s}`)}
						</option>
					))}
				</Select>
			</div>
			<div className="actions">
				<button type="submit" className="button">
					{t('queue.filters.submit')}
				</button>
				<Link to={filter.view === 'open' ? '/staff/queue' : `/staff/queue?view=${filter.view}`}>
					{t('queue.filters.reset')}
				</Link>
			</div>
		</Form>
	)
}
