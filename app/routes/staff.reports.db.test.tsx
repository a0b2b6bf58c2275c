import type { AppLoadContext } from '@remix-run/node'
import type { FormHTMLAttributes } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import type { Database } from '#app/db/database.server.ts'
import type { Language } from '#app/i18n/config.ts'
import { createI18n } from '#app/i18n/i18n.server.ts'
import { createTestContext } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { REPORT_PERIOD, seedReportWorld, type ReportWorld } from '#tests/report-fixtures.ts'

/**
 * The reports page and its CSV export as the browser gets them: who may open them, the page's
 * SVG charts and tables rendered on the server (no JavaScript needed), and CSV files whose rows
 * are the rows the page shows, UTF-8 with a byte-order mark for Excel. The figures themselves
 * are checked in app/domain/reports; here the fixture's complaints are read "now", so only
 * counts that do not depend on the time are asserted.
 */
const page = vi.hoisted(() => ({ loaderData: undefined as unknown }))
vi.mock('@remix-run/react', async (importOriginal) => ({
	...(await importOriginal<typeof import('@remix-run/react')>()),
	useLoaderData: () => page.loaderData,
	Form: ({ action, ...props }: FormHTMLAttributes<HTMLFormElement>) => <form action={action} {...props} />,
}))

const { default: ReportsPage, loader: pageLoader } = await import('./staff.reports._index.tsx')
const { loader: csvLoader } = await import('./staff.reports.csv.$table.ts')

let db: Database
let context: AppLoadContext
let world: ReportWorld

beforeAll(async () => {
	db = await createTestDatabase()
	context = createTestContext(db)
	world = await seedReportWorld(db.prisma)
}, 60_000)
afterAll(() => db?.close())

const QUERY = `from=${REPORT_PERIOD.from}&to=${REPORT_PERIOD.to}`

async function requestAs(
	person: { id: string; viewer: { kind: 'CUSTOMER' | 'STAFF' | 'DEALER' | 'REGIONAL_OFFICE' } } | null,
	path: string,
	language?: Language,
) {
	const headers: Record<string, string> = language ? { 'accept-language': language } : {}
	if (person) {
		const { token } = await createSession(db.prisma, { id: person.id, kind: person.viewer.kind })
		headers.cookie = `${SESSION_COOKIE}=${token}`
	}
	return new Request(`http://portal.test${path}`, { headers })
}

/** RFC 4180 fields of a CSV body (quoted fields may hold commas and doubled quotes). */
function parseCsv(text: string): string[][] {
	const rows: string[][] = []
	for (const line of text
		.replace(/^\uFEFF/, '')
		.split('\r\n')
		.filter(Boolean)) {
		const fields: string[] = []
		const pattern = /("((?:[^"]|"")*)"|[^,]*)(,|$)/g
		let match: RegExpExecArray | null
		while ((match = pattern.exec(line)) && match[0] !== '') {
			fields.push(match[2] !== undefined ? match[2].replace(/""/g, '"') : match[1]!)
			if (match[3] === '') break
		}
		rows.push(fields)
	}
	return rows
}

async function statusOf(run: () => Promise<unknown>): Promise<number> {
	try {
		const result = await run()
		return result instanceof Response ? result.status : 200
	} catch (thrown) {
		if (thrown instanceof Response) return thrown.status
		if (thrown && typeof thrown === 'object' && 'init' in thrown)
			return (thrown as { init: { status: number } }).init.status
		throw thrown
	}
}

describe('who may open the reports', () => {
	test('console users do; customers and dealers get the console’s 404; nobody signed in is sent to sign in', async () => {
		const { people } = world
		const cases = [
			['general manager', people.staff.GENERAL_MANAGER, 200],
			['agent', people.staff.AGENT, 200],
			['regional office', people.eastOffice, 200],
			['customer', people.wang, 404],
			['dealer', people.dealer, 404],
			['roleless staff', people.roleless, 404],
		] as const
		for (const [who, person, status] of cases) {
			const pageStatus = await statusOf(async () =>
				pageLoader({ request: await requestAs(person, `/staff/reports?${QUERY}`), context, params: {} }),
			)
			const csvStatus = await statusOf(async () =>
				csvLoader({
					request: await requestAs(person, `/staff/reports/csv/regions?${QUERY}`),
					context,
					params: { table: 'regions' },
				}),
			)
			expect([who, pageStatus, csvStatus]).toEqual([who, status, status])
		}
		expect(
			await statusOf(async () => pageLoader({ request: await requestAs(null, '/staff/reports'), context, params: {} })),
		).toBe(302)
	})

	test('an unknown table is a 404', async () => {
		const status = await statusOf(async () =>
			csvLoader({
				request: await requestAs(world.people.staff.ADMIN, `/staff/reports/csv/salaries?${QUERY}`),
				context,
				params: { table: 'salaries' },
			}),
		)
		expect(status).toBe(404)
	})
})

