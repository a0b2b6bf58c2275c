import { describe, expect, test } from 'vitest'
import { suggestedCostBearer } from './cost-bearer.ts'
import {
	APPROVER_RANK,
	currentStep,
	planApprovals,
	requiredSteps,
	ruleApplies,
	WITHIN_AUTHORITY,
	withinAuthority,
	type PolicyRule,
} from './policy.ts'
import { APPROVER_ROLES, parseYuan } from './schemas.ts'

const rule = (overrides: Partial<PolicyRule> & Pick<PolicyRule, 'id'>): PolicyRule => ({
	sequence: 10,
	approverRole: 'REGIONAL_MANAGER',
	category: null,
	minSeverity: null,
	amountAboveMinor: null,
	descriptionZh: `规则 ${overrides.id}`,
	descriptionEn: `rule ${overrides.id}`,
	active: true,
	...overrides,
})

/** The policy the migration installs (DESIGN.md §5). */
const DEFAULTS: PolicyRule[] = [
	rule({ id: 'rm', sequence: 10, approverRole: 'REGIONAL_MANAGER', amountAboveMinor: 0 }),
	rule({ id: 'md', sequence: 20, approverRole: 'MARKETING_DIRECTOR', amountAboveMinor: 500_000 }),
	rule({
		id: 'gm-quality',
		sequence: 30,
		approverRole: 'GENERAL_MANAGER',
		category: 'PRODUCT_QUALITY',
		minSeverity: 'MAJOR',
	}),
	rule({ id: 'gm-critical', sequence: 40, approverRole: 'GENERAL_MANAGER', minSeverity: 'CRITICAL' }),
]

const facts = (overrides: Partial<Parameters<typeof ruleApplies>[1]> = {}) => ({
	category: 'PRODUCT_QUALITY' as const,
	severity: 'MINOR' as const,
	amountMinor: 0,
	...overrides,
})

describe('a rule applies when every condition it sets holds', () => {
	test('no conditions: every proposal', () => {
		expect(ruleApplies(rule({ id: 'any' }), facts())).toBe(true)
		expect(ruleApplies(rule({ id: 'any' }), facts({ category: 'OTHER', severity: 'CRITICAL', amountMinor: 1 }))).toBe(
			true,
		)
	})

	test('an inactive rule never applies', () => {
		expect(ruleApplies(rule({ id: 'off', active: false }), facts())).toBe(false)
	})

	test('category: only that category', () => {
		const r = rule({ id: 'c', category: 'HANDLING_DAMAGE' })
		expect(ruleApplies(r, facts({ category: 'HANDLING_DAMAGE' }))).toBe(true)
		for (const category of ['PRODUCT_QUALITY', 'SERVICE_CONDUCT', 'SALES_POLICY', 'OTHER'] as const)
			expect(ruleApplies(r, facts({ category }))).toBe(false)
	})

	test('minimum severity: that severity and above', () => {
		const major = rule({ id: 's', minSeverity: 'MAJOR' })
		expect(ruleApplies(major, facts({ severity: 'MINOR' }))).toBe(false)
		expect(ruleApplies(major, facts({ severity: 'MAJOR' }))).toBe(true)
		expect(ruleApplies(major, facts({ severity: 'CRITICAL' }))).toBe(true)
		const minor = rule({ id: 's2', minSeverity: 'MINOR' })
		expect(ruleApplies(minor, facts({ severity: 'MINOR' }))).toBe(true)
		const critical = rule({ id: 's3', minSeverity: 'CRITICAL' })
		expect(ruleApplies(critical, facts({ severity: 'MAJOR' }))).toBe(false)
		expect(ruleApplies(critical, facts({ severity: 'CRITICAL' }))).toBe(true)
	})

	test('amount: strictly above the threshold; 0 means "any money at all"', () => {
		const over5000 = rule({ id: 'a', amountAboveMinor: 500_000 })
		expect(ruleApplies(over5000, facts({ amountMinor: 500_000 }))).toBe(false)
		expect(ruleApplies(over5000, facts({ amountMinor: 500_001 }))).toBe(true)
		const anyMoney = rule({ id: 'a0', amountAboveMinor: 0 })
		expect(ruleApplies(anyMoney, facts({ amountMinor: 0 }))).toBe(false)
		expect(ruleApplies(anyMoney, facts({ amountMinor: 1 }))).toBe(true)
	})

	test('several conditions: all of them', () => {
		const r = rule({ id: 'all', category: 'PRODUCT_QUALITY', minSeverity: 'MAJOR', amountAboveMinor: 100_000 })
		expect(ruleApplies(r, facts({ severity: 'MAJOR', amountMinor: 100_001 }))).toBe(true)
		expect(ruleApplies(r, facts({ severity: 'MINOR', amountMinor: 100_001 }))).toBe(false)
		expect(ruleApplies(r, facts({ severity: 'MAJOR', amountMinor: 100_000 }))).toBe(false)
		expect(ruleApplies(r, facts({ category: 'OTHER', severity: 'MAJOR', amountMinor: 100_001 }))).toBe(false)
	})
})

