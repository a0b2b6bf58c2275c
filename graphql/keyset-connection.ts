import { resolveCursorConnection, type PageInfoShape } from '@pothos/plugin-relay'
import { assertPageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, readingList, type ConnectionArgs } from './pagination.ts'

/**
 * A connection over one of the domain's keyset-paged lists (app/domain/keyset.ts), as
 * `complaints` resolves its own: the page size checked against the cap (a typed error, never a
 * shortened page), the domain's argument errors as BAD_USER_INPUT, and `totalCount` counted only
 * when a client asks for it.
 */
export interface KeysetPage {
	after?: string
	before?: string
	limit: number
	inverted: boolean
}

export function keysetConnection<Row>(
	args: ConnectionArgs,
	{
		toCursor,
		page,
		count,
	}: {
		toCursor: (row: Row) => string
		page: (page: KeysetPage) => Promise<Row[]>
		count: () => Promise<number>
	},
): Promise<KeysetConnection<Row>> {
	assertPageSize(args)
	return readingList(async () => {
		const connection = await resolveCursorConnection(
			{ args, toCursor: toCursor as (row: unknown) => string, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE },
			page as (page: KeysetPage) => Promise<unknown[]>,
		)
		return { ...(connection as Omit<KeysetConnection<Row>, 'totalCount'>), totalCount: () => readingList(count) }
	})
}

export interface KeysetConnection<Row> {
	edges: Array<{ cursor: string; node: Row }>
	pageInfo: PageInfoShape
	totalCount: () => Promise<number>
}

/** The `totalCount` field of a connection resolved by keysetConnection. */
export function totalCountOf(connection: unknown): Promise<number> {
	return (connection as { totalCount: () => Promise<number> }).totalCount()
}
