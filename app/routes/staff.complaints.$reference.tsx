import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type * as z from 'zod'
import { requireUser } from '#app/auth/current-user.server.ts'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { filingStorage } from '#app/complaints/filing.server.ts'
import {
	ExpectedVersionSchema,
	FORMS,
	isIntent,
	TEMPLATE_FIELD,
	WITH_FILES,
	type Intent,
} from '#app/components/casework/action-schemas.ts'
import { CaseActions, type PendingApprovalView } from '#app/components/casework/case-actions.tsx'
import { CaseFacts, CustomerHistory, FiledRecord, OrderPanel } from '#app/components/casework/case-record.tsx'
import { CaseTimeline } from '#app/components/casework/case-timeline.tsx'
import caseworkStyles from '#app/components/casework/casework.css'
import { Findings } from '#app/components/casework/findings.tsx'
import type { CaseActionReply } from '#app/components/casework/form-parts.tsx'
import { Proposals } from '#app/components/casework/proposals.tsx'
import { ServiceClocks, SlaBadge } from '#app/components/casework/service-clocks.tsx'
import type { TemplateOption } from '#app/components/casework/template-picker.tsx'
import surveyStyles from '#app/components/survey/survey.css'
import { CaseSurveyPanel } from '#app/components/survey/case-survey.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { encodeMessage } from '#app/components/filing/messages.tsx'
import { suggestedCostBearer } from '#app/domain/approvals/cost-bearer.ts'
import { currentStep } from '#app/domain/approvals/policy.ts'
import { assignableStaff, routeComplaint } from '#app/domain/complaints/assignment.ts'
import { getCaseHead, getCaseView, type CaseView } from '#app/domain/complaints/case-view.ts'
import { changesSince } from '#app/domain/complaints/change.ts'
import { determineResponsibility, recordFinding } from '#app/domain/complaints/findings.ts'
import { addNote } from '#app/domain/complaints/notes.ts'
import { decideApproval, proposeResolution } from '#app/domain/complaints/proposals.ts'
import type { StoredFile } from '#app/domain/complaints/ports.ts'
import { UPLOAD_LIMITS } from '#app/domain/complaints/schemas.ts'
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
import { availableActions, refusalOf } from '#app/domain/complaints/workflow.ts'
import { loadWorkflowState } from '#app/domain/complaints/workflow-state.ts'
import {
	ConflictError,
	DomainValidationError,
	InsufficientAuthorityError,
	InvalidTransitionError,
	NotFoundError,
	WorkflowRefusedError,
	type MissedChange,
} from '#app/domain/errors.ts'
import { renderTemplate } from '#app/domain/templates/placeholders.ts'
import { listTemplates } from '#app/domain/templates/templates.ts'
import { caseSurvey } from '#app/domain/surveys/console.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import { redirectWithToast } from '#app/toast.server.ts'
import {
	deleteStoredFiles,
	fieldsBeforeFailure,
	MalformedUploadError,
	receiveUploads,
	UploadAbortedError,
} from '#app/uploads/receive-uploads.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.complaint.reference} · 客诉处理 · Case` : '客诉处理 · Case' },
]
// complaint.css (timeline, gallery, record) comes with the console's layout, staff.tsx
export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: caseworkStyles },
	{ rel: 'stylesheet', href: surveyStyles },
]

/**
 * The staff case page (issue 4 §2): the whole case on one page and the workflow actions the
 * viewer may take on it now, nothing else. Customers and dealers, and regional offices outside
 * the complaint's region, get the same 404 as for a reference that does not exist.
 */

function notFound(error: unknown): never {
	if (error instanceof NotFoundError) throw data(null, { status: 404 })
	throw error
}

const TEMPLATE_LANGUAGE = { en: 'en', zh_CN: 'zh-CN' } as const

/** The saved reply templates for this complaint, filled in, in the customer's language. */
async function templatesFor(
	db: LoaderFunctionArgs['context']['db']['prisma'],
	complaint: CaseView,
	agentName: string,
): Promise<TemplateOption[]> {
	const language = TEMPLATE_LANGUAGE[complaint.contact.locale ?? 'zh_CN']
	const context = {
		language,
		timeZone: complaint.region.timeZone,
		customerName: complaint.contact.name,
		reference: complaint.reference,
		orderNumber: complaint.order.orderNumber,
		title: complaint.title,
		dueDate: complaint.clocks.promisedBy,
		agentName,
	}
	const templates = await listTemplates(db, { category: complaint.category })
	return templates.map((template) => ({
		id: template.id,
		name: template.name,
		body: renderTemplate(language === 'en' ? template.bodyEn : template.bodyZh, context),
	}))
}

