import {
	Kind,
	parse,
	type ASTVisitor,
	type FragmentDefinitionNode,
	type SelectionSetNode,
	type ValidationContext,
} from 'graphql'
import type { Plugin } from 'graphql-yoga'
import { queryTooComplexError } from '../errors.ts'

/**
 * Bounds on the shape of a query, checked before anything runs (DESIGN.md §9: Shopify's and
 * graphql-armor's numbers). The cost that counts page sizes, and the budget it is paid from, is
 * useQueryCost's (query-cost.ts), which runs after validation, once the variables are known.
 */
export const QUERY_LIMITS = {
	characters: 15_000,
	/** graphql-js stops its lexer here, so a huge document costs nothing to refuse */
	tokens: 2_000,
	depth: 10,
	aliases: 15,
	directives: 10,
} as const

export function useQueryLimits(): Plugin {
	return {
		onParse({ params, setParseFn }) {
			const source: string = typeof params.source === 'string' ? params.source : String(params.source?.body ?? '')
			if (source.length > QUERY_LIMITS.characters) {
				throw queryTooComplexError(`Queries are limited to ${QUERY_LIMITS.characters} characters.`)
			}
			setParseFn((src, options) => parse(src, { ...options, maxTokens: QUERY_LIMITS.tokens }))
		},
		onValidate({ addValidationRule }) {
			addValidationRule(QueryShapeRule)
		},
	}
}

interface Shape {
	depth: number
	aliases: number
	directives: number
}

function QueryShapeRule(context: ValidationContext): ASTVisitor {
	// Each fragment is measured once however often it is spread, so that nested spreads cannot
	// make this check itself slow; a spread still counts its aliases every time it is used.
	const measured = new Map<string, Shape>()
	const measuring = new Set<string>()

	function measureFragment(fragment: FragmentDefinitionNode): Shape {
		const name = fragment.name.value
		const known = measured.get(name)
		if (known) return known
		// a cycle; NoFragmentCyclesRule reports it
		if (measuring.has(name)) return { depth: 0, aliases: 0, directives: 0 }
		measuring.add(name)
		const shape = measure(fragment.selectionSet)
		measuring.delete(name)
		measured.set(name, shape)
		return shape
	}

	function measure(selectionSet: SelectionSetNode): Shape {
		const total: Shape = { depth: 0, aliases: 0, directives: 0 }
		for (const selection of selectionSet.selections) {
			total.directives += selection.directives?.length ?? 0
			let inner: Shape | null = null
			if (selection.kind === Kind.FIELD) {
				if (selection.alias) total.aliases += 1
				// Introspection is bounded by the schema itself, and GraphiQL's own query nests
				// `ofType` deeper than any limit meant for data (graphql-armor ignores it too).
				if (selection.name.value.startsWith('__')) continue
				inner = selection.selectionSet ? measure(selection.selectionSet) : { depth: 0, aliases: 0, directives: 0 }
				inner = { ...inner, depth: inner.depth + 1 }
			} else if (selection.kind === Kind.INLINE_FRAGMENT) {
				inner = measure(selection.selectionSet)
			} else {
				const fragment = context.getFragment(selection.name.value)
				if (fragment) inner = measureFragment(fragment)
			}
			if (inner) {
				total.depth = Math.max(total.depth, inner.depth)
				total.aliases += inner.aliases
				total.directives += inner.directives
			}
		}
		return total
	}

	return {
		OperationDefinition(operation) {
			const shape = measure(operation.selectionSet)
			shape.directives += operation.directives?.length ?? 0
			const name = operation.name ? `"${operation.name.value}"` : 'The operation'
			if (shape.depth > QUERY_LIMITS.depth) {
				context.reportError(
					queryTooComplexError(`${name} nests ${shape.depth} levels deep; the limit is ${QUERY_LIMITS.depth}.`),
				)
			}
			if (shape.aliases > QUERY_LIMITS.aliases) {
				context.reportError(
					queryTooComplexError(`${name} uses ${shape.aliases} aliases; the limit is ${QUERY_LIMITS.aliases}.`),
				)
			}
			if (shape.directives > QUERY_LIMITS.directives) {
				context.reportError(
					queryTooComplexError(`${name} uses ${shape.directives} directives; the limit is ${QUERY_LIMITS.directives}.`),
				)
			}
			return false
		},
	}
}
