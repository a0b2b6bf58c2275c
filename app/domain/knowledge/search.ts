import type { PrismaClient } from '#app/generated/prisma/client.ts'
import type { ComplaintCategory } from '#app/generated/prisma/enums.ts'

/**
 * Knowledge-base answers that match what a customer typed while filing a complaint.
 *
 * Chinese has no spaces between words, so matching cannot rely on splitting the text into
 * words: an article's keywords and title are looked for as substrings of what was typed (and
 * Latin words of the text in the article), in both languages, whatever language the page is in.
 * The table holds a handful to a few hundred short articles, so they are ranked in memory.
 */

export interface KnowledgeArticleView {
	id: string
	slug: string
	category: ComplaintCategory | null
	title: string
	/** the first paragraph, for a preview */
	summary: string
	body: string
}

export interface ArticleForRanking {
	id: string
	slug: string
	category: ComplaintCategory | null
	titleZh: string
	titleEn: string
	bodyZh: string
	bodyEn: string
	keywords: string[]
}

export interface KnowledgeQuery {
	/** everything the customer typed (title and description), in any language */
	text: string
	category?: ComplaintCategory | null
	language: 'zh-CN' | 'en'
	limit?: number
}

const MAX_ARTICLES = 500
export const DEFAULT_SUGGESTIONS = 3
/**
 * Below this an article matched on one common word ("pump" in a pump maker's articles) or one
 * pair of characters: too weak to put in front of someone writing a complaint.
 */
const MIN_SCORE = 5
/** Texts longer than this are cut: the start of a description says what it is about. */
const MAX_QUERY_CHARS = 2000

// Words too common to mean anything when the text is searched for an article's Latin words.
const STOP_WORDS = new Set(
	'a an and are as at be but by can do for from has have how i if in is it its my of on or our so that the this to was we what when with you your not no'.split(
		' ',
	),
)

function normalize(text: string): string {
	return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}

/** Latin words of three letters or more, and numbers, without stop words. */
function latinWords(text: string): string[] {
	return [...new Set(text.match(/[a-z0-9][a-z0-9-]{2,}/g) ?? [])].filter((w) => !STOP_WORDS.has(w))
}

/**
 * A score for each article: keywords found in the text count most (longer keywords more, as
 * they are more specific), then words of the text found in the title, then in the body. An
 * article in the category the customer chose gets a small lift but never appears on that
 * alone.
 */
export function scoreArticle(article: ArticleForRanking, query: { text: string; category?: ComplaintCategory | null }) {
	const text = normalize(query.text.slice(0, MAX_QUERY_CHARS))
	if (!text) return 0
	let score = 0
	for (const raw of article.keywords) {
		const keyword = normalize(raw)
		if (keyword.length >= 2 && text.includes(keyword)) score += 10 + Math.min(keyword.length, 8)
	}
	const titles = normalize(`${article.titleZh} ${article.titleEn}`)
	const bodies = normalize(`${article.bodyZh} ${article.bodyEn}`)
	for (const word of latinWords(text)) {
		if (titles.includes(word)) score += 4
		else if (bodies.includes(word)) score += 1
	}
	// Chinese text: two-character pieces of the typed text that occur in a title count a little,
	// so "密封漏水" still finds "密封件渗漏" without a keyword for every phrasing.
	const han = text.match(/\p{Script=Han}{2,}/gu) ?? []
	const pairs = new Set(han.flatMap((run) => [...run].slice(0, -1).map((ch, i) => ch + [...run][i + 1])))
	for (const pair of pairs) if (titles.includes(pair)) score += 3
	if (score > 0 && query.category && article.category === query.category) score += 5
	return score
}

export function rankArticles<T extends ArticleForRanking>(
	articles: readonly T[],
	query: { text: string; category?: ComplaintCategory | null; limit?: number },
): T[] {
	return articles
		.map((article) => ({ article, score: scoreArticle(article, query) }))
		.filter((r) => r.score >= MIN_SCORE)
		.sort((a, b) => b.score - a.score || a.article.slug.localeCompare(b.article.slug))
		.slice(0, query.limit ?? DEFAULT_SUGGESTIONS)
		.map((r) => r.article)
}

export function toArticleView(article: ArticleForRanking, language: 'zh-CN' | 'en'): KnowledgeArticleView {
	const body = language === 'en' ? article.bodyEn : article.bodyZh
	return {
		id: article.id,
		slug: article.slug,
		category: article.category,
		title: language === 'en' ? article.titleEn : article.titleZh,
		summary: body.split(/\n\s*\n/)[0]?.trim() ?? '',
		body,
	}
}

/** Published articles that match the customer's text, best first, in the page's language. */
export async function suggestArticles(db: PrismaClient, query: KnowledgeQuery): Promise<KnowledgeArticleView[]> {
	if (!query.text.trim()) return []
	const articles = await db.knowledgeArticle.findMany({
		where: { published: true },
		select: {
			id: true,
			slug: true,
			category: true,
			titleZh: true,
			titleEn: true,
			bodyZh: true,
			bodyEn: true,
			keywords: true,
		},
		orderBy: { slug: 'asc' },
		take: MAX_ARTICLES,
	})
	return rankArticles(articles, query).map((a) => toArticleView(a, query.language))
}
