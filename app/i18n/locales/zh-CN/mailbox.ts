import type { Messages } from '../../messages.ts'
import type en from '../en/mailbox.ts'

export default {
	title: '开发邮箱',
	intro: '这里列出平台本应发出的邮件。当前未配置邮件服务商，邮件不会离开本机。',
	filterLabel: '收件人地址',
	filter: '筛选',
	clearFilter: '显示全部',
	empty: '暂无邮件。',
	emptyFor: '没有发给 {{to}} 的邮件。',
	columns: {
		to: '收件人',
		subject: '主题',
		template: '模板',
		status: '状态',
		time: '时间',
	},
	status: {
		PENDING: '待发送',
		SENT: '已投递',
		DEAD: '发送失败',
	},
	back: '返回邮箱',
	sentAt: '投递时间',
	html: 'HTML 版本',
	text: '纯文本版本',
	previewTitle: '邮件预览：{{subject}}',
} satisfies Messages<typeof en>
