import { useFetcher, useRevalidator } from '@remix-run/react'
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { encodeMessage, StepErrors, useMessage } from './messages.tsx'

export interface UploadedFile {
	id: string
	kind: 'IMAGE' | 'PDF'
	originalName: string
	byteSize: number
	hasThumbnail: boolean
}

interface PendingFile {
	key: string
	file: File
	name: string
	percent: number
	/** an encoded message (messages.tsx) when the upload failed */
	error: string | null
	preview: string | null
}

export interface UploadLimits {
	maxFiles: number
	maxFileBytes: number
	/** file extensions and types offered by the file picker; the server checks the bytes */
	accept: string
}

const ACCEPTED = /\.(jpe?g|png|webp|heic|heif|pdf)$/i
function fileSize(bytes: number, t: (key: string, values: { size: string }) => string) {
	return bytes < 1024 * 1024
		? t('photos.sizeKb', { size: String(Math.max(1, Math.round(bytes / 1024))) })
		: t('photos.size', { size: (bytes / 1024 / 1024).toFixed(1) })
}

/**
 * Photos for the complaint. Without JavaScript: a plain multipart form that posts every chosen
 * file to the upload route, which comes back to this step. With it: files are sent as soon as
 * they are picked or dropped, one request per file with its own progress bar and a preview,
 * and a refused file says why, by name. Uploaded files can be removed until the complaint is filed.
 */
