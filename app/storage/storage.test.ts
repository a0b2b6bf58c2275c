import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startLocalS3 } from '#tests/s3-server.ts'
import { createLocalDiskStorage } from './local-disk.server.ts'
import { createS3Storage } from './s3.server.ts'
import { isValidStorageKey, newStorageKey, type Storage } from './storage.server.ts'

describe('storage keys', () => {
	test('are random, month-sharded and valid', () => {
		const a = newStorageKey('attachments', new Date('2026-11-23T10:00:00Z'))
		const b = newStorageKey('attachments', new Date('2026-11-23T10:00:00Z'))
		expect(a).toMatch(/^attachments\/2026\/11\/[a-z2-7]{26}$/)
		expect(a).not.toBe(b)
		expect(isValidStorageKey(a)).toBe(true)
		expect(isValidStorageKey(`${a}.webp`)).toBe(true)
	})

	test.each([
		'../etc/passwd',
		'/etc/passwd',
		'a/../../b',
		'a//b',
		'.tmp/x',
		'a/.meta',
		'a\\b',
		'',
		'photo name.jpg',
		'a/b.tar.gz',
	])('%j is refused', (key) => {
		expect(isValidStorageKey(key)).toBe(false)
	})
})

// The same contract for both implementations; S3 runs against a real S3-compatible server.
const implementations: Array<[string, () => Promise<{ storage: Storage; close(): Promise<void> }>]> = [
	[
		'local disk',
		async () => {
			const dir = await mkdtemp(path.join(tmpdir(), 'storage-test-'))
			return {
				storage: createLocalDiskStorage(dir),
				close: () => rm(dir, { recursive: true, force: true }),
			}
		},
	],
	[
		'S3 (s3rver)',
		async () => {
			const s3 = await startLocalS3()
			return { storage: createS3Storage(s3.config), close: () => s3.close() }
		},
	],
]

describe.each(implementations)('%s storage', (_name, setup) => {
	let storage: Storage
	let close: () => Promise<void>
	let scratch: string
	beforeAll(async () => {
		;({ storage, close } = await setup())
		scratch = await mkdtemp(path.join(tmpdir(), 'storage-src-'))
	})
	afterAll(async () => {
		await close()
		await rm(scratch, { recursive: true, force: true })
	})

	test('put from a stream, get it back with its type and size, delete it', async () => {
		const key = newStorageKey()
		const { size } = await storage.put(key, Readable.from([Buffer.from('hello '), Buffer.from('world')]), {
			contentType: 'text/plain',
		})
		expect(size).toBe(11)
		expect(await storage.exists(key)).toBe(true)
		const object = await storage.get(key)
		expect(object).not.toBeNull()
		expect(object!.contentType).toBe('text/plain')
		expect(object!.size).toBe(11)
		expect(await text(object!.stream)).toBe('hello world')
		await storage.delete([key])
		expect(await storage.exists(key)).toBe(false)
		expect(await storage.get(key)).toBeNull()
	})

	test('put from a file path leaves the file where it is', async () => {
		const source = path.join(scratch, 'source.bin')
		await writeFile(source, Buffer.alloc(300_000, 7))
		const key = newStorageKey()
		expect(await storage.put(key, source, { contentType: 'application/pdf' })).toEqual({ size: 300_000 })
		expect(await readdir(scratch)).toContain('source.bin')
		const object = await storage.get(key)
		const chunks: Buffer[] = []
		for await (const chunk of object!.stream) chunks.push(chunk as Buffer)
		expect(Buffer.concat(chunks).equals(Buffer.alloc(300_000, 7))).toBe(true)
		expect(object!.contentType).toBe('application/pdf')
	})

	test('deleting keys that do not exist is not an error; many keys go at once', async () => {
		const keys = [newStorageKey(), newStorageKey(), newStorageKey()]
		await Promise.all(keys.map((k) => storage.put(k, Readable.from(['x']), { contentType: 'text/plain' })))
		await storage.delete([...keys, newStorageKey()])
		for (const k of keys) expect(await storage.exists(k)).toBe(false)
		await storage.delete([])
	})

	test('a key that could leave the store is refused before any I/O', async () => {
		await expect(storage.put('../escape', Readable.from(['x']), { contentType: 'text/plain' })).rejects.toThrow(
			/invalid storage key/,
		)
		await expect(storage.get('../../etc/passwd')).rejects.toThrow(/invalid storage key/)
		await expect(storage.delete(['a/../../b'])).rejects.toThrow(/invalid storage key/)
	})
})

describe('local disk storage', () => {
	test('a failed write leaves neither the object nor a temp file', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'storage-test-'))
		try {
			const storage = createLocalDiskStorage(dir)
			const key = newStorageKey()
			const failing = new Readable({
				read() {
					this.push(Buffer.alloc(1000))
					this.destroy(new Error('client went away'))
				},
			})
			await expect(storage.put(key, failing, { contentType: 'image/jpeg' })).rejects.toThrow('client went away')
			expect(await storage.exists(key)).toBe(false)
			expect(await readdir(path.join(dir, '.tmp'))).toEqual([])
		} finally {
			await rm(dir, { recursive: true, force: true })
		}
	})
})
