import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireSettingsUser } from '#app/auth/settings-access.server.ts'
import { DateTime } from '#app/components/date-time.tsx'
import { replyOptionsFor } from '#app/components/settings/domain-errors.ts'
import { SettingsErrorBoundary } from '#app/components/settings/settings-error-boundary.tsx'
import { TemplateForm, TemplateFormSchema } from '#app/components/settings/template-form.tsx'
import { NotFoundError } from '#app/domain/errors.ts'
import { archiveTemplate, getTemplate, restoreTemplate, updateTemplate } from '#app/domain/templates/templates.ts'
import { redirectWithToast } from '#app/toast.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `${data.template.name} · 答复模板 · Reply templates` : '答复模板 · Reply templates' },
]

const FIELDS = ['name', 'category', 'bodyZh', 'bodyEn'] as const

async function orNotFound<T>(run: () => Promise<T>): Promise<T> {
	try {
		return await run()
	} catch (error) {
		if (error instanceof NotFoundError) throw data(null, { status: 404 })
		throw error
	}
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { viewer } = await requireSettingsUser(request, context, 'manage:reply-templates')
	const template = await orNotFound(() => getTemplate(context.db.prisma, viewer, params.templateId ?? ''))
	return { template }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { viewer } = await requireSettingsUser(request, context, 'manage:reply-templates')
	const db = context.db.prisma
	const id = params.templateId ?? ''
	const formData = await request.formData()
	const intent = formData.get('intent')
	const done = (messageKey: string) =>
		redirectWithToast(context.config, '/staff/settings/templates', { kind: 'success', messageKey })
	if (intent === 'archive') {
		await orNotFound(() => archiveTemplate(db, viewer, id))
		return done('settings:templates.toast.archived')
	}
	if (intent === 'restore') {
		await orNotFound(() => restoreTemplate(db, viewer, id))
		return done('settings:templates.toast.restored')
	}
	if (intent !== 'save') throw data(null, { status: 400 })
	const submission = parseWithZod(formData, { schema: TemplateFormSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	try {
		await updateTemplate(db, viewer, id, submission.value)
	} catch (error) {
		if (error instanceof NotFoundError) throw data(null, { status: 404 })
		return data({ result: submission.reply(replyOptionsFor(error, FIELDS)) }, { status: 400 })
	}
	return done('settings:templates.toast.saved')
}

export default function EditTemplatePage() {
	const { t } = useTranslation('settings')
	const { template } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<section className="panel" aria-labelledby="edit-template-title">
			<h2 id="edit-template-title">{t('templates.editTitle', { name: template.name })}</h2>
			<p className="settings-muted">
				<DateTime value={template.updatedAt} />
				{template.updatedByName ? ` · ${template.updatedByName}` : null}
				{template.archived ? (
					<>
						{' '}
						<span className="badge">{t('templates.archived')}</span>
					</>
				) : null}
			</p>
			{/* remount after a save, so the form shows what was stored */}
			<TemplateForm
				key={String(template.updatedAt)}
				id={`template-${template.id}`}
				defaultValue={template}
				lastResult={actionData?.result}
				submitLabel={t('templates.save')}
			/>
			<Form method="post" className="settings-actions">
				{template.archived ? (
					<button type="submit" name="intent" value="restore" className="button button-secondary">
						{t('templates.restore')}
					</button>
				) : (
					<>
						<p className="field-hint">{t('templates.archiveHint')}</p>
						<button type="submit" name="intent" value="archive" className="button button-secondary">
							{t('templates.archive')}
						</button>
					</>
				)}
			</Form>
			<p>
				<Link to="/staff/settings/templates">{t('templates.cancel')}</Link>
			</p>
		</section>
	)
}

export function ErrorBoundary() {
	return <SettingsErrorBoundary />
}
