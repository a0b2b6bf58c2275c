import {
	complaintStatistics,
	TOP_PRODUCTS,
	type ComplaintFigures,
	type ComplaintStatistics,
	type DurationFigures,
} from '#app/domain/reports/complaint-statistics.ts'
import { MAX_PERIOD_DAYS, periodProblem, resolvePeriod, type ReportInterval } from '#app/domain/reports/period.ts'
import {
	HISTOGRAM_QUESTIONS,
	surveyStatistics,
	type Histogram,
	type SurveyFigures,
	type SurveyQuestion,
	type SurveyStatistics,
} from '#app/domain/reports/survey-statistics.ts'
import { builder } from '../builder.ts'
import { badUserInputError } from '../errors.ts'
import { ComplaintCategoryEnum } from './ComplaintEnums.ts'
import { OrganizationNode } from './Organization.ts'
import { RegionNode } from './Region.ts'
import { ResponsibilityEnum } from './WorkflowEnums.ts'

/**
 * The report figures for regional offices, dealers and staff (issue 6): `complaintStatistics`
 * and `surveyStatistics` over a period, aggregated by app/domain/reports, the same functions the
 * console's reports page calls. Whose figures is the domain's rule (reports/scope.ts): staff all,
 * regional offices and regional-office staff their region, dealers the complaints on orders they
 * sold; anyone else gets null. The resolvers only check the period and pass it on.
 */

function checkedPeriod(args: { from: string; to: string }) {
	switch (periodProblem(args)) {
		case null:
			return resolvePeriod(args)
		case 'fromAfterTo':
			throw badUserInputError('`from` is after `to`.')
		case 'tooLong':
			throw badUserInputError(`A period covers at most ${MAX_PERIOD_DAYS} days.`)
		default:
			throw badUserInputError('`from` and `to` must be calendar dates.')
	}
}

const ReportIntervalEnum = builder.enumType('ReportInterval', {
	description: 'How a report’s trend groups its period.',
	values: {
		DAY: { value: 'day', description: 'One point per day (periods of up to 31 days).' },
		WEEK: { value: 'week', description: 'One point per ISO week, starting on Monday (periods of up to 190 days).' },
		MONTH: { value: 'month', description: 'One point per calendar month (longer periods).' },
	} satisfies Record<Uppercase<ReportInterval>, { value: ReportInterval; description: string }>,
})

const ReportScopeEnum = builder.enumType('ReportScope', {
	description: 'Whose complaints and surveys a report counts: those the viewer may read.',
	values: {
		ALL: { value: 'all', description: 'Every complaint (head-office staff).' },
		REGION: { value: 'region', description: 'The viewer’s region (regional offices and their staff).' },
		DEALER: { value: 'dealer', description: 'Those on orders the viewer’s dealer sold.' },
	} satisfies Record<string, { value: ComplaintStatistics['scope']; description: string }>,
})

/* ------------------------------------------------------------------------- complaints */

const DurationStatisticsRef = builder.objectRef<DurationFigures>('DurationStatistics').implement({
	description:
		'Elapsed hours from filing, as the customer waited them: the median and the 90th percentile (interpolated).',
	fields: (t) => ({
		medianHours: t.float({ description: 'Half the complaints took at most this long.', resolve: (d) => d.median }),
		p90Hours: t.float({ description: 'Nine in ten complaints took at most this long.', resolve: (d) => d.p90 }),
	}),
})

