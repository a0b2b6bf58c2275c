import type { ApprovalDecision, StaffRole } from '#app/generated/prisma/enums.ts'
import { useTranslation } from 'react-i18next'
import { DateTime } from '#app/components/date-time.tsx'
import { WITHIN_AUTHORITY } from '#app/domain/approvals/policy.ts'

export interface StepView {
	id: string
	sequence: number
	approverRole: StaffRole
	decision: ApprovalDecision
	decidedAt: string | Date | null
	comment: string | null
	decidedBy: { name: string } | null
}

/**
 * Approval decisions in order, each with who decided, when, and their comment. A step the
 * proposer approved by holding its role says so in the reader's language.
 */
export function ApprovalSteps({ steps }: { steps: readonly StepView[] }) {
	const { t } = useTranslation(['approvals', 'console'])
	return (
		<ol className="approval-steps">
			{steps.map((step) => (
				<li key={step.id} className={`approval-step approval-step--${step.decision.toLowerCase()}`}>
					<p>
						<strong>{t(`console:role.${step.approverRole}`)}</strong>
						<span aria-hidden="true"> · </span>
						<span className="approval-decision">{t(`approvals:decision.${step.decision}`)}</span>
						{step.decidedBy ? (
							<>
								<span aria-hidden="true"> · </span>
								{step.decidedBy.name}
								{step.decidedAt ? (
									<>
										{t('approvals:text.comma')}
										<DateTime value={step.decidedAt} />
									</>
								) : null}
							</>
						) : null}
					</p>
					{step.decision === 'PENDING' ? null : (
						<p className="approval-comment">
							{step.comment === WITHIN_AUTHORITY
								? t('approvals:steps.withinAuthority')
								: (step.comment ?? t('approvals:steps.noComment'))}
						</p>
					)}
				</li>
			))}
		</ol>
	)
}
