import { PGlite } from '@electric-sql/pglite'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { inject } from 'vitest'
import { openDatabaseOn, type Database } from '#app/db/database.server.ts'

/**
 * A fresh, migrated database of the flavour this Vitest project runs on (PGlite or
 * PostgreSQL), cloned from the run's template. Close it when done: for PostgreSQL that
 * drops the database.
 */
export async function createTestDatabase(): Promise<Database> {
	const spec = inject('testDb')
	if (spec.kind === 'pglite') {
		const client = new PGlite({ loadDataDir: new Blob([readFileSync(spec.dumpFile)]) })
		return openDatabaseOn({ kind: 'pglite', client })
	}
	const name = `test_${randomBytes(6).toString('hex')}`
	const admin = new pg.Client(spec.adminUrl)
	await admin.connect()
	try {
		await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${spec.template}"`)
	} finally {
		await admin.end()
	}
	const url = new URL(spec.adminUrl)
	url.pathname = `/${name}`
	const database = await openDatabaseOn({
		kind: 'postgres',
		pool: new pg.Pool({ connectionString: url.toString(), max: 5 }),
	})
	return {
		...database,
		async close() {
			await database.close()
			const cleanup = new pg.Client(spec.adminUrl)
			await cleanup.connect()
			await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
			await cleanup.end()
		},
	}
}
