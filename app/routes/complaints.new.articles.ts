import type { LoaderFunctionArgs } from '@remix-run/node'
import * as z from 'zod'
import { pageLanguage, requireCustomer } from '#app/complaints/filing.server.ts'
import { CATEGORIES } from '#app/domain/complaints/schemas.ts'
import { suggestArticles } from '#app/domain/knowledge/search.ts'

const QuerySchema = z.object({
	q: z.string().max(4000).catch(''),
	category: z.enum(CATEGORIES).nullable().catch(null),
})

/**
 * Knowledge-base answers for what the customer is typing on the details step, fetched as they
 * type (GET /complaints/new/articles?q=…&category=…). The page renders the same list from the
 * saved draft without JavaScript.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const signedIn = await requireCustomer(request, context)
	const url = new URL(request.url)
	const { q, category } = QuerySchema.parse({
		q: url.searchParams.get('q') ?? '',
		category: url.searchParams.get('category'),
	})
	const articles = await suggestArticles(context.db.prisma, {
		text: q,
		category,
		language: await pageLanguage(request, signedIn),
	})
	return Response.json({ articles }, { headers: { 'Cache-Control': 'private, max-age=60' } })
}
