import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttachmentView } from '#app/domain/complaints/attachments.ts'

export const attachmentUrl = (id: string) => `/attachments/${encodeURIComponent(id)}`
export const thumbnailUrl = (file: Pick<AttachmentView, 'id' | 'hasThumbnail'>) =>
	file.hasThumbnail ? `${attachmentUrl(file.id)}/thumbnail` : attachmentUrl(file.id)

const FOCUSABLE = 'a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])'

/**
 * Photos as thumbnails that open in a modal viewer, and PDFs as links. Without JavaScript a
 * thumbnail is a plain link to the full image. With it, the viewer is a modal <dialog>: the
 * page behind is inert, Tab stays inside, the arrow keys go to the previous and next photo,
 * Esc closes, and focus returns to the thumbnail that opened it.
 */
export function PhotoGallery({ files, label }: { files: readonly AttachmentView[]; label: string }) {
	const { t } = useTranslation('complaints')
	const images = files.filter((f) => f.kind === 'IMAGE')
	const documents = files.filter((f) => f.kind !== 'IMAGE')
	const [open, setOpen] = useState<number | null>(null)
	const dialogRef = useRef<HTMLDialogElement>(null)
	const openerRef = useRef<HTMLElement | null>(null)
	const titleId = useId()

	const show = (index: number, opener: HTMLElement) => {
		openerRef.current = opener
		setOpen(index)
	}
	const close = useCallback(() => {
		setOpen(null)
		dialogRef.current?.close()
		openerRef.current?.focus()
	}, [])
	const step = (by: number) => setOpen((i) => (i === null ? i : (i + by + images.length) % images.length))

	useEffect(() => {
		const dialog = dialogRef.current
		if (open !== null && dialog && !dialog.open) {
			dialog.showModal()
			dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus()
		}
	}, [open])

	const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
		if (event.key === 'ArrowRight') {
			event.preventDefault()
			step(1)
		} else if (event.key === 'ArrowLeft') {
			event.preventDefault()
			step(-1)
		} else if (event.key === 'Tab') {
			const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)]
			const first = focusable[0]
			const last = focusable.at(-1)
			if (!first || !last) return
			if (event.shiftKey && document.activeElement === first) {
				event.preventDefault()
				last.focus()
			} else if (!event.shiftKey && document.activeElement === last) {
				event.preventDefault()
				first.focus()
			}
		}
	}

	if (files.length === 0) return null
	const current = open === null ? null : images[open]
	return (
		<div className="gallery">
			{images.length > 0 ? (
				<ul className="gallery-thumbs" aria-label={label}>
					{images.map((file, index) => (
						<li key={file.id}>
							<a
								href={attachmentUrl(file.id)}
								className="gallery-thumb"
								aria-label={t('lightbox.open', { index: index + 1, total: images.length, name: file.originalName })}
								onClick={(event) => {
									if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
									event.preventDefault()
									show(index, event.currentTarget)
								}}
							>
								<img src={thumbnailUrl(file)} alt="" loading="lazy" width={160} height={120} />
							</a>
						</li>
					))}
				</ul>
			) : null}
			{documents.length > 0 ? (
				<ul className="gallery-documents">
					{documents.map((file) => (
						<li key={file.id}>
							<a href={attachmentUrl(file.id)}>{t('timeline.pdf', { name: file.originalName })}</a>
						</li>
					))}
				</ul>
			) : null}
			{images.length > 0 ? (
				// Esc fires the dialog's cancel event; the arrow keys and Tab are handled here
				<dialog
					ref={dialogRef}
					className="lightbox"
					aria-labelledby={titleId}
					onCancel={(event) => {
						event.preventDefault()
						close()
					}}
					onKeyDown={onKeyDown}
				>
					{current && open !== null ? (
						<div className="lightbox-body">
							<div className="lightbox-header">
								<h2 id={titleId}>{t('lightbox.dialog', { index: open + 1, total: images.length })}</h2>
								<button type="button" className="button button-secondary" onClick={close} data-autofocus>
									{t('lightbox.close')}
								</button>
							</div>
							<figure className="lightbox-figure">
								<img
									src={attachmentUrl(current.id)}
									alt={current.originalName}
									width={current.width ?? undefined}
									height={current.height ?? undefined}
								/>
								<figcaption>
									{current.originalName} · <a href={attachmentUrl(current.id)}>{t('lightbox.download')}</a>
								</figcaption>
							</figure>
							{images.length > 1 ? (
								<div className="lightbox-nav">
									<button type="button" className="button button-secondary" onClick={() => step(-1)}>
										<span aria-hidden="true">← </span>
										{t('lightbox.previous')}
									</button>
									<button type="button" className="button button-secondary" onClick={() => step(1)}>
										{t('lightbox.next')}
										<span aria-hidden="true"> →</span>
									</button>
								</div>
							) : null}
							<p className="field-hint">{t('lightbox.keyboard')}</p>
						</div>
					) : null}
				</dialog>
			) : null}
		</div>
	)
}
