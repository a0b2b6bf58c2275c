import type { MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { useRootData } from '#app/root.tsx'

export const meta: MetaFunction = () => [{ title: '售后服务平台 · After-sales Service Portal' }]

export default function Index() {
	const { t } = useTranslation()
	const root = useRootData()
	return (
		<section className="hero" aria-labelledby="home-title">
			<h1 id="home-title">{t('home.title')}</h1>
			<p className="lead">{t('home.lead')}</p>
			{root?.user ? (
				<>
					<p>{t('home.signedInAs', { name: root.user.name })}</p>
					{root.user.kind === 'CUSTOMER' ? (
						<p className="actions">
							<Link className="button" to="/complaints/new">
								{t('filing:entry')}
							</Link>
						</p>
					) : null}
				</>
			) : (
				<p className="actions">
					<Link className="button" to="/login">
						{t('nav.signIn')}
					</Link>
					<Link className="button button-secondary" to="/signup">
						{t('nav.signUp')}
					</Link>
				</p>
			)}
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
