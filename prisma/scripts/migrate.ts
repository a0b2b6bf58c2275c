/**
 * `npm run db:migrate`: applies pending migrations from prisma/migrations to the configured
 * database (DATABASE_URL, or PGlite in PGLITE_DIR). The server does the same at start; this
 * is for deployments that migrate as a separate step. Exits 1 with the reason on failure.
 * On PGlite, stop the server first: the embedded database belongs to one process at a time.
 */
import { ConfigError, loadConfig, type Config } from '#app/config.server.ts'
import { openDatabase } from '#app/db/database.server.ts'
import { migrate } from '#app/db/migrate.server.ts'

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
		if (applied.length === 0) console.log(`${where} is up to date: no pending migrations.`)
		else console.log(`Applied ${applied.length} migration(s) to ${where}:\n${applied.map((m) => `  ${m}`).join('\n')}`)
	} finally {
		await db.close()
	}
} catch (error) {
	console.error(`Migrating ${where} failed: ${error instanceof Error ? error.message : String(error)}`)
	process.exit(1)
}
