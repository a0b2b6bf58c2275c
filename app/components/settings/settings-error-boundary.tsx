import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'

/** A settings page refused (403) says so and who to ask; anything else is the general error page. */
export function SettingsErrorBoundary() {
	const error = useRouteError()
	const { t } = useTranslation(['settings', 'common'])
	if (!isRouteErrorResponse(error) || error.status !== 403) return <GeneralErrorBoundary />
	return (
		<section className="panel error-page" aria-labelledby="error-title">
			<h1 id="error-title">{t('settings:forbidden.title')}</h1>
			<p>{t('settings:forbidden.body')}</p>
			<p>
				<Link to="/">{t('common:errors.backHome')}</Link>
			</p>
		</section>
	)
}
