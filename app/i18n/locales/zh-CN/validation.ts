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
	choose: '请选择一项。',
	orderNumberTooLong: '订单号最多 40 个字符。',
	orderNumberInvalid: '订单号只能包含字母、数字和“-”“_”“/”，请按订单或发货单上的样子填写。',
	orderNotFound:
		'在您的订单中没有找到订单号 {{orderNumber}}。请核对订单号；如果订单是用其他邮箱下的，请用那个邮箱登录。',
	orderLineNotFound: '请从这个订单的产品中选择一项。',
	titleTooLong: '标题最多 80 个字符。',
	descriptionTooShort: '请至少写 10 个字，说清楚发生了什么。',
	descriptionTooLong: '描述最多 4000 个字。',
	phoneInvalid: '请输入有效的电话号码，例如 138 0013 8000 或 021-6234 5678。',
	phoneRequired: '选择电话联系时，请留下电话号码。',
	messageTooLong: '内容最多 4000 个字。',
	reasonTooLong: '原因最多 2000 个字。',
	tooManyFiles: '每个投诉最多 {{max}} 个文件。',
	fileTooLarge: '“{{name}}”超过了 {{maxMb}} MB。',
	fileTypeNotAccepted: '“{{name}}”不是 JPEG、PNG、WebP、HEIC 图片或 PDF 文件。',
	fileUnreadable: '“{{name}}”无法读取，文件可能已损坏。',
	imageTooLarge: '“{{name}}”的像素太多（最多 4000 万像素）。',
	draftIncomplete: '还有未填写的步骤，请先完成。',
	replyRequired: '解决或驳回投诉时，请给客户写一份书面答复。',
} satisfies Messages<typeof en>
