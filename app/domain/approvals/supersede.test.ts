import { describe, expect, test } from 'vitest'
import { STATUSES } from '../complaints/lifecycle.ts'
import { endsWaitingProposal, pendingApprovalChange } from './supersede.ts'

describe('which moves end the investigation a waiting proposal belongs to', () => {
	test('every move, from every status to every other', () => {
		const ending = STATUSES.flatMap((from) =>
			STATUSES.filter((to) => endsWaitingProposal(from, to)).map((to) => `${from} → ${to}`),
		)
		expect(ending).toEqual([
			'INVESTIGATING → SUBMITTED',
			'INVESTIGATING → ACKNOWLEDGED',
			'INVESTIGATING → WAITING_ON_CUSTOMER',
			'INVESTIGATING → RESOLUTION_PROPOSED',
			'INVESTIGATING → RESOLVING',
			'INVESTIGATING → RESOLVED',
			'INVESTIGATING → REJECTED',
			'INVESTIGATING → ESCALATED',
			'INVESTIGATING → CLOSED',
			'ESCALATED → SUBMITTED',
			'ESCALATED → ACKNOWLEDGED',
			'ESCALATED → WAITING_ON_CUSTOMER',
			'ESCALATED → RESOLUTION_PROPOSED',
			'ESCALATED → RESOLVING',
			'ESCALATED → RESOLVED',
			'ESCALATED → REJECTED',
			'ESCALATED → CLOSED',
		])
	})

	test('staying, or head office handing the case back, keeps it', () => {
		expect(endsWaitingProposal('INVESTIGATING', 'INVESTIGATING')).toBe(false)
		expect(endsWaitingProposal('ESCALATED', 'ESCALATED')).toBe(false)
		expect(endsWaitingProposal('ESCALATED', 'INVESTIGATING')).toBe(false)
	})

	test('the audit change', () => {
		expect(pendingApprovalChange('MARKETING_DIRECTOR')).toEqual({
			pendingApproval: { before: 'MARKETING_DIRECTOR', after: null },
		})
		expect(pendingApprovalChange(null)).toEqual({})
	})
})
