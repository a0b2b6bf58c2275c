import { useTranslation } from 'react-i18next'
import { DateTime } from '#app/components/date-time.tsx'
import type { CaseApprovalStep, CaseProposal } from '#app/domain/complaints/case-view.ts'
import { formatYuan } from './money.ts'

/** Every resolution proposed, newest last, with its approval steps and each decision's comment. */
export function Proposals({ proposals }: { proposals: readonly CaseProposal[] }) {
	const { t } = useTranslation('casework')
	return (
		<section className="panel" aria-labelledby="proposals-title">
			<h2 id="proposals-title">{t('proposals.title')}</h2>
			{proposals.length === 0 ? (
				<p>{t('proposals.none')}</p>
			) : (
				<ol className="proposal-list">
					{proposals.map((proposal) => (
						<li key={proposal.id} className={`case-proposal case-proposal--${proposal.status.toLowerCase()}`}>
							<h3>
								{t(`complaints:remedy.${proposal.type}`)}{' '}
								<span className="proposal-status">{t(`proposalStatus.${proposal.status}`)}</span>
							</h3>
							<dl className="record">
								<dt>{t('proposals.amount')}</dt>
								<dd>{formatYuan(proposal.amountMinor, proposal.currency)}</dd>
								<dt>{t('proposals.costBearer')}</dt>
								<dd>{t(`costBearer.${proposal.costBearer}`)}</dd>
								<dt>{t('proposals.proposedBy')}</dt>
								<dd>
									{proposal.proposedBy}, <DateTime value={proposal.createdAt} />
								</dd>
							</dl>
							<p className="description">{proposal.summary}</p>
							{proposal.approvals.length > 0 ? <ApprovalSteps steps={proposal.approvals} /> : null}
						</li>
					))}
				</ol>
			)}
		</section>
	)
}

function ApprovalSteps({ steps }: { steps: readonly CaseApprovalStep[] }) {
	const { t, i18n } = useTranslation('casework')
	return (
		<>
			<h4>{t('proposals.approvals')}</h4>
			<ol className="approval-steps">
				{steps.map((step) => (
					<li key={step.id} className={`approval-step approval-step--${step.decision.toLowerCase()}`}>
						<p>
							<strong>{t(`role.${step.approverRole}`)}</strong>
							<span aria-hidden="true"> · </span>
							<span className="approval-decision">{t(`decision.${step.decision}`)}</span>
							{step.decidedBy ? (
								<>
									{' '}
									{t('proposals.decidedBy', { name: step.decidedBy })}{' '}
									{step.decidedAt ? <DateTime value={step.decidedAt} /> : null}
								</>
							) : null}
						</p>
						<p className="field-hint">{i18n.language === 'en' ? step.reasonEn : step.reasonZh}</p>
						{step.comment ? (
							<p className="approval-comment">
								<span className="detail-label">{t('field.comment')}: </span>
								{step.comment}
							</p>
						) : null}
					</li>
				))}
			</ol>
		</>
	)
}