const ComplaintFiguresRef = builder.objectRef<ComplaintFigures>('ComplaintFigures').implement({
	description:
		'Service-level figures of a set of complaints, as of now. Due times are computed in the region’s working time (holidays and make-up working days), so "met" here is what the complaint’s clocks said.',
	fields: (t) => ({
		complaints: t.exposeInt('complaints', { description: 'Complaints filed.' }),
		firstResponseMet: t.exposeInt('firstResponseMet', {
			description: 'Complaints whose first written response came at or before its due time.',
		}),
		firstResponseMissed: t.exposeInt('firstResponseMissed', {
			description:
				'Complaints whose first response came after its due time, or has not come (or the case was withdrawn without one) after it.',
		}),
		firstResponseCompliance: t.float({
			nullable: true,
			description: 'firstResponseMet / (met + missed), 0 to 1; null when none was decided yet.',
			resolve: (f) => f.firstResponseCompliance,
		}),
		serviceLevelKept: t.exposeInt('serviceLevelKept', {
			description: 'Complaints answered or closed with every promise to the customer kept.',
		}),
		serviceLevelMissed: t.exposeInt('serviceLevelMissed', {
			description: 'Complaints with a promise (first response, verification, resolution) that ran out before its step.',
		}),
		serviceLevelCompliance: t.float({
			nullable: true,
			description:
				'serviceLevelKept / (kept + missed), 0 to 1; open complaints still on time are not counted; null when none was decided.',
			resolve: (f) => f.serviceLevelCompliance,
		}),
		answered: t.exposeInt('answered', {
			description: 'Complaints with the company’s final answer (resolved or rejected).',
		}),
		timeToFirstResponse: t.field({
			type: DurationStatisticsRef,
			nullable: true,
			description: 'From filing to the first written response; null when none has had one.',
			resolve: (f) => f.firstResponseHours,
		}),
		timeToResolution: t.field({
			type: DurationStatisticsRef,
			nullable: true,
			description: 'From filing to the final answer (resolved or rejected); null when none has been answered.',
			resolve: (f) => f.resolutionHours,
		}),
	}),
})

const ComplaintTrendPointRef = builder
	.objectRef<ComplaintStatistics['trend'][number]>('ComplaintTrendPoint')
	.implement({
		description: 'The complaints filed in one day, week or month of the period.',
		fields: (t) => ({
			start: t.field({
				type: 'Date',
				description: 'The first day of the day, week or month.',
				resolve: (p) => p.bucket,
			}),
			figures: t.field({
				type: ComplaintFiguresRef,
				description: 'The figures of these complaints.',
				resolve: (p) => p.figures,
			}),
		}),
	})

const CategoryFiguresRef = builder.objectRef<ComplaintStatistics['byCategory'][number]>('CategoryFigures').implement({
	description: 'The complaints of one category.',
	fields: (t) => ({
		category: t.field({ type: ComplaintCategoryEnum, description: 'The category.', resolve: (c) => c.category }),
		figures: t.field({
			type: ComplaintFiguresRef,
			description: 'The figures of these complaints.',
			resolve: (c) => c.figures,
		}),
	}),
})

const RegionFiguresRef = builder.objectRef<ComplaintStatistics['byRegion'][number]>('RegionFigures').implement({
	description: 'The complaints of one region.',
	fields: (t) => ({
		region: t.field({ type: RegionNode, description: 'The region.', resolve: (r) => r.region.id }),
		figures: t.field({
			type: ComplaintFiguresRef,
			description: 'The figures of these complaints.',
			resolve: (r) => r.figures,
		}),
	}),
})

const DealerFiguresRef = builder.objectRef<ComplaintStatistics['byDealer'][number]>('DealerFigures').implement({
	description:
		'The complaints on orders one dealer sold, or sold directly. Dealers are compared by volume and service level: `timeToFirstResponse` and `timeToResolution` are null here.',
	fields: (t) => ({
		dealer: t.field({
			type: OrganizationNode,
			nullable: true,
			description: 'The dealer; null for orders the company sold directly.',
			resolve: (d) => d.dealer?.id ?? null,
		}),
		figures: t.field({
			type: ComplaintFiguresRef,
			description: 'The figures of these complaints.',
			resolve: (d) => d.figures,
		}),
	}),
})

const ProductModelCountRef = builder
	.objectRef<ComplaintStatistics['byProductModel'][number]>('ProductModelCount')
	.implement({
		description: 'Complaints naming a product line of one model.',
		fields: (t) => ({
			productModel: t.exposeString('productModel', { description: 'The product model.' }),
			complaints: t.exposeInt('complaints', { description: 'Complaints filed on a line of this model.' }),
			share: t.exposeFloat('share', { description: 'Of the complaints that name a product line, 0 to 1.' }),
		}),
	})

const BatchCountRef = builder.objectRef<ComplaintStatistics['byBatch'][number]>('BatchCount').implement({
	description: 'Complaints naming a product line of one batch (批号) of a model.',
	fields: (t) => ({
		productModel: t.exposeString('productModel', { description: 'The product model.' }),
		batchNumber: t.exposeString('batchNumber', { description: 'The batch number.' }),
		complaints: t.exposeInt('complaints', { description: 'Complaints filed on a line of this batch.' }),
		share: t.exposeFloat('share', { description: 'Of the complaints that name a product line, 0 to 1.' }),
	}),
})

