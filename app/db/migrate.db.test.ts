import { afterEach, describe, expect, test } from 'vitest'
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createTestDatabase } from '#tests/db.ts'
import type { Database } from './database.server.ts'
import { migrate, MigrationError, readMigrations } from './migrate.server.ts'

let db: Database | undefined
let dir: string | undefined
afterEach(async () => {
	await db?.close()
	if (dir) rmSync(dir, { recursive: true, force: true })
	db = dir = undefined
})

function migrationsDir(files: Record<string, string>) {
	dir = mkdtempSync(path.join(tmpdir(), 'migrations-'))
	for (const [name, sql] of Object.entries(files)) {
		mkdirSync(path.join(dir, name))
		writeFileSync(path.join(dir, name, 'migration.sql'), sql)
	}
	return dir
}

describe('migrate', () => {
	test('the template is fully migrated: nothing pending, every migration recorded as Prisma does', async () => {
		db = await createTestDatabase()
		expect(await migrate(db.sql)).toEqual({ applied: [] })
		const rows = await db.sql.query<{ migration_name: string; checksum: string; applied_steps_count: number }>(
			'SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
		)
		const files = await readMigrations()
		expect(rows).toEqual(files.map((f) => ({ migration_name: f.name, checksum: f.checksum, applied_steps_count: 1 })))
	})

	test('applies only new migrations, in order', async () => {
		db = await createTestDatabase()
		const d = migrationsDir({
			'20990101000000_a': 'CREATE TABLE t_a (id int PRIMARY KEY);',
			'20990101000001_b': 'CREATE TABLE t_b (id int REFERENCES t_a(id));',
		})
		// our fixture directory has none of the real migrations; the table already holds them
		expect(await migrate(db.sql, d)).toEqual({ applied: ['20990101000000_a', '20990101000001_b'] })
		expect(await migrate(db.sql, d)).toEqual({ applied: [] })
	})

	test('a failing migration leaves no trace: no half schema, no record', async () => {
		db = await createTestDatabase()
		const d = migrationsDir({ '20990101000000_bad': 'CREATE TABLE t_half (id int); SELECT * FROM no_such_table;' })
		await expect(migrate(db.sql, d)).rejects.toThrow(MigrationError)
		const tables = await db.sql.query(`SELECT 1 FROM pg_tables WHERE tablename = 't_half'`)
		expect(tables).toHaveLength(0)
		const recorded = await db.sql.query(
			`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '20990101000000_bad'`,
		)
		expect(recorded).toHaveLength(0)
	})

	test('refuses a migration edited after it was applied', async () => {
		db = await createTestDatabase()
		const d = migrationsDir({ '20990101000000_a': 'CREATE TABLE t_a (id int);' })
		await migrate(db.sql, d)
		writeFileSync(path.join(d, '20990101000000_a', 'migration.sql'), 'CREATE TABLE t_a (id bigint);')
		await expect(migrate(db.sql, d)).rejects.toThrow(/changed after it was applied/)
	})

	test('several instances migrating at once apply each migration exactly once', async () => {
		db = await createTestDatabase()
		const d = migrationsDir({
			'20990101000000_a': 'CREATE TABLE t_a (id int);',
			'20990101000001_b': 'SELECT pg_sleep(0.2); CREATE TABLE t_b (id int);',
		})
		const results = await Promise.all([migrate(db.sql, d), migrate(db.sql, d), migrate(db.sql, d)])
		expect(results.flatMap((r) => r.applied).sort()).toEqual(['20990101000000_a', '20990101000001_b'])
	})
})
