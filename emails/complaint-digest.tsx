import type { ComplaintStatus } from '#app/generated/prisma/enums.ts'
import type { Language } from '#app/i18n/config.ts'
import { ChangeView, Hint, NextStep, type ComplaintChange } from './complaint-parts.tsx'
import { ActionButton, EmailLayout, LinkFallback, Paragraph } from './layout.tsx'
import { emailMessages } from './messages.ts'

export interface ComplaintDigestProps {
	name: string
	/** CMP-YYYY-NNNNNN */
	reference: string
	/** the complaint page, `${appUrl}/complaints/${reference}` */
	url: string
	title: string
	/** the public changes since the last summary, oldest first; at least one */
	changes: ComplaintChange[]
	/** the complaint's status now, for "what happens next" */
	status: ComplaintStatus
	nextDueAt: Date | null
	/** the region's time zone; the company's by default */
	timeZone?: string
}

export function complaintDigestSubject({ reference, changes }: ComplaintDigestProps, language: Language) {
	return emailMessages(language).complaintDigest.subject(reference, changes.length)
}

/**
 * The daily summary for one complaint whose customer chose "one email a day": every public
 * change since the last summary, then where the complaint stands. One email per complaint,
 * so that the subject carries its reference and every link leads to one case.
 */
export default function ComplaintDigest(props: ComplaintDigestProps & { language: Language }) {
	const { name, reference, url, title, changes, language, timeZone } = props
	const all = emailMessages(language)
	return (
		<EmailLayout language={language} preview={all.complaintDigest.preview(reference)} name={name}>
			<Paragraph>{all.complaintDigest.intro(reference, title, changes.length)}</Paragraph>
			{changes.map((change, i) => (
				<ChangeView key={i} change={change} language={language} timeZone={timeZone} showTime />
			))}
			<NextStep status={props.status} dueAt={props.nextDueAt} language={language} timeZone={timeZone} />
			<ActionButton href={url}>{all.complaint.viewAction}</ActionButton>
			<LinkFallback url={url} language={language} />
			<Hint>{all.complaint.digestHint}</Hint>
		</EmailLayout>
	)
}

ComplaintDigest.PreviewProps = {
	name: 'Li Wei',
	reference: 'CMP-2026-000123',
	url: 'http://localhost:3000/complaints/CMP-2026-000123',
	title: 'Torn bags, caked cement',
	changes: [
		{ kind: 'status', at: new Date('2026-11-23T02:00:00Z'), from: 'SUBMITTED', to: 'ACKNOWLEDGED' },
		{
			kind: 'reply',
			at: new Date('2026-11-23T06:15:00Z'),
			body: 'Our regional manager will visit tomorrow morning to take samples.\nPlease keep the torn bags.',
			statusChange: null,
		},
	],
	status: 'ACKNOWLEDGED',
	nextDueAt: new Date('2026-11-26T02:00:00Z'),
	language: 'en',
} satisfies ComplaintDigestProps & { language: Language }
