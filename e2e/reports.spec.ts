import { readFile } from 'node:fs/promises'
import type { Browser, Locator, Page } from '@playwright/test'
import zhComplaints from '#app/i18n/locales/zh-CN/complaints.ts'
import zhConsole from '#app/i18n/locales/zh-CN/console.ts'
import zhReports from '#app/i18n/locales/zh-CN/reports.ts'
import zhSurveys from '#app/i18n/locales/zh-CN/surveys.ts'
import { emailMessages } from '#emails/messages.ts'
import { expect, test } from './fixtures.ts'
import { fileComplaint, heading, signUpAs } from './helpers/customer.ts'
import { extractLink, readEmail } from './helpers/mail.ts'
import { graphql, signIn } from './helpers/staff.ts'

/**
 * Issue 6, "Done when": a manager sees a customer's survey answers in the reports' histograms and
 * exports the CSV. The spec files what it needs: a customer (demo buyers new.customer.17 to 20,
 * e2e/helpers/customer.ts) files a complaint, the agent resolves it through the API, the customer
 * answers the emailed survey, and the general manager reads the reports before and after.
 *
 * The demo data and the other specs answer surveys too, so the spec checks what this answer
 * adds: one more "5" for price fairness and one more "7" to recommend, answers the survey spec
 * (the other one answering in a run) never gives.
 */

const AGENT = 'agent@demo.example.com'
const GENERAL_MANAGER = 'gm@demo.example.com'

async function staffPage(browser: Browser, email: string) {
	const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true })
	const page = await context.newPage()
	await signIn(page, email)
	return page
}

async function workflow(page: Page, name: string, input: Record<string, unknown>) {
	const typeName = name[0]!.toUpperCase() + name.slice(1)
	const result = await graphql(
		page,
		`mutation ($input: ${typeName}Input!) { ${name}(input: $input) { complaint { status } userErrors { code message } } }`,
		{ input },
	)
	expect((result[name] as { userErrors: unknown[] }).userErrors).toEqual([])
}

/** The histogram of one survey question: its chart and its table. */
const histogram = (page: Page, question: keyof typeof zhReports.question) =>
	page.getByRole('region', { name: zhReports.question[question], exact: true })

/** How many answers gave `score` to the question, as its table says. */
async function countOf(section: Locator, score: string): Promise<number> {
	const row = section
		.getByRole('row')
		.filter({ has: section.page().getByRole('rowheader', { name: score, exact: true }) })
	return Number((await row.getByRole('cell').textContent())?.replace(/\D/g, ''))
}

/** The share column of a CSV line, whatever it is: the test checks the count, the domain tests the shares. */
const share = (lines: string[], question: keyof typeof zhReports.question, score: string) =>
	lines.find((line) => line.startsWith(`${zhReports.question[question]},${score},`))?.split(',')[3] ?? 'missing'

async function openReports(page: Page) {
	await page.goto('/staff')
	await page
		.getByRole('navigation', { name: zhConsole.nav.label })
		.getByRole('link', { name: zhConsole.nav.reports })
		.click()
	await expect(heading(page)).toHaveText(zhReports.title)
	const price = histogram(page, 'priceFairness')
	const recommend = histogram(page, 'recommend')
	return { price: await countOf(price, '5'), recommend: await countOf(recommend, '7') }
}

