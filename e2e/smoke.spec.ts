import { expect, test } from './fixtures.ts'
import en from '#app/i18n/locales/en/common.ts'
import zh from '#app/i18n/locales/zh-CN/common.ts'

test.describe('probes', () => {
	test('/healthz answers while the process is up', async ({ request }) => {
		const response = await request.get('/healthz')
		expect(response.status()).toBe(200)
		expect(await response.text()).toBe('ok')
	})

	test('/readyz answers when the database is reachable', async ({ request }) => {
		const response = await request.get('/readyz')
		expect(response.status()).toBe(200)
		expect(await response.text()).toBe('ready')
	})

	test('pages carry a request id, and keep a sane one the client sent', async ({ request }) => {
		const fresh = await request.get('/')
		expect(fresh.headers()['x-request-id']).toMatch(/^[\w-]{8,64}$/)
		const echoed = await request.get('/', { headers: { 'x-request-id': 'e2e-smoke-1' } })
		expect(echoed.headers()['x-request-id']).toBe('e2e-smoke-1')
	})
})

test.describe('language', () => {
	test('with no language preference the portal speaks Chinese', async ({ request }) => {
		const response = await request.get('/', { headers: { 'accept-language': '' } })
		expect(response.status()).toBe(200)
		const html = await response.text()
		expect(html).toContain('<html lang="zh-CN"')
		expect(html).toContain(zh.home.title)
	})

	test('a Chinese browser gets the Chinese home page', async ({ page }) => {
		await page.goto('/')
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh.home.title)
		await expect(page.getByRole('banner').getByRole('link', { name: zh.appName })).toBeVisible()
	})

	test.describe('an English browser', () => {
		test.use({ locale: 'en-US' })

		test('gets the English home page', async ({ page }) => {
			await page.goto('/')
			await expect(page.locator('html')).toHaveAttribute('lang', 'en')
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.home.title)
			await expect(page.getByRole('banner').getByRole('link', { name: en.nav.signIn })).toBeVisible()
		})

		test('switches to Chinese and back with the header button, and the choice sticks', async ({ page }) => {
			await page.goto('/')
			const header = page.getByRole('banner')
			await header.getByRole('button', { name: en.switchTo }).click()
			await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh.home.title)
			await expect(page).toHaveURL('/')

			// the cookie outranks the browser's Accept-Language on the next visit
			await page.reload()
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh.home.title)

			await header.getByRole('button', { name: zh.switchTo }).click()
			await expect(page.locator('html')).toHaveAttribute('lang', 'en')
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.home.title)
		})
	})
})
