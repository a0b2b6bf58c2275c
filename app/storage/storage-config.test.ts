import { describe, expect, test } from 'vitest'
import { ConfigError, parseConfig } from '#app/config.server.ts'
import { createStorage } from './storage.server.ts'

describe('storage configuration', () => {
	test('nothing set: the local disk under ./data/uploads', () => {
		expect(parseConfig({}).storage).toEqual({ kind: 'local', dir: './data/uploads' })
		expect(createStorage(parseConfig({ STORAGE_DIR: '/srv/uploads' }).storage).kind).toBe('local')
	})

	test('S3_BUCKET switches to S3; an endpoint implies path-style addressing', () => {
		const config = parseConfig({
			S3_BUCKET: 'complaints',
			S3_ENDPOINT: 'http://minio:9000',
			S3_ACCESS_KEY_ID: 'key',
			S3_SECRET_ACCESS_KEY: 'secret',
		})
		expect(config.storage).toEqual({
			kind: 's3',
			bucket: 'complaints',
			region: 'us-east-1',
			endpoint: 'http://minio:9000',
			credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
			forcePathStyle: true,
		})
		expect(createStorage(config.storage).kind).toBe('s3')
		// on AWS itself: the SDK's own credential chain and virtual-hosted addressing
		expect(parseConfig({ S3_BUCKET: 'complaints', S3_REGION: 'cn-north-1' }).storage).toMatchObject({
			region: 'cn-north-1',
			credentials: undefined,
			forcePathStyle: false,
		})
	})

	test('S3 settings without a bucket, half a key pair or a bad endpoint are named', () => {
		let error: unknown
		try {
			parseConfig({ S3_ENDPOINT: 'minio:9000', S3_ACCESS_KEY_ID: 'key' })
		} catch (e) {
			error = e
		}
		expect(error).toBeInstanceOf(ConfigError)
		const problems = (error as ConfigError).problems.join('\n')
		expect(problems).toMatch(/S3_ENDPOINT/)
		expect(problems).toMatch(/S3_ACCESS_KEY_ID is set but S3_BUCKET is not/)
		expect(problems).toMatch(/S3_SECRET_ACCESS_KEY S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together/)
	})
})
