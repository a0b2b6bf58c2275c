import { useTranslation } from 'react-i18next'
import { PhotoGallery } from '#app/components/complaint/lightbox.tsx'
import { DateTime } from '#app/components/date-time.tsx'
import type { CaseFinding } from '#app/domain/complaints/case-view.ts'

/** The investigation's records: on-site visits, samples and the responsibility decision, with evidence. */
export function Findings({ findings }: { findings: readonly CaseFinding[] }) {
	const { t } = useTranslation('casework')
	return (
		<section className="panel" aria-labelledby="findings-title">
			<h2 id="findings-title">{t('findings.title')}</h2>
			{findings.length === 0 ? (
				<p>{t('findings.none')}</p>
			) : (
				<ol className="finding-list">
					{findings.map((finding) => (
						<li key={finding.id} className={`finding finding--${finding.kind.toLowerCase()}`}>
							<h3>
								{t(`findingKind.${finding.kind}`)}
								{finding.responsibility ? `: ${t(`responsibility.${finding.responsibility}`)}` : null}
							</h3>
							<p className="timeline-meta">
								{t('findings.occurred')} <DateTime value={finding.occurredAt} />
								<span aria-hidden="true"> · </span>
								{t('findings.recordedBy', { name: finding.author })}
							</p>
							{finding.sampleReference ? (
								<p>
									<span className="detail-label">{t('field.sampleReference')}: </span>
									{finding.sampleReference}
								</p>
							) : null}
							<p className="description">{finding.summary}</p>
							{finding.attachments.length > 0 ? (
								<PhotoGallery files={finding.attachments} label={t('findings.evidence')} />
							) : (
								<p className="field-hint">{t('findings.noEvidence')}</p>
							)}
						</li>
					))}
				</ol>
			)}
		</section>
	)
}
