import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import type { ShouldRevalidateFunction } from '@remix-run/react'
import { data } from '@remix-run/node'
import {
	Form,
	Link,
	Links,
	Meta,
	Outlet,
	Scripts,
	ScrollRestoration,
	useLocation,
	useRouteLoaderData,
} from '@remix-run/react'
import { useMemo, type ReactNode } from 'react'
import { I18nextProvider, useTranslation } from 'react-i18next'
import { getSession } from '#app/auth/current-user.server.ts'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Toast } from '#app/components/toast.tsx'
import { DEFAULT_LANGUAGE, languageFromLocale, type Language } from '#app/i18n/config.ts'
import { areaOf } from '#app/i18n/areas.ts'
import { messagesFor } from '#app/i18n/messages.server.ts'
import { createI18nFrom } from '#app/i18n/instance.ts'
import { detectLanguage } from '#app/i18n/language.server.ts'
import { readToast } from '#app/toast.server.ts'
import stylesUrl from './styles/app.css'

export const links: LinksFunction = () => [
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
	{ rel: 'stylesheet', href: stylesUrl },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const session = await getSession(request, context)
	const language = await detectLanguage(request, languageFromLocale(session?.user.locale))
	const { toast, setCookie } = await readToast(context.config, request)
	return data(
		{
			language,
			area: areaOf(new URL(request.url).pathname),
			messages: messagesFor(language, areaOf(new URL(request.url).pathname)),
			user: session ? { name: session.user.name, kind: session.user.kind } : null,
			demoMode: context.config.demoMode,
			devMailbox: context.config.devMailbox,
			toast,
		},
		{ headers: setCookie ? { 'Set-Cookie': setCookie } : undefined },
	)
}

/** Crossing between the customer pages and the console needs the other area's messages. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
	defaultShouldRevalidate || areaOf(currentUrl.pathname) !== areaOf(nextUrl.pathname)

export type RootLoaderData = Awaited<ReturnType<typeof loader>>['data']

export function useRootData() {
	return useRouteLoaderData<typeof loader>('root')
}

function Header() {
	const { t } = useTranslation()
	const root = useRootData()
	const location = useLocation()
	const redirectTo = location.pathname + location.search
	return (
		<header className="site-header">
			<Link to="/" className="brand">
				{t('appName')}
			</Link>
			<nav aria-label={t('appName')}>
				<ul className="nav-list">
					{root?.user ? (
						<>
							{root.user.kind === 'CUSTOMER' ? (
								<li>
									<Link to="/complaints">{t('nav.myComplaints')}</Link>
								</li>
							) : null}
							{root.user.kind === 'STAFF' || root.user.kind === 'REGIONAL_OFFICE' ? (
								<li>
									<Link to="/staff">{t('nav.console')}</Link>
								</li>
							) : null}
							<li>
								<Link to="/account">{t('nav.account')}</Link>
							</li>
							<li>
								<Form method="post" action="/logout">
									<button type="submit" className="link-button">
										{t('nav.signOut')}
									</button>
								</Form>
							</li>
						</>
					) : (
						<>
							<li>
								<Link to="/login">{t('nav.signIn')}</Link>
							</li>
							<li>
								<Link to="/signup">{t('nav.signUp')}</Link>
							</li>
						</>
					)}
					{root?.devMailbox ? (
						<li>
							<Link to="/dev/mailbox">{t('nav.mailbox')}</Link>
						</li>
					) : null}
					<li>
						<Form method="post" action="/language">
							<input type="hidden" name="redirectTo" value={redirectTo} />
							<input type="hidden" name="language" value={root?.language === 'en' ? 'zh-CN' : 'en'} />
							<button type="submit" className="link-button" lang={root?.language === 'en' ? 'zh-CN' : 'en'}>
								{t('switchTo')}
							</button>
						</Form>
					</li>
				</ul>
			</nav>
		</header>
	)
}

export function Layout({ children }: { children: ReactNode }) {
	const root = useRootData()
	const language = root?.language ?? DEFAULT_LANGUAGE
	const messages = root?.messages
	// a new instance when the language or the area changes, which is when the messages do
	const i18n = useMemo(() => createI18nFrom(language, messages ?? {}), [language, root?.area]) // eslint-disable-line react-hooks/exhaustive-deps
	return (
		<I18nextProvider i18n={i18n}>
			<Page language={language}>{children}</Page>
		</I18nextProvider>
	)
}

function Page({ language, children }: { language: Language; children: ReactNode }) {
	const root = useRootData()
	const { t } = useTranslation()
	return (
		<html lang={language}>
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<Links />
			</head>
			<body>
				<a href="#main" className="skip-link">
					{t('skipToContent')}
				</a>
				<Header />
				{root?.toast ? <Toast toast={root.toast} /> : null}
				<main id="main" tabIndex={-1}>
					{children}
				</main>
				{root?.demoMode ? (
					<footer className="site-footer">
						<p>{t('home.demoNotice')}</p>
					</footer>
				) : null}
				<ScrollRestoration />
				<Scripts />
			</body>
		</html>
	)
}

export default function App() {
	return <Outlet />
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
