/** @type {import('@remix-run/dev').AppConfig} */
export default {
	serverModuleFormat: 'esm',
	serverPlatform: 'node',
	ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}', '**/*.css'],
	// Files beside routes with these names are helpers, not routes.
	routes: undefined,
	future: {
		v3_fetcherPersist: true,
		v3_relativeSplatPath: true,
		v3_throwAbortReason: true,
		v3_lazyRouteDiscovery: true,
		v3_singleFetch: true,
	},
}
