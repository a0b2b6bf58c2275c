import type { LoaderFunctionArgs } from '@remix-run/node'
import { serveAttachment } from '#app/uploads/serve-attachment.server.ts'

/** A photo's 320 px WebP thumbnail, to a viewer allowed to see the photo; else (and for PDFs) 404. */
export function loader({ request, context, params }: LoaderFunctionArgs) {
	return serveAttachment(request, context, params.attachmentId, 'thumbnail')
}
