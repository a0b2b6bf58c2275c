import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '#app/components/date-time.tsx'
import type { CaseSurvey } from '#app/domain/surveys/console.ts'
import { DIMENSIONS, isLowOverall } from '#app/domain/surveys/dimensions.ts'

/** The complaint's satisfaction survey on the staff case page (DESIGN.md §6). */
export function CaseSurveyPanel({ survey }: { survey: CaseSurvey }) {
	const { t, i18n } = useTranslation('followups')
	const at = (value: Date | string) => formatDateTime(value, i18n.language)
	return (
		<section className="panel" aria-labelledby="case-survey-title">
			<h2 id="case-survey-title">{t('caseSurvey.title')}</h2>
			<p>{t('caseSurvey.sent', { at: at(survey.sentAt), until: at(survey.expiresAt) })}</p>
			{survey.remindedAt ? <p>{t('caseSurvey.reminded', { at: at(survey.remindedAt) })}</p> : null}
			{survey.state === 'answered' && survey.answeredAt ? (
				<>
					<p>{t('caseSurvey.answered', { at: at(survey.answeredAt) })}</p>
					<ul className="followup-scores">
						{DIMENSIONS.map((d) => (
							<li key={d} className={d === 'overall' && isLowOverall(survey.scores[d]) ? 'low' : undefined}>
								{t(`dimension.${d}`)} {survey.scores[d] ?? t('followUps.skipped')}
							</li>
						))}
						<li>
							{t('followUps.recommend')} {survey.recommend ?? t('followUps.skipped')}
						</li>
					</ul>
					{survey.comment ? <p className="description">{survey.comment}</p> : null}
				</>
			) : (
				<p>{t(survey.state === 'expired' ? 'caseSurvey.expired' : 'caseSurvey.waiting')}</p>
			)}
			{survey.reopenRequestedAt ? <p>{t('caseSurvey.reopenRequested')}</p> : null}
			{survey.followUpOpen ? (
				<p>
					<strong>{t('caseSurvey.followUpOpen')}</strong>{' '}
					<Link to="/staff/surveys">{t('caseSurvey.followUpLink')}</Link>
				</p>
			) : null}
		</section>
	)
}
