import { createHash, randomUUID } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { SqlDriver } from './database.server.ts'

/**
 * Applies pending SQL migrations from prisma/migrations, recording them in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does, so that the real engine
 * agrees with us wherever it is available. See docs/decisions/002-sql-migrations-with-our-migrator.md.
 */

// The same key Prisma's engine uses, so that our migrator and `prisma migrate deploy`
// also exclude each other.
const MIGRATION_LOCK_KEY = 72707369

export const DEFAULT_MIGRATIONS_DIR = path.resolve('prisma/migrations')

export interface MigrationFile {
	name: string
	sql: string
	checksum: string
}

export async function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): Promise<MigrationFile[]> {
	const entries = await readdir(dir, { withFileTypes: true })
	const names = entries
		.filter((e) => e.isDirectory())
		.map((e) => e.name)
		.sort()
	return Promise.all(
		names.map(async (name) => {
			const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8')
			return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
		}),
	)
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
	"id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
	"checksum"              VARCHAR(64) NOT NULL,
	"finished_at"           TIMESTAMPTZ,
	"migration_name"        VARCHAR(255) NOT NULL,
	"logs"                  TEXT,
	"rolled_back_at"        TIMESTAMPTZ,
	"started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
	"applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`

export class MigrationError extends Error {
	name = 'MigrationError'
}

export interface MigrateResult {
	applied: string[]
}

export async function migrate(driver: SqlDriver, dir = DEFAULT_MIGRATIONS_DIR): Promise<MigrateResult> {
	const migrations = await readMigrations(dir)
	return driver.withLock(MIGRATION_LOCK_KEY, async (conn) => {
		await conn.exec(CREATE_TABLE)
		const rows = await conn.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
			`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
		)
		const done = new Map(rows.map((r) => [r.migration_name, r]))
		const applied: string[] = []
		for (const m of migrations) {
			const previous = done.get(m.name)
			if (previous) {
				if (!previous.finished_at) {
					throw new MigrationError(
						`Migration ${m.name} started earlier but did not finish; fix the database by hand, then mark it rolled back.`,
					)
				}
				if (previous.checksum !== m.checksum) {
					throw new MigrationError(
						`Migration ${m.name} was changed after it was applied; write a new migration instead.`,
					)
				}
				continue
			}
			const id = randomUUID()
			// Each migration is applied in one transaction together with its record, so that a
			// failure leaves neither half a schema change nor a record of one.
			await conn.exec('BEGIN')
			try {
				await conn.query(
					`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
					[id, m.checksum, m.name],
				)
				await conn.exec(m.sql)
				await conn.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [
					id,
				])
				await conn.exec('COMMIT')
			} catch (error) {
				await conn.exec('ROLLBACK')
				throw new MigrationError(`Migration ${m.name} failed: ${(error as Error).message}`)
			}
			applied.push(m.name)
		}
		return { applied }
	})
}
