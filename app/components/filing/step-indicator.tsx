import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { stepPath, type FilingStepName, type StepState } from './steps.ts'

/**
 * Where the customer is in the form: an ordered list of the steps, the current one marked with
 * aria-current="step", finished ones ticked and linked so that any answer can be changed.
 */
export function StepIndicator({
	draftId,
	steps,
	current,
}: {
	draftId: string
	steps: StepState[]
	current: FilingStepName | null
}) {
	const { t } = useTranslation('filing')
	const index = steps.findIndex((s) => s.step === current)
	return (
		<nav className="filing-steps" aria-label={t('steps.label')}>
			{index >= 0 ? (
				<p className="filing-steps-progress">{t('steps.progress', { current: index + 1, total: steps.length })}</p>
			) : null}
			<ol>
				{steps.map((s, i) => {
					const isCurrent = s.step === current
					const label = (
						<>
							<span className="filing-step-number" aria-hidden="true">
								{s.done && !isCurrent ? '✓' : i + 1}
							</span>
							<span className="filing-step-label">{t(`steps.${s.step}`)}</span>
							{s.done && !isCurrent ? <span className="visually-hidden">{` (${t('steps.done')})`}</span> : null}
						</>
					)
					return (
						<li key={s.step} className={`filing-step${isCurrent ? ' is-current' : ''}${s.done ? ' is-done' : ''}`}>
							{isCurrent ? (
								<span aria-current="step">{label}</span>
							) : s.reachable ? (
								<Link to={stepPath(draftId, s.step)}>{label}</Link>
							) : (
								<span className="is-unreachable">{label}</span>
							)}
						</li>
					)
				})}
			</ol>
		</nav>
	)
}
