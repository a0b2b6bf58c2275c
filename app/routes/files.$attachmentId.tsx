import type { LoaderFunctionArgs } from '@remix-run/node'
import { serveSignedAttachment } from '#app/uploads/serve-attachment.server.ts'

/**
 * A photo or PDF by a signed, expiring address (Attachment.url in the API), without a session:
 * the signature in the query string is the permission. Anything else is a 404.
 */
export function loader({ request, context, params }: LoaderFunctionArgs) {
	return serveSignedAttachment(request, context, params.attachmentId, 'original')
}