/** The approval step that waits for the viewer's role, when the workflow lets them decide it. */
function pendingApprovalOf(complaint: CaseView): PendingApprovalView | null {
	const proposal = complaint.proposals.findLast((p) => p.status === 'PENDING_APPROVAL')
	const step = proposal ? currentStep(proposal.approvals) : null
	if (!proposal || !step) return null
	return {
		stepId: step.id,
		approverRole: step.approverRole,
		reasonZh: step.reasonZh,
		reasonEn: step.reasonEn,
		proposal: {
			type: proposal.type,
			summary: proposal.summary,
			amountMinor: proposal.amountMinor,
			currency: proposal.currency,
			costBearer: proposal.costBearer,
			proposedBy: proposal.proposedBy,
		},
	}
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { viewer, user } = await requireUser(request, context)
	const db = context.db.prisma
	const now = new Date()
	const complaint = await getCaseView(db, viewer, params.reference ?? '', now).catch(notFound)
	const state = await loadWorkflowState(db, complaint.id)
	const actions = availableActions(viewer, state, now)

	const writes = actions.some((action) => action in TEMPLATE_FIELD)
	const templates = writes ? await templatesFor(db, complaint, user.name) : []
	const url = new URL(request.url)
	const wanted = url.searchParams.get('for')
	const chosen = templates.find((template) => template.id === url.searchParams.get('template'))
	const prefill =
		chosen && isIntent(wanted) && wanted in TEMPLATE_FIELD && actions.includes(wanted)
			? { intent: wanted, templateId: chosen.id, body: chosen.body }
			: null

	const { id: _id, ...shown } = complaint
	return {
		complaint: shown,
		actions,
		templates,
		prefill,
		viewerKind: viewer.kind,
		// only people who may take this complaint (its region's, and head office)
		assignable: actions.includes('route') ? await assignableStaff(db, viewer, state) : [],
		suggestedCostBearer: suggestedCostBearer(complaint.responsibility),
		pendingApproval: actions.includes('decide-approval') ? pendingApprovalOf(complaint) : null,
		// the satisfaction survey sent at the resolution, and a low score's follow-up
		survey: await caseSurvey(db, viewer, complaint.id, now),
		now,
	}
}

type Reply = (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]>

/** A reply for a form that was refused before its fields were parsed; the input comes back as sent. */
function replyKeeping(formData: FormData | null): Reply {
	const initialValue = formData
		? Object.fromEntries([...formData.entries()].filter(([, value]) => typeof value === 'string'))
		: undefined
	return (options) => ({
		status: 'error',
		...(initialValue ? { initialValue: initialValue as Record<string, string> } : {}),
		error: { '': options?.formErrors ?? [], ...options?.fieldErrors },
	})
}

function answer(intent: Intent, result: SubmissionResult<string[]>, status: number, missed?: MissedChange[]) {
	return data({ intent, result, ...(missed ? { missed } : {}) } satisfies CaseActionReply, { status })
}

const REFUSAL_STATUS: Record<string, number> = { NOT_PERMITTED: 403 }

/** The workflow's refusal, in words the page shows in the viewer's language. */
function refusalMessage(code: string) {
	return `casework:refusal.${code}`
}

/** A domain field's name on the page's forms. */
const FORM_FIELD: Record<string, string> = { files: 'photos' }

