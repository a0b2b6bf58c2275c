import { defineConfig } from 'prisma/config'

// Only `prisma generate` runs through the Prisma CLI here: migrations are SQL files applied
// by our own migrator (docs/decisions/002-sql-migrations-with-our-migrator.md).
export default defineConfig({
	schema: 'prisma/schema.prisma',
	migrations: { path: 'prisma/migrations' },
})
