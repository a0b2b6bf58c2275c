import type { ReactNode } from 'react'

/** A code example with what it is written in, as the page shows every one. */
export function CodeBlock({ caption, children }: { caption: string; children: string }) {
	return (
		<figure>
			<figcaption>{caption}</figcaption>
			<pre>
				<code>{children}</code>
			</pre>
		</figure>
	)
}

/** A section of the page, with the anchor the table of contents links to. */
export function DocSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
	return (
		<section aria-labelledby={`${id}-title`}>
			<h2 id={`${id}-title`}>
				<a href={`#${id}-title`}>{title}</a>
			</h2>
			{children}
		</section>
	)
}

/** Two columns of names and what they mean. */
export function Definitions({ head, rows }: { head: [string, string]; rows: Array<[ReactNode, ReactNode]> }) {
	return (
		<div className="table-wrap">
			<table>
				<thead>
					<tr>
						<th scope="col">{head[0]}</th>
						<th scope="col">{head[1]}</th>
					</tr>
				</thead>
				<tbody>
					{rows.map(([name, meaning], i) => (
						<tr key={i}>
							<th scope="row">{name}</th>
							<td>{meaning}</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}

/** The sections, in order, with their anchors; each language names them. */
export const SECTION_IDS = [
	'overview',
	'authentication',
	'first-request',
	'pagination',
	'errors',
	'limits',
	'filing',
	'attachments',
	'subscriptions',
	'webhooks',
	'tools',
] as const
export type SectionId = (typeof SECTION_IDS)[number]

export function TableOfContents({ label, titles }: { label: string; titles: Record<SectionId, string> }) {
	return (
		<nav className="api-docs-toc panel" aria-label={label}>
			<ol>
				{SECTION_IDS.map((id) => (
					<li key={id}>
						<a href={`#${id}-title`}>{titles[id]}</a>
					</li>
				))}
			</ol>
		</nav>
	)
}
