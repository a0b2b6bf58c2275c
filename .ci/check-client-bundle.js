// After `remix build`: fail if server-only code reached the browser bundle. The classic
// compiler turns an accidental import of a *.server.ts file into an empty module instead
// of an error, and some server code would still leak through shared modules.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const MARKERS = [
	'PrismaClient',
	'@prisma/client/runtime',
	'SESSION_SECRET',
	'RESEND_API_KEY',
	'DATABASE_URL',
	'argon2',
	'pg-pool',
]
const root = 'public/build'
const offenders = []
function walk(dir) {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const file = path.join(dir, entry.name)
		if (entry.isDirectory()) walk(file)
		else if (file.endsWith('.js')) {
			const text = readFileSync(file, 'utf8')
			for (const marker of MARKERS) if (text.includes(marker)) offenders.push(`${file}: ${marker}`)
		}
	}
}
walk(root)
if (offenders.length) {
	console.error('Server-only code found in the browser bundle:\n' + offenders.join('\n'))
	process.exit(1)
}
console.log('Browser bundle is free of server-only markers.')