const RootCauseCountRef = builder.objectRef<ComplaintStatistics['rootCauses'][number]>('RootCauseCount').implement({
	description: 'One row of the Pareto of root causes: a recorded responsibility, most frequent first.',
	fields: (t) => ({
		responsibility: t.field({
			type: ResponsibilityEnum,
			description: 'Who was found responsible.',
			resolve: (r) => r.key,
		}),
		complaints: t.int({ description: 'Complaints with this responsibility.', resolve: (r) => r.count }),
		share: t.exposeFloat('share', { description: 'Of the complaints with a responsibility decided, 0 to 1.' }),
		cumulativeShare: t.exposeFloat('cumulativeShare', {
			description: 'This cause and every one before it, 0 to 1 (the Pareto line).',
		}),
	}),
})

const ComplaintStatisticsRef = builder.objectRef<ComplaintStatistics>('ComplaintStatistics').implement({
	description:
		'Complaint figures of the complaints filed in a period (whole days in Asia/Shanghai) that the viewer may read, as of now.',
	fields: (t) => ({
		from: t.field({ type: 'Date', description: 'The first day of the period.', resolve: (s) => s.period.from }),
		to: t.field({ type: 'Date', description: 'The last day of the period.', resolve: (s) => s.period.to }),
		interval: t.field({
			type: ReportIntervalEnum,
			description: 'How `trend` groups the period.',
			resolve: (s) => s.period.interval,
		}),
		scope: t.field({ type: ReportScopeEnum, description: 'Whose complaints are counted.', resolve: (s) => s.scope }),
		totals: t.field({
			type: ComplaintFiguresRef,
			description: 'All the complaints of the period.',
			resolve: (s) => s.totals,
		}),
		trend: t.field({
			type: [ComplaintTrendPointRef],
			description: 'One point per day, week or month of the period, empty ones included.',
			extensions: { listSize: 130 },
			resolve: (s) => s.trend,
		}),
		byCategory: t.field({
			type: [CategoryFiguresRef],
			description: 'Every category, with no complaints too.',
			extensions: { listSize: 5 },
			resolve: (s) => s.byCategory,
		}),
		byRegion: t.field({
			type: [RegionFiguresRef],
			description: 'Regions with complaints in the period, most first.',
			extensions: { listSize: 20 },
			resolve: (s) => s.byRegion,
		}),
		byDealer: t.field({
			type: [DealerFiguresRef],
			description: 'Dealers with complaints in the period, most first.',
			extensions: { listSize: 50 },
			resolve: (s) => s.byDealer,
		}),
		byProductModel: t.field({
			type: [ProductModelCountRef],
			description: `The ${TOP_PRODUCTS} models with the most complaints, most first.`,
			extensions: { listSize: TOP_PRODUCTS },
			resolve: (s) => s.byProductModel,
		}),
		byBatch: t.field({
			type: [BatchCountRef],
			description: `The ${TOP_PRODUCTS} batches with the most complaints, most first.`,
			extensions: { listSize: TOP_PRODUCTS },
			resolve: (s) => s.byBatch,
		}),
		withProductLine: t.exposeInt('withProductLine', {
			description: 'Complaints that name a product line: what model and batch shares are of.',
		}),
		rootCauses: t.field({
			type: [RootCauseCountRef],
			description: 'The Pareto of root causes: recorded responsibility, most frequent first, with cumulative shares.',
			extensions: { listSize: 6 },
			resolve: (s) => s.rootCauses,
		}),
		rootCauseUndetermined: t.exposeInt('rootCauseUndetermined', {
			description: 'Complaints whose responsibility is not decided yet (not in `rootCauses`).',
		}),
	}),
})

/* ---------------------------------------------------------------------------- surveys */

const QUESTION_NAMES = {
	TIMELINESS: 'timeliness',
	COMMUNICATION: 'communication',
	RESOLUTION_QUALITY: 'resolutionQuality',
	PRODUCT_QUALITY: 'productQuality',
	DELIVERY: 'delivery',
	PRICE_FAIRNESS: 'priceFairness',
	OVERALL: 'overall',
	RECOMMEND: 'recommend',
} as const satisfies Record<string, SurveyQuestion>

