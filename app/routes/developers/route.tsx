import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import docsStyles from '#app/components/api-docs/api-docs.css'
import { ApiDocsEn } from '#app/components/api-docs/docs-en.tsx'
import { ApiDocsZh } from '#app/components/api-docs/docs-zh.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { apiFacts } from './facts.server.ts'

export const meta: MetaFunction = () => [
	{ title: 'GraphQL API 文档 · API documentation' },
	{ name: 'description', content: 'How partners connect their systems to the after-sales portal’s GraphQL API.' },
]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: docsStyles }]

/**
 * The API documentation, public: partners read it before they have a token. The prose is a
 * component per language (app/components/api-docs/), too long for message keys; every number
 * and name in it comes from the code that enforces it, through this loader.
 */
export function loader({ context }: LoaderFunctionArgs) {
	return { facts: apiFacts(context) }
}

export default function DevelopersPage() {
	const { facts } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation('tokens')
	const scopes = facts.scopes.map((scope) => ({
		scope,
		label: t(`scope.${scope}`),
		hint: t(`scopeHint.${scope}`),
	}))
	return i18n.language === 'en' ? (
		<ApiDocsEn facts={facts} scopes={scopes} />
	) : (
		<ApiDocsZh facts={facts} scopes={scopes} />
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
