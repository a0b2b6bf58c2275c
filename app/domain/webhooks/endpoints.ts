import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'
import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { WebhookDeliveryStatus, WebhookEvent } from '#app/generated/prisma/enums.ts'
import { canManageApiTokens } from '../api-tokens/access.ts'
import { DomainValidationError, InsufficientAuthorityError, NotFoundError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import {
	MAX_ENDPOINTS_PER_ORGANIZATION,
	WEBHOOK_EVENTS,
	WebhookEndpointSchema,
	type WebhookEndpointInput,
} from './schemas.ts'
import { webhookUrlProblem } from './targets.ts'

/**
 * An organization's webhook endpoints (issue 5 §5), managed by the same people as its API tokens:
 * any member of a dealer or regional office, for their own organization, in a web session (never
 * with a token). The signing secret is shown once, when the endpoint is made; unlike a token it
 * is stored as is, because the worker needs it to sign (docs/decisions/011-webhooks.md).
 */

type Db = PrismaClient | Prisma.TransactionClient

export const WEBHOOK_SECRET_PREFIX = 'whsec_'
/** How many deliveries the log shows. */
export const DELIVERY_LOG_SIZE = 50

export function webhookOrganizationOf(viewer: Viewer): string {
	if (!canManageApiTokens(viewer)) throw new InsufficientAuthorityError('manage:webhooks')
	return viewer.organizationId
}

export function generateWebhookSecret(): string {
	const bytes = new Uint8Array(32)
	crypto.getRandomValues(bytes)
	return WEBHOOK_SECRET_PREFIX + encodeBase32LowerCaseNoPadding(bytes)
}

export interface WebhookEndpointView {
	id: string
	url: string
	events: WebhookEvent[]
	active: boolean
	createdAt: Date
	createdByName: string
}

export interface WebhookDeliveryView {
	id: string
	endpointId: string
	url: string
	eventType: string
	status: WebhookDeliveryStatus
	attempts: number
	lastStatusCode: number | null
	lastError: string | null
	createdAt: Date
	deliveredAt: Date | null
	nextAttemptAt: Date
}

const endpointSelect = {
	id: true,
	url: true,
	events: true,
	active: true,
	createdAt: true,
	createdBy: { select: { name: true } },
} satisfies Prisma.WebhookEndpointSelect

function endpointView({
	createdBy,
	events,
	...row
}: Prisma.WebhookEndpointGetPayload<{ select: typeof endpointSelect }>) {
	// in the order the page lists them, whatever order they were ticked in
	return { ...row, events: WEBHOOK_EVENTS.filter((e) => events.includes(e)), createdByName: createdBy.name }
}

export async function listWebhookEndpoints(db: Db, viewer: Viewer): Promise<WebhookEndpointView[]> {
	const organizationId = webhookOrganizationOf(viewer)
	const rows = await db.webhookEndpoint.findMany({
		where: { organizationId },
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		select: endpointSelect,
	})
	return rows.map(endpointView)
}

/** The organization's last deliveries, newest first, for every endpoint it has. */
export async function listWebhookDeliveries(db: Db, viewer: Viewer): Promise<WebhookDeliveryView[]> {
	const organizationId = webhookOrganizationOf(viewer)
	const rows = await db.webhookDelivery.findMany({
		where: { endpoint: { organizationId } },
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		take: DELIVERY_LOG_SIZE,
		select: {
			id: true,
			endpointId: true,
			eventType: true,
			status: true,
			attempts: true,
			lastStatusCode: true,
			lastError: true,
			createdAt: true,
			deliveredAt: true,
			nextAttemptAt: true,
			endpoint: { select: { url: true } },
		},
	})
	return rows.map(({ endpoint, ...row }) => ({ ...row, url: endpoint.url }))
}

export interface CreatedWebhookEndpoint {
	endpoint: WebhookEndpointView
	/** the signing secret: returned here once, and never shown again */
	secret: string
}

export async function createWebhookEndpoint(
	db: Db,
	viewer: Viewer,
	input: WebhookEndpointInput,
	{ allowLocalHttp, now = new Date() }: { allowLocalHttp: boolean; now?: Date },
): Promise<CreatedWebhookEndpoint> {
	const organizationId = webhookOrganizationOf(viewer)
	const parsed = WebhookEndpointSchema.safeParse(input)
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!
		throw new DomainValidationError(String(issue.path[0] ?? ''), issue.message)
	}
	const { url, events } = parsed.data
	const problem = webhookUrlProblem(url, { allowLocalHttp })
	if (problem) throw new DomainValidationError('url', problem.key, problem.params)
	const count = await db.webhookEndpoint.count({ where: { organizationId } })
	if (count >= MAX_ENDPOINTS_PER_ORGANIZATION)
		throw new DomainValidationError('url', 'webhooks:validation.tooMany', { max: MAX_ENDPOINTS_PER_ORGANIZATION })
	const secret = generateWebhookSecret()
	const row = await db.webhookEndpoint.create({
		data: {
			organizationId,
			url,
			events: WEBHOOK_EVENTS.filter((e) => events.includes(e)),
			secret,
			createdById: viewer.userId,
			createdAt: now,
		},
		select: endpointSelect,
	})
	return { endpoint: endpointView(row), secret }
}

/** Removes one of the organization's endpoints with its log; its pending deliveries go with it. */
export async function removeWebhookEndpoint(db: Db, viewer: Viewer, endpointId: string): Promise<void> {
	const organizationId = webhookOrganizationOf(viewer)
	const { count } = await db.webhookEndpoint.deleteMany({ where: { id: endpointId, organizationId } })
	if (count === 0) throw new NotFoundError('WebhookEndpoint')
}

/**
 * "Send test": a `ping` delivery to the endpoint, through the same queue, signature and retries
 * as the real events, so that a receiver can be checked end to end.
 */
export async function sendTestWebhook(
	db: Db,
	viewer: Viewer,
	endpointId: string,
	now = new Date(),
): Promise<{ deliveryId: string }> {
	const organizationId = webhookOrganizationOf(viewer)
	const endpoint = await db.webhookEndpoint.findFirst({
		where: { id: endpointId, organizationId },
		select: { id: true },
	})
	if (!endpoint) throw new NotFoundError('WebhookEndpoint')
	const row = await db.webhookDelivery.create({
		data: {
			endpointId,
			eventType: 'ping',
			payload: { endpointId, sentById: viewer.userId },
			idempotencyKey: `ping:${crypto.randomUUID()}`,
			nextAttemptAt: now,
			createdAt: now,
		},
		select: { id: true },
	})
	return { deliveryId: row.id }
}
