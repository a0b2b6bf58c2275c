import type { ApiFacts, WebhookFacts } from './facts.ts'

/**
 * The code on the API documentation page, in one place for both languages. Every GraphQL
 * document here is validated against the running schema, and the webhook receiver is compiled and
 * run against signatures made by app/webhooks/signature.server.ts (examples.test.ts), so that the
 * page cannot drift from the API.
 */

export const FIRST_QUERY = `query {
  viewer {
    name
    kind
  }
}`

export const COMPLAINTS_PAGE = `query Complaints($first: Int!, $after: String) {
  complaints(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      reference
      status
      title
      updatedAt
    }
  }
}`

export const REPLY_MUTATION = `mutation Reply($input: ReplyToComplaintInput!) {
  replyToComplaint(input: $input) {
    complaint {
      reference
      status
    }
    userErrors {
      code
      field
      message
    }
  }
}`

export const FILE_COMPLAINT = `mutation File($input: FileComplaintInput!) {
  fileComplaint(input: $input) {
    complaint {
      id
      reference
      status
    }
    userErrors {
      code
      field
      message
    }
  }
}`

export const ATTACHMENTS_QUERY = `query Files($reference: String!) {
  complaint(reference: $reference) {
    attachments {
      name
      contentType
      byteSize
      url
      thumbnailUrl
    }
  }
}`

export const SUBSCRIPTION = `subscription Follow($id: ID) {
  complaintUpdated(id: $id) {
    event {
      type
      toStatus
      createdAt
    }
    complaint {
      reference
      status
    }
  }
}`

/** Every GraphQL document above, by name, for the test that validates them against the schema. */
export const GRAPHQL_DOCUMENTS = {
	FIRST_QUERY,
	COMPLAINTS_PAGE,
	REPLY_MUTATION,
	FILE_COMPLAINT,
	ATTACHMENTS_QUERY,
	SUBSCRIPTION,
}

