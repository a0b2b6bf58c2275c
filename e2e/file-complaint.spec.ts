import { rm } from 'node:fs/promises'
import zhComplaints from '#app/i18n/locales/zh-CN/complaints.ts'
import zhFiling from '#app/i18n/locales/zh-CN/filing.ts'
import zhValidation from '#app/i18n/locales/zh-CN/validation.ts'
import { expect, test } from './fixtures.ts'
import { extractLink, readEmail } from './helpers/mail.ts'
import { heading, jpegs, signUpAs, startFiling } from './helpers/customer.ts'
import { replyAsAgent } from './helpers/staff.ts'

/**
 * A new customer files a complaint against their own order with the guided form, in Chinese.
 * This spec owns the demo buyers new.customer.1 to 4 (e2e/helpers/customer.ts).
 */
test('a new customer files a complaint with two photos, follows it, adds information and reads the reply', async ({
	page,
	browser,
}, testInfo) => {
	test.setTimeout(90_000)
	const email = `new.customer.${1 + testInfo.retry}@example.com`
	await signUpAs(page, email, '赵建国')
	const orderNumber = await startFiling(page)

	// step 1: an unknown number is explained beside the field, then the real one, typed loosely
	const field = page.getByLabel(zhFiling.order.orderNumber, { exact: true })
	await field.fill('SO-1999-0000')
	await page.getByRole('button', { name: zhFiling.order.find }).click()
	await expect(field).toHaveAttribute('aria-invalid', 'true')
	await expect(page.getByText(zhValidation.orderNotFound.replace('{{orderNumber}}', 'SO-1999-0000'))).toBeVisible()
	await field.fill(` ${orderNumber.toLowerCase()} `)
	await page.getByRole('button', { name: zhFiling.order.find }).click()

	// step 2: the product, with its batch number
	await expect(heading(page)).toHaveText(zhFiling.line.title)
	const steps = page.getByRole('navigation', { name: zhFiling.steps.label })
	await expect(steps.locator('[aria-current="step"]')).toContainText(zhFiling.steps.line)
	const firstLine = page.getByRole('radio').first()
	const lineLabel = (await page.locator('label.choice-label').first().innerText()).trim()
	await firstLine.check()
	await page.getByRole('button', { name: zhFiling.continue }).click()

	// step 3: what happened; matching answers appear while typing
	await expect(heading(page)).toHaveText(zhFiling.details.title)
	await page.getByRole('button', { name: zhFiling.continue }).click()
	await expect(page.getByText(zhValidation.required).first()).toBeVisible()
	await page.getByLabel(zhFiling.details.categories.PRODUCT_QUALITY).check()
	await page.getByLabel(zhFiling.details.severities.MAJOR, { exact: true }).check()
	await page.getByLabel(zhFiling.details.titleLabel, { exact: true }).fill('机械密封渗漏')
	await page
		.getByRole('textbox', { name: zhFiling.details.description })
		.fill('安装运行两天后，泵的机械密封处开始漏水，每分钟十几滴。')
	const answers = page.getByRole('complementary', { name: zhFiling.articles.title })
	await expect(answers.getByText('机械密封渗漏的常见原因')).toBeVisible()
	await page.getByLabel(zhFiling.details.remedies.REPLACEMENT, { exact: true }).check()
	await page.getByRole('button', { name: zhFiling.continue }).click()

	// step 4: contact, with the defaults
	await expect(heading(page)).toHaveText(zhFiling.contact.title)
	await expect(page.getByLabel(zhFiling.contact.methods.EMAIL, { exact: true })).toBeChecked()
	await page.getByRole('button', { name: zhFiling.continue }).click()

	// step 5: two photos, each with its own progress, then listed
	await expect(heading(page)).toHaveText(zhFiling.photos.title)
	const { dir, files } = await jpegs(['泵体-1.jpg', 'seal-2.jpg'])
	try {
		await page.locator('input[type="file"][name="photos"]').setInputFiles(files)
		const uploaded = page.getByRole('list', { name: zhFiling.photos.listLabel })
		await expect(uploaded.getByRole('button', { name: /删除 泵体-1\.jpg/ })).toBeVisible()
		await expect(uploaded.getByRole('button', { name: /删除 seal-2\.jpg/ })).toBeVisible()
		await expect(page.getByText(zhFiling.photos.count.replace('{{count}}', '2').replace('{{max}}', '10'))).toBeVisible()
	} finally {
		await rm(dir, { recursive: true, force: true })
	}
	await page.getByRole('button', { name: zhFiling.continue }).click()

	// step 6: the whole record read back, then submitted
	await expect(heading(page)).toHaveText(zhFiling.review.title)
	const main = page.getByRole('main')
	await expect(main.getByText(orderNumber, { exact: true })).toBeVisible()
	await expect(main.getByText(lineLabel)).toBeVisible()
	await expect(main.getByText(zhFiling.details.categories.PRODUCT_QUALITY)).toBeVisible()
	await expect(main.getByText(zhFiling.details.severities.MAJOR)).toBeVisible()
	await expect(main.getByText('机械密封渗漏', { exact: true })).toBeVisible()
	await expect(main.getByText(zhFiling.details.remedies.REPLACEMENT)).toBeVisible()
	await expect(main.getByText('泵体-1.jpg')).toBeVisible()
	await expect(main.getByText('seal-2.jpg')).toBeVisible()
	await expect(page.getByRole('complementary', { name: zhFiling.articles.title })).toBeVisible()
	await page.getByRole('button', { name: zhFiling.review.submit }).click()

	await expect(heading(page)).toHaveText(zhFiling.filed.title)
	const reference = (await page.locator('.filed-reference').textContent())?.trim() ?? ''
	expect(reference).toMatch(/^CMP-\d{4}-\d{6}$/)
	await expect(page.getByRole('link', { name: zhFiling.filed.view })).toHaveAttribute(
		'href',
		`/complaints/${reference}`,
	)

	const received = await readEmail(email, { subject: reference })
	expect(received.text + received.html).toContain(reference)

	await page.getByRole('main').getByRole('link', { name: zhFiling.filed.mine }).click()
	await expect(page.getByRole('main').getByText(reference)).toBeVisible()

	// the complaint page: the customer adds information
	await page
		.getByRole('main')
		.getByRole('link', { name: new RegExp(reference) })
		.first()
		.click()
	await expect(heading(page)).toHaveText('机械密封渗漏')
	const timeline = page.getByRole('region', { name: zhComplaints.detail.timeline })
	const form = page.getByRole('region', { name: zhComplaints.actions.addInformation.title })
	const note = '补充：漏水在停机后也持续，密封压盖有轻微发热。'
	await form.getByLabel(zhComplaints.actions.addInformation.body).fill(note)
	await form.getByRole('button', { name: zhComplaints.actions.addInformation.submit }).click()
	await expect(timeline.getByText(note)).toBeVisible()

	// customer service replies through the domain layer; the customer reads it and is emailed
	const reply = '赵先生您好，已收到您的投诉和照片，质量工程师将于明天联系您安排上门检查。'
	await replyAsAgent(browser, reference, reply)
	await page.reload()
	await expect(timeline.getByRole('listitem').filter({ hasText: reply })).toBeVisible()
	await expect(page.getByText(zhComplaints.status.ACKNOWLEDGED).first()).toBeVisible()
	const update = await readEmail(email, { subject: new RegExp(`${reference}.*回复`) })
	expect(update.text).toContain(reply)
	expect(extractLink(update, `/complaints/${reference}`)).toContain(`/complaints/${reference}`)
})

