import type { ComplaintStatus } from '#app/generated/prisma/enums.ts'
import type { Language } from '#app/i18n/config.ts'
import { ChangeView, Hint, NextStep, type ComplaintChange } from './complaint-parts.tsx'
import { ActionButton, EmailLayout, LinkFallback, Paragraph } from './layout.tsx'
import { emailMessages } from './messages.ts'

export interface ComplaintUpdatedProps {
	name: string
	/** CMP-YYYY-NNNNNN */
	reference: string
	/** the complaint page, `${appUrl}/complaints/${reference}` */
	url: string
	title: string
	/** the one public change this email is about */
	change: ComplaintChange
	/** the complaint's status after the change, for "what happens next"; null leaves that out */
	status: ComplaintStatus | null
	/** what the company promised the next step by, or null */
	nextDueAt: Date | null
	/** the region's time zone; the company's by default */
	timeZone?: string
}

export function complaintUpdatedSubject({ reference, change }: ComplaintUpdatedProps, language: Language) {
	const m = emailMessages(language)
	switch (change.kind) {
		case 'reply':
			return m.complaintUpdated.subjectReply(reference)
		case 'status':
			return m.complaintUpdated.subjectStatus(reference, m.complaint.status[change.to])
		case 'resolution':
			return m.complaintUpdated.subjectResolution(reference)
		case 'other':
			return m.complaintUpdated.subjectOther(reference)
	}
}

/** Sent for each public change (a written reply, a status change) when the customer chose "each change". */
export default function ComplaintUpdated(props: ComplaintUpdatedProps & { language: Language }) {
	const { name, reference, url, title, change, language, timeZone } = props
	const all = emailMessages(language)
	return (
		<EmailLayout language={language} preview={all.complaintUpdated.preview(reference)} name={name}>
			<Paragraph>{all.complaintUpdated.intro(reference, title)}</Paragraph>
			<ChangeView change={change} language={language} timeZone={timeZone} />
			{props.status && (
				<NextStep status={props.status} dueAt={props.nextDueAt} language={language} timeZone={timeZone} />
			)}
			<ActionButton href={url}>{all.complaint.viewAction}</ActionButton>
			<LinkFallback url={url} language={language} />
			<Hint>{all.complaint.eachChangeHint}</Hint>
		</EmailLayout>
	)
}

ComplaintUpdated.PreviewProps = {
	name: '王芳',
	reference: 'CMP-2026-000123',
	url: 'http://localhost:3000/complaints/CMP-2026-000123',
	title: '水泥袋破损结块',
	change: {
		kind: 'reply',
		at: new Date('2026-11-23T06:15:00Z'),
		body: '您好，我们已安排区域经理明天上午到现场查看并取样。\n请保留破损包装，谢谢配合。',
		statusChange: { from: 'ACKNOWLEDGED', to: 'INVESTIGATING' },
	},
	status: 'INVESTIGATING',
	nextDueAt: new Date('2026-11-30T06:15:00Z'),
	language: 'zh-CN',
} satisfies ComplaintUpdatedProps & { language: Language }
