import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireSettingsUser } from '#app/auth/settings-access.server.ts'
import { DateTime } from '#app/components/date-time.tsx'
import { replyOptionsFor } from '#app/components/settings/domain-errors.ts'
import { SettingsErrorBoundary } from '#app/components/settings/settings-error-boundary.tsx'
import { TargetForm, TargetFormSchema, targetFormId } from '#app/components/settings/target-form.tsx'
import { isAdmin } from '#app/domain/settings/access.ts'
import { CLOCK_KINDS, loadTargets, updateTarget, type ServiceLevelTargetRow } from '#app/domain/sla/targets.ts'
import { redirectWithToast } from '#app/toast.server.ts'

export const meta: MetaFunction = () => [{ title: '服务时限 · Service levels' }]

/** The targets of every clock, for ordinary and key-account customers: all staff read them, administrators set them. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { viewer } = await requireSettingsUser(request, context, 'read:service-levels')
	const targets = await loadTargets(context.db.prisma)
	return { canEdit: isAdmin(viewer), targets: targets.rows }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const { viewer } = await requireSettingsUser(request, context, 'administer:settings')
	const formData = await request.formData()
	const submission = parseWithZod(formData, { schema: TargetFormSchema })
	const formId = String(formData.get('target') ?? '')
	if (submission.status !== 'success') return data({ formId, result: submission.reply() }, { status: 400 })
	const { clock, keyAccount, amount, unit } = submission.value
	try {
		await updateTarget(context.db.prisma, viewer, { clock, keyAccount: keyAccount === 'key-account', amount, unit })
	} catch (error) {
		return data({ formId, result: submission.reply(replyOptionsFor(error, ['amount', 'unit'])) }, { status: 400 })
	}
	return redirectWithToast(context.config, '/staff/settings/service-levels', {
		kind: 'success',
		messageKey: 'settings:serviceLevels.toast.saved',
	})
}

type Row = Omit<ServiceLevelTargetRow, 'updatedAt'> & { updatedAt: string | Date | null }

function Target({
	row,
	canEdit,
	lastResult,
}: {
	row: Row
	canEdit: boolean
	lastResult: SubmissionResult<string[]> | undefined
}) {
	const { t } = useTranslation('settings')
	return (
		<>
			{canEdit ? (
				<TargetForm
					// remount after a save, so the form shows what was stored
					key={`${row.amount} ${row.unit}`}
					clock={row.clock}
					keyAccount={row.keyAccount}
					amount={row.amount}
					unit={row.unit}
					lastResult={lastResult}
				/>
			) : (
				<span className="nowrap">
					{row.amount} {t(`serviceLevels.units.${row.unit}`)}
				</span>
			)}
			{row.updatedAt && row.updatedByName ? (
				<p className="muted">
					{t('serviceLevels.changedBy', { name: row.updatedByName })} <DateTime value={row.updatedAt} />
				</p>
			) : null}
		</>
	)
}

export default function ServiceLevelsPage() {
	const { t } = useTranslation('settings')
	const { canEdit, targets } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const resultFor = (clock: Row['clock'], keyAccount: boolean) =>
		actionData?.formId === targetFormId(clock, keyAccount) ? actionData.result : undefined
	return (
		<>
			<h1>{t('serviceLevels.title')}</h1>
			<p className="lead">{t('serviceLevels.lead')}</p>
			<p className="field-hint">{t('serviceLevels.unitHelp')}</p>
			{canEdit ? null : <p role="note">{t('readOnly')}</p>}
			<div className="table-scroll">
				<table className="settings-table">
					<thead>
						<tr>
							<th scope="col">{t('serviceLevels.columns.clock')}</th>
							<th scope="col">{t('serviceLevels.columns.standard')}</th>
							<th scope="col">{t('serviceLevels.columns.keyAccount')}</th>
						</tr>
					</thead>
					<tbody>
						{CLOCK_KINDS.map((clock) => (
							<tr key={clock}>
								<th scope="row">{t(`serviceLevels.clocks.${clock}`)}</th>
								{[false, true].map((keyAccount) => {
									const row = targets.find((r) => r.clock === clock && r.keyAccount === keyAccount)
									return (
										<td key={String(keyAccount)}>
											{row ? <Target row={row} canEdit={canEdit} lastResult={resultFor(clock, keyAccount)} /> : null}
										</td>
									)
								})}
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</>
	)
}

export function ErrorBoundary() {
	return <SettingsErrorBoundary />
}
