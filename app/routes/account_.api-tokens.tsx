import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { isRouteErrorResponse, Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '#app/auth/current-user.server.ts'
import { CreateTokenForm, NewTokenNotice, TokenTable } from '#app/components/api-tokens/api-tokens.tsx'
import tokenStyles from '#app/components/api-tokens/api-tokens.css'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { replyOptionsFor } from '#app/components/settings/domain-errors.ts'
import { canManageApiTokens } from '#app/domain/api-tokens/access.ts'
import { ApiTokenSchema } from '#app/domain/api-tokens/schemas.ts'
import { apiTokenOrganization, createApiToken, listApiTokens, revokeApiToken } from '#app/domain/api-tokens/tokens.ts'
import { NotFoundError } from '#app/domain/errors.ts'
import { redirectWithToast } from '#app/toast.server.ts'

export const meta: MetaFunction = () => [{ title: 'API 令牌 · API tokens' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: tokenStyles }]

const PATH = '/account/api-tokens'
const FIELDS = ['name', 'scopes', 'expiresInDays'] as const

/**
 * An organization's API tokens (issue 5 §3): any member of a dealer or regional office creates,
 * lists and revokes its tokens here. Everyone else gets 403: like a settings page, its existence
 * is no secret. See app/domain/api-tokens/.
 */
async function requireTokenManager(request: Request, context: LoaderFunctionArgs['context']) {
	const signedIn = await requireUser(request, context)
	if (!canManageApiTokens(signedIn.viewer)) throw data(null, { status: 403 })
	return signedIn
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { viewer } = await requireTokenManager(request, context)
	const db = context.db.prisma
	const [organization, tokens] = await Promise.all([apiTokenOrganization(db, viewer), listApiTokens(db, viewer)])
	return { organization: organization.name, endpoint: `${context.config.appUrl}/graphql`, tokens }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { viewer } = await requireTokenManager(request, context)
	const formData = await request.formData()
	const db = context.db.prisma
	if (formData.get('intent') === 'revoke') {
		try {
			await revokeApiToken(db, viewer, String(formData.get('tokenId') ?? ''))
		} catch (error) {
			if (error instanceof NotFoundError) throw data(null, { status: 404 })
			throw error
		}
		return redirectWithToast(context.config, PATH, { kind: 'success', messageKey: 'tokens:toast.revoked' })
	}
	const submission = parseWithZod(formData, { schema: ApiTokenSchema })
	if (submission.status !== 'success') return data({ result: submission.reply(), created: null }, { status: 400 })
	try {
		const { token, secret } = await createApiToken(db, viewer, submission.value)
		// The one answer that carries the secret: no cache may keep it.
		return data(
			{ result: submission.reply({ resetForm: true }), created: { name: token.name, secret } },
			{ headers: { 'Cache-Control': 'no-store' } },
		)
	} catch (error) {
		return data({ result: submission.reply(replyOptionsFor(error, FIELDS)), created: null }, { status: 400 })
	}
}

export default function ApiTokensPage() {
	const { t } = useTranslation('tokens')
	const { organization, endpoint, tokens } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<>
			<p>
				<Link to="/account">{t('auth:account.title')}</Link>
			</p>
			<h1>{t('title')}</h1>
			<p className="lead">{t('lead', { organization })}</p>
			<p>
				{t('usage', { endpoint })} <code>Authorization: Bearer cpt_…</code>
			</p>
			<p>
				<Link to="/developers">{t('docs')}</Link>
			</p>
			{actionData?.created ? <NewTokenNotice {...actionData.created} /> : null}
			<section className="panel" aria-labelledby="new-token-title">
				<h2 id="new-token-title">{t('create.title')}</h2>
				<CreateTokenForm lastResult={actionData?.result} />
			</section>
			<section className="panel" aria-labelledby="tokens-title">
				<h2 id="tokens-title">{t('list.title')}</h2>
				<TokenTable tokens={tokens} />
			</section>
		</>
	)
}

/** 403 says what the page is for and whose it is; anything else is the general error page. */
export function ErrorBoundary() {
	const error = useRouteError()
	const { t } = useTranslation(['tokens', 'common'])
	if (!isRouteErrorResponse(error) || error.status !== 403) return <GeneralErrorBoundary />
	return (
		<section className="panel error-page" aria-labelledby="error-title">
			<h1 id="error-title">{t('tokens:forbidden.title')}</h1>
			<p>{t('tokens:forbidden.body')}</p>
			<p>
				<Link to="/">{t('common:errors.backHome')}</Link>
			</p>
		</section>
	)
}
