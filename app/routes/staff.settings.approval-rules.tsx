import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { requireSettingsUser } from '#app/auth/settings-access.server.ts'
import approvalStyles from '#app/components/approvals/approvals.css'
import { RuleForm, ruleFormId, type RuleView } from '#app/components/approvals/rule-form.tsx'
import { StepErrors } from '#app/components/filing/messages.tsx'
import { replyOptionsFor } from '#app/components/settings/domain-errors.ts'
import { SettingsErrorBoundary } from '#app/components/settings/settings-error-boundary.tsx'
import { createRule, deactivateRule, listRules, updateRule } from '#app/domain/approvals/rules.ts'
import { RuleSchema } from '#app/domain/approvals/schemas.ts'
import { NotFoundError } from '#app/domain/errors.ts'
import { formatMoney } from '#app/i18n/money.ts'
import { redirectWithToast } from '#app/toast.server.ts'

export const meta: MetaFunction = () => [{ title: '审批规则 · Approval policy' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: approvalStyles }]

const PAGE = '/staff/settings/approval-rules'

/**
 * The approval policy as data (DESIGN.md §5): administrators add, edit and turn off the rules
 * that decide which approvals a proposed resolution needs. Everyone else gets 403.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const { viewer } = await requireSettingsUser(request, context, 'administer:settings')
	const rules = await listRules(context.db.prisma, viewer)
	return {
		rules: rules.map((r): RuleView => ({
			id: r.id,
			sequence: r.sequence,
			approverRole: r.approverRole,
			category: r.category,
			minSeverity: r.minSeverity,
			amountAboveMinor: r.amountAboveMinor,
			descriptionZh: r.descriptionZh,
			descriptionEn: r.descriptionEn,
			active: r.active,
		})),
	}
}

interface RuleReply {
	formId: string
	result: SubmissionResult<string[]>
}

const FIELDS = ['sequence', 'approverRole', 'category', 'minSeverity', 'amountAbove', 'descriptionZh', 'descriptionEn']

export async function action({ request, context }: ActionFunctionArgs) {
	const { viewer } = await requireSettingsUser(request, context, 'administer:settings')
	const db = context.db.prisma
	const formData = await request.formData()
	const intent = formData.get('intent')
	const ruleId = String(formData.get('ruleId') ?? '')
	const done = (messageKey: string) => redirectWithToast(context.config, PAGE, { kind: 'success', messageKey })

	if (intent === 'deactivate') {
		try {
			await deactivateRule(db, viewer, ruleId)
		} catch (error) {
			if (!(error instanceof NotFoundError)) throw error
			const result: SubmissionResult<string[]> = { status: 'error', error: { '': ['approvals:rules.notFound'] } }
			return data({ formId: `deactivate-${ruleId}`, result } satisfies RuleReply, { status: 404 })
		}
		return done('approvals:toast.ruleDeactivated')
	}
	if (intent !== 'create' && intent !== 'update') throw data(null, { status: 400 })

	const formId = ruleFormId(intent === 'update' ? ruleId : null)
	const submission = parseWithZod(formData, { schema: RuleSchema })
	if (submission.status !== 'success')
		return data({ formId, result: submission.reply() } satisfies RuleReply, { status: 400 })
	const value = submission.value
	const input = {
		sequence: value.sequence,
		approverRole: value.approverRole,
		category: value.category ?? null,
		minSeverity: value.minSeverity ?? null,
		amountAboveMinor: value.amountAbove ?? null,
		descriptionZh: value.descriptionZh,
		descriptionEn: value.descriptionEn,
	}
	try {
		if (intent === 'create') await createRule(db, viewer, input)
		// an unticked box is not sent at all: unticked means off
		else await updateRule(db, viewer, ruleId, { ...input, active: value.active ?? false })
	} catch (error) {
		if (error instanceof NotFoundError)
			return data(
				{ formId, result: submission.reply({ formErrors: ['approvals:rules.notFound'] }) } satisfies RuleReply,
				{
					status: 404,
				},
			)
		return data({ formId, result: submission.reply(replyOptionsFor(error, FIELDS)) } satisfies RuleReply, {
			status: 400,
		})
	}
	return done(intent === 'create' ? 'approvals:toast.ruleCreated' : 'approvals:toast.ruleSaved')
}

/** "category is product quality and severity major or above", in the reader's language. */
function conditionsOf(rule: RuleView, t: TFunction, language: string): string {
	const parts: string[] = []
	if (rule.category)
		parts.push(t('approvals:rules.conditionCategory', { category: t(`complaints:category.${rule.category}`) }))
	if (rule.minSeverity)
		parts.push(t('approvals:rules.conditionSeverity', { severity: t(`complaints:severity.${rule.minSeverity}`) }))
	if (rule.amountAboveMinor === 0) parts.push(t('approvals:rules.conditionAnyMoney'))
	else if (rule.amountAboveMinor !== null)
		parts.push(t('approvals:rules.conditionAmount', { amount: formatMoney(rule.amountAboveMinor, 'CNY', language) }))
	return parts.length ? parts.join(t('approvals:rules.and')) : t('approvals:rules.any')
}

