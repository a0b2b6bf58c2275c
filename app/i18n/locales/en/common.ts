export default {
	appName: 'After-sales Service Portal',
	skipToContent: 'Skip to main content',
	language: 'Language',
	switchTo: '中文',
	nav: {
		home: 'Home',
		signIn: 'Sign in',
		signUp: 'Create account',
		signOut: 'Sign out',
		account: 'My account',
		mailbox: 'Dev mailbox',
	},
	home: {
		title: 'After-sales complaints, handled in writing and on time',
		lead: 'File a complaint against your order, follow every step, and read our written reply.',
		signedInAs: 'Signed in as {{name}}',
		demoNotice: 'Demo mode: sample data is loaded and emails go to the dev mailbox.',
	},
	errors: {
		notFoundTitle: 'Page not found',
		notFoundBody: 'The page you asked for does not exist, or you cannot see it.',
		genericTitle: 'Something went wrong',
		genericBody: 'Please try again in a moment. If it keeps happening, contact customer service.',
		reference: 'Reference: {{id}}',
		backHome: 'Back to the home page',
		tooManyRequests: 'Too many attempts. Please wait {{seconds}} seconds and try again.',
	},
} as const