const QUESTION_DESCRIPTIONS: Record<SurveyQuestion, string> = {
	timeliness: 'Timeliness of the response, 1 to 5.',
	communication: 'Communication and attitude, 1 to 5.',
	resolutionQuality: 'Quality of the resolution, 1 to 5.',
	productQuality: 'Product quality, 1 to 5 (may be skipped).',
	delivery: 'Delivery and logistics, 1 to 5 (may be skipped).',
	priceFairness: 'Price fairness, 1 to 5 (may be skipped).',
	overall: 'Overall satisfaction, 1 to 5.',
	recommend: 'How likely the customer is to recommend us, 0 to 10.',
}

const SurveyQuestionEnum = builder.enumType('SurveyQuestion', {
	description: 'A question of the satisfaction survey.',
	values: Object.fromEntries(
		Object.entries(QUESTION_NAMES).map(([name, value]) => [name, { value, description: QUESTION_DESCRIPTIONS[value] }]),
	) as Record<keyof typeof QUESTION_NAMES, { value: SurveyQuestion; description: string }>,
})

const average = (question: Exclude<SurveyQuestion, 'recommend'>) => (f: SurveyFigures) => f.averages[question]

const SurveyFiguresRef = builder.objectRef<SurveyFigures>('SurveyFigures').implement({
	description: 'Satisfaction figures of a set of answered surveys; averages count only the answers that gave a score.',
	fields: (t) => ({
		answers: t.exposeInt('answers', { description: 'Surveys answered.' }),
		timeliness: t.float({ nullable: true, description: 'Average timeliness score.', resolve: average('timeliness') }),
		communication: t.float({
			nullable: true,
			description: 'Average communication score.',
			resolve: average('communication'),
		}),
		resolutionQuality: t.float({
			nullable: true,
			description: 'Average resolution-quality score.',
			resolve: average('resolutionQuality'),
		}),
		productQuality: t.float({
			nullable: true,
			description: 'Average product-quality score.',
			resolve: average('productQuality'),
		}),
		delivery: t.float({ nullable: true, description: 'Average delivery score.', resolve: average('delivery') }),
		priceFairness: t.float({
			nullable: true,
			description: 'Average price-fairness score.',
			resolve: average('priceFairness'),
		}),
		overall: t.float({ nullable: true, description: 'Average overall satisfaction.', resolve: average('overall') }),
		recommend: t.float({
			nullable: true,
			description: 'Average 0–10 recommendation.',
			resolve: (f) => f.recommendAverage,
		}),
		netPromoterScore: t.float({
			nullable: true,
			description: 'Percent of promoters (9–10) minus percent of detractors (0–6), –100 to 100; null without answers.',
			resolve: (f) => f.netPromoterScore,
		}),
	}),
})

const ScoreCountRef = builder.objectRef<Histogram['counts'][number]>('ScoreCount').implement({
	description: 'How many answers gave one score.',
	fields: (t) => ({
		score: t.exposeInt('score', { description: 'The score.' }),
		answers: t.exposeInt('answers', { description: 'Answers that gave it.' }),
	}),
})

const SurveyHistogramRef = builder.objectRef<Histogram>('SurveyHistogram').implement({
	description: 'The answers to one question, by score.',
	fields: (t) => ({
		question: t.field({ type: SurveyQuestionEnum, description: 'The question.', resolve: (h) => h.question }),
		counts: t.field({
			type: [ScoreCountRef],
			description: 'Every possible score in order (1–5, or 0–10 to recommend), zeros included.',
			extensions: { listSize: 11 },
			resolve: (h) => h.counts,
		}),
		skipped: t.exposeInt('skipped', { description: 'Answers that skipped this question.' }),
	}),
})

const SurveyTrendPointRef = builder.objectRef<SurveyStatistics['trend'][number]>('SurveyTrendPoint').implement({
	description: 'The surveys answered in one day, week or month of the period.',
	fields: (t) => ({
		start: t.field({ type: 'Date', description: 'The first day of the day, week or month.', resolve: (p) => p.bucket }),
		figures: t.field({
			type: SurveyFiguresRef,
			description: 'The figures of these answers.',
			resolve: (p) => p.figures,
		}),
	}),
})

const SurveyRegionFiguresRef = builder
	.objectRef<SurveyStatistics['byRegion'][number]>('SurveyRegionFigures')
	.implement({
		description: 'The surveys of one region.',
		fields: (t) => ({
			region: t.field({ type: RegionNode, description: 'The region.', resolve: (r) => r.region.id }),
			figures: t.field({
				type: SurveyFiguresRef,
				description: 'The figures of these answers.',
				resolve: (r) => r.figures,
			}),
		}),
	})

