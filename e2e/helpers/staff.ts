import type { Browser, Page } from '@playwright/test'
import zhAuth from '#app/i18n/locales/zh-CN/auth.ts'
import zhCommon from '#app/i18n/locales/zh-CN/common.ts'
import { expect } from '../fixtures.ts'

/** Demo staff (prisma/seed/demo-data.ts); the e2e server runs with the demo data. */
export const AGENT = { email: 'agent@demo.example.com', name: '刘婷' }
export const DEMO_PASSWORD = 'demo-password-2026'

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
	await page.goto('/login')
	await page.getByLabel(zhAuth.fields.email).fill(email)
	await page.getByLabel(zhAuth.fields.password).fill(password)
	await page.getByRole('button', { name: zhAuth.login.submit, exact: true }).click()
	await expect(page.getByRole('button', { name: zhCommon.nav.signOut })).toBeVisible()
}

export async function graphql(page: Page, query: string, variables: Record<string, unknown>) {
	const response = await page.request.post('/graphql', {
		data: { query, variables },
		headers: { 'content-type': 'application/json' },
	})
	expect(response.ok()).toBe(true)
	const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] }
	expect(body.errors).toBeUndefined()
	return body.data!
}

/**
 * Customer service replies to a complaint through the domain layer, the way the staff console
 * will: the agent signs in in a browser of their own and calls GraphQL's replyToComplaint.
 */
export async function replyAsAgent(browser: Browser, reference: string, body: string) {
	const staff = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
	try {
		const page = await staff.newPage()
		await signIn(page, AGENT.email)
		const found = await graphql(page, 'query ($reference: String!) { complaint(reference: $reference) { id } }', {
			reference,
		})
		const complaintId = (found.complaint as { id: string }).id
		const replied = await graphql(
			page,
			`
				mutation ($input: ReplyToComplaintInput!) {
					replyToComplaint(input: $input) {
						complaint {
							reference
						}
						userErrors {
							message
						}
					}
				}
			`,
			{ input: { complaintId, body } },
		)
		expect(replied.replyToComplaint).toEqual({ complaint: { reference }, userErrors: [] })
	} finally {
		await staff.close()
	}
}
