import type { Messages } from '../../messages.ts'
import type en from '../en/tokens.ts'

export default {
	entry: 'API 令牌',
	entryLead: '供贵单位的系统调用 GraphQL 接口的密钥。',
	title: 'API 令牌',
	lead: 'API 令牌让{{organization}}自己的系统调用本平台的 GraphQL 接口。令牌代表整个单位，只具有您为它选择的权限；它写入的内容以创建人的名义显示。单位的任何成员都可以创建和吊销本单位的令牌。',
	usage: '每次请求 {{endpoint}} 时，在以下请求头中带上令牌：',
	docs: 'API 文档：curl 与 TypeScript 示例、分页、错误、限制和 Webhook',
	created: {
		title: '令牌“{{name}}”已创建',
		once: '请立即复制并妥善保存：令牌只显示这一次。我们只保存它的指纹，无法再次显示。',
		label: '新令牌',
	},
	create: {
		title: '新建令牌',
		submit: '创建令牌',
	},
	fields: {
		name: '名称',
		nameHint: '令牌的用途，例如“ERP 同步”，便于区分各个令牌。',
		scopes: '权限',
		expiresInDays: '有效期',
	},
	scope: {
		READ_COMPLAINTS: '查看客诉',
		WRITE_COMPLAINTS: '处理客诉',
		WRITE_REPLIES: '书面答复与备注',
		WEBHOOKS: '管理 Webhook',
	},
	scopeHint: {
		READ_COMPLAINTS: '本单位可见的客诉，以及其中对合作方可见的消息和处理记录。',
		WRITE_COMPLAINTS: '补充信息、开始调查、要求客户补充资料、记录现场调查和取样结果。含查看权限。',
		WRITE_REPLIES: '书面答复客户（对新客诉的首次答复即为受理），以及填写合作方备注。含查看权限。',
		WEBHOOKS: '设置平台向何处推送本单位客诉的事件。',
	},
	expiry: {
		'30': '30 天后',
		'90': '90 天后',
		'365': '一年后',
		never: '永不过期',
		neverHint: '永不过期的令牌在被吊销之前一直有效。',
	},
	list: {
		title: '令牌列表',
		empty: '本单位还没有 API 令牌。',
		name: '名称',
		token: '令牌',
		scopes: '权限',
		created: '创建时间',
		createdBy: '创建人：{{name}}',
		expires: '到期时间',
		never: '永不过期',
		lastUsed: '最近使用',
		notUsed: '尚未使用',
		state: '状态',
		actions: '操作',
	},
	state: {
		active: '有效',
		expired: '已过期',
		revoked: '已吊销',
	},
	revokedBy: '吊销人：{{name}}',
	revoke: '吊销',
	revokeLabel: '吊销“{{name}}”',
	toast: {
		revoked: '令牌已吊销，此后使用它的请求都将被拒绝。',
	},
	validation: {
		nameTooLong: '最多 80 个字符。',
		nameTaken: '本单位已有同名的有效令牌。',
		chooseScope: '请至少选择一项权限。',
	},
	forbidden: {
		title: '您无权使用此页面',
		body: 'API 令牌属于区域代理和办事处，由这些单位的成员在此管理。',
	},
} satisfies Messages<typeof en>
