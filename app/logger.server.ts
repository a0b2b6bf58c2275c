import { pino, type Logger } from 'pino'

export type { Logger }

/**
 * Structured JSON logs. Whatever could carry a secret or personal data is redacted here, once,
 * so that no call site has to remember.
 */
export function createLogger(level: string): Logger {
	return pino({
		level,
		base: undefined,
		redact: {
			paths: [
				'req.headers.cookie',
				'req.headers.authorization',
				'res.headers["set-cookie"]',
				'password',
				'*.password',
				'token',
				'*.token',
			],
			censor: '[redacted]',
		},
	})
}
