import type { AppLoadContext } from '@remix-run/node'
import type { AnchorHTMLAttributes, FormHTMLAttributes } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import { complaintDeps } from '#app/complaints/deps.server.ts'
import type { Database } from '#app/db/database.server.ts'
import { decideApproval, proposeResolution } from '#app/domain/complaints/proposals.ts'
import type { Language } from '#app/i18n/config.ts'
import { createI18n } from '#app/i18n/i18n.server.ts'
import { investigatingComplaint, seedApprovalWorld, type ApprovalWorld } from '#tests/approval-fixtures.ts'
import { createTestContext } from '#tests/context.ts'
import { createTestDatabase } from '#tests/db.ts'

/**
 * The pages as people read them: each route's component rendered to HTML with its loader's real
 * data, in Chinese and in English. Remix's router is not running here, so its data hooks hand
 * the component what the loader returned, and its Form and Link render as plain HTML (as they
 * do without JavaScript).
 */
const page = vi.hoisted(() => ({ loaderData: undefined as unknown, actionData: undefined as unknown }))
vi.mock('@remix-run/react', async (importOriginal) => ({
	...(await importOriginal<typeof import('@remix-run/react')>()),
	useLoaderData: () => page.loaderData,
	useActionData: () => page.actionData,
	useNavigation: () => ({ state: 'idle' }),
	Form: ({ action, ...props }: FormHTMLAttributes<HTMLFormElement>) => <form action={action} {...props} />,
	Link: ({ to, children, ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) => (
		<a href={to} {...props}>
			{children}
		</a>
	),
}))

const { default: ApprovalsPage, loader: approvalsLoader } = await import('./staff.approvals.tsx')
const { default: RulesPage, loader: rulesLoader } = await import('./staff.settings.approval-rules.tsx')

let db: Database
let context: AppLoadContext
let world: ApprovalWorld
let reference: string

beforeAll(async () => {
	db = await createTestDatabase()
	context = createTestContext(db)
	world = await seedApprovalWorld(db.prisma)
	const complaint = await investigatingComplaint(db.prisma, world)
	reference = complaint.reference
	const deps = complaintDeps(context)
	await proposeResolution(deps, world.agent.viewer, complaint.id, {
		type: 'REPLACEMENT',
		summary: '免费更换同型号泵体一台，运费由公司承担。',
		amountMinor: 800_050,
		costBearer: 'COMPANY',
	})
	const step = await db.prisma.approvalStep.findFirstOrThrow({
		where: { proposal: { complaintId: complaint.id }, approverRole: 'REGIONAL_MANAGER' },
	})
	await decideApproval(deps, world.managerEast.viewer, complaint.id, {
		stepId: step.id,
		decision: 'APPROVED',
		comment: '同意，请尽快安排发货。',
	})
})
afterAll(() => db.close())

async function asSignedIn(who: 'director' | 'admin', path: string) {
	const { token } = await createSession(db.prisma, { id: world[who].id, kind: world[who].viewer.kind })
	return new Request(`http://portal.test${path}`, { headers: { cookie: `${SESSION_COOKIE}=${token}` } })
}

function render(Component: () => React.ReactNode, language: Language, loaderData: unknown, actionData?: unknown) {
	page.loaderData = loaderData
	page.actionData = actionData
	return renderToStaticMarkup(
		<I18nextProvider i18n={createI18n(language)}>
			<Component />
		</I18nextProvider>,
	)
}

describe('the approver’s page', () => {
	test('in Chinese: the complaint, the proposal, the amount in yuan, the earlier decision, the form', async () => {
		const data = await approvalsLoader({
			request: await asSignedIn('director', '/staff/approvals'),
			context,
			params: {},
		})
		const html = render(ApprovalsPage, 'zh-CN', data)
		expect(html).toContain('待您审批的处理方案')
		expect(html).toContain(`href="/staff/complaints/${reference}"`)
		expect(html).toContain('¥8,000.50')
		expect(html).toContain('免费更换同型号泵体一台，运费由公司承担。')
		expect(html).toContain('李娜')
		expect(html).toContain('公司承担')
		expect(html).toContain('您以市场总监身份审批（第 2 步）')
		expect(html).toContain('金额超过 5,000 元由市场总监审批')
		expect(html).toContain('此前的审批意见')
		expect(html).toContain('同意，请尽快安排发货。')
		expect(html).toContain('张伟，')
		// the form works without JavaScript: a POST with both buttons and the version
		expect(html).toMatch(/<form[^>]*method="post"/)
		expect(html).toContain('name="decision" value="APPROVED"')
		expect(html).toContain('name="decision" value="DECLINED"')
		expect(html).toMatch(/name="expectedVersion" value="\d+"/)
		expect(html).not.toMatch(/approvals:|\{\{/)
	})

	test('in English, with the amount as English readers write it', async () => {
		const data = await approvalsLoader({
			request: await asSignedIn('director', '/staff/approvals'),
			context,
			params: {},
		})
		const html = render(ApprovalsPage, 'en', data)
		expect(html).toContain('Proposals waiting for your approval')
		expect(html).toContain('CN¥8,000.50')
		expect(html).toContain('You are asked as Marketing director (step 2)')
		expect(html).toContain('Over CNY 5,000: the marketing director approves')
		expect(html).toContain('Approve')
		expect(html).toContain('Decline')
		expect(html).not.toMatch(/approvals:|\{\{/)
	})

	test('a decline without a comment: the message next to the comment', async () => {
		const data = (await approvalsLoader({
			request: await asSignedIn('director', '/staff/approvals'),
			context,
			params: {},
		})) as { approvals: { stepId: string }[] }
		const html = render(ApprovalsPage, 'zh-CN', data, {
			stepId: data.approvals[0]!.stepId,
			result: {
				status: 'error',
				initialValue: { decision: 'DECLINED' },
				error: { comment: ['approvals:validation.commentRequired'] },
			},
		})
		expect(html).toContain('请填写不予批准的原因，提出人需要知道。')
		expect(html).toMatch(/<textarea[^>]*aria-invalid="true"/)
	})
})

describe('the approval policy page', () => {
	test('the default rules, their conditions in words, and a form for each', async () => {
		const data = await rulesLoader({
			request: await asSignedIn('admin', '/staff/settings/approval-rules'),
			context,
			params: {},
		})
		const zh = render(RulesPage, 'zh-CN', data)
		expect(zh).toContain('审批规则')
		expect(zh).toContain('金额超过 ¥5,000.00')
		expect(zh).toContain('涉及金额')
		expect(zh).toContain('重大产品质量问题由总经理审批')
		expect(zh).toContain('添加规则')
		expect(zh).not.toMatch(/approvals:|\{\{/)
		const en = render(RulesPage, 'en', data)
		expect(en).toContain('amount above CN¥5,000.00')
		expect(en).toContain('category is Product quality and severity')
		expect(en).toContain('value="5000.00"')
		expect(en).not.toMatch(/approvals:|\{\{/)
	})
})
