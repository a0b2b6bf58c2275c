import { encodeGlobalID } from '@pothos/plugin-relay'
import { createComplaintUpdates, type ComplaintUpdates } from '#app/complaints/updates.server.ts'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { parseConfig, type Config } from '#app/config.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { API_TOKEN_SCOPES } from '#app/domain/api-tokens/scopes.ts'
import { createApiToken, revokeApiToken } from '#app/domain/api-tokens/tokens.ts'
import type { ComplaintDeps } from '#app/domain/complaints/ports.ts'
import { proposeResolution } from '#app/domain/complaints/proposals.ts'
import { viewerFromUser, type Viewer } from '#app/domain/viewer.ts'
import type {
	ComplaintCategory,
	ComplaintStatus,
	MessageVisibility,
	Responsibility,
	StaffRole,
	UserKind,
} from '#app/generated/prisma/enums.ts'
import { createLogger } from '#app/logger.server.ts'
import { createRateLimits, type RateLimits } from '#app/rate-limit.server.ts'
import { createGraphQLHandler, type GraphQLHandler } from '#graphql/yoga.ts'
import { createTestStorage } from './context.ts'
import { createOrder } from './fixtures.ts'

/**
 * The people, organizations and complaints of the GraphQL authorization matrix
 * (graphql/authorization-matrix.db.test.ts), built once per test file:
 *
 * - complaint A: the customer's, sold by the dealer in the east; complaint B: the other
 *   customer's, sold by the other dealer in the west. A carries one message, event and file of
 *   each visibility, two proposals (one waiting for approval, one offered) and a finding.
 * - partners (dealers, regional offices) ask with API tokens holding every scope, as their
 *   integrations do; `dealerSession` is the same dealer signed in to the portal.
 * - staff sit at headquarters, except the regional manager of the east regional office.
 */

export const ROLES = [
	'anonymous',
	'revokedToken',
	'expiredToken',
	'customer',
	'otherCustomer',
	'dealer',
	'otherDealer',
	'dealerSession',
	'office',
	'otherOffice',
	'agent',
	'quality',
	'manager',
	'otherManager',
	'marketing',
	'general',
	'admin',
] as const
export type Role = (typeof ROLES)[number]
export type SignedInRole = Exclude<Role, 'anonymous' | 'revokedToken' | 'expiredToken'>

export interface Person {
	id: string
	name: string
	email: string
	viewer: Viewer
	/** what the role sends: a session cookie or an API token */
	auth: { cookie: string } | { bearer: string }
}

export interface Fixture {
	id: string
	globalId: string
}

export interface World {
	db: Database
	yoga: GraphQLHandler
	config: Config
	people: Record<SignedInRole, Person>
	/** the secrets of a revoked and an expired token of the dealer */
	refusedTokens: { revokedToken: string; expiredToken: string }
	regions: { east: Fixture; west: Fixture }
	organizations: { dealer: Fixture; otherDealer: Fixture; office: Fixture; otherOffice: Fixture; hq: Fixture }
	complaints: Record<'A' | 'B', Fixture & { reference: string; order: Fixture; line: Fixture }>
	/** complaint A's parts, one of each visibility */
	messages: Record<MessageVisibility, Fixture>
	attachments: Record<MessageVisibility, Fixture>
	/** a new order of the customer, sold by the dealer in the east, with one line */
	newOrder: () => Promise<{ id: string; orderNumber: string }>
	/** a complaint of the customer, sold by the dealer in the east, put straight into a status */
	complaintIn: (
		status: ComplaintStatus,
		over?: { category?: ComplaintCategory; responsibility?: Responsibility | null; closedAt?: Date },
	) => Promise<Fixture>
	/** the `complaintUpdated` subscriptions' announcer, which the world's Yoga listens to */
	complaintUpdates: ComplaintUpdates
	/** the commands' dependencies, announcing what they commit to the world's subscriptions */
	deps: () => ComplaintDeps
	close: () => Promise<void>
}

const DAY = 86_400_000

