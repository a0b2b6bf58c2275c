import { describe, expect, test } from 'vitest'
import type { ComplaintStatus, Responsibility, StaffRole } from '#app/generated/prisma/enums.ts'
import type { Viewer } from '../viewer.ts'
import { STATUSES } from './lifecycle.ts'
import {
	availableActions,
	refusalOf,
	STAFF_ACTIONS,
	type Refusal,
	type StaffAction,
	type WorkflowState,
} from './workflow.ts'

/**
 * The staff state machine, exhaustively: every status × every staff action × every kind of
 * viewer, against tables written out here by hand from DESIGN.md §3 and §5 and the permission
 * rules, not computed from ACTION_RULES, so that a change to the rules has to change a table.
 */

const NOW = new Date('2026-11-23T02:00:00Z')
const DAY = 86_400_000
const REGION = 'region-east'
const OTHER_REGION = 'region-west'

function viewer(kind: Viewer['kind'], extra: Partial<Viewer> = {}): Viewer {
	return {
		userId: `user-${kind}`,
		kind,
		staffRole: null,
		organizationId: null,
		organizationKind: null,
		regionId: null,
		...extra,
	}
}
const hq = (staffRole: StaffRole) =>
	viewer('STAFF', { userId: staffRole, staffRole, organizationId: 'hq', organizationKind: 'HQ' })
const inOffice = (region: string) =>
	viewer('STAFF', {
		staffRole: 'REGIONAL_MANAGER',
		organizationId: `office-${region}`,
		organizationKind: 'REGIONAL_OFFICE',
		regionId: region,
	})

/** The columns of every table below, in this order. */
const VIEWERS = {
	/** the complaint's customer */
	cu: viewer('CUSTOMER', { userId: 'customer' }),
	/** the dealer who sold the order */
	de: viewer('DEALER', { organizationId: 'dealer', organizationKind: 'DEALER', regionId: REGION }),
	/** another dealer in the same region */
	dx: viewer('DEALER', { organizationId: 'other-dealer', organizationKind: 'DEALER', regionId: REGION }),
	/** the regional office (as an organization) of the complaint's region */
	ro: viewer('REGIONAL_OFFICE', {
		organizationId: `office-${REGION}`,
		organizationKind: 'REGIONAL_OFFICE',
		regionId: REGION,
	}),
	/** another region's office */
	rx: viewer('REGIONAL_OFFICE', {
		organizationId: `office-${OTHER_REGION}`,
		organizationKind: 'REGIONAL_OFFICE',
		regionId: OTHER_REGION,
	}),
	AG: hq('AGENT'),
	QE: hq('QUALITY_ENGINEER'),
	/** the regional manager of the complaint's region, sitting in its office */
	RM: inOffice(REGION),
	/** the regional manager of another region */
	rmX: inOffice(OTHER_REGION),
	MD: hq('MARKETING_DIRECTOR'),
	GM: hq('GENERAL_MANAGER'),
	AD: hq('ADMIN'),
} satisfies Record<string, Viewer>
type Who = keyof typeof VIEWERS
const COLUMNS = Object.keys(VIEWERS) as Who[]

const CODES: Record<string, Refusal | null> = {
	'.': null,
	P: 'NOT_PERMITTED',
	S: 'WRONG_STATUS',
	R: 'RESPONSIBILITY_REQUIRED',
	Q: 'QUALITY_DECIDES',
	N: 'NOT_REJECTABLE',
	A: 'APPROVAL_PENDING',
	X: 'NO_PENDING_APPROVAL',
	Y: 'NOT_YOUR_APPROVAL',
	W: 'REOPEN_WINDOW_PASSED',
}

/** One row of cells, one per column: "P P . S …" */
function row(cells: string): Record<Who, Refusal | null> {
	const codes = cells.trim().split(/\s+/)
	expect(codes, `row "${cells}"`).toHaveLength(COLUMNS.length)
	return Object.fromEntries(
		COLUMNS.map((who, i) => {
			const code = codes[i]!
			expect(Object.keys(CODES), `code ${code}`).toContain(code)
			return [who, CODES[code]]
		}),
	) as Record<Who, Refusal | null>
}

