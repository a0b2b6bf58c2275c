import { Responsibility } from '#app/generated/prisma/enums.ts'
import { DomainValidationError } from '../errors.ts'
import type { Viewer } from '../viewer.ts'
import type { ComplaintDeps, StoredFile } from './ports.ts'
import { MESSAGE_MAX } from './schemas.ts'
import {
	attachFiles,
	checkFiles,
	recordEvent,
	requiredText,
	runStaffCommand,
	writeChange,
	type ComplaintChange,
	type StaffCommand,
	type StaffCommandInput,
} from './staff-command.ts'

/**
 * What the investigation found, as ComplaintFinding rows with their evidence photos
 * (Attachment.findingId): on-site visits and samples (000 (三)1(6)), and the responsibility
 * decision (004 §5.5) that a proposal or a rejection rests on. Findings are the company's
 * working material: internal, never emailed to the customer; a regional office's own visit is
 * shared with it (partner visibility), since it made it.
 */

const summaryText = (value: string | undefined) =>
	requiredText(value, 'summary', MESSAGE_MAX, 'validation:messageTooLong')

function findingVisibility(command: StaffCommand) {
	return command.viewer.kind === 'STAFF' ? ('INTERNAL' as const) : ('PARTNER' as const)
}

export type FieldFindingKind = 'ON_SITE_VISIT' | 'SAMPLE'

/** Someone went to the customer, or a sample was taken; `occurredAt` may be earlier, not later. */
export async function recordFinding(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: StaffCommandInput & {
		kind: FieldFindingKind
		occurredAt: Date
		summary: string
		sampleReference?: string | null
		files?: StoredFile[]
	},
) {
	if (input.kind !== 'ON_SITE_VISIT' && input.kind !== 'SAMPLE')
		throw new DomainValidationError('kind', 'validation:choose')
	const summary = summaryText(input.summary)
	const files = checkFiles(input.files)
	const occurredAt = input.occurredAt
	if (!(occurredAt instanceof Date) || Number.isNaN(occurredAt.getTime()))
		throw new DomainValidationError('occurredAt', 'validation:required')
	const sampleReference = input.sampleReference?.trim() || null
	return runStaffCommand(deps, viewer, complaintId, 'record-finding', input, async (command) => {
		if (occurredAt.getTime() > command.now.getTime())
			throw new DomainValidationError('occurredAt', 'validation:notInFuture')
		const visibility = findingVisibility(command)
		const version = await writeChange(command, {})
		const finding = await command.tx.complaintFinding.create({
			data: {
				complaintId,
				authorId: viewer.userId,
				kind: input.kind,
				occurredAt,
				summary,
				sampleReference,
				createdAt: command.now,
			},
			select: { id: true },
		})
		await attachFiles(command, files, { findingId: finding.id, visibility })
		await recordEvent(command, {
			type: 'finding_recorded',
			version,
			fields: {},
			visibility,
			data: { findingId: finding.id, kind: input.kind },
		})
		return { version, findingId: finding.id }
	})
}

const RESPONSIBILITIES = Object.values(Responsibility)

/**
 * Records who is responsible (004 §5.5), with its evidence: no proposal before it (000 (七)2),
 * and a rejection only on a finding that the company is not. On a product-quality complaint the
 * quality department decides (workflow.ts), at least one evidence photo is required
 * (004 §5.4.3), and every general manager is emailed the decision.
 */
export async function determineResponsibility(
	deps: ComplaintDeps,
	viewer: Viewer,
	complaintId: string,
	input: StaffCommandInput & { responsibility: Responsibility; summary: string; files?: StoredFile[] },
) {
	if (!RESPONSIBILITIES.includes(input.responsibility))
		throw new DomainValidationError('responsibility', 'validation:choose')
	const summary = summaryText(input.summary)
	const files = checkFiles(input.files)
	return runStaffCommand(deps, viewer, complaintId, 'determine-responsibility', input, async (command) => {
		const { complaint, now, tx } = command
		if (complaint.category === 'PRODUCT_QUALITY' && !files.some((f) => f.kind === 'IMAGE'))
			throw new DomainValidationError('files', 'validation:evidenceRequired')
		const fields: ComplaintChange = { responsibility: input.responsibility, responsibilityAt: now }
		const version = await writeChange(command, fields)
		const finding = await tx.complaintFinding.create({
			data: {
				complaintId,
				authorId: viewer.userId,
				kind: 'RESPONSIBILITY',
				occurredAt: now,
				summary,
				responsibility: input.responsibility,
				createdAt: now,
			},
			select: { id: true },
		})
		await attachFiles(command, files, { findingId: finding.id, visibility: 'INTERNAL' })
		await recordEvent(command, {
			type: 'responsibility_determined',
			version,
			fields,
			visibility: 'INTERNAL',
			data: { findingId: finding.id, responsibility: input.responsibility },
		})
		// the general manager is informed of every product-quality decision (DESIGN.md §5, 004 §5.7.1)
		if (complaint.category === 'PRODUCT_QUALITY')
			await deps.notifier.qualityDecision?.(tx, { complaintId, findingId: finding.id })
		return { version, findingId: finding.id }
	})
}
