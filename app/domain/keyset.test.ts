import { describe, expect, test } from 'vitest'
import { InvalidListArgumentError } from './complaints/complaint-connection.ts'
import { encodeKeysetCursor, keysetPage, type SortKey } from './keyset.ts'

interface Row {
	id: string
	at: Date
	name: string
}
type Where = Record<string, unknown>
const KEYS: Record<'AT' | 'NAME', SortKey<Row, Where, Where>> = {
	AT: { kind: 'date', valueOf: (r) => r.at, where: (c) => ({ at: c }), orderBy: (d) => ({ at: d }) },
	NAME: { kind: 'string', valueOf: (r) => r.name, where: (c) => ({ name: c }), orderBy: (d) => ({ name: d }) },
}
const row: Row = { id: 'c1', at: new Date('2026-10-01T00:00:00Z'), name: 'Ann' }

describe('keyset paging', () => {
	test('no cursor: the ordering with the id breaking ties, reversed for a last page', () => {
		expect(keysetPage(KEYS, { field: 'AT', direction: 'DESC', inverted: false })).toEqual({
			where: [],
			orderBy: [{ at: 'desc' }, { id: 'desc' }],
		})
		expect(keysetPage(KEYS, { field: 'AT', direction: 'DESC', inverted: true }).orderBy).toEqual([
			{ at: 'asc' },
			{ id: 'asc' },
		])
	})

	test('after and before: strictly beyond the key, ties broken by id, in each direction', () => {
		const cursor = encodeKeysetCursor(KEYS, 'NAME', row)
		expect(keysetPage(KEYS, { field: 'NAME', direction: 'ASC', after: cursor, inverted: false }).where).toEqual([
			{ OR: [{ name: { gt: 'Ann' } }, { AND: [{ name: { equals: 'Ann' } }, { id: { gt: 'c1' } }] }] },
		])
		expect(keysetPage(KEYS, { field: 'NAME', direction: 'ASC', before: cursor, inverted: true }).where).toEqual([
			{ OR: [{ name: { lt: 'Ann' } }, { AND: [{ name: { equals: 'Ann' } }, { id: { lt: 'c1' } }] }] },
		])
		const dated = encodeKeysetCursor(KEYS, 'AT', row)
		expect(keysetPage(KEYS, { field: 'AT', direction: 'DESC', after: dated, inverted: false }).where).toEqual([
			{ OR: [{ at: { lt: row.at } }, { AND: [{ at: { equals: row.at } }, { id: { lt: 'c1' } }] }] },
		])
	})

	test.each([
		['not base64 JSON', 'nonsense'],
		['another ordering', encodeKeysetCursor(KEYS, 'AT', row)],
		['a date where a name belongs', Buffer.from(JSON.stringify(['NAME', 5, 'c1'])).toString('base64url')],
		['an id that cannot be one', Buffer.from(JSON.stringify(['NAME', 'Ann', "x' OR 1=1"])).toString('base64url')],
		['the wrong shape', Buffer.from(JSON.stringify({ field: 'NAME' })).toString('base64url')],
	])('a cursor with %s is refused as bad input', (_what, cursor) => {
		const page = () => keysetPage(KEYS, { field: 'NAME', direction: 'ASC', after: cursor, inverted: false })
		expect(page).toThrow(InvalidListArgumentError)
		expect(page).toThrow('The after cursor is not valid for this list and order.')
	})
})
