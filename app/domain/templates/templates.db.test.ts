import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import type { StaffRole } from '#app/generated/prisma/enums.ts'
import { createTestDatabase } from '#tests/db.ts'
import { createRegion, createUser } from '#tests/fixtures.ts'
import { seedReplyTemplates, STARTER_TEMPLATES } from '../../../prisma/seed/reply-templates.ts'
import { DomainValidationError, InsufficientAuthorityError, NotFoundError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import { renderTemplate } from './placeholders.ts'
import {
	archiveTemplate,
	createTemplate,
	getTemplate,
	listTemplates,
	restoreTemplate,
	updateTemplate,
} from './templates.ts'

let database: Database
let agent: Viewer

beforeAll(async () => {
	database = await createTestDatabase()
	agent = (await createUser(database.prisma, { kind: 'STAFF', staffRole: 'AGENT', name: '客服 李' })).viewer
})
afterAll(() => database.close())

const valid = {
	name: '质量问题受理',
	category: 'PRODUCT_QUALITY',
	bodyZh: '{{customerName}}，您好：客诉 {{reference}} 已受理。',
	bodyEn: 'Dear {{customerName}}, complaint {{reference}} is accepted.',
} as const

describe('seedReplyTemplates', () => {
	test('writes the starter templates into an installation without any, once, even when instances start together', async () => {
		const written = await Promise.all([1, 2, 3].map(() => database.prisma.$transaction((tx) => seedReplyTemplates(tx))))
		expect(written.sort()).toEqual([0, 0, STARTER_TEMPLATES.length])
		expect(await database.prisma.replyTemplate.count()).toBe(STARTER_TEMPLATES.length)
		const names = (await listTemplates(database.prisma)).map((t) => t.name)
		for (const wanted of ['受理确认', '请补充照片', '处理结果确认', '不予支持']) {
			expect(names.some((n) => n.startsWith(wanted))).toBe(true)
		}
	})

	test('does not bring back templates staff archived', async () => {
		const all = await listTemplates(database.prisma)
		for (const t of all) await archiveTemplate(database.prisma, agent, t.id)
		expect(await database.prisma.$transaction((tx) => seedReplyTemplates(tx))).toBe(0)
		expect(await listTemplates(database.prisma)).toEqual([])
		for (const t of all) await restoreTemplate(database.prisma, agent, t.id)
		expect(await listTemplates(database.prisma)).toHaveLength(STARTER_TEMPLATES.length)
	})

	test('a starter template fills in to a reply without gaps but the ones staff complete', async () => {
		const acknowledgement = (await listTemplates(database.prisma)).find((t) => t.name.startsWith('受理确认'))!
		const reply = renderTemplate(acknowledgement.bodyZh, {
			language: 'zh-CN',
			customerName: '王芳',
			reference: 'CMP-2026-000123',
			orderNumber: 'SO-2026-10482',
			title: '水泥袋破损结块',
			dueDate: new Date('2026-11-26T02:00:00Z'),
			agentName: '客服 李',
		})
		expect(reply).toContain('王芳，您好')
		expect(reply).toContain('CMP-2026-000123')
		expect(reply).toContain('2026年11月26日 10:00（GMT+8）')
		expect(reply).not.toContain('{{')
	})
})

describe('writing templates', () => {
	test.each([
		'AGENT',
		'QUALITY_ENGINEER',
		'REGIONAL_MANAGER',
		'MARKETING_DIRECTOR',
		'GENERAL_MANAGER',
		'ADMIN',
	] as StaffRole[])('%s creates, edits, archives and restores one', async (staffRole) => {
		const { viewer } = await createUser(database.prisma, { kind: 'STAFF', staffRole, name: `员工 ${staffRole}` })
		const { id } = await createTemplate(database.prisma, viewer, { ...valid, name: `${valid.name} ${staffRole}` })
		expect(await getTemplate(database.prisma, viewer, id)).toMatchObject({
			name: `${valid.name} ${staffRole}`,
			category: 'PRODUCT_QUALITY',
			bodyZh: valid.bodyZh,
			bodyEn: valid.bodyEn,
			archived: false,
			updatedByName: `员工 ${staffRole}`,
		})

		const created = await getTemplate(database.prisma, viewer, id)
		await updateTemplate(database.prisma, agent, id, {
			...valid,
			name: '改名',
			category: null,
			bodyEn: 'Hello {{ customerName }}',
		})
		const edited = await getTemplate(database.prisma, viewer, id)
		expect(edited.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime())
		expect(edited).toMatchObject({
			name: '改名',
			category: null,
			bodyEn: 'Hello {{ customerName }}',
			updatedByName: '客服 李',
		})

		await archiveTemplate(database.prisma, viewer, id)
		expect((await listTemplates(database.prisma)).some((t) => t.id === id)).toBe(false)
		expect((await listTemplates(database.prisma, { includeArchived: true })).find((t) => t.id === id)?.archived).toBe(
			true,
		)
		await restoreTemplate(database.prisma, viewer, id)
		expect((await listTemplates(database.prisma)).some((t) => t.id === id)).toBe(true)
	})

	test('customers, dealers and regional offices may not read or write them', async () => {
		const { id } = await createTemplate(database.prisma, agent, valid)
		const region = await createRegion(database.prisma)
		const office = await database.prisma.organization.create({
			data: { kind: 'REGIONAL_OFFICE', code: `RO-${region.code}`, name: '办事处', regionId: region.id },
		})
		const dealer = await database.prisma.organization.create({
			data: { kind: 'DEALER', code: `D-${region.code}`, name: '代理', regionId: region.id },
		})
		const outsiders = [
			(await createUser(database.prisma)).viewer,
			(await createUser(database.prisma, { kind: 'DEALER', organizationId: dealer.id })).viewer,
			(await createUser(database.prisma, { kind: 'REGIONAL_OFFICE', organizationId: office.id })).viewer,
			// a staff account without a role has no permissions at all
			(await createUser(database.prisma, { kind: 'STAFF' })).viewer,
		]
		for (const viewer of outsiders) {
			await expect(createTemplate(database.prisma, viewer, valid)).rejects.toBeInstanceOf(InsufficientAuthorityError)
			await expect(updateTemplate(database.prisma, viewer, id, { ...valid, name: 'x' })).rejects.toBeInstanceOf(
				InsufficientAuthorityError,
			)
			await expect(archiveTemplate(database.prisma, viewer, id)).rejects.toBeInstanceOf(InsufficientAuthorityError)
			await expect(getTemplate(database.prisma, viewer, id)).rejects.toBeInstanceOf(InsufficientAuthorityError)
		}
		expect(await getTemplate(database.prisma, agent, id)).toMatchObject({ name: valid.name, archived: false })
	})

	test('an unknown template is not found', async () => {
		await expect(getTemplate(database.prisma, agent, 'nope')).rejects.toBeInstanceOf(NotFoundError)
		await expect(updateTemplate(database.prisma, agent, 'nope', valid)).rejects.toBeInstanceOf(NotFoundError)
		await expect(archiveTemplate(database.prisma, agent, 'nope')).rejects.toBeInstanceOf(NotFoundError)
	})

	test.each([
		['name', { name: '  ' }, 'validation:required'],
		['name', { name: 'x'.repeat(81) }, 'settings:validation.nameTooLong'],
		['bodyZh', { bodyZh: '' }, 'validation:required'],
		['bodyEn', { bodyEn: '   ' }, 'validation:required'],
		['bodyEn', { bodyEn: 'x'.repeat(4001) }, 'settings:validation.bodyTooLong'],
		['category', { category: 'WEATHER' }, 'validation:choose'],
	] as const)('refuses a bad %s: %o', async (field, change, messageKey) => {
		const before = await database.prisma.replyTemplate.count()
		const refused = createTemplate(database.prisma, agent, { ...valid, ...change })
		await expect(refused).rejects.toBeInstanceOf(DomainValidationError)
		await expect(refused).rejects.toMatchObject({ field, messageKey })
		expect(await database.prisma.replyTemplate.count()).toBe(before)
	})

	test('refuses unknown placeholders next to the text, naming them and the ones allowed', async () => {
		const refused = createTemplate(database.prisma, agent, {
			...valid,
			bodyEn: 'Dear {{customer}}, see {{ ref }} and {{customer}}.',
		})
		await expect(refused).rejects.toMatchObject({
			field: 'bodyEn',
			messageKey: 'settings:validation.unknownPlaceholder',
			params: {
				unknown: '{{customer}}, {{ ref }}',
				allowed: '{{customerName}}, {{reference}}, {{orderNumber}}, {{title}}, {{dueDate}}, {{agentName}}',
			},
		})
		const { id } = await createTemplate(database.prisma, agent, valid)
		await expect(
			updateTemplate(database.prisma, agent, id, { ...valid, bodyZh: '您好 {{客户}}' }),
		).rejects.toMatchObject({
			field: 'bodyZh',
			params: { unknown: '{{客户}}' },
		})
		expect((await getTemplate(database.prisma, agent, id)).bodyZh).toBe(valid.bodyZh)
	})
})

describe('listTemplates', () => {
	test('for a category: its own templates and those for every category, by name, without archived ones', async () => {
		const make = async (name: string, category: 'HANDLING_DAMAGE' | 'SALES_POLICY' | null) =>
			(await createTemplate(database.prisma, agent, { ...valid, name, category })).id
		const damage = await make('ZZ 破损 B', 'HANDLING_DAMAGE')
		const damageA = await make('ZZ 破损 A', 'HANDLING_DAMAGE')
		const policy = await make('ZZ 政策', 'SALES_POLICY')
		const general = await make('ZZ 通用', null)
		const archived = await make('ZZ 破损 旧', 'HANDLING_DAMAGE')
		await archiveTemplate(database.prisma, agent, archived)

		const ids = (await listTemplates(database.prisma, { category: 'HANDLING_DAMAGE' })).map((t) => t.id)
		expect(ids).toContain(general)
		expect(ids).not.toContain(policy)
		expect(ids).not.toContain(archived)
		expect(ids.indexOf(damageA)).toBeLessThan(ids.indexOf(damage))
		const withArchived = await listTemplates(database.prisma, { category: 'HANDLING_DAMAGE', includeArchived: true })
		expect(withArchived.at(-1)?.id).toBe(archived)
	})
})
