/**
 * Upload benchmark: the memory of the production server while five customers upload ten
 * ~10 MB photos each at once, against the same server idle, and the time the pipeline takes
 * per photo (type check, EXIF strip, re-encode, thumbnail), against one customer uploading
 * alone in the same run.
 *
 *   npm run bench:upload          (builds first; `npx tsx bench/upload-memory.ts` skips the build)
 *
 * It starts `node app/server/main.js` (the real production server, NODE_ENV=production) on a
 * fresh PGlite directory and a fresh storage directory, signs five customers in by writing
 * their sessions into that database before the server opens it, and posts the photos to the
 * photo step's upload endpoint (/complaints/new/:draftId/upload) the way its script does:
 * one file per request, one after another per customer. A second round sends each customer's
 * ten photos in one request, as the step's form does without JavaScript. The server's RSS is
 * read from /proc every 20 ms; per-photo times come from the pipeline's own `upload processed`
 * log lines (LOG_LEVEL=debug), which time the work without the wait in the queue.
 *
 * Targets (issue 3): peak RSS within idle + 200 MB; median per-photo time under 1 s.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, openAsBlob } from 'node:fs'
import { mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import sharp from 'sharp'
import { createSession, SESSION_COOKIE } from '#app/auth/session.server.ts'
import { openDatabase } from '#app/db/database.server.ts'
import { migrate } from '#app/db/migrate.server.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const CUSTOMERS = 5
const PHOTOS_EACH = 10
const BASELINE_PHOTOS = 5
const WIDTH = 4000
const HEIGHT = 2500
const TARGET_GROWTH_MB = 200
const TARGET_MEDIAN_MS = 1000

// ---------------------------------------------------------------------------------------------
// Photos: noisy 4000×2500 JPEGs at quality 94, 4:4:4, with GPS EXIF: ~10.6 MB each, about what
// a phone's 10-megapixel photo weighs. Made once and kept in the OS's temp directory.

async function makePhotos(): Promise<string[]> {
	const dir = path.join(tmpdir(), `upload-bench-photos-v1-${WIDTH}x${HEIGHT}`)
	await mkdir(dir, { recursive: true })
	const files = Array.from({ length: PHOTOS_EACH }, (_, i) => path.join(dir, `photo-${i + 1}.jpg`))
	if ((await Promise.all(files.map((f) => stat(f).catch(() => null)))).every(Boolean)) return files
	console.log(`making ${PHOTOS_EACH} test photos in ${dir} (once, about a minute)...`)
	const raw = { width: WIDTH, height: HEIGHT, channels: 3 as const }
	// sensor-like noise over a smooth random "scene", different for every photo
	const noise = await sharp({
		create: { ...raw, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 16 } },
	})
		.raw()
		.toBuffer()
	for (const file of files) {
		const scene = await sharp({
			create: {
				width: 8,
				height: 5,
				channels: 3,
				background: '#000',
				noise: { type: 'gaussian', mean: 128, sigma: 60 },
			},
		})
			.resize(WIDTH, HEIGHT, { kernel: 'cubic' })
			.raw()
			.toBuffer()
		await sharp(noise, { raw })
			.composite([{ input: scene, raw, blend: 'overlay' }])
			.jpeg({ quality: 94, chromaSubsampling: '4:4:4' })
			.withExif({
				IFD0: { Make: 'BenchCam', Model: 'B1' },
				IFD3: {
					GPSLatitudeRef: 'N',
					GPSLatitude: '31/1 13/1 0/1',
					GPSLongitudeRef: 'E',
					GPSLongitude: '121/1 28/1 0/1',
				},
			})
			.toFile(file)
	}
	return files
}

// ---------------------------------------------------------------------------------------------
// The database: customers, their sessions and drafts, written before the server opens it
// (PGlite is one process's database).

interface Customer {
	cookie: string
	/** one draft per round: a draft takes ten files */
	drafts: string[]
}

async function prepareDatabase(dir: string, people: number, rounds: number): Promise<Customer[]> {
	const db = await openDatabase({ kind: 'pglite', dir })
	try {
		await migrate(db.sql)
		const customers: Customer[] = []
		for (let i = 0; i < people; i++) {
			const user = await db.prisma.user.create({
				data: {
					email: `bench.customer.${i}@example.com`,
					name: `Bench customer ${i}`,
					passwordHash: 'not-a-hash',
					kind: 'CUSTOMER',
					emailVerifiedAt: new Date(),
				},
				select: { id: true, kind: true },
			})
			const session = await createSession(db.prisma, user)
			const drafts: string[] = []
			for (let r = 0; r < rounds; r++) {
				const draft = await db.prisma.complaintDraft.create({
					data: { customerId: user.id, data: {} },
					select: { id: true },
				})
				drafts.push(draft.id)
			}
			customers.push({ cookie: `${SESSION_COOKIE}=${session.token}`, drafts })
		}
		return customers
	} finally {
		await db.close()
	}
}

