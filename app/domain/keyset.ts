import { InvalidListArgumentError } from './complaints/complaint-connection.ts'

/**
 * Keyset paging for the API's lists (orders, organizations, regions, customers, approvals): the
 * rows strictly after (or before) a cursor in a total order, so that a cursor stays valid however
 * many rows arrive or go while a client pages through (issue 5 §1, as complaint-connection.ts
 * does for complaints, whose SLA order also has nulls to place).
 *
 * Each list names its orderings as sort keys: a column that is never null (or such a column of
 * a to-one relation), with the row's id breaking ties. A cursor carries the ordering it was made
 * for, the key's value and the id; one made for another ordering, or not ours, is refused.
 */

export type SortValue = Date | string | number
export type SortDirection = 'ASC' | 'DESC'

type Comparison<Value> = { gt: Value } | { lt: Value } | { equals: Value }

interface TypedSortKey<Kind extends string, Value, Row, Where, OrderBy> {
	kind: Kind
	valueOf: (row: Row) => Value
	/** the model's `where` for a comparison on the key's column */
	where: (comparison: Comparison<Value>) => Where
	orderBy: (direction: 'asc' | 'desc') => OrderBy
}

/** One ordering of a model's rows. `Where` and `OrderBy` are the model's Prisma input types. */
export type SortKey<Row, Where, OrderBy> =
	| TypedSortKey<'date', Date, Row, Where, OrderBy>
	| TypedSortKey<'string', string, Row, Where, OrderBy>
	| TypedSortKey<'number', number, Row, Where, OrderBy>

export interface KeysetRequest<Field extends string> {
	field: Field
	direction: SortDirection
	/** cursors as the client sent them */
	after?: string
	before?: string
	/** read backwards from the end: a `last` page (Pothos's resolveCursorConnection) */
	inverted: boolean
}

interface Key {
	value: SortValue
	id: string
}

export function encodeKeysetCursor<Row extends { id: string }, Field extends string>(
	keys: Record<Field, SortKey<Row, unknown, unknown>>,
	field: Field,
	row: Row,
): string {
	const value = keys[field].valueOf(row)
	const encoded = value instanceof Date ? value.getTime() : value
	return Buffer.from(JSON.stringify([field, encoded, row.id])).toString('base64url')
}

/** Null when the cursor is not one of ours or was made for another ordering. */
function decodeKeysetCursor(
	cursor: string,
	field: string,
	kind: SortKey<unknown, unknown, unknown>['kind'],
): Key | null {
	try {
		const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
		if (!Array.isArray(parsed) || parsed.length !== 3) return null
		const [f, value, id] = parsed as unknown[]
		if (f !== field || typeof id !== 'string' || !/^[\w-]{1,64}$/.test(id)) return null
		switch (kind) {
			case 'date':
				return typeof value === 'number' && Number.isFinite(value) ? { value: new Date(value), id } : null
			case 'number':
				return typeof value === 'number' && Number.isFinite(value) ? { value, id } : null
			case 'string':
				return typeof value === 'string' && value.length <= 1000 ? { value, id } : null
		}
	} catch {
		return null
	}
}

/**
 * The conditions (to AND with the list's own) and the ordering of one page: rows beyond `after`
 * and before `before` in the ordering, read backwards when `inverted`. Throws
 * InvalidListArgumentError for a cursor that is not valid for this list and ordering.
 */
export function keysetPage<Row, Where, OrderBy, Field extends string>(
	keys: Record<Field, SortKey<Row, Where, OrderBy>>,
	request: KeysetRequest<Field>,
): { where: Where[]; orderBy: OrderBy[] } {
	const key = keys[request.field]
	const forward = request.direction === 'ASC' ? 'asc' : 'desc'
	const backward = forward === 'asc' ? 'desc' : 'asc'
	const where: Where[] = []
	const beyond = (argument: 'after' | 'before', cursor: string | undefined, direction: 'asc' | 'desc') => {
		if (cursor === undefined) return
		const at = decodeKeysetCursor(cursor, request.field, key.kind)
		if (!at)
			throw new InvalidListArgumentError(argument, `The ${argument} cursor is not valid for this list and order.`)
		const cmp = direction === 'asc' ? 'gt' : 'lt'
		// the cursor's value was decoded as the key's kind, so it fits the key's comparison
		const compare = key.where as (comparison: Comparison<SortValue>) => Where
		where.push({
			OR: [
				compare({ [cmp]: at.value } as Comparison<SortValue>),
				{ AND: [compare({ equals: at.value }), { id: { [cmp]: at.id } }] },
			],
		} as Where)
	}
	beyond('after', request.after, forward)
	beyond('before', request.before, backward)
	const direction = request.inverted ? backward : forward
	return { where, orderBy: [key.orderBy(direction), { id: direction } as OrderBy] }
}
