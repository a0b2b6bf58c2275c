import type { Prisma } from '#app/generated/prisma/client.ts'
import type { AttachmentKind } from '#app/generated/prisma/enums.ts'
import type { StoredFile } from './ports.ts'

/** An attachment as pages and the API show it; storage keys stay on the server. */
export interface AttachmentView {
	id: string
	kind: AttachmentKind
	originalName: string
	contentType: string
	byteSize: number
	width: number | null
	height: number | null
	hasThumbnail: boolean
	createdAt: Date
}

export const attachmentViewSelect = {
	id: true,
	kind: true,
	originalName: true,
	contentType: true,
	byteSize: true,
	width: true,
	height: true,
	thumbnailKey: true,
	createdAt: true,
} as const satisfies Prisma.AttachmentSelect

export function toAttachmentView(
	row: Prisma.AttachmentGetPayload<{ select: typeof attachmentViewSelect }>,
): AttachmentView {
	const { thumbnailKey, ...rest } = row
	return { ...rest, hasThumbnail: thumbnailKey !== null }
}

export function attachmentData(file: StoredFile, uploadedById: string) {
	return {
		uploadedById,
		kind: file.kind,
		originalName: file.originalName,
		contentType: file.contentType,
		byteSize: file.byteSize,
		width: file.width,
		height: file.height,
		sha256: file.sha256,
		storageKey: file.storageKey,
		thumbnailKey: file.thumbnailKey,
	}
}

/** The storage objects behind attachment rows, for deletion once the rows are gone. */
export function storageKeysOf(rows: Array<{ storageKey: string; thumbnailKey: string | null }>): string[] {
	return rows.flatMap((r) => (r.thumbnailKey ? [r.storageKey, r.thumbnailKey] : [r.storageKey]))
}
