import type { Responsibility, StaffRole } from '#app/generated/prisma/enums.ts'
import type { Language } from '#app/i18n/config.ts'
import { DetailList, Quote } from './complaint-parts.tsx'
import { ActionButton, EmailLayout, LinkFallback, Paragraph } from './layout.tsx'
import { emailMessages } from './messages.ts'

export interface QualityDecisionProps {
	/** the general manager's name */
	name: string
	/** CMP-YYYY-NNNNNN */
	reference: string
	title: string
	customerName: string
	region: { nameZh: string; nameEn: string }
	/** the complaint's order line; null when it is about the whole order */
	product: { name: string; model: string; batchNumber: string } | null
	/** what was decided */
	responsibility: Responsibility
	/** the decision this one replaces, when responsibility was decided before */
	previousResponsibility: Responsibility | null
	/** who decided, and in which role */
	deciderName: string
	deciderRole: StaffRole | null
	/** the reasons: the responsibility finding's summary */
	summary: string
	/** evidence photos attached to the finding */
	photoCount: number
	/** the staff case page, `${appUrl}/staff/complaints/${reference}` */
	url: string
}

export function qualityDecisionSubject({ reference }: QualityDecisionProps, language: Language) {
	return emailMessages(language).qualityDecision.subject(reference)
}

/**
 * To every general manager when responsibility is decided on a product-quality complaint, first
 * or again (DESIGN.md §5: the general manager is informed of every product-quality decision);
 * sent by app/complaints/quality-notifier.server.ts in the decision's transaction.
 */
export default function QualityDecision(props: QualityDecisionProps & { language: Language }) {
	const { name, reference, title, url, language, product } = props
	const m = emailMessages(language).qualityDecision
	const role = emailMessages(language).approval.role
	const who = m.who(props.deciderName, props.deciderRole ? role[props.deciderRole] : null)
	const decided = m.responsibility[props.responsibility]
	const region = language === 'zh-CN' ? props.region.nameZh : props.region.nameEn
	return (
		<EmailLayout language={language} preview={m.preview(reference, decided)} name={name}>
			<Paragraph>
				{props.previousResponsibility
					? m.introAgain(reference, title, who, m.responsibility[props.previousResponsibility])
					: m.intro(reference, title, who)}
			</Paragraph>
			<DetailList
				language={language}
				rows={[
					[m.complaintLabel, reference],
					[m.customerLabel, props.customerName],
					[m.regionLabel, region],
					[m.productLabel, product ? m.product(product.name, product.model) : m.wholeOrder],
					...(product ? [[m.batchLabel, product.batchNumber] as [string, string]] : []),
					[m.responsibilityLabel, decided],
					[m.decidedByLabel, who],
					[m.photosLabel, m.photos(props.photoCount)],
				]}
			/>
			<Paragraph>{m.reasonsLabel}</Paragraph>
			<Quote text={props.summary} />
			<Paragraph>{m.why}</Paragraph>
			<Paragraph>{m.ask}</Paragraph>
			<ActionButton href={url}>{m.action}</ActionButton>
			<LinkFallback url={url} language={language} />
		</EmailLayout>
	)
}

QualityDecision.PreviewProps = {
	name: '王总',
	reference: 'CMP-2026-000123',
	title: '泵体渗漏',
	customerName: '王芳',
	region: { nameZh: '华东大区', nameEn: 'East China' },
	product: { name: '不锈钢离心泵', model: 'CP-50', batchNumber: 'B2026-1107-03' },
	responsibility: 'QUALITY_DEFECT',
	previousResponsibility: null,
	deciderName: '周工',
	deciderRole: 'QUALITY_ENGINEER',
	summary: '泵体铸件有砂眼，属同批次铸造缺陷，非安装或使用原因。',
	photoCount: 3,
	url: 'http://localhost:3000/staff/complaints/CMP-2026-000123',
	language: 'zh-CN',
} satisfies QualityDecisionProps & { language: Language }
