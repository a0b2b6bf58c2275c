import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { ComplaintCategory, ComplaintSeverity, StaffRole } from '#app/generated/prisma/enums.ts'
import { DomainValidationError, NotFoundError } from '../errors.ts'
import { assertInSettings } from '../settings/access.ts'
import type { Viewer } from '../viewer.ts'
import { APPROVER_ROLES, MAX_AMOUNT_MINOR, RULE_DESCRIPTION_MAX } from './schemas.ts'

/**
 * The approval policy's rules, edited by administrators in the console. A rule is never deleted:
 * approval steps name the rule that asked for them, so a rule that no longer applies is
 * deactivated (and can be turned on again). Changes apply to proposals made afterwards; a
 * proposal keeps the steps it was given.
 */

type Db = PrismaClient | Prisma.TransactionClient

export interface RuleInput {
	sequence: number
	approverRole: StaffRole
	/** null: any category */
	category: ComplaintCategory | null
	/** null: any severity */
	minSeverity: ComplaintSeverity | null
	/** in fen; null: any amount (0 means "any money at all") */
	amountAboveMinor: number | null
	descriptionZh: string
	descriptionEn: string
	active?: boolean
}

/** Administrators only, like the other settings that decide what customers are promised. */
function requireAdmin(viewer: Viewer) {
	assertInSettings(viewer, 'administer:settings')
}

function checked(input: RuleInput) {
	if (!Number.isInteger(input.sequence) || input.sequence < 1 || input.sequence > 9999)
		throw new DomainValidationError('sequence', 'approvals:validation.sequenceInvalid')
	if (!APPROVER_ROLES.includes(input.approverRole)) throw new DomainValidationError('approverRole', 'validation:choose')
	if (
		input.amountAboveMinor !== null &&
		(!Number.isSafeInteger(input.amountAboveMinor) ||
			input.amountAboveMinor < 0 ||
			input.amountAboveMinor > MAX_AMOUNT_MINOR)
	)
		throw new DomainValidationError('amountAbove', 'approvals:validation.amountInvalid')
	const text = (field: 'descriptionZh' | 'descriptionEn') => {
		const value = input[field].trim()
		if (!value) throw new DomainValidationError(field, 'validation:required')
		if (value.length > RULE_DESCRIPTION_MAX)
			throw new DomainValidationError(field, 'approvals:validation.descriptionTooLong', { max: RULE_DESCRIPTION_MAX })
		return value
	}
	return {
		sequence: input.sequence,
		approverRole: input.approverRole,
		category: input.category,
		minSeverity: input.minSeverity,
		amountAboveMinor: input.amountAboveMinor,
		descriptionZh: text('descriptionZh'),
		descriptionEn: text('descriptionEn'),
		...(input.active === undefined ? {} : { active: input.active }),
	}
}

/** Every rule, active ones first, each in the order its steps are asked. */
export async function listRules(db: Db, viewer: Viewer) {
	requireAdmin(viewer)
	return db.approvalRule.findMany({ orderBy: [{ active: 'desc' }, { sequence: 'asc' }, { createdAt: 'asc' }] })
}

export async function createRule(db: Db, viewer: Viewer, input: RuleInput) {
	requireAdmin(viewer)
	return db.approvalRule.create({ data: { ...checked(input), active: input.active ?? true } })
}

export async function updateRule(db: Db, viewer: Viewer, id: string, input: RuleInput) {
	requireAdmin(viewer)
	const data = checked(input)
	const { count } = await db.approvalRule.updateMany({ where: { id }, data })
	if (count !== 1) throw new NotFoundError('ApprovalRule')
	return db.approvalRule.findUniqueOrThrow({ where: { id } })
}

/** The rule asks for nothing from now on; steps it asked for earlier stay as they are. */
export async function deactivateRule(db: Db, viewer: Viewer, id: string) {
	requireAdmin(viewer)
	const { count } = await db.approvalRule.updateMany({ where: { id }, data: { active: false } })
	if (count !== 1) throw new NotFoundError('ApprovalRule')
}
