import { Link, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** The foot of a step: Back (a link, so it never loses what was typed on the step before) and Continue. */
export function StepActions({ back, submitLabel }: { back?: string; submitLabel?: string }) {
	const { t } = useTranslation('filing')
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	return (
		<div className="filing-form-actions">
			{back ? (
				<Link to={back} className="button button-secondary">
					{t('back')}
				</Link>
			) : (
				<span />
			)}
			<button type="submit" className="button" disabled={busy} aria-disabled={busy || undefined}>
				{busy ? t('saving') : (submitLabel ?? t('continue'))}
			</button>
		</div>
	)
}
