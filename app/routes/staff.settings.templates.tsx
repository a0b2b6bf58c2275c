import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, Outlet, useLoaderData } from '@remix-run/react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { requireSettingsUser } from '#app/auth/settings-access.server.ts'
import { DateTime } from '#app/components/date-time.tsx'
import { SettingsErrorBoundary } from '#app/components/settings/settings-error-boundary.tsx'
import { CATEGORIES } from '#app/domain/complaints/schemas.ts'
import { listTemplates } from '#app/domain/templates/templates.ts'
import type { ComplaintCategory } from '#app/generated/prisma/enums.ts'

export const meta: MetaFunction = () => [{ title: '答复模板 · Reply templates' }]

function categoryOf(value: string | null): ComplaintCategory | null {
	return value && (CATEGORIES as readonly string[]).includes(value) ? (value as ComplaintCategory) : null
}

/** Every reply template, archived ones last, for any member of staff; the form to edit one opens below. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireSettingsUser(request, context, 'manage:reply-templates')
	const category = categoryOf(new URL(request.url).searchParams.get('category'))
	const templates = await listTemplates(context.db.prisma, { category, includeArchived: true })
	return { category, templates }
}

export default function TemplatesPage() {
	const { t } = useTranslation(['settings', 'complaints'])
	const { category, templates } = useLoaderData<typeof loader>()
	const filterId = useId()
	return (
		<>
			<div className="page-heading">
				<h1>{t('settings:templates.title')}</h1>
				<Link className="button" to="/staff/settings/templates/new">
					{t('settings:templates.new')}
				</Link>
			</div>
			<p className="lead">{t('settings:templates.lead')}</p>
			<Outlet />
			<Form method="get" className="settings-filter">
				<div className="field">
					<label htmlFor={filterId}>{t('settings:templates.filterLabel')}</label>
					<select id={filterId} name="category" defaultValue={category ?? ''}>
						<option value="">{t('settings:templates.filterAll')}</option>
						{CATEGORIES.map((c) => (
							<option key={c} value={c}>
								{t(`complaints:category.${c}`)}
							</option>
						))}
					</select>
				</div>
				<button type="submit" className="button button-secondary">
					{t('settings:templates.filter')}
				</button>
			</Form>
			{templates.length === 0 ? (
				<p>{t('settings:templates.empty')}</p>
			) : (
				<div className="table-scroll">
					<table className="settings-table">
						<thead>
							<tr>
								<th scope="col">{t('settings:templates.columns.name')}</th>
								<th scope="col">{t('settings:templates.columns.category')}</th>
								<th scope="col">{t('settings:templates.columns.updated')}</th>
							</tr>
						</thead>
						<tbody>
							{templates.map((template) => (
								<tr key={template.id}>
									<th scope="row">
										<Link to={`/staff/settings/templates/${template.id}`}>{template.name}</Link>
										{template.archived ? (
											<>
												{' '}
												<span className="badge">{t('settings:templates.archived')}</span>
											</>
										) : null}
									</th>
									<td>
										{template.category
											? t(`complaints:category.${template.category}`)
											: t('settings:templates.anyCategory')}
									</td>
									<td className="muted">
										<DateTime value={template.updatedAt} />
										{template.updatedByName ? ` · ${template.updatedByName}` : null}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
		</>
	)
}

export function ErrorBoundary() {
	return <SettingsErrorBoundary />
}
