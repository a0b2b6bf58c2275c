import { Section, Text } from '@react-email/components'
import type { CSSProperties } from 'react'
import type { ComplaintStatus, CostBearer, RequestedRemedy } from '#app/generated/prisma/enums.ts'
import type { Language } from '#app/i18n/config.ts'
import { formatMoney } from '#app/i18n/money.ts'
import { Paragraph } from './layout.tsx'
import { emailMessages } from './messages.ts'
import { formatEmailTime } from './password-changed.tsx'

/**
 * Pieces the three complaint emails share: the record read back as label/value lines, a
 * public change (a written reply, a status change, a proposed solution) in the customer's
 * words, and the "what happens next" line.
 */

/** One change the customer can see, as the notifier and the digest describe an event. */
export type ComplaintChange =
	| {
			kind: 'reply'
			at: Date
			/** the written reply, quoted as it was sent */
			body: string
			/** set when the same action also moved the complaint on */
			statusChange: { from: ComplaintStatus | null; to: ComplaintStatus } | null
	  }
	| { kind: 'status'; at: Date; from: ComplaintStatus | null; to: ComplaintStatus }
	| {
			kind: 'resolution'
			at: Date
			remedy: RequestedRemedy | null
			summary: string
			/** in fen; stated with who pays only when above 0 */
			amountMinor?: number
			currency?: string
			costBearer?: CostBearer | null
	  }
	/** any other public change: named without detail, the complaint page has it */
	| { kind: 'other'; at: Date }

const styles = {
	row: { color: '#1f2933', fontSize: '15px', lineHeight: '22px', margin: '0 0 6px' },
	label: { color: '#52606d' },
	details: { margin: '0 0 16px', padding: '12px 16px', backgroundColor: '#f7f7f4', borderRadius: '4px' },
	quote: {
		borderLeft: '3px solid #c3cfd9',
		color: '#1f2933',
		fontSize: '15px',
		lineHeight: '24px',
		margin: '0 0 16px',
		padding: '4px 0 4px 14px',
		whiteSpace: 'pre-wrap',
	},
	when: { color: '#52606d', fontSize: '13px', lineHeight: '20px', margin: '0 0 4px' },
	hint: { color: '#52606d', fontSize: '13px', lineHeight: '20px', margin: '0 0 16px' },
} satisfies Record<string, CSSProperties>

/** Label: value lines on a tinted panel; for the record read back to the customer. */
export function DetailList({ rows, language }: { rows: Array<[label: string, value: string]>; language: Language }) {
	const colon = language === 'zh-CN' ? '：' : ': '
	return (
		<Section style={styles.details}>
			{rows.map(([label, value]) => (
				<Text key={label} style={styles.row}>
					<span style={styles.label}>
						{label}
						{colon}
					</span>
					{value}
				</Text>
			))}
		</Section>
	)
}

/** Text the customer or staff wrote, kept line for line. */
export function Quote({ text }: { text: string }) {
	const lines = text.split(/\r?\n/)
	return (
		<Text style={styles.quote}>
			{lines.map((line, i) => (
				<span key={i}>
					{i > 0 && <br />}
					{line}
				</span>
			))}
		</Text>
	)
}

export function Hint({ children }: { children: string }) {
	return <Text style={styles.hint}>{children}</Text>
}

/** One change in the customer's words; `showTime` for the digest, which lists several. */
export function ChangeView({
	change,
	language,
	timeZone,
	showTime = false,
}: {
	change: ComplaintChange
	language: Language
	timeZone?: string
	showTime?: boolean
}) {
	const m = emailMessages(language).complaint
	const status = (s: ComplaintStatus | null) => (s ? m.status[s] : null)
	return (
		<Section>
			{showTime && <Text style={styles.when}>{formatEmailTime(change.at, language, timeZone)}</Text>}
			{change.kind === 'reply' && (
				<>
					<Paragraph>{m.reply}</Paragraph>
					<Quote text={change.body} />
					{change.statusChange && (
						<Paragraph>{m.statusChanged(status(change.statusChange.from), m.status[change.statusChange.to])}</Paragraph>
					)}
				</>
			)}
			{change.kind === 'status' && <Paragraph>{m.statusChanged(status(change.from), m.status[change.to])}</Paragraph>}
			{change.kind === 'resolution' && (
				<>
					<Paragraph>{m.resolution(change.remedy ? m.remedy[change.remedy] : null)}</Paragraph>
					{change.summary && <Quote text={change.summary} />}
					{(change.amountMinor ?? 0) > 0 && (
						<DetailList
							language={language}
							rows={[
								[m.amountLabel, formatMoney(change.amountMinor!, change.currency ?? 'CNY', language)],
								...(change.costBearer
									? [[m.costBearerLabel, m.costBearer[change.costBearer]] as [string, string]]
									: []),
							]}
						/>
					)}
				</>
			)}
			{change.kind === 'other' && <Paragraph>{m.otherChange}</Paragraph>}
		</Section>
	)
}

/** The current status and what happens next, with the promised time when there is one. */
export function NextStep({
	status,
	dueAt,
	language,
	timeZone,
}: {
	status: ComplaintStatus
	dueAt: Date | null
	language: Language
	timeZone?: string
}) {
	const m = emailMessages(language).complaint
	const due = dueAt ? formatEmailTime(dueAt, language, timeZone) : null
	return (
		<>
			<DetailList rows={[[m.statusLabel, m.status[status]]]} language={language} />
			<Paragraph>
				<strong>{m.nextHeading}</strong>
				{language === 'en' ? ' ' : ''}
				{m.nextStep[status](due)}
			</Paragraph>
		</>
	)
}
