import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { ComplaintCategory } from '#app/generated/prisma/enums.ts'
import { DomainValidationError, NotFoundError } from '../errors.ts'
import { assertInSettings } from '../settings/access.ts'
import type { Viewer } from '../viewer.ts'
import { PLACEHOLDERS, placeholderToken, unknownPlaceholders } from './placeholders.ts'
import { TemplateSchema, type TemplateInput } from './schemas.ts'

/**
 * Saved reply templates (issue 4 §6): staff-editable texts in Chinese and English with
 * placeholders, picked on the case page and filled in with renderTemplate. Any member of staff
 * may write and archive them; a template is archived rather than deleted, so that a reply
 * written from it still has its source on record.
 */

type Db = PrismaClient | Prisma.TransactionClient

export interface ReplyTemplateView {
	id: string
	name: string
	/** null: for every kind of complaint */
	category: ComplaintCategory | null
	bodyZh: string
	bodyEn: string
	archived: boolean
	updatedAt: Date
	updatedByName: string | null
}

const select = {
	id: true,
	name: true,
	category: true,
	bodyZh: true,
	bodyEn: true,
	archived: true,
	updatedAt: true,
	updatedBy: { select: { name: true } },
} satisfies Prisma.ReplyTemplateSelect

function view({ updatedBy, ...row }: Prisma.ReplyTemplateGetPayload<{ select: typeof select }>): ReplyTemplateView {
	return { ...row, updatedByName: updatedBy?.name ?? null }
}

/**
 * Templates by name. With `category`, those for that category and those for every category
 * (what the case page offers for a complaint); archived ones only with `includeArchived`.
 */
export async function listTemplates(
	db: Db,
	options: { category?: ComplaintCategory | null; includeArchived?: boolean } = {},
): Promise<ReplyTemplateView[]> {
	const rows = await db.replyTemplate.findMany({
		where: {
			...(options.includeArchived ? {} : { archived: false }),
			...(options.category ? { OR: [{ category: options.category }, { category: null }] } : {}),
		},
		orderBy: [{ archived: 'asc' }, { name: 'asc' }, { id: 'asc' }],
		select,
	})
	return rows.map(view)
}

export async function getTemplate(db: Db, viewer: Viewer, id: string): Promise<ReplyTemplateView> {
	assertInSettings(viewer, 'manage:reply-templates')
	const row = await db.replyTemplate.findUnique({ where: { id }, select })
	if (!row) throw new NotFoundError('ReplyTemplate')
	return view(row)
}

const ALLOWED = PLACEHOLDERS.map(placeholderToken).join(', ')

/** The form's rules, then the placeholders of both texts; the first problem as a field error. */
function validTemplate(input: TemplateInput) {
	const parsed = TemplateSchema.safeParse(input)
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!
		throw new DomainValidationError(String(issue.path[0] ?? 'name'), issue.message)
	}
	for (const field of ['bodyZh', 'bodyEn'] as const) {
		const unknown = unknownPlaceholders(parsed.data[field])
		if (unknown.length > 0)
			throw new DomainValidationError(field, 'settings:validation.unknownPlaceholder', {
				unknown: unknown.join(', '),
				allowed: ALLOWED,
			})
	}
	return parsed.data
}

export async function createTemplate(db: Db, viewer: Viewer, input: TemplateInput): Promise<{ id: string }> {
	assertInSettings(viewer, 'manage:reply-templates')
	const data = validTemplate(input)
	return db.replyTemplate.create({ data: { ...data, updatedById: viewer.userId }, select: { id: true } })
}

export async function updateTemplate(db: Db, viewer: Viewer, id: string, input: TemplateInput): Promise<void> {
	assertInSettings(viewer, 'manage:reply-templates')
	const data = validTemplate(input)
	const { count } = await db.replyTemplate.updateMany({ where: { id }, data: { ...data, updatedById: viewer.userId } })
	if (count !== 1) throw new NotFoundError('ReplyTemplate')
}

/** Archived templates are no longer offered for replies; they stay listed in the settings, to restore. */
export async function archiveTemplate(db: Db, viewer: Viewer, id: string, archived = true): Promise<void> {
	assertInSettings(viewer, 'manage:reply-templates')
	const { count } = await db.replyTemplate.updateMany({ where: { id }, data: { archived, updatedById: viewer.userId } })
	if (count !== 1) throw new NotFoundError('ReplyTemplate')
}

export function restoreTemplate(db: Db, viewer: Viewer, id: string): Promise<void> {
	return archiveTemplate(db, viewer, id, false)
}