describe('the steps a proposal needs under the default policy', () => {
	const roles = (f: ReturnType<typeof facts>) => requiredSteps(DEFAULTS, f).map((s) => s.approverRole)

	test('no money on a minor case: nobody', () => {
		expect(roles(facts())).toEqual([])
	})

	test('CNY 3,000: the regional manager', () => {
		expect(roles(facts({ amountMinor: 300_000 }))).toEqual(['REGIONAL_MANAGER'])
	})

	test('CNY 8,000 on a minor product-quality case: regional manager, then marketing director', () => {
		const steps = requiredSteps(DEFAULTS, facts({ amountMinor: 800_000 }))
		expect(steps.map((s) => [s.sequence, s.approverRole, s.ruleId])).toEqual([
			[1, 'REGIONAL_MANAGER', 'rm'],
			[2, 'MARKETING_DIRECTOR', 'md'],
		])
	})

	test('a major product-quality case without money: the general manager', () => {
		expect(roles(facts({ severity: 'MAJOR' }))).toEqual(['GENERAL_MANAGER'])
		expect(roles(facts({ category: 'SERVICE_CONDUCT', severity: 'MAJOR' }))).toEqual([])
	})

	test('the general manager once, with both reasons, when both of their rules apply', () => {
		const steps = requiredSteps(DEFAULTS, facts({ severity: 'CRITICAL', amountMinor: 800_000 }))
		expect(steps.map((s) => s.approverRole)).toEqual(['REGIONAL_MANAGER', 'MARKETING_DIRECTOR', 'GENERAL_MANAGER'])
		expect(steps.map((s) => s.sequence)).toEqual([1, 2, 3])
		const gm = steps[2]!
		expect(gm.ruleId).toBe('gm-quality')
		expect(gm.reasonEn).toBe('rule gm-quality; rule gm-critical')
		expect(gm.reasonZh).toBe('规则 gm-quality；规则 gm-critical')
	})
})

describe('sequence order', () => {
	test('steps follow the rules’ sequence, not the order they are listed in', () => {
		const rules = [
			rule({ id: 'late', sequence: 50, approverRole: 'REGIONAL_MANAGER' }),
			rule({ id: 'early', sequence: 5, approverRole: 'GENERAL_MANAGER' }),
			rule({ id: 'middle', sequence: 20, approverRole: 'MARKETING_DIRECTOR' }),
		]
		expect(requiredSteps(rules, facts()).map((s) => s.ruleId)).toEqual(['early', 'middle', 'late'])
	})

	test('a role asked by an early and a late rule comes at the place of the early one', () => {
		const rules = [
			rule({ id: 'rm-late', sequence: 90, approverRole: 'REGIONAL_MANAGER' }),
			rule({ id: 'md', sequence: 20, approverRole: 'MARKETING_DIRECTOR' }),
			rule({ id: 'rm-early', sequence: 10, approverRole: 'REGIONAL_MANAGER', category: 'PRODUCT_QUALITY' }),
		]
		const steps = requiredSteps(rules, facts())
		expect(steps.map((s) => [s.approverRole, s.ruleId])).toEqual([
			['REGIONAL_MANAGER', 'rm-early'],
			['MARKETING_DIRECTOR', 'md'],
		])
		// the early rule does not apply to another category: the late one places the role
		expect(requiredSteps(rules, facts({ category: 'OTHER' })).map((s) => s.approverRole)).toEqual([
			'MARKETING_DIRECTOR',
			'REGIONAL_MANAGER',
		])
	})

	test('equal sequences: a stable order by rule id, and distinct step numbers', () => {
		const rules = [
			rule({ id: 'b', sequence: 10, approverRole: 'MARKETING_DIRECTOR' }),
			rule({ id: 'a', sequence: 10, approverRole: 'REGIONAL_MANAGER' }),
		]
		expect(requiredSteps(rules, facts()).map((s) => [s.sequence, s.ruleId])).toEqual([
			[1, 'a'],
			[2, 'b'],
		])
	})
})

