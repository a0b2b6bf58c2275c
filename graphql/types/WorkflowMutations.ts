import type { InputFieldMap, InputShapeFromFields } from '@pothos/core'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { parseYuan } from '#app/domain/approvals/schemas.ts'
import { openProposalOf } from '#app/domain/approvals/queries.ts'
import { currentStep } from '#app/domain/approvals/policy.ts'
import { routeComplaint } from '#app/domain/complaints/assignment.ts'
import { determineResponsibility, recordFinding } from '#app/domain/complaints/findings.ts'
import { addNote } from '#app/domain/complaints/notes.ts'
import type { ComplaintDeps } from '#app/domain/complaints/ports.ts'
import { decideApproval, proposeResolution } from '#app/domain/complaints/proposals.ts'
import { MESSAGE_MAX, REASON_MAX, UPLOAD_LIMITS } from '#app/domain/complaints/schemas.ts'
import {
	acknowledgeComplaint,
	closeComplaint,
	escalateByStaff,
	rejectComplaint,
	reopenComplaint,
	replyToCustomer,
	requestInformation,
	resolveComplaint,
	startInvestigation,
} from '#app/domain/complaints/staff-actions.ts'
import type { StoredFile } from '#app/domain/complaints/ports.ts'
import { ConflictError, DomainValidationError } from '#app/domain/errors.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import type { Context } from '../context.ts'
import { unauthenticatedError } from '../errors.ts'
import { builder } from '../builder.ts'
import { discardUploads, storeUploads } from '../uploads.ts'
import { ComplaintNode } from './Complaint.ts'
import { UserErrorType, toUserErrors, type UserErrorShape } from './UserError.ts'
import { UserNode } from './User.ts'
import {
	ApprovalDecisionEnum,
	CostBearerEnum,
	DepartmentEnum,
	FieldFindingKindEnum,
	NoteVisibilityEnum,
	RequestedRemedyEnum,
	ResponsibilityEnum,
} from './WorkflowEnums.ts'

/**
 * One mutation per workflow action (docs/decisions/006), each calling the same domain command
 * as the console's Remix action, so the API cannot do what the case page may not. Every input
 * selects the complaint by global ID and may carry the `version` the client last read: a newer
 * one is a CONFLICT naming what changed meanwhile, as on a stale console form.
 *
 * Those that write a message or a finding take `files` (Uploads, the GraphQL multipart request
 * spec): stored through the web's upload pipeline before the command runs (graphql/uploads.ts),
 * handed to it as StoredFiles, and deleted again when it refuses.
 */

interface WorkflowPayload {
	complaintId: string | null
	userErrors: UserErrorShape[]
}

