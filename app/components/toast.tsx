import { useTranslation } from 'react-i18next'
import type { Toast as ToastData } from '#app/toast.server.ts'

/** A one-time notice after a redirect; announced politely to screen readers. */
export function Toast({ toast }: { toast: ToastData }) {
	const { t } = useTranslation()
	return (
		<div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
			{t(toast.messageKey)}
		</div>
	)
}
