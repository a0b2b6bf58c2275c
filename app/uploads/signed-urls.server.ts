import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'
import { usesDevelopmentSecret, type Config } from '#app/config.server.ts'

/**
 * Signed, expiring download addresses for attachments, which the API hands out in
 * `Attachment.url` so that clients without the portal's session cookie (API tokens, an <img> in
 * a partner's own system) can fetch a file. Whoever holds the address may fetch the file until
 * it expires, without signing in: the signature stands for the visibility check the API made
 * when it gave the address out. See docs/decisions/015.
 *
 * `/files/<attachment id>[/thumbnail]?expires=<Unix seconds>&signature=<HMAC-SHA256, base64url>`,
 * the MAC over the id, the variant and the expiry, so that neither another attachment, the other
 * variant nor a later expiry can be put beside a valid signature. The secret part sits in the
 * query string, which the request log leaves out (app/server/http.server.ts), as S3's presigned
 * URLs do.
 */

export type AttachmentVariant = 'original' | 'thumbnail'

/** How long an address stays valid, at least. */
export const SIGNED_URL_TTL_MS = 60 * 60 * 1000
/**
 * Expiries are rounded up to a multiple of this, so that the addresses given out for a file
 * within five minutes are the same address, and a browser's cache of it works; an address thus
 * lives between 60 and 65 minutes.
 */
export const SIGNED_URL_STEP_MS = 5 * 60 * 1000

const ATTACHMENT_ID = /^[A-Za-z0-9_-]{1,64}$/
const EXPIRES = /^\d{1,12}$/
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/

/** The query parameters of a signed address. */
export interface UrlSignature {
	expires: string
	signature: string
}

export interface AttachmentUrlSigner {
	sign(attachmentId: string, variant: AttachmentVariant, expiresAt: Date): UrlSignature
	/**
	 * When the address expires, or null when its signature is missing, malformed, forged, made for
	 * another attachment or variant, or the address has expired.
	 */
	verify(
		attachmentId: string,
		variant: AttachmentVariant,
		given: { expires: string | null; signature: string | null },
		now?: Date,
	): { expiresAt: Date } | null
}

/** When an address handed out at `now` expires (see SIGNED_URL_STEP_MS). */
export function signedUrlExpiry(now: Date): Date {
	return new Date(Math.ceil((now.getTime() + SIGNED_URL_TTL_MS) / SIGNED_URL_STEP_MS) * SIGNED_URL_STEP_MS)
}

export function createAttachmentUrlSigner(key: Uint8Array): AttachmentUrlSigner {
	const mac = (attachmentId: string, variant: AttachmentVariant, expires: string) =>
		createHmac('sha256', key).update(`attachment-url:v1\n${attachmentId}\n${variant}\n${expires}`).digest()
	return {
		sign(attachmentId, variant, expiresAt) {
			if (!ATTACHMENT_ID.test(attachmentId)) throw new Error('not an attachment id')
			const expires = String(Math.ceil(expiresAt.getTime() / 1000))
			return { expires, signature: mac(attachmentId, variant, expires).toString('base64url') }
		},
		verify(attachmentId, variant, { expires, signature }, now = new Date()) {
			if (!ATTACHMENT_ID.test(attachmentId) || !expires || !EXPIRES.test(expires)) return null
			if (!signature || !SIGNATURE.test(signature)) return null
			const given = Buffer.from(signature, 'base64url')
			const expected = mac(attachmentId, variant, expires)
			// constant time: how much of a guessed signature was right must not show in the timing
			if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
			const expiresAt = new Date(Number(expires) * 1000)
			return expiresAt.getTime() > now.getTime() ? { expiresAt } : null
		},
	}
}

/**
 * The key, derived from SESSION_SECRET with HKDF (its own key, so that no cookie signature can
 * pass for a download signature or the other way round): the same on every instance that
 * shares the secret, and across restarts. Without SESSION_SECRET the secret is the public
 * development value; in development and tests that is accepted (a stable key survives the dev
 * server's restarts), but a production server without one (only possible on the embedded,
 * single-process database, see config.server.ts) uses a random key of its own, so that nobody
 * can sign addresses for it. Its addresses then die with the process.
 */
export function signingKeyFor(config: Config): Uint8Array {
	if (config.isProduction && usesDevelopmentSecret(config)) return (processKey ??= randomBytes(32))
	return new Uint8Array(hkdfSync('sha256', config.sessionSecret, '', 'complaint-portal attachment URLs v1', 32))
}

let processKey: Uint8Array | undefined
const signers = new WeakMap<Config, AttachmentUrlSigner>()

/** The signer for a running server's config (made once per config object). */
export function attachmentUrlSigner(config: Config): AttachmentUrlSigner {
	let signer = signers.get(config)
	if (!signer) {
		signer = createAttachmentUrlSigner(signingKeyFor(config))
		signers.set(config, signer)
	}
	return signer
}

/** The absolute download address of an attachment, valid until `expiresAt`. */
export function signedAttachmentUrl(
	config: Config,
	attachmentId: string,
	variant: AttachmentVariant,
	expiresAt: Date,
): string {
	const { expires, signature } = attachmentUrlSigner(config).sign(attachmentId, variant, expiresAt)
	const path = variant === 'thumbnail' ? `/files/${attachmentId}/thumbnail` : `/files/${attachmentId}`
	return `${config.appUrl}${path}?${new URLSearchParams({ expires, signature })}`
}
