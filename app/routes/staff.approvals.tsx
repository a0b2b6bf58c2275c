import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { isRouteErrorResponse, Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { requireConsoleUser } from '#app/complaints/console.server.ts'
import approvalStyles from '#app/components/approvals/approvals.css'
import { ApprovalSteps } from '#app/components/approvals/approval-steps.tsx'
import { ApprovalDecisionForm } from '#app/components/approvals/decision-form.tsx'
import { MeanwhilePanel } from '#app/components/casework/form-parts.tsx'
import { DateTime } from '#app/components/date-time.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { encodeMessage } from '#app/components/filing/messages.tsx'
import { mayDecideApprovals, pendingApprovalsFor } from '#app/domain/approvals/queries.ts'
import { DecisionSchema } from '#app/domain/approvals/schemas.ts'
import { decideApproval } from '#app/domain/complaints/proposals.ts'
import {
	ConflictError,
	DomainValidationError,
	InsufficientAuthorityError,
	InvalidTransitionError,
	NotFoundError,
	WorkflowRefusedError,
	type MissedChange,
} from '#app/domain/errors.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import { formatMoney } from '#app/i18n/money.ts'
import { redirectWithToast } from '#app/toast.server.ts'

export const meta: MetaFunction = () => [{ title: '待审批 · Approvals' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: approvalStyles }]

/**
 * The approver's page (issue 4 §5): the proposals waiting for the viewer's role, on complaints
 * they may see (a regional manager's own region), each with the complaint, the proposal, who
 * proposed it, the decisions made before with their comments, and the form to approve or
 * decline. Customers and dealers get the console's 404; console users who approve nothing, 403.
 */
async function requireApprover(request: Request, context: LoaderFunctionArgs['context']): Promise<Viewer> {
	const { viewer } = await requireConsoleUser(request, context)
	if (!mayDecideApprovals(viewer)) throw data(null, { status: 403 })
	return viewer
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const viewer = await requireApprover(request, context)
	const pending = await pendingApprovalsFor(context.db.prisma, viewer)
	return {
		role: viewer.staffRole,
		regionOnly: viewer.organizationKind === 'REGIONAL_OFFICE',
		approvals: pending.map((p) => ({
			stepId: p.stepId,
			sequence: p.earlier.length + 1,
			approverRole: p.approverRole,
			reasonZh: p.reasonZh,
			reasonEn: p.reasonEn,
			refusal: p.refusal,
			proposal: {
				type: p.proposal.type,
				summary: p.proposal.summary,
				amountMinor: p.proposal.amountMinor,
				currency: p.proposal.currency,
				costBearer: p.proposal.costBearer,
				createdAt: p.proposal.createdAt,
				proposedBy: p.proposal.proposedBy.name,
			},
			earlier: p.earlier,
			complaint: {
				id: p.complaint.id,
				reference: p.complaint.reference,
				title: p.complaint.title,
				version: p.complaint.version,
				status: p.complaint.status,
				category: p.complaint.category,
				severity: p.complaint.severity,
				responsibility: p.complaint.responsibility,
				region: p.complaint.region,
				customer: p.complaint.customer.name,
			},
		})),
	}
}

export interface DecisionReply {
	stepId: string
	result: SubmissionResult<string[]>
	/** the page was stale: what others did since it was rendered */
	missed?: MissedChange[]
}

const REFUSALS = ['WRONG_STATUS', 'NOT_YOUR_APPROVAL', 'NO_PENDING_APPROVAL', 'NOT_PERMITTED'] as const
const refusalKey = (code: string) =>
	(REFUSALS as readonly string[]).includes(code) ? `approvals:refusal.${code}` : 'approvals:refusal.other'

export async function action({ request, context }: ActionFunctionArgs) {
	const viewer = await requireApprover(request, context)
	const formData = await request.formData()
	const stepId = String(formData.get('stepId') ?? '')
	const submission = parseWithZod(formData, { schema: DecisionSchema })
	const reply = (status: number, options?: Parameters<typeof submission.reply>[0], missed?: MissedChange[]) =>
		data({ stepId, result: submission.reply(options), missed } satisfies DecisionReply, { status })
	if (submission.status !== 'success') return reply(400)
	const { complaintId, decision, comment, expectedVersion } = submission.value
	let offered: boolean
	try {
		;({ offered } = await decideApproval(complaintDeps(context), viewer, complaintId, {
			stepId,
			decision,
			comment,
			expectedVersion,
		}))
	} catch (error) {
		if (error instanceof NotFoundError) throw data(null, { status: 404 })
		if (error instanceof ConflictError) return reply(409, undefined, error.missed)
		if (error instanceof WorkflowRefusedError) return reply(409, { formErrors: [refusalKey(error.code)] })
		if (error instanceof InvalidTransitionError) return reply(409, { formErrors: [refusalKey('WRONG_STATUS')] })
		if (error instanceof InsufficientAuthorityError) return reply(403, { formErrors: [refusalKey('NOT_PERMITTED')] })
		if (error instanceof DomainValidationError) {
			const message = encodeMessage(error.messageKey, error.params)
			return reply(400, error.field === 'comment' ? { fieldErrors: { comment: [message] } } : { formErrors: [message] })
		}
		throw error
	}
	return redirectWithToast(context.config, '/staff/approvals', {
		kind: 'success',
		messageKey:
			decision === 'DECLINED'
				? 'approvals:toast.declined'
				: offered
					? 'approvals:toast.offered'
					: 'approvals:toast.approved',
	})
}

type Approval = ReturnType<typeof useLoaderData<typeof loader>>['approvals'][number]

function PendingApproval({ approval, reply }: { approval: Approval; reply: DecisionReply | undefined }) {
	const { t, i18n } = useTranslation(['approvals', 'complaints', 'console'])
	const { complaint, proposal } = approval
	const mine = reply?.stepId === approval.stepId ? reply : undefined
	const titleId = `approval-${approval.stepId}`
	return (
		<article className="panel approval-card" aria-labelledby={titleId}>
			<h2 id={titleId}>
				<Link to={`/staff/complaints/${complaint.reference}`}>{complaint.reference}</Link> {complaint.title}
			</h2>
			<dl className="record">
				<dt>{t('approvals:complaint.customer')}</dt>
				<dd>{complaint.customer}</dd>
				<dt>{t('approvals:complaint.region')}</dt>
				<dd>{i18n.language === 'en' ? complaint.region.nameEn : complaint.region.nameZh}</dd>
				<dt>{t('approvals:complaint.category')}</dt>
				<dd>{t(`complaints:category.${complaint.category}`)}</dd>
				<dt>{t('approvals:complaint.severity')}</dt>
				<dd>{t(`complaints:severity.${complaint.severity}`)}</dd>
				<dt>{t('approvals:proposal.responsibility')}</dt>
				<dd>
					{complaint.responsibility
						? t(`approvals:responsibility.${complaint.responsibility}`)
						: t('approvals:responsibility.none')}
				</dd>
			</dl>

			<h3>{t('approvals:proposal.title')}</h3>
			<dl className="record">
				<dt>{t('approvals:proposal.type')}</dt>
				<dd>{t(`approvals:remedy.${proposal.type}`)}</dd>
				<dt>{t('approvals:proposal.amount')}</dt>
				<dd className="approval-amount">{formatMoney(proposal.amountMinor, proposal.currency, i18n.language)}</dd>
				<dt>{t('approvals:proposal.costBearer')}</dt>
				<dd>{t(`approvals:costBearer.${proposal.costBearer}`)}</dd>
				<dt>{t('approvals:proposal.proposedBy')}</dt>
				<dd>
					{proposal.proposedBy}
					{t('approvals:text.comma')}
					<DateTime value={proposal.createdAt} />
				</dd>
			</dl>
			<p className="description">{proposal.summary}</p>

			<h3>
				{t('approvals:pending.yourStep', { role: t(`console:role.${approval.approverRole}`), step: approval.sequence })}
			</h3>
			<p className="field-hint">
				{t('approvals:pending.reason')}
				{t('approvals:text.colon')}
				{i18n.language === 'en' ? approval.reasonEn : approval.reasonZh}
			</p>

			{approval.earlier.length > 0 ? (
				<>
					<h3>{t('approvals:steps.earlier')}</h3>
					<ApprovalSteps steps={approval.earlier} />
				</>
			) : null}

			{mine?.missed ? <MeanwhilePanel missed={mine.missed} /> : null}
			{approval.refusal ? (
				<p className="approval-blocked">
					{t('approvals:pending.cannotDecide')} {t(refusalKey(approval.refusal))}
				</p>
			) : (
				<ApprovalDecisionForm
					// a fresh form once the complaint moved on (after a conflict, the page reloads)
					key={complaint.version}
					complaintId={complaint.id}
					stepId={approval.stepId}
					expectedVersion={complaint.version}
					lastResult={mine?.result}
				/>
			)}
		</article>
	)
}

export default function ApprovalsPage() {
	const { t } = useTranslation(['approvals', 'console'])
	const { role, regionOnly, approvals } = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>() as DecisionReply | undefined
	return (
		<section aria-labelledby="approvals-title">
			<h1 id="approvals-title">{t('approvals:pending.title')}</h1>
			<p className="lead">
				{t('approvals:pending.lead', { role: t(`console:role.${role ?? 'REGIONAL_MANAGER'}`) })}
				{regionOnly ? ` ${t('approvals:pending.leadRegion')}` : null}
			</p>
			{approvals.length === 0 ? (
				<p>{t('approvals:pending.empty')}</p>
			) : (
				<>
					<p>{t('approvals:pending.count', { count: approvals.length })}</p>
					<ol className="approval-list">
						{approvals.map((approval) => (
							<li key={approval.stepId}>
								<PendingApproval approval={approval} reply={reply} />
							</li>
						))}
					</ol>
				</>
			)}
		</section>
	)
}

export function ErrorBoundary() {
	const error = useRouteError()
	const { t } = useTranslation(['approvals', 'console'])
	if (!isRouteErrorResponse(error) || error.status !== 403) return <GeneralErrorBoundary />
	return (
		<section className="panel error-page" aria-labelledby="error-title">
			<h1 id="error-title">{t('approvals:forbidden.title')}</h1>
			<p>{t('approvals:forbidden.body')}</p>
			<p>
				<Link to="/staff/queue">{t('console:nav.queue')}</Link>
			</p>
		</section>
	)
}
