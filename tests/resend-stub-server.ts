/**
 * The Resend stub as its own process, for Playwright: the app under test gets
 * RESEND_BASE_URL=http://127.0.0.1:<port> and the same RESEND_API_KEY, and specs read what
 * it "sent" from `GET /_stub/emails?to=<address>` (JSON, oldest first) and clear it with
 * `POST /_stub/reset`.
 *
 *   npx tsx tests/resend-stub-server.ts [port]     (or RESEND_STUB_PORT; RESEND_API_KEY)
 */
import { startResendStub } from './resend-stub.ts'

const port = Number(process.argv[2] ?? process.env.RESEND_STUB_PORT ?? 3025)
const stub = await startResendStub({ port, apiKey: process.env.RESEND_API_KEY || undefined })
console.log(`Resend stub listening on ${stub.url} (API key ${stub.apiKey})`)

const stop = () => {
	void stub.close().then(() => process.exit(0))
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