describe('the proposer’s own authority', () => {
	test('a regional manager proposing CNY 3,000 needs nobody else', () => {
		const plan = planApprovals(DEFAULTS, facts({ amountMinor: 300_000 }), 'REGIONAL_MANAGER')
		expect(plan.map((s) => [s.approverRole, s.decision])).toEqual([['REGIONAL_MANAGER', 'APPROVED']])
		expect(currentStep(plan)).toBeNull()
	})

	test('an agent proposing CNY 3,000 waits for the regional manager', () => {
		const plan = planApprovals(DEFAULTS, facts({ amountMinor: 300_000 }), 'AGENT')
		expect(plan.map((s) => s.decision)).toEqual(['PENDING'])
		expect(currentStep(plan)?.approverRole).toBe('REGIONAL_MANAGER')
	})

	test('a marketing director proposing CNY 8,000 needs nobody: the regional manager’s step is below them', () => {
		const plan = planApprovals(DEFAULTS, facts({ amountMinor: 800_000 }), 'MARKETING_DIRECTOR')
		expect(plan.map((s) => [s.approverRole, s.decision])).toEqual([
			['REGIONAL_MANAGER', 'APPROVED'],
			['MARKETING_DIRECTOR', 'APPROVED'],
		])
		expect(currentStep(plan)).toBeNull()
	})

	test('a marketing director on a critical case still waits for the general manager', () => {
		const plan = planApprovals(DEFAULTS, facts({ severity: 'CRITICAL', amountMinor: 800_000 }), 'MARKETING_DIRECTOR')
		expect(plan.map((s) => [s.approverRole, s.decision])).toEqual([
			['REGIONAL_MANAGER', 'APPROVED'],
			['MARKETING_DIRECTOR', 'APPROVED'],
			['GENERAL_MANAGER', 'PENDING'],
		])
		expect(currentStep(plan)?.approverRole).toBe('GENERAL_MANAGER')
	})

	test('the general manager covers every step', () => {
		const plan = planApprovals(DEFAULTS, facts({ severity: 'CRITICAL', amountMinor: 800_000 }), 'GENERAL_MANAGER')
		expect(plan.map((s) => s.decision)).toEqual(['APPROVED', 'APPROVED', 'APPROVED'])
	})

	test('a lower step asked after a higher one is covered too; a higher one before it is not', () => {
		const rules = [
			rule({ id: 'gm', sequence: 10, approverRole: 'GENERAL_MANAGER' }),
			rule({ id: 'rm', sequence: 20, approverRole: 'REGIONAL_MANAGER' }),
		]
		const plan = planApprovals(rules, facts(), 'MARKETING_DIRECTOR')
		expect(plan.map((s) => [s.approverRole, s.decision])).toEqual([
			['GENERAL_MANAGER', 'PENDING'],
			['REGIONAL_MANAGER', 'APPROVED'],
		])
	})

	test('a regional manager proposing CNY 8,000 waits for the marketing director only', () => {
		const plan = planApprovals(DEFAULTS, facts({ amountMinor: 800_000 }), 'REGIONAL_MANAGER')
		expect(plan.map((s) => s.decision)).toEqual(['APPROVED', 'PENDING'])
		expect(currentStep(plan)?.approverRole).toBe('MARKETING_DIRECTOR')
	})

	test('no staff role (an API client without one): every step waits', () => {
		expect(planApprovals(DEFAULTS, facts({ amountMinor: 300_000 }), null).map((s) => s.decision)).toEqual(['PENDING'])
	})

	test('roles outside the approvers’ ranks cover nothing but their own role', () => {
		const rules = [rule({ id: 'rm', approverRole: 'REGIONAL_MANAGER' })]
		for (const role of ['AGENT', 'QUALITY_ENGINEER', 'ADMIN'] as const)
			expect(
				planApprovals(rules, facts(), role).map((s) => s.decision),
				role,
			).toEqual(['PENDING'])
	})

	test('the ranks, lowest first', () => {
		expect(APPROVER_RANK).toEqual(['REGIONAL_MANAGER', 'MARKETING_DIRECTOR', 'GENERAL_MANAGER'])
		expect(withinAuthority('MARKETING_DIRECTOR', 'REGIONAL_MANAGER')).toBe(true)
		expect(withinAuthority('MARKETING_DIRECTOR', 'MARKETING_DIRECTOR')).toBe(true)
		expect(withinAuthority('MARKETING_DIRECTOR', 'GENERAL_MANAGER')).toBe(false)
		expect(withinAuthority('REGIONAL_MANAGER', 'MARKETING_DIRECTOR')).toBe(false)
		expect(withinAuthority('GENERAL_MANAGER', 'REGIONAL_MANAGER')).toBe(true)
		expect(withinAuthority('ADMIN', 'REGIONAL_MANAGER')).toBe(false)
		expect(withinAuthority(null, 'REGIONAL_MANAGER')).toBe(false)
	})

	test('the comment recorded for it', () => {
		expect(WITHIN_AUTHORITY).toBe("within the proposer's authority")
	})
})