/** "STATUS  cells…" lines: one per status, every status once. */
function grid(text: string): Record<ComplaintStatus, Record<Who, Refusal | null>> {
	const lines = text
		.trim()
		.split('\n')
		.map((line) => line.trim().split(/\s+/))
	const byStatus = Object.fromEntries(lines.map(([status, ...cells]) => [status, row(cells.join(' '))]))
	expect(Object.keys(byStatus).sort()).toEqual([...STATUSES].sort())
	return byStatus as Record<ComplaintStatus, Record<Who, Refusal | null>>
}

const state = (over: Partial<WorkflowState> = {}): WorkflowState => ({
	customerId: 'customer',
	dealerId: 'dealer',
	regionId: REGION,
	status: 'INVESTIGATING',
	category: 'PRODUCT_QUALITY',
	responsibility: null,
	closedAt: new Date(NOW.getTime() - 10 * DAY),
	pendingApproverRole: null,
	...over,
})

/**
 * Legend: . allowed · P not permitted · S wrong status · R responsibility required ·
 * Q quality decides · N not rejectable · A approval pending · X no pending approval ·
 * Y not your approval · W reopen window passed.
 *
 * The complaint: product quality, no responsibility recorded yet, no proposal waiting,
 * closed 10 days ago (when it is closed).
 */
