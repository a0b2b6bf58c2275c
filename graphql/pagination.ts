import { GraphQLError } from 'graphql'
import { InvalidListArgumentError } from '#app/domain/complaints/complaint-connection.ts'

/** GitHub's cap: no page holds more than this, whatever `first` or `last` asks. */
export const MAX_PAGE_SIZE = 100
export const DEFAULT_PAGE_SIZE = 20

export interface ConnectionArgs {
	first?: number | null
	last?: number | null
	after?: string | null
	before?: string | null
}

/**
 * Refuses a page size over the cap instead of quietly shortening the page (Pothos's default),
 * so that a client never mistakes a clamped page for the end of the list.
 */
export function assertPageSize(args: ConnectionArgs): void {
	for (const name of ['first', 'last'] as const) {
		const value = args[name]
		if (value == null) continue
		if (value < 0) throw pageSizeError(name, `\`${name}\` cannot be negative.`)
		if (value > MAX_PAGE_SIZE)
			throw pageSizeError(name, `\`${name}\` is ${value}; a page holds at most ${MAX_PAGE_SIZE} items.`)
	}
}

function pageSizeError(argument: string, message: string): GraphQLError {
	return new GraphQLError(message, {
		extensions: { code: 'PAGE_SIZE_OUT_OF_RANGE', argument, max: MAX_PAGE_SIZE },
	})
}

/** Runs a list read and turns its argument errors into BAD_USER_INPUT. */
export async function readingList<T>(read: () => Promise<T>): Promise<T> {
	try {
		return await read()
	} catch (error) {
		if (error instanceof InvalidListArgumentError)
			throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', argument: error.argument } })
		throw error
	}
}
