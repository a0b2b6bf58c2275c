import type { Browser, Page } from '@playwright/test'
import zhCommon from '#app/i18n/locales/zh-CN/common.ts'
import zhComplaints from '#app/i18n/locales/zh-CN/complaints.ts'
import zhFollowups from '#app/i18n/locales/zh-CN/followups.ts'
import zhSurveys from '#app/i18n/locales/zh-CN/surveys.ts'
import { emailMessages } from '#emails/messages.ts'
import { expect, test } from './fixtures.ts'
import { fileComplaint, heading, signUpAs } from './helpers/customer.ts'
import { extractLink, readEmail } from './helpers/mail.ts'
import { graphql, signIn } from './helpers/staff.ts'

/**
 * Issue 6's satisfaction survey: a complaint is resolved, the customer answers the survey from
 * the emailed link on a phone, signed out, with a low overall score; the region's manager finds
 * the follow-up in the console and records it. This spec owns the demo buyers new.customer.13 to
 * 16 (e2e/helpers/customer.ts).
 */

const AGENT = 'agent@demo.example.com'
// the demo buyers' orders are in East China, whose regional manager this is
const REGIONAL_MANAGER = 'manager.east@demo.example.com'
const PHONE = { width: 360, height: 740 }

async function staffPage(browser: Browser, email: string) {
	const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
	const page = await context.newPage()
	await signIn(page, email)
	return page
}

/** A workflow mutation as the signed-in agent; it must succeed. */
async function workflow(page: Page, name: string, input: Record<string, unknown>) {
	const typeName = name[0]!.toUpperCase() + name.slice(1)
	const result = await graphql(
		page,
		`mutation ($input: ${typeName}Input!) { ${name}(input: $input) { complaint { status } userErrors { code message } } }`,
		{ input },
	)
	expect((result[name] as { userErrors: unknown[] }).userErrors).toEqual([])
}

