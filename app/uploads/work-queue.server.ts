/**
 * Runs at most `size` jobs at a time, the rest in arrival order. Image decoding holds whole
 * bitmaps in memory (a 12-megapixel photo is ~36 MB decoded), so the number of images in
 * flight, not the number of uploaders, bounds the memory the pipeline uses.
 */
export function createWorkQueue(size: number) {
	let running = 0
	const waiting: Array<() => void> = []
	return {
		async run<T>(job: () => Promise<T>): Promise<T> {
			if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve))
			else running++
			try {
				return await job()
			} finally {
				const next = waiting.shift()
				if (next) next()
				else running--
			}
		},
		get pending() {
			return waiting.length
		},
	}
}
