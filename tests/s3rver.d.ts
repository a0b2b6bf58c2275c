// s3rver ships no types; what tests/s3-server.ts uses of it.
declare module 's3rver' {
	import type { AddressInfo } from 'node:net'
	interface S3rverOptions {
		address?: string
		port?: number
		silent?: boolean
		directory?: string
		configureBuckets?: Array<{ name: string; configs: Array<string | Buffer> }>
	}
	export default class S3rver {
		constructor(options: S3rverOptions)
		run(): Promise<AddressInfo | string>
		close(): Promise<void>
	}
}
