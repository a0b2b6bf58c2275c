import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, NavLink, useLoaderData, useOutlet } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireSettingsUser } from '#app/auth/settings-access.server.ts'
import { SettingsErrorBoundary } from '#app/components/settings/settings-error-boundary.tsx'
import settingsStyles from '#app/components/settings/settings.css'
import { isAdmin } from '#app/domain/settings/access.ts'

export const meta: MetaFunction = () => [{ title: '设置 · Settings' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: settingsStyles }]

/**
 * The console's settings: reply templates for every member of staff; service levels (read by
 * all staff, changed by administrators); the holiday calendar and the approval policy for
 * administrators. Customers,
 * dealers and regional offices get 403. Without a page below, it lists the sections.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { viewer } = await requireSettingsUser(request, context)
	return { admin: isAdmin(viewer) }
}

export default function SettingsLayout() {
	const { t } = useTranslation('settings')
	const { admin } = useLoaderData<typeof loader>()
	const outlet = useOutlet()
	const sections = [
		{ to: '/staff/settings/templates', label: t('nav.templates'), text: t('index.templates') },
		{
			to: '/staff/settings/service-levels',
			label: t('nav.serviceLevels'),
			text: admin ? t('index.serviceLevels') : t('index.serviceLevelsReadOnly'),
		},
		...(admin
			? [
					{ to: '/staff/settings/calendar', label: t('nav.calendar'), text: t('index.calendar') },
					{ to: '/staff/settings/approval-rules', label: t('nav.approvalRules'), text: t('index.approvalRules') },
				]
			: []),
	]
	return (
		<div className="settings">
			<nav aria-label={t('nav.label')}>
				<ul className="settings-nav">
					<li>
						<NavLink to="/staff/settings" end>
							{t('title')}
						</NavLink>
					</li>
					{sections.map((s) => (
						<li key={s.to}>
							<NavLink to={s.to}>{s.label}</NavLink>
						</li>
					))}
				</ul>
			</nav>
			{outlet ?? (
				<>
					<h1>{t('title')}</h1>
					<p className="lead">{t('lead')}</p>
					<ul className="settings-cards">
						{sections.map((s) => (
							<li key={s.to}>
								<h2>
									<Link to={s.to}>{s.label}</Link>
								</h2>
								<p>{s.text}</p>
							</li>
						))}
					</ul>
				</>
			)}
		</div>
	)
}

export function ErrorBoundary() {
	return <SettingsErrorBoundary />
}