// ---------------------------------------------------------------------------------------------
// The server, its RSS, and its `upload processed` log lines.

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer()
		probe.once('error', reject)
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number }
			probe.close(() => resolve(port))
		})
	})
}

interface Server {
	process: ChildProcess
	url: string
	/** per-photo processing times logged since the last `take()` */
	take(): number[]
	stop(): Promise<void>
}

async function startServer(work: string): Promise<Server> {
	const port = await freePort()
	const serverTmp = path.join(work, 'server-tmp')
	await mkdir(serverTmp, { recursive: true })
	const child = spawn(process.execPath, ['app/server/main.js'], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			PORT: String(port),
			PGLITE_DIR: path.join(work, 'pglite'),
			STORAGE_DIR: path.join(work, 'storage'),
			DEMO_MODE: '0',
			LOG_LEVEL: 'debug',
			// the upload pipeline's temp files go here, so that the bench can check they are gone
			TMPDIR: serverTmp,
			// allocator and thread-pool settings to compare, when given to the bench
			...Object.fromEntries(
				Object.entries(process.env).filter(([name]) => /^(MALLOC_|UV_THREADPOOL_SIZE$|VIPS_)/.test(name)),
			),
		},
	})
	let times: number[] = []
	const errors: string[] = []
	let ready: () => void
	const listening = new Promise<void>((resolve) => (ready = resolve))
	createInterface({ input: child.stdout! }).on('line', (line) => {
		if (!line.startsWith('{')) return
		const entry = JSON.parse(line) as { msg?: string; processingMs?: number; level?: number }
		if (entry.msg === 'listening') ready()
		if (entry.msg === 'upload processed' && typeof entry.processingMs === 'number') times.push(entry.processingMs)
		if ((entry.level ?? 0) >= 50) errors.push(line)
	})
	child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk))
	const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
	const startTimeout = setTimeout(() => child.kill('SIGTERM'), 60_000)
	await Promise.race([
		listening,
		exited.then((code) => {
			throw new Error(`the server exited (${code}) before listening`)
		}),
	])
	clearTimeout(startTimeout)
	return {
		process: child,
		url: `http://127.0.0.1:${port}`,
		take() {
			const out = times
			times = []
			if (errors.length) throw new Error(`the server logged errors:\n${errors.join('\n')}`)
			return out
		},
		async stop() {
			child.kill('SIGTERM')
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
			await exited
			clearTimeout(timer)
		},
	}
}

async function rssMb(pid: number): Promise<number> {
	const status = await readFile(`/proc/${pid}/status`, 'utf8')
	const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN)
	return kb / 1024
}

/** Samples the process's RSS every 20 ms while `work` runs; returns the peak. */
async function peakRssDuring<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
	let peakMb = await rssMb(pid)
	let sampling = true
	const sampler = (async () => {
		while (sampling) {
			peakMb = Math.max(peakMb, await rssMb(pid))
			await new Promise((r) => setTimeout(r, 20))
		}
	})()
	try {
		const result = await work()
		return { result, peakMb }
	} finally {
		sampling = false
		await sampler
	}
}

// ---------------------------------------------------------------------------------------------
// Clients.

async function upload(server: Server, customer: Customer, draftId: string, files: string[]): Promise<void> {
	const body = new FormData()
	// openAsBlob reads from disk as the request goes: the client holds no photo in memory
	for (const file of files) body.append('photos', await openAsBlob(file, { type: 'image/jpeg' }), path.basename(file))
	const response = await fetch(`${server.url}/complaints/new/${draftId}/upload`, {
		method: 'POST',
		headers: { cookie: customer.cookie, accept: 'application/json' },
		body,
	})
	const answer = (await response.json().catch(() => null)) as { ok?: boolean; error?: string } | null
	if (!response.ok || !answer?.ok) {
		throw new Error(`upload of ${files.length} file(s) failed: ${response.status} ${JSON.stringify(answer)}`)
	}
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b)
	const mid = Math.floor(sorted.length / 2)
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

async function countFiles(dir: string): Promise<number> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])
	return entries.filter((e) => e.isFile()).length
}

const mb = (n: number) => `${n.toFixed(0)} MB`
const ms = (n: number) => `${n.toFixed(0)} ms`

