import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { OrganizationKind } from '#app/generated/prisma/enums.ts'
import { InvalidListArgumentError } from '../complaints/complaint-connection.ts'
import { SEARCH_MAX } from '../complaints/queue.ts'
import { encodeKeysetCursor, keysetPage, type SortDirection, type SortKey } from '../keyset.ts'
import type { Viewer } from '../viewer.ts'
import type { DirectoryOrganization, DirectoryRegion } from './queries.ts'
import { organizationVisibleTo, regionVisibleTo } from './visibility.ts'

/**
 * The API's lists of organizations and regions (issue 5 §1), inside what visibility.ts lets the
 * viewer see (anyone signed in; nobody else), keyset-paged like every list of the API.
 */

type Db = PrismaClient | Prisma.TransactionClient

export interface PageRequest<Order> {
	order: Order
	after?: string
	before?: string
	limit: number
	inverted: boolean
}

function likeLiteral(text: string): string {
	return text.replace(/[\\%_]/g, '\\$&')
}

/** Each word must appear in one of the columns, in any case. */
function searchWords<Where>(search: string | null | undefined, columns: (text: Prisma.StringFilter) => Where): Where[] {
	const q = search?.trim() ?? ''
	if (q.length > SEARCH_MAX)
		throw new InvalidListArgumentError('filter.search', `Search for at most ${SEARCH_MAX} characters.`)
	return q
		.split(/\s+/)
		.filter(Boolean)
		.slice(0, 5)
		.map((word) => columns({ contains: likeLiteral(word), mode: 'insensitive' }))
}

/* --------------------------------------------------------- organizations */

export interface OrganizationConnectionFilter {
	kind?: OrganizationKind | null
	regionId?: string | null
	/** words that must each appear in the name or the code */
	search?: string | null
}

export const ORGANIZATION_ORDER_FIELDS = ['NAME', 'CODE'] as const
export type OrganizationOrderField = (typeof ORGANIZATION_ORDER_FIELDS)[number]
export interface OrganizationOrder {
	field: OrganizationOrderField
	direction: SortDirection
}
export const DEFAULT_ORGANIZATION_ORDER: OrganizationOrder = { field: 'NAME', direction: 'ASC' }

type OrganizationKey = SortKey<
	DirectoryOrganization,
	Prisma.OrganizationWhereInput,
	Prisma.OrganizationOrderByWithRelationInput
>
const ORGANIZATION_KEYS: Record<OrganizationOrderField, OrganizationKey> = {
	NAME: {
		kind: 'string',
		valueOf: (organization) => organization.name,
		where: (comparison) => ({ name: comparison }),
		orderBy: (direction) => ({ name: direction }),
	},
	CODE: {
		kind: 'string',
		valueOf: (organization) => organization.code,
		where: (comparison) => ({ code: comparison }),
		orderBy: (direction) => ({ code: direction }),
	},
}

const organizationSelect = { id: true, name: true, code: true, kind: true, regionId: true } as const

function organizationWhere(viewer: Viewer | null, filter: OrganizationConnectionFilter) {
	const and: Prisma.OrganizationWhereInput[] = [organizationVisibleTo(viewer)]
	if (filter.kind) and.push({ kind: filter.kind })
	if (filter.regionId) and.push({ regionId: filter.regionId })
	and.push(...searchWords(filter.search, (text) => ({ OR: [{ name: text }, { code: text }] })))
	return { AND: and }
}

export function encodeOrganizationCursor(field: OrganizationOrderField, row: DirectoryOrganization): string {
	return encodeKeysetCursor(ORGANIZATION_KEYS, field, row)
}

export function pageOrganizations(
	db: Db,
	viewer: Viewer | null,
	filter: OrganizationConnectionFilter,
	request: PageRequest<OrganizationOrder>,
): Promise<DirectoryOrganization[]> {
	const page = keysetPage(ORGANIZATION_KEYS, { ...request.order, ...request })
	return db.organization.findMany({
		where: { AND: [organizationWhere(viewer, filter), ...page.where] },
		orderBy: page.orderBy,
		take: request.limit,
		select: organizationSelect,
	})
}

export function countOrganizations(db: Db, viewer: Viewer | null, filter: OrganizationConnectionFilter) {
	return db.organization.count({ where: organizationWhere(viewer, filter) })
}

/* --------------------------------------------------------------- regions */

export interface RegionConnectionFilter {
	/** words that must each appear in the code or one of the names */
	search?: string | null
}

export const REGION_ORDER_FIELDS = ['CODE', 'NAME_EN', 'NAME_ZH'] as const
export type RegionOrderField = (typeof REGION_ORDER_FIELDS)[number]
export interface RegionOrder {
	field: RegionOrderField
	direction: SortDirection
}
export const DEFAULT_REGION_ORDER: RegionOrder = { field: 'CODE', direction: 'ASC' }

type RegionKey = SortKey<DirectoryRegion, Prisma.RegionWhereInput, Prisma.RegionOrderByWithRelationInput>
const REGION_KEYS: Record<RegionOrderField, RegionKey> = {
	CODE: {
		kind: 'string',
		valueOf: (region) => region.code,
		where: (comparison) => ({ code: comparison }),
		orderBy: (direction) => ({ code: direction }),
	},
	NAME_EN: {
		kind: 'string',
		valueOf: (region) => region.nameEn,
		where: (comparison) => ({ nameEn: comparison }),
		orderBy: (direction) => ({ nameEn: direction }),
	},
	NAME_ZH: {
		kind: 'string',
		valueOf: (region) => region.nameZh,
		where: (comparison) => ({ nameZh: comparison }),
		orderBy: (direction) => ({ nameZh: direction }),
	},
}

const regionSelect = { id: true, code: true, nameZh: true, nameEn: true } as const

function regionWhere(viewer: Viewer | null, filter: RegionConnectionFilter) {
	const and: Prisma.RegionWhereInput[] = [regionVisibleTo(viewer)]
	and.push(...searchWords(filter.search, (text) => ({ OR: [{ code: text }, { nameEn: text }, { nameZh: text }] })))
	return { AND: and }
}

export function encodeRegionCursor(field: RegionOrderField, row: DirectoryRegion): string {
	return encodeKeysetCursor(REGION_KEYS, field, row)
}

export function pageRegions(
	db: Db,
	viewer: Viewer | null,
	filter: RegionConnectionFilter,
	request: PageRequest<RegionOrder>,
): Promise<DirectoryRegion[]> {
	const page = keysetPage(REGION_KEYS, { ...request.order, ...request })
	return db.region.findMany({
		where: { AND: [regionWhere(viewer, filter), ...page.where] },
		orderBy: page.orderBy,
		take: request.limit,
		select: regionSelect,
	})
}

export function countRegions(db: Db, viewer: Viewer | null, filter: RegionConnectionFilter) {
	return db.region.count({ where: regionWhere(viewer, filter) })
}
