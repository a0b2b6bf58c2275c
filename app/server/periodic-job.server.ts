import type { Logger } from 'pino'

export interface PeriodicJob {
	/** Stops scheduling and waits for a pass in progress to finish. */
	stop(): Promise<void>
}

/**
 * Runs `pass` now and then every `intervalMs`, one pass at a time, for the background jobs of
 * the server process (email delivery, digests, the SLA sweep, draft cleanup). A pass that
 * returns `true` had more work than one batch, so the next runs at once. A failing pass is
 * logged with `failureMessage` and the job carries on; the timer never keeps the process alive.
 */
export function startPeriodicJob({
	intervalMs,
	pass,
	logger,
	failureMessage,
}: {
	intervalMs: number
	pass: () => Promise<boolean | void>
	logger: Pick<Logger, 'error'>
	failureMessage: string
}): PeriodicJob {
	let stopped = false
	let timer: NodeJS.Timeout | undefined
	let current: Promise<void> = Promise.resolve()

	const run = async () => {
		let more = false
		try {
			more = (await pass()) === true
		} catch (error) {
			logger.error({ err: error }, failureMessage)
		}
		if (!stopped) schedule(more ? 0 : intervalMs)
	}
	const schedule = (ms: number) => {
		timer = setTimeout(() => {
			current = run()
		}, ms)
		timer.unref()
	}
	schedule(0)

	return {
		async stop() {
			stopped = true
			clearTimeout(timer)
			await current
		},
	}
}
