import { useTranslation } from 'react-i18next'
import { COST_BEARERS } from '#app/domain/approvals/cost-bearer.ts'
import type { CostBearer } from '#app/generated/prisma/enums.ts'
import { formatMoney } from '#app/i18n/money.ts'

/** The money side of a proposed resolution, as the customer reads it. */
export interface ResolutionCost {
	/** in fen; 0 when no money is involved */
	amountMinor: number
	currency: string
	costBearer: CostBearer | null
}

/** Only a resolution that involves money says how much and who pays. */
export function hasCost(cost: Partial<ResolutionCost>): cost is ResolutionCost {
	return typeof cost.amountMinor === 'number' && cost.amountMinor > 0
}

/** The event data of `resolution_proposed` (proposals.ts) as a cost, when it carries one. */
export function costOf(data: Record<string, unknown>): ResolutionCost | null {
	const bearer = COST_BEARERS.find((b) => b === data.costBearer) ?? null
	const cost = {
		amountMinor: typeof data.amountMinor === 'number' ? data.amountMinor : 0,
		currency: typeof data.currency === 'string' ? data.currency : 'CNY',
		costBearer: bearer,
	}
	return hasCost(cost) ? cost : null
}

/** Amount and who pays as term/description pairs, for a `<dl>`. */
export function ResolutionCostRows({ cost }: { cost: ResolutionCost }) {
	const { t, i18n } = useTranslation('complaints')
	return (
		<>
			<dt>{t('resolutionCost.amount')}</dt>
			<dd className="resolution-amount">{formatMoney(cost.amountMinor, cost.currency, i18n.language)}</dd>
			{cost.costBearer ? (
				<>
					<dt>{t('resolutionCost.costBearer')}</dt>
					<dd className="resolution-cost-bearer">{t(`costBearer.${cost.costBearer}`)}</dd>
				</>
			) : null}
		</>
	)
}

/** Amount and who pays in one line, for the timeline. */
export function ResolutionCostLine({ cost }: { cost: ResolutionCost }) {
	const { t, i18n } = useTranslation('complaints')
	const amount = formatMoney(cost.amountMinor, cost.currency, i18n.language)
	return (
		<p className="timeline-cost">
			{cost.costBearer
				? t('resolutionCost.line', { amount, bearer: t(`costBearer.${cost.costBearer}`) })
				: t('resolutionCost.lineAmountOnly', { amount })}
		</p>
	)
}
