import { test as base } from '@playwright/test'
import { randomBytes } from 'node:crypto'

export { expect } from '@playwright/test'

/**
 * Every test comes from its own client address, so that the per-address rate limits on the
 * account forms (3 sign-ins a minute) count each test alone, as they would count separate
 * people. The e2e server trusts X-Forwarded-For (TRUST_PROXY=1), as it does behind a proxy.
 * The addresses are from IPv6's documentation range and never leave the header.
 */
export const test = base.extend({
	extraHTTPHeaders: async ({ extraHTTPHeaders }, use) => {
		const address = `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`
		await use({ ...extraHTTPHeaders, 'x-forwarded-for': address })
	},
})
