import { describe, expect, test } from 'vitest'
import { ConfigError, parseConfig } from './config.server.ts'

describe('config', () => {
	test('nothing set: the embedded database in ./data, demo mode, dev mailbox', () => {
		const config = parseConfig({})
		expect(config.database).toEqual({ kind: 'pglite', dir: './data/pglite' })
		expect(config).toMatchObject({ demoMode: true, devMailbox: true, port: 3000, appUrl: 'http://localhost:3000' })
		expect(Object.isFrozen(config)).toBe(true)
	})

	test('a PostgreSQL URL switches the database and turns demo mode off', () => {
		const config = parseConfig({ DATABASE_URL: 'postgres://u@db:5432/app' })
		expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/app' })
		expect(config.demoMode).toBe(false)
	})

	test('empty strings count as unset', () => {
		expect(parseConfig({ DATABASE_URL: '', PORT: '' }).database.kind).toBe('pglite')
	})

	test('bad values are named, each with what is wrong', () => {
		let error: unknown
		try {
			parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://r', LOG_LEVEL: 'loud' })
		} catch (e) {
			error = e
		}
		expect(error).toBeInstanceOf(ConfigError)
		const problems = (error as ConfigError).problems.join('\n')
		expect(problems).toMatch(/^PORT /m)
		expect(problems).toMatch(/^DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/m)
		expect(problems).toMatch(/^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/m)
		expect(problems).toMatch(/^LOG_LEVEL /m)
	})

	test('a production deployment must bring its own session secret', () => {
		expect(() => parseConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u@db/app' })).toThrow(
			/SESSION_SECRET is required in production/,
		)
		expect(() =>
			parseConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u@db/app', SESSION_SECRET: 'short' }),
		).toThrow(/SESSION_SECRET must be at least 32 characters/)
		const ok = parseConfig({
			NODE_ENV: 'production',
			DATABASE_URL: 'postgres://u@db/app',
			SESSION_SECRET: 'x'.repeat(32),
		})
		expect(ok).toMatchObject({ isProduction: true, devMailbox: false })
	})

	test('webhooks reach loopback receivers outside production only, unless WEBHOOK_ALLOW_LOOPBACK says otherwise', () => {
		expect(parseConfig({}).webhookAllowLoopback).toBe(true)
		expect(parseConfig({ NODE_ENV: 'test' }).webhookAllowLoopback).toBe(true)
		expect(parseConfig({ NODE_ENV: 'production' }).webhookAllowLoopback).toBe(false)
		expect(parseConfig({ NODE_ENV: 'production', WEBHOOK_ALLOW_LOOPBACK: '1' }).webhookAllowLoopback).toBe(true)
		expect(parseConfig({ WEBHOOK_ALLOW_LOOPBACK: 'no' }).webhookAllowLoopback).toBe(false)
		expect(() => parseConfig({ WEBHOOK_ALLOW_LOOPBACK: 'sometimes' })).toThrow(/WEBHOOK_ALLOW_LOOPBACK/)
	})

	test('with a Resend key, emails go to Resend and the dev mailbox is off', () => {
		const config = parseConfig({ RESEND_API_KEY: 're_123', RESEND_BASE_URL: 'http://127.0.0.1:4599' })
		expect(config.mail.resend).toEqual({ apiKey: 're_123', baseUrl: 'http://127.0.0.1:4599' })
		expect(config.devMailbox).toBe(false)
	})

	test('the query-cost restore rate is the published 50 points a second unless set to a positive number', () => {
		expect(parseConfig({}).queryCostRestoreRate).toBe(50)
		expect(parseConfig({ GRAPHQL_COST_RESTORE_RATE: '1000000' }).queryCostRestoreRate).toBe(1_000_000)
		expect(parseConfig({ GRAPHQL_COST_RESTORE_RATE: '2.5' }).queryCostRestoreRate).toBe(2.5)
		for (const bad of ['0', '-5', 'fast', 'Infinity']) {
			expect(() => parseConfig({ GRAPHQL_COST_RESTORE_RATE: bad }), bad).toThrow(/^\s+- GRAPHQL_COST_RESTORE_RATE /m)
		}
	})
})
