import { expect, test } from '@playwright/test'
import enAuth from '#app/i18n/locales/en/auth.ts'
import zhAuth from '#app/i18n/locales/zh-CN/auth.ts'
import zhCommon from '#app/i18n/locales/zh-CN/common.ts'
import zhValidation from '#app/i18n/locales/zh-CN/validation.ts'
import { extractLink, readEmail } from './helpers/mail.ts'

// The portal sits behind a proxy in e2e (TRUST_PROXY=1): each test comes from its own client
// address, so the per-address sign-in limits bite only where a test means them to.
function fromOwnAddress() {
	const octet = () => Math.floor(Math.random() * 254) + 1
	return { 'x-forwarded-for': `10.${octet()}.${octet()}.${octet()}` }
}
const uniqueEmail = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`

test.describe('accounts', () => {
	test('sign up, confirm the email, sign out and sign in again (Chinese)', async ({ page }) => {
		await page.setExtraHTTPHeaders(fromOwnAddress())
		const email = uniqueEmail('signup')
		const password = '一句容易记住的话 2026'

		await page.goto('/signup')
		await page.getByLabel(zhAuth.fields.name).fill('王小明')
		await page.getByLabel(zhAuth.fields.email).fill(email)
		await page.getByLabel(zhAuth.fields.password, { exact: true }).fill(password)
		await page.getByLabel(zhAuth.fields.confirmPassword).fill(password)
		await page.getByRole('button', { name: zhAuth.signup.submit }).click()
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(zhAuth.signup.checkEmailTitle)

		const mail = await readEmail(email)
		expect(mail.subject).toMatch(/邮箱/)
		await page.goto(extractLink(mail, '/verify'))
		await page.getByRole('button', { name: zhAuth.verify.submit }).click()
		await expect(page.getByRole('status')).toHaveText(zhAuth.verify.done)
		await expect(page.getByText('王小明')).toBeVisible()

		await page.getByRole('button', { name: zhCommon.nav.signOut }).click()
		await expect(page.getByRole('status')).toHaveText(zhAuth.signedOut)
		const header = page.getByRole('banner')
		await expect(header.getByRole('link', { name: zhCommon.nav.signIn })).toBeVisible()

		await header.getByRole('link', { name: zhCommon.nav.signIn }).click()
		await page.getByLabel(zhAuth.fields.email).fill(email)
		await page.getByLabel(zhAuth.fields.password).fill(password)
		await page.getByRole('button', { name: zhAuth.login.submit, exact: true }).click()
		await expect(page.getByRole('link', { name: zhCommon.nav.account })).toBeVisible()

		// the session is a database row: the account page lists it and the cookie is httpOnly
		await page.getByRole('link', { name: zhCommon.nav.account }).click()
		await expect(page.getByText(zhAuth.account.thisSession)).toBeVisible()
		const cookie = (await page.context().cookies()).find((c) => c.name === 'session')
		expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' })
	})

	test('forgot password: the emailed link works once and signs out old sessions (English)', async ({ browser }) => {
		const context = await browser.newContext({ locale: 'en-US', extraHTTPHeaders: fromOwnAddress() })
		const page = await context.newPage()
		const email = uniqueEmail('reset')
		const oldPassword = 'the old password 1'
		const newPassword = 'the new password 2'

		await page.goto('/signup')
		await page.getByLabel(enAuth.fields.name).fill('Alice Smith')
		await page.getByLabel(enAuth.fields.email).fill(email)
		await page.getByLabel(enAuth.fields.password, { exact: true }).fill(oldPassword)
		await page.getByLabel(enAuth.fields.confirmPassword).fill(oldPassword)
		await page.getByRole('button', { name: enAuth.signup.submit }).click()
		await page.goto(extractLink(await readEmail(email), '/verify'))
		await page.getByRole('button', { name: enAuth.verify.submit }).click()
		await expect(page.getByRole('status')).toHaveText(enAuth.verify.done)

		// a second browser asks for a reset
		const other = await browser.newContext({ locale: 'en-US', extraHTTPHeaders: fromOwnAddress() })
		const resetPage = await other.newPage()
		await resetPage.goto('/login')
		await resetPage.getByRole('link', { name: enAuth.login.forgot }).click()
		// a client-side navigation: the sign-in form's Email field stays until the new page renders
		await expect(resetPage.getByRole('heading', { level: 1 })).toHaveText(enAuth.forgot.title)
		await resetPage.getByLabel(enAuth.fields.email).fill(email)
		await resetPage.getByRole('button', { name: enAuth.forgot.submit }).click()
		await expect(resetPage.getByRole('heading', { level: 1 })).toHaveText(enAuth.forgot.sentTitle)

		const link = extractLink(await readEmail(email, { subject: /password/i }), '/reset-password')
		await resetPage.goto(link)
		await resetPage.getByLabel(enAuth.fields.newPassword, { exact: true }).fill(newPassword)
		await resetPage.getByLabel(enAuth.fields.confirmPassword).fill(newPassword)
		await resetPage.getByRole('button', { name: enAuth.reset.submit }).click()
		await expect(resetPage.getByRole('status')).toHaveText(enAuth.reset.done)

		// the link is single-use
		await resetPage.goto(link)
		await expect(resetPage.getByRole('alert')).toHaveText(enAuth.reset.invalid)

		// the first browser's session was revoked with the password change
		await page.goto('/account')
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/)

		await page.getByLabel(enAuth.fields.email).fill(email)
		await page.getByLabel(enAuth.fields.password).fill(oldPassword)
		await page.getByRole('button', { name: enAuth.login.submit, exact: true }).click()
		await expect(page.getByRole('alert')).toHaveText(enAuth.login.invalid)
		await page.getByLabel(enAuth.fields.password).fill(newPassword)
		await page.getByRole('button', { name: enAuth.login.submit, exact: true }).click()
		// back where it was sent from
		await expect(page).toHaveURL(/\/account$/)
		await context.close()
		await other.close()
	})

	test('bad input is explained beside each field, in Chinese', async ({ page }) => {
		await page.setExtraHTTPHeaders(fromOwnAddress())
		await page.goto('/signup')
		await page.getByLabel(zhAuth.fields.email).fill('not-an-email')
		await page.getByLabel(zhAuth.fields.password, { exact: true }).fill('short')
		await page.getByLabel(zhAuth.fields.confirmPassword).fill('different')
		await page.getByRole('button', { name: zhAuth.signup.submit }).click()
		const name = page.getByLabel(zhAuth.fields.name)
		await expect(name).toHaveAttribute('aria-invalid', 'true')
		await expect(page.getByText(zhValidation.required)).toBeVisible()
		await expect(page.getByText(zhValidation.emailInvalid)).toBeVisible()
		await expect(page.getByText(zhValidation.passwordTooShort)).toBeVisible()
		await expect(page.getByText(zhValidation.passwordsDiffer)).toBeVisible()
	})

	test('the same checks hold without JavaScript, and wrong passwords are rate limited', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: fromOwnAddress() })
		const page = await context.newPage()
		await page.goto('/signup')
		await page.getByLabel(zhAuth.fields.email).fill('still-not-an-email')
		await page.getByRole('button', { name: zhAuth.signup.submit }).click()
		await expect(page.getByText(zhValidation.emailInvalid)).toBeVisible()

		const email = uniqueEmail('nobody')
		await page.goto('/login')
		for (let i = 0; i < 3; i++) {
			await page.getByLabel(zhAuth.fields.email).fill(email)
			await page.getByLabel(zhAuth.fields.password).fill(`wrong guess ${i}`)
			await page.getByRole('button', { name: zhAuth.login.submit, exact: true }).click()
			await expect(page.getByRole('alert')).toHaveText(zhAuth.login.invalid)
		}
		await page.getByLabel(zhAuth.fields.email).fill(email)
		await page.getByLabel(zhAuth.fields.password).fill('wrong guess 4')
		await page.getByRole('button', { name: zhAuth.login.submit, exact: true }).click()
		await expect(page.getByRole('alert')).toContainText('尝试次数过多')
		await context.close()
	})
})
