import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/**
 * The one error page every route uses. A missing record and a record the viewer may not see
 * are both 404 here, with the same words, so that the page reveals nothing.
 */
export function GeneralErrorBoundary() {
	const error = useRouteError()
	const { t } = useTranslation()
	const status = isRouteErrorResponse(error) ? error.status : 500
	const notFound = status === 404
	const tooMany = status === 429
	return (
		<section className="panel error-page" aria-labelledby="error-title">
			<h1 id="error-title">{notFound ? t('errors.notFoundTitle') : t('errors.genericTitle')}</h1>
			<p>
				{notFound
					? t('errors.notFoundBody')
					: tooMany && isRouteErrorResponse(error)
						? t('errors.tooManyRequests', { seconds: Number(error.data?.retryAfter ?? 60) })
						: t('errors.genericBody')}
			</p>
			<p>
				<Link to="/">{t('errors.backHome')}</Link>
			</p>
		</section>
	)
}
