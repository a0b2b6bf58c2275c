/** Fen as people read yuan: 128050 → "¥1,280.50". Integer arithmetic, so no float rounding. */
export function formatYuan(amountMinor: number, currency = 'CNY'): string {
	const sign = amountMinor < 0 ? '-' : ''
	const abs = Math.abs(Math.trunc(amountMinor))
	const yuan = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
	const fen = String(abs % 100).padStart(2, '0')
	return `${sign}${currency === 'CNY' ? '¥' : `${currency} `}${yuan}.${fen}`
}
