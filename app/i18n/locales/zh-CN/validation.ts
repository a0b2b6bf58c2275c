import type { Messages } from '../../messages.ts'
import type en from '../en/validation.ts'

export default {
	required: '此项为必填项。',
	emailInvalid: '请输入有效的电子邮箱，例如 name@example.com。',
	emailTooLong: '电子邮箱最多 254 个字符。',
	passwordTooShort: '密码至少 8 个字符。',
	passwordTooLong: '密码最多 128 个字符。',
	passwordsDiffer: '两次输入的密码不一致。',
	passwordUnchanged: '新密码不能与当前密码相同。',
	nameTooLong: '姓名最多 80 个字符。',
	honeypot: '表单未能提交，请重试。',
} satisfies Messages<typeof en>
