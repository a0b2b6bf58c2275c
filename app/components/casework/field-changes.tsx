import { useTranslation } from 'react-i18next'
import { DateTime } from '#app/components/date-time.tsx'
import { formatYuan } from './money.ts'

/**
 * The audit view of one change: each field it set, before and after, as the event recorded
 * them (ComplaintEvent.changes). Used by the timeline and by the "meanwhile" panel of a stale
 * form, so both read the same way.
 */
export function FieldChanges({ changes }: { changes: Record<string, { before: unknown; after: unknown }> | null }) {
	const { t } = useTranslation('casework')
	const entries = Object.entries(changes ?? {})
	if (entries.length === 0) return null
	return (
		<dl className="field-changes" aria-label={t('audit.changes')}>
			{entries.map(([field, { before, after }]) => (
				<div key={field}>
					<dt>{t(`field.${field}`, { defaultValue: field })}</dt>
					<dd>
						<span className="visually-hidden">{t('audit.before')} </span>
						<ChangeValue field={field} value={before} />
						<span aria-hidden="true"> → </span>
						<span className="visually-hidden"> {t('audit.after')} </span>
						<ChangeValue field={field} value={after} />
					</dd>
				</div>
			))}
		</dl>
	)
}

/** Enum-valued fields and where their labels live. */
const ENUM_LABELS: Record<string, string> = {
	status: 'casework:status',
	fromStatus: 'casework:status',
	toStatus: 'casework:status',
	department: 'casework:department',
	responsibility: 'casework:responsibility',
	costBearer: 'casework:costBearer',
	slaState: 'casework:slaState',
	visibility: 'casework:visibility',
	kind: 'casework:findingKind',
	decision: 'casework:decision',
	pendingApproval: 'console:role',
	closeReason: 'casework:closeReason',
	resolutionType: 'complaints:remedy',
	type: 'complaints:remedy',
	requestedRemedy: 'complaints:remedy',
	category: 'complaints:category',
	severity: 'complaints:severity',
}
const MONEY = /amountMinor$/i
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

export function ChangeValue({ field, value }: { field: string; value: unknown }) {
	const { t } = useTranslation('casework')
	if (value === null || value === undefined || value === '')
		return <span className="change-empty">{t('audit.none')}</span>
	if (typeof value === 'boolean') return <>{t(value ? 'audit.yes' : 'audit.no')}</>
	if (typeof value === 'number' && MONEY.test(field)) return <>{formatYuan(value)}</>
	if (value instanceof Date) return <DateTime value={value} />
	if (typeof value === 'string') {
		if (ISO_INSTANT.test(value) && !Number.isNaN(new Date(value).getTime())) return <DateTime value={value} />
		const labels = ENUM_LABELS[field]
		if (labels) return <>{t(`${labels}.${value}`, { defaultValue: value })}</>
		return <span className="change-text">{value}</span>
	}
	if (typeof value === 'number') return <>{value}</>
	return <code>{JSON.stringify(value)}</code>
}
