// The Node entry point: loads the Remix build, whose server entry exports startServer
// (app/entry.server.tsx), so that the HTTP server and the routes share one module graph.
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const buildPath = path.resolve('build/index.js')
const build = await import(pathToFileURL(buildPath).href).catch((error) => {
	if (error?.code === 'ERR_MODULE_NOT_FOUND') {
		console.error('No build found at build/index.js: run `npm run build` first.')
		process.exit(1)
	}
	throw error
})
await build.entry.module.startServer(build)
