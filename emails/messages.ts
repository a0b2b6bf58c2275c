import type { Language } from '#app/i18n/config.ts'

/**
 * The words of every email, in both languages. Plain functions rather than i18next keys:
 * emails render on the server only, and a typo in a placeholder is then a type error.
 */
const en = {
	brand: '售后服务平台 / After-sales Service Portal',
	greeting: (name: string) => `Dear ${name},`,
	signature: 'After-sales Service Department',
	footer:
		'This email was sent automatically by the After-sales Service Portal. Please do not reply to it; if you need help, contact our after-sales service department.',
	linkFallback: 'If the button does not work, copy this link into your browser:',
	verifyEmail: {
		subject: 'Please confirm your email address',
		preview: 'Confirm your email address to finish registering your account.',
		intro:
			'Thank you for registering with the After-sales Service Portal. Please confirm that this email address is yours.',
		action: 'Confirm email address',
		validity: 'This link is valid for 24 hours.',
		notYou: 'If you did not register with us, you can safely ignore this email.',
	},
	resetPassword: {
		subject: 'Reset your password',
		preview: 'Use this link to choose a new password.',
		intro: 'We received a request to reset the password of your account. Use the button below to choose a new one.',
		action: 'Choose a new password',
		validity: (minutes: number) => `This link can be used once and expires in ${minutes} minutes.`,
		notYou: 'If you did not ask for this, ignore this email: your password stays as it is.',
	},
	passwordChanged: {
		subject: 'Your password has been changed',
		preview: 'The password of your account was just changed.',
		body: (time: string) => `The password of your account was changed on ${time}.`,
		ifYou: 'If this was you, there is nothing more to do.',
		notYou: "If this wasn't you, reset your password now and let our after-sales service department know.",
		action: 'Reset password',
	},
	signupExisting: {
		subject: 'You already have an account with us',
		preview: 'Someone tried to register again with this email address.',
		intro:
			'We received a request to register an account with this email address. An account with this address already exists, so no new account was created.',
		signIn: 'You can sign in with your existing account:',
		signInAction: 'Sign in',
		forgot: 'If you have forgotten your password, you can reset it:',
		resetAction: 'Reset password',
		notYou: 'If this was not you, ignore this email: your account has not been changed.',
	},
}

export type EmailMessages = typeof en

const zhCN: EmailMessages = {
	brand: '售后服务平台 / After-sales Service Portal',
	greeting: (name: string) => `尊敬的${name}，您好：`,
	signature: '售后服务部',
	footer: '本邮件由售后服务平台自动发送，请勿直接回复。如需帮助，请联系售后服务部。',
	linkFallback: '如果按钮无法打开，请将以下链接复制到浏览器地址栏：',
	verifyEmail: {
		subject: '请验证您的邮箱地址',
		preview: '验证邮箱地址后即可完成账户注册。',
		intro: '感谢您注册售后服务平台。请点击下方按钮，确认此邮箱地址为您本人所有。',
		action: '验证邮箱地址',
		validity: '该链接 24 小时内有效。',
		notYou: '如果您没有在本平台注册账户，请忽略此邮件。',
	},
	resetPassword: {
		subject: '重置登录密码',
		preview: '请通过此链接设置新的登录密码。',
		intro: '我们收到了重置您账户登录密码的申请。请点击下方按钮设置新密码。',
		action: '设置新密码',
		validity: (minutes: number) => `该链接 ${minutes} 分钟内有效，且只能使用一次。`,
		notYou: '如果这不是您本人的操作，请忽略此邮件，您的密码不会改变。',
	},
	passwordChanged: {
		subject: '您的登录密码已修改',
		preview: '您账户的登录密码刚刚被修改。',
		body: (time: string) => `您账户的登录密码已于 ${time} 修改。`,
		ifYou: '如果是您本人的操作，无需再做处理。',
		notYou: '如果这不是您本人的操作，请立即重置密码，并告知售后服务部。',
		action: '重置密码',
	},
	signupExisting: {
		subject: '您已注册过售后服务平台账户',
		preview: '有人使用此邮箱地址再次申请注册。',
		intro: '我们收到了使用此邮箱地址注册售后服务平台账户的申请。该邮箱地址已注册过账户，因此没有创建新账户。',
		signIn: '您可以使用现有账户直接登录：',
		signInAction: '登录',
		forgot: '如果忘记了密码，可以重置密码：',
		resetAction: '重置密码',
		notYou: '如果这不是您本人的操作，请忽略此邮件，您的账户没有任何变动。',
	},
}

export function emailMessages(language: Language): EmailMessages {
	return language === 'en' ? en : zhCN
}
