import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'
import type { StorageConfig } from '#app/config.server.ts'

/**
 * A real S3-compatible HTTP server (s3rver) on 127.0.0.1 with one empty bucket, for testing
 * the S3 storage through the real AWS SDK: the fake sits at the network edge only.
 */
export async function startLocalS3(bucket = 'attachments-test') {
	const directory = await mkdtemp(path.join(tmpdir(), 's3rver-'))
	const server = new S3rver({
		address: '127.0.0.1',
		port: 0,
		silent: true,
		directory,
		configureBuckets: [{ name: bucket, configs: [] }],
	})
	const { port } = (await server.run()) as AddressInfo
	const config: Extract<StorageConfig, { kind: 's3' }> = {
		kind: 's3',
		bucket,
		region: 'us-east-1',
		endpoint: `http://127.0.0.1:${port}`,
		// s3rver accepts these fixed credentials
		credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
		forcePathStyle: true,
	}
	return {
		config,
		directory,
		async close() {
			await server.close()
			await rm(directory, { recursive: true, force: true })
		},
	}
}
