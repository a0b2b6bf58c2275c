import { defineConfig } from 'vitest/config'

// Tests named *.db.test.ts touch the database and run twice: on PGlite (the embedded default)
// and on PostgreSQL (the local server; TEST_POSTGRES_URL to point elsewhere). Others run once.
const shared = {
	setupFiles: ['./tests/setup.ts'],
	testTimeout: 30_000,
	hookTimeout: 60_000,
}
// graphql 16 ships CommonJS (main) and ESM (module) without an exports map: Node, and so every
// package in node_modules (Pothos, Yoga), loads the CommonJS one, while Vite would hand our own
// files the ESM one, and graphql-js refuses types from "another module or realm".
const resolve = { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] }
export default defineConfig({
	test: {
		projects: [
			{
				resolve,
				test: {
					...shared,
					name: 'unit',
					include: ['{app,graphql,emails,prisma,tests}/**/*.test.{ts,tsx}'],
					exclude: ['**/*.db.test.*', '**/node_modules/**'],
				},
			},
			{
				resolve,
				test: {
					...shared,
					name: 'pglite',
					include: ['{app,graphql,emails,prisma,tests}/**/*.db.test.{ts,tsx}'],
					env: { TEST_DB: 'pglite' },
					globalSetup: ['./tests/global-setup.ts'],
				},
			},
			{
				resolve,
				test: {
					...shared,
					name: 'postgres',
					include: ['{app,graphql,emails,prisma,tests}/**/*.db.test.{ts,tsx}'],
					env: { TEST_DB: 'postgres' },
					globalSetup: ['./tests/global-setup.ts'],
				},
			},
		],
	},
})
