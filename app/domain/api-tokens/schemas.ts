import * as z from 'zod'
import { API_TOKEN_SCOPES } from './scopes.ts'

/**
 * A new API token's fields, for the form (client and server) and for createApiToken, which parses
 * them again. Messages are i18n keys.
 */

export const API_TOKEN_NAME_MAX = 80
/** How long a token may live, in days; `never` is the form's word for no expiry. */
export const EXPIRY_DAYS = [30, 90, 365] as const
export type ExpiryDays = (typeof EXPIRY_DAYS)[number]
export const EXPIRY_CHOICES = ['30', '90', '365', 'never'] as const

export const ApiTokenSchema = z.object({
	name: z
		.string({ error: 'validation:required' })
		.trim()
		.min(1, { error: 'validation:required' })
		.max(API_TOKEN_NAME_MAX, { error: 'tokens:validation.nameTooLong' }),
	// One ticked box arrives as a string, none as nothing: both become lists here.
	scopes: z.preprocess(
		(value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
		z
			.array(z.enum(API_TOKEN_SCOPES, { error: 'tokens:validation.chooseScope' }))
			.min(1, { error: 'tokens:validation.chooseScope' }),
	),
	expiresInDays: z.preprocess(
		(value) => (value === 'never' || value === null ? null : typeof value === 'string' ? Number(value) : value),
		z.literal(EXPIRY_DAYS, { error: 'validation:choose' }).nullable(),
	),
})
export type ApiTokenInput = z.output<typeof ApiTokenSchema>
