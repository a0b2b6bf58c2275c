import { z } from 'zod'
import { COST_LIMITS } from '#graphql/limits.ts'

/**
 * The environment, parsed once at start into a typed, frozen object. Nothing else reads
 * process.env: tests and scripts build their own config with `parseConfig({...})`.
 */
const booleanish = z
	.enum(['1', '0', 'true', 'false', 'yes', 'no'])
	.transform((v) => v === '1' || v === 'true' || v === 'yes')

const schema = z
	.object({
		NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
		HOST: z.string().min(1).default('0.0.0.0'),
		PORT: z.coerce.number().int().min(0).max(65535).default(3000),
		APP_URL: z.url({ protocol: /^https?$/ }).optional(),
		DATABASE_URL: z
			.string()
			.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
			.optional(),
		PGLITE_DIR: z.string().min(1).default('./data/pglite'),
		DEMO_MODE: booleanish.optional(),
		SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
		RESEND_API_KEY: z.string().min(1).optional(),
		RESEND_BASE_URL: z.url().optional(),
		MAIL_FROM: z.string().min(3).default('售后服务 After-sales <service@example.com>'),
		REDIS_URL: z
			.string()
			.regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
			.optional(),
		LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
		OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(1000),
		WEBHOOK_ALLOW_LOOPBACK: booleanish.optional(),
		TRUST_PROXY: booleanish.default(false),
		GRAPHQL_COST_RESTORE_RATE: z.coerce.number().positive().finite().default(COST_LIMITS.restoreRate),
		STORAGE_DIR: z.string().min(1).default('./data/uploads'),
		S3_BUCKET: z.string().min(3).optional(),
		S3_REGION: z.string().min(1).default('us-east-1'),
		S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
		S3_ACCESS_KEY_ID: z.string().min(1).optional(),
		S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
		S3_FORCE_PATH_STYLE: booleanish.optional(),
	})
	.superRefine((env, ctx) => {
		// S3 settings without a bucket would silently fall back to the local disk.
		for (const name of ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE'] as const) {
			if (env[name] !== undefined && !env.S3_BUCKET) {
				ctx.addIssue({ code: 'custom', path: [name], message: 'is set but S3_BUCKET is not: set S3_BUCKET to use S3' })
			}
		}
		if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
			ctx.addIssue({
				code: 'custom',
				path: [env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'],
				message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together',
			})
		}
		// The embedded-database demo runs with NODE_ENV=production on a laptop; a real deployment
		// (with DATABASE_URL) must bring its own secret.
		if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.SESSION_SECRET) {
			ctx.addIssue({
				code: 'custom',
				path: ['SESSION_SECRET'],
				message: 'is required in production (32+ random characters)',
			})
		}
	})

export type Config = Readonly<{
	env: 'development' | 'production' | 'test'
	isProduction: boolean
	host: string
	port: number
	appUrl: string
	database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dir: string }
	demoMode: boolean
	sessionSecret: string
	mail: { from: string; resend: { apiKey: string; baseUrl: string | undefined } | null }
	/** no mail provider outside a real deployment: emails are read in the app's dev mailbox */
	devMailbox: boolean
	redisUrl: string | undefined
	logLevel: string
	outboxPollMs: number
	/**
	 * webhooks may be registered at, and delivered to, this machine's loopback addresses
	 * (http://localhost…): for a developer's own receiver and the tests; never other private ranges
	 */
	webhookAllowLoopback: boolean
	trustProxy: boolean
	/**
	 * points per second given back to each caller's GraphQL query-cost bucket; the default is the
	 * API's published rate, and `npm run bench:graphql` raises it to measure the server, not the limiter
	 */
	queryCostRestoreRate: number
	/** where uploaded files live: the local disk by default, an S3-compatible bucket when S3_BUCKET is set */
	storage: StorageConfig
}>

export type StorageConfig =
	| { kind: 'local'; dir: string }
	| {
			kind: 's3'
			bucket: string
			region: string
			endpoint: string | undefined
			/** unset: the SDK's default credential chain (instance role, AWS_* variables) */
			credentials: { accessKeyId: string; secretAccessKey: string } | undefined
			forcePathStyle: boolean
	  }

// Used only for development, tests and the embedded-database demo, where a fixed secret is
// harmless and saves a setup step.
const DEV_SECRET = 'dev-only-secret-not-for-production-use-0000'

export class ConfigError extends Error {
	constructor(public readonly problems: string[]) {
		super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
		this.name = 'ConfigError'
	}
}

export function parseConfig(env: Record<string, string | undefined>): Config {
	// Empty strings mean "not set", as in most .env files.
	const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
	const result = schema.safeParse(cleaned)
	if (!result.success) {
		throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(env)'} ${i.message}`))
	}
	const e = result.data
	return Object.freeze({
		env: e.NODE_ENV,
		isProduction: e.NODE_ENV === 'production',
		host: e.HOST,
		port: e.PORT,
		appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
		database: e.DATABASE_URL
			? { kind: 'postgres' as const, url: e.DATABASE_URL }
			: { kind: 'pglite' as const, dir: e.PGLITE_DIR },
		demoMode: e.DEMO_MODE ?? !e.DATABASE_URL,
		sessionSecret: e.SESSION_SECRET ?? DEV_SECRET,
		mail: {
			from: e.MAIL_FROM,
			resend: e.RESEND_API_KEY ? { apiKey: e.RESEND_API_KEY, baseUrl: e.RESEND_BASE_URL } : null,
		},
		devMailbox: !e.RESEND_API_KEY && (e.NODE_ENV !== 'production' || !e.DATABASE_URL),
		redisUrl: e.REDIS_URL,
		logLevel: e.LOG_LEVEL,
		outboxPollMs: e.OUTBOX_POLL_MS,
		webhookAllowLoopback: e.WEBHOOK_ALLOW_LOOPBACK ?? e.NODE_ENV !== 'production',
		trustProxy: e.TRUST_PROXY,
		queryCostRestoreRate: e.GRAPHQL_COST_RESTORE_RATE,
		storage: e.S3_BUCKET
			? {
					kind: 's3' as const,
					bucket: e.S3_BUCKET,
					region: e.S3_REGION,
					endpoint: e.S3_ENDPOINT,
					credentials:
						e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
							? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
							: undefined,
					// MinIO and most self-hosted stores need path-style URLs
					forcePathStyle: e.S3_FORCE_PATH_STYLE ?? Boolean(e.S3_ENDPOINT),
				}
			: { kind: 'local' as const, dir: e.STORAGE_DIR },
	})
}

/**
 * No SESSION_SECRET was set: the secret is the fixed development value, which anyone can read
 * here. Fine for signing cookies in development; not for anything that grants access.
 */
export function usesDevelopmentSecret(config: Config): boolean {
	return config.sessionSecret === DEV_SECRET
}

/** Reads the process environment; call once, at the process entry point. */
export function loadConfig(): Config {
	return parseConfig(process.env)
}
