import { expect, test } from 'vitest'
import { csvFileName, tableToCsv } from './csv.ts'
import type { ReportTable } from './report-tables.ts'

const table: ReportTable = {
	id: 'dealers',
	columns: [
		{ key: 'dealer', label: '经销商', kind: 'text' },
		{ key: 'complaints', label: 'Complaints', kind: 'count' },
		{ key: 'rate', label: 'Kept, share (%)', kind: 'share' },
		{ key: 'median', label: 'Median (h)', kind: 'hours' },
		{ key: 'nps', label: 'NPS', kind: 'nps' },
	],
	rows: [
		{ dealer: '上海泵阀经销部', complaints: 12, rate: 2 / 3, median: 13.25, nps: -33.3333 },
		{ dealer: 'Pumps, "Best" Ltd', complaints: 0, rate: null, median: null, nps: null },
		{ dealer: '=HYPERLINK("http://evil.example")', complaints: 1, rate: 1, median: 0.04, nps: 100 },
		{ dealer: '-1+2', complaints: 1, rate: 0, median: 1, nps: 0 },
	],
}

test('RFC 4180 with a byte-order mark; numbers as numbers, shares in percent; formulas defused', () => {
	expect(tableToCsv(table)).toBe(
		'\uFEFF' +
			[
				'经销商,Complaints,"Kept, share (%)",Median (h),NPS',
				'上海泵阀经销部,12,66.7,13.3,-33.3',
				'"Pumps, ""Best"" Ltd",0,,,',
				`"'=HYPERLINK(""http://evil.example"")",1,100,0,100`,
				"'-1+2,1,0,1,0",
				'',
			].join('\r\n'),
	)
})

test('the file is named after the table and the period', () => {
	expect(csvFileName('dealers', { from: '2026-09-01', to: '2026-11-30' })).toBe('dealers_2026-09-01_2026-11-30.csv')
})
