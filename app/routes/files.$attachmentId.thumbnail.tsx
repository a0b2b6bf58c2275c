import type { LoaderFunctionArgs } from '@remix-run/node'
import { serveSignedAttachment } from '#app/uploads/serve-attachment.server.ts'

/** A photo's 320 px WebP thumbnail by a signed, expiring address (Attachment.thumbnailUrl); else 404. */
export function loader({ request, context, params }: LoaderFunctionArgs) {
	return serveSignedAttachment(request, context, params.attachmentId, 'thumbnail')
}
