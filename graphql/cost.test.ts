import { buildSchema, parse, validate, type GraphQLObjectType } from 'graphql'
import { describe, expect, test } from 'vitest'
import { operationCost } from './cost.ts'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './limits.ts'

// A schema of its own, shaped like ours (Relay connections, Node, payloads with userErrors), so
// that every rule is exercised whatever the real schema has grown to.
const schema = buildSchema(`
	interface Node { id: ID! }
	type PageInfo { hasNextPage: Boolean! endCursor: String }
	enum Status { OPEN CLOSED }
	type Customer implements Node { id: ID! name: String! }
	type Order implements Node { id: ID! number: String! customer: Customer! }
	type Message implements Node { id: ID! body: String! }
	type MessageEdge { cursor: String! node: Message! }
	type MessageConnection { edges: [MessageEdge!]! nodes: [Message!]! pageInfo: PageInfo! totalCount: Int! }
	type Complaint implements Node {
		id: ID!
		reference: String!
		status: Status!
		order: Order!
		messages(first: Int, last: Int, after: String, before: String): MessageConnection!
		attachments: [Customer!]!
	}
	type ComplaintEdge { cursor: String! node: Complaint! }
	type ComplaintConnection { edges: [ComplaintEdge!]! nodes: [Complaint!]! pageInfo: PageInfo! totalCount: Int! }
	type Query {
		complaints(first: Int, last: Int, after: String, before: String): ComplaintConnection!
		complaint(reference: String!): Complaint
		node(id: ID!): Node
		nodes(ids: [ID!]!): [Node]!
		statuses: [Status!]!
	}
	type UserError { field: [String!] message: String! }
	type ReplyPayload { complaint: Complaint userErrors: [UserError!]! }
	type Mutation { reply(id: ID!, body: String!): ReplyPayload! }
`)

function cost(query: string, variables: Record<string, unknown> = {}, operationName?: string) {
	const document = parse(query)
	expect(validate(schema, document)).toEqual([])
	const result = operationCost(schema, document, operationName, variables)
	if (!result) throw new Error('no cost')
	return result
}

