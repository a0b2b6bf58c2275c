import type { AppLoadContext } from '@remix-run/node'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { chooseLine, chooseOrder, getDraft, saveDraftStep, startDraft } from '#app/domain/complaints/drafts.ts'
import { fileComplaint } from '#app/domain/complaints/file-complaint.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import type { UserKind } from '#app/generated/prisma/enums.ts'
import { createTestContext, formRequest } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createOrder, createRegion, createUser } from '#tests/fixtures.ts'
import { loader as attachmentLoader } from './attachments.$attachmentId.tsx'
import { loader as thumbnailLoader } from './attachments.$attachmentId.thumbnail.tsx'
import { action as detailAction, loader as detailLoader } from './complaints.$reference.tsx'
import { loader as listLoader } from './complaints._index.tsx'
import { loader as filedLoader } from './complaints.filed.$reference.tsx'
import { loader as draftLoader } from './complaints.new.$draftId.tsx'
import { action as startAction, loader as startLoader } from './complaints.new._index.tsx'

/**
 * Every kind of visitor against every complaint page of the customer's portal. The complaint
 * belongs to `owner`; `dealer` sold the order; `office` is the region's regional office. What a
 * visitor may not see answers 404, exactly like a reference that does not exist; signed-out
 * visitors are sent to sign in.
 */

type Role = 'anonymous' | 'owner' | 'otherCustomer' | 'dealer' | 'otherDealer' | 'office' | 'staff'
const ROLES: Role[] = ['anonymous', 'owner', 'otherCustomer', 'dealer', 'otherDealer', 'office', 'staff']

let db: Database
let context: AppLoadContext
const people = {} as Record<Exclude<Role, 'anonymous'>, { viewer: Viewer; kind: UserKind; cookie: string }>
let reference: string
let attachmentId: string
let draftId: string

beforeAll(async () => {
	db = await createTestDatabase()
	context = createTestContext(db)
	const prisma = db.prisma
	const region = await createRegion(prisma)
	const org = (kind: 'DEALER' | 'REGIONAL_OFFICE') =>
		prisma.organization.create({
			data: { kind, code: `${kind}-${crypto.randomUUID().slice(0, 8)}`, name: kind, regionId: region.id },
		})
	const [dealerOrg, otherDealerOrg, officeOrg] = [
		await org('DEALER'),
		await org('DEALER'),
		await org('REGIONAL_OFFICE'),
	]
	const make = async (role: Exclude<Role, 'anonymous'>, options: Parameters<typeof createUser>[1]) => {
		const { user, viewer } = await createUser(prisma, options)
		const { token } = await createSession(prisma, { id: user.id, kind: viewer.kind })
		people[role] = { viewer, kind: viewer.kind, cookie: `${SESSION_COOKIE}=${token}` }
		return user
	}
	const owner = await make('owner', {})
	await make('otherCustomer', {})
	await make('dealer', { kind: 'DEALER', organizationId: dealerOrg.id })
	await make('otherDealer', { kind: 'DEALER', organizationId: otherDealerOrg.id })
	await make('office', { kind: 'REGIONAL_OFFICE', organizationId: officeOrg.id })
	await make('staff', { kind: 'STAFF', staffRole: 'AGENT' })

	const order = await createOrder(prisma, {
		regionId: region.id,
		customerId: owner.id,
		customerEmail: owner.email,
		dealerId: dealerOrg.id,
	})
	const deps = complaintDeps(context)
	const viewer = people.owner.viewer
	const draft = await startDraft(deps, viewer)
	await chooseOrder(deps, viewer, draft.id, order.orderNumber)
	await chooseLine(deps, viewer, draft.id, (await getDraft(deps, viewer, draft.id)).order!.lines[0]!.id)
	await saveDraftStep(deps, viewer, draft.id, {
		category: 'PRODUCT_QUALITY',
		severity: 'MINOR',
		title: '手轮松动',
		description: '阀门手轮使用一周后松动，无法关严。',
		requestedRemedy: 'REPAIR',
		preferredContact: 'EMAIL',
		notifyFrequency: 'EACH_CHANGE',
	})
	const filed = await fileComplaint(deps, viewer, draft.id)
	reference = filed.reference
	for (const key of ['attachments/test/matrix-photo', 'attachments/test/matrix-photo-thumb'])
		await context.storage.put(key, Readable.from([Buffer.from('not really a jpeg')]), { contentType: 'image/jpeg' })
	const attachment = await prisma.attachment.create({
		data: {
			complaintId: filed.complaintId,
			uploadedById: owner.id,
			kind: 'IMAGE',
			originalName: 'photo.jpg',
			contentType: 'image/jpeg',
			byteSize: 1,
			sha256: '0'.repeat(64),
			storageKey: 'attachments/test/matrix-photo',
			thumbnailKey: 'attachments/test/matrix-photo-thumb',
		},
	})
	attachmentId = attachment.id
	draftId = (await startDraft(deps, viewer)).id
})
afterAll(() => db.close())

