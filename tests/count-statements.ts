import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { Database } from '#app/db/database.server.ts'

/**
 * Counts the SQL statements sent while `fn` runs, at the driver (PGlite's `query` or
 * node-postgres's pool `query`, whichever the database runs on), with their text, so that a
 * test can hold a hot path to a number of round trips.
 */
export async function countStatements(db: Database, fn: () => Promise<unknown>): Promise<string[]> {
	const statements: string[] = []
	const target = (db.sql.kind === 'pglite' ? PGlite.prototype : pg.Pool.prototype) as unknown as {
		query: (...args: unknown[]) => unknown
	}
	const original = target.query
	target.query = function (this: unknown, ...args: unknown[]) {
		const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: unknown } | undefined)?.text
		statements.push(String(text))
		return original.apply(this, args)
	}
	try {
		await fn()
	} finally {
		target.query = original
	}
	return statements
}
