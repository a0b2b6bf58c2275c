import { createReadableStreamFromReadable, type AppLoadContext } from '@remix-run/node'
import { requireUser } from '#app/auth/current-user.server.ts'
import { getAttachmentForViewer } from '#app/domain/complaints/queries.ts'
import { NotFoundError } from '#app/domain/errors.ts'
import { attachmentUrlSigner } from './signed-urls.server.ts'

/**
 * GET /attachments/:id and /attachments/:id/thumbnail: the stored bytes, to a signed-in viewer
 * allowed to see the attachment (its complaint is visible to them and the attachment's
 * visibility is one of theirs, or it is on their own draft). Anyone else gets the same 404 as
 * for an id that does not exist.
 */
export async function serveAttachment(
	request: Request,
	context: AppLoadContext,
	attachmentId: string | undefined,
	variant: 'original' | 'thumbnail',
): Promise<Response> {
	const { viewer } = await requireUser(request, context)
	let attachment
	try {
		if (!attachmentId) throw new NotFoundError('Attachment')
		attachment = await getAttachmentForViewer(context.db.prisma, viewer, attachmentId)
	} catch (error) {
		if (error instanceof NotFoundError) return notFound()
		throw error
	}
	// the bytes under an id never change, but who may see them can: kept briefly, by the browser only
	return streamAttachment(request, context, { ...attachment, id: attachmentId }, variant, 'private, max-age=300')
}

/**
 * GET /files/:id and /files/:id/thumbnail with `?expires=…&signature=…`: the attachment a signed
 * address names (signed-urls.server.ts), to anyone who holds the address, until it expires; no
 * session is read. A missing, malformed, forged, tampered or expired signature, or an attachment
 * that is gone, gets the same 404 as anything else.
 */
export async function serveSignedAttachment(
	request: Request,
	context: AppLoadContext,
	attachmentId: string | undefined,
	variant: 'original' | 'thumbnail',
): Promise<Response> {
	const now = new Date()
	const query = new URL(request.url).searchParams
	const given = { expires: query.get('expires'), signature: query.get('signature') }
	const granted = attachmentId ? attachmentUrlSigner(context.config).verify(attachmentId, variant, given, now) : null
	if (!attachmentId || !granted) return notFound()
	const attachment = await context.db.prisma.attachment.findFirst({
		// the API signs addresses only for filed complaints' files, never a draft's
		where: { id: attachmentId, complaintId: { not: null } },
		select: { storageKey: true, thumbnailKey: true, contentType: true, originalName: true },
	})
	if (!attachment) return notFound()
	// cached by the browser only, and no longer than the address is valid
	const maxAge = Math.max(0, Math.floor((granted.expiresAt.getTime() - now.getTime()) / 1000))
	return streamAttachment(request, context, { ...attachment, id: attachmentId }, variant, `private, max-age=${maxAge}`)
}

async function streamAttachment(
	request: Request,
	context: AppLoadContext,
	attachment: {
		id: string
		storageKey: string
		thumbnailKey: string | null
		contentType: string
		originalName: string
	},
	variant: 'original' | 'thumbnail',
	cacheControl: string,
): Promise<Response> {
	const key = variant === 'thumbnail' ? attachment.thumbnailKey : attachment.storageKey
	if (!key) return notFound()
	const object = await context.storage.get(key)
	if (!object) {
		context.logger.warn({ attachmentId: attachment.id, variant }, 'attachment row without a stored object')
		return notFound()
	}
	const contentType = variant === 'thumbnail' ? 'image/webp' : attachment.contentType
	const name =
		variant === 'thumbnail'
			? withExtension(attachment.originalName, 'image/webp', '-thumbnail')
			: withExtension(attachment.originalName, contentType)
	// Images show in the page (lightbox); anything else is downloaded, never rendered by the browser.
	const disposition = contentType.startsWith('image/') ? 'inline' : 'attachment'
	if (request.signal.aborted) object.stream.destroy()
	return new Response(request.method === 'HEAD' ? null : createReadableStreamFromReadable(object.stream), {
		headers: {
			'Content-Type': contentType,
			'Content-Length': String(object.size),
			'Content-Disposition': contentDisposition(disposition, name),
			'X-Content-Type-Options': 'nosniff',
			'Cache-Control': cacheControl,
			// should a browser ever render one of these as a document, it gets no script and no origin
			'Content-Security-Policy': "default-src 'none'; sandbox",
		},
	})
}

function notFound() {
	return new Response('Not found', {
		status: 404,
		headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store' },
	})
}

/**
 * `inline` or `attachment` with the name twice: an ASCII fallback for old clients and the
 * exact name as RFC 5987/6266 `filename*` (UTF-8, percent-encoded), so that quotes, line
 * breaks or Chinese characters in a customer's file name can neither break the header nor
 * inject another one.
 */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
	const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_').slice(0, 150) || 'file'
	const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
	return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

const EXTENSIONS: Record<string, string> = {
	'image/jpeg': '.jpg',
	'image/png': '.png',
	'image/webp': '.webp',
	'application/pdf': '.pdf',
}

/**
 * The customer's name with the extension of what is actually served: a HEIC photo is stored as
 * JPEG, and a thumbnail is WebP whatever the original was.
 */
export function withExtension(originalName: string, contentType: string, suffix = ''): string {
	const extension = EXTENSIONS[contentType]
	if (!extension) return originalName
	const dot = originalName.lastIndexOf('.')
	const base = dot > 0 ? originalName.slice(0, dot) : originalName
	const current = dot > 0 ? originalName.slice(dot).toLowerCase() : ''
	const same = current === extension || (extension === '.jpg' && current === '.jpeg')
	return suffix || !same ? `${base}${suffix}${extension}` : originalName
}
