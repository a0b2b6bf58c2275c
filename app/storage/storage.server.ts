import { randomBytes } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { StorageConfig } from '#app/config.server.ts'
import { createLocalDiskStorage } from './local-disk.server.ts'
import { createS3Storage } from './s3.server.ts'

/**
 * Where attachment bytes live. Keys are made by `newStorageKey()` from random bytes, never
 * from anything a user typed or named, and every implementation refuses a key that is not of
 * that shape, so that no key can reach outside the store.
 */
export interface Storage {
	readonly kind: 'local' | 's3'
	/** Stores a stream or the file at a path (which stays where it is) under `key`, replacing any object there. */
	put(key: string, source: Readable | string, options: { contentType: string }): Promise<{ size: number }>
	/** The object's bytes as a stream, or null when there is no such object. */
	get(key: string): Promise<StoredObject | null>
	/** Deletes the objects; keys without an object are ignored. */
	delete(keys: readonly string[]): Promise<void>
	exists(key: string): Promise<boolean>
}

export interface StoredObject {
	stream: Readable
	contentType: string
	size: number
}

/** Segments of letters, digits, `-` and `_`, optionally with one `.ext`; no `..`, no leading `/`. */
const KEY_PATTERN = /^(?:[A-Za-z0-9_-]{1,64}\/){0,4}[A-Za-z0-9_-]{1,64}(?:\.[a-z0-9]{1,8})?$/

export function isValidStorageKey(key: string): boolean {
	return KEY_PATTERN.test(key)
}

export function assertValidStorageKey(key: string): void {
	if (!isValidStorageKey(key)) throw new InvalidStorageKeyError(key)
}

export class InvalidStorageKeyError extends Error {
	name = 'InvalidStorageKeyError'
	constructor(key: string) {
		super(`invalid storage key ${JSON.stringify(key.slice(0, 100))}`)
	}
}

/**
 * A fresh key: `<prefix>/<yyyy>/<mm>/<128 random bits in base32>`. The month spreads files over
 * directories on a local disk and helps anyone reading a bucket listing.
 */
export function newStorageKey(prefix = 'attachments', now = new Date()): string {
	const yyyy = String(now.getUTCFullYear())
	const mm = String(now.getUTCMonth() + 1).padStart(2, '0')
	return `${prefix}/${yyyy}/${mm}/${base32(randomBytes(16))}`
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567'
function base32(bytes: Uint8Array): string {
	let bits = 0
	let value = 0
	let out = ''
	for (const byte of bytes) {
		value = (value << 8) | byte
		bits += 8
		while (bits >= 5) {
			out += ALPHABET[(value >>> (bits - 5)) & 31]
			bits -= 5
		}
	}
	if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31]
	return out
}

/** The storage the configuration asks for: the local disk unless S3_BUCKET is set. */
export function createStorage(config: StorageConfig): Storage {
	return config.kind === 's3' ? createS3Storage(config) : createLocalDiskStorage(config.dir)
}