test('a reload in the middle of the form keeps every answer', async ({ page }, testInfo) => {
	test.setTimeout(60_000)
	const email = `new.customer.${3 + testInfo.retry}@example.com`
	await signUpAs(page, email, 'Li Na')
	const orderNumber = await startFiling(page)
	await page.getByRole('button', { name: zhFiling.order.choose.replace('{{orderNumber}}', orderNumber) }).click()
	await expect(heading(page)).toHaveText(zhFiling.line.title)
	await page.getByLabel(zhFiling.line.wholeOrder, { exact: true }).check()
	await page.getByRole('button', { name: zhFiling.continue }).click()
	await expect(heading(page)).toHaveText(zhFiling.details.title)
	await page.getByLabel(zhFiling.details.categories.HANDLING_DAMAGE).check()
	await page.getByLabel(zhFiling.details.severities.MINOR, { exact: true }).check()
	await page.getByLabel(zhFiling.details.titleLabel, { exact: true }).fill('外包装破损')
	await page.getByRole('textbox', { name: zhFiling.details.description }).fill('到货时外包装破损，阀体表面有划痕。')
	await page.getByLabel(zhFiling.details.remedies.EXPLANATION, { exact: true }).check()
	await page.getByRole('button', { name: zhFiling.continue }).click()
	await expect(heading(page)).toHaveText(zhFiling.contact.title)
	await page.getByLabel(zhFiling.contact.methods.PHONE, { exact: true }).check()
	await page.getByLabel(zhFiling.contact.phone, { exact: true }).fill('138 0013 8000')
	await page.getByLabel(zhFiling.contact.frequencies.DAILY_DIGEST).check()
	await page.getByRole('button', { name: zhFiling.continue }).click()
	await expect(heading(page)).toHaveText(zhFiling.photos.title)

	await page.reload()
	await expect(heading(page)).toHaveText(zhFiling.photos.title)
	await page.getByRole('link', { name: zhFiling.back }).click()
	await expect(heading(page)).toHaveText(zhFiling.contact.title)
	await expect(page.getByLabel(zhFiling.contact.methods.PHONE, { exact: true })).toBeChecked()
	await expect(page.getByLabel(zhFiling.contact.phone, { exact: true })).toHaveValue('13800138000')
	await expect(page.getByLabel(zhFiling.contact.frequencies.DAILY_DIGEST)).toBeChecked()

	// the start page offers the draft again, and the review reads it back
	await page.goto('/complaints/new')
	const resume = page.getByRole('link', { name: zhFiling.start.continue })
	await expect(resume).toHaveAttribute('href', /^\/complaints\/new\/[^/]+$/)
	await page.goto((await resume.getAttribute('href'))!)
	await expect(heading(page)).toHaveText(zhFiling.review.title)
	const main = page.getByRole('main')
	await expect(main.getByText(orderNumber, { exact: true })).toBeVisible()
	await expect(main.getByText(zhFiling.review.wholeOrder)).toBeVisible()
	await expect(main.getByText('外包装破损', { exact: true })).toBeVisible()
	await expect(main.getByText('到货时外包装破损，阀体表面有划痕。')).toBeVisible()
	await expect(main.getByText(zhFiling.details.remedies.EXPLANATION)).toBeVisible()
	await expect(main.getByText(`${zhFiling.contact.methods.PHONE} 13800138000`)).toBeVisible()
	await expect(
		page.getByRole('complementary', { name: zhFiling.articles.title }).getByText('收货时发现运输破损怎么办'),
	).toBeVisible()
})
