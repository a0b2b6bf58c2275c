/** Where the e2e run's servers listen (playwright.config.ts starts them). */
export const APP_PORT = 4500
export const APP_URL = `http://localhost:${APP_PORT}`
export const RESEND_STUB_PORT = 4599
export const RESEND_STUB_URL = `http://127.0.0.1:${RESEND_STUB_PORT}`
