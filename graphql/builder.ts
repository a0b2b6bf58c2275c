import SchemaBuilder from '@pothos/core'
import DataloaderPlugin from '@pothos/plugin-dataloader'
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay'
import ScopeAuthPlugin from '@pothos/plugin-scope-auth'
import { GraphQLError, GraphQLObjectType, Kind, type GraphQLSchema } from 'graphql'
import { JSONResolver, LocalDateResolver } from 'graphql-scalars'
import { UPLOAD_LIMITS } from '#app/domain/complaints/schemas.ts'
import type { Context } from './context.ts'
import { badUserInputError, invalidGlobalIdError, unauthenticatedError } from './errors.ts'
import NullWhenUnauthorizedPlugin from './plugins/null-when-unauthorized.ts'

export interface AuthScopes {
	/** any signed-in person */
	signedIn: boolean
	/** company staff, any staff role */
	staff: boolean
	/** a customer's own account */
	customer: boolean
}

// GitHub's page size cap, applied to `nodes` too: one request, one bounded amount of work.
const MAX_NODES = 100

/**
 * The one SchemaBuilder. Types live in graphql/types/, one file each; this file holds only the
 * plugins, their options and the scalars. Relay comes first so that scopes see decoded global
 * IDs (STYLE.md, GraphQL).
 */
export const builder = new SchemaBuilder<{
	Context: Context
	AuthScopes: AuthScopes
	Scalars: {
		DateTime: { Input: Date; Output: Date }
		Upload: { Input: File; Output: never }
		JSON: { Input: unknown; Output: unknown }
		Date: { Input: string; Output: string }
	}
	DefaultFieldNullability: false
}>({
	// Non-null unless a field says otherwise, so that null always means something (GitHub's way).
	defaultFieldNullability: false,
	plugins: [RelayPlugin, ScopeAuthPlugin, DataloaderPlugin, NullWhenUnauthorizedPlugin],
	relay: {
		clientMutationId: 'omit',
		cursorType: 'String',
		// Any malformed ID is the client's mistake, reported as such; the message never echoes it.
		decodeGlobalID: (globalID) => {
			try {
				return decodeGlobalID(globalID)
			} catch {
				throw invalidGlobalIdError()
			}
		},
		nodeTypeOptions: { description: 'An object with a global ID, which `node` and `nodes` can fetch again.' },
		idFieldOptions: { description: 'Global ID: opaque, stable, and accepted by `node(id:)`.' },
		nodeQueryOptions: {
			description:
				'Fetches an object by its global ID. Null when it does not exist or the viewer may not see it: the two are indistinguishable.',
			args: { id: { description: 'The global ID of the object.' } },
			resolve: (_root, { id }, _context, info, resolveNode) => {
				assertNodeType(info.schema, id.typename)
				return resolveNode(id)
			},
		},
		nodesQueryOptions: {
			description:
				'Fetches objects by their global IDs, in the order given; null in place of any that does not exist or is not visible.',
			args: { ids: { description: `Global IDs of the objects, at most ${MAX_NODES}.` } },
			resolve: (_root, { ids }, _context, info, resolveNodes) => {
				if (ids.length > MAX_NODES) throw badUserInputError(`nodes takes at most ${MAX_NODES} IDs.`)
				for (const id of ids) assertNodeType(info.schema, id.typename)
				return resolveNodes(ids)
			},
		},
		pageInfoTypeOptions: { description: 'Where a page of a connection sits in the whole list.' },
		hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
		hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
		startCursorFieldOptions: { description: 'The cursor of the first item on this page.' },
		endCursorFieldOptions: { description: 'The cursor of the last item on this page.' },
		cursorFieldOptions: { description: 'An opaque cursor for paging from this item.' },
		nodeFieldOptions: { description: 'The item at the end of the edge.' },
		edgesFieldOptions: { description: 'The items on this page, with their cursors.' },
		nodesFieldOptions: { description: 'The items on this page.' },
		// GitHub's shorthand: `nodes` beside `edges`, for clients that need no cursor per item
		nodesOnConnection: { description: 'The items on this page, without their cursors.' },
		pageInfoFieldOptions: { description: 'Information to fetch the next or previous page.' },
		firstArgOptions: { description: 'Returns the first n items (at most 100).' },
		lastArgOptions: { description: 'Returns the last n items (at most 100).' },
		afterArgOptions: { description: 'Returns the items after this cursor.' },
		beforeArgOptions: { description: 'Returns the items before this cursor.' },
	},
	scopeAuth: {
		// Pothos's default is a bare "Not authorized" without a code. Nobody signed in is told to
		// authenticate (401, UNAUTHENTICATED); a signed-in caller without the scope gets FORBIDDEN.
		unauthorizedError: (_parent, context) =>
			context.viewer
				? new GraphQLError('You may not use this field.', { extensions: { code: 'FORBIDDEN' } })
				: unauthenticatedError('Sign in, or send an API token as `Authorization: Bearer <token>`.'),
		authScopes: ({ viewer }) => ({
			signedIn: viewer !== null,
			staff: viewer?.kind === 'STAFF',
			customer: viewer?.kind === 'CUSTOMER',
		}),
	},
})

