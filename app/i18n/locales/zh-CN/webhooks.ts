import type { Messages } from '../../messages.ts'
import type en from '../en/webhooks.ts'

export default {
	entry: 'Webhook',
	entryLead: '客诉有变化时，由平台通知贵单位的系统。',
	title: 'Webhook',
	lead: '当本单位的客诉被提交、状态变化或有新消息时，平台会向{{organization}}的系统发送带签名的 HTTPS POST 请求。请求中只包含贵单位在平台上可以看到的内容。单位的任何成员都可以添加和删除本单位的接收地址。',
	verify:
		'每个请求带有 X-Webhook-Id（重试时不变，重复的请求请忽略）、X-Webhook-Timestamp（Unix 秒）和 X-Webhook-Signature：v1= 加上用接收地址密钥对“时间戳.请求体”计算的 HMAC-SHA256 十六进制值。请用恒定时间比较，并拒绝超过五分钟的时间戳。请在 10 秒内以 2xx 应答；其他应答会按逐渐增加的间隔重试，约三小时。',
	docs: '如何验证签名（附 TypeScript 示例）：API 文档',
	created: {
		title: '接收地址已添加',
		once: '请立即复制并妥善保存签名密钥：它只显示这一次。贵单位的接收程序需要用它验证请求来自本平台。',
		label: '{{url}} 的签名密钥',
	},
	create: {
		title: '新建接收地址',
		submit: '添加接收地址',
	},
	fields: {
		url: 'URL',
		urlHint: '贵单位系统的 https:// 地址，将收到带 JSON 请求体的 POST 请求。',
		events: '事件',
	},
	event: {
		COMPLAINT_CREATED: '客诉已提交',
		STATUS_CHANGED: '状态变化',
		REPLY_ADDED: '新消息',
		SURVEY_ANSWERED: '满意度调查已填写',
	},
	eventHint: {
		COMPLAINT_CREATED: '客户针对贵单位销售的订单或本区域提交了客诉。',
		STATUS_CHANGED: '客诉有进展，例如已受理、已解决或已结案。',
		REPLY_ADDED: '给客户的书面答复、客户的留言或合作方备注。',
		SURVEY_ANSWERED: '客户填写或修改了满意度调查：只含评分，不含客户的留言。',
	},
	list: {
		title: '接收地址',
		empty: '本单位还没有 Webhook 接收地址。',
		url: 'URL',
		events: '事件',
		created: '添加时间',
		createdBy: '添加人：{{name}}',
		actions: '操作',
	},
	sendTest: '发送测试',
	sendTestLabel: '向 {{url}} 发送测试事件',
	remove: '删除',
	removeLabel: '删除 {{url}}',
	log: {
		title: '最近的投递',
		lead: '向本单位接收地址的最近 50 次投递。',
		empty: '尚无投递。',
		event: '事件',
		endpoint: '接收地址',
		created: '排队时间',
		status: '状态',
		attempts: '尝试次数',
		statusCode: '应答',
		noResponse: '无',
		nextAttempt: '下次尝试：',
	},
	deliveryStatus: {
		PENDING: '待投递',
		SUCCEEDED: '已送达',
		DEAD: '失败',
	},
	toast: {
		removed: '接收地址已删除，不再向它发送任何内容。',
		testQueued: '测试事件已发出，投递结果见下方记录。',
	},
	validation: {
		urlInvalid: '请输入完整的 URL，例如 https://example.com/webhooks。',
		urlHttps: '请使用 https:// 地址。',
		urlHttpsOrLocal: '请使用 https:// 地址（开发时可用 http://localhost）。',
		urlPrivate: '{{host}} 不是互联网地址（{{reason}}）：请使用贵单位系统的公网地址。Webhook 不会发往内网或本机地址。',
		urlCredentials: '请不要在 URL 中填写用户名和密码。',
		urlTooLong: '最多 500 个字符。',
		chooseEvent: '请至少选择一个事件。',
		tooMany: '每个单位最多 {{max}} 个接收地址。',
	},
	forbidden: {
		title: '您无权使用此页面',
		body: 'Webhook 属于区域代理和办事处，由这些单位的成员在此管理。',
	},
} satisfies Messages<typeof en>