/** Runs the intent's command with the parsed form; each returns the new version. */
function commandFor(
	intent: Intent,
	context: ActionFunctionArgs['context'],
	viewer: Viewer,
	id: string,
	files: StoredFile[],
	expectedVersion: number,
): (value: never) => Promise<unknown> {
	const deps = complaintDeps(context)
	const base = { expectedVersion }
	const commands: { [I in Intent]: (value: z.output<(typeof FORMS)[I]>) => Promise<unknown> } = {
		acknowledge: (v) => acknowledgeComplaint(deps, viewer, id, { ...base, reply: v.reply }),
		reply: (v) => replyToCustomer(deps, viewer, id, { ...base, body: v.body, files }),
		note: (v) => addNote(deps, viewer, id, { ...base, body: v.body, visibility: v.visibility, files }),
		investigate: () => startInvestigation(deps, viewer, id, base),
		'request-information': (v) => requestInformation(deps, viewer, id, { ...base, message: v.message }),
		'record-finding': (v) =>
			recordFinding(deps, viewer, id, {
				...base,
				kind: v.kind,
				occurredAt: v.occurredAt,
				summary: v.summary,
				sampleReference: v.sampleReference ?? null,
				files,
			}),
		'determine-responsibility': (v) =>
			determineResponsibility(deps, viewer, id, {
				...base,
				responsibility: v.responsibility,
				summary: v.summary,
				files,
			}),
		'propose-resolution': (v) =>
			proposeResolution(deps, viewer, id, {
				...base,
				type: v.type,
				summary: v.summary,
				amountMinor: v.amount,
				costBearer: v.costBearer,
			}),
		'decide-approval': (v) =>
			decideApproval(deps, viewer, id, {
				...base,
				stepId: v.stepId,
				decision: v.decision,
				comment: v.comment || undefined,
			}),
		route: (v) => routeComplaint(deps, viewer, id, { ...base, department: v.department, assigneeId: v.assigneeId }),
		resolve: (v) => resolveComplaint(deps, viewer, id, { ...base, reply: v.reply }),
		reject: (v) =>
			rejectComplaint(deps, viewer, id, {
				...base,
				reason: v.reason,
				toldOfAuthoritiesRight: v.toldOfAuthoritiesRight,
			}),
		escalate: (v) => escalateByStaff(deps, viewer, id, { ...base, reason: v.reason }),
		close: () => closeComplaint(deps, viewer, id, base),
		reopen: (v) => reopenComplaint(deps, viewer, id, { ...base, reason: v.reason }),
	}
	return commands[intent] as (value: never) => Promise<unknown>
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { viewer } = await requireUser(request, context)
	const db = context.db.prisma
	// a complaint the viewer may not see is a 404 before a byte of the body is read
	const head = await getCaseHead(db, viewer, params.reference ?? '').catch(notFound)
	const now = new Date()
	const open = availableActions(viewer, head.state, now)
	const storage = filingStorage(context)
	const multipart = /^multipart\/form-data/i.test(request.headers.get('content-type') ?? '')

	let formData: FormData
	let files: StoredFile[] = []
	// a refused file, told after the checks below: a stale form first learns what changed
	let uploadError: string | null = null
	if (multipart) {
		try {
			;({ files, fields: formData } = await receiveUploads(request, {
				storage,
				fieldName: 'photos',
				// with no form that takes files open now, any file is refused before it is stored
				maxFiles: open.some((intent) => WITH_FILES.includes(intent)) ? UPLOAD_LIMITS.maxFilesPerComplaint : 0,
				logger: context.logger,
			}))
		} catch (error) {
			if (error instanceof UploadAbortedError || error instanceof MalformedUploadError)
				return new Response(null, { status: 400 })
			if (!(error instanceof DomainValidationError)) throw error
			// the text came ahead of the files: it comes back, so only the files need choosing again
			formData = fieldsBeforeFailure(error) ?? new FormData()
			uploadError = encodeMessage(error.messageKey, error.params)
		}
	} else {
		formData = await request.formData()
	}
	const discardFiles = () => deleteStoredFiles(storage, files, context.logger)

	const intent = formData.get('intent')
	const expected = ExpectedVersionSchema.safeParse(formData.get('expectedVersion'))
	if (!isIntent(intent) || !expected.success || (files.length > 0 && !WITH_FILES.includes(intent))) {
		await discardFiles()
		throw data(null, { status: 400 })
	}
	const expectedVersion = expected.data
	const keeping = replyKeeping(formData)

	// the page was stale: say what happened since, keep the input, change nothing
	if (expectedVersion !== head.version) {
		await discardFiles()
		const missed = await changesSince(db, head.id, expectedVersion)
		return answer(intent, keeping({ formErrors: ['casework:conflict.formError'] }), 409, missed)
	}
	const refusal = refusalOf(viewer, head.state, intent, now)
	if (refusal) {
		await discardFiles()
		return answer(intent, keeping({ formErrors: [refusalMessage(refusal)] }), REFUSAL_STATUS[refusal] ?? 409)
	}
	if (uploadError) return answer(intent, keeping({ fieldErrors: { photos: [uploadError] } }), 400)

	const submission = parseWithZod(formData, { schema: FORMS[intent] })
	if (submission.status !== 'success') {
		await discardFiles()
		return answer(intent, submission.reply(), 400)
	}
	try {
		await commandFor(intent, context, viewer, head.id, files, expectedVersion)(submission.value as never)
	} catch (error) {
		await discardFiles()
		const reply = (options: Parameters<Reply>[0]) => submission.reply(options)
		if (error instanceof NotFoundError) {
			if (error.entity === 'Complaint') throw data(null, { status: 404 })
			// an approval step that is not this case's (a hand-edited form): nothing waits there
			return answer(intent, reply({ formErrors: [refusalMessage('NO_PENDING_APPROVAL')] }), 409)
		}
		if (error instanceof ConflictError)
			return answer(intent, reply({ formErrors: ['casework:conflict.formError'] }), 409, error.missed)
		if (error instanceof WorkflowRefusedError)
			return answer(intent, reply({ formErrors: [refusalMessage(error.code)] }), 409)
		if (error instanceof InvalidTransitionError)
			return answer(intent, reply({ formErrors: [refusalMessage('WRONG_STATUS')] }), 409)
		if (error instanceof InsufficientAuthorityError)
			return answer(intent, reply({ formErrors: [refusalMessage('NOT_PERMITTED')] }), 403)
		if (error instanceof DomainValidationError) {
			const message = encodeMessage(error.messageKey, error.params)
			const field = FORM_FIELD[error.field] ?? error.field
			const known = Object.keys(FORMS[intent].shape).includes(field)
			return answer(intent, reply(known ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] }), 400)
		}
		throw error
	}
	return redirectWithToast(context.config, `/staff/complaints/${head.reference}`, {
		kind: 'success',
		messageKey: `casework:toast.${intent}`,
	})
}

