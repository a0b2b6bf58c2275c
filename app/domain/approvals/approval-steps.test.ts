import { describe, expect, test } from 'vitest'
import type { ApprovalDecision, ProposalStatus } from '#app/generated/prisma/enums.ts'
import { stateOf } from './approval-steps.ts'

const proposal = (status: ProposalStatus, decisions: ApprovalDecision[]) => ({
	status,
	approvals: decisions.map((decision, i) => ({ id: `s${i + 1}`, sequence: i + 1, decision })),
})

describe('where an approval step stands', () => {
	test('the first pending step of a waiting proposal waits; later pending ones are queued', () => {
		const p = proposal('PENDING_APPROVAL', ['APPROVED', 'PENDING', 'PENDING'])
		expect(p.approvals.map((s) => stateOf(s, p))).toEqual(['APPROVED', 'WAITING', 'QUEUED'])
	})

	test('a step approved within the proposer’s authority after a pending one does not move the wait', () => {
		const p = proposal('PENDING_APPROVAL', ['PENDING', 'APPROVED'])
		expect(p.approvals.map((s) => stateOf(s, p))).toEqual(['WAITING', 'APPROVED'])
	})

	test.each(['DECLINED', 'SUPERSEDED', 'OFFERED'] as const)(
		'pending steps of a %s proposal are cancelled; decided ones keep their decision',
		(status) => {
			const p = proposal(status, ['DECLINED', 'PENDING'])
			expect(p.approvals.map((s) => stateOf(s, p))).toEqual(['DECLINED', 'CANCELLED'])
		},
	)
})
