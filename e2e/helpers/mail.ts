import { RESEND_STUB_URL } from './servers.ts'

/** An email as the app sent it through the real Resend SDK to tests/resend-stub.ts. */
export interface Email {
	id: string
	from: string
	to: string[]
	subject: string
	html: string
	text: string
}

interface StubEmail {
	id: string
	from: string
	to: string[]
	subject: string
	html?: string
	text?: string
}

/** Everything the stub accepted for this address so far, oldest first. */
export async function readEmails(to: string): Promise<Email[]> {
	const response = await fetch(`${RESEND_STUB_URL}/_stub/emails?to=${encodeURIComponent(to)}`)
	if (!response.ok) throw new Error(`The Resend stub answered ${response.status}: ${await response.text()}`)
	const emails = (await response.json()) as StubEmail[]
	return emails.map((e) => ({ ...e, html: e.html ?? '', text: e.text ?? '' }))
}

export interface ReadEmailOptions {
	/** only an email whose subject contains this text or matches this pattern */
	subject?: string | RegExp
	/** only an email that arrived after this one (a second reset link, say) */
	after?: Email
	/** how long to wait for the outbox to deliver; it polls every OUTBOX_POLL_MS (200 in e2e) */
	timeout?: number
}

/**
 * Waits for an email to `to` and returns the newest that matches. Delivery goes through the
 * app's outbox worker, so an email arrives a moment after the page that caused it.
 */
export async function readEmail(
	to: string,
	{ subject, after, timeout = 15_000 }: ReadEmailOptions = {},
): Promise<Email> {
	const deadline = Date.now() + timeout
	const matches = (e: Email) =>
		subject === undefined || (typeof subject === 'string' ? e.subject.includes(subject) : subject.test(e.subject))
	for (let wait = 50; ; wait = Math.min(wait * 2, 500)) {
		const emails = await readEmails(to)
		const start = after ? emails.findIndex((e) => e.id === after.id) + 1 : 0
		const found = emails.slice(start).filter(matches).at(-1)
		if (found) return found
		if (Date.now() > deadline) {
			const seen = emails.map((e) => `"${e.subject}"`).join(', ') || 'none'
			throw new Error(
				`No email to ${to}${subject ? ` with subject ${String(subject)}` : ''} within ${timeout} ms (seen: ${seen})`,
			)
		}
		await new Promise((resolve) => setTimeout(resolve, wait))
	}
}

/**
 * The first link in the email whose path starts with `pathPrefix` (e.g. '/verify'), as an
 * absolute URL. The HTML part is searched first, then the plain-text part, and both must agree
 * when both carry one, so that neither version of the email is left with a broken link.
 */
export function extractLink(email: Pick<Email, 'html' | 'text'>, pathPrefix: string): string {
	const decode = (href: string) =>
		href
			.replace(/&amp;/g, '&')
			.replace(/&#x27;|&#39;/g, "'")
			.replace(/&quot;/g, '"')
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
	const fromHtml = [...email.html.matchAll(/href\s*=\s*"([^"]*)"/gi)].map((m) => decode(m[1] ?? ''))
	const fromText = [...email.text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((m) => m[0])
	const pick = (links: string[]) =>
		links.find((link) => {
			try {
				return new URL(link).pathname.startsWith(pathPrefix)
			} catch {
				return false
			}
		})
	const html = pick(fromHtml)
	const text = pick(fromText)
	if (html && text && html !== text) {
		throw new Error(`The HTML and text parts link to different places: ${html} vs ${text}`)
	}
	const link = html ?? text
	if (!link) {
		throw new Error(
			`No link to ${pathPrefix} in the email; links found: ${[...fromHtml, ...fromText].join(', ') || 'none'}`,
		)
	}
	return link
}
