import type { CostBearer, Responsibility } from '#app/generated/prisma/enums.ts'

export const COST_BEARERS = [
	'COMPANY',
	'CUSTOMER',
	'DEALER',
	'CARRIER',
	'SHARED',
] as const satisfies readonly CostBearer[]

/**
 * Who pays, as 004 §5.5 suggests it from the recorded responsibility: a quality defect is ours
 * (free replacement, our freight), misuse the customer's, transport damage the carrier's. Undetermined
 * goods go back to head office at our cost. Only a suggestion for the proposal form: the proposer may
 * choose otherwise (a goodwill gesture, a shared cost), and the approvers see what was chosen.
 */
export function suggestedCostBearer(responsibility: Responsibility | null): CostBearer | null {
	switch (responsibility) {
		case 'QUALITY_DEFECT':
		case 'UNDETERMINED':
			return 'COMPANY'
		case 'CUSTOMER_MISUSE':
		case 'NOT_COMPANY':
			return 'CUSTOMER'
		case 'TRANSPORT_DAMAGE':
			return 'CARRIER'
		case 'DEALER':
			return 'DEALER'
		case null:
			return null
	}
}
