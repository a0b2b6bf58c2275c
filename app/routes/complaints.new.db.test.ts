import type { AppLoadContext } from '@remix-run/node'
import sharp from 'sharp'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { addDraftAttachment } from '#app/domain/complaints/drafts.ts'
import { createLocalDiskStorage } from '#app/storage/local-disk.server.ts'
import { createSession } from '#app/auth/session.server.ts'
import { decodeMessage } from '#app/components/filing/messages.tsx'
import type { Database } from '#app/db/database.server.ts'
import { normalizeOrderNumber } from '#app/domain/orders/order-number.ts'
import { createI18n } from '#app/i18n/i18n.server.ts'
import { seedKnowledgeArticles } from '../../prisma/seed/knowledge-articles.ts'
import { createTestContext } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createCustomerWithOrder, createOrder, createUser } from '#tests/fixtures.ts'
import { loader as filedLoader } from './complaints.filed.$reference.tsx'
import { loader as articlesLoader } from './complaints.new.articles.ts'
import { action as contactAction, loader as contactLoader } from './complaints.new.$draftId.contact.tsx'
import { action as detailsAction, loader as detailsLoader } from './complaints.new.$draftId.details.tsx'
import { loader as layoutLoader } from './complaints.new.$draftId.tsx'
import { action as lineAction } from './complaints.new.$draftId.line.tsx'
import { action as orderAction, loader as orderLoader } from './complaints.new.$draftId.order.tsx'
import { action as photosAction, loader as photosLoader } from './complaints.new.$draftId.photos.tsx'
import { action as reviewAction, loader as reviewLoader } from './complaints.new.$draftId.review.tsx'
import { action as uploadAction } from './complaints.new.$draftId.upload.ts'
import { action as startAction, loader as startLoader } from './complaints.new._index.tsx'

let db: Database
let context: AppLoadContext

beforeAll(async () => {
	db = await createTestDatabase()
	context = createTestContext(db)
	await db.prisma.$transaction((tx) => seedKnowledgeArticles(tx))
})
afterAll(() => db.close())

const zh = createI18n('zh-CN')
const en = createI18n('en')

