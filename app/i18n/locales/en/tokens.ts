export default {
	entry: 'API tokens',
	entryLead: 'Keys for your organization’s systems to use the GraphQL API.',
	title: 'API tokens',
	lead: 'API tokens let {{organization}}’s own systems use the portal’s GraphQL API. A token acts for the whole organization with the permissions you choose; what it writes appears under the name of the person who created it. Any member of the organization can create and revoke its tokens.',
	usage: 'Send the token with every request to {{endpoint}} in this header:',
	docs: 'API documentation: first requests in curl and TypeScript, pagination, errors, limits and webhooks',
	created: {
		title: 'Token “{{name}}” created',
		once: 'Copy it now and keep it somewhere safe: it is shown only this once. We keep only a fingerprint of it, so we cannot show it again.',
		label: 'Your new token',
	},
	create: {
		title: 'New token',
		submit: 'Create token',
	},
	fields: {
		name: 'Name',
		nameHint: 'What the token is for, such as “ERP sync”: you will tell tokens apart by it.',
		scopes: 'What it may do',
		expiresInDays: 'Expires',
	},
	scope: {
		READ_COMPLAINTS: 'Read complaints',
		WRITE_COMPLAINTS: 'Work on complaints',
		WRITE_REPLIES: 'Write replies and notes',
		WEBHOOKS: 'Manage webhooks',
	},
	scopeHint: {
		READ_COMPLAINTS: 'The complaints your organization may see, with their partner-visible messages and events.',
		WRITE_COMPLAINTS:
			'Add information, start investigations, request information and record findings. Includes reading.',
		WRITE_REPLIES:
			'Reply to customers (the first reply acknowledges a new complaint) and write partner notes. Includes reading.',
		WEBHOOKS: 'Set up where the portal sends events about your complaints.',
	},
	expiry: {
		'30': 'In 30 days',
		'90': 'In 90 days',
		'365': 'In a year',
		never: 'Never',
		neverHint: 'A token that never expires works until someone revokes it.',
	},
	list: {
		title: 'Tokens',
		empty: 'Your organization has no API tokens yet.',
		name: 'Name',
		token: 'Token',
		scopes: 'Permissions',
		created: 'Created',
		createdBy: 'by {{name}}',
		expires: 'Expires',
		never: 'Never',
		lastUsed: 'Last used',
		notUsed: 'Not yet',
		state: 'State',
		actions: 'Actions',
	},
	state: {
		active: 'Active',
		expired: 'Expired',
		revoked: 'Revoked',
	},
	revokedBy: 'by {{name}}',
	revoke: 'Revoke',
	revokeLabel: 'Revoke “{{name}}”',
	toast: {
		revoked: 'The token is revoked. Requests with it are refused from now on.',
	},
	validation: {
		nameTooLong: 'Use at most 80 characters.',
		nameTaken: 'Your organization already has a live token with this name.',
		chooseScope: 'Choose at least one permission.',
	},
	forbidden: {
		title: 'Not available to you',
		body: 'API tokens belong to dealers and regional offices; members of those organizations manage them here.',
	},
} as const
