// heic-decode ships no types; the part app/uploads/inspect-file.server.ts uses.
declare module 'heic-decode' {
	interface DecodedImage {
		width: number
		height: number
		/** RGBA, 4 bytes a pixel */
		data: Uint8ClampedArray
	}
	interface LazyImage {
		width: number
		height: number
		decode(): Promise<DecodedImage>
	}
	interface HeicDecode {
		(input: { buffer: ArrayBufferLike | Uint8Array }): Promise<DecodedImage>
		all(input: { buffer: ArrayBufferLike | Uint8Array }): Promise<LazyImage[]>
	}
	const decode: HeicDecode
	export default decode
}