// prettier-ignore
const EXPECTED: Record<StaffAction, string> = {
	//                          cu de dx ro rx AG QE RM rmX MD GM AD
	acknowledge: `
		SUBMITTED                P  P  P  .  P  .  .  .  P   .  .  .
		ACKNOWLEDGED             P  P  P  S  P  S  S  S  P   S  S  S
		INVESTIGATING            P  P  P  S  P  S  S  S  P   S  S  S
		WAITING_ON_CUSTOMER      P  P  P  S  P  S  S  S  P   S  S  S
		RESOLUTION_PROPOSED      P  P  P  S  P  S  S  S  P   S  S  S
		RESOLVING                P  P  P  S  P  S  S  S  P   S  S  S
		RESOLVED                 P  P  P  S  P  S  S  S  P   S  S  S
		REJECTED                 P  P  P  S  P  S  S  S  P   S  S  S
		ESCALATED                P  P  P  S  P  S  S  S  P   S  S  S
		CLOSED                   P  P  P  S  P  S  S  S  P   S  S  S`,
	route: `
		SUBMITTED                P  P  P  P  P  .  .  .  P   .  .  .
		ACKNOWLEDGED             P  P  P  P  P  .  .  .  P   .  .  .
		INVESTIGATING            P  P  P  P  P  .  .  .  P   .  .  .
		WAITING_ON_CUSTOMER      P  P  P  P  P  .  .  .  P   .  .  .
		RESOLUTION_PROPOSED      P  P  P  P  P  .  .  .  P   .  .  .
		RESOLVING                P  P  P  P  P  .  .  .  P   .  .  .
		RESOLVED                 P  P  P  P  P  .  .  .  P   .  .  .
		REJECTED                 P  P  P  P  P  .  .  .  P   .  .  .
		ESCALATED                P  P  P  P  P  .  .  .  P   .  .  .
		CLOSED                   P  P  P  P  P  S  S  S  P   S  S  S`,
	investigate: `
		SUBMITTED                P  P  P  S  P  S  S  S  P   S  S  S
		ACKNOWLEDGED             P  P  P  .  P  .  .  .  P   .  .  .
		INVESTIGATING            P  P  P  S  P  S  S  S  P   S  S  S
		WAITING_ON_CUSTOMER      P  P  P  .  P  .  .  .  P   .  .  .
		RESOLUTION_PROPOSED      P  P  P  S  P  S  S  S  P   S  S  S
		RESOLVING                P  P  P  S  P  S  S  S  P   S  S  S
		RESOLVED                 P  P  P  S  P  S  S  S  P   S  S  S
		REJECTED                 P  P  P  S  P  S  S  S  P   S  S  S
		ESCALATED                P  P  P  .  P  .  .  .  P   .  .  .
		CLOSED                   P  P  P  S  P  S  S  S  P   S  S  S`,
	'request-information': `
		SUBMITTED                P  P  P  S  P  S  S  S  P   S  S  S
		ACKNOWLEDGED             P  P  P  .  P  .  .  .  P   .  .  .
		INVESTIGATING            P  P  P  .  P  .  .  .  P   .  .  .
		WAITING_ON_CUSTOMER      P  P  P  S  P  S  S  S  P   S  S  S
		RESOLUTION_PROPOSED      P  P  P  S  P  S  S  S  P   S  S  S
		RESOLVING                P  P  P  S  P  S  S  S  P   S  S  S
		RESOLVED                 P  P  P  S  P  S  S  S  P   S  S  S
		REJECTED                 P  P  P  S  P  S  S  S  P   S  S  S
		ESCALATED                P  P  P  .  P  .  .  .  P   .  .  .
		CLOSED                   P  P  P  S  P  S  S  S  P   S  S  S`,
	'record-finding': `
		SUBMITTED                P  P  P  S  P  S  S  S  P   S  S  S
		ACKNOWLEDGED             P  P  P  .  P  .  .  .  P   .  .  .
		INVESTIGATING            P  P  P  .  P  .  .  .  P   .  .  .
		WAITING_ON_CUSTOMER      P  P  P  .  P  .  .  .  P   .  .  .
		RESOLUTION_PROPOSED      P  P  P  S  P  S  S  S  P   S  S  S
		RESOLVING                P  P  P  S  P  S  S  S  P   S  S  S
		RESOLVED                 P  P  P  S  P  S  S  S  P   S  S  S
		REJECTED                 P  P  P  S  P  S  S  S  P   S  S  S
		ESCALATED                P  P  P  .  P  .  .  .  P   .  .  .
		CLOSED                   P  P  P  S  P  S  S  S  P   S  S  S`,
	'determine-responsibility': `
		SUBMITTED                P  P  P  P  P  S  S  S  P   S  S  S
		ACKNOWLEDGED             P  P  P  P  P  S  S  S  P   S  S  S
		INVESTIGATING            P  P  P  P  P  Q  .  Q  P   Q  Q  Q
		WAITING_ON_CUSTOMER      P  P  P  P  P  S  S  S  P   S  S  S
		RESOLUTION_PROPOSED      P  P  P  P  P  S  S  S  P   S  S  S
		RESOLVING                P  P  P  P  P  S  S  S  P   S  S  S
		RESOLVED                 P  P  P  P  P  S  S  S  P   S  S  S
		REJECTED                 P  P  P  P  P  S  S  S  P   S  S  S
		ESCALATED                P  P  P  P  P  Q  .  Q  P   Q  Q  Q
		CLOSED                   P  P  P  P  P  S  S  S  P   S  S  S`,
	'propose-resolution': `
		SUBMITTED                P  P  P  P  P  S  S  S  P   S  S  S
		ACKNOWLEDGED             P  P  P  P  P  S  S  S  P   S  S  S
		INVESTIGATING            P  P  P  P  P  R  R  R  P   R  R  R
		WAITING_ON_CUSTOMER      P  P  P  P  P  S  S  S  P   S  S  S
		RESOLUTION_PROPOSED      P  P  P  P  P  S  S  S  P   S  S  S
		RESOLVING                P  P  P  P  P  S  S  S  P   S  S  S
		RESOLVED                 P  P  P  P  P  S  S  S  P   S  S  S
		REJECTED                 P  P  P  P  P  S  S  S  P   S  S  S
		ESCALATED                P  P  P  P  P  R  R  R  P   R  R  R
		CLOSED                   P  P  P  P  P  S  S  S  P   S  S  S`,
	'decide-approval': `
		SUBMITTED                P  P  P  P  P  P  P  S  P   S  S  P
		ACKNOWLEDGED             P  P  P  P  P  P  P  S  P   S  S  P
		INVESTIGATING            P  P  P  P  P  P  P  X  P   X  X  P
		WAITING_ON_CUSTOMER      P  P  P  P  P  P  P  S  P   S  S  P
		RESOLUTION_PROPOSED      P  P  P  P  P  P  P  S  P   S  S  P
		RESOLVING                P  P  P  P  P  P  P  S  P   S  S  P
		RESOLVED                 P  P  P  P  P  P  P  S  P   S  S  P
		REJECTED                 P  P  P  P  P  P  P  S  P   S  S  P
		ESCALATED                P  P  P  P  P  P  P  X  P   X  X  P
		CLOSED                   P  P  P  P  P  P  P  S  P   S  S  P`,
	resolve: `
		SUBMITTED                P  P  P  P  P  S  S  S  P   S  S  S
		ACKNOWLEDGED             P  P  P  P  P  S  S  S  P   S  S  S
		INVESTIGATING            P  P  P  P  P  S  S  S  P   S  S  S
		WAITING_ON_CUSTOMER      P  P  P  P  P  S  S  S  P   S  S  S
		RESOLUTION_PROPOSED      P  P  P  P  P  S  S  S  P   S  S  S
		RESOLVING                P  P  P  P  P  .  .  .  P   .  .  .
		RESOLVED                 P  P  P  P  P  S  S  S  P   S  S  S
		REJECTED                 P  P  P  P  P  S  S  S  P   S  S  S
		ESCALATED                P  P  P  P  P  S  S  S  P   S  S  S
		CLOSED                   P  P  P  P  P  S  S  S  P   S  S  S`,
	reject: `
		SUBMITTED                P  P  P  P  P  S  S  S  P   S  S  S
		ACKNOWLEDGED             P  P  P  P  P  S  S  S  P   S  S  S
		INVESTIGATING            P  P  P  P  P  R  R  R  P   R  R  R
		WAITING_ON_CUSTOMER      P  P  P  P  P  S  S  S  P   S  S  S
		RESOLUTION_PROPOSED      P  P  P  P  P  S  S  S  P   S  S  S
		RESOLVING                P  P  P  P  P  S  S  S  P   S  S  S
		RESOLVED                 P  P  P  P  P  S  S  S  P   S  S  S
		REJECTED                 P  P  P  P  P  S  S  S  P   S  S  S
		ESCALATED                P  P  P  P  P  R  R  R  P   R  R  R
		CLOSED                   P  P  P  P  P  S  S  S  P   S  S  S`,
	escalate: `
		SUBMITTED                P  P  P  P  P  S  S  S  P   S  S  S
		ACKNOWLEDGED             P  P  P  P  P  S  S  S  P   S  S  S
		INVESTIGATING            P  P  P  P  P  .  .  .  P   .  .  .
		WAITING_ON_CUSTOMER      P  P  P  P  P  .  .  .  P   .  .  .
		RESOLUTION_PROPOSED      P  P  P  P  P  .  .  .  P   .  .  .
		RESOLVING                P  P  P  P  P  .  .  .  P   .  .  .
		RESOLVED                 P  P  P  P  P  .  .  .  P   .  .  .
		REJECTED                 P  P  P  P  P  .  .  .  P   .  .  .
		ESCALATED                P  P  P  P  P  S  S  S  P   S  S  S
		CLOSED                   P  P  P  P  P  S  S  S  P   S  S  S`,
	close: `
		SUBMITTED                P  P  P  P  P  S  S  S  P   S  S  S
		ACKNOWLEDGED             P  P  P  P  P  S  S  S  P   S  S  S
		INVESTIGATING            P  P  P  P  P  S  S  S  P   S  S  S
		WAITING_ON_CUSTOMER      P  P  P  P  P  S  S  S  P   S  S  S
		RESOLUTION_PROPOSED      P  P  P  P  P  S  S  S  P   S  S  S
		RESOLVING                P  P  P  P  P  S  S  S  P   S  S  S
		RESOLVED                 P  P  P  P  P  .  .  .  P   .  .  .
		REJECTED                 P  P  P  P  P  .  .  .  P   .  .  .
		ESCALATED                P  P  P  P  P  S  S  S  P   S  S  S
		CLOSED                   P  P  P  P  P  S  S  S  P   S  S  S`,
	reopen: `
		SUBMITTED                P  P  P  P  P  S  S  S  P   S  S  S
		ACKNOWLEDGED             P  P  P  P  P  S  S  S  P   S  S  S
		INVESTIGATING            P  P  P  P  P  S  S  S  P   S  S  S
		WAITING_ON_CUSTOMER      P  P  P  P  P  S  S  S  P   S  S  S
		RESOLUTION_PROPOSED      P  P  P  P  P  S  S  S  P   S  S  S
		RESOLVING                P  P  P  P  P  S  S  S  P   S  S  S
		RESOLVED                 P  P  P  P  P  S  S  S  P   S  S  S
		REJECTED                 P  P  P  P  P  S  S  S  P   S  S  S
		ESCALATED                P  P  P  P  P  S  S  S  P   S  S  S
		CLOSED                   P  P  P  P  P  .  .  .  P   .  .  .`,
	reply: `
		SUBMITTED                P  P  P  S  P  S  S  S  P   S  S  S
		ACKNOWLEDGED             P  P  P  .  P  .  .  .  P   .  .  .
		INVESTIGATING            P  P  P  .  P  .  .  .  P   .  .  .
		WAITING_ON_CUSTOMER      P  P  P  .  P  .  .  .  P   .  .  .
		RESOLUTION_PROPOSED      P  P  P  .  P  .  .  .  P   .  .  .
		RESOLVING                P  P  P  .  P  .  .  .  P   .  .  .
		RESOLVED                 P  P  P  .  P  .  .  .  P   .  .  .
		REJECTED                 P  P  P  .  P  .  .  .  P   .  .  .
		ESCALATED                P  P  P  .  P  .  .  .  P   .  .  .
		CLOSED                   P  P  P  S  P  S  S  S  P   S  S  S`,
	note: `
		SUBMITTED                P  .  P  .  P  .  .  .  P   .  .  .
		ACKNOWLEDGED             P  .  P  .  P  .  .  .  P   .  .  .
		INVESTIGATING            P  .  P  .  P  .  .  .  P   .  .  .
		WAITING_ON_CUSTOMER      P  .  P  .  P  .  .  .  P   .  .  .
		RESOLUTION_PROPOSED      P  .  P  .  P  .  .  .  P   .  .  .
		RESOLVING                P  .  P  .  P  .  .  .  P   .  .  .
		RESOLVED                 P  .  P  .  P  .  .  .  P   .  .  .
		REJECTED                 P  .  P  .  P  .  .  .  P   .  .  .
		ESCALATED                P  .  P  .  P  .  .  .  P   .  .  .
		CLOSED                   P  .  P  .  P  .  .  .  P   .  .  .`,
}

