import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { AppLoadContext, LoaderFunctionArgs } from '@remix-run/node'
import type { AnchorHTMLAttributes } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, test, vi } from 'vitest'
import { parseConfig } from '#app/config.server.ts'
import type { Language } from '#app/i18n/config.ts'
import { createI18n } from '#app/i18n/i18n.server.ts'
import { createRateLimits } from '#app/rate-limit.server.ts'
import { WEBHOOK_HEADERS } from '#app/webhooks/signature.server.ts'
import { MAX_ATTEMPTS } from '#app/webhooks/worker.server.ts'
import { COST_LIMITS, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '#graphql/limits.ts'
import { QUERY_LIMITS } from '#graphql/plugins/query-limits.ts'
import { TOP_LEVEL_ERROR_CODES } from './facts.server.ts'

/**
 * The documentation page as people read it, in both languages, with the loader's real facts; and
 * the list of error codes it explains against the codes the GraphQL server can send.
 */
const page = vi.hoisted(() => ({ loaderData: undefined as unknown }))
vi.mock('@remix-run/react', async (importOriginal) => ({
	...(await importOriginal<typeof import('@remix-run/react')>()),
	useLoaderData: () => page.loaderData,
	Link: ({ to, children, ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) => (
		<a href={to} {...props}>
			{children}
		</a>
	),
}))
const { default: DevelopersPage, loader } = await import('./route.tsx')

const context = {
	config: parseConfig({ NODE_ENV: 'test', APP_URL: 'https://portal.example.com' }),
	limits: createRateLimits(),
} as unknown as AppLoadContext

function render(language: Language): string {
	page.loaderData = loader({
		context,
		request: new Request('https://portal.example.com/developers'),
		params: {},
	} as LoaderFunctionArgs)
	return renderToStaticMarkup(
		<I18nextProvider i18n={createI18n(language)}>
			<DevelopersPage />
		</I18nextProvider>,
	)
}

/** The page's text without tags, entities decoded as a reader sees them. */
const text = (html: string) =>
	html
		.replace(/<[^>]+>/g, ' ')
		.replace(/&quot;/g, '"')
		.replace(/&#x27;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')

describe('the API documentation page', () => {
	test.each([
		['zh-CN', '身份验证', '每秒恢复'],
		['en', 'Authentication', 'refills by'],
	] as const)('renders in %s with the numbers the server enforces', (language, heading, refill) => {
		const html = render(language)
		const words = text(html)
		expect(html).toContain(`lang="${language}"`)
		expect(words).toContain(heading)
		expect(words).toContain(refill)
		for (const number of [
			QUERY_LIMITS.depth,
			QUERY_LIMITS.aliases,
			QUERY_LIMITS.directives,
			COST_LIMITS.maximumQueryCost,
			COST_LIMITS.restoreRate,
			COST_LIMITS.mutation,
			MAX_PAGE_SIZE,
			DEFAULT_PAGE_SIZE,
			MAX_ATTEMPTS,
		])
			expect(words).toMatch(new RegExp(`\\b${number}\\b`))
		expect(words).toContain(QUERY_LIMITS.characters.toLocaleString(language))
		for (const header of Object.values(WEBHOOK_HEADERS)) expect(words).toContain(header)
		expect(words).toContain('https://portal.example.com/graphql')
		for (const href of ['/account/api-tokens', '/account/webhooks', '/graphql/schema.graphql', '/graphql'])
			expect(html).toContain(`href="${href}"`)
		for (const code of TOP_LEVEL_ERROR_CODES) expect(words).toContain(code)
		// scopes are named as the token page names them
		expect(words).toContain(createI18n(language).t('tokens:scope.READ_COMPLAINTS'))
	})

	test('explains every top-level error code the GraphQL server can send', () => {
		const root = path.resolve(import.meta.dirname, '../../../graphql')
		const sent = new Set<string>()
		const walk = (dir: string) => {
			for (const entry of readdirSync(dir, { withFileTypes: true })) {
				const file = path.join(dir, entry.name)
				if (entry.isDirectory()) walk(file)
				else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
					for (const m of readFileSync(file, 'utf8').matchAll(/extensions:\s*\{\s*code:\s*'([A-Z_]+)'/g))
						sent.add(m[1]!)
				}
			}
		}
		walk(root)
		expect(sent.size).toBeGreaterThan(5)
		expect([...sent].filter((code) => !(TOP_LEVEL_ERROR_CODES as readonly string[]).includes(code))).toEqual([])
	})
})
