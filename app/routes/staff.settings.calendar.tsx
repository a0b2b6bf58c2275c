import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { requireSettingsUser } from '#app/auth/settings-access.server.ts'
import { FieldErrors, StepErrors } from '#app/components/filing/messages.tsx'
import { CalendarDayFormSchema } from '#app/components/settings/calendar-form.ts'
import { replyOptionsFor } from '#app/components/settings/domain-errors.ts'
import { SettingsErrorBoundary } from '#app/components/settings/settings-error-boundary.tsx'
import { NotFoundError } from '#app/domain/errors.ts'
import {
	addCalendarDay,
	CALENDAR_YEARS,
	listCalendarDays,
	listCalendarRegions,
	removeCalendarDay,
	type CalendarEntry,
} from '#app/domain/sla/calendar-admin.ts'
import { DEFAULT_TIME_ZONE } from '#app/domain/sla/calendar-queries.ts'
import { redirectWithToast } from '#app/toast.server.ts'

export const meta: MetaFunction = () => [{ title: '节假日日历 · Holiday calendar' }]

/** The year today in the company's zone: the calendar opens on it. */
function thisYear(now = new Date()): number {
	return Number(new Intl.DateTimeFormat('en', { timeZone: DEFAULT_TIME_ZONE, year: 'numeric' }).format(now))
}

function yearOf(value: string | null): number {
	const year = Number(value)
	return Number.isInteger(year) && year >= CALENDAR_YEARS.min && year <= CALENDAR_YEARS.max ? year : thisYear()
}

function pageUrl(year: number, regionId: string | null) {
	const query = new URLSearchParams({ year: String(year) })
	if (regionId) query.set('region', regionId)
	return `/staff/settings/calendar?${query}`
}

