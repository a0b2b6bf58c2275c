import { useTranslation } from 'react-i18next'
import type { KnowledgeArticleView } from '#app/domain/knowledge/search.ts'

/**
 * Knowledge-base answers that match what the customer wrote. While they type, a polite status
 * says how many answers there are, so that screen-reader users learn of them without hearing
 * every summary read out.
 */
export function ArticleSuggestions({
	articles,
	busy = false,
	announce = false,
}: {
	articles: readonly Pick<KnowledgeArticleView, 'id' | 'slug' | 'title' | 'summary' | 'body'>[]
	busy?: boolean
	/** say how many answers there are when the list changes (on pages where it changes as one types) */
	announce?: boolean
}) {
	const { t } = useTranslation('filing')
	return (
		<aside className="filing-articles" aria-labelledby="filing-articles-title" aria-busy={busy || undefined}>
			{announce ? (
				<p className="visually-hidden" role="status">
					{articles.length ? t('articles.found', { count: articles.length }) : ''}
				</p>
			) : null}
			<div>
				{articles.length ? (
					<>
						<h2 id="filing-articles-title">{t('articles.title')}</h2>
						<p className="field-hint">{t('articles.lead')}</p>
						<ul className="filing-article-list">
							{articles.map((a) => (
								<li key={a.id}>
									<details>
										<summary>
											<span className="filing-article-title">{a.title}</span>
											<span className="filing-article-summary">{a.summary}</span>
										</summary>
										<div className="filing-article-body">
											{a.body.split(/\n\s*\n/).map((paragraph, i) => (
												<p key={i}>{paragraph}</p>
											))}
										</div>
									</details>
								</li>
							))}
						</ul>
					</>
				) : (
					<h2 id="filing-articles-title" className="visually-hidden">
						{t('articles.title')}
					</h2>
				)}
			</div>
		</aside>
	)
}
