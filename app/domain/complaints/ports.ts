import type { Prisma, PrismaClient } from '#app/generated/prisma/client.ts'
import type { AttachmentKind } from '#app/generated/prisma/enums.ts'

/**
 * What the complaint commands need from the outside world, passed in so that app/domain
 * stays plain TypeScript: the database, a notifier that writes emails to the outbox in the
 * caller's transaction (app/complaints/notifier.server.ts), and a clock for tests.
 */
export interface ComplaintDeps {
	/**
	 * In the app, a client whose transactions announce the events they appended once they have
	 * committed (announcements.ts, applied by app/complaints/deps.server.ts); tests may pass a
	 * plain client, which announces nothing.
	 */
	db: PrismaClient
	notifier: ComplaintNotifier
	now?: () => Date
}

export interface ComplaintNotifier {
	/** The complaint was filed: tell the customer its reference and what happens next. */
	complaintFiled(tx: Prisma.TransactionClient, complaintId: string): Promise<void>
	/**
	 * Something the customer can see changed (a public reply, a status change) by someone other
	 * than the customer: email now, or leave it for the daily digest, as the customer chose.
	 */
	publicChange(tx: Prisma.TransactionClient, change: { complaintId: string; eventId: string }): Promise<void>
	/**
	 * A proposal waits for the approval step `stepId`: tell the staff who hold its role and may
	 * see the complaint (app/domain/approvals). Optional so that tests' recording notifiers
	 * need not implement it; the app's notifier does.
	 */
	approvalRequested?(tx: Prisma.TransactionClient, request: { complaintId: string; stepId: string }): Promise<void>
	/** An approver declined the proposal at step `stepId`: tell the person who proposed it. */
	approvalDeclined?(tx: Prisma.TransactionClient, decision: { complaintId: string; stepId: string }): Promise<void>
	/**
	 * Responsibility was decided on a product-quality complaint, as the responsibility finding
	 * `findingId` (a first decision or a new one): inform every general manager (DESIGN.md §5).
	 */
	qualityDecision?(tx: Prisma.TransactionClient, decision: { complaintId: string; findingId: string }): Promise<void>
	/**
	 * The event `eventId` was recorded on the complaint, at any visibility: queue the webhooks of
	 * the partner organizations that subscribed, with what they may see (app/domain/webhooks/).
	 * Called for every event a command records; the implementation picks those partners hear of.
	 */
	partnerEvent?(tx: Prisma.TransactionClient, event: { complaintId: string; eventId: string }): Promise<void>
	/**
	 * A satisfaction survey was sent (`reminder` false) or its one reminder is due: email the
	 * customer the link carrying `token`, which is known only here (app/domain/surveys/).
	 */
	surveyInvitation?(
		tx: Prisma.TransactionClient,
		invitation: { surveyId: string; token: string; reminder: boolean },
	): Promise<void>
	/** A low overall score opened a follow-up on the survey: tell the managers of its region. */
	surveyFollowUp?(tx: Prisma.TransactionClient, followUp: { surveyId: string }): Promise<void>
}

/** A file the upload pipeline has checked, cleaned and stored; the commands record it. */
export interface StoredFile {
	kind: AttachmentKind
	/** as the customer named it, for display only */
	originalName: string
	/** detected from the bytes */
	contentType: string
	byteSize: number
	width: number | null
	height: number | null
	sha256: string
	storageKey: string
	thumbnailKey: string | null
}
