import sharp from 'sharp'
import enAuth from '#app/i18n/locales/en/auth.ts'
import enCommon from '#app/i18n/locales/en/common.ts'
import enComplaints from '#app/i18n/locales/en/complaints.ts'
import enValidation from '#app/i18n/locales/en/validation.ts'
import zhAuth from '#app/i18n/locales/zh-CN/auth.ts'
import zhCommon from '#app/i18n/locales/zh-CN/common.ts'
import zhComplaints from '#app/i18n/locales/zh-CN/complaints.ts'
import { expect, test } from './fixtures.ts'
import { extractLink, readEmail } from './helpers/mail.ts'
import { AGENT, DEMO_PASSWORD, replyAsAgent, signIn } from './helpers/staff.ts'

/**
 * A customer follows a complaint to the next step: My complaints, the filter, the complaint
 * page with its timeline, adding information with a photo, the photo in the viewer, and a
 * staff reply written through the domain layer (GraphQL, as the staff console will).
 *
 * The demo data (prisma/seed/demo-data.ts) gives 黄志明 of 滨海化工 a complaint that waits for
 * their information, one being carried out, and internal notes they must never see.
 */
const CUSTOMER = 'customer.huang@demo.example.com'
const WAITING_TITLE = '离心泵流量和扬程达不到铭牌参数'
const RESOLVING_TITLE = '控制柜到货时面板破裂，变频器显示屏损坏'

