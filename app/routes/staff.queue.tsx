import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import { requireConsoleUser } from '#app/complaints/console.server.ts'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { encodeMessage } from '#app/components/filing/messages.tsx'
import { queueHref, QueueFilterForm, QueueViews } from '#app/components/queue/queue-filters.tsx'
import {
	BulkAssignSchema,
	DeleteViewSchema,
	isQueueIntent,
	SaveViewSchema,
} from '#app/components/queue/queue-schemas.ts'
import { AssignSummary, QueuePagination, QueueTable, type AssignReply } from '#app/components/queue/queue-table.tsx'
import { SavedViews, type SaveViewReply } from '#app/components/queue/saved-views.tsx'
import { assignableStaff, assignComplaints, mayRouteSomething } from '#app/domain/complaints/assignment.ts'
import {
	DEFAULT_QUEUE_FILTER,
	listQueue,
	parseQueueQuery,
	queueFilterOptions,
	queueQueryString,
	readsEverything,
	searchesCustomerEmail,
} from '#app/domain/complaints/queue.ts'
import { deleteQueueView, listSavedQueueViews, saveQueueView } from '#app/domain/complaints/saved-queue-views.ts'
import { DomainValidationError, NotFoundError } from '#app/domain/errors.ts'
import { redirectWithToast } from '#app/toast.server.ts'

export const meta: MetaFunction = () => [{ title: '工作队列 · Work queue' }]

/**
 * The work queue (issue 4 §1): the complaints the viewer may act on, most urgent first, with
 * built-in views, filters and search in the query string, the viewer's saved views, and bulk
 * assignment for those who may route.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { viewer } = await requireConsoleUser(request, context)
	const { searchParams } = new URL(request.url)
	const filter = parseQueueQuery(searchParams)
	// the filter form sends every field, empty ones too: show (and bookmark) the short form
	const canonical = queueQueryString(filter)
	if (searchParams.toString() !== canonical) throw redirect(canonical ? `/staff/queue?${canonical}` : '/staff/queue')
	const db = context.db.prisma
	const [page, options, assignable, views] = await Promise.all([
		listQueue(db, viewer, filter),
		queueFilterOptions(db, viewer),
		assignableStaff(db, viewer),
		listSavedQueueViews(db, viewer),
	])
	return {
		...page,
		// the page actually shown (a page past the end shows the last one)
		filter: { ...filter, page: page.page },
		query: queueQueryString(filter, { withPage: false }),
		options,
		assignable,
		views,
		regionOnly: !readsEverything(viewer),
		searchesEmail: searchesCustomerEmail(viewer),
	}
}

type Reply = AssignReply | SaveViewReply

export async function action({ request, context }: ActionFunctionArgs) {
	const { viewer } = await requireConsoleUser(request, context)
	const form = await request.formData()
	const intent = form.get('intent')
	if (!isQueueIntent(intent)) throw data(null, { status: 400 })
	const db = context.db.prisma
	const here = new URL(request.url)
	const back = `/staff/queue${here.search}`

	switch (intent) {
		case 'assign': {
			const submission = parseWithZod(form, { schema: BulkAssignSchema })
			if (submission.status !== 'success')
				return data({ intent, result: submission.reply() } satisfies Reply, { status: 400 })
			if (!mayRouteSomething(viewer))
				return data(
					{ intent, result: submission.reply({ formErrors: ['console:assign.notPermitted'] }) } satisfies Reply,
					{ status: 403 },
				)
			const outcomes = await assignComplaints(
				complaintDeps(context),
				viewer,
				submission.value.ids,
				submission.value.assigneeId,
			)
			const failed = outcomes.flatMap((o) => (o.ok ? [] : [{ reference: o.reference, code: o.code }]))
			// a person nobody may be given to is the form's mistake: say so next to the field
			if (failed.length === outcomes.length && failed.every((f) => f.code === 'invalid-assignee'))
				return data(
					{
						intent,
						result: submission.reply({ fieldErrors: { assigneeId: ['console:assign.invalidAssignee'] } }),
					} satisfies Reply,
					{ status: 400 },
				)
			return data({
				intent,
				result: submission.reply({ resetForm: failed.length === 0 }),
				summary: { assigned: outcomes.length - failed.length, failed },
			} satisfies Reply)
		}
		case 'save-view': {
			const submission = parseWithZod(form, { schema: SaveViewSchema })
			if (submission.status !== 'success')
				return data({ intent, result: submission.reply() } satisfies Reply, { status: 400 })
			try {
				const saved = await saveQueueView(db, viewer, submission.value)
				return redirectWithToast(context.config, saved.query ? `/staff/queue?${saved.query}` : '/staff/queue', {
					kind: 'success',
					messageKey: 'console:views.saved',
				})
			} catch (error) {
				if (!(error instanceof DomainValidationError)) throw error
				return data(
					{
						intent,
						result: submission.reply({
							fieldErrors: { name: [encodeMessage(error.messageKey, error.params)] },
						}),
					} satisfies Reply,
					{ status: 400 },
				)
			}
		}
		case 'delete-view': {
			const submission = parseWithZod(form, { schema: DeleteViewSchema })
			if (submission.status !== 'success') throw data(null, { status: 400 })
			try {
				await deleteQueueView(db, viewer, submission.value.viewId)
			} catch (error) {
				if (!(error instanceof NotFoundError)) throw error
				return redirectWithToast(context.config, back, { kind: 'error', messageKey: 'console:views.notFound' })
			}
			return redirectWithToast(context.config, back, { kind: 'success', messageKey: 'console:views.deleted' })
		}
	}
}

export default function QueuePage() {
	const { t, i18n } = useTranslation('console')
	const { items, total, page, pageCount, filter, query, options, assignable, views, regionOnly, searchesEmail } =
		useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>() as Reply | undefined
	const unfiltered = queueQueryString({ ...DEFAULT_QUEUE_FILTER, view: filter.view }) === query
	return (
		<div className="queue">
			<div className="page-heading">
				<h1>{t('queue.title')}</h1>
			</div>
			<p className="field-hint">{regionOnly ? t('queue.leadRegion') : t('queue.lead')}</p>
			<QueueViews filter={filter} />
			<div className="queue-layout">
				<div className="queue-side">
					<QueueFilterForm filter={filter} options={options} language={i18n.language} searchesEmail={searchesEmail} />
					<SavedViews views={views} query={query} reply={reply?.intent === 'save-view' ? reply : undefined} />
				</div>
				<div className="queue-main">
					{reply?.intent === 'assign' && reply.summary ? <AssignSummary summary={reply.summary} /> : null}
					<p className="list-count" aria-live="polite">
						{t('queue.count', { count: total })}
					</p>
					{items.length === 0 ? (
						<section className="panel empty-state">
							<p>{unfiltered ? t('queue.emptyView') : t('queue.empty')}</p>
						</section>
					) : (
						<QueueTable
							items={items}
							assignable={assignable}
							reply={reply?.intent === 'assign' ? reply : undefined}
							language={i18n.language}
						/>
					)}
					<QueuePagination page={page} pageCount={pageCount} href={(n) => queueHref({ ...filter, page: n })} />
				</div>
			</div>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
