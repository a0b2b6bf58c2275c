import type { NextStep } from '#app/domain/complaints/service-level.ts'
import { useTranslation } from 'react-i18next'
import { DateTime } from '#app/components/date-time.tsx'

/**
 * What happens next and by when, in plain words (DESIGN.md §4). A promise that has passed is
 * said so, not hidden: the customer sees the date we missed.
 */
export function NextStepPanel({ step }: { step: NextStep }) {
	const { t } = useTranslation('complaints')
	return (
		<section className={`next-step${step.overdue ? ' next-step--overdue' : ''}`} aria-labelledby="next-step-title">
			<h2 id="next-step-title">{t('nextStep.title')}</h2>
			<p>{t(`nextStep.${step.key}`)}</p>
			{step.dueAt ? (
				<p className={step.overdue ? 'next-step-due next-step-due--overdue' : 'next-step-due'}>
					{step.overdue ? <span aria-hidden="true">⚠ </span> : null}
					<DueText overdue={step.overdue} dueAt={step.dueAt} />
				</p>
			) : step.waitingOn === 'customer' ? (
				<p className="next-step-due">
					<strong>{t('nextStep.waitingForYou')}</strong>
				</p>
			) : null}
		</section>
	)
}

function DueText({ overdue, dueAt }: { overdue: boolean; dueAt: Date }) {
	const { t } = useTranslation('complaints')
	// the sentence is translated whole, with the date as a marked-up <time> inside it
	const [before, after] = t(overdue ? 'nextStep.overdue' : 'nextStep.dueBy', { date: '\u0000' }).split('\u0000')
	return (
		<>
			{before}
			<strong>
				<DateTime value={dueAt} />
			</strong>
			{after}
		</>
	)
}