test('a customer follows a complaint, adds a photo, and reads a staff reply', async ({ page, browser }, testInfo) => {
	const note = `进口真空表 -0.06 MPa，出口 0.22 MPa，转速 2900 rpm（第 ${testInfo.retry + 1} 次补充）。`
	await signIn(page, CUSTOMER)

	// My complaints, from the header
	await page.getByRole('banner').getByRole('link', { name: zhCommon.nav.myComplaints }).click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(zhComplaints.list.title)
	const table = page.getByRole('table')
	await expect(table.getByText(WAITING_TITLE)).toBeVisible()
	await expect(table.getByText(RESOLVING_TITLE)).toBeVisible()

	// only what waits for me
	await page.getByLabel(zhComplaints.list.filterLabel).selectOption('waiting')
	await page.getByRole('button', { name: zhComplaints.list.filterSubmit }).click()
	await expect(page).toHaveURL(/status=waiting/)
	await expect(table.getByText(RESOLVING_TITLE)).toBeHidden()
	const row = table.getByRole('row').filter({ hasText: WAITING_TITLE })
	await expect(row.getByText(zhComplaints.waitingOn.customer)).toBeVisible()

	// the complaint page: what happens next, the staff's question, and no internal note
	await row.getByRole('link').click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(WAITING_TITLE)
	await expect(page.getByText(zhComplaints.nextStep.WAITING_ON_CUSTOMER)).toBeVisible()
	await expect(page.getByText(zhComplaints.nextStep.waitingForYou)).toBeVisible()
	const timeline = page.getByRole('region', { name: zhComplaints.detail.timeline })
	await expect(timeline.getByText(/为判断流量和扬程不足的原因/)).toBeVisible()
	await expect(page.getByText(/怀疑进口管路阻力过大/)).toHaveCount(0)
	const reference = page.url().split('/').at(-1)!
	expect(reference).toMatch(/^CMP-\d{4}-\d{6}$/)

	// add information with a photo
	const photo = (background: string) =>
		sharp({ create: { width: 800, height: 600, channels: 3, background } })
			.jpeg()
			.toBuffer()
	const form = page.getByRole('region', { name: zhComplaints.actions.addInformation.title })
	await form.getByLabel(zhComplaints.actions.addInformation.body).fill(note)
	await form.getByLabel(zhComplaints.actions.addInformation.photos).setInputFiles([
		{ name: '泵房管路.jpg', mimeType: 'image/jpeg', buffer: await photo('#2f6fb0') },
		{ name: '压力表读数.jpg', mimeType: 'image/jpeg', buffer: await photo('#b0702f') },
	])
	await form.getByRole('button', { name: zhComplaints.actions.addInformation.submit }).click()
	await expect(page.getByText(zhComplaints.toast.informationAdded)).toBeVisible()
	await expect(timeline.getByText(note)).toBeVisible()
	// the case went back to the company
	await expect(page.getByText(zhComplaints.nextStep.INVESTIGATING)).toBeVisible()

	// the photo opens in the viewer, and Esc brings focus back to it
	const thumbnail = timeline.getByRole('link', { name: /泵房管路\.jpg/ })
	await expect(thumbnail.locator('img')).toHaveJSProperty('complete', true)
	expect(await thumbnail.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
	await thumbnail.click()
	const viewer = page.getByRole('dialog')
	await expect(viewer.getByRole('heading')).toHaveText('第 1 张，共 2 张')
	await expect(viewer.getByRole('img', { name: '泵房管路.jpg' })).toBeVisible()
	await expect(viewer.getByRole('button', { name: zhComplaints.lightbox.close })).toBeFocused()
	await page.keyboard.press('ArrowRight')
	await expect(viewer.getByRole('heading')).toHaveText('第 2 张，共 2 张')
	await expect(viewer.getByRole('img', { name: '压力表读数.jpg' })).toBeVisible()
	await page.keyboard.press('ArrowRight')
	await expect(viewer.getByRole('heading')).toHaveText('第 1 张，共 2 张')
	await page.keyboard.press('ArrowLeft')
	await expect(viewer.getByRole('heading')).toHaveText('第 2 张，共 2 张')
	// Tab goes round the viewer's controls and never leaves it
	for (let i = 0; i < 6; i++) {
		await page.keyboard.press('Tab')
		await expect(viewer.locator(':focus')).toHaveCount(1)
	}
	await page.keyboard.press('Escape')
	await expect(viewer).toBeHidden()
	await expect(thumbnail).toBeFocused()

	// customer service replies, through the domain layer
	const reply = `黄经理您好，收到您的数据。进口真空度偏高，初步判断为进口管路阻力过大，我们明天上门复测。（${testInfo.retry + 1}）`
	await replyAsAgent(browser, reference, reply)
	await page.reload()
	const entry = timeline.getByRole('listitem').filter({ hasText: reply })
	await expect(entry).toBeVisible()
	await expect(entry.getByText(`${AGENT.name} 的书面回复`)).toBeVisible()
})

test('a customer with no complaints is offered to file one', async ({ page }, testInfo) => {
	// new.customer.5 to 8 are this spec's: each attempt of this test takes its own
	const email = `new.customer.${5 + testInfo.retry}@example.com`
	await page.goto('/signup')
	await page.getByLabel(zhAuth.fields.name).fill('周女士')
	await page.getByLabel(zhAuth.fields.email).fill(email)
	await page.getByLabel(zhAuth.fields.password, { exact: true }).fill(DEMO_PASSWORD)
	await page.getByLabel(zhAuth.fields.confirmPassword).fill(DEMO_PASSWORD)
	await page.getByRole('button', { name: zhAuth.signup.submit }).click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(zhAuth.signup.checkEmailTitle)
	await page.goto(extractLink(await readEmail(email), '/verify'))
	await page.getByRole('button', { name: zhAuth.verify.submit }).click()
	await expect(page.getByRole('status')).toHaveText(zhAuth.verify.done)

	await page.getByRole('link', { name: zhCommon.nav.myComplaints }).click()
	await expect(page.getByRole('heading', { level: 2 })).toHaveText(zhComplaints.list.empty)
	await page.getByRole('link', { name: zhComplaints.list.fileNew }).click()
	await expect(page).toHaveURL(/\/complaints\/new/)
})

test('without JavaScript, in English: a field error beside the field, then the message is added', async ({
	browser,
}, testInfo) => {
	const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-US' })
	try {
		const page = await context.newPage()
		await page.goto('/login')
		await page.getByLabel(enAuth.fields.email).fill('customer.miller@demo.example.com')
		await page.getByLabel(enAuth.fields.password).fill(DEMO_PASSWORD)
		await page.getByRole('button', { name: enAuth.login.submit, exact: true }).click()
		await page.getByRole('link', { name: enCommon.nav.myComplaints }).click()
		await page.getByRole('link', { name: 'CMP-', exact: false }).first().waitFor()
		const row = page.getByRole('row').filter({ hasText: 'Check valve slams shut' })
		await row.getByRole('link').click()
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check valve slams shut and causes water hammer')

		const form = page.getByRole('region', { name: enComplaints.actions.addInformation.title })
		await form.getByRole('button', { name: enComplaints.actions.addInformation.submit }).click()
		const body = page
			.getByRole('region', { name: enComplaints.actions.addInformation.title })
			.getByLabel(enComplaints.actions.addInformation.body)
		await expect(body).toHaveAttribute('aria-invalid', 'true')
		await expect(page.getByText(enValidation.required)).toBeVisible()

		const text = `The pump stops at 14:00 every day; the slam is loudest then. (${testInfo.retry + 1})`
		await body.fill(text)
		await page
			.getByRole('region', { name: enComplaints.actions.addInformation.title })
			.getByRole('button', { name: enComplaints.actions.addInformation.submit })
			.click()
		await expect(page.getByText(enComplaints.toast.informationAdded)).toBeVisible()
		await expect(page.getByRole('region', { name: enComplaints.detail.timeline }).getByText(text)).toBeVisible()
	} finally {
		await context.close()
	}
})
