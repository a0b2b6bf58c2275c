import type { AppLoadContext } from '@remix-run/node'
import { data } from '@remix-run/node'
import type { SubmissionResult } from '@conform-to/react'
import { detectLanguage } from '#app/i18n/language.server.ts'
import { RateLimitedError } from '#app/rate-limit.server.ts'
import type { AccountDeps, RequestMeta } from './accounts.server.ts'
import { getSession } from './current-user.server.ts'
import { languageFromLocale } from '#app/i18n/config.ts'

/** What the account commands need to know about the request making them. */
export async function requestMeta(request: Request, context: AppLoadContext): Promise<RequestMeta> {
	const session = await getSession(request, context)
	return {
		ip: context.clientIp,
		userAgent: request.headers.get('user-agent'),
		language: await detectLanguage(request, languageFromLocale(session?.user.locale)),
	}
}

export function accountDeps(context: AppLoadContext): AccountDeps {
	return { db: context.db.prisma, config: context.config, limits: context.limits }
}

interface Reply {
	reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): SubmissionResult<string[]>
}

/**
 * Runs an account command; a rate limit becomes the form's error with the wait in seconds and
 * a 429 with Retry-After, instead of an error page.
 */
export async function withRateLimit<T>(submission: Reply, run: () => Promise<T>) {
	try {
		return { ok: true as const, value: await run() }
	} catch (error) {
		if (!(error instanceof RateLimitedError)) throw error
		return {
			ok: false as const,
			response: data(
				{
					result: submission.reply({ formErrors: ['common:errors.tooManyRequests'] }),
					retryAfter: error.retryAfterSeconds,
				},
				{ status: 429, headers: { 'Retry-After': String(error.retryAfterSeconds) } },
			),
		}
	}
}
