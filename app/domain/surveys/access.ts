import type { Prisma } from '#app/generated/prisma/client.ts'
import { permissionsOf, type Scope } from '../complaints/permissions.ts'
import type { Viewer } from '../viewer.ts'

/**
 * Who may read survey answers and handle their follow-ups. Answers are the customer's word to the
 * company (000 (七)4: never shown to unrelated people): the customer reads their own; staff and
 * regional offices read those their complaint permissions reach (every region, or their own).
 * Dealers do not read answers: their organization hears of an answer through the SURVEY_ANSWERED
 * webhook, scores only (app/domain/webhooks/partner-events.ts).
 */

function readScopes(viewer: Viewer): Scope[] {
	if (viewer.kind === 'DEALER') return []
	return permissionsOf(viewer)
		.filter((p) => p.startsWith('read:complaint:'))
		.map((p) => p.split(':')[2] as Scope)
}

/** A Prisma `where` for the surveys the viewer may read; every survey query spreads it. */
export function surveyVisibleTo(viewer: Viewer): Prisma.SurveyWhereInput {
	// an API token is an organization's, never the customer's: it reads no survey
	if (viewer.tokenScopes !== undefined) return { id: { in: [] } }
	const scopes = readScopes(viewer)
	if (scopes.includes('any')) return {}
	const ors: Prisma.SurveyWhereInput[] = []
	if (scopes.includes('own')) ors.push({ customerId: viewer.userId })
	if (scopes.includes('region') && viewer.regionId) ors.push({ regionId: viewer.regionId })
	return ors.length > 0 ? { OR: ors } : { id: { in: [] } }
}

/** Whether the viewer works surveys in the console (reads follow-ups and key-account tracking). */
export function readsSurveysInConsole(viewer: Viewer): boolean {
	if (viewer.tokenScopes !== undefined) return false
	if (viewer.kind === 'REGIONAL_OFFICE') return true
	return viewer.kind === 'STAFF' && viewer.staffRole !== null
}

/**
 * The managers a low score is for (DESIGN.md §6 "a follow-up for the manager"): regional managers
 * (their region, when they sit in a regional office), the marketing director and the general
 * manager. Other staff see the follow-ups and may help, but the manager records what was done.
 */
export function handlesFollowUps(viewer: Viewer, survey: { regionId: string }): boolean {
	if (viewer.kind !== 'STAFF' || viewer.tokenScopes !== undefined) return false
	switch (viewer.staffRole) {
		case 'MARKETING_DIRECTOR':
		case 'GENERAL_MANAGER':
			return true
		case 'REGIONAL_MANAGER':
			return viewer.organizationKind !== 'REGIONAL_OFFICE' || viewer.regionId === survey.regionId
		default:
			return false
	}
}
