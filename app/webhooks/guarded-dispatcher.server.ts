import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { Agent } from 'undici'
import { blockedAddressReason, ipLiteralOf, type TargetPolicy } from '#app/domain/webhooks/targets.ts'

/**
 * The connections webhooks are delivered over, which reach public addresses only
 * (app/domain/webhooks/targets.ts). The check sits in the socket's own `lookup`: the address it
 * approves is the one the socket connects to, so a name cannot resolve to a public address for
 * the check and to 169.254.169.254 for the connection (DNS rebinding). Each new connection asks
 * again; the worker makes a dispatcher per pass, so no connection outlives one pass.
 */

/** A delivery refused before it left: the message is what the delivery log shows. */
export class WebhookTargetRefusedError extends Error {
	name = 'WebhookTargetRefusedError'
	constructor(host: string, address: string, reason: string) {
		super(
			host === address
				? `refused: ${address} is not a public address (${reason}); webhooks go to the internet only`
				: `refused: ${host} resolves to ${address}, not a public address (${reason}); webhooks go to the internet only`,
		)
	}
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/** Every address a name resolves to; `dns.lookup` (the system's resolver, /etc/hosts first) by default. */
export type ResolveAll = (
	hostname: string,
	options: LookupOptions,
	callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void

const systemResolve: ResolveAll = (hostname, options, callback) =>
	dnsLookup(hostname, { ...options, all: true }, callback)

/** A `net.connect` lookup that resolves as usual, then refuses the name if any address is not public. */
export function guardedLookup(policy: TargetPolicy, resolve: ResolveAll = systemResolve) {
	return function lookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
		resolve(hostname, options, (error, addresses) => {
			if (error) return callback(error, [])
			// One bad address refuses the name: which one a connection would use is not ours to pick.
			for (const { address } of addresses) {
				const reason = blockedAddressReason(address, policy)
				if (reason) return callback(new WebhookTargetRefusedError(hostname, address, reason), [])
			}
			if (options.all) return callback(null, addresses)
			const [first] = addresses
			if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), [])
			callback(null, first.address, first.family)
		})
	}
}

/**
 * Throws WebhookTargetRefusedError for a URL whose host is an IP literal that is not public: a
 * socket given an address never calls `lookup`, so literals are checked here, before connecting.
 */
export function assertLiteralTargetAllowed(url: string, policy: TargetPolicy): void {
	const { hostname } = new URL(url)
	const literal = ipLiteralOf(hostname)
	if (!literal) return
	const reason = blockedAddressReason(literal, policy)
	if (reason) throw new WebhookTargetRefusedError(literal, literal, reason)
}

/** An undici dispatcher whose every connection goes through guardedLookup. */
export function createGuardedDispatcher(policy: TargetPolicy, resolve?: ResolveAll): Agent {
	return new Agent({ connect: { lookup: guardedLookup(policy, resolve) } })
}
