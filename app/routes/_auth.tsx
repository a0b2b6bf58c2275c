import { Outlet } from '@remix-run/react'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'

/** The account pages share one narrow, calm column. */
export default function AuthLayout() {
	return (
		<div className="narrow">
			<Outlet />
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