describe('every status × every staff action × every viewer', () => {
	test('the table covers every staff action', () => {
		expect(Object.keys(EXPECTED).sort()).toEqual([...STAFF_ACTIONS].sort())
	})

	const tables = Object.fromEntries(Object.entries(EXPECTED).map(([action, text]) => [action, grid(text)])) as Record<
		StaffAction,
		ReturnType<typeof grid>
	>

	describe.each(STATUSES)('%s', (status) => {
		test.each(COLUMNS)('as %s', (who) => {
			const complaint = state({ status })
			const got = Object.fromEntries(STAFF_ACTIONS.map((a) => [a, refusalOf(VIEWERS[who], complaint, a, NOW)]))
			const want = Object.fromEntries(STAFF_ACTIONS.map((a) => [a, tables[a][status][who]]))
			expect(got).toEqual(want)
			// what the case page offers is exactly what the commands accept
			expect(availableActions(VIEWERS[who], complaint, NOW)).toEqual(STAFF_ACTIONS.filter((a) => want[a] === null))
		})
	})
})

/** One action, one complaint state, every viewer: a single row of the legend above. */
function expectRow(action: StaffAction, complaint: WorkflowState, cells: string, now = NOW) {
	const want = row(cells)
	const got = Object.fromEntries(COLUMNS.map((who) => [who, refusalOf(VIEWERS[who], complaint, action, now)]))
	expect(got, `${action} on ${JSON.stringify(complaint)}`).toEqual(want)
}

