/**
 * `E2E_DATABASE=postgres`: runs the app (`node app/server/main.js`) on a PostgreSQL database
 * of its own, made just before and dropped once the app has exited. Playwright starts web
 * servers before its global setup and tears them down after its global teardown, so neither
 * hook can do this without the app seeing its database vanish under it.
 *
 *   DATABASE_URL=postgres://…/e2e_<run id> node --import tsx e2e/app-on-postgres.ts
 */
import { spawn } from 'node:child_process'
import pg from 'pg'

const databaseUrl = process.env.DATABASE_URL ?? ''
const url = new URL(databaseUrl)
const name = decodeURIComponent(url.pathname.slice(1))
if (!/^e2e_\d{14}_\w+$/.test(name)) {
	console.error(`Refusing to manage a database the e2e run did not name: ${name || '(none)'}`)
	process.exit(2)
}
url.pathname = '/postgres'
const adminUrl = url.toString()

async function asAdmin(run: (client: pg.Client) => Promise<void>) {
	const client = new pg.Client(adminUrl)
	await client.connect()
	try {
		await run(client)
	} finally {
		await client.end()
	}
}

await asAdmin(async (admin) => {
	// Databases left by runs that were killed before they could drop theirs.
	const { rows } = await admin.query<{ datname: string }>(
		`SELECT datname FROM pg_database WHERE datname ~ '^e2e_\\d{14}_'`,
	)
	const dayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString().replace(/\D/g, '').slice(0, 14)
	for (const { datname } of rows) {
		if (datname.slice(4, 18) < dayAgo) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
	}
	await admin.query(`CREATE DATABASE "${name}"`)
})

const app = spawn(process.execPath, ['app/server/main.js'], { stdio: 'inherit' })
// Playwright signals the whole process group: the app gets the signal itself and shuts down;
// this process only waits for it, then cleans up.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {})
const code = await new Promise<number>((resolve) =>
	app.once('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0))),
)
await asAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined))
process.exit(code)
