import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type {
	ActionFunctionArgs,
	AppLoadContext,
	LinksFunction,
	LoaderFunctionArgs,
	MetaFunction,
} from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '#app/auth/current-user.server.ts'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { filingStorage } from '#app/complaints/filing.server.ts'
import {
	addInformationSchema,
	customerActionOf,
	DisputeForm,
	EscalateForm,
	isIntent,
	NotificationsForm,
	WithdrawForm,
	type Intent,
} from '#app/components/complaint/action-schemas.ts'
import complaintStyles from '#app/components/complaint/complaint.css'
import { CustomerActions, type ActionReply } from '#app/components/complaint/customer-actions.tsx'
import { PhotoGallery } from '#app/components/complaint/lightbox.tsx'
import { NextStepPanel } from '#app/components/complaint/next-step.tsx'
import { StatusBadge } from '#app/components/complaint/status-badge.tsx'
import surveyStyles from '#app/components/survey/survey.css'
import { SurveyPanel } from '#app/components/survey/survey-page.tsx'
import { Timeline } from '#app/components/complaint/timeline.tsx'
import { DateTime } from '#app/components/date-time.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { encodeMessage } from '#app/components/filing/messages.tsx'
import {
	acceptResolution,
	addInformation,
	disputeResolution,
	escalateComplaint,
	setNotificationFrequency,
	withdrawComplaint,
} from '#app/domain/complaints/customer-actions.ts'
import { getComplaintByReference, type ComplaintDetail } from '#app/domain/complaints/queries.ts'
import type { StoredFile } from '#app/domain/complaints/ports.ts'
import { UPLOAD_LIMITS } from '#app/domain/complaints/schemas.ts'
import { ownSurveyIdOfComplaint, surveyOfComplaint } from '#app/domain/surveys/surveys.ts'
import type { Viewer } from '#app/domain/viewer.ts'
import {
	ConflictError,
	DomainValidationError,
	InsufficientAuthorityError,
	InvalidTransitionError,
	NotFoundError,
} from '#app/domain/errors.ts'
import { redirectWithToast } from '#app/toast.server.ts'
import {
	deleteStoredFiles,
	fieldsBeforeFailure,
	MalformedUploadError,
	receiveUploads,
	UploadAbortedError,
} from '#app/uploads/receive-uploads.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.complaint.reference} · 我的投诉 · My complaints` : '我的投诉 · My complaints' },
]
export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: complaintStyles },
	{ rel: 'stylesheet', href: surveyStyles },
]

/**
 * The complaint as the customer follows it. Someone else's complaint and one that does not
 * exist are the same 404. Whatever the viewer's role, this page shows only what the customer
 * may read: internal and partner notes never reach it (the staff console is elsewhere).
 */
async function loadComplaint(context: AppLoadContext, viewer: Viewer, reference: string | undefined) {
	try {
		const complaint = await getComplaintByReference(context.db.prisma, viewer, reference ?? '')
		return customerView(complaint)
	} catch (error) {
		if (error instanceof NotFoundError) throw data(null, { status: 404 })
		throw error
	}
}

function customerView(complaint: ComplaintDetail): ComplaintDetail {
	return { ...complaint, timeline: complaint.timeline.filter((item) => item.visibility === 'PUBLIC') }
}

function filesOf(complaint: ComplaintDetail) {
	return complaint.attachments.length + complaint.timeline.reduce((n, i) => n + (i.message?.attachments.length ?? 0), 0)
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { viewer } = await requireUser(request, context)
	const complaint = await loadComplaint(context, viewer, params.reference)
	const { id: _id, ...shown } = complaint
	// the satisfaction survey is the customer's own to answer: nobody else's page shows it
	const survey = (await ownSurveyIdOfComplaint(context.db.prisma, viewer, complaint.id))
		? await surveyOfComplaint(context.db.prisma, viewer, complaint.id)
		: null
	return {
		complaint: shown,
		survey: survey ? { state: survey.state, expiresAt: survey.expiresAt } : null,
		canSetNotifications: viewer.kind === 'CUSTOMER',
		remainingFiles: Math.max(0, UPLOAD_LIMITS.maxFilesPerComplaint - filesOf(complaint)),
	}
}