/** A year of the national calendar or of one region's, for administrators only. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { viewer } = await requireSettingsUser(request, context, 'administer:settings')
	const params = new URL(request.url).searchParams
	const year = yearOf(params.get('year'))
	const regionId = params.get('region') || null
	const db = context.db.prisma
	try {
		const [regions, calendar] = [
			await listCalendarRegions(db, viewer),
			await listCalendarDays(db, viewer, { year, regionId }),
		]
		return { year, thisYear: thisYear(), regions, calendar }
	} catch (error) {
		if (error instanceof NotFoundError) throw data(null, { status: 404 })
		throw error
	}
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { viewer } = await requireSettingsUser(request, context, 'administer:settings')
	const db = context.db.prisma
	const formData = await request.formData()
	const intent = formData.get('intent')
	if (intent === 'remove') {
		try {
			const removed = await removeCalendarDay(db, viewer, String(formData.get('id') ?? ''))
			return redirectWithToast(context.config, pageUrl(Number(removed.date.slice(0, 4)), removed.regionId), {
				kind: 'success',
				messageKey: 'settings:calendar.toast.removed',
			})
		} catch (error) {
			if (error instanceof NotFoundError) throw data(null, { status: 404 })
			throw error
		}
	}
	if (intent !== 'add') throw data(null, { status: 400 })
	const submission = parseWithZod(formData, { schema: CalendarDayFormSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const { regionId, date, kind, name } = submission.value
	try {
		await addCalendarDay(db, viewer, { regionId: regionId || null, date, kind, name })
	} catch (error) {
		if (error instanceof NotFoundError) throw data(null, { status: 404 })
		return data({ result: submission.reply(replyOptionsFor(error, ['date', 'kind', 'name'])) }, { status: 400 })
	}
	return redirectWithToast(context.config, pageUrl(Number(date.slice(0, 4)), regionId || null), {
		kind: 'success',
		messageKey: 'settings:calendar.toast.added',
	})
}

function useWeekday() {
	const { i18n } = useTranslation()
	const format = new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' })
	return (date: string) => format.format(new Date(`${date}T00:00:00Z`))
}

function EntryRows({
	rows,
	removable,
}: {
	rows: ReadonlyArray<CalendarEntry & { overridden?: boolean }>
	removable: boolean
}) {
	const { t } = useTranslation('settings')
	const weekday = useWeekday()
	return (
		<tbody>
			{rows.map((row) => (
				<tr key={row.id}>
					<th scope="row" className="nowrap">
						<time dateTime={row.date}>{row.date}</time>
					</th>
					<td>{weekday(row.date)}</td>
					<td>{t(`calendar.kinds.${row.kind}`)}</td>
					<td>
						{row.name}
						{row.overridden ? <span className="muted"> ({t('calendar.overridden')})</span> : null}
					</td>
					{removable ? (
						<td>
							<Form method="post">
								<input type="hidden" name="intent" value="remove" />
								<input type="hidden" name="id" value={row.id} />
								<button
									type="submit"
									className="button button-secondary"
									aria-label={t('calendar.removeLabel', { name: row.name, date: row.date })}
								>
									{t('calendar.remove')}
								</button>
							</Form>
						</td>
					) : null}
				</tr>
			))}
		</tbody>
	)
}

function EntryTable({
	rows,
	removable,
	caption,
}: {
	rows: ReadonlyArray<CalendarEntry & { overridden?: boolean }>
	removable: boolean
	caption?: string
}) {
	const { t } = useTranslation('settings')
	return (
		<div className="table-scroll">
			<table className="settings-table">
				{caption ? <caption>{caption}</caption> : null}
				<thead>
					<tr>
						<th scope="col">{t('calendar.columns.date')}</th>
						<th scope="col">{t('calendar.columns.weekday')}</th>
						<th scope="col">{t('calendar.columns.kind')}</th>
						<th scope="col">{t('calendar.columns.name')}</th>
						{removable ? (
							<th scope="col">
								<span className="visually-hidden">{t('calendar.remove')}</span>
							</th>
						) : null}
					</tr>
				</thead>
				<EntryRows rows={rows} removable={removable} />
			</table>
		</div>
	)
}

function AddEntry({ regionId }: { regionId: string | null }) {
	const { t } = useTranslation('settings')
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'add'
	const [form, fields] = useForm({
		id: 'add-calendar-day',
		lastResult: actionData?.result,
		defaultValue: { regionId: regionId ?? '', date: '', kind: 'DAY_OFF', name: '' },
		constraint: getZodConstraint(CalendarDayFormSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: CalendarDayFormSchema }),
		shouldRevalidate: 'onInput',
	})
	const nameHint = `${fields.name.id}-hint`
	return (
		<section className="panel" aria-labelledby="add-entry-title">
			<h2 id="add-entry-title">{t('calendar.add')}</h2>
			<Form method="post" {...getFormProps(form)}>
				<input type="hidden" name="intent" value="add" />
				<input {...getInputProps(fields.regionId, { type: 'hidden' })} />
				<StepErrors id={form.errorId} errors={form.errors} />
				<div className="field">
					<label htmlFor={fields.date.id}>{t('calendar.fields.date')}</label>
					<input
						{...getInputProps(fields.date, { type: 'date', ariaAttributes: false })}
						aria-invalid={fields.date.errors?.length ? true : undefined}
						aria-describedby={fields.date.errors?.length ? fields.date.errorId : undefined}
					/>
					<FieldErrors id={fields.date.errorId} errors={fields.date.errors} />
				</div>
				<div className="field">
					<label htmlFor={fields.kind.id}>{t('calendar.fields.kind')}</label>
					<select {...getSelectProps(fields.kind)}>
						<option value="DAY_OFF">{t('calendar.kinds.DAY_OFF')}</option>
						<option value="WORKING_DAY">{t('calendar.kinds.WORKING_DAY')}</option>
					</select>
					<FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} />
				</div>
				<div className="field">
					<label htmlFor={fields.name.id}>{t('calendar.fields.name')}</label>
					<p id={nameHint} className="field-hint">
						{t('calendar.fields.nameHint')}
					</p>
					<input
						{...getInputProps(fields.name, { type: 'text', ariaAttributes: false })}
						aria-invalid={fields.name.errors?.length ? true : undefined}
						aria-describedby={[fields.name.errors?.length ? fields.name.errorId : null, nameHint]
							.filter(Boolean)
							.join(' ')}
					/>
					<FieldErrors id={fields.name.errorId} errors={fields.name.errors} />
				</div>
				<button type="submit" className="button" disabled={busy}>
					{t('calendar.addSubmit')}
				</button>
			</Form>
		</section>
	)
}

export default function CalendarPage() {
	const { t, i18n } = useTranslation('settings')
	const { year, thisYear: current, regions, calendar } = useLoaderData<typeof loader>()
	const yearId = useId()
	const scopeId = useId()
	const years = [...new Set([current - 1, current, current + 1, current + 2, year])].sort((a, b) => a - b)
	const regionName = (r: (typeof regions)[number]) => (i18n.language === 'en' ? r.nameEn : r.nameZh)
	const scope = regions.find((r) => r.id === calendar.regionId)
	return (
		<>
			<h1>{t('calendar.title')}</h1>
			<p className="lead">{t('calendar.lead')}</p>
			<Form method="get" className="settings-filter">
				<div className="field">
					<label htmlFor={scopeId}>{t('calendar.scope')}</label>
					<select id={scopeId} name="region" defaultValue={calendar.regionId ?? ''}>
						<option value="">{t('calendar.national')}</option>
						{regions.map((r) => (
							<option key={r.id} value={r.id}>
								{regionName(r)}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor={yearId}>{t('calendar.year')}</label>
					<select id={yearId} name="year" defaultValue={String(year)}>
						{years.map((y) => (
							<option key={y} value={y}>
								{y}
							</option>
						))}
					</select>
				</div>
				<button type="submit" className="button button-secondary">
					{t('calendar.show')}
				</button>
			</Form>
			<h2>
				{scope ? regionName(scope) : t('calendar.national')} · {year}
			</h2>
			{calendar.rows.length === 0 ? (
				<p>{t('calendar.empty', { year })}</p>
			) : (
				<EntryTable rows={calendar.rows} removable />
			)}
			{/* remount after a change, so the form starts empty */}
			<AddEntry key={`${calendar.regionId} ${year} ${calendar.rows.length}`} regionId={calendar.regionId} />
			{calendar.regionId && calendar.national.length > 0 ? (
				<EntryTable rows={calendar.national} removable={false} caption={t('calendar.nationalRows')} />
			) : null}
		</>
	)
}

export function ErrorBoundary() {
	return <SettingsErrorBoundary />
}