test('a customer answers the survey from the email on a phone; the low score reaches the manager', async ({
	page,
	browser,
}, testInfo) => {
	test.setTimeout(180_000)
	const email = `new.customer.${13 + testInfo.retry}@example.com`
	await signUpAs(page, email, '孙丽')
	const reference = await fileComplaint(page, {
		category: 'HANDLING_DAMAGE',
		severity: 'MINOR',
		title: '闸阀到货时手轮断裂',
		description: '开箱发现闸阀手轮断成两截，外包装有明显挤压痕迹，阀门无法操作。',
	})

	// the agent takes it to a resolution through the API (the staff console spec covers the pages)
	const agent = await staffPage(browser, AGENT)
	const found = await graphql(agent, 'query ($reference: String!) { complaint(reference: $reference) { id } }', {
		reference,
	})
	const complaintId = (found.complaint as { id: string }).id
	await workflow(agent, 'acknowledgeComplaint', { complaintId, reply: '您好，投诉已受理，我们会尽快为您补发手轮。' })
	await workflow(agent, 'startInvestigation', { complaintId })
	await workflow(agent, 'determineResponsibility', {
		complaintId,
		responsibility: 'TRANSPORT_DAMAGE',
		summary: '签收照片显示外包装挤压，属运输损坏。',
	})
	await workflow(agent, 'proposeResolution', {
		complaintId,
		type: 'REPLACEMENT',
		summary: '免费补发一个手轮，由经销商上门安装。',
		amount: '0',
		costBearer: 'COMPANY',
	})
	await page.goto(`/complaints/${reference}`)
	await page
		.getByRole('region', { name: zhComplaints.actions.resolution.title })
		.getByRole('button', { name: zhComplaints.actions.resolution.accept })
		.click()
	await expect(page.getByText(zhComplaints.status.RESOLVING).first()).toBeVisible()
	await workflow(agent, 'resolveComplaint', { complaintId, reply: '新手轮已送达并装好，阀门开关正常。' })

	// the survey comes by email, in the customer's language
	const invitation = await readEmail(email, { subject: emailMessages('zh-CN').survey.subject(reference) })
	const link = extractLink(invitation, '/survey')
	expect(new URL(link).searchParams.get('token')).toMatch(/^[a-z2-7]{32}$/)

	// on a phone, not signed in: the link alone opens the survey
	const phone = await browser.newContext({
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		viewport: PHONE,
		isMobile: true,
		hasTouch: true,
	})
	try {
		const survey = await phone.newPage()
		await survey.goto(link)
		await expect(heading(survey)).toHaveText(zhSurveys.title)
		await expect(survey.getByText(reference)).toBeVisible()
		await expect(survey.getByRole('button', { name: zhCommon.nav.signOut })).toHaveCount(0)
		// nothing wider than the phone
		expect(await survey.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)

		const score = async (dimension: keyof typeof zhSurveys.dimension, value: 1 | 2 | 3 | 4 | 5 | null) => {
			const group = survey.getByRole('group', { name: zhSurveys.dimension[dimension] })
			const name = value === null ? zhSurveys.notApplicable : `${value} ${zhSurveys.scale[value]}`
			await group.getByRole('radio', { name, exact: true }).check()
		}
		// a required score left out is named beside its question, and nothing is sent
		await survey.getByRole('button', { name: zhSurveys.submit }).click()
		await expect(
			survey.getByRole('group', { name: zhSurveys.dimension.overall }).getByText('请选择一个分数。'),
		).toBeVisible()

		await score('timeliness', 3)
		await score('communication', 4)
		await score('resolutionQuality', 2)
		await score('productQuality', null)
		await score('delivery', 1)
		await score('priceFairness', null)
		await score('overall', 2)
		await survey
			.getByRole('group', { name: zhSurveys.recommend.label })
			.getByRole('radio', { name: '3', exact: true })
			.check()
		await survey.getByLabel(zhSurveys.comment.label).fill('手轮补发用了一周，期间没人告诉我进度。')
		// how the filled-in survey looks on the phone, kept with the test's results
		await testInfo.attach('survey-on-a-phone', {
			body: await survey.screenshot({ fullPage: true, path: testInfo.outputPath('survey-on-a-phone.png') }),
			contentType: 'image/png',
		})
		await survey.getByRole('button', { name: zhSurveys.submit }).click()

		await expect(survey.getByText(zhSurveys.toast.answered)).toBeVisible()
		await expect(survey.getByRole('heading', { name: zhSurveys.low.title })).toBeVisible()
		await expect(survey.getByRole('button', { name: zhSurveys.low.submit })).toBeVisible()
		// the answer stands and can still be changed
		await expect(
			survey
				.getByRole('group', { name: zhSurveys.dimension.overall })
				.getByRole('radio', { name: '2 不满意', exact: true }),
		).toBeChecked()
		await expect(survey.getByRole('button', { name: zhSurveys.update })).toBeVisible()
		expect(await survey.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
	} finally {
		await phone.close()
	}

	// the region's manager is emailed and finds the follow-up in the console
	const followUpEmail = await readEmail(REGIONAL_MANAGER, {
		subject: emailMessages('zh-CN').surveyFollowUp.subject(reference),
	})
	expect(followUpEmail.text).toContain('手轮补发用了一周')
	const manager = await staffPage(browser, REGIONAL_MANAGER)
	await manager.goto('/staff')
	await manager.getByRole('link', { name: zhFollowups.nav }).click()
	await expect(heading(manager)).toHaveText(zhFollowups.title)
	const card = manager.getByRole('article').filter({ hasText: reference })
	await expect(card).toHaveCount(1)
	await expect(card.getByText('手轮补发用了一周，期间没人告诉我进度。')).toBeVisible()
	await card.getByLabel(zhFollowups.followUps.note).fill('已电话回访孙女士，致歉并说明补发流程；客户表示理解。')
	await card.getByRole('button', { name: zhFollowups.followUps.submit }).click()
	await expect(manager.getByText(zhFollowups.toast.closed)).toBeVisible()
	await expect(manager.getByRole('article').filter({ hasText: reference })).toHaveCount(0)

	await manager.context().close()
	await agent.context().close()
})
