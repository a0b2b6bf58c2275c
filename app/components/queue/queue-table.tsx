import { getFormProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, useNavigation } from '@remix-run/react'
import { useRef, useSyncExternalStore, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { StatusBadge } from '#app/components/complaint/status-badge.tsx'
import { FieldErrors, StepErrors } from '#app/components/filing/messages.tsx'
import type { AssignFailure } from '#app/domain/complaints/assignment.ts'
import type { Colleague, QueueItem } from '#app/domain/complaints/queue.ts'
import { BulkAssignSchema } from './queue-schemas.ts'
import { KeyAccountMark, SlaCell } from './sla-state.tsx'

export interface AssignReply {
	intent: 'assign'
	result: SubmissionResult<string[]>
	summary?: { assigned: number; failed: Array<{ reference: string | null; code: AssignFailure }> }
}

function colleagueLabel(c: Colleague, t: (key: string) => string) {
	const role = t(`role.${c.staffRole ?? 'REGIONAL_OFFICE'}`)
	return c.organizationName ? `${c.name} · ${role} · ${c.organizationName}` : `${c.name} · ${role}`
}

/** What a bulk assignment did: how many went through, and why each other one did not. */
export function AssignSummary({ summary }: { summary: NonNullable<AssignReply['summary']> }) {
	const { t } = useTranslation('console')
	return (
		<div className={summary.failed.length ? 'form-error' : 'assign-summary'} role="status">
			<p>{t('assign.assigned', { count: summary.assigned })}</p>
			{summary.failed.length ? (
				<>
					<p>{t('assign.failedTitle')}</p>
					<ul>
						{summary.failed.map((f, i) => (
							<li key={`${f.reference ?? 'unknown'}-${i}`}>
								{t('assign.failedItem', {
									reference: f.reference ?? t('assign.unknown'),
									reason: t(`assign.failure.${f.code}`),
								})}
							</li>
						))}
					</ul>
				</>
			) : null}
		</div>
	)
}

const noSubscription = () => () => {}

/** Ticks every row's box: a convenience that needs JavaScript, so it appears only with it. */
function SelectAll({ label }: { label: string }) {
	// false on the server and while hydrating, true once the page runs in the browser
	const hydrated = useSyncExternalStore(
		noSubscription,
		() => true,
		() => false,
	)
	const ref = useRef<HTMLInputElement>(null)
	if (!hydrated) return null
	return (
		<input
			ref={ref}
			type="checkbox"
			aria-label={label}
			onChange={(event) => {
				const boxes = ref.current?.form?.querySelectorAll<HTMLInputElement>('input[name="ids"]') ?? []
				for (const box of boxes) box.checked = event.currentTarget.checked
			}}
		/>
	)
}

/**
 * The queue's rows. With people to assign to, the table sits inside the bulk-assignment form:
 * tick rows, choose a person, submit; without JavaScript too.
 */
export function QueueTable({
	items,
	assignable,
	reply,
	language,
}: {
	items: QueueItem[]
	assignable: Colleague[]
	reply: AssignReply | undefined
	language: string
}) {
	const { t } = useTranslation('console')
	const { t: tc } = useTranslation('complaints')
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'assign'
	const canAssign = assignable.length > 0
	const [form, fields] = useForm({
		id: 'bulk-assign',
		lastResult: reply?.result,
		constraint: getZodConstraint(BulkAssignSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: BulkAssignSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
	})

	const table: ReactNode = (
		<div className="table-scroll">
			<table className="complaint-table queue-table">
				<caption className="visually-hidden">{t('queue.caption')}</caption>
				<thead>
					<tr>
						{canAssign ? (
							<td>
								<SelectAll label={t('queue.selectAll')} />
							</td>
						) : null}
						<th scope="col">{t('queue.columns.reference')}</th>
						<th scope="col">{t('queue.columns.customer')}</th>
						<th scope="col">{t('queue.columns.status')}</th>
						<th scope="col">{t('queue.columns.severity')}</th>
						<th scope="col">{t('queue.columns.assignee')}</th>
						<th scope="col">{t('queue.columns.department')}</th>
						<th scope="col">{t('queue.columns.due')}</th>
					</tr>
				</thead>
				<tbody>
					{items.map((c) => (
						<tr key={c.id}>
							{canAssign ? (
								<td>
									<input
										type="checkbox"
										name={fields.ids.name}
										value={c.id}
										aria-label={t('queue.selectRow', { reference: c.reference })}
										aria-describedby={fields.ids.errors?.length ? fields.ids.errorId : undefined}
									/>
								</td>
							) : null}
							<th scope="row">
								<Link to={`/staff/complaints/${c.reference}`} className="complaint-link">
									{c.reference}
								</Link>
								<span className="complaint-title">{c.title}</span>
							</th>
							<td>
								{c.customerName}
								{c.isKeyAccount ? (
									<>
										{' '}
										<KeyAccountMark />
									</>
								) : null}
								<span className="complaint-title">
									{language === 'en' ? c.region.nameEn : c.region.nameZh}
									{c.dealerName ? ` · ${c.dealerName}` : null}
								</span>
							</td>
							<td>
								<StatusBadge status={c.status} waitingOn={c.waitingOn} wording="staff" />
							</td>
							<td className={`severity severity--${c.severity}`}>{tc(`severity.${c.severity}`)}</td>
							<td>{c.assignee ? c.assignee.name : <span className="muted">{t('queue.unassigned')}</span>}</td>
							<td>
								{c.department ? t(`department.${c.department}`) : <span className="muted">{t('queue.notRouted')}</span>}
							</td>
							<td>
								<SlaCell status={c.status} slaState={c.slaState} slaDueAt={c.slaDueAt} />
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
	if (!canAssign) return table

	return (
		<Form method="post" {...getFormProps(form)}>
			<input type="hidden" name="intent" value="assign" />
			<fieldset className="queue-assign">
				<legend>{t('assign.title')}</legend>
				<StepErrors id={form.errorId} errors={form.errors} />
				<FieldErrors id={fields.ids.errorId} errors={fields.ids.errors} />
				<div className="field">
					<label htmlFor={fields.assigneeId.id}>{t('assign.assignee')}</label>
					<select
						{...getSelectProps(fields.assigneeId, { ariaAttributes: false })}
						aria-invalid={fields.assigneeId.errors?.length ? true : undefined}
						aria-describedby={fields.assigneeId.errors?.length ? fields.assigneeId.errorId : undefined}
					>
						<option value="">{t('assign.choose')}</option>
						{assignable.map((c) => (
							<option key={c.id} value={c.id}>
								{colleagueLabel(c, t)}
							</option>
						))}
					</select>
					<FieldErrors id={fields.assigneeId.errorId} errors={fields.assigneeId.errors} />
				</div>
				<button type="submit" className="button" disabled={busy}>
					{t('assign.submit')}
				</button>
			</fieldset>
			{table}
		</Form>
	)
}

/** The first and last page, and two either side of the current one; null marks a gap. */
function pageWindow(page: number, pageCount: number): Array<number | null> {
	const pages: Array<number | null> = []
	for (let n = 1; n <= pageCount; n++) {
		if (n === 1 || n === pageCount || Math.abs(n - page) <= 2) pages.push(n)
		else if (pages.at(-1) !== null) pages.push(null)
	}
	return pages
}

export function QueuePagination({
	page,
	pageCount,
	href,
}: {
	page: number
	pageCount: number
	href: (page: number) => string
}) {
	const { t } = useTranslation('console')
	if (pageCount <= 1) return null
	return (
		<nav className="pagination" aria-label={t('queue.pagination')}>
			<p>{t('queue.pageOf', { page, pages: pageCount })}</p>
			<ul>
				{page > 1 ? (
					<li>
						<Link to={href(page - 1)} rel="prev">
							{t('queue.previous')}
						</Link>
					</li>
				) : null}
				{pageWindow(page, pageCount).map((n, i) =>
					n === null ? (
						<li key={`gap-${i}`} aria-hidden="true" className="pagination-gap">
							…
						</li>
					) : (
						<li key={n}>
							<Link
								to={href(n)}
								aria-current={n === page ? 'page' : undefined}
								aria-label={t('queue.page', { page: n })}
							>
								{n}
							</Link>
						</li>
					),
				)}
				{page < pageCount ? (
					<li>
						<Link to={href(page + 1)} rel="next">
							{t('queue.next')}
						</Link>
					</li>
				) : null}
			</ul>
		</nav>
	)
}
