import type { ApiTokenScope, WebhookEvent } from '#app/generated/prisma/enums.ts'

/**
 * What the API documentation states, as the developers route's loader reads it from the code
 * that enforces it (app/routes/developers/facts.server.ts). The prose only interpolates these.
 */
export type TopLevelErrorCode =
	| 'UNAUTHENTICATED'
	| 'FORBIDDEN'
	| 'CSRF_PREVENTION'
	| 'BAD_USER_INPUT'
	| 'PAGE_SIZE_OUT_OF_RANGE'
	| 'QUERY_TOO_COMPLEX'
	| 'MAX_COST_EXCEEDED'
	| 'THROTTLED'
	| 'BAD_REQUEST'
	| 'REQUEST_ENTITY_TOO_LARGE'
	| 'GRAPHQL_PARSE_FAILED'
	| 'GRAPHQL_VALIDATION_FAILED'

export interface WebhookFacts {
	headers: { id: string; event: string; timestamp: string; signature: string }
	signatureVersion: string
	toleranceSeconds: number
	timeoutSeconds: number
	maxAttempts: number
	firstRetrySeconds: number
	maxRetryMinutes: number
	maxEndpoints: number
	events: Array<{ event: WebhookEvent; type: string }>
	pingType: string
	userAgent: string
}

export interface ApiFacts {
	endpoint: string
	schemaUrl: string
	schemaPath: string
	tokenPrefix: string
	scopes: ApiTokenScope[]
	csrfHeader: string
	pageSize: { default: number; max: number }
	queryLimits: { characters: number; depth: number; aliases: number; directives: number; tokens: number }
	cost: { maximumQueryCost: number; bucket: number; restoreRate: number; mutation: number }
	uploads: { maxFiles: number; maxFileMegabytes: number; maxMegapixels: number }
	/** the longest reply or note, in characters */
	messageMax: number
	webhooks: WebhookFacts
	userErrorCodes: Array<{ name: string; description: string }>
	topLevelErrorCodes: TopLevelErrorCode[]
}
