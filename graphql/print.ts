import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql'

/** The committed SDL: sorted, so that a diff shows what changed and not where it was declared. */
export function printSchemaSDL(schema: GraphQLSchema): string {
	return `${printSchema(lexicographicSortSchema(schema))}\n`
}
