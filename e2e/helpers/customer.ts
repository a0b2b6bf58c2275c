import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import sharp from 'sharp'
import zhAuth from '#app/i18n/locales/zh-CN/auth.ts'
import zhFiling from '#app/i18n/locales/zh-CN/filing.ts'
import { expect } from '../fixtures.ts'
import { extractLink, readEmail } from './mail.ts'

/**
 * A customer's first steps, shared by the specs: sign up and verify, start the guided form.
 * The demo data has unclaimed orders of buyers new.customer.N@example.com (N = 1..12): each spec
 * owns a range, and each retry takes another N so that it starts from a clean account.
 */
export const PASSWORD = '一句容易记住的话 2026'

export async function signUpAs(page: Page, email: string, name: string) {
	await page.goto('/signup')
	await page.getByLabel(zhAuth.fields.name).fill(name)
	await page.getByLabel(zhAuth.fields.email).fill(email)
	await page.getByLabel(zhAuth.fields.password, { exact: true }).fill(PASSWORD)
	await page.getByLabel(zhAuth.fields.confirmPassword).fill(PASSWORD)
	await page.getByRole('button', { name: zhAuth.signup.submit }).click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(zhAuth.signup.checkEmailTitle)
	await page.goto(extractLink(await readEmail(email), '/verify'))
	await page.getByRole('button', { name: zhAuth.verify.submit }).click()
	await expect(page.getByRole('status')).toHaveText(zhAuth.verify.done)
}

export const heading = (page: Page) => page.getByRole('heading', { level: 1 })

/** From the home page to the order step of a new draft; returns the order number on offer. */
export async function startFiling(page: Page) {
	await page.goto('/')
	await page.getByRole('link', { name: zhFiling.entry }).click()
	await expect(heading(page)).toHaveText(zhFiling.title)
	await page.getByRole('button', { name: zhFiling.start.begin }).click()
	await expect(heading(page)).toHaveText(zhFiling.order.title)
	const orders = page
		.getByRole('region', { name: zhFiling.order.pickTitle })
		.getByRole('listitem')
		.filter({
			has: page.getByRole('button', { name: zhFiling.order.pick }),
		})
	await expect(orders).toHaveCount(1)
	const orderNumber = (await orders.first().locator('strong').textContent())?.trim() ?? ''
	expect(orderNumber).toMatch(/^SO-\d{4}-\d+$/)
	return orderNumber
}

export async function jpegs(names: string[]) {
	const dir = await mkdtemp(path.join(tmpdir(), 'e2e-photos-'))
	const files = []
	for (const [i, name] of names.entries()) {
		const file = path.join(dir, name)
		await sharp({ create: { width: 64, height: 48, channels: 3, background: i ? '#2a6fb0' : '#c0392b' } })
			.jpeg()
			.toFile(file)
		files.push(file)
	}
	return { dir, files }
}

/**
 * Files a complaint through the whole guided form with one photo and returns its reference:
 * for specs whose subject is what happens after filing (the filing spec checks each step).
 */
export async function fileComplaint(
	page: Page,
	input: {
		category: keyof typeof zhFiling.details.categories
		severity: 'MINOR' | 'MAJOR'
		title: string
		description: string
	},
) {
	const orderNumber = await startFiling(page)
	await page.getByLabel(zhFiling.order.orderNumber, { exact: true }).fill(orderNumber)
	await page.getByRole('button', { name: zhFiling.order.find }).click()
	await expect(heading(page)).toHaveText(zhFiling.line.title)
	await page.getByRole('radio').first().check()
	await page.getByRole('button', { name: zhFiling.continue }).click()
	await expect(heading(page)).toHaveText(zhFiling.details.title)
	await page.getByLabel(zhFiling.details.categories[input.category]).check()
	await page.getByLabel(zhFiling.details.severities[input.severity], { exact: true }).check()
	await page.getByLabel(zhFiling.details.titleLabel, { exact: true }).fill(input.title)
	await page.getByRole('textbox', { name: zhFiling.details.description }).fill(input.description)
	await page.getByLabel(zhFiling.details.remedies.REPLACEMENT, { exact: true }).check()
	await page.getByRole('button', { name: zhFiling.continue }).click()
	await expect(heading(page)).toHaveText(zhFiling.contact.title)
	await page.getByRole('button', { name: zhFiling.continue }).click()
	await expect(heading(page)).toHaveText(zhFiling.photos.title)
	const { dir, files } = await jpegs(['现场-1.jpg'])
	try {
		await page.locator('input[type="file"][name="photos"]').setInputFiles(files)
		await expect(page.getByRole('list', { name: zhFiling.photos.listLabel }).getByRole('listitem')).toHaveCount(1)
	} finally {
		await rm(dir, { recursive: true, force: true })
	}
	await page.getByRole('button', { name: zhFiling.continue }).click()
	await expect(heading(page)).toHaveText(zhFiling.review.title)
	await page.getByRole('button', { name: zhFiling.review.submit }).click()
	await expect(heading(page)).toHaveText(zhFiling.filed.title)
	const reference = (await page.locator('.filed-reference').textContent())?.trim() ?? ''
	expect(reference).toMatch(/^CMP-\d{4}-\d{6}$/)
	return reference
}
