import type { MetaFunction } from '@remix-run/node'
import { useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'

export const meta: MetaFunction = () => [{ title: '请查收邮件 · Check your email' }]

/** Where sign-up and "forgot password" land: the same words whether or not the address is known. */
export default function CheckEmailPage() {
	const { t } = useTranslation('auth')
	const [params] = useSearchParams()
	const reset = params.get('for') === 'reset'
	return (
		<section className="panel" aria-labelledby="check-title">
			<h1 id="check-title">{reset ? t('forgot.sentTitle') : t('signup.checkEmailTitle')}</h1>
			<p>{reset ? t('forgot.sentBody') : t('signup.checkEmailBody')}</p>
			{reset ? null : <p className="field-hint">{t('signup.checkEmailSpam')}</p>}
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
