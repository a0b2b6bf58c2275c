import { useTranslation } from 'react-i18next'
import type { Cell, ColumnKind, ReportTable } from '#app/domain/reports/report-tables.ts'

/** How the page shows a value of each kind, in the reader's language; "—" for nothing to show. */
export function useReportFormat() {
	const { t, i18n } = useTranslation('reports')
	const number = (digits: number) =>
		new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 0, maximumFractionDigits: digits })
	const formats = { integer: number(0), one: number(1), two: number(2) }
	const format = (value: Cell, kind: ColumnKind): string => {
		if (value === null) return t('none')
		if (typeof value === 'string') return value
		switch (kind) {
			case 'count':
				return formats.integer.format(value)
			case 'share':
				return t('percent', { value: formats.one.format(value * 100) })
			case 'hours':
				return t('hours', { value: formats.one.format(value) })
			case 'score':
				return formats.two.format(value)
			case 'nps':
				return formats.one.format(value)
			case 'text':
				return String(value)
		}
	}
	return { format, formats }
}

/** A report's table, with the link that downloads exactly these rows as CSV. */
export function ReportTableView({
	table,
	caption,
	csvHref,
	emptyText,
}: {
	table: ReportTable
	caption: string
	csvHref: string
	emptyText?: string
}) {
	const { t } = useTranslation('reports')
	const { format } = useReportFormat()
	return (
		<div className="report-table">
			<div className="table-scroll">
				<table>
					<caption>{caption}</caption>
					<thead>
						<tr>
							{table.columns.map((column) => (
								<th key={column.key} scope="col" className={column.kind === 'text' ? undefined : 'numeric'}>
									{column.label}
								</th>
							))}
						</tr>
					</thead>
					<tbody>
						{table.rows.length === 0 ? (
							<tr>
								<td colSpan={table.columns.length}>{emptyText ?? t('empty')}</td>
							</tr>
						) : (
							table.rows.map((row, i) => (
								<tr key={i}>
									{table.columns.map((column, j) =>
										j === 0 ? (
											<th key={column.key} scope="row">
												{format(row[column.key] ?? null, column.kind)}
											</th>
										) : (
											<td key={column.key} className={column.kind === 'text' ? undefined : 'numeric'}>
												{format(row[column.key] ?? null, column.kind)}
											</td>
										),
									)}
								</tr>
							))
						)}
					</tbody>
				</table>
			</div>
			<p className="report-csv">
				<a href={csvHref} download aria-label={t('csvLabel', { table: caption })}>
					{t('csv')}
				</a>
			</p>
		</div>
	)
}
