/**
 * `npm run db:seed`: brings the configured database (DATABASE_URL, or PGlite in PGLITE_DIR)
 * up to date and writes the demo data into it if it has no users yet, then prints the demo
 * accounts. Safe to run again: a database with users is left as it is.
 * On PGlite, stop the server first: the embedded database belongs to one process at a time.
 */
import { ConfigError, loadConfig, type Config } from '#app/config.server.ts'
import { openDatabase } from '#app/db/database.server.ts'
import { migrate } from '#app/db/migrate.server.ts'
import { formatDemoAccounts, seedDemo } from './seed/demo.ts'

let config: Config
try {
	config = loadConfig()
} catch (error) {
	if (!(error instanceof ConfigError)) throw error
	console.error(error.message)
	process.exit(1)
}

const where = config.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${config.database.dir}`
try {
	const db = await openDatabase(config.database)
	try {
		const { applied } = await migrate(db.sql)
		if (applied.length) console.log(`Applied ${applied.length} migration(s) to ${where}: ${applied.join(', ')}`)
		const empty = (await db.prisma.user.count()) === 0
		const accounts = await seedDemo(db.prisma)
		console.log(empty ? `Demo data written to ${where}.` : `${where} already has users: nothing changed.`)
		console.log(formatDemoAccounts(accounts))
	} finally {
		await db.close()
	}
} catch (error) {
	console.error(`Seeding ${where} failed: ${error instanceof Error ? error.message : String(error)}`)
	process.exit(1)
}
