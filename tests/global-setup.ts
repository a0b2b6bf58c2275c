import { PGlite } from '@electric-sql/pglite'
import { randomBytes } from 'node:crypto'
import { writeFileSync, rmSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { pgliteDriver, postgresDriver } from '#app/db/database.server.ts'
import { migrate } from '#app/db/migrate.server.ts'

/**
 * Migrates one template database per run; every test file then clones it, so tests never
 * share data and never wait for migrations. PostgreSQL clones with CREATE DATABASE ... TEMPLATE,
 * PGlite by loading a dump of the migrated data directory.
 */
export const TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

declare module 'vitest' {
	export interface ProvidedContext {
		testDb: { kind: 'postgres'; adminUrl: string; template: string } | { kind: 'pglite'; dumpFile: string }
	}
}

export default async function setup(project: TestProject) {
	const kind = project.config.env.TEST_DB
	if (kind === 'postgres') {
		const adminUrl = process.env.TEST_POSTGRES_URL ?? TEST_POSTGRES_URL
		const template = `tmpl_${randomBytes(6).toString('hex')}`
		const admin = new pg.Client(adminUrl)
		await admin.connect()
		await admin.query(`CREATE DATABASE "${template}"`)
		const url = new URL(adminUrl)
		url.pathname = `/${template}`
		const pool = new pg.Pool({ connectionString: url.toString(), max: 1 })
		await migrate(postgresDriver(pool))
		await pool.end()
		project.provide('testDb', { kind: 'postgres', adminUrl, template })
		return async () => {
			await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`)
			await admin.end()
		}
	}
	const client = new PGlite()
	await migrate(pgliteDriver(client))
	const dump = await client.dumpDataDir('none')
	await client.close()
	const dir = mkdtempSync(path.join(tmpdir(), 'pglite-template-'))
	const dumpFile = path.join(dir, 'template.tar')
	writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()))
	project.provide('testDb', { kind: 'pglite', dumpFile })
	return () => rmSync(dir, { recursive: true, force: true })
}
