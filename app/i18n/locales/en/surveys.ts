/**
 * The satisfaction survey as the customer answers it: by the emailed link (no sign-in) or from
 * their complaint page. Dimension names are short, as on the survey form and in the reports.
 */
export default {
	title: 'Customer satisfaction survey',
	titleKeyAccount: 'Customer satisfaction survey {{year}}',
	about: 'About your complaint {{reference}}: “{{title}}”',
	lead: 'Seven quick questions, about a minute. Score each from 1 (very dissatisfied) to 5 (very satisfied).',
	leadKeyAccount:
		'How satisfied were you with our products, delivery and service this year? Score each from 1 (very dissatisfied) to 5 (very satisfied).',
	dimension: {
		timeliness: 'Timeliness of our response',
		communication: 'Communication and attitude',
		resolutionQuality: 'Quality of the resolution',
		productQuality: 'Product quality',
		delivery: 'Delivery and logistics',
		priceFairness: 'Price fairness',
		overall: 'Overall satisfaction',
	},
	scale: {
		'1': 'Very dissatisfied',
		'2': 'Dissatisfied',
		'3': 'Neutral',
		'4': 'Satisfied',
		'5': 'Very satisfied',
	},
	scaleEnds: '1 = very dissatisfied · 5 = very satisfied',
	notApplicable: 'Does not apply',
	optional: '(optional)',
	recommend: {
		label: 'How likely are you to recommend us to a colleague or friend?',
		ends: '0 = not at all likely · 10 = extremely likely',
	},
	comment: {
		label: 'Your expectations and complaints (optional)',
		hint: 'What should we keep doing, and what should we do better?',
	},
	submit: 'Send my answers',
	update: 'Save my changes',
	sending: 'Sending…',
	answered: {
		title: 'Thank you for your answers',
		body: 'You can change them until {{until}}, or until the complaint is closed.',
		bodyKeyAccount: 'You can change them until {{until}}.',
	},
	low: {
		title: 'We are sorry we did not do better',
		body: 'A manager has been asked to contact you about it.',
		reopen: 'If the problem is not solved, we can reopen your complaint: it then goes to head office for review.',
		reason: 'What is still wrong?',
		submit: 'Reopen my complaint',
		requested: 'You asked us to reopen the complaint on {{at}}; head office is reviewing it.',
	},
	state: {
		expired: 'This survey expired on {{at}} and can no longer be answered or changed.',
		closed: 'This complaint is closed, so the survey can no longer be answered or changed.',
		invalidTitle: 'This survey link does not work',
		invalid:
			'The link may be incomplete: copy the whole link from the email into your browser. If you have an account, you can also answer the survey from your complaint’s page.',
	},
	yourAnswers: 'Your answers',
	skipped: 'not scored',
	noComment: 'No comment.',
	panel: {
		title: 'Satisfaction survey',
		open: 'How did we do? Seven quick questions, about a minute, until {{until}}.',
		answer: 'Answer the survey',
		answered: 'Thank you for answering our survey.',
		edit: 'View or change my answers',
		view: 'View my answers',
		expired: 'The survey expired without an answer.',
		closed: 'The complaint is closed; the survey can no longer be answered.',
	},
	back: 'Back to the complaint',
	toast: {
		answered: 'Thank you: your answers have been saved.',
		updated: 'Your changes have been saved.',
		reopened: 'Your complaint has been reopened and passed to head office.',
	},
	error: {
		closed: 'The survey can no longer be changed.',
		notAllowed: 'This is no longer possible.',
	},
} as const
