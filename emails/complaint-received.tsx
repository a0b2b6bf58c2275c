import type { ComplaintCategory, DurationUnit, RequestedRemedy } from '#app/generated/prisma/enums.ts'
import type { Language } from '#app/i18n/config.ts'
import { DetailList } from './complaint-parts.tsx'
import { ActionButton, EmailLayout, LinkFallback, Paragraph } from './layout.tsx'
import { emailMessages } from './messages.ts'
import { formatEmailTime } from './password-changed.tsx'

export interface ComplaintReceivedProps {
	name: string
	/** CMP-YYYY-NNNNNN */
	reference: string
	/** the complaint page, `${appUrl}/complaints/${reference}` */
	url: string
	title: string
	orderNumber: string
	/** the order line complained about, or null for the whole order */
	product: { name: string; model: string; batchNumber: string } | null
	category: ComplaintCategory
	requestedRemedy: RequestedRemedy
	/** the first-response promise, by the configured target */
	firstResponseDueAt: Date
	/** the configured FIRST_RESPONSE target for this customer (key accounts have their own) */
	firstResponseTarget: { amount: number; unit: DurationUnit }
	/** the region's time zone; the company's by default */
	timeZone?: string
	/**
	 * Who filed it for the customer, when not the customer themself: their dealer through the
	 * API, or our staff from a phone call or an email. Absent or null when the customer filed it.
	 */
	filedOnBehalf?: { by: 'DEALER'; dealerName: string } | { by: 'STAFF'; channel: 'PHONE' | 'EMAIL' } | null
}

export function complaintReceivedSubject(props: ComplaintReceivedProps, language: Language) {
	return emailMessages(language).complaintReceived.subject(props.reference)
}

/** Sent once a complaint is filed: its reference, the record read back, and what happens next by when. */
export default function ComplaintReceived(props: ComplaintReceivedProps & { language: Language }) {
	const { name, reference, url, language, timeZone } = props
	const all = emailMessages(language)
	const m = all.complaintReceived
	const c = all.complaint
	const product = props.product
		? c.product(props.product.name, props.product.model, props.product.batchNumber)
		: c.wholeOrder
	const within = m.target[props.firstResponseTarget.unit](props.firstResponseTarget.amount)
	const onBehalf = props.filedOnBehalf
	const filedBy = !onBehalf
		? null
		: onBehalf.by === 'DEALER'
			? m.filedByDealer(onBehalf.dealerName)
			: m.recordedFrom[onBehalf.channel]
	return (
		<EmailLayout language={language} preview={m.preview(reference)} name={name}>
			<Paragraph>{m.intro(reference)}</Paragraph>
			{filedBy ? <Paragraph>{filedBy}</Paragraph> : null}
			<Paragraph>{m.recorded}</Paragraph>
			<DetailList
				language={language}
				rows={[
					[c.referenceLabel, reference],
					[c.titleLabel, props.title],
					[c.orderLabel, props.orderNumber],
					[c.productLabel, product],
					[c.categoryLabel, c.category[props.category]],
					[c.remedyLabel, c.remedy[props.requestedRemedy]],
				]}
			/>
			<Paragraph>
				<strong>{c.nextHeading}</strong>
				{language === 'en' ? ' ' : ''}
				{m.firstResponse(within, formatEmailTime(props.firstResponseDueAt, language, timeZone))}
			</Paragraph>
			<Paragraph>{m.followUp}</Paragraph>
			<ActionButton href={url}>{c.viewAction}</ActionButton>
			<LinkFallback url={url} language={language} />
		</EmailLayout>
	)
}

ComplaintReceived.PreviewProps = {
	name: '王芳',
	reference: 'CMP-2026-000123',
	url: 'http://localhost:3000/complaints/CMP-2026-000123',
	title: '水泥袋破损结块',
	orderNumber: 'SO-2026-10482',
	product: { name: '普通硅酸盐水泥 P.O 42.5', model: 'PO42.5-50KG', batchNumber: 'B2026-1107-03' },
	category: 'HANDLING_DAMAGE',
	requestedRemedy: 'REPLACEMENT',
	firstResponseDueAt: new Date('2026-11-24T09:30:00Z'),
	firstResponseTarget: { amount: 24, unit: 'HOURS' },
	language: 'zh-CN',
} satisfies ComplaintReceivedProps & { language: Language }
