import ipaddr from 'ipaddr.js'

/**
 * Where webhooks may go: the public internet only (docs/decisions/011-webhooks.md, "URLs").
 * A partner's URL that names our own network (the cloud metadata service at 169.254.169.254, a
 * database on 10.x, the server itself on 127.0.0.1) would turn "send test" into a way to probe
 * and call services no partner should reach (server-side request forgery). The same rule is
 * applied twice: to the URL when an endpoint is registered (an IP literal is refused there, with
 * a message), and to every address a host name resolves to when each delivery connects
 * (app/webhooks/worker.server.ts), since a name can resolve anywhere, and differently each time.
 *
 * Address classes are ipaddr.js's (RFC 6890 and the IANA special-purpose registries): only
 * `unicast` is public; loopback may be allowed for a developer's own receiver.
 */

export interface TargetPolicy {
	/** a receiver on this machine (127.0.0.0/8, ::1): development and tests only */
	allowLoopback: boolean
}

/** Why an address may not receive webhooks, e.g. "loopback 127.0.0.0/8", or null when it may. */
export function blockedAddressReason(address: string, { allowLoopback }: TargetPolicy): string | null {
	let parsed: ipaddr.IPv4 | ipaddr.IPv6
	try {
		// an IPv4-mapped IPv6 address (::ffff:10.0.0.1) reaches the IPv4 address it carries
		parsed = ipaddr.process(address)
	} catch {
		return 'not an IP address'
	}
	const range = parsed.range()
	if (range === 'unicast') return null
	if (range === 'loopback' && allowLoopback) return null
	return `${RANGE_NAMES[range] ?? range} ${cidrOf(parsed, range)}`.trim()
}

const RANGE_NAMES: Record<string, string> = {
	unspecified: 'unspecified',
	broadcast: 'broadcast',
	multicast: 'multicast',
	linkLocal: 'link-local',
	loopback: 'loopback',
	carrierGradeNat: 'carrier-grade NAT',
	private: 'private network',
	reserved: 'reserved',
	uniqueLocal: 'unique-local',
	ipv4Mapped: 'IPv4-mapped',
	deprecatedSiteLocal: 'site-local',
}

/** The special range's prefix that holds the address, for the message. */
function cidrOf(address: ipaddr.IPv4 | ipaddr.IPv6, range: string): string {
	const special = (address as { SpecialRanges?: Record<string, unknown> }).SpecialRanges?.[range]
	if (!Array.isArray(special)) return ''
	// IPv4's table lists [address, bits] pairs; IPv6's holds a single pair or a list of them
	const pairs = (Array.isArray(special[0]) ? special : [special]) as Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>
	const match = pairs.find(([net, bits]) => net.kind() === address.kind() && address.match(net as never, bits))
	return match ? `${match[0].toString()}/${match[1]}` : ''
}

/** The address in a URL host, without IPv6 brackets, or null when the host is a name. */
export function ipLiteralOf(hostname: string): string | null {
	const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname
	// WHATWG URL parsing has already turned 0x7f.1 and 2130706433 into dotted quads
	return ipaddr.IPv4.isValidFourPartDecimal(bare) || ipaddr.IPv6.isValid(bare) ? bare : null
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Why a URL may not receive webhooks, as an i18n key with its parameters, or null when it may.
 * https only, except a loopback http URL when loopback targets are allowed (a developer's own
 * receiver). No credentials in the URL: they would show in the delivery log and the list. A host
 * name is not resolved here: what it resolves to is checked when each delivery connects.
 */
export function webhookUrlProblem(
	raw: string,
	{ allowLocalHttp }: { allowLocalHttp: boolean },
): { key: string; params?: Record<string, string> } | null {
	let url: URL
	try {
		url = new URL(raw)
	} catch {
		return { key: 'webhooks:validation.urlInvalid' }
	}
	if (url.username || url.password) return { key: 'webhooks:validation.urlCredentials' }
	const hostname = url.hostname.toLowerCase()
	const loopbackName = LOOPBACK_NAMES.has(hostname) || hostname.endsWith('.localhost')
	if (loopbackName && allowLocalHttp && (url.protocol === 'http:' || url.protocol === 'https:')) return null
	const literal = ipLiteralOf(hostname)
	const reason = literal ? blockedAddressReason(literal, { allowLoopback: false }) : loopbackName ? 'loopback' : null
	if (reason) return { key: 'webhooks:validation.urlPrivate', params: { host: url.hostname, reason } }
	if (url.protocol === 'https:') return null
	return { key: allowLocalHttp ? 'webhooks:validation.urlHttpsOrLocal' : 'webhooks:validation.urlHttps' }
}