const TOASTS: Record<Intent, string> = {
	'add-information': 'complaints:toast.informationAdded',
	'accept-resolution': 'complaints:toast.resolutionAccepted',
	'dispute-resolution': 'complaints:toast.resolutionDisputed',
	withdraw: 'complaints:toast.withdrawn',
	escalate: 'complaints:toast.escalated',
	'set-notifications': 'complaints:toast.notificationsSaved',
}

type Reply = (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]>

function refuse(intent: Intent, reply: Reply, status: number, options: Parameters<Reply>[0]) {
	return data({ intent, result: reply(options) } satisfies ActionReply, { status })
}

/** A reply for an intent whose own form never got parsed (a refusal before reading it). */
const bare: Reply = (options) => ({
	status: 'error',
	error: { '': options?.formErrors ?? [], ...options?.fieldErrors },
})

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { viewer } = await requireUser(request, context)
	// someone else's complaint is a 404 before a byte of the body is read
	const complaint = await loadComplaint(context, viewer, params.reference)
	const multipart = /^multipart\/form-data/i.test(request.headers.get('content-type') ?? '')
	const storage = filingStorage(context)

	let formData: FormData
	let files: StoredFile[] = []
	if (multipart) {
		// only "add information" sends files; anything it refuses is gone from storage already
		if (!complaint.actions.includes('add-information')) {
			return refuse('add-information', bare, 409, { formErrors: ['complaints:validation.notAllowed'] })
		}
		try {
			;({ files, fields: formData } = await receiveUploads(request, {
				storage,
				fieldName: 'photos',
				alreadyStored: filesOf(complaint),
				logger: context.logger,
			}))
		} catch (error) {
			if (error instanceof DomainValidationError) {
				// the text came ahead of the files: give it back, so only the file needs choosing again
				const body = fieldsBeforeFailure(error)?.get('body')
				const keepText: Reply = (options) => ({
					...bare(options),
					...(typeof body === 'string' ? { initialValue: { intent: 'add-information', body } } : {}),
				})
				return refuse('add-information', keepText, 400, {
					fieldErrors: { photos: [encodeMessage(error.messageKey, error.params)] },
				})
			}
			if (error instanceof UploadAbortedError) return new Response(null, { status: 400 })
			if (error instanceof MalformedUploadError) return new Response(null, { status: 400 })
			throw error
		}
	} else {
		formData = await request.formData()
	}

	const intent = formData.get('intent')
	if (!isIntent(intent)) {
		await deleteStoredFiles(storage, files, context.logger)
		throw data(null, { status: 400 })
	}
	// a stale page (another tab, the back button) may offer what the state no longer allows
	const needed = customerActionOf(intent)
	if (needed && !complaint.actions.includes(needed)) {
		await deleteStoredFiles(storage, files, context.logger)
		return refuse(intent, bare, 409, { formErrors: ['complaints:validation.notAllowed'] })
	}

	const deps = complaintDeps(context)
	const run = async <T,>(
		submission: { status: 'success'; value: T; reply: Reply } | { status?: 'error'; reply: Reply },
		command: (value: T) => Promise<unknown>,
		fields: readonly string[],
	) => {
		if (submission.status !== 'success') {
			await deleteStoredFiles(storage, files, context.logger)
			return refuse(intent, submission.reply, 400, undefined)
		}
		try {
			await command(submission.value)
		} catch (error) {
			await deleteStoredFiles(storage, files, context.logger)
			if (error instanceof NotFoundError) throw data(null, { status: 404 })
			if (error instanceof InvalidTransitionError || error instanceof InsufficientAuthorityError)
				return refuse(intent, submission.reply, error instanceof InvalidTransitionError ? 409 : 403, {
					formErrors: ['complaints:validation.notAllowed'],
				})
			if (error instanceof ConflictError)
				return refuse(intent, submission.reply, 409, { formErrors: ['complaints:validation.conflict'] })
			if (error instanceof DomainValidationError) {
				const message = encodeMessage(error.messageKey, error.params)
				return refuse(
					intent,
					submission.reply,
					400,
					fields.includes(error.field) ? { fieldErrors: { [error.field]: [message] } } : { formErrors: [message] },
				)
			}
			throw error
		}
		return redirectWithToast(context.config, `/complaints/${complaint.reference}`, {
			kind: 'success',
			messageKey: TOASTS[intent],
		})
	}

	const id = complaint.id
	switch (intent) {
		case 'add-information':
			return run(
				parseWithZod(formData, { schema: addInformationSchema() }),
				(value) => addInformation(deps, viewer, id, { body: value.body, files }),
				['body', 'photos'],
			)
		case 'accept-resolution':
			return run({ status: 'success', value: null, reply: bare }, () => acceptResolution(deps, viewer, id), [])
		case 'dispute-resolution':
			return run(
				parseWithZod(formData, { schema: DisputeForm }),
				(value) => disputeResolution(deps, viewer, id, value),
				['reason'],
			)
		case 'withdraw':
			return run(
				parseWithZod(formData, { schema: WithdrawForm }),
				(value) => withdrawComplaint(deps, viewer, id, { reason: value.reason || undefined }),
				['reason'],
			)
		case 'escalate':
			return run(
				parseWithZod(formData, { schema: EscalateForm }),
				(value) => escalateComplaint(deps, viewer, id, value),
				['reason'],
			)
		case 'set-notifications':
			return run(
				parseWithZod(formData, { schema: NotificationsForm }),
				(value) => setNotificationFrequency(deps, viewer, id, value.notifyFrequency),
				['notifyFrequency'],
			)
	}
}