export function PhotoUploader({
	uploadUrl,
	files,
	limits,
	serverError,
}: {
	uploadUrl: string
	files: UploadedFile[]
	limits: UploadLimits
	serverError: string | null
}) {
	const { t } = useTranslation('filing')
	const message = useMessage()
	const inputId = useId()
	const hintId = `${inputId}-hint`
	const revalidator = useRevalidator()
	const [pending, setPending] = useState<PendingFile[]>([])
	const [dragging, setDragging] = useState(false)
	const hydrated = useHydrated()
	const [announcement, setAnnouncement] = useState('')
	const queue = useRef<PendingFile[]>([])
	const running = useRef(false)
	// previews are object URLs: freed when their file is uploaded, and all when the page goes
	const previews = useRef(new Set<string>())
	useEffect(() => {
		const urls = previews.current
		return () => {
			for (const url of urls) URL.revokeObjectURL(url)
		}
	}, [])

	const update = useCallback((key: string, change: Partial<PendingFile>) => {
		setPending((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)))
	}, [])

	const send = useCallback(
		(item: PendingFile) =>
			new Promise<void>((resolve) => {
				const body = new FormData()
				body.append('photos', item.file, item.file.name)
				const xhr = new XMLHttpRequest()
				xhr.open('POST', uploadUrl)
				xhr.setRequestHeader('Accept', 'application/json')
				xhr.upload.onprogress = (event) => {
					if (event.lengthComputable) update(item.key, { percent: Math.round((event.loaded / event.total) * 100) })
				}
				xhr.onload = () => {
					let answer: { ok?: boolean; error?: string } = {}
					try {
						answer = JSON.parse(xhr.responseText) as typeof answer
					} catch {
						// not JSON: a proxy's error page, say
					}
					if (xhr.status < 300 && answer.ok) {
						setPending((list) => list.filter((p) => p.key !== item.key))
						if (item.preview) {
							URL.revokeObjectURL(item.preview)
							previews.current.delete(item.preview)
						}
						setAnnouncement(t('photos.uploaded', { name: item.name }))
					} else {
						const error = answer.error ?? encodeMessage('filing:photos.failed', { name: item.name })
						update(item.key, { error })
						setAnnouncement(message(error))
					}
					resolve()
				}
				xhr.onerror = () => {
					const error = encodeMessage('filing:photos.networkError', { name: item.name })
					update(item.key, { error })
					setAnnouncement(message(error))
					resolve()
				}
				xhr.send(body)
			}),
		[uploadUrl, update, t, message],
	)

	// one file at a time, in the order chosen; the list of uploaded files refreshes after each
	const drain = useCallback(async () => {
		if (running.current) return
		running.current = true
		try {
			for (let item = queue.current.shift(); item; item = queue.current.shift()) {
				await send(item)
				revalidator.revalidate()
			}
		} finally {
			running.current = false
		}
	}, [send, revalidator])

	const add = (chosen: FileList | File[]) => {
		const room = limits.maxFiles - files.length - pending.filter((p) => !p.error).length
		const items: PendingFile[] = [...chosen].map((file, i) => {
			const key = `${Date.now()}-${i}-${file.name}`
			const name = file.name
			let error: string | null = null
			if (i >= room) error = encodeMessage('validation:tooManyFiles', { max: limits.maxFiles })
			else if (file.size > limits.maxFileBytes)
				error = encodeMessage('validation:fileTooLarge', { name, maxMb: limits.maxFileBytes / 1024 / 1024 })
			else if (!ACCEPTED.test(name) && !/^image\/|^application\/pdf$/.test(file.type))
				error = encodeMessage('validation:fileTypeNotAccepted', { name })
			const preview = !error && /^image\/(jpeg|png|webp)$/.test(file.type) ? URL.createObjectURL(file) : null
			if (preview) previews.current.add(preview)
			return { key, file, name, percent: 0, error, preview }
		})
		setPending((list) => [...list.filter((p) => !p.error), ...items])
		queue.current.push(...items.filter((p) => !p.error))
		void drain()
	}

	const onDrop = (event: DragEvent<HTMLDivElement>) => {
		event.preventDefault()
		setDragging(false)
		if (event.dataTransfer.files.length) add(event.dataTransfer.files)
	}

	const full = files.length >= limits.maxFiles
	return (
		<div className="photo-uploader">
			<StepErrors errors={serverError ? [serverError] : null} />
			<form
				method="post"
				action={uploadUrl}
				encType="multipart/form-data"
				onSubmit={(event) => {
					// with JavaScript, files go as soon as they are chosen
					if (hydrated) event.preventDefault()
				}}
			>
				<div
					className={`photo-drop${dragging ? ' is-dragging' : ''}`}
					onDragOver={(event) => {
						event.preventDefault()
						setDragging(true)
					}}
					onDragLeave={() => setDragging(false)}
					onDrop={onDrop}
				>
					<input
						id={inputId}
						className={hydrated ? 'visually-hidden' : undefined}
						type="file"
						name="photos"
						multiple
						accept={limits.accept}
						disabled={full}
						aria-describedby={hintId}
						onChange={(event) => {
							if (!hydrated || !event.currentTarget.files?.length) return
							add(event.currentTarget.files)
							event.currentTarget.value = ''
						}}
					/>
					{/* with JavaScript the label is the visible button; without, the browser's own picker shows */}
					<label htmlFor={inputId} className={hydrated ? 'button button-secondary' : 'visually-hidden'}>
						{t('photos.choose')}
					</label>
					<p id={hintId} className="field-hint">
						{full ? t('photos.full') : hydrated ? t('photos.dropHint') : null}
					</p>
					{hydrated ? null : (
						<button type="submit" className="button">
							{t('photos.upload')}
						</button>
					)}
				</div>
			</form>

			<p className="visually-hidden" aria-live="polite">
				{announcement}
			</p>
			<p className="field-hint">{t('photos.count', { count: files.length, max: limits.maxFiles })}</p>

			{files.length || pending.length ? (
				<ul className="photo-list" aria-label={t('photos.listLabel')}>
					{files.map((f) => (
						<UploadedItem key={f.id} file={f} />
					))}
					{pending.map((p) => (
						<li key={p.key} className={`photo-item${p.error ? ' is-failed' : ''}`}>
							{p.preview && !p.error ? (
								<img src={p.preview} alt="" />
							) : (
								<span className="photo-placeholder" aria-hidden="true">
									{/\.pdf$/i.test(p.name) ? t('photos.pdf') : '…'}
								</span>
							)}
							<span>{p.name}</span>
							{p.error ? (
								<span className="error-list" role="alert">
									{message(p.error)}
								</span>
							) : (
								<>
									<progress max={100} value={p.percent} aria-label={t('photos.uploading', { name: p.name })} />
									<span className="field-hint">{t('photos.progress', { name: p.name, percent: p.percent })}</span>
								</>
							)}
						</li>
					))}
				</ul>
			) : (
				<p>{t('photos.none')}</p>
			)}
		</div>
	)
}

const noSubscription = () => () => {}
/** False in the server's HTML and during hydration, true once the page's script runs. */
function useHydrated() {
	return useSyncExternalStore(
		noSubscription,
		() => true,
		() => false,
	)
}

function UploadedItem({ file }: { file: UploadedFile }) {
	const { t } = useTranslation('filing')
	const fetcher = useFetcher<{ ok: boolean }>()
	const removing = fetcher.state !== 'idle'
	return (
		<li className="photo-item" aria-busy={removing || undefined}>
			{file.hasThumbnail ? (
				<img src={`/attachments/${file.id}/thumbnail`} alt="" loading="lazy" width={160} height={120} />
			) : (
				<span className="photo-placeholder" aria-hidden="true">
					{file.kind === 'PDF' ? t('photos.pdf') : '…'}
				</span>
			)}
			<span>{file.originalName}</span>
			<span className="field-hint">{fileSize(file.byteSize, t)}</span>
			<fetcher.Form method="post">
				<input type="hidden" name="attachmentId" value={file.id} />
				<button
					type="submit"
					name="intent"
					value="remove"
					className="link-button"
					disabled={removing}
					aria-label={t('photos.removeName', { name: file.originalName })}
				>
					{t('photos.remove')}
				</button>
			</fetcher.Form>
		</li>
	)
}