interface WorkflowMutation<Fields extends InputFieldMap> {
	/** the mutation's name; its input and payload are named after it */
	name: string
	description: string
	/** what the complaint must be (or becomes), for the input's and payload's descriptions */
	inputDescription: string
	fields: (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => Fields
	run: (
		deps: ComplaintDeps,
		viewer: Viewer,
		complaintId: string,
		input: InputShapeFromFields<Fields> & { expectedVersion?: number },
		context: Context,
	) => Promise<unknown>
	/** Where a domain error's field lives in this input when the names differ. */
	fieldNames?: Record<string, string>
	/**
	 * The input takes `files`, and `run` gets them stored as `files: StoredFile[]`; what to say
	 * about them in the field's description.
	 */
	files?: string
}

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never

const SIGN_IN = 'Workflow mutations need a signed-in session or an API token (`Authorization: Bearer <token>`).'
const NOT_SIGNED_IN: UserErrorShape = { code: 'NOT_FOUND', field: null, message: 'Complaint not found.' }

function workflowMutation<Fields extends InputFieldMap>(mutation: WorkflowMutation<Fields>) {
	const typeName = mutation.name[0]!.toUpperCase() + mutation.name.slice(1)
	const Input = builder.inputType(`${typeName}Input`, {
		description: `The input of \`${mutation.name}\`: ${mutation.inputDescription}`,
		fields: (t) => ({
			complaintId: t.globalID({
				required: true,
				description: 'The complaint, by its global ID.',
				for: [ComplaintNode],
			}),
			expectedVersion: t.int({
				description:
					'The `version` of the complaint the client last read. If it changed since, nothing is done and the answer is a CONFLICT listing what changed meanwhile. Omit it to act on whatever the complaint is now.',
			}),
			...mutation.fields(t),
			...(mutation.files
				? {
						files: t.field({
							type: ['Upload'],
							description: `${mutation.files} Photos (JPEG, PNG, WebP, HEIC/HEIF) and PDFs, at most ${UPLOAD_LIMITS.maxFilesPerComplaint} of at most ${UPLOAD_LIMITS.maxFileBytes / (1024 * 1024)} MB each, sent as parts of a multipart request (see \`Upload\`). Each is checked by its bytes and cleaned as in the portal (images re-encoded without metadata, with a thumbnail); a refused file is a userError whose \`field\` ends with its index, such as ["input", "files", "2"], and then nothing is stored.`,
						}),
					}
				: {}),
		}),
	})
	const Payload = builder.objectRef<WorkflowPayload>(`${typeName}Payload`).implement({
		description: `The result of \`${mutation.name}\`.`,
		fields: (t) => ({
			complaint: t.field({
				type: ComplaintNode,
				nullable: true,
				description: 'The complaint after the change; null when nothing was done (see `userErrors`).',
				resolve: (payload) => payload.complaintId,
			}),
			userErrors: t.field({
				type: [UserErrorType],
				description: 'Why nothing was done; empty on success.',
				resolve: (payload) => payload.userErrors,
			}),
		}),
	})
	builder.mutationField(mutation.name, (t) =>
		t.field({
			type: Payload,
			description: mutation.description,
			authScopes: { signedIn: true },
			// not Pothos's bare "Not authorized": a code and a 401 the client can act on
			unauthorizedError: () => unauthenticatedError(SIGN_IN),
			args: { input: t.arg({ type: Input, required: true, description: 'The complaint and what to do.' }) },
			resolve: async (_root, args, context): Promise<WorkflowPayload> => {
				const viewer = context.viewer
				if (!viewer) return { complaintId: null, userErrors: [NOT_SIGNED_IN] }
				// the generic input's shape is lost on `args`; the fields above are these
				const { complaintId, expectedVersion, ...rest } = (
					args as unknown as {
						input: { complaintId: { id: string }; expectedVersion?: number | null } & Record<string, unknown>
					}
				).input
				let files: StoredFile[] = []
				if (mutation.files) {
					const stored = await storeUploads(context, rest.files as File[] | null | undefined, {
						field: ['input', 'files'],
					})
					if (!stored.ok) return { complaintId: null, userErrors: stored.userErrors }
					files = stored.files
				}
				const command = {
					...rest,
					...(mutation.files ? { files } : {}),
					...(typeof expectedVersion === 'number' ? { expectedVersion } : {}),
				} as InputShapeFromFields<Fields> & { expectedVersion?: number }
				try {
					await mutation.run(complaintDeps(context.services), viewer, complaintId.id, command, context)
					return { complaintId: complaintId.id, userErrors: [] }
				} catch (error) {
					// the command wrote nothing: no attachment row will point at the stored files
					await discardUploads(context, files)
					// What was missed names staff and internal steps: only staff are told (MissedChange
					// carries no visibility to filter it by).
					const shown = error instanceof ConflictError && viewer.kind !== 'STAFF' ? new ConflictError() : error
					return { complaintId: null, userErrors: toUserErrors(shown).map((e) => renamed(e, mutation.fieldNames)) }
				}
			},
		}),
	)
}

function renamed(error: UserErrorShape, names: Record<string, string> = {}): UserErrorShape {
	const [prefix, name, ...rest] = error.field ?? []
	if (prefix === undefined || name === undefined || !Object.hasOwn(names, name)) return error
	return { ...error, field: [prefix, names[name]!, ...rest] }
}

const text = (description: string) => ({ required: true as const, description })

workflowMutation({
	name: 'acknowledgeComplaint',
	description:
		'Acknowledges a new (SUBMITTED) complaint with a written reply the customer reads and is emailed: the first response (受理), which starts the initial-verification clock. Staff, and regional offices in their region.',
	inputDescription: 'a SUBMITTED complaint and the written reply.',
	fields: (t) => ({ reply: t.string(text(`The reply to the customer, up to ${MESSAGE_MAX} characters.`)) }),
	files: 'Files sent with the reply; the customer sees them with it.',
	run: (deps, viewer, id, input) => acknowledgeComplaint(deps, viewer, id, input),
})

workflowMutation({
	name: 'assignComplaint',
	description:
		'Routes the complaint to a responsible department (责任部门) and, optionally, a person there. Internal: the customer is not told. Sending the same department and person again changes nothing. Staff only (regional managers in their region).',
	inputDescription: 'an open complaint, the department and the person.',
	fields: (t) => ({
		department: t.field({ type: DepartmentEnum, required: true, description: 'The responsible department.' }),
		assigneeId: t.globalID({
			for: [UserNode],
			description:
				'The person to work on it, by global ID; null or absent to leave it with the department. They must work in the console and be able to see the complaint.',
		}),
	}),
	run: (deps, viewer, id, input) =>
		routeComplaint(deps, viewer, id, {
			department: input.department,
			assigneeId: input.assigneeId?.id ?? null,
			expectedVersion: input.expectedVersion,
		}),
})

workflowMutation({
	name: 'startInvestigation',
	description:
		'Starts the investigation (INVESTIGATING) of an acknowledged complaint, resumes it after the customer answered (the paused clock resumes), or takes it up again after an escalation (a new resolution clock). Staff, and regional offices in their region.',
	inputDescription: 'an ACKNOWLEDGED, WAITING_ON_CUSTOMER or ESCALATED complaint.',
	fields: () => ({}),
	run: (deps, viewer, id, input) => startInvestigation(deps, viewer, id, input),
})

workflowMutation({
	name: 'requestInformation',
	description:
		'Asks the customer a written question (WAITING_ON_CUSTOMER); the service clock pauses until they answer. Staff, and regional offices in their region.',
	inputDescription: 'an ACKNOWLEDGED, INVESTIGATING or ESCALATED complaint and the question.',
	fields: (t) => ({ message: t.string(text(`The question to the customer, up to ${MESSAGE_MAX} characters.`)) }),
	files: 'Files sent with the question; the customer sees them with it.',
	run: (deps, viewer, id, input) => requestInformation(deps, viewer, id, input),
})

workflowMutation({
	name: 'addReply',
	description:
		'Writes a reply the customer reads on the complaint page and is emailed; the status stays. A new complaint is acknowledged with `acknowledgeComplaint` first. Staff, and regional offices in their region.',
	inputDescription: 'an acknowledged, open complaint and the reply.',
	fields: (t) => ({ body: t.string(text(`The reply, up to ${MESSAGE_MAX} characters.`)) }),
	files: 'Files sent with the reply; the customer sees them with it.',
	run: (deps, viewer, id, input) => replyToCustomer(deps, viewer, id, input),
})

workflowMutation({
	name: 'addNote',
	description:
		'Adds a note the customer never sees nor is emailed about: INTERNAL for staff only, PARTNER also for the dealer or regional office handling the order. Staff write both; dealers (on orders they sold) and regional offices (in their region) write PARTNER notes only.',
	inputDescription: 'a complaint (closed ones too), the note and who reads it.',
	fields: (t) => ({
		body: t.string(text(`The note, up to ${MESSAGE_MAX} characters.`)),
		visibility: t.field({ type: NoteVisibilityEnum, required: true, description: 'Who reads the note.' }),
	}),
	files: 'Files kept with the note, read by whoever reads the note.',
	run: (deps, viewer, id, input) => addNote(deps, viewer, id, input),
})

workflowMutation({
	name: 'recordFinding',
	description:
		'Records what an on-site visit (现场调查) or a sample (取样) found. Internal to the company; a regional office’s own finding is shared with it (partner visibility), and so are its files. Staff, and regional offices in their region.',
	inputDescription: 'an acknowledged complaint still under investigation and the finding.',
	fields: (t) => ({
		kind: t.field({ type: FieldFindingKindEnum, required: true, description: 'A visit or a sample.' }),
		occurredAt: t.field({
			type: 'DateTime',
			required: true,
			description: 'When the visit or sampling took place; not in the future.',
		}),
		summary: t.string(text(`What was found, up to ${MESSAGE_MAX} characters.`)),
		sampleReference: t.string({ description: 'The sample’s label or lab reference, for a SAMPLE.' }),
	}),
	files: 'Evidence photos and reports of the visit or sample, seen by whoever sees the finding.',
	run: (deps, viewer, id, input) => recordFinding(deps, viewer, id, input),
})

workflowMutation({
	name: 'determineResponsibility',
	description:
		'Records who is responsible (责任判定), which a proposal or a rejection rests on. Staff only; on a PRODUCT_QUALITY complaint only quality engineers decide (WORKFLOW_RULE otherwise), and the decision needs at least one evidence photo in `files` (an INVALID userError on ["input", "files"] otherwise). The decision and its files are internal. Refused while a proposal waits for approval.',
	inputDescription: 'an INVESTIGATING or ESCALATED complaint, the responsibility and the reasoning.',
	fields: (t) => ({
		responsibility: t.field({ type: ResponsibilityEnum, required: true, description: 'Who is responsible.' }),
		summary: t.string(text(`The reasoning and evidence, up to ${MESSAGE_MAX} characters.`)),
	}),
	files: 'Evidence photos and reports; internal. A PRODUCT_QUALITY decision needs at least one photo.',
	run: (deps, viewer, id, input) => determineResponsibility(deps, viewer, id, input),
})

workflowMutation({
	name: 'proposeResolution',
	description:
		'Proposes a resolution (处理方案), once responsibility is recorded. It replaces an earlier one the customer has not answered. Within the proposer’s authority it goes to the customer at once (RESOLUTION_PROPOSED); otherwise it waits for approvals (审批) and the status stays: see `availableActions` and the approvers’ DECIDE_APPROVAL. Staff only.',
	inputDescription: 'an INVESTIGATING or ESCALATED complaint with responsibility recorded, and the proposal.',
	fields: (t) => ({
		type: t.field({ type: RequestedRemedyEnum, required: true, description: 'What the company offers.' }),
		summary: t.string(text('The proposal in words, as the customer will read it.')),
		amount: t.string({
			required: true,
			description:
				'The money involved, in yuan (CNY), as a decimal string with at most two decimals: "8000", "8000.50"; "0" when none. A string, not a Float, so that no amount is rounded (Shopify’s Decimal convention); thousands separators and a leading ¥ are accepted as on the console form.',
		}),
		costBearer: t.field({ type: CostBearerEnum, required: true, description: 'Who pays.' }),
	}),
	run: (deps, viewer, id, input) => {
		const amountMinor = parseYuan(input.amount)
		if (amountMinor === null) throw new DomainValidationError('amount', 'approvals:validation.amountInvalid')
		return proposeResolution(deps, viewer, id, {
			type: input.type,
			summary: input.summary,
			amountMinor,
			costBearer: input.costBearer,
			expectedVersion: input.expectedVersion,
		})
	},
})

workflowMutation({
	name: 'decideApproval',
	description:
		'Approves or declines the proposal step that waits for the viewer’s role (a regional manager, the marketing director or a general manager, by amount and severity). Approved, the next approver is asked, or the proposal goes to the customer; declined, the proposal is dead and its author is told why. WORKFLOW_RULE when no proposal waits or it waits for another role. The step decided is the one waiting when the mutation runs: send `expectedVersion` to decide only the proposal you read.',
	inputDescription: 'a complaint whose proposal waits for the viewer’s approval, and the decision.',
	fields: (t) => ({
		decision: t.field({ type: ApprovalDecisionEnum, required: true, description: 'Approve or decline.' }),
		comment: t.string({ description: 'Why; required when declining.' }),
	}),
	run: async (deps, viewer, id, input) => {
		// The step is the one now waiting: a client that read the complaint earlier is held to
		// that by `expectedVersion`; the command itself checks the step is the viewer's role's.
		const proposal = await openProposalOf(deps.db, id)
		const step = proposal ? currentStep(proposal.approvals) : null
		return decideApproval(deps, viewer, id, {
			stepId: step?.id ?? '',
			decision: input.decision,
			comment: input.comment ?? undefined,
			expectedVersion: input.expectedVersion,
		})
	},
})

workflowMutation({
	name: 'resolveComplaint',
	description:
		'The accepted resolution was carried out (RESOLVING → RESOLVED), with a written reply the customer is emailed. Staff only.',
	inputDescription: 'a RESOLVING complaint and the written reply.',
	fields: (t) => ({ reply: t.string(text(`The reply to the customer, up to ${MESSAGE_MAX} characters.`)) }),
	files: 'Files sent with the reply; the customer sees them with it.',
	run: (deps, viewer, id, input) => resolveComplaint(deps, viewer, id, input),
})

workflowMutation({
	name: 'rejectComplaint',
	description:
		'Rejects the complaint (REJECTED) with a written reason the customer is emailed. Only when the recorded responsibility is not the company’s (NOT_COMPANY, CUSTOMER_MISUSE, TRANSPORT_DAMAGE, DEALER; WORKFLOW_RULE otherwise) and no proposal waits for approval. Staff only.',
	inputDescription: 'an INVESTIGATING or ESCALATED complaint and the written reason.',
	fields: (t) => ({
		reason: t.string(text(`The reason, to the customer, up to ${MESSAGE_MAX} characters.`)),
		toldOfAuthoritiesRight: t.boolean({
			description: 'Whether the reply also told the customer of their right to take the matter to the authorities.',
		}),
	}),
	files: 'Files sent with the reason; the customer sees them with it.',
	run: (deps, viewer, id, input) =>
		rejectComplaint(deps, viewer, id, { ...input, toldOfAuthoritiesRight: input.toldOfAuthoritiesRight ?? false }),
})

workflowMutation({
	name: 'escalateComplaint',
	description:
		'Escalates the complaint to head office (升级, ESCALATED): the escalation level rises and a new resolution clock starts. The customer sees the move; the reason stays internal. Staff only (customers escalate their own complaint in the portal).',
	inputDescription: 'a complaint under way or resolved/rejected, and the internal reason.',
	fields: (t) => ({ reason: t.string(text(`Why, for the company, up to ${REASON_MAX} characters.`)) }),
	run: (deps, viewer, id, input) => escalateByStaff(deps, viewer, id, input),
})

workflowMutation({
	name: 'closeComplaint',
	description: 'Closes a RESOLVED or REJECTED complaint (结案); the clock stops. Staff only.',
	inputDescription: 'a RESOLVED or REJECTED complaint.',
	fields: () => ({}),
	run: (deps, viewer, id, input) => closeComplaint(deps, viewer, id, input),
})

workflowMutation({
	name: 'reopenComplaint',
	description:
		'Reopens a complaint closed in the last 30 days (重新打开): back to INVESTIGATING with a new resolution clock; later, a WORKFLOW_RULE. The reason stays internal. Staff only.',
	inputDescription: 'a CLOSED complaint and the internal reason.',
	fields: (t) => ({ reason: t.string(text(`Why, for the company, up to ${REASON_MAX} characters.`)) }),
	run: (deps, viewer, id, input) => reopenComplaint(deps, viewer, id, input),
})
