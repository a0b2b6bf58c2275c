/**
 * Where the e2e run's servers listen (playwright.config.ts starts them). E2E_PORT moves both,
 * so that two runs on one machine (two worktrees, two engineers) do not collide.
 */
const base = Number(process.env.E2E_PORT ?? 4500)
export const APP_PORT = base
export const APP_URL = `http://localhost:${APP_PORT}`
export const RESEND_STUB_PORT = base + 99
export const RESEND_STUB_URL = `http://127.0.0.1:${RESEND_STUB_PORT}`
