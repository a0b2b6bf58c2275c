import * as z from 'zod'
import type { StaffRole } from '#app/generated/prisma/enums.ts'
import { permissionsOf } from '../complaints/permissions.ts'
import { CATEGORIES, REMEDIES, SEVERITIES } from '../complaints/schemas.ts'
import { COST_BEARERS } from './cost-bearer.ts'

/**
 * Field rules for proposals, approval decisions and the approval rules, written once for the
 * console's forms (client and server) and GraphQL. Messages are i18n keys.
 */

/** CNY 10,000,000.00: far above any complaint, and within the database's 32-bit integer. */
export const MAX_AMOUNT_MINOR = 1_000_000_000
export const SUMMARY_MAX = 2000
export const COMMENT_MAX = 2000
export const RULE_DESCRIPTION_MAX = 200

/** The roles that may decide an approval: the only ones a rule may ask (from the permissions). */
export const APPROVER_ROLES = (
	['AGENT', 'QUALITY_ENGINEER', 'REGIONAL_MANAGER', 'MARKETING_DIRECTOR', 'GENERAL_MANAGER', 'ADMIN'] as const
).filter((staffRole) =>
	permissionsOf({ kind: 'STAFF', staffRole, organizationKind: null }).includes('decide-approval:complaint:any'),
) as readonly StaffRole[] as readonly ['REGIONAL_MANAGER', ...StaffRole[]]

/**
 * Yuan as people type them ("8000", "8,000.50", "¥8 000", full-width digits) in fen, or null when
 * it is not an amount of whole fen (a third decimal, a minus sign, letters).
 */
export function parseYuan(text: string): number | null {
	const plain = text
		.normalize('NFKC')
		.replace(/[\s,，¥￥]/g, '')
		.replace(/^CNY/i, '')
		.replace(/元$/, '')
	const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(plain)
	if (!match) return null
	const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
	return Number.isSafeInteger(fen) ? fen : null
}

/** A typed amount in yuan, as fen. */
export const AmountSchema = z
	.string({ error: 'validation:required' })
	.trim()
	.transform((text, ctx) => {
		const fen = parseYuan(text)
		if (fen === null) {
			ctx.addIssue({ code: 'custom', message: 'approvals:validation.amountInvalid' })
			return z.NEVER
		}
		if (fen > MAX_AMOUNT_MINOR) {
			ctx.addIssue({ code: 'custom', message: 'approvals:validation.amountTooLarge' })
			return z.NEVER
		}
		return fen
	})

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { error: (issue) => (issue.input === undefined ? 'validation:required' : 'validation:choose') })

const text = (max: number, tooLong: string) =>
	z
		.string({ error: 'validation:required' })
		.trim()
		.min(1, { error: 'validation:required' })
		.max(max, { error: tooLong })

/** The form's version, so a proposal made on a stale page is told what changed meanwhile. */
const ExpectedVersion = z.number().int().nonnegative().optional()

export const ProposalSchema = z.object({
	type: choice(REMEDIES),
	summary: text(SUMMARY_MAX, 'approvals:validation.summaryTooLong'),
	amount: AmountSchema,
	costBearer: choice(COST_BEARERS),
	expectedVersion: ExpectedVersion,
})

export const DECISIONS = ['APPROVED', 'DECLINED'] as const

export const DecisionSchema = z
	.object({
		complaintId: z.string({ error: 'validation:required' }).min(1),
		stepId: z.string({ error: 'validation:required' }).min(1),
		decision: choice(DECISIONS),
		comment: z.string().trim().max(COMMENT_MAX, { error: 'approvals:validation.commentTooLong' }).optional(),
		expectedVersion: ExpectedVersion,
	})
	.refine((value) => value.decision !== 'DECLINED' || !!value.comment, {
		path: ['comment'],
		error: 'approvals:validation.commentRequired',
	})

export const RuleSchema = z.object({
	sequence: z
		.number({ error: 'validation:required' })
		.int({ error: 'approvals:validation.sequenceInvalid' })
		.min(1, { error: 'approvals:validation.sequenceInvalid' })
		.max(9999, { error: 'approvals:validation.sequenceInvalid' }),
	approverRole: choice(APPROVER_ROLES),
	/** empty: any category */
	category: choice(CATEGORIES).optional(),
	/** empty: any severity */
	minSeverity: choice(SEVERITIES).optional(),
	/** empty: any amount; in yuan on the form */
	amountAbove: AmountSchema.optional(),
	descriptionZh: text(RULE_DESCRIPTION_MAX, 'approvals:validation.descriptionTooLong'),
	descriptionEn: text(RULE_DESCRIPTION_MAX, 'approvals:validation.descriptionTooLong'),
	active: z.boolean().optional(),
})
export type RuleForm = z.output<typeof RuleSchema>