describe('operationCost', () => {
	test('scalars and enums are free; each object costs 1', () => {
		expect(cost('{ statuses }').cost).toBe(0)
		expect(cost('{ complaint(reference: "x") { reference status } }').cost).toBe(1)
		// complaint 1 + order 1 + customer 1
		expect(cost('{ complaint(reference: "x") { order { number customer { name } } } }').cost).toBe(3)
	})

	test('a connection multiplies one item by first/last, edges and page info cost nothing', () => {
		// 1 + 10 × (complaint 1)
		expect(
			cost('{ complaints(first: 10) { edges { cursor node { reference } } pageInfo { hasNextPage } } }').cost,
		).toBe(11)
		expect(cost('{ complaints(last: 10) { nodes { reference } totalCount } }').cost).toBe(11)
		// 1 + 50 × (complaint 1 + order 1 + customer 1 + messages (1 + 5 × message 1))
		const nested = `query($n: Int) { complaints(first: $n) { nodes {
			order { customer { name } }
			messages(last: 5) { edges { node { body } } }
		} } }`
		expect(cost(nested, { n: 50 }).cost).toBe(1 + 50 * (3 + 1 + 5))
	})

	test('a connection asked for without first or last counts the default page size', () => {
		expect(cost('{ complaints { nodes { id } } }').cost).toBe(1 + DEFAULT_PAGE_SIZE)
	})

	test('first and last together count the smaller', () => {
		expect(cost('{ complaints(first: 30, last: 4) { nodes { id } } }').cost).toBe(5)
	})

	test('a page size above the cap is refused with the argument named', () => {
		const result = cost('query($n: Int) { complaints(first: $n) { nodes { id } } }', { n: MAX_PAGE_SIZE + 1 })
		expect(result.errors).toHaveLength(1)
		expect(result.errors[0]!.message).toBe('`first` is 101; a page holds at most 100 items.')
		expect(result.errors[0]!.extensions).toEqual({ code: 'PAGE_SIZE_OUT_OF_RANGE', argument: 'first', max: 100 })
		expect(result.errors[0]!.locations).toEqual([{ line: 1, column: 18 }])
		expect(cost('{ complaints(last: -1) { nodes { id } } }').errors.map((error) => error.message)).toEqual([
			'`last` cannot be negative.',
		])
		expect(cost('{ complaints(first: 100) { nodes { id } } }').errors).toEqual([])
	})

	test('nodes(ids:) costs one object per ID; an interface costs its most expensive type', () => {
		expect(cost('{ nodes(ids: ["a", "b", "c"]) { id } }').cost).toBe(3)
		// as a Complaint: 1 + order 1; as an Order: 1 + customer 1 + … the larger is taken
		const query = `{ node(id: "a") {
			... on Complaint { order { id } messages(first: 3) { nodes { id } } }
			... on Order { customer { id } }
		} }`
		expect(cost(query).cost).toBe(1 + 1 + (1 + 3))
	})

	test('fragments count wherever they are spread, @skip and @include are honoured', () => {
		const query = `query($withOrder: Boolean!) {
			a: complaint(reference: "a") { ...C }
			b: complaint(reference: "b") { ...C }
			c: complaint(reference: "c") @skip(if: true) { ...C }
		}
		fragment C on Complaint { reference order @include(if: $withOrder) { number } }`
		expect(cost(query, { withOrder: true }).cost).toBe(4)
		expect(cost(query, { withOrder: false }).cost).toBe(2)
	})

	test('a plain list counts as many objects as its field declares in extensions.listSize', () => {
		const query = '{ complaints(first: 2) { nodes { attachments { id } } } }'
		// undeclared: once; 1 + 2 × (complaint 1 + 1)
		expect(cost(query).cost).toBe(5)
		const attachments = (schema.getType('Complaint') as GraphQLObjectType).getFields()['attachments']!
		Object.assign(attachments.extensions, { listSize: 10 })
		try {
			// 1 + 2 × (complaint 1 + 10 × 1)
			expect(cost(query).cost).toBe(23)
		} finally {
			Object.assign(attachments.extensions, { listSize: undefined })
		}
	})

	test('a mutation costs 10 plus what its payload selects', () => {
		const mutation = `mutation { reply(id: "a", body: "b") { complaint { reference } userErrors { field message } } }`
		// 10 + complaint 1 + userErrors (a plain list, counted once) 1
		expect(cost(mutation).cost).toBe(12)
	})

	test('introspection is free', () => {
		expect(cost('{ __typename __schema { types { name fields { name } } } }').cost).toBe(0)
	})

	test('the operation named is the one costed; bad variables are left to the executor', () => {
		const document = 'query A { statuses } query B { complaint(reference: "x") { id } }'
		expect(cost(document, {}, 'B').cost).toBe(1)
		expect(operationCost(schema, parse('query($n: Int!) { complaints(first: $n) { nodes { id } } }'), null, {})).toBe(
			null,
		)
	})

	test('the actual cost counts the objects answered, never more than was asked for', () => {
		const page = cost('{ complaints(first: 10) { edges { node { reference order { number } } } } }')
		expect(page.cost).toBe(1 + 10 * 2)
		const three = Array.from({ length: 3 }, () => ({ node: { reference: 'r', order: { number: 'n' } } }))
		expect(page.actualCost({ complaints: { edges: three } })).toBe(1 + 3 * 2)
		expect(page.actualCost({ complaints: { edges: [] } })).toBe(1)
		// an answer without data tells nothing of the work done
		expect(page.actualCost(null)).toBe(21)

		const byIds = cost('{ nodes(ids: ["a", "b", "c"]) { ... on Complaint { order { id } } } }')
		expect(byIds.cost).toBe(6)
		expect(byIds.actualCost({ nodes: [{ order: { id: 'o' } }, null, { __typename: 'Customer' }] })).toBe(3)

		const mutation = cost('mutation { reply(id: "a", body: "b") { complaint { reference } userErrors { message } } }')
		expect(mutation.actualCost({ reply: { complaint: null, userErrors: [{ message: 'm' }] } })).toBe(11)
		// plain lists count once when asked for, so a longer one is capped at what was asked
		const errors = Array(5).fill({ message: 'm' })
		expect(mutation.actualCost({ reply: { complaint: { reference: 'r' }, userErrors: errors } })).toBe(12)
	})

	test('fragments spread in a doubling chain are costed in linear time', () => {
		const levels = 40
		const fragments = Array.from(
			{ length: levels },
			(_, i) => `fragment F${i} on Complaint { ...F${i + 1} ... on Complaint { ...F${i + 1} } }`,
		).join('\n')
		const query = `{ complaint(reference: "x") { ...F0 } } ${fragments} fragment F${levels} on Complaint { id }`
		const started = performance.now()
		const result = operationCost(schema, parse(query), null, {})
		expect(performance.now() - started).toBeLessThan(500)
		expect(result?.cost).toBe(1)
	})
})
