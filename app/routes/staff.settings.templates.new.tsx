import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireSettingsUser } from '#app/auth/settings-access.server.ts'
import { replyOptionsFor } from '#app/components/settings/domain-errors.ts'
import { SettingsErrorBoundary } from '#app/components/settings/settings-error-boundary.tsx'
import { TemplateForm, TemplateFormSchema } from '#app/components/settings/template-form.tsx'
import { createTemplate } from '#app/domain/templates/templates.ts'
import { redirectWithToast } from '#app/toast.server.ts'

export const meta: MetaFunction = () => [{ title: '新建答复模板 · New reply template' }]

const FIELDS = ['name', 'category', 'bodyZh', 'bodyEn'] as const

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireSettingsUser(request, context, 'manage:reply-templates')
	return null
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { viewer } = await requireSettingsUser(request, context, 'manage:reply-templates')
	const submission = parseWithZod(await request.formData(), { schema: TemplateFormSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	try {
		await createTemplate(context.db.prisma, viewer, submission.value)
	} catch (error) {
		return data({ result: submission.reply(replyOptionsFor(error, FIELDS)) }, { status: 400 })
	}
	return redirectWithToast(context.config, '/staff/settings/templates', {
		kind: 'success',
		messageKey: 'settings:templates.toast.created',
	})
}

export default function NewTemplatePage() {
	const { t } = useTranslation('settings')
	const actionData = useActionData<typeof action>()
	return (
		<section className="panel" aria-labelledby="new-template-title">
			<h2 id="new-template-title">{t('templates.newTitle')}</h2>
			<TemplateForm id="new-template" lastResult={actionData?.result} submitLabel={t('templates.create')} />
			<p>
				<Link to="/staff/settings/templates">{t('templates.cancel')}</Link>
			</p>
		</section>
	)
}

export function ErrorBoundary() {
	return <SettingsErrorBoundary />
}
