import type { Messages } from '../../messages.ts'
import type en from '../en/common.ts'

export default {
	appName: '售后服务平台',
	skipToContent: '跳到主要内容',
	language: '语言',
	switchTo: 'English',
	nav: {
		home: '首页',
		signIn: '登录',
		signUp: '注册',
		signOut: '退出登录',
		account: '我的账户',
		myComplaints: '我的投诉',
		mailbox: '开发邮箱',
		console: '工作台',
	},
	home: {
		title: '客户投诉，书面答复，按时处理',
		lead: '针对您的订单提交投诉，随时查看处理进度，并阅读我们的书面答复。',
		signedInAs: '已登录：{{name}}',
		demoNotice: '演示模式：已载入示例数据，邮件发送到开发邮箱。',
	},
	errors: {
		notFoundTitle: '页面不存在',
		notFoundBody: '您访问的页面不存在，或您无权查看。',
		genericTitle: '出错了',
		genericBody: '请稍后重试。如果问题持续出现，请联系客户服务部。',
		reference: '参考编号：{{id}}',
		backHome: '返回首页',
		tooManyRequests: '尝试次数过多，请 {{seconds}} 秒后再试。',
	},
} satisfies Messages<typeof en>
