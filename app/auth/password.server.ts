import { hash, verify } from '@node-rs/argon2'

// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane.
// @node-rs/argon2's Algorithm enum is a const enum, which isolatedModules cannot inline; 2 is Argon2id.
const ARGON2ID = 2
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password)
	} catch {
		// a malformed stored hash is a failed sign-in, not a crash
		return false
	}
}

// Verifying against this when the email is unknown makes both answers take as long,
// so response time does not reveal which addresses are registered.
let dummyHash: Promise<string> | undefined
export async function burnPasswordCheck(password: string): Promise<void> {
	dummyHash ??= hashPassword('not-a-real-password-0000')
	await verifyPassword(await dummyHash, password)
}
