import type { ComplaintCategory, ComplaintSeverity, StaffRole } from '#app/generated/prisma/enums.ts'

/**
 * The approval policy as data (DESIGN.md §5, 004 §5.3 and §5.7): which approvals a resolution
 * proposal needs, read from the active ApprovalRule rows. Pure, so that every condition can be
 * tested without a database and the rules page can show what a rule would do.
 *
 * A rule applies when every condition it sets holds; a proposal needs one step per role among
 * the rules that apply, in the rules' sequence order. Steps of the proposer's own role, and of the
 * approver roles below theirs (APPROVER_RANK), are within their authority and recorded as approved
 * by them at once.
 */

export interface PolicyRule {
	id: string
	sequence: number
	approverRole: StaffRole
	category: ComplaintCategory | null
	/** the complaint's severity is at least this */
	minSeverity: ComplaintSeverity | null
	/** the proposal's amount is above this, in fen */
	amountAboveMinor: number | null
	descriptionZh: string
	descriptionEn: string
	active: boolean
}

/** What the rules look at. */
export interface ProposalFacts {
	category: ComplaintCategory
	severity: ComplaintSeverity
	/** in fen */
	amountMinor: number
}

export const SEVERITY_ORDER: readonly ComplaintSeverity[] = ['MINOR', 'MAJOR', 'CRITICAL']

export function ruleApplies(rule: PolicyRule, facts: ProposalFacts): boolean {
	if (!rule.active) return false
	if (rule.category !== null && rule.category !== facts.category) return false
	if (rule.minSeverity !== null && SEVERITY_ORDER.indexOf(facts.severity) < SEVERITY_ORDER.indexOf(rule.minSeverity))
		return false
	if (rule.amountAboveMinor !== null && !(facts.amountMinor > rule.amountAboveMinor)) return false
	return true
}

export interface PlannedStep {
	/** 1, 2, …: the order the approvals are asked in */
	sequence: number
	approverRole: StaffRole
	/** the first rule that asked for this role */
	ruleId: string
	/** every applying rule's description for this role, so the approver sees why they are asked */
	reasonZh: string
	reasonEn: string
}

const bySequence = (a: PolicyRule, b: PolicyRule) => a.sequence - b.sequence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** The approvals a proposal needs: one per role, at the place of the role's first applying rule. */
export function requiredSteps(rules: readonly PolicyRule[], facts: ProposalFacts): PlannedStep[] {
	const steps: PlannedStep[] = []
	for (const rule of rules.filter((r) => ruleApplies(r, facts)).sort(bySequence)) {
		const same = steps.find((s) => s.approverRole === rule.approverRole)
		if (same) {
			same.reasonZh += `；${rule.descriptionZh}`
			same.reasonEn += `; ${rule.descriptionEn}`
			continue
		}
		steps.push({
			sequence: steps.length + 1,
			approverRole: rule.approverRole,
			ruleId: rule.id,
			reasonZh: rule.descriptionZh,
			reasonEn: rule.descriptionEn,
		})
	}
	return steps
}

/** The comment recorded on a step the proposer approved themselves, by holding its role. */
export const WITHIN_AUTHORITY = "within the proposer's authority"

export interface PlannedDecision extends PlannedStep {
	decision: 'PENDING' | 'APPROVED'
}

/**
 * The approver roles from the least authority to the most (DESIGN.md §5: the regional manager up to
 * an amount, above it the marketing director, the general manager over both). Roles that approve
 * nothing (agents, quality engineers, admins) are not on it.
 */
export const APPROVER_RANK: readonly StaffRole[] = ['REGIONAL_MANAGER', 'MARKETING_DIRECTOR', 'GENERAL_MANAGER']

/**
 * Whether a proposer in `proposerRole` may approve a step asked of `stepRole` by proposing: their
 * own role's, or a lower approver's. A director proposing CNY 8,000 does not ask a regional
 * manager to approve what the director may decide alone.
 */
export function withinAuthority(proposerRole: StaffRole | null, stepRole: StaffRole): boolean {
	if (proposerRole === null) return false
	if (proposerRole === stepRole) return true
	const proposerRank = APPROVER_RANK.indexOf(proposerRole)
	const stepRank = APPROVER_RANK.indexOf(stepRole)
	return proposerRank >= 0 && stepRank >= 0 && proposerRank > stepRank
}

/** The steps a new proposal starts with: those within the proposer's authority already approved. */
export function planApprovals(
	rules: readonly PolicyRule[],
	facts: ProposalFacts,
	proposerRole: StaffRole | null,
): PlannedDecision[] {
	return requiredSteps(rules, facts).map((step) => ({
		...step,
		decision: withinAuthority(proposerRole, step.approverRole) ? 'APPROVED' : 'PENDING',
	}))
}

/** The step a proposal waits for now: the first one still pending, or null when none is. */
export function currentStep<T extends { sequence: number; decision: string }>(steps: readonly T[]): T | null {
	return [...steps].sort((a, b) => a.sequence - b.sequence).find((s) => s.decision === 'PENDING') ?? null
}
