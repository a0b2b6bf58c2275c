export default {
	required: 'This field is required.',
	emailInvalid: 'Enter an email address like name@example.com.',
	emailTooLong: 'An email address can be at most 254 characters.',
	passwordTooShort: 'Use at least 8 characters.',
	passwordTooLong: 'Use at most 128 characters.',
	passwordsDiffer: 'The two passwords do not match.',
	passwordUnchanged: 'Choose a password different from the current one.',
	nameTooLong: 'A name can be at most 80 characters.',
	honeypot: 'This form could not be sent. Please try again.',
} as const
