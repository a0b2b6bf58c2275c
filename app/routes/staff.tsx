import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { NavLink, Outlet, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireConsoleUser } from '#app/complaints/console.server.ts'
import complaintStyles from '#app/components/complaint/complaint.css'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import consoleStyles from '#app/components/queue/console.css'
import { permissionsOf } from '#app/domain/complaints/permissions.ts'
import { reportScopeOf } from '#app/domain/reports/scope.ts'

export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: complaintStyles },
	{ rel: 'stylesheet', href: consoleStyles },
]

/**
 * The staff console's frame: who is signed in and the console's sections. Staff with a role and
 * regional offices only; anyone else gets a 404 here and on every page below (each page's own
 * loader checks again, since Remix runs them side by side).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { user, viewer } = await requireConsoleUser(request, context)
	return {
		name: user.name,
		role: viewer.staffRole ?? 'REGIONAL_OFFICE',
		sections: {
			// approvals wait for the roles that decide them (DESIGN.md §5)
			approvals: permissionsOf(viewer).some((p) => p.startsWith('decide-approval:')),
			// reply templates and the like are kept by staff; regional offices use them
			settings: viewer.kind === 'STAFF',
			// the figures of what one may read: every console user, narrowed like the queue
			reports: reportScopeOf(viewer) !== null,
		},
	}
}

export default function ConsoleLayout() {
	const { t } = useTranslation('console')
	const { name, role, sections } = useLoaderData<typeof loader>()
	return (
		<div className="console">
			<div className="console-bar">
				<p className="console-title">
					{t('layout.title')}
					<span className="console-who">{t('layout.signedInAs', { name, role: t(`role.${role}`) })}</span>
				</p>
				<nav aria-label={t('nav.label')}>
					<ul className="console-nav">
						<li>
							<NavLink to="/staff/queue">{t('nav.queue')}</NavLink>
						</li>
						{sections.approvals ? (
							<li>
								<NavLink to="/staff/approvals">{t('nav.approvals')}</NavLink>
							</li>
						) : null}
						{sections.reports ? (
							<li>
								<NavLink to="/staff/reports">{t('nav.reports')}</NavLink>
							</li>
						) : null}
						{/* satisfaction surveys: follow-ups of low scores and the key accounts' yearly survey */}
						<li>
							<NavLink to="/staff/surveys">{t('followups:nav')}</NavLink>
						</li>
						{sections.settings ? (
							<li>
								<NavLink to="/staff/settings">{t('nav.settings')}</NavLink>
							</li>
						) : null}
					</ul>
				</nav>
			</div>
			<Outlet />
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
