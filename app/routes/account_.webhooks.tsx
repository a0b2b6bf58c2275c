import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { isRouteErrorResponse, Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '#app/auth/current-user.server.ts'
import tokenStyles from '#app/components/api-tokens/api-tokens.css'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { replyOptionsFor } from '#app/components/settings/domain-errors.ts'
import {
	CreateEndpointForm,
	DeliveryLog,
	EndpointTable,
	NewEndpointNotice,
} from '#app/components/webhooks/webhooks.tsx'
import { canManageApiTokens } from '#app/domain/api-tokens/access.ts'
import { apiTokenOrganization } from '#app/domain/api-tokens/tokens.ts'
import { NotFoundError } from '#app/domain/errors.ts'
import {
	createWebhookEndpoint,
	listWebhookDeliveries,
	listWebhookEndpoints,
	removeWebhookEndpoint,
	sendTestWebhook,
} from '#app/domain/webhooks/endpoints.ts'
import { WebhookEndpointSchema } from '#app/domain/webhooks/schemas.ts'
import { redirectWithToast } from '#app/toast.server.ts'

export const meta: MetaFunction = () => [{ title: 'Webhook · Webhooks' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: tokenStyles }]

const PATH = '/account/webhooks'
const FIELDS = ['url', 'events'] as const

/**
 * An organization's webhook endpoints and their delivery log (issue 5 §5), next to its API tokens
 * and managed by the same people: any member of a dealer or regional office. Everyone else gets
 * 403, as on a settings page. See app/domain/webhooks/ and docs/decisions/011-webhooks.md.
 */
async function requireWebhookManager(request: Request, context: LoaderFunctionArgs['context']) {
	const signedIn = await requireUser(request, context)
	if (!canManageApiTokens(signedIn.viewer)) throw data(null, { status: 403 })
	return signedIn
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const { viewer } = await requireWebhookManager(request, context)
	const db = context.db.prisma
	const organization = await apiTokenOrganization(db, viewer)
	const endpoints = await listWebhookEndpoints(db, viewer)
	const deliveries = await listWebhookDeliveries(db, viewer)
	return { organization: organization.name, endpoints, deliveries }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { viewer } = await requireWebhookManager(request, context)
	const formData = await request.formData()
	const db = context.db.prisma
	const intent = formData.get('intent')
	if (intent === 'remove' || intent === 'test') {
		const endpointId = String(formData.get('endpointId') ?? '')
		try {
			if (intent === 'remove') await removeWebhookEndpoint(db, viewer, endpointId)
			else await sendTestWebhook(db, viewer, endpointId)
		} catch (error) {
			if (error instanceof NotFoundError) throw data(null, { status: 404 })
			throw error
		}
		return redirectWithToast(context.config, PATH, {
			kind: 'success',
			messageKey: intent === 'remove' ? 'webhooks:toast.removed' : 'webhooks:toast.testQueued',
		})
	}
	const submission = parseWithZod(formData, { schema: WebhookEndpointSchema })
	if (submission.status !== 'success') return data({ result: submission.reply(), created: null }, { status: 400 })
	try {
		const { endpoint, secret } = await createWebhookEndpoint(db, viewer, submission.value, {
			allowLocalHttp: context.config.webhookAllowLoopback,
		})
		// The one answer that carries the secret: no cache may keep it.
		return data(
			{ result: submission.reply({ resetForm: true }), created: { url: endpoint.url, secret } },
			{ headers: { 'Cache-Control': 'no-store' } },
		)
	} catch (error) {
		return data({ result: submission.reply(replyOptionsFor(error, FIELDS)), created: null }, { status: 400 })
	}
}

export default function WebhooksPage() {
	const { t } = useTranslation('webhooks')
	const { organization, endpoints, deliveries } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<>
			<p>
				<Link to="/account">{t('auth:account.title')}</Link> · <Link to="/account/api-tokens">{t('tokens:title')}</Link>
			</p>
			<h1>{t('title')}</h1>
			<p className="lead">{t('lead', { organization })}</p>
			<p>{t('verify')}</p>
			<p>
				<Link to="/developers#webhooks-title">{t('docs')}</Link>
			</p>
			{actionData?.created ? <NewEndpointNotice {...actionData.created} /> : null}
			<section className="panel" aria-labelledby="new-endpoint-title">
				<h2 id="new-endpoint-title">{t('create.title')}</h2>
				<CreateEndpointForm lastResult={actionData?.result} />
			</section>
			<section className="panel" aria-labelledby="endpoints-title">
				<h2 id="endpoints-title">{t('list.title')}</h2>
				<EndpointTable endpoints={endpoints} />
			</section>
			<section className="panel" aria-labelledby="deliveries-title">
				<h2 id="deliveries-title">{t('log.title')}</h2>
				<p>{t('log.lead')}</p>
				<DeliveryLog deliveries={deliveries} />
			</section>
		</>
	)
}

/** 403 says what the page is for and whose it is; anything else is the general error page. */
export function ErrorBoundary() {
	const error = useRouteError()
	const { t } = useTranslation(['webhooks', 'common'])
	if (!isRouteErrorResponse(error) || error.status !== 403) return <GeneralErrorBoundary />
	return (
		<section className="panel error-page" aria-labelledby="error-title">
			<h1 id="error-title">{t('webhooks:forbidden.title')}</h1>
			<p>{t('webhooks:forbidden.body')}</p>
			<p>
				<Link to="/">{t('common:errors.backHome')}</Link>
			</p>
		</section>
	)
}
