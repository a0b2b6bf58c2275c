import { useTranslation } from 'react-i18next'
import { DateTime } from '#app/components/date-time.tsx'
import type { ServiceClocks as Clocks } from '#app/domain/complaints/case-view.ts'
import type { SlaState } from '#app/generated/prisma/enums.ts'

/**
 * Where the case stands against its service levels (DESIGN.md §4): the first response owed and
 * whether it was met, the date last promised to the customer, the clock running now and its
 * state. Waiting on the customer stops the clock, and the panel says since when.
 */
export function ServiceClocks({ clocks, finished }: { clocks: Clocks; finished: boolean }) {
	const { t } = useTranslation('casework')
	const { firstResponse } = clocks
	return (
		<section
			className={`panel service-clocks service-clocks--${clocks.state.toLowerCase()}`}
			aria-labelledby="clocks-title"
		>
			<h2 id="clocks-title">
				{t('clocks.title')} <SlaBadge state={clocks.state} paused={clocks.pausedSince !== null} finished={finished} />
			</h2>
			<dl className="record">
				<dt>{t('clocks.firstResponse')}</dt>
				<dd>
					{firstResponse.respondedAt ? (
						<>
							{t(firstResponse.met ? 'clocks.metAt' : 'clocks.lateAt')} <DateTime value={firstResponse.respondedAt} />
							{firstResponse.dueAt ? (
								<span className="field-hint">
									{' '}
									({t('clocks.dueWas')} <DateTime value={firstResponse.dueAt} />)
								</span>
							) : null}
						</>
					) : firstResponse.dueAt ? (
						<span className={firstResponse.overdue ? 'clock-overdue' : undefined}>
							{t(firstResponse.overdue ? 'clocks.overdueSince' : 'clocks.dueBy')}{' '}
							<DateTime value={firstResponse.dueAt} />
						</span>
					) : (
						t('clocks.none')
					)}
				</dd>
				<dt>{t('clocks.promise')}</dt>
				<dd>{clocks.promisedBy ? <DateTime value={clocks.promisedBy} /> : t('clocks.noPromise')}</dd>
				<dt>{t('clocks.running')}</dt>
				<dd>
					{clocks.pausedSince ? (
						<>
							<strong>{t('clocks.paused')}</strong> {t('clocks.pausedSince')} <DateTime value={clocks.pausedSince} />
						</>
					) : clocks.running ? (
						<>
							{t('clocks.dueBy')} <DateTime value={clocks.running.dueAt} />
							{clocks.running.atRiskAt ? (
								<span className="field-hint">
									{' '}
									({t('clocks.atRiskFrom')} <DateTime value={clocks.running.atRiskAt} />)
								</span>
							) : null}
						</>
					) : (
						t('clocks.none')
					)}
				</dd>
			</dl>
		</section>
	)
}

/** The SLA state in words; the colour only repeats them. */
export function SlaBadge({ state, paused, finished }: { state: SlaState; paused: boolean; finished: boolean }) {
	const { t } = useTranslation('casework')
	const key = finished ? 'finished' : paused ? 'paused' : state
	return <span className={`sla-badge sla-badge--${key.toLowerCase()}`}>{t(`slaState.${key}`)}</span>
}
