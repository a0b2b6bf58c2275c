/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

// Single fetch (enabled in remix.config.js) changes what loaders' `data()` infers to.
declare module '@remix-run/node' {
	interface Future {
		v3_singleFetch: true
	}
}
export {}
