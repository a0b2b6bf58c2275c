/**
 * A Pareto table (质量管理 "排列图"): causes by how often they occur, most frequent first, each
 * with its share and the running (cumulative) share, so that the few causes behind most of the
 * complaints stand out. Ties are broken by the key, so the order is stable.
 */
export interface ParetoRow<K extends string> {
	key: K
	count: number
	/** 0–1 of all counted */
	share: number
	/** 0–1: this cause and every one before it */
	cumulativeShare: number
}

export function paretoOf<K extends string>(counts: ReadonlyArray<{ key: K; count: number }>): Array<ParetoRow<K>> {
	const rows = counts.filter((c) => c.count > 0).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1))
	const total = rows.reduce((sum, row) => sum + row.count, 0)
	let running = 0
	return rows.map(({ key, count }) => {
		running += count
		// the last row is exactly 1, not 0.9999…, however the shares add up
		return { key, count, share: count / total, cumulativeShare: running === total ? 1 : running / total }
	})
}
