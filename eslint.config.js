import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// The classic Remix compiler turns an import of a *.server.ts file from browser code into an
// empty module instead of an error, so the boundary is enforced here (see STYLE.md, "Remix").
// Type-only imports are erased by the compiler and may cross it.
const serverOnly = [
	{
		regex: String.raw`\.server(\.[cm]?[jt]sx?)?$`,
		allowTypeImports: true,
		message: 'Server-only module: browser-bound code may import its types only (`import type`).',
	},
	{
		regex: String.raw`^(#graphql/|(\.\.?/)+(.*/)?graphql/)`,
		allowTypeImports: true,
		message: 'The GraphQL server stays on the server; share the rule through app/domain instead.',
	},
	{
		// enums.ts and browser.ts are Prisma's own browser-safe entry points.
		regex: String.raw`^(#app/|(\.\.?/)+)(.*/)?generated/prisma/(?!(enums|browser)\.ts$)`,
		allowTypeImports: true,
		message: 'The Prisma client is server-only: import types with `import type`, enums from enums.ts.',
	},
]
const prismaPackages = [
	{ name: '@prisma/client', allowTypeImports: true, message: 'The Prisma client is server-only.' },
	{ name: '@prisma/adapter-pg', message: 'Database drivers are server-only.' },
	{ name: 'pg', message: 'Database drivers are server-only.' },
	{ name: '@electric-sql/pglite', message: 'Database drivers are server-only.' },
]

// `import { z } from 'zod'` takes Zod's namespace object as a value, which esbuild cannot tree-shake:
// every locale and the JSON-schema tools went to the browser (+65 KB gzipped on each form page).
const zodNamespaceOnly = {
	selector:
		"ImportDeclaration[source.value=/^zod/] > :matches(ImportSpecifier[imported.name='z'], ImportDefaultSpecifier)",
	message: "Write `import * as z from 'zod'`, which esbuild can tree-shake.",
}

// app/domain is plain TypeScript that both front doors (Remix routes and GraphQL) call.
const domainOnly = [
	{
		group: [
			'@remix-run/*',
			'react',
			'react-dom',
			'react-dom/*',
			'react-i18next',
			'graphql',
			'graphql-yoga',
			'@pothos/*',
		],
		message: 'app/domain is plain TypeScript: no Remix, React or GraphQL.',
	},
	{ regex: String.raw`^(#app/routes/|(\.\.?/)+routes/)`, message: 'app/domain must not import routes.' },
]

export default defineConfig(
	{
		ignores: [
			'build/',
			'public/build/',
			'app/generated/',
			'node_modules/',
			'data/',
			'test-results/',
			'playwright-report/',
			'e2e/.artifacts/',
			'.cache/',
		],
	},
	js.configs.recommended,
	tseslint.configs.recommended,
	{
		files: ['**/*.{js,jsx,ts,tsx}'],
		languageOptions: {
			ecmaVersion: 2023,
			sourceType: 'module',
			globals: { ...globals.node },
		},
		linterOptions: { reportUnusedDisableDirectives: 'error' },
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
			],
			// Remix's AppLoadContext is widened by declaration merging, which needs an interface.
			'@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
			// `import { type A } from 'x'` keeps a side-effect import of x under verbatimModuleSyntax.
			'@typescript-eslint/no-import-type-side-effects': 'error',
		},
	},
	{
		files: ['app/**/*.{ts,tsx}', 'emails/**/*.{ts,tsx}'],
		plugins: react.configs.flat.recommended.plugins,
		languageOptions: {
			...react.configs.flat.recommended.languageOptions,
			globals: { ...globals.browser, ...globals.node },
		},
		rules: {
			...react.configs.flat.recommended.rules,
			...react.configs.flat['jsx-runtime'].rules,
			// TypeScript checks props.
			'react/prop-types': 'off',
		},
		settings: { react: { version: 'detect' } },
	},
	{
		files: ['app/**/*.{ts,tsx}', 'emails/**/*.{ts,tsx}'],
		...reactHooks.configs.flat.recommended,
	},
	{
		files: ['app/**/*.{ts,tsx}', 'emails/**/*.{ts,tsx}'],
		...jsxA11y.flatConfigs.recommended,
	},
	{
		files: ['app/components/**', 'app/entry.client.tsx', 'app/i18n/**', 'emails/**'],
		// tests run on the server only
		ignores: ['**/*.server.*', '**/*.test.*'],
		rules: {
			'no-restricted-imports': ['error', { paths: prismaPackages, patterns: serverOnly }],
		},
	},
	{
		files: ['app/**/*.{ts,tsx}'],
		ignores: ['**/*.server.*', '**/*.test.*'],
		rules: { 'no-restricted-syntax': ['error', zodNamespaceOnly] },
	},
	{
		files: ['app/domain/**'],
		ignores: ['**/*.test.*'],
		rules: {
			'no-restricted-imports': ['error', { paths: prismaPackages, patterns: [...serverOnly, ...domainOnly] }],
		},
	},
)
