import { useSearchParams } from '@remix-run/react'

/** Sent here by the review's "change" link: the step goes back to the review after saving. */
export function ReturnField() {
	const [searchParams] = useSearchParams()
	return searchParams.get('return') === 'review' ? <input type="hidden" name="return" value="review" /> : null
}
