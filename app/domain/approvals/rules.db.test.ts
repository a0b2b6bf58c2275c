import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Database } from '#app/db/database.server.ts'
import { seedApprovalWorld, type ApprovalWorld } from '#tests/approval-fixtures.ts'
import { createTestDatabase } from '#tests/db.ts'
import { DomainValidationError, InsufficientAuthorityError, NotFoundError } from '../errors.ts'
import { createRule, deactivateRule, listRules, updateRule, type RuleInput } from './rules.ts'

let database: Database
let world: ApprovalWorld
beforeAll(async () => {
	database = await createTestDatabase()
	world = await seedApprovalWorld(database.prisma)
})
afterAll(() => database.close())

const input: RuleInput = {
	sequence: 50,
	approverRole: 'GENERAL_MANAGER',
	category: null,
	minSeverity: 'MAJOR',
	amountAboveMinor: null,
	descriptionZh: '重大问题由总经理审批',
	descriptionEn: 'Major cases: the general manager approves',
}
const refusal = (promise: Promise<unknown>) =>
	promise.then(
		() => null,
		(error: unknown) => error,
	)

test('only administrators read or change the policy', async () => {
	const db = database.prisma
	const before = await db.approvalRule.findMany({ orderBy: { id: 'asc' } })
	for (const who of [
		'customer',
		'dealer',
		'office',
		'agent',
		'quality',
		'managerEast',
		'director',
		'general',
	] as const) {
		const viewer = world[who].viewer
		expect(await refusal(listRules(db, viewer))).toBeInstanceOf(InsufficientAuthorityError)
		expect(await refusal(createRule(db, viewer, input))).toBeInstanceOf(InsufficientAuthorityError)
		expect(await refusal(updateRule(db, viewer, before[0]!.id, input))).toBeInstanceOf(InsufficientAuthorityError)
		expect(await refusal(deactivateRule(db, viewer, before[0]!.id))).toBeInstanceOf(InsufficientAuthorityError)
	}
	expect(await db.approvalRule.findMany({ orderBy: { id: 'asc' } })).toEqual(before)
})

test('an administrator’s rule is checked: a role that approves, a sane order and amount, both descriptions', async () => {
	const db = database.prisma
	const admin = world.admin.viewer
	for (const [bad, field] of [
		[{ approverRole: 'AGENT' }, 'approverRole'],
		[{ approverRole: 'ADMIN' }, 'approverRole'],
		[{ sequence: 0 }, 'sequence'],
		[{ sequence: 1.5 }, 'sequence'],
		[{ amountAboveMinor: -1 }, 'amountAbove'],
		[{ descriptionEn: '  ' }, 'descriptionEn'],
	] as const) {
		const error = await refusal(createRule(db, admin, { ...input, ...bad }))
		expect(error, field).toBeInstanceOf(DomainValidationError)
		expect(error).toMatchObject({ field })
	}
	const rule = await createRule(db, admin, { ...input, descriptionZh: '  重大问题由总经理审批 ' })
	expect(rule).toMatchObject({
		sequence: 50,
		minSeverity: 'MAJOR',
		active: true,
		descriptionZh: '重大问题由总经理审批',
	})
	expect((await listRules(db, admin)).map((r) => r.id)).toContain(rule.id)
	expect(await updateRule(db, admin, rule.id, { ...input, amountAboveMinor: 100, active: false })).toMatchObject({
		amountAboveMinor: 100,
		active: false,
	})
	expect(await refusal(updateRule(db, admin, 'no-such-rule', input))).toBeInstanceOf(NotFoundError)
	expect(await refusal(deactivateRule(db, admin, 'no-such-rule'))).toBeInstanceOf(NotFoundError)
})