async function main() {
	if (!existsSync(path.join(ROOT, 'build/index.js'))) {
		console.error('No production build: run `npm run build` first (or `npm run bench:upload`, which does).')
		process.exit(1)
	}
	const photos = await makePhotos()
	const photoBytes = (await Promise.all(photos.map((p) => stat(p)))).map((s) => s.size)
	const work = await mkdtemp(path.join(tmpdir(), 'upload-bench-'))
	let server: Server | undefined
	try {
		// customers 0..4 upload under load; customer 5 is the baseline, alone
		const customers = await prepareDatabase(path.join(work, 'pglite'), CUSTOMERS + 1, 2)
		const baselineCustomer = customers.pop()!
		server = await startServer(work)
		const pid = server.process.pid!

		// Idle: started, one page rendered (so Remix's first-request work is not counted as load)
		await fetch(`${server.url}/login`).then((r) => r.text())
		await new Promise((r) => setTimeout(r, 1000))
		const idleSamples: number[] = []
		for (let i = 0; i < 25; i++) {
			idleSamples.push(await rssMb(pid))
			await new Promise((r) => setTimeout(r, 40))
		}
		const idleMb = median(idleSamples)
		server.take()

		// Baseline: one customer, one photo at a time, nobody else on the server
		const baseline = await peakRssDuring(pid, async () => {
			for (const photo of photos.slice(0, BASELINE_PHOTOS)) {
				await upload(server!, baselineCustomer, baselineCustomer.drafts[0]!, [photo])
			}
		})
		const baselineTimes = server.take()

		// Load 1: five customers at once, each sending ten photos one by one (the step's script)
		const started1 = performance.now()
		const load1 = await peakRssDuring(pid, () =>
			Promise.all(
				customers.map(async (c) => {
					for (const photo of photos) await upload(server!, c, c.drafts[0]!, [photo])
				}),
			),
		)
		const wall1 = performance.now() - started1
		const loadTimes1 = server.take()

		// Load 2: five customers at once, each sending ten photos in one request (no JavaScript)
		const started2 = performance.now()
		const load2 = await peakRssDuring(pid, () =>
			Promise.all(customers.map((c) => upload(server!, c, c.drafts[1]!, photos))),
		)
		const wall2 = performance.now() - started2
		const loadTimes2 = server.take()

		const leftoverTemp = await countFiles(path.join(work, 'server-tmp'))
		// the local-disk storage keeps a content-type file per object under .meta/
		const storedObjects =
			(await countFiles(path.join(work, 'storage'))) - (await countFiles(path.join(work, 'storage', '.meta')))

		const uploadedMb = (2 * CUSTOMERS * photoBytes.reduce((a, b) => a + b, 0)) / 1024 / 1024
		const peakMb = Math.max(load1.peakMb, load2.peakMb)
		const growth = peakMb - idleMb
		const loadMedian = median([...loadTimes1, ...loadTimes2])
		const baselineMedian = median(baselineTimes)
		const avgPhotoMb = photoBytes.reduce((a, b) => a + b, 0) / photoBytes.length / 1024 / 1024

		console.log(`
Upload benchmark: ${CUSTOMERS} customers × ${PHOTOS_EACH} photos of ${WIDTH}×${HEIGHT} (${avgPhotoMb.toFixed(1)} MB each), twice
server: node app/server/main.js, NODE_ENV=production, PGlite, local-disk storage, pid ${pid}

memory (server RSS)
  idle                                   ${mb(idleMb)}
  baseline, 1 customer, 1 photo a time   peak ${mb(baseline.peakMb)}  (+${mb(baseline.peakMb - idleMb)})
  5 customers, 1 photo per request       peak ${mb(load1.peakMb)}  (+${mb(load1.peakMb - idleMb)})  in ${(wall1 / 1000).toFixed(1)} s
  5 customers, 10 photos per request     peak ${mb(load2.peakMb)}  (+${mb(load2.peakMb - idleMb)})  in ${(wall2 / 1000).toFixed(1)} s
  peak − idle                            ${mb(growth)}  (target ≤ ${TARGET_GROWTH_MB} MB: ${growth <= TARGET_GROWTH_MB ? 'met' : 'MISSED'})
  ratio peak/idle                        ${(peakMb / idleMb).toFixed(2)}×
  growth per MB uploaded                 ${(growth / uploadedMb).toFixed(3)} MB (${uploadedMb.toFixed(0)} MB uploaded in all)
  ratio load growth / baseline growth    ${(growth / Math.max(1, baseline.peakMb - idleMb)).toFixed(2)}×

per-photo processing (type check, EXIF strip, orientation, re-encode, thumbnail; queue wait excluded)
  baseline median, alone                 ${ms(baselineMedian)}  (n = ${baselineTimes.length})
  under load, median                     ${ms(loadMedian)}  (n = ${loadTimes1.length + loadTimes2.length}; target < ${TARGET_MEDIAN_MS} ms: ${loadMedian < TARGET_MEDIAN_MS ? 'met' : 'MISSED'})
  under load, max                        ${ms(Math.max(...loadTimes1, ...loadTimes2))}
  ratio load / baseline                  ${(loadMedian / baselineMedian).toFixed(2)}×

left behind: ${leftoverTemp} temp files; ${storedObjects} stored objects (expected ${(CUSTOMERS * 2 * PHOTOS_EACH + BASELINE_PHOTOS) * 2}: photos and thumbnails)
`)
		if (loadTimes1.length + loadTimes2.length !== 2 * CUSTOMERS * PHOTOS_EACH) {
			throw new Error('some photos were not processed')
		}
		process.exitCode = growth <= TARGET_GROWTH_MB && loadMedian < TARGET_MEDIAN_MS && leftoverTemp === 0 ? 0 : 1
	} finally {
		await server?.stop()
		await rm(work, { recursive: true, force: true })
	}
}

await main()
