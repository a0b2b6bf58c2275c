import { CONSOLE_NAMESPACES, type Area } from './areas.ts'
import type { Language } from './config.ts'
import { resources, type Namespace } from './resources.ts'

/**
 * Every message of a language, or of one area of the portal. A `.server` module on purpose: the
 * Remix compiler replaces it with nothing in the browser build, so the translations travel as
 * the root loader's data for the page's area and language, never as JavaScript. (Imported from a
 * plain module, esbuild kept them in the root chunk even when only the loader used them.)
 */
export function messagesFor(language: Language, area?: Area) {
	const all = resources[language]
	if (!area) return all
	const isConsole = (ns: string) => (CONSOLE_NAMESPACES as readonly string[]).includes(ns)
	return Object.fromEntries(
		Object.entries(all).filter(([ns]) => area === 'console' || !isConsole(ns as Namespace)),
	) as Partial<typeof all>
}
