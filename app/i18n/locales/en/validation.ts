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
	choose: 'Please choose one.',
	orderNumberTooLong: 'An order number has at most 40 characters.',
	orderNumberInvalid:
		'An order number has only letters, digits, "-", "_" and "/": type it as printed on the order or delivery note.',
	orderNotFound:
		'Order {{orderNumber}} is not among your orders. Check the number; if the order was placed with another email address, sign in with that one.',
	orderLineNotFound: 'Choose one of the products on this order.',
	titleTooLong: 'The title has at most 80 characters.',
	descriptionTooShort: 'Please write at least 10 characters about what happened.',
	descriptionTooLong: 'The description has at most 4,000 characters.',
	phoneInvalid: 'Enter a valid phone number, for example +86 138 0013 8000.',
	phoneRequired: 'Leave a phone number if you prefer a call.',
	messageTooLong: 'A message has at most 4,000 characters.',
	reasonTooLong: 'The reason has at most 2,000 characters.',
	tooManyFiles: 'A complaint can have at most {{max}} files.',
	fileTooLarge: '"{{name}}" is larger than {{maxMb}} MB.',
	fileTypeNotAccepted: '"{{name}}" is not a JPEG, PNG, WebP or HEIC image, nor a PDF.',
	fileUnreadable: '"{{name}}" cannot be read; the file may be damaged.',
	imageTooLarge: '"{{name}}" has too many pixels (at most 40 megapixels).',
	draftIncomplete: 'Some steps are not filled in yet; please complete them first.',
	replyRequired: 'Resolving or rejecting a complaint needs a written reply to the customer.',
	tooManyFilesAtOnce: 'Attach at most {{max}} files at a time.',
	notInFuture: 'This date cannot be in the future.',
	evidenceRequired: 'A product-quality finding needs at least one evidence photo.',
	// filing for a customer (a dealer through the API, staff from a call or an email)
	lineNumberNotOnOrder: 'This order has no line {{lineNumber}}.',
	customerNotRegistered:
		'The customer of this order has no verified account in the portal yet. Ask them to sign up with the email address on the order, then file again.',
	idempotencyKeyInvalid: 'An idempotency key has 1 to 100 characters: letters, digits and punctuation, no spaces.',
	idempotencyKeyReused:
		'This idempotency key was used for a different complaint. Use a new key for each new complaint.',
	channelRequired: 'Say how the complaint reached you: PHONE or EMAIL.',
	channelNotAllowed:
		'Only staff say how a complaint reached the company; a dealer files through the API. Leave the channel out.',
	// the satisfaction survey
	surveyScoreRequired: 'Please choose a score.',
	surveyCommentTooLong: 'Please keep it to 2,000 characters.',
} as const
