import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { copyFile, mkdir, open, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { assertValidStorageKey, type Storage, type StoredObject } from './storage.server.ts'

/**
 * Files on the local disk under `dir` (STORAGE_DIR): `dir/<key>` holds the bytes,
 * `dir/.meta/<key>.json` the content type. A write goes to `dir/.tmp/` first and is renamed
 * into place, so that a reader never sees half a file and a crash leaves at most a temp file.
 * Keys cannot start a segment with a dot, so no key can name `.tmp` or `.meta`.
 */
export function createLocalDiskStorage(dir: string): Storage {
	const root = path.resolve(dir)
	const tmpDir = path.join(root, '.tmp')
	const metaRoot = path.join(root, '.meta')

	function pathsFor(key: string) {
		assertValidStorageKey(key)
		const file = path.join(root, key)
		// the key pattern already rules this out; checked again because the cost is nothing
		if (!file.startsWith(root + path.sep)) throw new Error('storage key escapes the storage directory')
		return { file, meta: path.join(metaRoot, `${key}.json`) }
	}

	return {
		kind: 'local',

		async put(key, source, { contentType }) {
			const { file, meta } = pathsFor(key)
			await Promise.all([
				mkdir(tmpDir, { recursive: true }),
				mkdir(path.dirname(file), { recursive: true }),
				mkdir(path.dirname(meta), { recursive: true }),
			])
			const id = randomBytes(12).toString('hex')
			const tmpFile = path.join(tmpDir, id)
			const tmpMeta = path.join(tmpDir, `${id}.json`)
			try {
				if (typeof source === 'string') await copyFile(source, tmpFile)
				else await pipeline(source as Readable, createWriteStream(tmpFile, { flags: 'wx' }))
				// the bytes reach the disk before the name does
				const handle = await open(tmpFile, 'r+')
				let size: number
				try {
					await handle.datasync()
					size = (await handle.stat()).size
				} finally {
					await handle.close()
				}
				await writeFile(tmpMeta, JSON.stringify({ contentType }))
				await rename(tmpMeta, meta)
				await rename(tmpFile, file)
				return { size }
			} catch (error) {
				await Promise.all([rm(tmpFile, { force: true }), rm(tmpMeta, { force: true })])
				throw error
			}
		},

		async get(key): Promise<StoredObject | null> {
			const { file, meta } = pathsFor(key)
			let handle
			try {
				handle = await open(file, 'r')
			} catch (error) {
				if (isNotFound(error)) return null
				throw error
			}
			try {
				const { size } = await handle.stat()
				const contentType = await readFile(meta, 'utf8').then(
					(text) => String((JSON.parse(text) as { contentType?: unknown }).contentType ?? 'application/octet-stream'),
					() => 'application/octet-stream',
				)
				return { stream: handle.createReadStream({ autoClose: true }), contentType, size }
			} catch (error) {
				await handle.close()
				throw error
			}
		},

		async delete(keys) {
			await Promise.all(
				keys.map(async (key) => {
					const { file, meta } = pathsFor(key)
					await unlink(file).catch(ignoreNotFound)
					await unlink(meta).catch(ignoreNotFound)
				}),
			)
		},

		async exists(key) {
			const { file } = pathsFor(key)
			return stat(file).then(
				(s) => s.isFile(),
				(error: unknown) => {
					if (isNotFound(error)) return false
					throw error
				},
			)
		},
	}
}

function isNotFound(error: unknown): boolean {
	return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT'
}

function ignoreNotFound(error: unknown): void {
	if (!isNotFound(error)) throw error
}
