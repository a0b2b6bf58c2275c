/**
 * `npm run bench:js`: the JavaScript a browser downloads for each customer page, gzipped, from
 * the production build's Remix manifest (entry, root, and the route's own chunks and imports),
 * against the budget of DESIGN.md §9 (150 KB gzipped on customer pages) and against the
 * framework alone (entry + root), measured in the same build as the baseline.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

const BUDGET_KB = 150
const root = path.resolve(import.meta.dirname, '..')
const buildDir = path.join(root, 'public/build')
const manifestFile = readdirSync(buildDir).find((f) => /^manifest-.*\.js$/.test(f))
if (!manifestFile) throw new Error('No Remix manifest in public/build: run `npm run build` first.')
const manifest = JSON.parse(
	readFileSync(path.join(buildDir, manifestFile), 'utf8')
		.replace(/^window\.__remixManifest=/, '')
		.replace(/;$/, ''),
) as {
	entry: { module: string; imports: string[] }
	routes: Record<string, { module: string; imports?: string[] }>
}

const gzipped = (url: string) => gzipSync(readFileSync(path.join(root, 'public', url))).length

function pageBytes(routeIds: string[]): { bytes: number; files: number } {
	const files = new Set([manifest.entry.module, ...manifest.entry.imports, `/build/${manifestFile}`])
	for (const id of ['root', ...routeIds]) {
		const route = manifest.routes[id]
		if (!route) throw new Error(`No route ${id} in the manifest`)
		files.add(route.module)
		for (const url of route.imports ?? []) files.add(url)
	}
	let bytes = 0
	for (const url of files) bytes += gzipped(url)
	return { bytes, files: files.size }
}

const PAGES: Record<string, string[]> = {
	'/ (home)': ['routes/_index'],
	'/login': ['routes/_auth', 'routes/_auth.login'],
	'/signup': ['routes/_auth', 'routes/_auth.signup'],
	'/complaints': ['routes/complaints._index'],
	'/complaints/:reference': ['routes/complaints.$reference'],
	'/complaints/new/:draft/order': ['routes/complaints.new.$draftId', 'routes/complaints.new.$draftId.order'],
	'/complaints/new/:draft/details': ['routes/complaints.new.$draftId', 'routes/complaints.new.$draftId.details'],
	'/complaints/new/:draft/photos': ['routes/complaints.new.$draftId', 'routes/complaints.new.$draftId.photos'],
	'/complaints/new/:draft/review': ['routes/complaints.new.$draftId', 'routes/complaints.new.$draftId.review'],
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1)
const baseline = pageBytes([])
console.log(`baseline (entry + root): ${kb(baseline.bytes)} KB gzipped, ${baseline.files} files\n`)
console.log('page'.padEnd(34), 'KB gz'.padStart(7), 'files'.padStart(6), '× baseline'.padStart(11), '  budget')
let over = 0
for (const [page, routes] of Object.entries(PAGES)) {
	const { bytes, files } = pageBytes(routes)
	const within = bytes <= BUDGET_KB * 1024
	if (!within) over++
	console.log(
		page.padEnd(34),
		kb(bytes).padStart(7),
		String(files).padStart(6),
		`${(bytes / baseline.bytes).toFixed(2)}×`.padStart(11),
		within ? `  ≤ ${BUDGET_KB} KB` : `  over ${BUDGET_KB} KB by ${kb(bytes - BUDGET_KB * 1024)} KB`,
	)
}
console.log(`\n${over} of ${Object.keys(PAGES).length} pages over the ${BUDGET_KB} KB budget`)
