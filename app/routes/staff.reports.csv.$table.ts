import type { LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { csvFileName, tableToCsv } from '#app/domain/reports/csv.ts'
import { isReportTable } from '#app/domain/reports/report-tables.ts'
import { loadReports } from '#app/reports/reports.server.ts'

/**
 * `GET /staff/reports/csv/<table>?period=…` (or `?from=…&to=…`): one table of the reports page as
 * CSV, the same rows and columns the page shows for the same query string, in the reader's
 * language, UTF-8 with a byte-order mark so that Excel reads Chinese. Not the viewer's to see:
 * the console's 404; an unknown table: 404.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const id = params.table
	if (!isReportTable(id)) throw data(null, { status: 404 })
	const reports = await loadReports(request, context)
	const name = csvFileName(id, reports.period)
	return new Response(tableToCsv(reports.tables[id]), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${name}"`,
			// figures of whoever is signed in: never kept by a shared cache
			'Cache-Control': 'private, no-store',
		},
	})
}
