import type { ComplaintStatus, SlaState } from '#app/generated/prisma/enums.ts'
import { useTranslation } from 'react-i18next'
import { DateTime } from '#app/components/date-time.tsx'

const MARKS: Record<SlaState, string> = { ON_TRACK: '✓', AT_RISK: '⚠', BREACHED: '‼' }

/**
 * Where a complaint stands against its running clock, in words (the mark and the colour only
 * repeat them), with the time it is due. No clock runs while the case waits for the customer
 * or once it is finished.
 */
export function SlaCell({
	status,
	slaState,
	slaDueAt,
}: {
	status: ComplaintStatus
	slaState: SlaState
	slaDueAt: Date | string | null
}) {
	const { t } = useTranslation('console')
	if (!slaDueAt) {
		return <span className="sla sla--none">{status === 'WAITING_ON_CUSTOMER' ? t('sla.paused') : t('sla.none')}</span>
	}
	return (
		<span className={`sla sla--${slaState}`}>
			<span className="sla-state">
				<span aria-hidden="true" className="sla-mark">
					{MARKS[slaState]}
				</span>{' '}
				{t(`sla.${slaState}`)}
			</span>
			<span className="sla-due">
				<DateTime value={slaDueAt} />
			</span>
		</span>
	)
}

/** 重点客户: a word with a star, never a colour alone. */
export function KeyAccountMark() {
	const { t } = useTranslation('console')
	return (
		<span className="key-account">
			<span aria-hidden="true">★ </span>
			{t('queue.keyAccount')}
		</span>
	)
}
