import en from '#app/i18n/locales/en/common.ts'
import zh from '#app/i18n/locales/zh-CN/common.ts'
import { expect, test } from './fixtures.ts'
import { APP_URL } from './helpers/servers.ts'
import { AGENT, signIn } from './helpers/staff.ts'

test.describe('API documentation', () => {
	test('is public, in Chinese and in English, with the schema to download', async ({ page }) => {
		await page.goto('/developers')
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
		await expect(page.getByRole('heading', { level: 1, name: 'GraphQL API' })).toBeVisible()
		await expect(page.getByRole('heading', { name: '身份验证' })).toBeVisible()
		await expect(page.getByRole('heading', { name: '验证每个请求' })).toBeVisible()
		await expect(page.getByText('timingSafeEqual(given, expected)')).toBeVisible()
		await expect(page.getByRole('link', { name: '下载 schema（SDL）' })).toHaveAttribute(
			'href',
			'/graphql/schema.graphql',
		)

		await page.getByRole('button', { name: zh.switchTo }).click()
		await expect(page.locator('html')).toHaveAttribute('lang', 'en')
		await expect(page.getByRole('heading', { name: 'Authentication' })).toBeVisible()
		await expect(page.getByRole('heading', { name: 'Verify every request' })).toBeVisible()
		await expect(page.getByRole('button', { name: en.switchTo })).toBeVisible()

		const sdl = await page.request.get('/graphql/schema.graphql')
		expect(sdl.status()).toBe(200)
		expect(await sdl.text()).toContain('type Query {')
	})
})

test.describe('GraphiQL', () => {
	test('a staff member runs a query and reads the answer', async ({ page }) => {
		// the IDE is one large page (its scripts are inlined rather than fetched from a CDN)
		test.slow()
		const external: string[] = []
		page.on('request', (request) => {
			if (/^https?:/.test(request.url()) && new URL(request.url()).origin !== new URL(APP_URL).origin)
				external.push(request.url())
		})
		await signIn(page, AGENT.email)
		await page.goto('/graphql', { waitUntil: 'commit' })
		const run = page.getByRole('button', { name: /execute query/i })
		await expect(run).toBeVisible({ timeout: 60_000 })
		const editor = page.locator('.graphiql-query-editor .monaco-editor').first()
		await editor.click()
		await page.keyboard.press('ControlOrMeta+A')
		await page.keyboard.press('Delete')
		await page.keyboard.insertText('{ viewer { name } }')
		await run.click()
		await expect(page.locator('.graphiql-response')).toContainText(`"name": "${AGENT.name}"`, { timeout: 20_000 })
		expect(external).toEqual([])
	})

	test('is not there for anonymous visitors', async ({ page }) => {
		const response = await page.goto('/graphql')
		expect(response?.headers()['content-type'] ?? '').not.toMatch(/html/)
	})
})