// prettier-ignore
describe('rules beyond the status', () => {
	//                                                           cu de dx ro rx AG QE RM rmX MD GM AD
	test('no proposal before responsibility is recorded (000 (七)2)', () => {
		for (const status of ['INVESTIGATING', 'ESCALATED'] as const) {
			expectRow('propose-resolution', state({ status }),                     'P  P  P  P  P  R  R  R  P   R  R  R')
			for (const responsibility of ['QUALITY_DEFECT', 'UNDETERMINED', 'NOT_COMPANY'] as const)
				expectRow('propose-resolution', state({ status, responsibility }),  'P  P  P  P  P  .  .  .  P   .  .  .')
		}
	})

	test('rejection needs a recorded responsibility that is not the company’s', () => {
		const rejectable: Record<Responsibility, string> = {
			NOT_COMPANY:      'P  P  P  P  P  .  .  .  P   .  .  .',
			CUSTOMER_MISUSE:  'P  P  P  P  P  .  .  .  P   .  .  .',
			TRANSPORT_DAMAGE: 'P  P  P  P  P  .  .  .  P   .  .  .',
			DEALER:           'P  P  P  P  P  .  .  .  P   .  .  .',
			QUALITY_DEFECT:   'P  P  P  P  P  N  N  N  P   N  N  N',
			UNDETERMINED:     'P  P  P  P  P  N  N  N  P   N  N  N',
		}
		for (const status of ['INVESTIGATING', 'ESCALATED'] as const) {
			expectRow('reject', state({ status }),                                 'P  P  P  P  P  R  R  R  P   R  R  R')
			for (const [responsibility, cells] of Object.entries(rejectable))
				expectRow('reject', state({ status, responsibility: responsibility as Responsibility }), cells)
		}
	})

	test('the quality department decides responsibility on product-quality complaints only', () => {
		expectRow('determine-responsibility', state({ category: 'PRODUCT_QUALITY' }), 'P  P  P  P  P  Q  .  Q  P   Q  Q  Q')
		for (const category of ['HANDLING_DAMAGE', 'SERVICE_CONDUCT', 'SALES_POLICY', 'OTHER'] as const)
			expectRow('determine-responsibility', state({ category }),              'P  P  P  P  P  .  .  .  P   .  .  .')
		// deciding again (a second opinion) is allowed while nothing waits on the first
		expectRow('determine-responsibility', state({ category: 'OTHER', responsibility: 'DEALER' }),
			'P  P  P  P  P  .  .  .  P   .  .  .')
	})

	test('a proposal waiting for approval: only its approver decides; nothing that would pull the ground from under it', () => {
		const waiting = (pendingApproverRole: StaffRole, over: Partial<WorkflowState> = {}) =>
			state({ responsibility: 'NOT_COMPANY', pendingApproverRole, ...over })
		expectRow('decide-approval', waiting('REGIONAL_MANAGER'),             'P  P  P  P  P  P  P  .  P   Y  Y  P')
		expectRow('decide-approval', waiting('MARKETING_DIRECTOR'),           'P  P  P  P  P  P  P  Y  P   .  Y  P')
		expectRow('decide-approval', waiting('GENERAL_MANAGER'),              'P  P  P  P  P  P  P  Y  P   Y  .  P')
		expectRow('decide-approval', waiting('GENERAL_MANAGER', { status: 'ESCALATED' }),
			'P  P  P  P  P  P  P  Y  P   Y  .  P')
		// waiting in a status approvals are not decided in: the status speaks first
		expectRow('decide-approval', waiting('GENERAL_MANAGER', { status: 'WAITING_ON_CUSTOMER' }),
			'P  P  P  P  P  P  P  S  P   S  S  P')
		expectRow('decide-approval', state({ responsibility: 'NOT_COMPANY' }),    'P  P  P  P  P  P  P  X  P   X  X  P')
		expectRow('propose-resolution', waiting('REGIONAL_MANAGER'),          'P  P  P  P  P  A  A  A  P   A  A  A')
		expectRow('reject', waiting('REGIONAL_MANAGER'),                      'P  P  P  P  P  A  A  A  P   A  A  A')
		expectRow('determine-responsibility', waiting('REGIONAL_MANAGER', { category: 'OTHER' }),
			'P  P  P  P  P  A  A  A  P   A  A  A')
		expectRow('determine-responsibility', waiting('REGIONAL_MANAGER'),    'P  P  P  P  P  Q  A  Q  P   Q  Q  Q')
		// the rest of the case work goes on while the approvers decide
		for (const action of ['escalate', 'record-finding', 'request-information', 'reply', 'route'] as const)
			expect(refusalOf(VIEWERS.AG, waiting('REGIONAL_MANAGER'), action, NOW), action).toBeNull()
	})

	test('reopening: within 30 days of closing, to the millisecond', () => {
		const closed = (closedAt: Date | null) => state({ status: 'CLOSED', closedAt })
		const ago = (ms: number) => new Date(NOW.getTime() - ms)
		expectRow('reopen', closed(ago(0)),                                  'P  P  P  P  P  .  .  .  P   .  .  .')
		expectRow('reopen', closed(ago(30 * DAY - 1)),                       'P  P  P  P  P  .  .  .  P   .  .  .')
		expectRow('reopen', closed(ago(30 * DAY)),                           'P  P  P  P  P  .  .  .  P   .  .  .')
		expectRow('reopen', closed(ago(30 * DAY + 1)),                       'P  P  P  P  P  W  W  W  P   W  W  W')
		expectRow('reopen', closed(ago(365 * DAY)),                          'P  P  P  P  P  W  W  W  P   W  W  W')
		// a closed case without a closing date (older data) is past any window
		expectRow('reopen', closed(null),                                    'P  P  P  P  P  W  W  W  P   W  W  W')
	})

	test('a complaint outside the viewer’s region or dealership is never theirs to work, whatever its state', () => {
		const elsewhere = state({ regionId: OTHER_REGION, dealerId: 'other-dealer' })
		for (const action of STAFF_ACTIONS) {
			expect(refusalOf(VIEWERS.ro, elsewhere, action, NOW)).toBe('NOT_PERMITTED')
			expect(refusalOf(VIEWERS.RM, elsewhere, action, NOW)).toBe('NOT_PERMITTED')
			expect(refusalOf(VIEWERS.de, elsewhere, action, NOW)).toBe('NOT_PERMITTED')
		}
		expect(refusalOf(VIEWERS.rx, elsewhere, 'note', NOW)).toBeNull()
		expect(refusalOf(VIEWERS.rmX, elsewhere, 'investigate', NOW)).toBe('WRONG_STATUS')
		expect(refusalOf(VIEWERS.dx, elsewhere, 'note', NOW)).toBeNull()
	})

	test('a staff account without a role can do nothing', () => {
		const roleless = viewer('STAFF', { organizationId: 'hq', organizationKind: 'HQ' })
		for (const status of STATUSES) expect(availableActions(roleless, state({ status }), NOW)).toEqual([])
	})
})
