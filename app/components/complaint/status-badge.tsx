import type { ComplaintStatus } from '#app/generated/prisma/enums.ts'
import type { WaitingOn } from '#app/domain/complaints/lifecycle.ts'
import { useTranslation } from 'react-i18next'

/**
 * A complaint's status in the customer's words ("等待您补充信息"), or with `wording="staff"` in the
 * console's (casework:status, "等待客户补充信息"); the colour only repeats what the words say.
 */
export function StatusBadge({
	status,
	waitingOn,
	wording = 'customer',
}: {
	status: ComplaintStatus
	waitingOn: WaitingOn
	wording?: 'customer' | 'staff'
}) {
	const { t } = useTranslation(wording === 'staff' ? 'casework' : 'complaints')
	return <span className={`status-badge status-badge--${waitingOn}`}>{t(`status.${status}`)}</span>
}

/** Who the next move belongs to: "waiting for you", "we are working on it", "finished". */
export function WaitingOnLabel({ waitingOn }: { waitingOn: WaitingOn }) {
	const { t } = useTranslation('complaints')
	return (
		<span className={`waiting-on waiting-on--${waitingOn}`}>
			<span aria-hidden="true" className="waiting-on-dot" />
			{t(`waitingOn.${waitingOn}`)}
		</span>
	)
}
