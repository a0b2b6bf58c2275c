/**
 * The API's numbers, in one place so that the schema, the cost calculator, the docs and the
 * tests agree (issue 5 §4; Shopify's and GitHub's values).
 */

/** The most items one page of a connection returns; `first`/`last` above it are refused. */
export const MAX_PAGE_SIZE = 100

/** The page size when a connection is asked for without `first` or `last`. */
export const DEFAULT_PAGE_SIZE = 20

/** Query cost (graphql/cost.ts) and the per-caller budget it is paid from (Shopify's numbers). */
export const COST_LIMITS = {
	/** the most one operation may cost; above it, it is refused before anything runs */
	maximumQueryCost: 1000,
	/** a caller's bucket when full */
	maximumAvailable: 1000,
	/** points given back to a bucket per second */
	restoreRate: 50,
	/** what a mutation field costs on top of what its payload selects */
	mutation: 10,
} as const