function Rule({ rule, reply }: { rule: RuleView; reply: RuleReply | undefined }) {
	const { t, i18n } = useTranslation(['approvals', 'console', 'complaints'])
	const titleId = `rule-title-${rule.id}`
	const editing = reply?.formId === ruleFormId(rule.id)
	const deactivateId = `deactivate-${rule.id}`
	return (
		<article className={rule.active ? 'panel' : 'panel rule-inactive'} aria-labelledby={titleId}>
			<h2 id={titleId}>
				{rule.sequence} · {t(`console:role.${rule.approverRole}`)}{' '}
				<span className="badge">{rule.active ? t('approvals:rules.active') : t('approvals:rules.inactive')}</span>
			</h2>
			<p>
				<strong>
					{t('approvals:rules.conditions')}
					{t('approvals:text.colon')}
				</strong>
				{conditionsOf(rule, t, i18n.language)}
			</p>
			<p>{i18n.language === 'en' ? rule.descriptionEn : rule.descriptionZh}</p>
			<details open={editing || undefined}>
				<summary>{t('approvals:rules.edit', { sequence: rule.sequence })}</summary>
				<RuleForm key={JSON.stringify(rule)} rule={rule} lastResult={editing ? reply?.result : undefined} />
			</details>
			{rule.active ? (
				<Form method="post" className="rule-actions" id={deactivateId}>
					<input type="hidden" name="intent" value="deactivate" />
					<input type="hidden" name="ruleId" value={rule.id} />
					<StepErrors errors={reply?.formId === deactivateId ? (reply.result.error?.[''] ?? null) : null} />
					<button type="submit" className="button button-secondary">
						{t('approvals:rules.deactivate')}
					</button>
				</Form>
			) : null}
		</article>
	)
}

export default function ApprovalRulesPage() {
	const { t } = useTranslation('approvals')
	const { rules } = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>() as RuleReply | undefined
	return (
		<section aria-labelledby="rules-title">
			<h1 id="rules-title">{t('rules.title')}</h1>
			<p className="lead">{t('rules.lead')}</p>
			<p className="settings-muted">{t('rules.changesApply')}</p>
			<ol className="rule-list" aria-label={t('rules.caption')}>
				{rules.map((rule) => (
					<li key={rule.id}>
						<Rule rule={rule} reply={reply} />
					</li>
				))}
			</ol>
			<section className="panel" aria-labelledby="new-rule-title">
				<h2 id="new-rule-title">{t('rules.newTitle')}</h2>
				<RuleForm rule={null} lastResult={reply?.formId === ruleFormId(null) ? reply.result : undefined} />
			</section>
		</section>
	)
}

export function ErrorBoundary() {
	return <SettingsErrorBoundary />
}
