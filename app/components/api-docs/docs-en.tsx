import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { CodeBlock, Definitions, DocSection, TableOfContents, type SectionId } from './blocks.tsx'
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
import type { WebhookEvent } from '#app/generated/prisma/enums.ts'
import type { ApiFacts, TopLevelErrorCode } from './facts.ts'

export interface DocsProps {
	facts: ApiFacts
	/** each token scope's name and what it allows, as the token page says them */
	scopes: Array<{ scope: string; label: string; hint: string }>
}

const TITLES: Record<SectionId, string> = {
	overview: 'Overview',
	authentication: 'Authentication',
	'first-request': 'Your first request',
	pagination: 'Pagination',
	errors: 'Errors',
	limits: 'Limits and query cost',
	filing: 'Filing complaints, with files',
	attachments: 'Attachments',
	subscriptions: 'Subscriptions',
	webhooks: 'Webhooks',
	tools: 'Schema and GraphiQL',
}

const EVENTS: Record<WebhookEvent, ReactNode> = {
	COMPLAINT_CREATED: 'A complaint was filed: in the portal, by phone or email through our staff, or through the API.',
	STATUS_CHANGED: (
		<>
			Its status moved; <code>data.change</code> holds <code>from</code>, <code>to</code> and <code>at</code>.
		</>
	),
	REPLY_ADDED: (
		<>
			A message partners may read was added (a public reply or a partner note); it is in <code>data.message</code>.
		</>
	),
	SURVEY_ANSWERED: (
		<>
			The customer answered the satisfaction survey, or changed the answer; the scores are in <code>data.survey</code>.
		</>
	),
}

function topLevelErrors(facts: ApiFacts): Record<TopLevelErrorCode, ReactNode> {
	return {
		UNAUTHENTICATED: (
			<>
				HTTP 401 with <code>WWW-Authenticate: Bearer</code>: the Authorization header is not{' '}
				<code>Bearer &lt;token&gt;</code>, or the token is unknown, revoked or expired (which of them is not said). Also
				a subscription without credentials.
			</>
		),
		FORBIDDEN: <>The caller is known, but the token lacks the scope the field needs.</>,
		CSRF_PREVENTION: (
			<>
				HTTP 403: a cookie-authenticated request that is neither a JSON POST nor carries <code>{facts.csrfHeader}</code>
				.
			</>
		),
		BAD_USER_INPUT: <>An argument that cannot be right whoever asks, such as a malformed global ID or cursor.</>,
		PAGE_SIZE_OUT_OF_RANGE: (
			<>
				<code>first</code> or <code>last</code> is negative or above {facts.pageSize.max}; nothing runs.
			</>
		),
		QUERY_TOO_COMPLEX: <>HTTP 400: the document breaks a shape limit (characters, depth, aliases, directives).</>,
		MAX_COST_EXCEEDED: (
			<>HTTP 400: the query would cost more than {facts.cost.maximumQueryCost} points; nothing is charged.</>
		),
		THROTTLED: (
			<>
				HTTP 429 with <code>Retry-After</code> (seconds): your budget holds less than the query costs.
			</>
		),
		BAD_REQUEST: <>HTTP 400: a multipart request that does not follow the multipart request spec.</>,
		REQUEST_ENTITY_TOO_LARGE: <>HTTP 413: a request body above the upload limits.</>,
		GRAPHQL_PARSE_FAILED: <>The document is not GraphQL.</>,
		GRAPHQL_VALIDATION_FAILED: <>The document does not fit the schema (an unknown field, a wrong argument type).</>,
	}
}