test('the current step is the first pending one by sequence', () => {
	const steps = [
		{ sequence: 3, decision: 'PENDING', id: 'c' },
		{ sequence: 1, decision: 'APPROVED', id: 'a' },
		{ sequence: 2, decision: 'PENDING', id: 'b' },
	]
	expect(currentStep(steps)?.id).toBe('b')
	expect(currentStep([{ sequence: 1, decision: 'APPROVED' }])).toBeNull()
})

test('only roles that may decide approvals can be asked by a rule, and each has a rank', () => {
	expect([...APPROVER_ROLES]).toEqual(['REGIONAL_MANAGER', 'MARKETING_DIRECTOR', 'GENERAL_MANAGER'])
	expect([...APPROVER_ROLES].sort()).toEqual([...APPROVER_RANK].sort())
})

test('amounts typed in yuan, kept in whole fen', () => {
	expect(parseYuan('8000')).toBe(800_000)
	expect(parseYuan('8,000.5')).toBe(800_050)
	expect(parseYuan(' ¥ 8 000.05 ')).toBe(800_005)
	expect(parseYuan('８０００元')).toBe(800_000)
	expect(parseYuan('0')).toBe(0)
	for (const bad of ['', '-1', '1.234', '1e3', 'abc', '1.2.3', '.5']) expect(parseYuan(bad), bad).toBeNull()
})

test('the cost bearer suggested by the recorded responsibility (004 §5.5)', () => {
	expect(suggestedCostBearer('QUALITY_DEFECT')).toBe('COMPANY')
	expect(suggestedCostBearer('CUSTOMER_MISUSE')).toBe('CUSTOMER')
	expect(suggestedCostBearer('TRANSPORT_DAMAGE')).toBe('CARRIER')
	expect(suggestedCostBearer('DEALER')).toBe('DEALER')
	expect(suggestedCostBearer('UNDETERMINED')).toBe('COMPANY')
	expect(suggestedCostBearer(null)).toBeNull()
})