export async function createGraphQLWorld(db: Database): Promise<World> {
	const config = parseConfig({ NODE_ENV: 'production', APP_URL: 'http://portal.test' })
	const limits: RateLimits = createRateLimits()
	const complaintUpdates = createComplaintUpdates({ logger: createLogger('silent') })
	const yoga = createGraphQLHandler({
		config,
		db,
		logger: createLogger('silent'),
		limits,
		storage: createTestStorage(),
		complaintUpdates,
	})
	const prisma = db.prisma
	const tag = crypto.randomUUID().slice(0, 8)

	const region = (code: string, zh: string) =>
		prisma.region.create({ data: { code: `${code}-${tag}`, nameZh: zh, nameEn: code } })
	const east = await region('EAST', '华东')
	const west = await region('WEST', '华西')
	const org = (code: string, kind: 'DEALER' | 'REGIONAL_OFFICE' | 'HQ', regionId: string | null) =>
		prisma.organization.create({ data: { code: `${code}-${tag}`, kind, name: code, regionId } })
	const dealerOrg = await org('D-EAST', 'DEALER', east.id)
	const otherDealerOrg = await org('D-WEST', 'DEALER', west.id)
	const officeOrg = await org('RO-EAST', 'REGIONAL_OFFICE', east.id)
	const otherOfficeOrg = await org('RO-WEST', 'REGIONAL_OFFICE', west.id)
	const hq = await org('HQ', 'HQ', null)

	const account = async (
		name: string,
		kind: UserKind,
		options: { staffRole?: StaffRole; organizationId?: string } = {},
	) => {
		const user = await prisma.user.create({
			data: {
				email: `${name.toLowerCase()}-${tag}@example.com`,
				name,
				kind,
				staffRole: options.staffRole ?? null,
				organizationId: options.organizationId ?? null,
				passwordHash: 'not-a-hash',
				emailVerifiedAt: new Date(),
			},
			include: { organization: true },
		})
		return { id: user.id, name: user.name, email: user.email, viewer: viewerFromUser(user), kind }
	}
	const withSession = async (person: Awaited<ReturnType<typeof account>>): Promise<Person> => {
		const { token } = await createSession(prisma, { id: person.id, kind: person.kind })
		return { ...person, auth: { cookie: `${SESSION_COOKIE}=${token}` } }
	}
	const withToken = async (person: Awaited<ReturnType<typeof account>>): Promise<Person> => {
		const { secret } = await createApiToken(prisma, person.viewer, {
			name: `matrix ${crypto.randomUUID()}`,
			scopes: [...API_TOKEN_SCOPES],
			expiresInDays: 30,
		})
		return { ...person, auth: { bearer: secret } }
	}

	const dealerMember = await account('Dealer', 'DEALER', { organizationId: dealerOrg.id })
	const people: Record<SignedInRole, Person> = {
		customer: await withSession(await account('Customer', 'CUSTOMER')),
		otherCustomer: await withSession(await account('OtherCustomer', 'CUSTOMER')),
		dealer: await withToken(dealerMember),
		otherDealer: await withToken(await account('OtherDealer', 'DEALER', { organizationId: otherDealerOrg.id })),
		dealerSession: await withSession(dealerMember),
		office: await withToken(await account('Office', 'REGIONAL_OFFICE', { organizationId: officeOrg.id })),
		otherOffice: await withToken(
			await account('OtherOffice', 'REGIONAL_OFFICE', { organizationId: otherOfficeOrg.id }),
		),
		agent: await withSession(await account('Agent', 'STAFF', { staffRole: 'AGENT', organizationId: hq.id })),
		quality: await withSession(
			await account('Quality', 'STAFF', { staffRole: 'QUALITY_ENGINEER', organizationId: hq.id }),
		),
		manager: await withSession(
			await account('Manager', 'STAFF', { staffRole: 'REGIONAL_MANAGER', organizationId: officeOrg.id }),
		),
		otherManager: await withSession(
			await account('OtherManager', 'STAFF', { staffRole: 'REGIONAL_MANAGER', organizationId: otherOfficeOrg.id }),
		),
		marketing: await withSession(
			await account('Marketing', 'STAFF', { staffRole: 'MARKETING_DIRECTOR', organizationId: hq.id }),
		),
		general: await withSession(
			await account('General', 'STAFF', { staffRole: 'GENERAL_MANAGER', organizationId: hq.id }),
		),
		admin: await withSession(await account('Admin', 'STAFF', { staffRole: 'ADMIN', organizationId: hq.id })),
	}

	const revoked = await createApiToken(prisma, dealerMember.viewer, {
		name: `revoked ${tag}`,
		scopes: [...API_TOKEN_SCOPES],
		expiresInDays: 30,
	})
	await revokeApiToken(prisma, dealerMember.viewer, revoked.token.id)
	const expired = await createApiToken(
		prisma,
		dealerMember.viewer,
		{ name: `expired ${tag}`, scopes: [...API_TOKEN_SCOPES], expiresInDays: 30 },
		new Date(Date.now() - 31 * DAY),
	)

	let sequence = 0
	const nextReference = () =>
		`CMP-2026-${String(800_000 + Number.parseInt(tag.slice(0, 4), 16) + ++sequence).padStart(6, '0')}`
	const agentId = people.agent.id

	const fileComplaint = async (
		customer: Person,
		dealerId: string,
		regionId: string,
		status: ComplaintStatus,
		over: { category?: ComplaintCategory; responsibility?: Responsibility | null; closedAt?: Date } = {},
	) => {
		const now = Date.now()
		const order = await createOrder(prisma, {
			regionId,
			dealerId,
			customerId: customer.id,
			customerEmail: customer.email,
			lines: 1,
		})
		const row = await prisma.complaint.create({
			data: {
				reference: nextReference(),
				customerId: customer.id,
				filedById: customer.id,
				orderId: order.id,
				orderLineId: order.lines[0]!.id,
				regionId,
				dealerId,
				assigneeId: agentId,
				department: 'QUALITY',
				category: over.category ?? 'HANDLING_DAMAGE',
				severity: 'MINOR',
				status,
				title: '外箱破损',
				description: '收货时外箱破损，阀门手柄弯曲。',
				requestedRemedy: 'REPAIR',
				createdAt: new Date(now - 3 * DAY),
				customerUpdatedAt: new Date(now - 3 * DAY),
				firstResponseDueAt: new Date(now - 2 * DAY),
				firstRespondedAt: status === 'SUBMITTED' ? null : new Date(now - 2 * DAY),
				resolutionDueAt: status === 'SUBMITTED' ? null : new Date(now + 2 * DAY),
				slaState: 'AT_RISK',
				slaDueAt: new Date(now + 2 * DAY),
				slaStateChangedAt: new Date(now - DAY),
				isKeyAccount: true,
				responsibility: over.responsibility === undefined ? 'NOT_COMPANY' : over.responsibility,
				responsibilityAt: over.responsibility === null ? null : new Date(now - DAY),
				closedAt: status === 'CLOSED' ? (over.closedAt ?? new Date(now - 5 * DAY)) : null,
				closeReason: status === 'CLOSED' ? 'COMPLETED' : null,
			},
		})
		await prisma.complaintEvent.create({
			data: {
				complaintId: row.id,
				actorId: customer.id,
				type: 'filed',
				toStatus: 'SUBMITTED',
				version: 1,
				createdAt: new Date(now - 3 * DAY),
			},
		})
		return {
			id: row.id,
			globalId: encodeGlobalID('Complaint', row.id),
			reference: row.reference,
			order: { id: order.id, globalId: encodeGlobalID('Order', order.id) },
			line: { id: order.lines[0]!.id, globalId: encodeGlobalID('OrderLine', order.lines[0]!.id) },
		}
	}

	const complaintA = await fileComplaint(people.customer, dealerOrg.id, east.id, 'INVESTIGATING')
	const complaintB = await fileComplaint(people.otherCustomer, otherDealerOrg.id, west.id, 'INVESTIGATING')

	const messages = {} as World['messages']
	const attachments = {} as World['attachments']
	let minute = 0
	const at = () => new Date(Date.now() - DAY + minute++ * 60_000)
	for (const visibility of ['PUBLIC', 'PARTNER', 'INTERNAL'] as const) {
		const message = await prisma.complaintMessage.create({
			data: {
				complaintId: complaintA.id,
				authorId: agentId,
				visibility,
				body: `${visibility} message`,
				createdAt: at(),
			},
		})
		messages[visibility] = { id: message.id, globalId: encodeGlobalID('Message', message.id) }
		await prisma.complaintEvent.create({
			data: {
				complaintId: complaintA.id,
				actorId: agentId,
				type: visibility === 'INTERNAL' ? 'note_added' : 'reply',
				visibility,
				createdAt: at(),
			},
		})
		const attachment = await prisma.attachment.create({
			data: {
				complaintId: complaintA.id,
				uploadedById: agentId,
				visibility,
				kind: 'IMAGE',
				originalName: `${visibility}.jpg`,
				contentType: 'image/jpeg',
				byteSize: 1000,
				width: 40,
				height: 30,
				sha256: 'x'.repeat(64),
				storageKey: `attachments/matrix/${visibility.toLowerCase()}-${complaintA.id}`,
				thumbnailKey: `attachments/matrix/${visibility.toLowerCase()}-${complaintA.id}-thumb`,
				createdAt: at(),
			},
		})
		attachments[visibility] = { id: attachment.id, globalId: encodeGlobalID('Attachment', attachment.id) }
	}
	// a refund of CNY 1,000 waits for the east's regional manager (the default approval rules)
	const { offered } = await proposeResolution(complaintDeps({ db, config }), people.agent.viewer, complaintA.id, {
		type: 'REFUND',
		summary: 'PENDING_APPROVAL proposal',
		amountMinor: 100_000,
		costBearer: 'COMPANY',
	})
	if (offered) throw new Error('the default approval rules let a CNY 1,000 refund through unapproved')
	await prisma.resolutionProposal.create({
		data: {
			complaintId: complaintA.id,
			proposedById: agentId,
			type: 'REPLACEMENT',
			summary: 'OFFERED proposal',
			costBearer: 'COMPANY',
			status: 'OFFERED',
			createdAt: new Date(),
		},
	})

	return {
		db,
		yoga,
		config,
		people,
		refusedTokens: { revokedToken: revoked.secret, expiredToken: expired.secret },
		regions: {
			east: { id: east.id, globalId: encodeGlobalID('Region', east.id) },
			west: { id: west.id, globalId: encodeGlobalID('Region', west.id) },
		},
		organizations: {
			dealer: { id: dealerOrg.id, globalId: encodeGlobalID('Organization', dealerOrg.id) },
			otherDealer: { id: otherDealerOrg.id, globalId: encodeGlobalID('Organization', otherDealerOrg.id) },
			office: { id: officeOrg.id, globalId: encodeGlobalID('Organization', officeOrg.id) },
			otherOffice: { id: otherOfficeOrg.id, globalId: encodeGlobalID('Organization', otherOfficeOrg.id) },
			hq: { id: hq.id, globalId: encodeGlobalID('Organization', hq.id) },
		},
		complaints: { A: complaintA, B: complaintB },
		messages,
		attachments,
		newOrder: () =>
			createOrder(prisma, {
				regionId: east.id,
				dealerId: dealerOrg.id,
				customerId: people.customer.id,
				customerEmail: people.customer.email,
				lines: 1,
			}),
		complaintIn: (status, over) => fileComplaint(people.customer, dealerOrg.id, east.id, status, over),
		complaintUpdates,
		deps: () => complaintDeps({ db, config, complaintUpdates }),
		close: async () => {
			await complaintUpdates.close()
			await limits.close()
		},
	}
}

export interface Answer {
	status: number
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
	data?: Record<string, any> | null
	errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>
}

/** Posts a GraphQL request to the world's Yoga as `role`, the way that role's client sends it. */
export async function postAs(world: World, role: Role, query: string, variables: unknown = {}): Promise<Answer> {
	const headers = { 'content-type': 'application/json', ...credentialsOf(world, role) }
	const response = await world.yoga.fetch('http://portal.test/graphql', {
		method: 'POST',
		headers,
		body: JSON.stringify({ query, variables }),
	})
	const body = (await response.json()) as Omit<Answer, 'status'>
	return { status: response.status, data: body.data, ...(body.errors ? { errors: body.errors } : {}) }
}

/** The headers that carry `role`'s credentials: a session cookie, an API token, or none. */
export function credentialsOf(world: World, role: Role): Record<string, string> {
	if (role === 'anonymous') return {}
	if (role === 'revokedToken' || role === 'expiredToken')
		return { authorization: `Bearer ${world.refusedTokens[role]}` }
	const auth = world.people[role].auth
	return 'cookie' in auth ? { cookie: auth.cookie } : { authorization: `Bearer ${auth.bearer}` }
}
