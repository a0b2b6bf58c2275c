/**
 * Every GraphQL answer that ran (or was refused for its cost) carries `extensions.cost`
 * (graphql/plugins/query-cost.ts), whose numbers depend on what else the caller asked for.
 * Tests that compare whole bodies compare them without it; graphql/query-cost.db.test.ts checks it.
 */
export function withoutCost<T>(body: T): T {
	if (typeof body !== 'object' || body === null || !('extensions' in body)) return body
	const { extensions, ...rest } = body as { extensions?: Record<string, unknown> }
	const { cost: _cost, ...others } = extensions ?? {}
	return (Object.keys(others).length ? { ...rest, extensions: others } : rest) as T
}
