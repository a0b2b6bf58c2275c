import { PGlite } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { mkdirSync } from 'node:fs'
import { PrismaClient } from '#app/generated/prisma/client.ts'
import type { Config } from '#app/config.server.ts'

/**
 * Raw SQL access for the migrator, health checks and the outbox's `FOR UPDATE SKIP LOCKED`,
 * over whichever driver the Prisma client uses.
 */
export interface SqlDriver {
	readonly kind: 'postgres' | 'pglite'
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
	/** Runs several statements (a migration file) in one round trip. */
	exec(sql: string): Promise<void>
	/** Runs `fn` holding a session-level PostgreSQL advisory lock on a single connection. */
	withLock<T>(key: number, fn: (conn: SqlDriver) => Promise<T>): Promise<T>
	close(): Promise<void>
}

export type Db = PrismaClient

export interface Database {
	prisma: PrismaClient
	sql: SqlDriver
	close(): Promise<void>
}

export function pgliteDriver(client: PGlite): SqlDriver {
	// PGlite is one connection in one process: an in-process queue is the whole lock.
	let queue: Promise<unknown> = Promise.resolve()
	const driver: SqlDriver = {
		kind: 'pglite',
		async query<T>(sql: string, params: unknown[] = []) {
			const result = await client.query<T>(sql, params)
			return result.rows
		},
		async exec(sql) {
			await client.exec(sql)
		},
		withLock<T>(_key: number, fn: (conn: SqlDriver) => Promise<T>) {
			const run = queue.then(() => fn(driver))
			queue = run.catch(() => {})
			return run
		},
		close: () => client.close(),
	}
	return driver
}

export function postgresDriver(pool: pg.Pool): SqlDriver {
	const onConnection = (client: pg.PoolClient): SqlDriver => ({
		kind: 'postgres',
		async query<T>(sql: string, params: unknown[] = []) {
			return (await client.query(sql, params)).rows as T[]
		},
		async exec(sql) {
			await client.query(sql)
		},
		withLock: () => Promise.reject(new Error('nested advisory locks are not supported')),
		close: async () => client.release(),
	})
	return {
		kind: 'postgres',
		async query<T>(sql: string, params: unknown[] = []) {
			return (await pool.query(sql, params)).rows as T[]
		},
		async exec(sql) {
			await pool.query(sql)
		},
		async withLock(key, fn) {
			const client = await pool.connect()
			try {
				await client.query('SELECT pg_advisory_lock($1)', [key])
				try {
					return await fn(onConnection(client))
				} finally {
					await client.query('SELECT pg_advisory_unlock($1)', [key])
				}
			} finally {
				client.release()
			}
		},
		close: () => pool.end(),
	}
}

/** Opens the database the config names: PostgreSQL, or PGlite in a directory (or `memory://`). */
export async function openDatabase(database: Config['database']): Promise<Database> {
	if (database.kind === 'postgres') {
		const pool = new pg.Pool({ connectionString: database.url, max: 10 })
		return openDatabaseOn({ kind: 'postgres', pool })
	}
	if (database.dir !== 'memory://') mkdirSync(database.dir, { recursive: true })
	const client = new PGlite(database.dir === 'memory://' ? undefined : database.dir)
	return openDatabaseOn({ kind: 'pglite', client })
}

/** Wraps an already-made driver client; tests use it to open cloned databases. */
export async function openDatabaseOn(
	source: { kind: 'postgres'; pool: pg.Pool } | { kind: 'pglite'; client: PGlite },
): Promise<Database> {
	let prisma: PrismaClient
	let sql: SqlDriver
	if (source.kind === 'postgres') {
		// An idle client losing its server (restart, failover) must not crash the process.
		source.pool.on('error', () => {})
		prisma = new PrismaClient({ adapter: new PrismaPg(source.pool) })
		sql = postgresDriver(source.pool)
	} else {
		await source.client.waitReady
		prisma = new PrismaClient({ adapter: new PrismaPGlite(source.client) })
		sql = pgliteDriver(source.client)
	}
	return {
		prisma,
		sql,
		async close() {
			await prisma.$disconnect()
			await sql.close()
		},
	}
}
