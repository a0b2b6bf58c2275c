import { createRequestHandler } from '@remix-run/express'
import type { ActionFunctionArgs, ServerBuild } from '@remix-run/node'
import express from 'express'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { createLocalDiskStorage } from '#app/storage/local-disk.server.ts'
import { receiveUploads, UploadAbortedError } from './receive-uploads.server.ts'
import { listFiles, listObjects, plainImage } from './test-fixtures.ts'

/**
 * A client that disconnects halfway through an upload, against the production request path:
 * Express, Remix's Express adapter (which turns the Node request into a streaming Request whose
 * signal aborts when the connection closes) and a resource route's action calling
 * receiveUploads. The server build is a stand-in with that one route.
 */

let storageDir: string
let tmpDir: string
let server: http.Server
let port: number
let outcome: Promise<unknown>
let settle: (value: unknown) => void

beforeEach(async () => {
	storageDir = await mkdtemp(path.join(tmpdir(), 'abort-storage-'))
	tmpDir = await mkdtemp(path.join(tmpdir(), 'abort-tmp-'))
	outcome = new Promise((resolve) => (settle = resolve))
	const storage = createLocalDiskStorage(storageDir)
	async function action({ request }: ActionFunctionArgs) {
		try {
			const { files } = await receiveUploads(request, { storage, tmpDir })
			settle(files)
			return Response.json({ files: files.length })
		} catch (error) {
			settle(error)
			return new Response('failed', { status: 400 })
		}
	}
	const build = {
		mode: 'production',
		entry: { module: { default: () => new Response('no documents here', { status: 404 }), handleError: () => {} } },
		routes: {
			root: { id: 'root', path: '', module: {} },
			'routes/upload': { id: 'routes/upload', parentId: 'root', path: 'upload', module: { action } },
		},
		assets: { entry: { module: '/e.js', imports: [] }, routes: {}, url: '/m.js', version: '1' },
		publicPath: '/build/',
		assetsBuildDirectory: 'public/build',
		future: {},
		isSpaMode: false,
	} as unknown as ServerBuild
	const app = express()
	app.all('*', createRequestHandler({ build, mode: 'production' }))
	server = app.listen(0, '127.0.0.1')
	await new Promise((resolve) => server.once('listening', resolve))
	port = (server.address() as AddressInfo).port
})

afterEach(async () => {
	server.closeAllConnections()
	await new Promise((resolve) => server.close(resolve))
	await rm(storageDir, { recursive: true, force: true })
	await rm(tmpDir, { recursive: true, force: true })
})

const boundary = '----upload-abort-test'
function partHead(name: string, type: string) {
	return Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
	)
}

/** Starts a multipart POST that claims `totalBytes` and sends only what it is given. */
function startUpload(totalBytes: number) {
	const request = http.request({
		host: '127.0.0.1',
		port,
		path: '/upload',
		method: 'POST',
		headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': totalBytes },
	})
	request.on('error', () => {}) // we are the ones who cut it
	return request
}

async function waitFor(check: () => Promise<boolean>, what: string) {
	const deadline = Date.now() + 10_000
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
		await new Promise((r) => setTimeout(r, 20))
	}
}

test('a client that disconnects in the middle of its first file leaves no temp file behind', async () => {
	const request = startUpload(20 * 1024 * 1024)
	request.write(partHead('halfway.jpg', 'image/jpeg'))
	request.write(randomBytes(2 * 1024 * 1024))
	// the server has started writing the file to its temp directory
	await waitFor(async () => {
		const files = await listFiles(tmpDir)
		return files.length > 0 && (await stat(path.join(tmpDir, files[0]!))).size > 0
	}, 'the temp file')
	request.destroy()

	expect(await outcome).toBeInstanceOf(UploadAbortedError)
	expect(await listFiles(tmpDir)).toEqual([])
	expect(await listObjects(storageDir)).toEqual([])
})

test('a client that disconnects after one photo was stored leaves neither temp files nor stored objects', async () => {
	const request = startUpload(20 * 1024 * 1024)
	request.write(partHead('first.jpg', 'image/jpeg'))
	request.write(await plainImage('jpeg', 1200, 900))
	request.write(Buffer.from('\r\n'))
	request.write(partHead('second.jpg', 'image/jpeg'))
	request.write(randomBytes(1024 * 1024))
	// the first photo was checked, cleaned and stored (photo and thumbnail)
	await waitFor(async () => (await listObjects(storageDir)).length === 2, 'the first photo in storage')
	request.destroy()

	expect(await outcome).toBeInstanceOf(UploadAbortedError)
	expect(await listFiles(tmpDir)).toEqual([])
	expect(await listObjects(storageDir)).toEqual([])
})

test('the same route receives a complete upload', async () => {
	const photo = await plainImage('jpeg')
	const body = Buffer.concat([partHead('whole.jpg', 'image/jpeg'), photo, Buffer.from(`\r\n--${boundary}--\r\n`)])
	const response = await fetch(`http://127.0.0.1:${port}/upload`, {
		method: 'POST',
		headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
		body,
	})
	expect(await response.json()).toEqual({ files: 1 })
	expect(await listObjects(storageDir)).toHaveLength(2)
	expect(await listFiles(tmpDir)).toEqual([])
})
