import type { Prisma } from '#app/generated/prisma/client.ts'
import type { Locale, OrganizationKind, StaffRole, UserKind } from '#app/generated/prisma/enums.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import { organizationVisibleTo, regionVisibleTo, userVisibleTo } from './visibility.ts'

/**
 * Reading people, organizations and regions by id, as the viewer may see them. Ids the viewer
 * may not see are left out exactly like ids that do not exist, so callers cannot tell the two
 * apart. Results come back in no particular order.
 */

export interface DirectoryUser {
	id: string
	name: string
	email: string
	kind: UserKind
	staffRole: StaffRole | null
	locale: Locale | null
	organizationId: string | null
}

export interface DirectoryOrganization {
	id: string
	name: string
	code: string
	kind: OrganizationKind
	regionId: string | null
}

export interface DirectoryRegion {
	id: string
	code: string
	nameZh: string
	nameEn: string
}

type Db = Prisma.TransactionClient

const userSelect = {
	id: true,
	name: true,
	email: true,
	kind: true,
	staffRole: true,
	locale: true,
	organizationId: true,
} as const satisfies Prisma.UserSelect

export function findUsersVisibleTo(db: Db, viewer: Viewer | null, ids: readonly string[]): Promise<DirectoryUser[]> {
	return db.user.findMany({ where: { AND: [{ id: { in: [...ids] } }, userVisibleTo(viewer)] }, select: userSelect })
}

export function findOrganizationsVisibleTo(
	db: Db,
	viewer: Viewer | null,
	ids: readonly string[],
): Promise<DirectoryOrganization[]> {
	return db.organization.findMany({
		where: { AND: [{ id: { in: [...ids] } }, organizationVisibleTo(viewer)] },
		select: { id: true, name: true, code: true, kind: true, regionId: true },
	})
}

export function findRegionsVisibleTo(
	db: Db,
	viewer: Viewer | null,
	ids: readonly string[],
): Promise<DirectoryRegion[]> {
	return db.region.findMany({
		where: { AND: [{ id: { in: [...ids] } }, regionVisibleTo(viewer)] },
		select: { id: true, code: true, nameZh: true, nameEn: true },
	})
}