export default function ComplaintPage() {
	const { t } = useTranslation('complaints')
	const { complaint, survey, canSetNotifications, remainingFiles } = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>() as ActionReply | undefined
	return (
		<article className="complaint" aria-labelledby="complaint-title">
			<header className="complaint-header">
				<Link to="/complaints" className="back-link">
					<span aria-hidden="true">← </span>
					{t('detail.back')}
				</Link>
				<h1 id="complaint-title">{complaint.title}</h1>
				<dl className="complaint-summary">
					<div>
						<dt>{t('detail.reference')}</dt>
						<dd>{complaint.reference}</dd>
					</div>
					<div>
						<dt>{t('detail.status')}</dt>
						<dd>
							<StatusBadge status={complaint.status} waitingOn={complaint.nextStep.waitingOn} />
						</dd>
					</div>
				</dl>
			</header>

			<div className="complaint-layout">
				<div className="complaint-main">
					<NextStepPanel step={complaint.nextStep} />

					<section aria-labelledby="timeline-title">
						<h2 id="timeline-title">{t('detail.timeline')}</h2>
						<Timeline items={complaint.timeline} />
					</section>
				</div>

				<div className="complaint-side">
					{survey ? <SurveyPanel reference={complaint.reference} survey={survey} /> : null}
					{/* remount the forms after every change, so that a sent message does not stay in its box */}
					<CustomerActions
						key={complaint.version}
						actions={complaint.actions}
						resolution={complaint.resolution}
						notifyFrequency={complaint.notifyFrequency}
						canSetNotifications={canSetNotifications}
						remainingFiles={remainingFiles}
						reply={reply}
					/>

					<section className="panel" aria-labelledby="record-title">
						<h2 id="record-title">{t('detail.record')}</h2>
						<dl className="record">
							<dt>{t('detail.order')}</dt>
							<dd>{complaint.order.orderNumber}</dd>
							<dt>{t('detail.product')}</dt>
							<dd>
								{complaint.line
									? `${complaint.line.productModel} ${complaint.line.productName}`
									: t('detail.wholeOrder')}
							</dd>
							{complaint.line ? (
								<>
									<dt>{t('detail.batch')}</dt>
									<dd>{complaint.line.batchNumber}</dd>
								</>
							) : null}
							<dt>{t('detail.category')}</dt>
							<dd>{t(`category.${complaint.category}`)}</dd>
							<dt>{t('detail.severity')}</dt>
							<dd>{t(`severity.${complaint.severity}`)}</dd>
							<dt>{t('detail.remedy')}</dt>
							<dd>{t(`remedy.${complaint.requestedRemedy}`)}</dd>
							<dt>{t('detail.filedAt')}</dt>
							<dd>
								<DateTime value={complaint.createdAt} />
							</dd>
						</dl>
						<h3>{t('detail.description')}</h3>
						<p className="description">{complaint.description}</p>
						{complaint.attachments.length > 0 ? (
							<>
								<h3>{t('detail.photos')}</h3>
								<PhotoGallery files={complaint.attachments} label={t('detail.photos')} />
							</>
						) : null}
					</section>
				</div>
			</div>
		</article>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
