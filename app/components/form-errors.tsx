import { useTranslation } from 'react-i18next'

/** Errors about the whole form (wrong credentials, too many attempts), announced at once. */
export function FormErrors({ id, errors, retryAfter }: { id?: string; errors?: string[] | null; retryAfter?: number }) {
	const { t } = useTranslation()
	if (!errors?.length) return null
	return (
		<div id={id} className="form-error" role="alert">
			{errors.map((e) => (
				<p key={e}>{t(e, { seconds: retryAfter ?? 60 })}</p>
			))}
		</div>
	)
}

/** The wait a rate-limited action answered with, if it did. */
export function retryAfterOf(actionData: unknown): number | undefined {
	if (actionData && typeof actionData === 'object' && 'retryAfter' in actionData) {
		return typeof actionData.retryAfter === 'number' ? actionData.retryAfter : undefined
	}
	return undefined
}
