import { exportValue, type ReportTable } from './report-tables.ts'

/**
 * A report table as CSV (RFC 4180): comma-separated, CRLF line ends, fields quoted when they hold
 * a comma, a quote or a line break, and a UTF-8 byte-order mark first, without which Excel opens
 * a UTF-8 file in the system's legacy code page and Chinese comes out garbled.
 *
 * Names that people typed (dealers, product models, batch numbers) could start with `=`, `+`,
 * `-`, `@`, a tab or a carriage return, which a spreadsheet runs as a formula (OWASP "CSV
 * injection"): such a text field is prefixed with an apostrophe. Numbers are written as numbers.
 */

export const CSV_BOM = '\uFEFF'
const FORMULA_START = /^[=+\-@\t\r]/

function field(value: string | number | null): string {
	if (value === null) return ''
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
	const safe = FORMULA_START.test(value) ? `'${value}` : value
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function tableToCsv(table: ReportTable): string {
	const lines = [
		table.columns.map((c) => field(c.label)),
		...table.rows.map((row) => table.columns.map((c) => field(exportValue(row[c.key] ?? null, c.kind)))),
	]
	return CSV_BOM + lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n'
}

/** `complaint-regions_2026-09-01_2026-11-30.csv`: what, and which period. */
export function csvFileName(id: string, period: { from: string; to: string }): string {
	return `${id}_${period.from}_${period.to}.csv`
}