const SurveyDealerFiguresRef = builder
	.objectRef<SurveyStatistics['byDealer'][number]>('SurveyDealerFigures')
	.implement({
		description: 'The surveys of one dealer’s customers, or of customers who bought directly.',
		fields: (t) => ({
			dealer: t.field({
				type: OrganizationNode,
				nullable: true,
				description: 'The dealer; null for customers who bought directly.',
				resolve: (d) => d.dealer?.id ?? null,
			}),
			figures: t.field({
				type: SurveyFiguresRef,
				description: 'The figures of these answers.',
				resolve: (d) => d.figures,
			}),
		}),
	})

const SurveyStatisticsRef = builder.objectRef<SurveyStatistics>('SurveyStatistics').implement({
	description:
		'Satisfaction figures of the surveys answered in a period (whole days in Asia/Shanghai) that the viewer may see: of its complaints, and key accounts of its region or dealer.',
	fields: (t) => ({
		from: t.field({ type: 'Date', description: 'The first day of the period.', resolve: (s) => s.period.from }),
		to: t.field({ type: 'Date', description: 'The last day of the period.', resolve: (s) => s.period.to }),
		interval: t.field({
			type: ReportIntervalEnum,
			description: 'How `trend` groups the period.',
			resolve: (s) => s.period.interval,
		}),
		scope: t.field({ type: ReportScopeEnum, description: 'Whose surveys are counted.', resolve: (s) => s.scope }),
		sent: t.exposeInt('sent', { description: 'Surveys sent in the period.' }),
		sentAndAnswered: t.exposeInt('sentAndAnswered', {
			description: 'Of the surveys sent in the period, those answered by now.',
		}),
		responseRate: t.float({
			nullable: true,
			description: 'sentAndAnswered / sent, 0 to 1; null when none was sent.',
			resolve: (s) => s.responseRate,
		}),
		totals: t.field({
			type: SurveyFiguresRef,
			description: 'All the answers of the period.',
			resolve: (s) => s.totals,
		}),
		histograms: t.field({
			type: [SurveyHistogramRef],
			description: 'One histogram per question, in the survey’s order.',
			extensions: { listSize: HISTOGRAM_QUESTIONS.length },
			resolve: (s) => s.histograms,
		}),
		trend: t.field({
			type: [SurveyTrendPointRef],
			description: 'One point per day, week or month of the period, empty ones included.',
			extensions: { listSize: 130 },
			resolve: (s) => s.trend,
		}),
		byRegion: t.field({
			type: [SurveyRegionFiguresRef],
			description: 'Regions with answers in the period, most first.',
			extensions: { listSize: 20 },
			resolve: (s) => s.byRegion,
		}),
		byDealer: t.field({
			type: [SurveyDealerFiguresRef],
			description: 'Dealers with answers in the period, most first.',
			extensions: { listSize: 50 },
			resolve: (s) => s.byDealer,
		}),
	}),
})

/* ----------------------------------------------------------------------------- queries */

builder.queryFields((t) => {
	const args = {
		from: t.arg({ type: 'Date', required: true, description: 'The first day of the period, included.' }),
		to: t.arg({
			type: 'Date',
			required: true,
			description: `The last day of the period, included; at most ${MAX_PERIOD_DAYS} days from \`from\`.`,
		}),
	}
	return {
		complaintStatistics: t.field({
			type: ComplaintStatisticsRef,
			nullable: true,
			description:
				'Complaint figures for a period: service levels in working time, durations, volumes by category, region, dealer, model and batch, root causes. Counts what the viewer may read (staff all, regional offices their region, dealers their own orders); null for anyone else.',
			args,
			resolve: (_root, args, context) =>
				complaintStatistics(context.services.db.prisma, context.viewer, checkedPeriod(args)),
		}),
		surveyStatistics: t.field({
			type: SurveyStatisticsRef,
			nullable: true,
			description:
				'Satisfaction figures for a period: histograms per question, averages, Net Promoter Score, response rate, trend, by region and dealer. Counts what the viewer may see (as `complaintStatistics`); null for anyone else.',
			args,
			resolve: (_root, args, context) =>
				surveyStatistics(context.services.db.prisma, context.viewer, checkedPeriod(args)),
		}),
	}
})
