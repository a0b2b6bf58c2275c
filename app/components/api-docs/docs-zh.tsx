import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { WebhookEvent } from '#app/generated/prisma/enums.ts'
import { CodeBlock, Definitions, DocSection, TableOfContents, type SectionId } from './blocks.tsx'
import type { DocsProps } from './docs-en.tsx'
import {
	ATTACHMENTS_QUERY,
	COMPLAINTS_PAGE,
	costExample,
	cookieFetchExample,
	curlDownload,
	curlFirstRequest,
	curlSubscription,
	curlUpload,
	fetchAllPages,
	fetchFirstRequest,
	FILE_COMPLAINT,
	REPLY_MUTATION,
	SUBSCRIPTION,
	topLevelErrorExample,
	userErrorExample,
	webhookBodyExample,
	webhookReceiverExample,
} from './examples.ts'
import type { ApiFacts, TopLevelErrorCode } from './facts.ts'

const TITLES: Record<SectionId, string> = {
	overview: '概述',
	authentication: '身份验证',
	'first-request': '第一个请求',
	pagination: '分页',
	errors: '错误',
	limits: '限制与查询成本',
	filing: '提交投诉（含附件）',
	attachments: '附件',
	subscriptions: '订阅',
	webhooks: 'Webhook',
	tools: 'Schema 与 GraphiQL',
}

const EVENTS: Record<WebhookEvent, ReactNode> = {
	COMPLAINT_CREATED: '有投诉提交：客户在门户提交、客服代为登记电话或邮件投诉，或通过 API 提交。',
	STATUS_CHANGED: (
		<>
			投诉状态变化；<code>data.change</code> 含 <code>from</code>、<code>to</code> 和 <code>at</code>。
		</>
	),
	REPLY_ADDED: (
		<>
			新增合作方可读的消息（公开回复或合作方备注），内容在 <code>data.message</code>。
		</>
	),
	SURVEY_ANSWERED: (
		<>
			客户提交或修改了满意度调查，评分在 <code>data.survey</code>。
		</>
	),
}

function topLevelErrors(facts: ApiFacts): Record<TopLevelErrorCode, ReactNode> {
	return {
		UNAUTHENTICATED: (
			<>
				HTTP 401，附 <code>WWW-Authenticate: Bearer</code>：Authorization 请求头不是 <code>Bearer &lt;令牌&gt;</code>
				，或令牌不存在、已撤销、已过期（不会说明是哪一种）。未带凭据的订阅也会得到此错误。
			</>
		),
		FORBIDDEN: <>调用方身份有效，但令牌缺少该字段所需的权限范围。</>,
		CSRF_PREVENTION: (
			<>
				HTTP 403：以 Cookie 验证的请求既不是 JSON 格式的 POST，也没有带 <code>{facts.csrfHeader}</code> 请求头。
			</>
		),
		BAD_USER_INPUT: <>参数无论谁来请求都不可能正确，例如格式错误的全局 ID 或游标。</>,
		PAGE_SIZE_OUT_OF_RANGE: (
			<>
				<code>first</code> 或 <code>last</code> 为负数或超过 {facts.pageSize.max}；请求不会执行。
			</>
		),
		QUERY_TOO_COMPLEX: <>HTTP 400：查询文档超出结构限制（字符数、嵌套深度、别名、指令）。</>,
		MAX_COST_EXCEEDED: <>HTTP 400：查询成本超过 {facts.cost.maximumQueryCost} 点；不扣除任何额度。</>,
		THROTTLED: (
			<>
				HTTP 429，附 <code>Retry-After</code>（秒）：剩余额度少于本次查询的成本。
			</>
		),
		BAD_REQUEST: <>HTTP 400：multipart 请求不符合 GraphQL multipart 请求规范。</>,
		REQUEST_ENTITY_TOO_LARGE: <>HTTP 413：请求体超出上传限制。</>,
		GRAPHQL_PARSE_FAILED: <>文档不是合法的 GraphQL。</>,
		GRAPHQL_VALIDATION_FAILED: <>文档与 schema 不符（字段不存在、参数类型错误等）。</>,
	}
}