export default function CasePage() {
	const { t } = useTranslation('casework')
	const loaderData = useLoaderData<typeof loader>()
	const { complaint } = loaderData
	const reply = useActionData<typeof action>() as CaseActionReply | undefined
	const finished = complaint.status === 'CLOSED' || complaint.status === 'RESOLVED' || complaint.status === 'REJECTED'
	return (
		<article className="complaint case-page" aria-labelledby="case-title">
			<header className="complaint-header">
				<Link to="/staff/queue" className="back-link">
					<span aria-hidden="true">← </span>
					{t('page.back')}
				</Link>
				<h1 id="case-title">{complaint.title}</h1>
				<dl className="complaint-summary">
					<div>
						<dt>{t('page.reference')}</dt>
						<dd>{complaint.reference}</dd>
					</div>
					<div>
						<dt>{t('page.status')}</dt>
						<dd>
							<span className="status-badge status-badge--company">{t(`status.${complaint.status}`)}</span>
						</dd>
					</div>
					<div>
						<dt>{t('page.severity')}</dt>
						<dd>{t(`complaints:severity.${complaint.severity}`)}</dd>
					</div>
					<div>
						<dt>{t('page.sla')}</dt>
						<dd>
							<SlaBadge
								state={complaint.clocks.state}
								paused={complaint.clocks.pausedSince !== null}
								finished={finished}
							/>
						</dd>
					</div>
					{complaint.isKeyAccount ? (
						<div>
							<dd className="key-account-badge">{t('record.keyAccount')}</dd>
						</div>
					) : null}
				</dl>
			</header>

			<div className="complaint-layout">
				<div className="complaint-main">
					<ServiceClocks clocks={complaint.clocks} finished={finished} />
					<FiledRecord complaint={complaint} />
					<Findings findings={complaint.findings} />
					<Proposals proposals={complaint.proposals} />
					<section aria-labelledby="timeline-title">
						<h2 id="timeline-title">{t('timeline.title')}</h2>
						<CaseTimeline items={complaint.timeline} />
					</section>
				</div>
				<div className="complaint-side">
					{/* remount the forms after every change (a sent reply must not stay in its box); a
					    stale form keeps its input through conform's lastResult */}
					<CaseActions
						key={`${complaint.version}-${loaderData.prefill?.intent ?? ''}-${loaderData.prefill?.templateId ?? ''}`}
						actions={loaderData.actions}
						version={complaint.version}
						reply={reply}
						templates={loaderData.templates}
						prefill={loaderData.prefill}
						viewerKind={loaderData.viewerKind}
						category={complaint.category}
						department={complaint.department}
						assigneeId={complaint.assignee?.id ?? null}
						assignable={loaderData.assignable}
						suggestedCostBearer={loaderData.suggestedCostBearer}
						pendingApproval={loaderData.pendingApproval}
						now={loaderData.now}
					/>
					<CaseFacts complaint={complaint} />
					{loaderData.survey ? <CaseSurveyPanel survey={loaderData.survey} /> : null}
					<OrderPanel complaint={complaint} />
					<CustomerHistory complaint={complaint} />
				</div>
			</div>
		</article>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
