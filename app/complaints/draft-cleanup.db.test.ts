import { Readable } from 'node:stream'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import { addDraftAttachment, DRAFT_RETENTION_DAYS, startDraft } from '#app/domain/complaints/drafts.ts'
import { createLogger } from '#app/logger.server.ts'
import type { Storage } from '#app/storage/storage.server.ts'
import { createTestStorage } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createUser } from '#tests/fixtures.ts'
import { complaintDeps } from './deps.server.ts'
import { removeAbandonedDrafts } from './draft-cleanup.server.ts'

let db: Database
let storage: Storage
beforeAll(async () => {
	db = await createTestDatabase()
	storage = createTestStorage()
})
afterAll(() => db.close())

const DAY = 24 * 60 * 60 * 1000

async function draftWithPhoto(daysAgo: number) {
	const { viewer } = await createUser(db.prisma)
	const deps = complaintDeps({ db, config: { appUrl: 'http://portal.test' } as never })
	const draft = await startDraft(deps, viewer)
	const key = `attachments/test/${crypto.randomUUID()}`
	await storage.put(key, Readable.from([Buffer.from('photo')]), { contentType: 'image/jpeg' })
	await addDraftAttachment(deps, viewer, draft.id, {
		kind: 'IMAGE',
		originalName: 'a.jpg',
		contentType: 'image/jpeg',
		byteSize: 5,
		width: 1,
		height: 1,
		sha256: '0'.repeat(64),
		storageKey: key,
		thumbnailKey: null,
	})
	await db.prisma.complaintDraft.update({
		where: { id: draft.id },
		data: { updatedAt: new Date(Date.now() - daysAgo * DAY) },
	})
	return { id: draft.id, key }
}

test(`drafts untouched for ${DRAFT_RETENTION_DAYS} days go, with their rows and files; recent ones stay`, async () => {
	const old = await draftWithPhoto(DRAFT_RETENTION_DAYS + 1)
	const recent = await draftWithPhoto(DRAFT_RETENTION_DAYS - 1)
	const result = await removeAbandonedDrafts({ db, storage, logger: createLogger('silent') })
	expect(result.drafts).toBe(1)
	expect(await db.prisma.complaintDraft.findUnique({ where: { id: old.id } })).toBeNull()
	expect(await db.prisma.attachment.count({ where: { storageKey: old.key } })).toBe(0)
	expect(await storage.exists(old.key)).toBe(false)
	expect(await db.prisma.complaintDraft.findUnique({ where: { id: recent.id } })).not.toBeNull()
	expect(await storage.exists(recent.key)).toBe(true)
	// a second pass finds nothing more
	expect((await removeAbandonedDrafts({ db, storage, logger: createLogger('silent') })).drafts).toBe(0)
})
