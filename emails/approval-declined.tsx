import type { StaffRole } from '#app/generated/prisma/enums.ts'
import type { Language } from '#app/i18n/config.ts'
import { ProposalDetails, type ProposalForEmail } from './approval-requested.tsx'
import { Quote } from './complaint-parts.tsx'
import { ActionButton, EmailLayout, LinkFallback, Paragraph } from './layout.tsx'
import { emailMessages } from './messages.ts'

export interface ApprovalDeclinedProps {
	/** the proposer's name */
	name: string
	reference: string
	title: string
	/** who declined, and in which role */
	deciderName: string
	approverRole: StaffRole
	/** why (required when declining) */
	comment: string
	proposal: ProposalForEmail
	/** the staff case page, `${appUrl}/staff/complaints/${reference}` */
	url: string
}

export function approvalDeclinedSubject({ reference }: ApprovalDeclinedProps, language: Language) {
	return emailMessages(language).approval.declined.subject(reference)
}

/** To the proposer when an approver declines their proposal, with the approver's comment. */
export default function ApprovalDeclined(props: ApprovalDeclinedProps & { language: Language }) {
	const { name, reference, title, url, language } = props
	const m = emailMessages(language).approval
	const who = m.declined.who(props.deciderName, m.role[props.approverRole])
	return (
		<EmailLayout language={language} preview={m.declined.preview(reference, who)} name={name}>
			<Paragraph>{m.declined.intro(reference, title, who)}</Paragraph>
			<Paragraph>{m.declined.commentLabel}</Paragraph>
			<Quote text={props.comment} />
			<ProposalDetails reference={reference} proposal={props.proposal} language={language} />
			<Paragraph>{m.declined.ask}</Paragraph>
			<ActionButton href={url}>{m.declined.action}</ActionButton>
			<LinkFallback url={url} language={language} />
		</EmailLayout>
	)
}

ApprovalDeclined.PreviewProps = {
	name: '李娜',
	reference: 'CMP-2026-000123',
	title: '泵体渗漏',
	deciderName: '张伟',
	approverRole: 'REGIONAL_MANAGER',
	comment: '请先确认客户是否愿意接受维修，再考虑更换。',
	proposal: {
		type: 'REPLACEMENT',
		summary: '免费更换同型号泵体一台，运费由公司承担。',
		amountMinor: 800_000,
		currency: 'CNY',
		costBearer: 'COMPANY',
		proposedByName: '李娜',
	},
	url: 'http://localhost:3000/staff/complaints/CMP-2026-000123',
	language: 'zh-CN',
} satisfies ApprovalDeclinedProps & { language: Language }
