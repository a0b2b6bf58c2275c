/**
 * `npm run db:diff -- <name>`: writes the next migration from the change to schema.prisma.
 * `npm run db:diff -- --check`: fails when schema.prisma has changes no migration covers.
 *
 * Prisma 7's CLI needs a native schema engine that cannot be downloaded here, so we use
 * Prisma 6.19's WebAssembly engine (the `prisma6` dev dependency), which diffs two datamodels
 * offline. The "from" side is prisma/migrations/schema.snapshot.prisma, the schema as of the
 * last migration, refreshed each time a migration is written. The SQL goes into
 * prisma/migrations/<timestamp>_<name>/migration.sql, Prisma's own layout.
 * See docs/decisions/002-sql-migrations-with-our-migrator.md.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const arg = (process.argv[2] ?? '').trim()
const check = arg === '--check'
if (!check && !/^[a-z0-9_]+$/.test(arg)) {
	console.error('Usage: npm run db:diff -- <snake_case_name>   (or --check)')
	process.exit(2)
}

const root = path.resolve(import.meta.dirname, '../..')
const schemaFile = path.join(root, 'prisma/schema.prisma')
const snapshotFile = path.join(root, 'prisma/migrations/schema.snapshot.prisma')

// Prisma 6 wants a url in the datasource and knows nothing of the prisma-client generator.
function forPrisma6(schema: string): string {
	return schema
		.replace(/generator client \{[\s\S]*?\n\}/, '')
		.replace(/provider = "postgresql"/, 'provider = "postgresql"\n  url = "postgresql://unused"')
}

const work = mkdtempSync(path.join(tmpdir(), 'db-diff-'))
try {
	const current = readFileSync(schemaFile, 'utf8')
	const toPath = path.join(work, 'to.prisma')
	writeFileSync(toPath, forPrisma6(current))
	const from: string[] = ['--from-empty']
	if (existsSync(snapshotFile)) {
		const fromPath = path.join(work, 'from.prisma')
		writeFileSync(fromPath, forPrisma6(readFileSync(snapshotFile, 'utf8')))
		from.splice(0, 1, '--from-schema-datamodel', fromPath)
	}
	const sql = execFileSync(
		process.execPath,
		[
			path.join(root, 'node_modules/prisma6/build/index.js'),
			'migrate',
			'diff',
			'--config',
			path.join(root, 'prisma/scripts/prisma6.config.ts'),
			...from,
			'--to-schema-datamodel',
			toPath,
			'--script',
		],
		{
			cwd: root,
			encoding: 'utf8',
			// `migrate diff` with the JS engine runs no binary, but the CLI looks for them before it
			// starts and would try to download them.
			env: {
				...process.env,
				PRISMA_QUERY_ENGINE_LIBRARY: '/bin/true',
				PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true',
				PRISMA_HIDE_UPDATE_MESSAGE: '1',
			},
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	)
	const empty = !/^\s*[A-Z]/m.test(sql.replace(/^--.*$/gm, ''))
	if (check) {
		if (!empty) {
			console.error('schema.prisma has changes that no migration covers; run `npm run db:diff -- <name>`:\n' + sql)
			process.exit(1)
		}
		console.log('Migrations match schema.prisma.')
	} else if (empty) {
		console.log('No schema changes: nothing written.')
	} else {
		const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
		const dir = path.join(root, 'prisma/migrations', `${stamp}_${arg}`)
		mkdirSync(dir, { recursive: true })
		writeFileSync(path.join(dir, 'migration.sql'), sql)
		writeFileSync(snapshotFile, current)
		console.log(`Wrote ${path.relative(root, dir)}/migration.sql`)
	}
} finally {
	rmSync(work, { recursive: true, force: true })
}
