import type { CostBearer, RequestedRemedy, StaffRole } from '#app/generated/prisma/enums.ts'
import type { Language } from '#app/i18n/config.ts'
import { formatMoney } from '#app/i18n/money.ts'
import { DetailList, Quote } from './complaint-parts.tsx'
import { ActionButton, EmailLayout, LinkFallback, Paragraph } from './layout.tsx'
import { emailMessages } from './messages.ts'

/** A resolution proposal as the staff emails show it. */
export interface ProposalForEmail {
	type: RequestedRemedy
	summary: string
	/** in fen */
	amountMinor: number
	currency: string
	costBearer: CostBearer
	proposedByName: string
}

export interface ApprovalRequestedProps {
	/** the approver's name */
	name: string
	/** CMP-YYYY-NNNNNN */
	reference: string
	title: string
	region: { nameZh: string; nameEn: string }
	/** the role asked (the approver holds it) */
	approverRole: StaffRole
	/** why the policy asks this role, in both languages (the rules' descriptions) */
	reason: { zh: string; en: string }
	proposal: ProposalForEmail
	/** the approver's pending approvals, `${appUrl}/staff/approvals` */
	url: string
}

export function approvalRequestedSubject({ reference }: ApprovalRequestedProps, language: Language) {
	return emailMessages(language).approval.requested.subject(reference)
}

/** The proposal's facts, shared with approval-declined. */
export function ProposalDetails({
	reference,
	proposal,
	language,
	region,
}: {
	reference: string
	proposal: ProposalForEmail
	language: Language
	region?: string
}) {
	const m = emailMessages(language).approval
	return (
		<>
			<DetailList
				language={language}
				rows={[
					[m.complaintLabel, reference],
					...(region ? [[m.regionLabel, region] as [string, string]] : []),
					[m.typeLabel, m.remedy[proposal.type]],
					[m.amountLabel, formatMoney(proposal.amountMinor, proposal.currency, language)],
					[m.costBearerLabel, m.costBearer[proposal.costBearer]],
					[m.proposedByLabel, proposal.proposedByName],
				]}
			/>
			<Paragraph>{m.summaryLabel}</Paragraph>
			<Quote text={proposal.summary} />
		</>
	)
}

/**
 * To the staff who hold the role of a proposal's next approval step and may see its complaint
 * (a regional manager only in their region): sent when the step becomes the current one
 * (app/domain/complaints/proposals.ts, through app/complaints/approval-notifier.server.ts).
 */
export default function ApprovalRequested(props: ApprovalRequestedProps & { language: Language }) {
	const { name, reference, title, url, language, proposal } = props
	const m = emailMessages(language).approval
	const region = language === 'zh-CN' ? props.region.nameZh : props.region.nameEn
	const amount = formatMoney(proposal.amountMinor, proposal.currency, language)
	return (
		<EmailLayout language={language} preview={m.requested.preview(reference, amount)} name={name}>
			<Paragraph>{m.requested.intro(reference, title, region)}</Paragraph>
			<ProposalDetails reference={reference} proposal={proposal} language={language} region={region} />
			<Paragraph>{m.requested.reason(language === 'zh-CN' ? props.reason.zh : props.reason.en)}</Paragraph>
			<Paragraph>{m.requested.ask}</Paragraph>
			<ActionButton href={url}>{m.requested.action}</ActionButton>
			<LinkFallback url={url} language={language} />
		</EmailLayout>
	)
}

ApprovalRequested.PreviewProps = {
	name: '陈静',
	reference: 'CMP-2026-000123',
	title: '泵体渗漏',
	region: { nameZh: '华东大区', nameEn: 'East China' },
	approverRole: 'MARKETING_DIRECTOR',
	reason: { zh: '金额超过 5,000 元由市场总监审批', en: 'Over CNY 5,000: the marketing director approves' },
	proposal: {
		type: 'REPLACEMENT',
		summary: '免费更换同型号泵体一台，运费由公司承担。',
		amountMinor: 800_000,
		currency: 'CNY',
		costBearer: 'COMPANY',
		proposedByName: '李娜',
	},
	url: 'http://localhost:3000/staff/approvals',
	language: 'zh-CN',
} satisfies ApprovalRequestedProps & { language: Language }
