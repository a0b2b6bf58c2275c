import type { LoaderFunctionArgs } from '@remix-run/node'
import { serveAttachment } from '#app/uploads/serve-attachment.server.ts'

/** A complaint's photo or PDF, as stored (cleaned), to a viewer allowed to see it; else 404. */
export function loader({ request, context, params }: LoaderFunctionArgs) {
	return serveAttachment(request, context, params.attachmentId, 'original')
}