/** A message from a route reads as real words in both languages, with its values filled in. */
function expectTranslated(messages: string[], includes: string[] = []) {
	expect(messages.length).toBeGreaterThan(0)
	for (const message of messages) {
		const { key, params } = decodeMessage(message)
		for (const i18n of [zh, en]) {
			const text = i18n.t(key, params)
			expect(text, `${i18n.language} ${key}`).not.toBe(key)
			expect(text).not.toMatch(/\{\{/)
			for (const value of includes) expect(text).toContain(value)
		}
	}
}

type Reply = { data: { result: { error?: Record<string, string[] | null> } }; init: { status?: number } | null }
const errorsOf = (response: unknown) => {
	const r = response as Reply
	return { status: r.init?.status, errors: r.data.result.error ?? {} }
}
const statusOf = (thrown: unknown) =>
	thrown instanceof Response ? thrown.status : (thrown as { init?: { status?: number } }).init?.status
const locationOf = (response: unknown) => (response as Response).headers.get('location')

async function signIn(user: { id: string }, kind: 'CUSTOMER' | 'STAFF' = 'CUSTOMER') {
	const session = await createSession(db.prisma, { id: user.id, kind })
	return `session=${session.token}`
}

function request(cookie: string, url: string, init: { form?: Record<string, string>; language?: string } = {}) {
	const headers: Record<string, string> = { cookie, 'accept-language': init.language ?? 'zh-CN' }
	if (!init.form) return new Request(`http://portal.test${url}`, { headers })
	return new Request(`http://portal.test${url}`, {
		method: 'POST',
		body: new URLSearchParams(init.form),
		headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
	})
}

/** A customer with a two-line order and a one-line order, signed in, with a draft started. */
async function customerWithDraft() {
	const { region, customer, order } = await createCustomerWithOrder(db.prisma)
	const single = await createOrder(db.prisma, {
		regionId: region.id,
		customerId: customer.user.id,
		customerEmail: customer.user.email,
		lines: 1,
	})
	const cookie = await signIn(customer.user)
	const started = await startAction({
		request: request(cookie, '/complaints/new?index', { form: {} }),
		context,
		params: {},
	})
	const draftId = /\/complaints\/new\/([^/]+)\/order$/.exec(locationOf(started) ?? '')?.[1]
	expect(draftId).toBeTruthy()
	return { customer, order, single, cookie, draftId: draftId!, params: { draftId: draftId! } }
}

const detailsForm = {
	category: 'PRODUCT_QUALITY',
	severity: 'MAJOR',
	title: '机械密封渗漏',
	description: '安装运行两天后，泵的机械密封处开始漏水，每分钟十几滴。',
	requestedRemedy: 'REPLACEMENT',
}

describe('who may file', () => {
	test('signed-out visitors go to sign-in; staff get a 404 page that says filing is for customers', async () => {
		const anonymous = await startLoader({
			request: new Request('http://portal.test/complaints/new'),
			context,
			params: {},
		}).catch((e: unknown) => e)
		expect(locationOf(anonymous)).toBe('/login?redirectTo=%2Fcomplaints%2Fnew')
		const staff = await createUser(db.prisma, { kind: 'STAFF', staffRole: 'AGENT' })
		const cookie = await signIn(staff.user, 'STAFF')
		const thrown = await startLoader({ request: request(cookie, '/complaints/new'), context, params: {} }).catch(
			(e: unknown) => e,
		)
		expect(statusOf(thrown)).toBe(404)
		expect((thrown as { data: unknown }).data).toEqual({ customersOnly: true })
	})

	test('another customer’s draft is a 404, like one that does not exist', async () => {
		const { params } = await customerWithDraft()
		const stranger = await createCustomerWithOrder(db.prisma)
		const cookie = await signIn(stranger.customer.user)
		for (const draftId of [params.draftId, 'no-such-draft']) {
			const thrown = await layoutLoader({
				request: request(cookie, `/complaints/new/${draftId}/order`),
				context,
				params: { draftId },
			}).catch((e: unknown) => e)
			expect(statusOf(thrown)).toBe(404)
		}
	})

	test('the start page lists unfinished drafts', async () => {
		const { cookie, draftId } = await customerWithDraft()
		const page = await startLoader({ request: request(cookie, '/complaints/new'), context, params: {} })
		expect(page.drafts.map((d) => d.id)).toEqual([draftId])
		// and deletes one on request
		const discarded = await startAction({
			request: request(cookie, '/complaints/new?index', { form: { intent: 'discard', draftId } }),
			context,
			params: {},
		})
		expect(locationOf(discarded)).toBe('/complaints/new')
		expect((await startLoader({ request: request(cookie, '/complaints/new'), context, params: {} })).drafts).toEqual([])
	})
})

describe('step 1: the order', () => {
	test('empty and malformed numbers are explained beside the field', async () => {
		const { cookie, params } = await customerWithDraft()
		const url = `/complaints/new/${params.draftId}/order`
		const empty = errorsOf(
			await orderAction({ request: request(cookie, url, { form: { orderNumber: ' ' } }), context, params }),
		)
		expect(empty).toEqual({ status: 400, errors: { orderNumber: ['validation:required'] } })
		const bad = errorsOf(
			await orderAction({ request: request(cookie, url, { form: { orderNumber: 'SO#1?' } }), context, params }),
		)
		expect(bad.errors).toEqual({ orderNumber: ['validation:orderNumberInvalid'] })
		expectTranslated([...empty.errors.orderNumber!, ...bad.errors.orderNumber!])
	})

	test('an unknown number and another customer’s number get the same message', async () => {
		const { cookie, params } = await customerWithDraft()
		const other = await createCustomerWithOrder(db.prisma)
		const url = `/complaints/new/${params.draftId}/order`
		const answers = []
		for (const orderNumber of ['SO-2026-NOPE0', other.order.orderNumber]) {
			const { status, errors } = errorsOf(
				await orderAction({ request: request(cookie, url, { form: { orderNumber } }), context, params }),
			)
			expect(status).toBe(400)
			expect(Object.keys(errors)).toEqual(['orderNumber'])
			const message = errors.orderNumber![0]!
			expect(decodeMessage(message).key).toBe('validation:orderNotFound')
			// the number as the customer typed it, normalised (upper case, no spaces)
			expectTranslated([message], [normalizeOrderNumber(orderNumber)])
			answers.push(message.replace(normalizeOrderNumber(orderNumber), '…'))
		}
		expect(answers[0]).toBe(answers[1])
		// and the list of orders to pick from has only the customer's own
		const page = await orderLoader({ request: request(cookie, url), context, params })
		expect(page.orders.map((o) => o.orderNumber)).not.toContain(other.order.orderNumber)
		expect(page.orders).toHaveLength(2)
	})

	test('the customer’s own order is found however it is typed', async () => {
		const { cookie, params, order } = await customerWithDraft()
		const typed = ` ${order.orderNumber.toLowerCase().replace('so-', 'ｓｏ－')} `
		const response = await orderAction({
			request: request(cookie, `/complaints/new/${params.draftId}/order`, { form: { orderNumber: typed } }),
			context,
			params,
		})
		expect(locationOf(response)).toBe(`/complaints/new/${params.draftId}/line`)
	})

	test('an order with one product skips the product step', async () => {
		const { cookie, params, single } = await customerWithDraft()
		const response = await orderAction({
			request: request(cookie, `/complaints/new/${params.draftId}/order`, {
				form: { orderNumber: single.orderNumber },
			}),
			context,
			params,
		})
		expect(locationOf(response)).toBe(`/complaints/new/${params.draftId}/details`)
	})
})

describe('steps 2 to 4', () => {
	test('the product must be one of the order’s lines, or the order as a whole', async () => {
		const { cookie, params, order } = await customerWithDraft()
		await orderAction({ request: request(cookie, 'x', { form: { orderNumber: order.orderNumber } }), context, params })
		const url = `/complaints/new/${params.draftId}/line`
		const none = errorsOf(await lineAction({ request: request(cookie, url, { form: {} }), context, params }))
		expect(none).toEqual({ status: 400, errors: { orderLineId: ['validation:required'] } })
		const foreign = errorsOf(
			await lineAction({ request: request(cookie, url, { form: { orderLineId: 'other-line' } }), context, params }),
		)
		expect(foreign.errors).toEqual({ orderLineId: ['validation:orderLineNotFound'] })
		expectTranslated([...none.errors.orderLineId!, ...foreign.errors.orderLineId!])
		const whole = await lineAction({
			request: request(cookie, url, { form: { orderLineId: 'ORDER' } }),
			context,
			params,
		})
		expect(locationOf(whole)).toBe(`/complaints/new/${params.draftId}/details`)
		const line = await lineAction({
			request: request(cookie, url, { form: { orderLineId: order.lines[1]!.id } }),
			context,
			params,
		})
		expect(locationOf(line)).toBe(`/complaints/new/${params.draftId}/details`)
	})

	test('details: each missing or bad answer has its own message, in both languages', async () => {
		const { cookie, params, single } = await customerWithDraft()
		await orderAction({ request: request(cookie, 'x', { form: { orderNumber: single.orderNumber } }), context, params })
		const url = `/complaints/new/${params.draftId}/details`
		const empty = errorsOf(await detailsAction({ request: request(cookie, url, { form: {} }), context, params }))
		expect(empty).toEqual({
			status: 400,
			errors: {
				category: ['validation:required'],
				severity: ['validation:required'],
				title: ['validation:required'],
				description: ['validation:required'],
				requestedRemedy: ['validation:required'],
			},
		})
		const bad = errorsOf(
			await detailsAction({
				request: request(cookie, url, {
					form: {
						category: 'WEATHER',
						severity: 'MAJOR',
						title: 'x'.repeat(81),
						description: '太短了',
						requestedRemedy: 'REFUND',
					},
				}),
				context,
				params,
			}),
		)
		expect(bad.errors).toEqual({
			category: ['validation:choose'],
			title: ['validation:titleTooLong'],
			description: ['validation:descriptionTooShort'],
		})
		expectTranslated([...Object.values(empty.errors), ...Object.values(bad.errors)].flat() as string[])

		const saved = await detailsAction({ request: request(cookie, url, { form: detailsForm }), context, params })
		expect(locationOf(saved)).toBe(`/complaints/new/${params.draftId}/contact`)
		// a reload shows what was saved, and the answers that match it
		const page = await detailsLoader({ request: request(cookie, url), context, params })
		expect(page.values).toMatchObject(detailsForm)
		expect(page.back).toBe(`/complaints/new/${params.draftId}/order`)
		expect(page.articles[0]?.slug).toBe('seal-leakage-causes')
	})

	test('contact: a call needs a valid phone number', async () => {
		const { cookie, params, single } = await customerWithDraft()
		await orderAction({ request: request(cookie, 'x', { form: { orderNumber: single.orderNumber } }), context, params })
		await detailsAction({ request: request(cookie, 'x', { form: detailsForm }), context, params })
		const url = `/complaints/new/${params.draftId}/contact`
		const page = await contactLoader({ request: request(cookie, url), context, params })
		expect(page.values).toEqual({ preferredContact: 'EMAIL', contactPhone: '', notifyFrequency: 'EACH_CHANGE' })
		const missing = errorsOf(
			await contactAction({
				request: request(cookie, url, {
					form: { preferredContact: 'PHONE', contactPhone: '', notifyFrequency: 'EACH_CHANGE' },
				}),
				context,
				params,
			}),
		)
		expect(missing.errors).toEqual({ contactPhone: ['validation:phoneRequired'] })
		const bad = errorsOf(
			await contactAction({
				request: request(cookie, url, {
					form: { preferredContact: 'PHONE', contactPhone: '12ab', notifyFrequency: 'WEEKLY' },
				}),
				context,
				params,
			}),
		)
		expect(bad.errors).toEqual({ contactPhone: ['validation:phoneInvalid'], notifyFrequency: ['validation:choose'] })
		expectTranslated([...Object.values(missing.errors), ...Object.values(bad.errors)].flat() as string[])
		const saved = await contactAction({
			request: request(cookie, url, {
				form: {
					preferredContact: 'PHONE',
					contactPhone: '138 0013 8000',
					notifyFrequency: 'DAILY_DIGEST',
					return: 'review',
				},
			}),
			context,
			params,
		})
		expect(locationOf(saved)).toBe(`/complaints/new/${params.draftId}/review`)
	})
})

async function jpeg(name: string) {
	const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a7' } })
		.jpeg()
		.toBuffer()
	return new File([new Uint8Array(bytes)], name, { type: 'image/jpeg' })
}

function uploadRequest(cookie: string, draftId: string, files: File[], json = true) {
	const body = new FormData()
	for (const file of files) body.append('photos', file)
	return new Request(`http://portal.test/complaints/new/${draftId}/upload`, {
		method: 'POST',
		body,
		headers: { cookie, ...(json ? { accept: 'application/json' } : {}) },
	})
}

describe('step 5: photos', () => {
	test('uploads are recorded on the draft; a file that is not an image is refused by name', async () => {
		const { cookie, params, single } = await customerWithDraft()
		await orderAction({ request: request(cookie, 'x', { form: { orderNumber: single.orderNumber } }), context, params })
		await detailsAction({ request: request(cookie, 'x', { form: detailsForm }), context, params })
		await contactAction({
			request: request(cookie, 'x', { form: { preferredContact: 'EMAIL', notifyFrequency: 'EACH_CHANGE' } }),
			context,
			params,
		})
		const ok = (await uploadAction({
			request: uploadRequest(cookie, params.draftId, [await jpeg('泵体.jpg')]),
			context,
			params,
		})) as Response
		expect(ok.status).toBe(200)
		const answer = (await ok.json()) as { ok: boolean; attachments: Array<{ id: string; originalName: string }> }
		expect(answer).toMatchObject({ ok: true, attachments: [{ originalName: '泵体.jpg' }] })

		const fake = new File([new TextEncoder().encode('not really a photo')], 'fake.jpg', { type: 'image/jpeg' })
		const refused = (await uploadAction({
			request: uploadRequest(cookie, params.draftId, [fake]),
			context,
			params,
		})) as Response
		expect(refused.status).toBe(400)
		const { error } = (await refused.json()) as { error: string }
		expectTranslated([error], ['fake.jpg'])

		// without JavaScript the form comes back to the step, with the message in the address
		const plain = (await uploadAction({
			request: uploadRequest(cookie, params.draftId, [fake], false),
			context,
			params,
		})) as Response
		expect(plain.status).toBe(303)
		const back = new URL(plain.headers.get('location')!, 'http://portal.test')
		expect(back.pathname).toBe(`/complaints/new/${params.draftId}/photos`)
		const page = await photosLoader({ request: request(cookie, back.pathname + back.search), context, params })
		expect(page.uploadError).toBe(error)
		expect(page.files.map((f) => f.originalName)).toEqual(['泵体.jpg'])

		// removable before filing
		const removed = await photosAction({
			request: request(cookie, back.pathname, { form: { intent: 'remove', attachmentId: answer.attachments[0]!.id } }),
			context,
			params,
		})
		expect((removed as { data: unknown }).data).toEqual({ ok: true })
		expect((await photosLoader({ request: request(cookie, back.pathname), context, params })).files).toEqual([])
	})
})

test('an 11th file is refused by the upload route, and nothing it received stays in storage', async () => {
	const { cookie, params, customer } = await customerWithDraft()
	const dir = await mkdtemp(path.join(tmpdir(), 'filing-storage-'))
	const own = { ...context, storage: createLocalDiskStorage(dir) }
	try {
		for (let i = 0; i < 10; i++) {
			await addDraftAttachment(complaintDeps(own), customer.viewer, params.draftId, {
				kind: 'IMAGE',
				originalName: `photo-${i}.jpg`,
				contentType: 'image/jpeg',
				byteSize: 100,
				width: 1,
				height: 1,
				sha256: '0'.repeat(64),
				storageKey: `test/photo-${i}`,
				thumbnailKey: null,
			})
		}
		const refused = (await uploadAction({
			request: uploadRequest(cookie, params.draftId, [await jpeg('eleventh.jpg')]),
			context: own,
			params,
		})) as Response
		expect(refused.status).toBe(400)
		const { error } = (await refused.json()) as { error: string }
		expect(decodeMessage(error)).toEqual({ key: 'validation:tooManyFiles', params: { max: 10 } })
		expectTranslated([error], ['10'])
		const stored = await readdir(dir, { recursive: true, withFileTypes: true })
		expect(stored.filter((entry) => entry.isFile())).toEqual([])
	} finally {
		await rm(dir, { recursive: true, force: true })
	}
})

describe('step 6: review and submit', () => {
	test('missing steps are named at review, and submitting then is refused', async () => {
		const { cookie, params, order } = await customerWithDraft()
		await orderAction({ request: request(cookie, 'x', { form: { orderNumber: order.orderNumber } }), context, params })
		const url = `/complaints/new/${params.draftId}/review`
		const page = await reviewLoader({ request: request(cookie, url), context, params })
		expect(page.missing).toBe('line')
		expect(page.record.orderNumber).toBe(order.orderNumber)
		const refused = (await reviewAction({ request: request(cookie, url, { form: {} }), context, params })) as {
			data: { errors: string[]; step: string }
			init: { status: number }
		}
		expect(refused.init.status).toBe(400)
		expect(refused.data.step).toBe('line')
		expectTranslated(refused.data.errors)
	})

	test('reads the whole record back, files once however often it is submitted, and confirms with the reference', async () => {
		const { cookie, params, order } = await customerWithDraft()
		await orderAction({ request: request(cookie, 'x', { form: { orderNumber: order.orderNumber } }), context, params })
		await lineAction({ request: request(cookie, 'x', { form: { orderLineId: order.lines[1]!.id } }), context, params })
		await detailsAction({ request: request(cookie, 'x', { form: detailsForm }), context, params })
		await contactAction({
			request: request(cookie, 'x', { form: { preferredContact: 'EMAIL', notifyFrequency: 'EACH_CHANGE' } }),
			context,
			params,
		})
		const url = `/complaints/new/${params.draftId}/review`
		const page = await reviewLoader({ request: request(cookie, url, { language: 'en' }), context, params })
		expect(page.missing).toBeNull()
		expect(page.record).toMatchObject({
			orderNumber: order.orderNumber,
			line: { model: order.lines[1]!.productModel, batch: order.lines[1]!.batchNumber },
			category: 'PRODUCT_QUALITY',
			severity: 'MAJOR',
			title: detailsForm.title,
			requestedRemedy: 'REPLACEMENT',
			preferredContact: 'EMAIL',
			notifyFrequency: 'EACH_CHANGE',
		})
		expect(page.articles[0]).toMatchObject({
			slug: 'seal-leakage-causes',
			title: 'Common causes of mechanical seal leakage',
		})

		const [first, second] = await Promise.all([
			reviewAction({ request: request(cookie, url, { form: {} }), context, params }),
			reviewAction({ request: request(cookie, url, { form: {} }), context, params }),
		])
		const location = locationOf(first)
		expect(location).toMatch(/^\/complaints\/filed\/CMP-\d{4}-\d{6}$/)
		expect(locationOf(second)).toBe(location)
		const again = await reviewAction({ request: request(cookie, url, { form: {} }), context, params })
		expect(locationOf(again)).toBe(location)
		expect(await db.prisma.complaint.count({ where: { submissionKey: params.draftId } })).toBe(1)
		// the review page of a filed draft (another tab, the back button) shows what it became
		const reopened = await reviewLoader({ request: request(cookie, url), context, params }).catch((e: unknown) => e)
		expect(locationOf(reopened)).toBe(location)

		const reference = location!.split('/').at(-1)!
		const filed = await filedLoader({ request: request(cookie, location!), context, params: { reference } })
		expect(filed).toEqual({ reference, title: detailsForm.title })
		const stranger = await createCustomerWithOrder(db.prisma)
		const hidden = await filedLoader({
			request: request(await signIn(stranger.customer.user), location!),
			context,
			params: { reference },
		}).catch((e: unknown) => e)
		expect(statusOf(hidden)).toBe(404)
	})
})

describe('knowledge-base answers while typing', () => {
	test('Chinese and English text find the same article, shown in the page’s language', async () => {
		const { cookie } = await customerWithDraft()
		const ask = async (q: string, language: string) => {
			const response = (await articlesLoader({
				request: request(cookie, `/complaints/new/articles?${new URLSearchParams({ q })}`, { language }),
				context,
				params: {},
			})) as Response
			return ((await response.json()) as { articles: Array<{ slug: string; title: string }> }).articles
		}
		expect((await ask('到货时外包装破损，泵壳摔裂了', 'zh-CN'))[0]).toMatchObject({
			slug: 'transport-damage',
			title: '收货时发现运输破损怎么办',
		})
		expect((await ask('The pump arrived damaged, the casing is cracked', 'en'))[0]).toMatchObject({
			slug: 'transport-damage',
			title: 'Goods damaged in transport: what to do',
		})
		expect(await ask('', 'en')).toEqual([])
	})
})
