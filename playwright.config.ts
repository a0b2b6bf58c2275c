import { defineConfig, devices, chromium } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { APP_PORT, APP_URL, RESEND_STUB_PORT, RESEND_STUB_URL } from './e2e/helpers/servers.ts'

/**
 * End-to-end tests against the production build (`npm run test:e2e` builds first), with the
 * real Resend SDK sending to the loopback fake in tests/resend-stub-server.ts.
 *
 * The database is a fresh PGlite directory per run, or with E2E_DATABASE=postgres a fresh
 * PostgreSQL database (e2e/app-on-postgres.ts makes it, runs the app, and drops it).
 */
const root = import.meta.dirname
const artifacts = path.join(root, 'e2e/.artifacts')

// The config is loaded again in every worker; the run id set here by the first load is
// inherited by them through the environment, so all of them agree on the database.
const firstLoad = !process.env.E2E_RUN_ID
process.env.E2E_RUN_ID ??= `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${randomBytes(3).toString('hex')}`
const runId = process.env.E2E_RUN_ID

const usePostgres = process.env.E2E_DATABASE === 'postgres'
const pgliteDir = path.join(artifacts, `pglite-${runId}`)
const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const postgresUrl = (() => {
	const url = new URL(postgresAdminUrl)
	url.pathname = `/e2e_${runId}`
	return url.toString()
})()
process.env.E2E_DATABASE_URL = usePostgres ? postgresUrl : ''

// The stub refuses any other key, so a send that reached it proves the app used this one.
const RESEND_API_KEY = 're_test_key'

if (firstLoad && !usePostgres) {
	// Earlier runs' embedded databases are only kept long enough to look into a failure.
	mkdirSync(artifacts, { recursive: true })
	const hourAgo = Date.now() - 60 * 60 * 1000
	for (const name of readdirSync(artifacts)) {
		const dir = path.join(artifacts, name)
		if (name.startsWith('pglite-') && statSync(dir).mtimeMs < hourAgo) rmSync(dir, { recursive: true, force: true })
	}
}

// Playwright's own Chromium when it is installed (a developer laptop), else Debian's.
const bundledChromium = chromium.executablePath()
const launchOptions = existsSync(bundledChromium)
	? {}
	: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-gpu',
			],
		}

export default defineConfig({
	testDir: './e2e',
	outputDir: './test-results',
	fullyParallel: true,
	forbidOnly: !!process.env.CI,
	retries: process.env.CI ? 1 : 0,
	reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : [['list']],
	timeout: 30_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL: APP_URL,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		screenshot: 'only-on-failure',
		trace: 'retain-on-failure',
	},
	projects: [
		{
			name: 'chromium',
			use: { ...devices['Desktop Chrome'], launchOptions },
		},
	],
	webServer: [
		{
			name: 'resend-stub',
			command: 'node --import tsx tests/resend-stub-server.ts',
			url: `${RESEND_STUB_URL}/_stub/emails?to=nobody%40example.com`,
			env: { RESEND_STUB_PORT: String(RESEND_STUB_PORT), RESEND_API_KEY },
			reuseExistingServer: false,
			timeout: 30_000,
			stdout: 'pipe',
			stderr: 'pipe',
		},
		{
			name: 'app',
			command: usePostgres ? 'node --import tsx e2e/app-on-postgres.ts' : 'node app/server/main.js',
			url: `http://127.0.0.1:${APP_PORT}/readyz`,
			env: {
				NODE_ENV: 'production',
				HOST: '127.0.0.1',
				PORT: String(APP_PORT),
				APP_URL,
				// empty means "not set" to app/config.server.ts, so a developer's own DATABASE_URL
				// cannot leak into a PGlite run
				DATABASE_URL: process.env.E2E_DATABASE_URL,
				PGLITE_DIR: pgliteDir,
				// demo data: staff accounts, and orders of buyers not signed up yet (new.customer.N@example.com)
				DEMO_MODE: '1',
				SESSION_SECRET: 'e2e-session-secret-0123456789abcdefghijklmnop',
				RESEND_API_KEY,
				RESEND_BASE_URL: RESEND_STUB_URL,
				OUTBOX_POLL_MS: '200',
				LOG_LEVEL: 'warn',
				REDIS_URL: '',
				// e2e/fixtures.ts gives each test its own client address through X-Forwarded-For
				TRUST_PROXY: '1',
			},
			reuseExistingServer: false,
			timeout: 120_000,
			gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
			stdout: 'pipe',
			stderr: 'pipe',
		},
	],
})
