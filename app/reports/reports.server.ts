import type { AppLoadContext } from '@remix-run/node'
import { data } from '@remix-run/node'
import { requireConsoleUser } from '#app/complaints/console.server.ts'
import { complaintStatistics, type ComplaintStatistics } from '#app/domain/reports/complaint-statistics.ts'
import { parsePeriodQuery, type PeriodProblem, type ResolvedPeriod } from '#app/domain/reports/period.ts'
import {
	COMPLAINT_TABLES,
	complaintTable,
	SURVEY_TABLES,
	surveyTable,
	type ReportTable,
	type ReportTableId,
	type TableContext,
} from '#app/domain/reports/report-tables.ts'
import { surveyStatistics, type SurveyStatistics } from '#app/domain/reports/survey-statistics.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import { languageFromLocale, type Language } from '#app/i18n/config.ts'
import { createI18n } from '#app/i18n/i18n.server.ts'
import { detectLanguage } from '#app/i18n/language.server.ts'

/**
 * What the reports page and its CSV export share: who asks (console users only; others get the
 * console's 404), the period from the query string, the figures from app/domain/reports and the
 * tables built from them in the reader's language. The page and the CSV call this one function,
 * so a CSV holds exactly the rows the page showed for the same link.
 */

export interface Reports {
	viewer: Viewer
	language: Language
	period: ResolvedPeriod
	problem: PeriodProblem | null
	complaints: ComplaintStatistics
	surveys: SurveyStatistics
	tables: Record<ReportTableId, ReportTable>
}

export async function loadReports(request: Request, context: AppLoadContext, now = new Date()): Promise<Reports> {
	const { viewer, user } = await requireConsoleUser(request, context)
	const language = await detectLanguage(request, languageFromLocale(user.locale))
	const { period, problem } = parsePeriodQuery(new URL(request.url).searchParams, now)
	const db = context.db.prisma
	const [complaints, surveys] = await Promise.all([
		complaintStatistics(db, viewer, period, now),
		surveyStatistics(db, viewer, period),
	])
	// every console user reads some complaints; a console user without any is not one
	if (!complaints || !surveys) throw data(null, { status: 404 })
	const i18n = createI18n(language)
	const ctx: TableContext = { t: (key, options) => i18n.t(key, options), language }
	const tables = Object.fromEntries([
		...COMPLAINT_TABLES.map((id) => [id, complaintTable(id, complaints, ctx)]),
		...SURVEY_TABLES.map((id) => [id, surveyTable(id, surveys, ctx)]),
	]) as Record<ReportTableId, ReportTable>
	return { viewer, language, period, problem, complaints, surveys, tables }
}
