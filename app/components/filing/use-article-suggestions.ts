import { useFetcher } from '@remix-run/react'
import { useCallback, useEffect, useRef } from 'react'
import type { KnowledgeArticleView } from '#app/domain/knowledge/search.ts'

const DEBOUNCE_MS = 400

/**
 * Asks for knowledge-base answers while the customer types, a moment after they pause. Until
 * the first answer arrives, the answers the page was rendered with stay on screen.
 */
export function useArticleSuggestions(initial: KnowledgeArticleView[]) {
	const fetcher = useFetcher<{ articles: KnowledgeArticleView[] }>()
	const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
	const last = useRef<string>('')
	const { load } = fetcher
	useEffect(() => () => clearTimeout(timer.current), [])
	const update = useCallback(
		(text: string, category: string | null) => {
			const query = new URLSearchParams({ q: text.trim().slice(0, 2000) })
			if (category) query.set('category', category)
			const href = `/complaints/new/articles?${query}`
			if (href === last.current) return
			clearTimeout(timer.current)
			timer.current = setTimeout(() => {
				last.current = href
				void load(href)
			}, DEBOUNCE_MS)
		},
		[load],
	)
	return {
		articles: fetcher.data?.articles ?? initial,
		busy: fetcher.state === 'loading',
		update,
	}
}
