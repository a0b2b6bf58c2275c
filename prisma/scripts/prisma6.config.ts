// Used only by prisma/scripts/diff.ts. Prisma 6.19's WebAssembly schema engine needs an adapter
// even to diff two datamodels; an in-memory embedded database is enough and stays offline.
import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'

export default {
	experimental: { adapter: true },
	engine: 'js',
	adapter: async () => new PrismaPGlite(new PGlite()),
}
