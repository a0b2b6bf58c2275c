import { describe, expect, test } from 'vitest'
import { parseConfig } from '#app/config.server.ts'
import {
	attachmentUrlSigner,
	createAttachmentUrlSigner,
	SIGNED_URL_STEP_MS,
	SIGNED_URL_TTL_MS,
	signedAttachmentUrl,
	signedUrlExpiry,
	signingKeyFor,
} from './signed-urls.server.ts'

const SECRET = 'a-real-secret-of-at-least-thirty-two-characters'
const now = new Date('2026-11-23T08:31:10.000Z')
const inAnHour = new Date(now.getTime() + 3_600_000)
const signer = createAttachmentUrlSigner(signingKeyFor(parseConfig({ SESSION_SECRET: SECRET })))

describe('signing and verifying', () => {
	test('a signature grants its attachment and variant until its expiry, to the second', () => {
		const signed = signer.sign('cm0attachment01', 'thumbnail', inAnHour)
		expect(signed).toEqual({
			expires: String(inAnHour.getTime() / 1000),
			signature: expect.stringMatching(/^[\w-]{43}$/),
		})
		expect(signer.verify('cm0attachment01', 'thumbnail', signed, now)).toEqual({ expiresAt: inAnHour })
		expect(signer.verify('cm0attachment01', 'thumbnail', signed, new Date(inAnHour.getTime() - 1))).not.toBeNull()
		expect(signer.verify('cm0attachment01', 'thumbnail', signed, inAnHour)).toBeNull()
	})

	test('changing any part breaks it: another attachment, the other variant, a later expiry, the signature', () => {
		const { expires, signature } = signer.sign('cm0attachment01', 'original', inAnHour)
		const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`
		const refused: Array<[string, 'original' | 'thumbnail', string | null, string | null]> = [
			['cm0attachment02', 'original', expires, signature],
			['cm0attachment01', 'thumbnail', expires, signature],
			['cm0attachment01', 'original', String(Number(expires) + 1), signature],
			['cm0attachment01', 'original', `0${expires}`, signature],
			['cm0attachment01', 'original', expires, flipped],
			['cm0attachment01', 'original', expires, `${signature}A`],
			['cm0attachment01', 'original', expires, signature.slice(1)],
			['cm0attachment01', 'original', expires, null],
			['cm0attachment01', 'original', null, signature],
			['cm0attachment01', 'original', '1e12', signature],
			['../../etc/passwd', 'original', expires, signature],
		]
		for (const [id, variant, e, sig] of refused)
			expect(signer.verify(id, variant, { expires: e, signature: sig }, now), `${id} ${variant} ${e} ${sig}`).toBeNull()
		expect(signer.verify('cm0attachment01', 'original', { expires, signature }, now)).not.toBeNull()
	})

	test('a signature made with another key does not verify', () => {
		const other = createAttachmentUrlSigner(signingKeyFor(parseConfig({ SESSION_SECRET: `${SECRET}-rotated` })))
		expect(
			other.verify('cm0attachment01', 'original', signer.sign('cm0attachment01', 'original', inAnHour), now),
		).toBeNull()
	})

	test('only attachment ids are signed', () => {
		expect(() => signer.sign('a.b', 'original', inAnHour)).toThrow()
		expect(() => signer.sign('', 'original', inAnHour)).toThrow()
	})
})

describe('the key', () => {
	test('is derived from SESSION_SECRET: the same on every instance, and not the secret itself', () => {
		const a = signingKeyFor(parseConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET }))
		const b = signingKeyFor(parseConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET }))
		expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
		expect(a).toHaveLength(32)
		expect(Buffer.from(a).toString('utf8')).not.toContain(SECRET.slice(0, 16))
		const rotated = signingKeyFor(parseConfig({ NODE_ENV: 'production', SESSION_SECRET: `${SECRET}!` }))
		expect(Buffer.from(a).equals(Buffer.from(rotated))).toBe(false)
	})

	test('development and tests without a secret get a stable key, so several dev servers agree', () => {
		const a = signingKeyFor(parseConfig({ NODE_ENV: 'development' }))
		const b = signingKeyFor(parseConfig({ NODE_ENV: 'test' }))
		expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
	})

	test('a production server without a secret (the embedded demo) signs with a key nobody else has', () => {
		const demo = parseConfig({ NODE_ENV: 'production' })
		const key = signingKeyFor(demo)
		expect(Buffer.from(key).equals(Buffer.from(signingKeyFor(parseConfig({ NODE_ENV: 'development' }))))).toBe(false)
		// one key for the whole process, so that the API and the /files route agree
		expect(Buffer.from(signingKeyFor(parseConfig({ NODE_ENV: 'production' }))).equals(Buffer.from(key))).toBe(true)
		const signed = attachmentUrlSigner(demo).sign('cm0attachment01', 'original', inAnHour)
		const again = attachmentUrlSigner(parseConfig({ NODE_ENV: 'production' }))
		expect(again.verify('cm0attachment01', 'original', signed, now)).not.toBeNull()
	})
})

describe('expiry and address', () => {
	test('an address lives at least an hour, rounded up to five minutes so that caches see one address', () => {
		const expiry = signedUrlExpiry(now)
		expect(expiry.toISOString()).toBe('2026-11-23T09:35:00.000Z')
		expect(expiry.getTime() - now.getTime()).toBeGreaterThanOrEqual(SIGNED_URL_TTL_MS)
		expect(expiry.getTime() - now.getTime()).toBeLessThan(SIGNED_URL_TTL_MS + SIGNED_URL_STEP_MS)
		expect(signedUrlExpiry(new Date(now.getTime() + 60_000))).toEqual(expiry)
	})

	test('is absolute, at the portal’s public address, with the signature in the query string', () => {
		const config = parseConfig({ APP_URL: 'https://service.example.com/', SESSION_SECRET: SECRET })
		const url = new URL(signedAttachmentUrl(config, 'cm0attachment01', 'thumbnail', inAnHour))
		expect(`${url.origin}${url.pathname}`).toBe('https://service.example.com/files/cm0attachment01/thumbnail')
		const given = { expires: url.searchParams.get('expires'), signature: url.searchParams.get('signature') }
		expect(attachmentUrlSigner(config).verify('cm0attachment01', 'thumbnail', given, now)).toEqual({
			expiresAt: inAnHour,
		})
		const original = new URL(signedAttachmentUrl(config, 'cm0attachment01', 'original', inAnHour))
		expect(original.pathname).toBe('/files/cm0attachment01')
	})
})
