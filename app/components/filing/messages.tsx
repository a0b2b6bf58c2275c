import { useTranslation } from 'react-i18next'

/**
 * Field messages are i18n keys (`validation:orderNotFound`). Some need values, such as the
 * order number typed or the name of a rejected file: those travel as the key, a `|`, and the
 * values as JSON, so that they fit conform's string-only errors and are translated on the page.
 */
const SEPARATOR = '|'

export function encodeMessage(key: string, params: Record<string, string | number> = {}): string {
	return Object.keys(params).length ? `${key}${SEPARATOR}${JSON.stringify(params)}` : key
}

export function decodeMessage(message: string): { key: string; params: Record<string, string | number> } {
	const at = message.indexOf(SEPARATOR)
	if (at < 0) return { key: message, params: {} }
	try {
		const params: unknown = JSON.parse(message.slice(at + 1))
		return {
			key: message.slice(0, at),
			params: params && typeof params === 'object' ? (params as Record<string, string | number>) : {},
		}
	} catch {
		return { key: message.slice(0, at), params: {} }
	}
}

export function useMessage() {
	const { t } = useTranslation()
	return (message: string) => {
		const { key, params } = decodeMessage(message)
		return t(key, params)
	}
}

/** Errors under a field, tied to it by id; values in the messages are filled in. */
export function FieldErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
	const message = useMessage()
	if (!errors?.length) return null
	return (
		<ul id={id} className="error-list">
			{errors.map((e) => (
				<li key={e}>{message(e)}</li>
			))}
		</ul>
	)
}

/** Errors about the whole step, announced at once. */
export function StepErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
	const message = useMessage()
	if (!errors?.length) return null
	return (
		<div id={id} className="form-error" role="alert">
			{errors.map((e) => (
				<p key={e}>{message(e)}</p>
			))}
		</div>
	)
}