test('a manager sees a survey answer in the histograms and downloads them as CSV', async ({
	page,
	browser,
}, testInfo) => {
	test.setTimeout(180_000)
	const manager = await staffPage(browser, GENERAL_MANAGER)
	const before = await openReports(manager)

	const email = `new.customer.${17 + testInfo.retry}@example.com`
	await signUpAs(page, email, '钱伟')
	const reference = await fileComplaint(page, {
		category: 'HANDLING_DAMAGE',
		severity: 'MINOR',
		title: '离心泵到货时底座开裂',
		description: '开箱发现离心泵铸铁底座有一道裂纹，木箱一角被压坏，泵暂时无法安装。',
	})

	// the agent takes it to a resolution through the API (the staff console spec covers the pages)
	const agent = await staffPage(browser, AGENT)
	const found = await graphql(agent, 'query ($reference: String!) { complaint(reference: $reference) { id } }', {
		reference,
	})
	const complaintId = (found.complaint as { id: string }).id
	await workflow(agent, 'acknowledgeComplaint', { complaintId, reply: '您好，投诉已受理，我们会尽快为您更换底座。' })
	await workflow(agent, 'startInvestigation', { complaintId })
	await workflow(agent, 'determineResponsibility', {
		complaintId,
		responsibility: 'TRANSPORT_DAMAGE',
		summary: '签收照片显示木箱受压，属运输损坏。',
	})
	await workflow(agent, 'proposeResolution', {
		complaintId,
		type: 'REPLACEMENT',
		summary: '免费更换底座，由经销商上门安装。',
		amount: '0',
		costBearer: 'COMPANY',
	})
	await page.goto(`/complaints/${reference}`)
	await page
		.getByRole('region', { name: zhComplaints.actions.resolution.title })
		.getByRole('button', { name: zhComplaints.actions.resolution.accept })
		.click()
	await expect(page.getByText(zhComplaints.status.RESOLVING).first()).toBeVisible()
	await workflow(agent, 'resolveComplaint', { complaintId, reply: '新底座已送达并装好，泵运行正常。' })
	await agent.context().close()

	// the customer answers from the emailed link
	const invitation = await readEmail(email, { subject: emailMessages('zh-CN').survey.subject(reference) })
	await page.goto(extractLink(invitation, '/survey'))
	await expect(heading(page)).toHaveText(zhSurveys.title)
	const score = async (dimension: keyof typeof zhSurveys.dimension, value: 1 | 2 | 3 | 4 | 5) =>
		page
			.getByRole('group', { name: zhSurveys.dimension[dimension] })
			.getByRole('radio', { name: `${value} ${zhSurveys.scale[value]}`, exact: true })
			.check()
	await score('timeliness', 4)
	await score('communication', 5)
	await score('resolutionQuality', 4)
	await score('productQuality', 3)
	await score('delivery', 4)
	await score('priceFairness', 5)
	await score('overall', 4)
	await page
		.getByRole('group', { name: zhSurveys.recommend.label })
		.getByRole('radio', { name: '7', exact: true })
		.check()
	await page.getByRole('button', { name: zhSurveys.submit }).click()
	await expect(page.getByText(zhSurveys.toast.answered)).toBeVisible()

	// the manager's reports count it, in the table and in the chart
	const after = await openReports(manager)
	expect(after).toEqual({ price: before.price + 1, recommend: before.recommend + 1 })
	const price = histogram(manager, 'priceFairness')
	await expect(price.getByRole('img', { name: zhReports.question.priceFairness })).toBeVisible()
	await expect(price.locator('svg g title', { hasText: `5: ${after.price}` })).toHaveCount(1)

	// the CSV is what the page shows: every question's counts, UTF-8 with a byte-order mark
	const downloading = manager.waitForEvent('download')
	await manager
		.getByRole('link', { name: zhReports.csvLabel.replace('{{table}}', zhReports.section.histograms) })
		.click()
	const download = await downloading
	expect(download.suggestedFilename()).toMatch(/^survey-histograms_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/)
	const bytes = await readFile((await download.path())!)
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
	const lines = bytes.subarray(3).toString('utf8').split('\r\n')
	expect(lines[0]).toBe(
		[zhReports.column.question, zhReports.column.score, zhReports.column.answers, zhReports.column.share].join(','),
	)
	expect(lines).toContain(`${zhReports.question.priceFairness},5,${after.price},${share(lines, 'priceFairness', '5')}`)
	expect(lines.filter((line) => line.startsWith(`${zhReports.question.recommend},7,${after.recommend},`))).toHaveLength(
		1,
	)
	await manager.context().close()
})
