import {
	getArgumentValues,
	getDirectiveValues,
	getNamedType,
	getVariableValues,
	GraphQLError,
	GraphQLIncludeDirective,
	GraphQLObjectType,
	GraphQLSkipDirective,
	isAbstractType,
	isCompositeType,
	isObjectType,
	Kind,
	type DocumentNode,
	type FieldNode,
	type FragmentDefinitionNode,
	type GraphQLCompositeType,
	type GraphQLField,
	type GraphQLSchema,
	type OperationDefinitionNode,
	type SelectionNode,
	type SelectionSetNode,
} from 'graphql'
import { COST_LIMITS, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './limits.ts'

/**
 * What an operation will cost, computed from the validated document and its variables before
 * anything runs (Shopify's rules, README "GraphQL"):
 * - a field that returns an object costs 1, plus what it selects; scalars and enums cost 0;
 * - a connection costs 1 plus `first` (or `last`, or DEFAULT_PAGE_SIZE) times what one of its
 *   items selects; its edges and page info are wrappers and cost nothing themselves;
 * - `nodes(ids:)` costs one object per ID; a plain list counts as many objects as its field's
 *   `extensions.listSize` says (its cap, e.g. attachments per complaint), else once;
 * - a mutation field costs COST_LIMITS.mutation plus what its payload selects;
 * - an interface or union costs the most any of its possible types would;
 * - introspection (`__schema`, `__type`, `__typename`) costs nothing: the schema bounds it.
 * Each selection set is costed once per concrete type, so spreading a fragment many times, or
 * nesting abstract types, cannot make this calculation itself expensive.
 */
export interface OperationCost {
	cost: number
	/** `first`/`last` outside 0…MAX_PAGE_SIZE; the operation is refused when there are any */
	errors: GraphQLError[]
	/**
	 * What the answer actually cost, by the same rules with the objects it holds counted instead
	 * of the pages asked for: a page of 3 where 100 were asked for costs 3 (Shopify's
	 * actualQueryCost). Never more than `cost`; a mutation field costs its 10 whatever it answered,
	 * and an answer without data costs all of `cost`.
	 */
	actualCost(data: unknown): number
}

export function operationCost(
	schema: GraphQLSchema,
	document: DocumentNode,
	operationName: string | null | undefined,
	rawVariables: Record<string, unknown> | null | undefined,
): OperationCost | null {
	const fragments = new Map<string, FragmentDefinitionNode>()
	let operation: OperationDefinitionNode | undefined
	for (const definition of document.definitions) {
		if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
		else if (definition.kind === Kind.OPERATION_DEFINITION) {
			if (operationName ? definition.name?.value === operationName : !operation) operation = definition
		}
	}
	if (!operation) return null
	// Variables the executor will refuse anyway are left to it, so its message is the one sent.
	const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {})
	if (coerced.errors) return null
	const variables = coerced.coerced

	const rootType =
		operation.operation === 'query'
			? schema.getQueryType()
			: operation.operation === 'mutation'
				? schema.getMutationType()
				: schema.getSubscriptionType()
	if (!rootType) return null
	const mutationType = schema.getMutationType()
	const errors = new Map<string, GraphQLError>()
	const memo = new WeakMap<SelectionSetNode, Map<string, number>>()

	function included(selection: SelectionNode): boolean {
		if (getDirectiveValues(GraphQLSkipDirective, selection, variables)?.['if'] === true) return false
		if (getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.['if'] === false) return false
		return true
	}

	function applies(typeCondition: string | undefined, type: GraphQLObjectType): boolean {
		if (!typeCondition || typeCondition === type.name) return true
		const condition = schema.getType(typeCondition)
		return condition !== undefined && isAbstractType(condition) && schema.isSubType(condition, type)
	}

	function compositeCost(selectionSet: SelectionSetNode, type: GraphQLCompositeType): number {
		if (isObjectType(type)) return objectCost(selectionSet, type)
		let most = 0
		for (const possible of schema.getPossibleTypes(type)) most = Math.max(most, objectCost(selectionSet, possible))
		return most
	}

	function objectCost(selectionSet: SelectionSetNode, type: GraphQLObjectType): number {
		let byType = memo.get(selectionSet)
		if (!byType) memo.set(selectionSet, (byType = new Map()))
		const known = byType.get(type.name)
		if (known !== undefined) return known
		let total = 0
		for (const selection of selectionSet.selections) {
			if (!included(selection)) continue
			if (selection.kind === Kind.FIELD) total += fieldCost(selection, type)
			else if (selection.kind === Kind.INLINE_FRAGMENT) {
				if (applies(selection.typeCondition?.name.value, type)) total += objectCost(selection.selectionSet, type)
			} else {
				const fragment = fragments.get(selection.name.value)
				if (fragment && applies(fragment.typeCondition.name.value, type)) {
					total += objectCost(fragment.selectionSet, type)
				}
			}
		}
		byType.set(type.name, total)
		return total
	}

	function fieldCost(node: FieldNode, parent: GraphQLObjectType): number {
		if (node.name.value.startsWith('__')) return 0
		const field = parent.getFields()[node.name.value]
		if (!field) return 0
		const type = getNamedType(field.type)
		if (!isCompositeType(type)) return 0
		const children = node.selectionSet ? compositeCost(node.selectionSet, type) : 0
		if (parent === mutationType) return COST_LIMITS.mutation + children
		const args = getArgumentValues(field, node, variables)
		if (isConnection(field, type)) return 1 + pageSize(field, node, args) * children
		const own = isWrapper(type) ? 0 : 1
		const ids = args['ids']
		const count = node.name.value === 'nodes' && Array.isArray(ids) ? ids.length : listSizeOf(field)
		return count * (own + children)
	}

	function pageSize(field: GraphQLField<unknown, unknown>, node: FieldNode, args: Record<string, unknown>): number {
		const sizes: number[] = []
		for (const name of ['first', 'last'] as const) {
			const value = args[name]
			if (typeof value !== 'number') continue
			// the same answer as graphql/pagination.ts gives, only before anything runs
			const message =
				value < 0
					? `\`${name}\` cannot be negative.`
					: value > MAX_PAGE_SIZE
						? `\`${name}\` is ${value}; a page holds at most ${MAX_PAGE_SIZE} items.`
						: null
			if (message) {
				const extensions = { code: 'PAGE_SIZE_OUT_OF_RANGE', argument: name, max: MAX_PAGE_SIZE }
				errors.set(`${field.name}:${message}`, new GraphQLError(message, { nodes: [node], extensions }))
			}
			sizes.push(Math.max(0, Math.min(value, MAX_PAGE_SIZE)))
		}
		return sizes.length ? Math.min(...sizes) : DEFAULT_PAGE_SIZE
	}

	function valueCost(selectionSet: SelectionSetNode | undefined, type: GraphQLCompositeType, value: unknown): number {
		if (value === null || typeof value !== 'object') return 0
		if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + valueCost(selectionSet, type, item), 0)
		const own = isWrapper(type) ? 0 : 1
		if (!selectionSet) return own
		const object = value as Record<string, unknown>
		const typename = object['__typename']
		const named = typeof typename === 'string' ? schema.getType(typename) : undefined
		if (isObjectType(named)) return own + objectValueCost(selectionSet, named, object)
		if (isObjectType(type)) return own + objectValueCost(selectionSet, type, object)
		let most = 0
		for (const possible of schema.getPossibleTypes(type)) {
			most = Math.max(most, objectValueCost(selectionSet, possible, object))
		}
		return own + most
	}

	function objectValueCost(selectionSet: SelectionSetNode, type: GraphQLObjectType, object: Record<string, unknown>) {
		let total = 0
		for (const selection of selectionSet.selections) {
			if (!included(selection)) continue
			if (selection.kind === Kind.FIELD) {
				if (selection.name.value.startsWith('__')) continue
				const field = type.getFields()[selection.name.value]
				const fieldType = field && getNamedType(field.type)
				if (!fieldType || !isCompositeType(fieldType)) continue
				const value = object[selection.alias?.value ?? selection.name.value]
				if (type === mutationType) {
					const payload = valueCost(selection.selectionSet, fieldType, value)
					// the payload object itself is part of the mutation's own cost
					total += COST_LIMITS.mutation + Math.max(0, payload - 1)
				} else total += valueCost(selection.selectionSet, fieldType, value)
			} else if (selection.kind === Kind.INLINE_FRAGMENT) {
				if (applies(selection.typeCondition?.name.value, type)) {
					total += objectValueCost(selection.selectionSet, type, object)
				}
			} else {
				const fragment = fragments.get(selection.name.value)
				if (fragment && applies(fragment.typeCondition.name.value, type)) {
					total += objectValueCost(fragment.selectionSet, type, object)
				}
			}
		}
		return total
	}

	const root = rootType
	const cost = objectCost(operation.selectionSet, root)
	const selectionSet = operation.selectionSet
	return {
		cost,
		errors: [...errors.values()],
		// No data at all (an error at the root) tells nothing of the work done: nothing is given back.
		actualCost: (data) =>
			data && typeof data === 'object'
				? Math.min(cost, objectValueCost(selectionSet, root, data as Record<string, unknown>))
				: cost,
	}
}

/** A Relay connection: `…Connection` with page info, paged by `first`/`last`. */
function isConnection(field: GraphQLField<unknown, unknown>, type: GraphQLCompositeType): boolean {
	return (
		isObjectType(type) &&
		type.name.endsWith('Connection') &&
		'pageInfo' in type.getFields() &&
		field.args.some((arg) => arg.name === 'first' || arg.name === 'last')
	)
}

/** A plain list's most items, as its field declares (Pothos: `extensions: { listSize: 10 }`). */
function listSizeOf(field: GraphQLField<unknown, unknown>): number {
	const listSize = (field.extensions as { listSize?: unknown } | null | undefined)?.listSize
	return typeof listSize === 'number' && listSize >= 0 ? listSize : 1
}

/** Edges and page info only carry what the connection already fetched. */
function isWrapper(type: GraphQLCompositeType): boolean {
	if (type.name === 'PageInfo') return true
	if (!isObjectType(type) || !type.name.endsWith('Edge')) return false
	const fields = type.getFields()
	return 'node' in fields && 'cursor' in fields
}
