import { isRouteErrorResponse, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'

/**
 * The filing routes' error page: staff and partners who open them learn that filing here is
 * for customers; everything else (a draft that is not theirs, say) is the usual 404.
 */
export function FilingErrorBoundary() {
	const error = useRouteError()
	const { t } = useTranslation('filing')
	if (isRouteErrorResponse(error) && error.status === 404 && error.data?.customersOnly) {
		return (
			<section className="panel" aria-labelledby="customers-only-title">
				<h1 id="customers-only-title">{t('customersOnly.title')}</h1>
				<p>{t('customersOnly.body')}</p>
			</section>
		)
	}
	return <GeneralErrorBoundary />
}
