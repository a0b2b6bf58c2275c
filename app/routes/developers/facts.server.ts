import type { AppLoadContext } from '@remix-run/node'
import { API_TOKEN_SCOPES } from '#app/domain/api-tokens/scopes.ts'
import { API_TOKEN_PREFIX } from '#app/domain/api-tokens/tokens.ts'
import { MESSAGE_MAX, UPLOAD_LIMITS } from '#app/domain/complaints/schemas.ts'
import { PING_EVENT_TYPE, WEBHOOK_EVENT_TYPES } from '#app/domain/webhooks/partner-events.ts'
import { MAX_ENDPOINTS_PER_ORGANIZATION, WEBHOOK_EVENTS } from '#app/domain/webhooks/schemas.ts'
import { DEFAULT_TOLERANCE_SECONDS, SIGNATURE_VERSION, WEBHOOK_HEADERS } from '#app/webhooks/signature.server.ts'
import { MAX_ATTEMPTS, REQUEST_TIMEOUT_MS, USER_AGENT, webhookBackoffMs } from '#app/webhooks/worker.server.ts'
import { COST_LIMITS, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '#graphql/limits.ts'
import { CSRF_HEADER } from '#graphql/plugins/csrf-prevention.ts'
import { QUERY_LIMITS } from '#graphql/plugins/query-limits.ts'
import { SCHEMA_SDL_PATH } from '#graphql/plugins/schema-download.ts'
import { schema } from '#graphql/schema.ts'
import type { ApiFacts, TopLevelErrorCode } from '#app/components/api-docs/facts.ts'

/**
 * Every number and name the API documentation states, read from the code that enforces it, so
 * that the page cannot say one thing while the server does another. The prose
 * (app/components/api-docs/) only interpolates these.
 */

/** The codes a top-level error's `extensions.code` can carry; each is explained on the page. */
export const TOP_LEVEL_ERROR_CODES = [
	'UNAUTHENTICATED',
	'FORBIDDEN',
	'CSRF_PREVENTION',
	'BAD_USER_INPUT',
	'PAGE_SIZE_OUT_OF_RANGE',
	'QUERY_TOO_COMPLEX',
	'MAX_COST_EXCEEDED',
	'THROTTLED',
	'BAD_REQUEST',
	'REQUEST_ENTITY_TOO_LARGE',
	'GRAPHQL_PARSE_FAILED',
	'GRAPHQL_VALIDATION_FAILED',
] as const satisfies readonly TopLevelErrorCode[]

/** The values of an enum in the running schema, with their descriptions. */
function enumValues(name: string): Array<{ name: string; description: string }> {
	const type = schema.getType(name)
	if (!type || !('getValues' in type)) return []
	return type.getValues().map((v) => ({ name: v.name, description: v.description ?? '' }))
}

export function apiFacts(context: Pick<AppLoadContext, 'config' | 'limits'>): ApiFacts {
	const buckets = context.limits.queryCost
	return {
		endpoint: `${context.config.appUrl}/graphql`,
		schemaUrl: `${context.config.appUrl}${SCHEMA_SDL_PATH}`,
		schemaPath: SCHEMA_SDL_PATH,
		tokenPrefix: API_TOKEN_PREFIX,
		scopes: [...API_TOKEN_SCOPES],
		csrfHeader: CSRF_HEADER,
		pageSize: { default: DEFAULT_PAGE_SIZE, max: MAX_PAGE_SIZE },
		queryLimits: {
			characters: QUERY_LIMITS.characters,
			depth: QUERY_LIMITS.depth,
			aliases: QUERY_LIMITS.aliases,
			directives: QUERY_LIMITS.directives,
			tokens: QUERY_LIMITS.tokens,
		},
		cost: {
			maximumQueryCost: COST_LIMITS.maximumQueryCost,
			bucket: buckets.capacity,
			restoreRate: buckets.restoreRate,
			mutation: COST_LIMITS.mutation,
		},
		uploads: {
			maxFiles: UPLOAD_LIMITS.maxFilesPerComplaint,
			maxFileMegabytes: UPLOAD_LIMITS.maxFileBytes / (1024 * 1024),
			maxMegapixels: UPLOAD_LIMITS.maxPixels / 1_000_000,
		},
		messageMax: MESSAGE_MAX,
		webhooks: {
			headers: { ...WEBHOOK_HEADERS },
			signatureVersion: SIGNATURE_VERSION,
			toleranceSeconds: DEFAULT_TOLERANCE_SECONDS,
			timeoutSeconds: REQUEST_TIMEOUT_MS / 1000,
			maxAttempts: MAX_ATTEMPTS,
			// the full delay before the second attempt, and the cap the delays grow to
			firstRetrySeconds: webhookBackoffMs(1, () => 1) / 1000,
			maxRetryMinutes: webhookBackoffMs(MAX_ATTEMPTS + 10, () => 1) / 60_000,
			maxEndpoints: MAX_ENDPOINTS_PER_ORGANIZATION,
			events: WEBHOOK_EVENTS.map((event) => ({ event, type: WEBHOOK_EVENT_TYPES[event] })),
			pingType: PING_EVENT_TYPE,
			userAgent: USER_AGENT,
		},
		userErrorCodes: enumValues('UserErrorCode'),
		topLevelErrorCodes: [...TOP_LEVEL_ERROR_CODES],
	}
}
