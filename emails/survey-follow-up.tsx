import type { SurveyKind } from '#app/generated/prisma/enums.ts'
import type { Language } from '#app/i18n/config.ts'
import { DetailList, Quote } from './complaint-parts.tsx'
import { ActionButton, EmailLayout, LinkFallback, Paragraph } from './layout.tsx'
import { emailMessages } from './messages.ts'

type Dimension = keyof ReturnType<typeof emailMessages>['surveyFollowUp']['dimension']

export interface SurveyFollowUpProps {
	/** the manager's name */
	name: string
	kind: SurveyKind
	customerName: string
	complaint: { reference: string; title: string } | null
	year: number | null
	region: { nameZh: string; nameEn: string }
	scores: Record<Dimension, number | null>
	recommend: number | null
	comment: string | null
	/** the console's follow-ups, `${appUrl}/staff/surveys` */
	url: string
}

export function surveyFollowUpSubject(props: SurveyFollowUpProps, language: Language) {
	return emailMessages(language).surveyFollowUp.subject(props.complaint?.reference ?? props.customerName)
}

/**
 * To the managers of the survey's region when an overall score is low (DESIGN.md §6): a follow-up
 * (回访) waits in the console. Written in the transaction of the answer, once per survey.
 */
export default function SurveyFollowUp(props: SurveyFollowUpProps & { language: Language }) {
	const { name, language, complaint, url } = props
	const m = emailMessages(language).surveyFollowUp
	const region = language === 'zh-CN' ? props.region.nameZh : props.region.nameEn
	const dimensions = Object.keys(m.dimension) as Dimension[]
	return (
		<EmailLayout language={language} preview={m.preview(props.scores.overall ?? 0)} name={name}>
			<Paragraph>
				{complaint
					? m.introComplaint(props.customerName, complaint.reference, complaint.title, region)
					: m.introKeyAccount(props.customerName, props.year ?? 0, region)}
			</Paragraph>
			<DetailList
				language={language}
				rows={[
					...dimensions.map((d): [string, string] => [m.dimension[d], m.score(props.scores[d], 5)]),
					[m.recommendLabel, m.score(props.recommend, 10)],
				]}
			/>
			{props.comment && (
				<>
					<Paragraph>{m.commentLabel}</Paragraph>
					<Quote text={props.comment} />
				</>
			)}
			<Paragraph>{complaint ? m.ask : m.askKeyAccount}</Paragraph>
			<ActionButton href={url}>{m.action}</ActionButton>
			<LinkFallback url={url} language={language} />
		</EmailLayout>
	)
}

SurveyFollowUp.PreviewProps = {
	name: '张伟',
	kind: 'COMPLAINT',
	customerName: '王芳',
	complaint: { reference: 'CMP-2026-000123', title: '水泥袋破损结块' },
	year: null,
	region: { nameZh: '华东大区', nameEn: 'East China' },
	scores: {
		timeliness: 2,
		communication: 3,
		resolutionQuality: 1,
		productQuality: null,
		delivery: 2,
		priceFairness: null,
		overall: 1,
	},
	recommend: 2,
	comment: '更换的货物又晚到了一周，期间没有人主动联系我。',
	url: 'http://localhost:3000/staff/surveys',
	language: 'zh-CN',
} satisfies SurveyFollowUpProps & { language: Language }