/** The API documentation in Chinese. */
export function ApiDocsZh({ facts, scopes }: DocsProps) {
	const w = facts.webhooks
	const errors = topLevelErrors(facts)
	return (
		<article className="api-docs" lang="zh-CN">
			<h1>GraphQL API</h1>
			<p className="lead">
				将贵公司（代理商或区域办事处）的系统接入售后服务平台：查询和提交投诉、回复客户、实时跟踪变化，并接收 Webhook
				通知。
			</p>
			<TableOfContents label="目录" titles={TITLES} />

			<DocSection id="overview" title={TITLES.overview}>
				<p>
					所有请求都发往同一个地址 <code>{facts.endpoint}</code>：以 <code>POST</code> 发送，
					<code>Content-Type: application/json</code>，请求体为 <code>{'{ "query", "variables" }'}</code>。
					贵单位可查看和操作的一切都在 schema 中，每个类型和字段都有说明：
					<a href={facts.schemaPath}>下载 schema（SDL）</a>。对象使用全局 ID（<code>node(id:)</code> 可读取任一对象）；
					每个 mutation 接收一个 <code>input</code>，返回被修改的对象和 <code>userErrors</code>。
				</p>
			</DocSection>

			<DocSection id="authentication" title={TITLES.authentication}>
				<h3>API 令牌</h3>
				<p>
					程序在 <code>Authorization</code> 请求头中携带 API 令牌：
					<code>Authorization: Bearer {facts.tokenPrefix}…</code>。令牌属于贵单位（代理商或区域办事处），而不属于个人：
					它能看到贵单位能看到的内容，再按权限范围收窄；它写入的内容以创建者的名义显示。单位的任何成员都可以在
					<Link to="/account/api-tokens">API 令牌页面</Link>
					创建和撤销令牌；令牌只在创建时显示一次，平台只保存其指纹。令牌可以设置有效期；已撤销、已过期或创建者已离开单位的令牌，
					从下一个请求起返回 401。
				</p>
				<Definitions
					head={['权限范围', '允许的操作']}
					rows={scopes.map((s) => [
						<>
							<code>{s.scope}</code>
							<br />
							{s.label}
						</>,
						s.hint,
					])}
				/>
				<h3>已登录用户（Cookie）</h3>
				<p>
					门户自身的页面以用户的会话 Cookie 调用同一地址。为防止其他网站冒用该 Cookie，以 Cookie 验证的请求必须是带 JSON
					<code>Content-Type</code> 的 <code>POST</code>，或带非空的 <code>{facts.csrfHeader}</code> 请求头（GET
					请求、GET 方式的订阅和 multipart 上传都需要该请求头）。使用令牌的请求两者都不需要。
				</p>
				<CodeBlock caption="JavaScript，在门户页面中">{cookieFetchExample(facts)}</CodeBlock>
			</DocSection>

			<DocSection id="first-request" title={TITLES['first-request']}>
				<p>
					将令牌放入环境变量 <code>PORTAL_TOKEN</code>，查询当前身份。使用令牌时，<code>viewer</code>{' '}
					是创建该令牌的成员。
				</p>
				<CodeBlock caption="curl">{curlFirstRequest(facts)}</CodeBlock>
				<CodeBlock caption="TypeScript（Node 18+ 或浏览器：fetch）">{fetchFirstRequest(facts)}</CodeBlock>
			</DocSection>

			<DocSection id="pagination" title={TITLES.pagination}>
				<p>
					可能变长的列表都是 Relay connection：用 <code>first: n</code> 取前 n 条；只要{' '}
					<code>pageInfo.hasNextPage</code> 为真，就以 <code>after: pageInfo.endCursor</code> 取下一页（反向用{' '}
					<code>last</code>/<code>before</code>）。 不指定 <code>first</code> 或 <code>last</code> 时每页{' '}
					{facts.pageSize.default} 条；超过 {facts.pageSize.max} 条会被拒绝（<code>PAGE_SIZE_OUT_OF_RANGE</code>
					），不会被悄悄截短。<code>nodes</code> 返回各条记录，
					<code>edges</code> 同时带上每条的 <code>cursor</code>；<code>totalCount</code>{' '}
					需要多一次数据库查询，只在需要显示时请求。 游标是不透明的：请保存，不要自行拼造。
				</p>
				<CodeBlock caption="GraphQL">{COMPLAINTS_PAGE}</CodeBlock>
				<CodeBlock caption="TypeScript">{fetchAllPages(facts)}</CodeBlock>
			</DocSection>

			<DocSection id="errors" title={TITLES.errors}>
				<h3>userErrors：请求被理解，但业务规则不允许</h3>
				<p>
					被拒绝的 mutation（字段超出范围、当前状态不允许该操作、记录已被他人修改等）返回 HTTP 200，载荷中的对象为{' '}
					<code>null</code>，并附 <code>userErrors</code> 列表：每项有供程序判断的 <code>code</code>、出错输入字段的{' '}
					<code>field</code> 路径（或 <code>null</code>）以及给人看的英文 <code>message</code>。此时没有任何修改。
				</p>
				<CodeBlock caption="GraphQL">{REPLY_MUTATION}</CodeBlock>
				<CodeBlock caption="JSON 响应">{userErrorExample(facts)}</CodeBlock>
				<Definitions
					head={['code', '含义（schema 中的英文说明）']}
					rows={facts.userErrorCodes.map((c) => [<code key={c.name}>{c.name}</code>, c.description])}
				/>
				<h3>顶层错误：请求本身有问题</h3>
				<p>
					格式错误、身份验证、超出限制和程序缺陷都在响应的 <code>errors</code> 中返回，每项带{' '}
					<code>extensions.code</code>。平台内部的意外故障显示为 <code>Unexpected error.</code>，并连同请求的{' '}
					<code>X-Request-Id</code> 记录日志（每个响应都带该请求头），联系我们时请提供。无权查看的记录不算错误：它们是{' '}
					<code>null</code> 或不出现在列表中，与不存在的记录完全一样。
				</p>
				<CodeBlock caption="JSON 响应">{topLevelErrorExample(facts)}</CodeBlock>
				<Definitions
					head={['extensions.code', '含义']}
					rows={facts.topLevelErrorCodes.map((code) => [<code key={code}>{code}</code>, errors[code]])}
				/>
			</DocSection>

			<DocSection id="limits" title={TITLES.limits}>
				<p>每个查询文档在执行前都会检查：</p>
				<ul>
					<li>最多 {facts.queryLimits.characters.toLocaleString('zh-CN')} 个字符；</li>
					<li>
						字段嵌套最多 {facts.queryLimits.depth} 层（内省查询不计），别名最多 {facts.queryLimits.aliases} 个，指令最多{' '}
						{facts.queryLimits.directives} 个。
					</li>
				</ul>
				<p>
					随后计算查询成本，分页大小也会从变量中读取：每个对象 1 点；connection 为 1 点加上 <code>first</code>（或{' '}
					<code>last</code>，缺省时 {facts.pageSize.default}）乘以单条记录的成本；标量不计；每个 mutation 字段另加{' '}
					{facts.cost.mutation} 点。单个查询最多 {facts.cost.maximumQueryCost} 点。每个令牌（Cookie 请求则为每个人）有{' '}
					{facts.cost.bucket} 点的额度，每秒恢复 {facts.cost.restoreRate}{' '}
					点；查询从额度中扣除成本，响应中未用到的部分（不满的一页、 null）会退回。成本超过剩余额度的查询返回 HTTP 429、
					<code>THROTTLED</code> 和 <code>Retry-After</code>。 每个响应都在 <code>extensions.cost</code>{' '}
					中说明本次成本和剩余额度：
				</p>
				<CodeBlock caption="JSON 响应">{costExample(facts)}</CodeBlock>
			</DocSection>

			<DocSection id="filing" title={TITLES.filing}>
				<p>
					<code>fileComplaint</code> 为贵公司售出订单的客户提交投诉（令牌需要 <code>WRITE_COMPLAINTS</code>{' '}
					权限）。请附上自行生成的 <code>idempotencyKey</code>（如 UUID），这样超时后重试不会重复提交。照片和 PDF 按{' '}
					<a href="https://github.com/jaydenseric/graphql-multipart-request-spec">GraphQL multipart 请求规范</a>
					在同一请求中上传：<code>multipart/form-data</code> 的 POST，<code>operations</code> 部分是 JSON
					请求（每个文件的位置填 <code>null</code>），<code>map</code> 部分说明哪个文件放在哪里，随后是各个文件。最多{' '}
					{facts.uploads.maxFiles} 个文件，每个不超过 {facts.uploads.maxFileMegabytes} MB、{facts.uploads.maxMegapixels}{' '}
					百万像素；文件类型（JPEG、PNG、WebP、 HEIC、PDF）按内容识别。以 Cookie 验证的上传还需要{' '}
					<code>{facts.csrfHeader}</code> 请求头。
				</p>
				<CodeBlock caption="GraphQL">{FILE_COMPLAINT}</CodeBlock>
				<CodeBlock caption="curl">{curlUpload(facts)}</CodeBlock>
			</DocSection>

			<DocSection id="attachments" title={TITLES.attachments}>
				<p>
					投诉的附件会连同下载地址一起列出。schema 中 <code>Attachment.url</code> 的说明写明了该地址如何授权、有效多久；
					请每次重新查询，不要长期保存。
				</p>
				<CodeBlock caption="GraphQL">{ATTACHMENTS_QUERY}</CodeBlock>
				<CodeBlock caption="curl">{curlDownload()}</CodeBlock>
			</DocSection>

			<DocSection id="subscriptions" title={TITLES.subscriptions}>
				<p>
					订阅通过同一地址以 Server-Sent Events 推送：像查询一样发送订阅，并带上 <code>Accept: text/event-stream</code>
					。 每次更新是一条 <code>event: next</code> 消息，流以 <code>event: complete</code>{' '}
					结束。更新只是提示，最多送达一次： 重新连接后，请查询期间可能发生的变化。<code>graphql-sse</code>{' '}
					等客户端支持该协议。订阅只在开始时计算一次成本。
				</p>
				<CodeBlock caption="GraphQL">{SUBSCRIPTION}</CodeBlock>
				<CodeBlock caption="curl">{curlSubscription(facts)}</CodeBlock>
			</DocSection>

			<DocSection id="webhooks" title={TITLES.webhooks}>
				<p>
					与其轮询，不如让平台通知贵方系统。单位成员在 <Link to="/account/webhooks">Webhook 页面</Link> 登记最多{' '}
					{w.maxEndpoints} 个 <code>https://</code> 地址，并为每个地址选择要接收的事件；签名密钥（<code>whsec_…</code>
					）只显示一次。此后贵单位的投诉发生变化时，平台向各地址 POST 一个 JSON 请求体；“发送测试”会发送{' '}
					<code>{w.pingType}</code> 事件。
				</p>
				<Definitions
					head={['type', '何时发送']}
					rows={w.events.map((e) => [<code key={e.type}>{e.type}</code>, EVENTS[e.event]])}
				/>
				<CodeBlock caption="JSON 请求体">{webhookBodyExample(w)}</CodeBlock>
				<Definitions
					head={['请求头', '含义']}
					rows={[
						[<code key="id">{w.headers.id}</code>, '本次投递的 ID，每次重试都相同：每个 ID 只处理一次。'],
						[<code key="ev">{w.headers.event}</code>, '事件类型，与请求体中的 type 相同。'],
						[<code key="ts">{w.headers.timestamp}</code>, '本次尝试签名的时间（Unix 秒）。'],
						[
							<code key="sig">{w.headers.signature}</code>,
							<>
								<code>{w.signatureVersion}=</code> 加上以密钥对“时间戳、一个点、原始请求体”计算的十六进制
								HMAC-SHA256（更换密钥期间会有多个，以空格分隔）。
							</>,
						],
					]}
				/>
				<h3>验证每个请求</h3>
				<p>
					用原始请求体（在解析 JSON 之前）计算 <code>timestamp.body</code> 的
					HMAC；用恒定时间比较；拒绝与本机时钟相差超过 {w.toleranceSeconds / 60}{' '}
					分钟的时间戳，防止被录下的请求重放；并按 <code>{w.headers.id}</code> 去重，因为同一投递可能到达两次。
				</p>
				<CodeBlock caption="TypeScript（Node，node:crypto）">{webhookReceiverExample(w)}</CodeBlock>
				<h3>投递</h3>
				<p>
					请在 {w.timeoutSeconds} 秒内返回任意 2xx。其他情况（其他状态码、重定向——平台从不跟随重定向、超时）会在约{' '}
					{w.firstRetrySeconds} 秒后重试，之后每次间隔加倍，最长 {w.maxRetryMinutes} 分钟，共 {w.maxAttempts}{' '}
					次；Webhook 页面的投递记录显示每次投递的最后状态。不保证顺序：请比较请求体中的 <code>createdAt</code>。
					投递请求的 <code>User-Agent</code> 为 <code>{w.userAgent}</code>
					，只发往互联网公网地址：域名解析到内网、本机或链路本地地址的 URL 会被拒绝。
				</p>
			</DocSection>

			<DocSection id="tools" title={TITLES.tools}>
				<ul>
					<li>
						SDL 格式的 schema：<a href={facts.schemaPath}>{facts.schemaUrl}</a>（
						<a href={facts.schemaPath} download="schema.graphql">
							下载
						</a>
						），供代码生成器和编辑器使用。内省查询返回同样的内容。
					</li>
					<li>
						<a href="/graphql">GraphiQL</a> 是带 schema 文档的浏览器内编辑器，供总部已登录的员工使用，以其会话执行查询。
					</li>
				</ul>
			</DocSection>
		</article>
	)
}