describe('the CSV of a table', () => {
	test('UTF-8 with a byte-order mark, as a download named after the table and period, the rows of the page', async () => {
		const response = (await csvLoader({
			request: await requestAs(world.people.staff.GENERAL_MANAGER, `/staff/reports/csv/categories?${QUERY}`, 'zh-CN'),
			context,
			params: { table: 'categories' },
		})) as Response
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
		expect(response.headers.get('content-disposition')).toBe(
			'attachment; filename="categories_2026-09-28_2026-10-11.csv"',
		)
		expect(response.headers.get('cache-control')).toBe('private, no-store')
		const bytes = new Uint8Array(await response.arrayBuffer())
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
		const text = new TextDecoder().decode(bytes.slice(3))
		expect(text.endsWith('\r\n')).toBe(true)
		const [header, ...rows] = parseCsv(text)
		expect(header!.slice(0, 3)).toEqual(['类别', '客诉数', '首次响应及时率（%）'])
		expect(rows.map((row) => row.slice(0, 3))).toEqual([
			['产品质量问题', '4', '75'], // A D E I: D missed
			['运输、储存或搬运造成的损坏', '1', '0'], // B
			['服务态度或人员行为', '1', '100'], // C
			['销售政策', '1', '100'], // G
			['其他', '0', ''], // nothing decided: an empty cell, not 0
		])
	})

	test('the page and the CSV list the same rows, in the reader’s language', async () => {
		const request = await requestAs(world.people.staff.AGENT, `/staff/reports?${QUERY}`, 'en')
		const data = await pageLoader({ request, context, params: {} })
		const response = (await csvLoader({
			request: await requestAs(world.people.staff.AGENT, `/staff/reports/csv/regions?${QUERY}`, 'en'),
			context,
			params: { table: 'regions' },
		})) as Response
		const [header, ...rows] = parseCsv(await response.text())
		expect(header).toEqual(data.tables.regions.columns.map((c) => c.label))
		expect(header).toContain('First response, median (h)') // a label with a comma, quoted
		expect(rows.map((row) => row.slice(0, 2))).toEqual(
			data.tables.regions.rows.map((row) => [row.region, String(row.complaints)]),
		)
		expect(rows.map((row) => row[0])).toEqual([world.east.nameEn, world.west.nameEn])
	})
})

describe('the page, rendered on the server', () => {
	async function renderAs(language: Language) {
		const request = await requestAs(world.people.staff.GENERAL_MANAGER, `/staff/reports?${QUERY}`, language)
		page.loaderData = await pageLoader({ request, context, params: {} })
		return renderToStaticMarkup(
			<I18nextProvider i18n={createI18n(language)}>
				<ReportsPage />
			</I18nextProvider>,
		)
	}

	test('every chart is an SVG image with a title and a description, each with its table and CSV link', async () => {
		const html = await renderAs('en')
		const svgs = html.match(/<svg [^>]*role="img"[^>]*>/g) ?? []
		// trend (2), categories, regions, dealers, models, batches, root causes, 8 histograms, survey trend, regions, dealers
		expect(svgs).toHaveLength(19)
		for (const svg of svgs) expect(svg).toMatch(/aria-labelledby="[^"]+-title [^"]+-desc"/)
		expect(html.match(/<svg[\s\S]*?<\/svg>/g)!.every((svg) => svg.includes('<title') && svg.includes('<desc'))).toBe(
			true,
		)
		for (const table of [
			'trend',
			'categories',
			'regions',
			'dealers',
			'models',
			'batches',
			'root-causes',
			'survey-histograms',
		])
			expect(html).toContain(`href="/staff/reports/csv/${table}?from=2026-09-28&amp;to=2026-10-11"`)
		expect(html).toContain('<caption>By region</caption>')
		expect(html).toContain('Sold directly')
		// the Pareto's bars: quality defect first
		expect(html.indexOf('Product quality defect')).toBeLessThan(html.indexOf('Misuse by the customer'))
	})

	test('in Chinese, with the period form filled in', async () => {
		const html = await renderAs('zh-CN')
		expect(html).toContain('统计报表')
		expect(html).toContain('value="2026-09-28"')
		expect(html).toContain('value="2026-10-11"')
		expect(html).toContain('按大区')
	})
})
