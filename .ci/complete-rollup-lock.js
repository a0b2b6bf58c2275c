// `node .ci/complete-rollup-lock.js` after an `npm install` that touched rollup (a dev
// dependency of Vitest's Vite), if `npm ci` then fails with "Missing: @rollup/rollup-… from
// lock file". npm ci insists that every optional dependency is locked, but the registry these
// machines reach serves rollup's native package for Linux only, so npm install leaves the other
// platforms out. This writes their entries (version, os, cpu, libc: all npm needs to skip them
// here, and to fetch the right one on a laptop) in npm's own order and format.
import fs from 'node:fs'
import path from 'node:path'

const file = path.join(import.meta.dirname, '..', 'package-lock.json')
const lock = JSON.parse(fs.readFileSync(file, 'utf8'))
const rollup = lock.packages['node_modules/rollup']
let added = 0
for (const [name, version] of Object.entries(rollup?.optionalDependencies ?? {})) {
	const key = `node_modules/${name}`
	if (lock.packages[key]) continue
	// @rollup/rollup-<os>-<cpu>[-<abi>], e.g. rollup-linux-arm64-musl, rollup-win32-x64-msvc
	const [os, cpu, abi = ''] = name.replace('@rollup/rollup-', '').split('-')
	const entry = { version, cpu: [cpu], dev: rollup.dev === true }
	if (os === 'linux') entry.libc = [abi.startsWith('musl') ? 'musl' : 'glibc']
	Object.assign(entry, { license: 'MIT', optional: true, os: [os] })
	if (!entry.dev) delete entry.dev
	lock.packages[key] = entry
	added++
}
lock.packages = Object.fromEntries(
	Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))),
)
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n')
console.log(
	added ? `Added ${added} rollup platform entries to package-lock.json.` : 'package-lock.json already complete.',
)