function assertNodeType(schema: GraphQLSchema, typename: string) {
	const type = schema.getType(typename)
	if (!(type instanceof GraphQLObjectType) || !type.getInterfaces().some((i) => i.name === 'Node')) {
		throw invalidGlobalIdError()
	}
}

builder.scalarType('DateTime', {
	description: 'An instant in time, as an ISO 8601 string in UTC with milliseconds: `2026-11-23T08:30:00.000Z`.',
	serialize: (value) => value.toISOString(),
	parseValue: (value) => parseDateTime(value),
	parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : null),
})

const UPLOAD_DESCRIPTION = [
	'A file sent with the request, input only, as the GraphQL multipart request spec (https://github.com/jaydenseric/graphql-multipart-request-spec) lays out:',
	'a `multipart/form-data` POST whose `operations` part is the JSON request with `null` where each file goes,',
	'whose `map` part says which file part goes where (`{"0": ["variables.input.files.0"]}`), followed by the file parts.',
	'Cookie-authenticated requests also need the `x-graphql-csrf` header.',
	`A request carries at most ${UPLOAD_LIMITS.maxFilesPerComplaint} files of at most ${UPLOAD_LIMITS.maxFileBytes / (1024 * 1024)} MB each;`,
	'the type is taken from the bytes (JPEG, PNG, WebP, HEIC/HEIF, PDF), never from the name or the part’s Content-Type.',
].join(' ')

builder.scalarType('Upload', {
	description: UPLOAD_DESCRIPTION,
	serialize: () => {
		throw new TypeError('Upload is an input-only scalar.')
	},
	parseValue: (value) => {
		// the multipart parser (plugins/multipart-requests.ts) puts File objects into the variables
		if (value instanceof Blob && typeof (value as File).name === 'string') return value as File
		// a GraphQLError, so that the client reads this rather than a masked "Unexpected error."
		throw badUserInputError(
			'Upload takes a file part of a multipart request (the GraphQL multipart request spec), not a JSON value.',
		)
	},
	parseLiteral: () => {
		throw badUserInputError('Upload cannot be written in the query: send the file as a part of a multipart request.')
	},
})

// graphql-scalars' JSON: any JSON value, for records whose shape is data, such as the audit's before and after.
builder.addScalarType('JSON', JSONResolver, {
	description:
		'Any JSON value (an object, array, string, number, boolean or null), as recorded. Used where the shape is data rather than schema, such as a field’s value before and after a change.',
})

// graphql-scalars' LocalDate checks the form and the calendar; named Date as GitHub names it.
builder.addScalarType('Date', LocalDateResolver, {
	description:
		'A calendar date without a time or zone, as an ISO 8601 string: `2026-11-23`. Report periods are whole days in head office’s time zone (Asia/Shanghai).',
})

// An offset is required: a time without one means a different instant in every time zone.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

function parseDateTime(value: unknown): Date {
	const date = typeof value === 'string' && ISO_INSTANT.test(value) ? new Date(value) : null
	if (!date || Number.isNaN(date.getTime())) {
		throw new TypeError('DateTime must be an ISO 8601 string with a time zone offset, such as 2026-11-23T08:30:00Z.')
	}
	return date
}
