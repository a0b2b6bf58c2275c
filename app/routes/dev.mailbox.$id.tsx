import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { DateTime } from '#app/components/date-time.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { getMailboxMessage } from '#app/mail/mailbox.server.ts'

export const meta: MetaFunction = () => [{ title: '开发邮箱 · Dev mailbox' }]

export async function loader({ params, context }: LoaderFunctionArgs) {
	if (!context.config.devMailbox) throw new Response('Not Found', { status: 404 })
	const email = await getMailboxMessage(context.db.prisma, params.id ?? '')
	if (!email) throw new Response('Not Found', { status: 404 })
	return { email }
}

/**
 * The email's links navigate this tab (`target=_top`), so a verification or reset link
 * opens the portal itself. The frame stays sandboxed: no scripts, no same-origin access.
 */
function withLinksToTop(html: string) {
	const base = '<base target="_top">'
	return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => head + base) : base + html
}

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g

function LinkedText({ text }: { text: string }) {
	return (
		<pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
			{text.split(URL_PATTERN).map((part, i) =>
				i % 2 === 1 ? (
					<a key={i} href={part}>
						{part}
					</a>
				) : (
					<Fragment key={i}>{part}</Fragment>
				),
			)}
		</pre>
	)
}

export default function DevMailboxEmail() {
	const { t } = useTranslation('mailbox')
	const { email } = useLoaderData<typeof loader>()
	const [searchParams] = useSearchParams()
	const to = searchParams.get('to')
	return (
		<section className="panel" aria-labelledby="mail-subject">
			<p>
				<Link to={to ? `/dev/mailbox?to=${encodeURIComponent(to)}` : '/dev/mailbox'}>{t('back')}</Link>
			</p>
			<h1 id="mail-subject">{email.subject}</h1>
			<dl>
				<dt>{t('columns.to')}</dt>
				<dd>{email.to}</dd>
				<dt>{t('columns.template')}</dt>
				<dd>
					<code>{email.template}</code>
				</dd>
				<dt>{t('columns.status')}</dt>
				<dd>
					<span className="badge">{t(`status.${email.status}`)}</span>
				</dd>
				<dt>{t('columns.time')}</dt>
				<dd>
					<DateTime value={email.createdAt} />
				</dd>
				{email.sentAt ? (
					<>
						<dt>{t('sentAt')}</dt>
						<dd>
							<DateTime value={email.sentAt} />
						</dd>
					</>
				) : null}
			</dl>
			<h2>{t('html')}</h2>
			<iframe
				title={t('previewTitle', { subject: email.subject })}
				srcDoc={withLinksToTop(email.html)}
				sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
				style={{ width: '100%', height: '36rem', border: '1px solid var(--color-border)', background: '#fff' }}
			/>
			<h2>{t('text')}</h2>
			<LinkedText text={email.text} />
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