/** The API documentation in English. */
export function ApiDocsEn({ facts, scopes }: DocsProps) {
	const w = facts.webhooks
	const errors = topLevelErrors(facts)
	return (
		<article className="api-docs" lang="en">
			<h1>GraphQL API</h1>
			<p className="lead">
				Connect your dealer’s or regional office’s systems to the after-sales portal: read and file complaints, reply to
				customers, follow changes as they happen, and receive webhooks.
			</p>
			<TableOfContents label="Contents" titles={TITLES} />

			<DocSection id="overview" title={TITLES.overview}>
				<p>
					One endpoint, <code>{facts.endpoint}</code>, answers GraphQL requests sent as a <code>POST</code> with{' '}
					<code>Content-Type: application/json</code> and a body of <code>{'{ "query", "variables" }'}</code>.
					Everything the portal lets your organization see and do is in the schema, and every type and field is
					described there: <a href={facts.schemaPath}>download the schema (SDL)</a>. Objects have global IDs (
					<code>node(id:)</code> reads any of them); mutations take one <code>input</code> and answer with the changed
					object and <code>userErrors</code>.
				</p>
			</DocSection>

			<DocSection id="authentication" title={TITLES.authentication}>
				<h3>API tokens</h3>
				<p>
					Programs authenticate with an API token in the <code>Authorization</code> header:{' '}
					<code>Authorization: Bearer {facts.tokenPrefix}…</code>. A token belongs to your organization (a dealer or a
					regional office), not to a person: it sees what your organization sees, narrowed by its scopes, and what it
					writes appears under the name of the member who created it. Any member of the organization creates and revokes
					tokens on the <Link to="/account/api-tokens">API tokens page</Link>; the token is shown once, when it is
					created, and we keep only a fingerprint of it. A token can expire; a revoked or expired token, or one whose
					creator has left the organization, gets 401 from the next request on.
				</p>
				<Definitions
					head={['Scope', 'What it allows']}
					rows={scopes.map((s) => [
						<>
							<code>{s.scope}</code>
							<br />
							{s.label}
						</>,
						s.hint,
					])}
				/>
				<h3>Signed-in people (cookies)</h3>
				<p>
					Pages of the portal itself call the same endpoint with the person’s session cookie. To keep other sites from
					using that cookie, a cookie-authenticated request must be a <code>POST</code> with a JSON{' '}
					<code>Content-Type</code>, or carry a non-empty <code>{facts.csrfHeader}</code> header (GET requests,
					subscriptions over GET and multipart uploads need the header). Requests with a token need neither.
				</p>
				<CodeBlock caption="JavaScript, in a page of the portal">{cookieFetchExample(facts)}</CodeBlock>
			</DocSection>

			<DocSection id="first-request" title={TITLES['first-request']}>
				<p>
					With a token in <code>PORTAL_TOKEN</code>, ask who you are. For a token, <code>viewer</code> is the member who
					created it.
				</p>
				<CodeBlock caption="curl">{curlFirstRequest(facts)}</CodeBlock>
				<CodeBlock caption="TypeScript (Node 18+ or a browser: fetch)">{fetchFirstRequest(facts)}</CodeBlock>
			</DocSection>

			<DocSection id="pagination" title={TITLES.pagination}>
				<p>
					Lists that can grow are Relay connections: ask for <code>first: n</code> items and, for the next page,{' '}
					<code>after: pageInfo.endCursor</code> while <code>pageInfo.hasNextPage</code> is true (or <code>last</code>/
					<code>before</code> backwards). Without <code>first</code> or <code>last</code> a page holds{' '}
					{facts.pageSize.default} items; more than {facts.pageSize.max} is refused (<code>PAGE_SIZE_OUT_OF_RANGE</code>
					), never quietly shortened. <code>nodes</code> gives the items, <code>edges</code> each with its{' '}
					<code>cursor</code>; <code>totalCount</code> costs one more database query, so ask for it only when you show
					it. Cursors are opaque: store them, do not build them.
				</p>
				<CodeBlock caption="GraphQL">{COMPLAINTS_PAGE}</CodeBlock>
				<CodeBlock caption="TypeScript">{fetchAllPages(facts)}</CodeBlock>
			</DocSection>

			<DocSection id="errors" title={TITLES.errors}>
				<h3>userErrors: the request was understood, the business rule said no</h3>
				<p>
					A mutation that is refused (a field out of range, a status that does not allow the action, a record changed
					meanwhile) answers HTTP 200 with the payload’s object <code>null</code> and a list of <code>userErrors</code>,
					each with a <code>code</code> for programs, the <code>field</code> path of the input at fault (or{' '}
					<code>null</code>) and a <code>message</code> in English for people. Nothing was changed.
				</p>
				<CodeBlock caption="GraphQL">{REPLY_MUTATION}</CodeBlock>
				<CodeBlock caption="JSON answer">{userErrorExample(facts)}</CodeBlock>
				<Definitions
					head={['code', 'Meaning']}
					rows={facts.userErrorCodes.map((c) => [<code key={c.name}>{c.name}</code>, c.description])}
				/>
				<h3>Top-level errors: the request itself</h3>
				<p>
					Malformed requests, authentication, limits and bugs answer in the response’s <code>errors</code>, each with{' '}
					<code>extensions.code</code>. An unexpected failure on our side reads <code>Unexpected error.</code> and is
					logged with the request’s <code>X-Request-Id</code>, which every answer carries: quote it when you contact us.
					Records you may not see are not errors: they are <code>null</code>, or absent from lists, exactly like records
					that do not exist.
				</p>
				<CodeBlock caption="JSON answer">{topLevelErrorExample(facts)}</CodeBlock>
				<Definitions
					head={['extensions.code', 'Meaning']}
					rows={facts.topLevelErrorCodes.map((code) => [<code key={code}>{code}</code>, errors[code]])}
				/>
			</DocSection>

			<DocSection id="limits" title={TITLES.limits}>
				<p>Every document is checked before anything runs:</p>
				<ul>
					<li>at most {facts.queryLimits.characters.toLocaleString('en')} characters;</li>
					<li>
						at most {facts.queryLimits.depth} levels of nested fields (introspection is not counted),{' '}
						{facts.queryLimits.aliases} aliases and {facts.queryLimits.directives} directives.
					</li>
				</ul>
				<p>
					Then its cost is computed, with page sizes taken from the variables too: an object costs 1, a connection 1
					plus <code>first</code> (or <code>last</code>, or {facts.pageSize.default}) times what one of its items costs,
					scalars nothing, and every mutation field {facts.cost.mutation} more. A query may cost at most{' '}
					{facts.cost.maximumQueryCost} points. Each token (each person, for cookie requests) has a budget of{' '}
					{facts.cost.bucket} points that refills by {facts.cost.restoreRate} points a second; a query takes its cost
					from it, and what the answer did not use (a short page, nulls) goes back. A query that costs more than is left
					is refused with HTTP 429, <code>THROTTLED</code> and <code>Retry-After</code>. Every answer says what it cost
					and what is left in <code>extensions.cost</code>:
				</p>
				<CodeBlock caption="JSON answer">{costExample(facts)}</CodeBlock>
			</DocSection>

			<DocSection id="filing" title={TITLES.filing}>
				<p>
					<code>fileComplaint</code> files a complaint for the customer of an order your dealer sold (a token needs the{' '}
					<code>WRITE_COMPLAINTS</code> scope). Send an <code>idempotencyKey</code> you make up (a UUID) so that
					retrying after a timeout files nothing twice. Photos and PDFs travel in the same request as the{' '}
					<a href="https://github.com/jaydenseric/graphql-multipart-request-spec">GraphQL multipart request</a>: a{' '}
					<code>multipart/form-data</code> POST whose <code>operations</code> part is the JSON request with{' '}
					<code>null</code> where each file goes, whose <code>map</code> part says which file part goes where, then the
					files. At most {facts.uploads.maxFiles} files of {facts.uploads.maxFileMegabytes} MB each and{' '}
					{facts.uploads.maxMegapixels} megapixels; the type (JPEG, PNG, WebP, HEIC, PDF) is read from the bytes.
					Cookie-authenticated uploads also need <code>{facts.csrfHeader}</code>.
				</p>
				<CodeBlock caption="GraphQL">{FILE_COMPLAINT}</CodeBlock>
				<CodeBlock caption="curl">{curlUpload(facts)}</CodeBlock>
			</DocSection>

			<DocSection id="attachments" title={TITLES.attachments}>
				<p>
					Files on a complaint are listed with where to download them. The schema’s description of{' '}
					<code>Attachment.url</code> says how that address is authorized and how long it stays valid; query it again
					rather than storing it.
				</p>
				<CodeBlock caption="GraphQL">{ATTACHMENTS_QUERY}</CodeBlock>
				<CodeBlock caption="curl">{curlDownload()}</CodeBlock>
			</DocSection>

			<DocSection id="subscriptions" title={TITLES.subscriptions}>
				<p>
					Subscriptions stream over server-sent events on the same endpoint: send the subscription like a query, with{' '}
					<code>Accept: text/event-stream</code>. Each update arrives as an <code>event: next</code> message; the stream
					ends with <code>event: complete</code>. Updates are hints delivered at most once: after a reconnect, query
					what may have changed meanwhile. Clients such as <code>graphql-sse</code> speak this protocol. A subscription
					pays its cost once, when it starts.
				</p>
				<CodeBlock caption="GraphQL">{SUBSCRIPTION}</CodeBlock>
				<CodeBlock caption="curl">{curlSubscription(facts)}</CodeBlock>
			</DocSection>

			<DocSection id="webhooks" title={TITLES.webhooks}>
				<p>
					Instead of asking, let the portal tell your system. On the <Link to="/account/webhooks">webhooks page</Link> a
					member of your organization registers up to {w.maxEndpoints} <code>https://</code> URLs, each with the events
					it wants, and is shown its signing secret (<code>whsec_…</code>) once. The portal then POSTs a JSON body to
					each URL when one of your organization’s complaints changes; “Send test” sends a <code>{w.pingType}</code>{' '}
					event.
				</p>
				<Definitions
					head={['type', 'When']}
					rows={w.events.map((e) => [<code key={e.type}>{e.type}</code>, EVENTS[e.event]])}
				/>
				<CodeBlock caption="JSON body">{webhookBodyExample(w)}</CodeBlock>
				<Definitions
					head={['Header', 'Meaning']}
					rows={[
						[<code key="id">{w.headers.id}</code>, 'The delivery’s id, the same on every retry: process each id once.'],
						[<code key="ev">{w.headers.event}</code>, 'The event type, as in the body.'],
						[<code key="ts">{w.headers.timestamp}</code>, 'When this attempt was signed, in Unix seconds.'],
						[
							<code key="sig">{w.headers.signature}</code>,
							<>
								<code>{w.signatureVersion}=</code> and the hex HMAC-SHA256, keyed with your secret, of the timestamp, a
								dot and the raw body (several, separated by spaces, while a secret is replaced).
							</>,
						],
					]}
				/>
				<h3>Verify every request</h3>
				<p>
					Compute the HMAC over <code>timestamp.body</code> with the raw body, before any JSON parsing; compare in
					constant time; refuse timestamps more than {w.toleranceSeconds / 60} minutes away from your clock, so that a
					recorded request cannot be replayed; and deduplicate on <code>{w.headers.id}</code>, since a delivery can
					arrive twice.
				</p>
				<CodeBlock caption="TypeScript (Node, node:crypto)">{webhookReceiverExample(w)}</CodeBlock>
				<h3>Delivery</h3>
				<p>
					Answer with any 2xx within {w.timeoutSeconds} seconds. Anything else (another status, a redirect, which is
					never followed, a timeout) is retried after about {w.firstRetrySeconds} seconds, then twice as long each time
					up to {w.maxRetryMinutes} minutes, {w.maxAttempts} attempts in all; the delivery log on the webhooks page
					shows each delivery’s last status. Order is not guaranteed: compare the body’s <code>createdAt</code>.
					Deliveries come from <code>User-Agent: {w.userAgent}</code> and go only to public internet addresses: a URL
					whose name resolves to a private, loopback or link-local address is refused.
				</p>
			</DocSection>

			<DocSection id="tools" title={TITLES.tools}>
				<ul>
					<li>
						The schema as SDL: <a href={facts.schemaPath}>{facts.schemaUrl}</a> (
						<a href={facts.schemaPath} download="schema.graphql">
							download
						</a>
						), for code generators and editors. Introspection answers the same.
					</li>
					<li>
						<a href="/graphql">GraphiQL</a>, an in-browser editor with the schema’s documentation, is open to signed-in
						staff of headquarters; it runs queries with their session.
					</li>
				</ul>
			</DocSection>
		</article>
	)
}