function request(role: Role, url: string, init: RequestInit = {}) {
	const headers = new Headers(init.headers)
	if (role !== 'anonymous') headers.set('cookie', people[role].cookie)
	return new Request(`http://portal.test${url}`, { ...init, headers })
}

/** What the visitor gets: a status, or `login` for a redirect to the sign-in page. */
async function outcome(run: () => unknown): Promise<number | 'login'> {
	try {
		const result = await run()
		if (result instanceof Response) {
			if (result.status >= 300 && result.status < 400) {
				return result.headers.get('location')?.startsWith('/login') ? 'login' : result.status
			}
			return result.status
		}
		const init = (result as { init?: { status?: number } | null } | null)?.init
		return init?.status ?? 200
	} catch (thrown) {
		if (thrown instanceof Response) {
			return thrown.headers.get('location')?.startsWith('/login') ? 'login' : thrown.status
		}
		const status = (thrown as { init?: { status?: number } | null })?.init?.status
		if (status) return status
		throw thrown
	}
}

// who sees the complaint at all (DESIGN.md §1): its customer, the dealer who sold it, its region, staff
const SEES: Role[] = ['owner', 'dealer', 'office', 'staff']
const CUSTOMERS: Role[] = ['owner', 'otherCustomer']

describe.each(ROLES)('%s', (role) => {
	const signedOut = role === 'anonymous'

	test('My complaints lists only their own', async () => {
		const result = await outcome(() => listLoader({ request: request(role, '/complaints'), context, params: {} }))
		expect(result).toBe(signedOut ? 'login' : 200)
		if (signedOut) return
		const data = (await listLoader({ request: request(role, '/complaints'), context, params: {} })) as unknown
		expect(JSON.stringify(data).includes(reference)).toBe(role === 'owner')
	})

	test('the complaint page', async () => {
		const result = await outcome(() =>
			detailLoader({ request: request(role, `/complaints/${reference}`), context, params: { reference } }),
		)
		expect(result).toBe(signedOut ? 'login' : SEES.includes(role) ? 200 : 404)
	})

	test('the complaint page’s actions: only the customer may act', async () => {
		const before = await db.prisma.complaint.findUniqueOrThrow({ where: { reference } })
		const init = formRequest(`/complaints/${reference}`, {
			intent: 'set-notifications',
			notifyFrequency: 'DAILY_DIGEST',
		})
		const result = await outcome(() =>
			detailAction({
				request: request(role, `/complaints/${reference}`, {
					method: 'POST',
					body: init.body,
					headers: { 'content-type': 'application/x-www-form-urlencoded' },
					duplex: 'half',
				} as RequestInit),
				context,
				params: { reference },
			}),
		)
		const after = await db.prisma.complaint.findUniqueOrThrow({ where: { reference } })
		if (signedOut) expect(result).toBe('login')
		else if (!SEES.includes(role)) expect(result).toBe(404)
		else if (role === 'owner') expect(after.notifyFrequency).toBe('DAILY_DIGEST')
		else {
			expect(result).toBeGreaterThanOrEqual(400)
			expect(after.version).toBe(before.version)
		}
		if (role === 'owner')
			await db.prisma.complaint.update({ where: { reference }, data: { notifyFrequency: 'EACH_CHANGE' } })
	})

	test('the complaint’s files', async () => {
		for (const loader of [attachmentLoader, thumbnailLoader]) {
			const result = await outcome(() =>
				loader({ request: request(role, `/attachments/${attachmentId}`), context, params: { attachmentId } }),
			)
			expect(result).toBe(signedOut ? 'login' : SEES.includes(role) ? 200 : 404)
		}
	})

	test('filing pages are for customers; a draft only for its author', async () => {
		const start = await outcome(() => startLoader({ request: request(role, '/complaints/new'), context, params: {} }))
		expect(start).toBe(signedOut ? 'login' : CUSTOMERS.includes(role) ? 200 : 404)
		const create = await outcome(() =>
			startAction({
				request: request(role, '/complaints/new?index', {
					method: 'POST',
					body: new URLSearchParams({ intent: 'start' }),
					headers: { 'content-type': 'application/x-www-form-urlencoded' },
				}),
				context,
				params: {},
			}),
		)
		expect(create).toBe(signedOut ? 'login' : CUSTOMERS.includes(role) ? 302 : 404)
		const draft = await outcome(() =>
			draftLoader({ request: request(role, `/complaints/new/${draftId}`), context, params: { draftId } }),
		)
		expect(draft).toBe(signedOut ? 'login' : role === 'owner' ? 200 : 404)
		const filed = await outcome(() =>
			filedLoader({ request: request(role, `/complaints/filed/${reference}`), context, params: { reference } }),
		)
		expect(filed).toBe(signedOut ? 'login' : role === 'owner' ? 200 : 404)
	})
})
