import type { ComplaintSeverity, ComplaintStatus } from '#app/generated/prisma/enums.ts'
import type { Language } from '#app/i18n/config.ts'
import { DetailList } from './complaint-parts.tsx'
import { ActionButton, EmailLayout, LinkFallback, Paragraph } from './layout.tsx'
import { emailMessages } from './messages.ts'
import { formatEmailTime } from './password-changed.tsx'

export interface SlaBreachedProps {
	/** the manager's name */
	name: string
	/** CMP-YYYY-NNNNNN */
	reference: string
	/** the case page, `${appUrl}/complaints/${reference}` */
	url: string
	title: string
	region: { nameZh: string; nameEn: string }
	status: ComplaintStatus
	severity: ComplaintSeverity
	/** the deadline that passed */
	dueAt: Date
	/** the staff member the case is assigned to, or null */
	assigneeName: string | null
	/** the region's time zone; the company's by default */
	timeZone?: string
}

export function slaBreachedSubject({ reference }: SlaBreachedProps, language: Language) {
	return emailMessages(language).slaBreached.subject(reference)
}

/**
 * To the region's manager(s) when a complaint's running service-level clock passes 100 %
 * (DESIGN.md §4): sent once per deadline by the SLA sweep (app/complaints/sla-sweep.server.ts).
 */
export default function SlaBreached(props: SlaBreachedProps & { language: Language }) {
	const { name, reference, url, title, language, timeZone } = props
	const m = emailMessages(language)
	const region = language === 'zh-CN' ? props.region.nameZh : props.region.nameEn
	const due = formatEmailTime(props.dueAt, language, timeZone)
	return (
		<EmailLayout language={language} preview={m.slaBreached.preview(reference, due)} name={name}>
			<Paragraph>{m.slaBreached.intro(reference, title, region)}</Paragraph>
			<DetailList
				language={language}
				rows={[
					[m.slaBreached.dueLabel, due],
					[m.slaBreached.statusLabel, m.slaBreached.status[props.status]],
					[m.slaBreached.severityLabel, m.slaBreached.severity[props.severity]],
					[m.slaBreached.assigneeLabel, props.assigneeName ?? m.slaBreached.unassigned],
				]}
			/>
			<Paragraph>{m.slaBreached.ask}</Paragraph>
			<ActionButton href={url}>{m.slaBreached.action}</ActionButton>
			<LinkFallback url={url} language={language} />
		</EmailLayout>
	)
}

SlaBreached.PreviewProps = {
	name: '张伟',
	reference: 'CMP-2026-000123',
	url: 'http://localhost:3000/complaints/CMP-2026-000123',
	title: '水泥袋破损结块',
	region: { nameZh: '华东大区', nameEn: 'East China' },
	status: 'INVESTIGATING',
	severity: 'MAJOR',
	dueAt: new Date('2026-11-23T09:30:00Z'),
	assigneeName: '李娜',
	language: 'zh-CN',
} satisfies SlaBreachedProps & { language: Language }
