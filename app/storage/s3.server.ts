import type { S3Client } from '@aws-sdk/client-s3'
import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { StorageConfig } from '#app/config.server.ts'
import { assertValidStorageKey, type Storage } from './storage.server.ts'

type S3Config = Extract<StorageConfig, { kind: 's3' }>

/**
 * An S3-compatible bucket (AWS S3, MinIO, Ceph, Cloudflare R2, Aliyun OSS in S3 mode...).
 * Objects are private; the portal streams them to viewers it has checked, so no URL to a
 * bucket ever reaches a browser.
 */
export function createS3Storage(config: S3Config): Storage {
	// The SDK is loaded on first use (~20 MB and ~0.4 s of start-up that a server on the local
	// disk does not need).
	let connected: Promise<{ sdk: typeof import('@aws-sdk/client-s3'); client: S3Client }> | undefined
	const connect = () =>
		(connected ??= import('@aws-sdk/client-s3').then((sdk) => ({
			sdk,
			client: new sdk.S3Client({
				region: config.region,
				endpoint: config.endpoint,
				forcePathStyle: config.forcePathStyle,
				credentials: config.credentials,
				// Checksums only where S3 demands them: the default (since SDK 3.729) sends aws-chunked
				// bodies with trailing CRCs, which many S3-compatible servers do not understand.
				requestChecksumCalculation: 'WHEN_REQUIRED',
				responseChecksumValidation: 'WHEN_REQUIRED',
			}),
		})))
	const Bucket = config.bucket

	async function putFile(key: string, file: string, contentType: string) {
		const { size } = await stat(file)
		const { sdk, client } = await connect()
		await client.send(
			new sdk.PutObjectCommand({
				Bucket,
				Key: key,
				Body: createReadStream(file),
				ContentLength: size,
				ContentType: contentType,
			}),
		)
		return { size }
	}

	return {
		kind: 's3',

		async put(key, source, { contentType }) {
			assertValidStorageKey(key)
			if (typeof source === 'string') return putFile(key, source, contentType)
			// PutObject needs the length up front: spool a stream of unknown length to disk first
			// (never to memory).
			const spool = path.join(tmpdir(), `s3-spool-${randomBytes(12).toString('hex')}`)
			try {
				await pipeline(source, createWriteStream(spool, { flags: 'wx' }))
				return await putFile(key, spool, contentType)
			} finally {
				await rm(spool, { force: true })
			}
		},

		async get(key) {
			assertValidStorageKey(key)
			const { sdk, client } = await connect()
			try {
				const out = await client.send(new sdk.GetObjectCommand({ Bucket, Key: key }))
				return {
					stream: out.Body as Readable,
					contentType: out.ContentType ?? 'application/octet-stream',
					size: out.ContentLength ?? 0,
				}
			} catch (error) {
				if (isMissing(error)) return null
				throw error
			}
		},

		async delete(keys) {
			keys.forEach(assertValidStorageKey)
			if (keys.length === 0) return
			const { sdk, client } = await connect()
			// DeleteObjects takes at most 1,000 keys
			for (let i = 0; i < keys.length; i += 1000) {
				const batch = keys.slice(i, i + 1000)
				const out = await client.send(
					new sdk.DeleteObjectsCommand({
						Bucket,
						Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
					}),
				)
				const failed = (out.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey')
				if (failed.length > 0) {
					throw new Error(`S3 could not delete ${failed.map((e) => `${e.Key} (${e.Code})`).join(', ')}`)
				}
			}
		},

		async exists(key) {
			assertValidStorageKey(key)
			const { sdk, client } = await connect()
			try {
				await client.send(new sdk.HeadObjectCommand({ Bucket, Key: key }))
				return true
			} catch (error) {
				if (isMissing(error)) return false
				throw error
			}
		},
	}
}

function isMissing(error: unknown): boolean {
	const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | null
	return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404
}
