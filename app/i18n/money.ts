import type { Language } from './config.ts'

/**
 * An amount kept in minor units (fen) as the reader writes money: "¥8,000.00" in Chinese,
 * "CN¥8,000.00" in English. The same on server and client, so pages hydrate without drift.
 */
export function formatMoney(amountMinor: number, currency: string, language: Language | string): string {
	return new Intl.NumberFormat(language, { style: 'currency', currency, minimumFractionDigits: 2 }).format(
		amountMinor / 100,
	)
}

/** Fen as yuan for a form field: "8000.00" (no grouping, so the form can read it back). */
export function yuanText(amountMinor: number): string {
	return (amountMinor / 100).toFixed(2)
}