/** A JSON request body as a shell's single-quoted argument. */
function jsonArgument(value: unknown): string {
	return `'${JSON.stringify(value).replaceAll("'", `'\\''`)}'`
}

export function curlFirstRequest(facts: ApiFacts): string {
	return `curl ${facts.endpoint} \\
  -H "Authorization: Bearer $PORTAL_TOKEN" \\
  -H "Content-Type: application/json" \\
  --data ${jsonArgument({ query: '{ viewer { name kind } }' })}`
}

export function fetchFirstRequest(facts: ApiFacts): string {
	return `const ENDPOINT = '${facts.endpoint}'

interface GraphQLResponse<Data> {
  data?: Data | null
  errors?: Array<{ message: string; extensions?: { code?: string } }>
  extensions?: { cost?: unknown }
}

export async function graphql<Data>(query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const response = await fetch(ENDPOINT, {
    method: 'POST',
    headers: {
      Authorization: \`Bearer \${process.env.PORTAL_TOKEN}\`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ query, variables }),
  })
  if (response.status === 429) {
    const seconds = Number(response.headers.get('Retry-After') ?? '1')
    throw new Error(\`Throttled: retry in \${seconds} s\`)
  }
  const body = (await response.json()) as GraphQLResponse<Data>
  if (body.errors?.length) {
    throw new Error(body.errors.map((e) => \`\${e.extensions?.code ?? 'ERROR'}: \${e.message}\`).join('; '))
  }
  return body.data as Data
}

const { viewer } = await graphql<{ viewer: { name: string; kind: string } }>('{ viewer { name kind } }')
console.log(\`Signed in as \${viewer.name} (\${viewer.kind})\`)`
}

export function fetchAllPages(facts: ApiFacts): string {
	return `// graphql() is the function from the first request above
type Page = {
  complaints: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null }
    nodes: Array<{ id: string; reference: string; status: string }>
  }
}

const all: Page['complaints']['nodes'] = []
let after: string | null = null
do {
  const page: Page = await graphql<Page>(COMPLAINTS_PAGE, { first: ${facts.pageSize.max}, after })
  all.push(...page.complaints.nodes)
  after = page.complaints.pageInfo.hasNextPage ? page.complaints.pageInfo.endCursor : null
} while (after)`
}

export function cookieFetchExample(facts: ApiFacts): string {
	return `// in the browser's console on a page of the portal, signed in:
await fetch('/graphql', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', '${facts.csrfHeader}': '1' },
  body: JSON.stringify({ query: '{ viewer { name } }' }),
}).then((r) => r.json())`
}

export function userErrorExample(facts: ApiFacts): string {
	return JSON.stringify(
		{
			data: {
				replyToComplaint: {
					complaint: null,
					userErrors: [
						{
							code: 'INVALID',
							field: ['input', 'body'],
							message: `A reply has at most ${facts.messageMax} characters.`,
						},
					],
				},
			},
		},
		null,
		2,
	)
}

export function topLevelErrorExample(facts: ApiFacts): string {
	return JSON.stringify(
		{
			errors: [
				{
					message: `\`first\` is 500; a page holds at most ${facts.pageSize.max} items.`,
					extensions: { code: 'PAGE_SIZE_OUT_OF_RANGE', argument: 'first', max: facts.pageSize.max },
				},
			],
		},
		null,
		2,
	)
}

export function costExample(facts: ApiFacts): string {
	const requested = 1 + facts.pageSize.default
	return JSON.stringify(
		{
			data: { complaints: { nodes: ['…'] } },
			extensions: {
				cost: {
					requestedQueryCost: requested,
					actualQueryCost: 4,
					throttleStatus: {
						maximumAvailable: facts.cost.bucket,
						currentlyAvailable: facts.cost.bucket - 4,
						restoreRate: facts.cost.restoreRate,
					},
				},
			},
		},
		null,
		2,
	)
}

export function curlUpload(facts: ApiFacts): string {
	const operations = {
		query: FILE_COMPLAINT.replace(/\s+/g, ' '),
		variables: {
			input: {
				orderNumber: 'SO-2026-001234',
				lineNumber: 1,
				category: 'PRODUCT_QUALITY',
				severity: 'MAJOR',
				title: 'Pump housing leaks',
				description: 'Water has been leaking from the pump housing since the third day after installation.',
				requestedRemedy: 'REPLACEMENT',
				idempotencyKey: '0b6f3c5e-6a55-4b8e-9d0f-3f1d2a7c9e11',
				files: [null, null],
			},
		},
	}
	return `curl ${facts.endpoint} \\
  -H "Authorization: Bearer $PORTAL_TOKEN" \\
  -F operations=${jsonArgument(operations)} \\
  -F map='{"0": ["variables.input.files.0"], "1": ["variables.input.files.1"]}' \\
  -F 0=@leak.jpg \\
  -F 1=@invoice.pdf`
}

export function curlDownload(): string {
	return `# url and thumbnailUrl as the query above returned them
curl -o leak.jpg "$ATTACHMENT_URL"`
}

export function curlSubscription(facts: ApiFacts): string {
	return `curl -N ${facts.endpoint} \\
  -H "Authorization: Bearer $PORTAL_TOKEN" \\
  -H "Content-Type: application/json" \\
  -H "Accept: text/event-stream" \\
  --data ${jsonArgument({ query: SUBSCRIPTION.replace(/\s+/g, ' '), variables: { id: 'Q29tcGxhaW50OjE=' } })}

event: next
data: {"data":{"complaintUpdated":{"event":{"type":"reply","toStatus":null,"createdAt":"…"},"complaint":{…}}}}

event: complete
data:`
}

export function webhookBodyExample(webhooks: WebhookFacts): string {
	const created = webhooks.events.find((e) => e.event === 'COMPLAINT_CREATED')?.type ?? 'complaint.created'
	return JSON.stringify(
		{
			id: 'c0a8012e-…',
			type: created,
			createdAt: '2026-11-23T08:15:30.000Z',
			data: {
				complaint: {
					id: 'Q29tcGxhaW50OmNs…',
					reference: 'CMP-2026-000123',
					title: 'Pump housing leaks',
					status: 'SUBMITTED',
					category: 'PRODUCT_QUALITY',
					severity: 'MAJOR',
					orderNumber: 'SO-2026-001234',
					createdAt: '2026-11-23T08:15:29.512Z',
				},
			},
		},
		null,
		2,
	)
}

/**
 * A receiver that verifies each delivery, as partners are told to write it: the test compiles this
 * very text and runs it against signatures made by the worker's own signing function.
 */
export function webhookReceiverExample(webhooks: WebhookFacts): string {
	const h = webhooks.headers
	return `import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'

/** How old a signed request may be: older ones are refused, so a recorded one cannot be replayed. */
const TOLERANCE_SECONDS = ${webhooks.toleranceSeconds}

/**
 * Whether a request was signed by the portal with your endpoint's secret (whsec_…).
 * rawBody is the body exactly as received: parse the JSON only once this returns true.
 */
export function verifyWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  now: number = Date.now(),
): boolean {
  const timestamp = String(headers['${h.timestamp}'] ?? '')
  const signatures = String(headers['${h.signature}'] ?? '')
  if (!/^\\d+$/.test(timestamp)) return false
  if (Math.abs(now / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return false
  const expected = Buffer.from(
    '${webhooks.signatureVersion}=' + createHmac('sha256', secret).update(\`\${timestamp}.\${rawBody}\`).digest('hex'),
  )
  // While a secret is being replaced, several signatures arrive, separated by spaces.
  // timingSafeEqual: comparing byte by byte with === would tell an attacker how much was right.
  return signatures.split(' ').some((signature) => {
    const given = Buffer.from(signature)
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
}

export interface WebhookEvent {
  id: string
  type: string
  createdAt: string
  data: Record<string, unknown>
}

/** Events to process, each once: keep them (and the ids seen) in your database instead. */
export const received: WebhookEvent[] = []
const seen = new Set<string>()

export const receiver = createServer((request, response) => {
  const chunks: Buffer[] = []
  request.on('data', (chunk: Buffer) => chunks.push(chunk))
  request.on('end', () => {
    const rawBody = Buffer.concat(chunks).toString('utf8')
    if (!verifyWebhook(process.env.WEBHOOK_SECRET ?? '', request.headers, rawBody)) {
      response.writeHead(401).end()
      return
    }
    // a delivery can arrive more than once: the id stays the same on every attempt
    const id = String(request.headers['${h.id}'])
    if (!seen.has(id)) {
      seen.add(id)
      received.push(JSON.parse(rawBody) as WebhookEvent)
    }
    // answer within ${webhooks.timeoutSeconds} seconds, and do the work afterwards
    response.writeHead(204).end()
  })
})

// receiver.listen(8080)`
}
