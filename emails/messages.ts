import type {
	ComplaintCategory,
	ComplaintSeverity,
	ComplaintStatus,
	CostBearer,
	DurationUnit,
	RequestedRemedy,
	Responsibility,
	StaffRole,
} from '#app/generated/prisma/enums.ts'
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
	// The complaint emails (complaint-received, complaint-updated, complaint-digest): statuses,
	// categories and remedies in the customer's words, not the workflow's.
	complaint: {
		status: {
			SUBMITTED: 'Received, waiting for our first response',
			ACKNOWLEDGED: 'Accepted for handling',
			INVESTIGATING: 'Being looked into',
			WAITING_ON_CUSTOMER: 'Waiting for information from you',
			RESOLUTION_PROPOSED: 'Solution proposed, waiting for your answer',
			RESOLVING: 'Solution being carried out',
			RESOLVED: 'Resolved',
			REJECTED: 'Found not to be our responsibility',
			ESCALATED: 'Referred to head office',
			CLOSED: 'Closed',
		} satisfies Record<ComplaintStatus, string>,
		category: {
			PRODUCT_QUALITY: 'Product quality',
			HANDLING_DAMAGE: 'Damage in transport, storage or handling',
			SERVICE_CONDUCT: 'Service attitude or staff conduct',
			SALES_POLICY: 'Sales policy',
			OTHER: 'Other',
		} satisfies Record<ComplaintCategory, string>,
		remedy: {
			REPLACEMENT: 'Replacement',
			REPAIR: 'Repair',
			REFUND: 'Refund',
			EXPLANATION: 'An explanation',
			OTHER: 'Something else',
		} satisfies Record<RequestedRemedy, string>,
		/** what happens next in each status; `due` is the promised time, already formatted */
		nextStep: {
			SUBMITTED: (due: string | null) =>
				due
					? `We will give you our first response in writing by ${due}.`
					: 'We will give you our first response in writing soon.',
			ACKNOWLEDGED: (due: string | null) =>
				`We are arranging for the matter to be checked${due ? ` and will tell you how it stands by ${due}` : ' and will keep you informed'}.`,
			INVESTIGATING: (due: string | null) =>
				`We are looking into the cause${due ? ` and will tell you our findings by ${due}` : ' and will tell you our findings'}.`,
			WAITING_ON_CUSTOMER: () =>
				'We need more information from you: please add it on the complaint page, and we will carry on as soon as we have it.',
			RESOLUTION_PROPOSED: () =>
				'Please read the proposed solution on the complaint page and accept it, or tell us why you disagree.',
			RESOLVING: (due: string | null) =>
				`We are carrying out the agreed solution${due ? ` and expect to finish by ${due}` : ''}; we will tell you when it is done.`,
			RESOLVED: () =>
				'The matter is resolved. If you are not satisfied with the outcome, you can ask for it to be reviewed on the complaint page.',
			REJECTED: () =>
				'We have explained our reasons in writing. If you disagree, you can ask head office to review the case on the complaint page.',
			ESCALATED: (due: string | null) =>
				`Head office is reviewing your complaint${due ? ` and will answer you by ${due}` : ' and will answer you in writing'}.`,
			CLOSED: () => 'This complaint is closed. Thank you for your patience.',
		} satisfies Record<ComplaintStatus, (due: string | null) => string>,
		referenceLabel: 'Reference',
		titleLabel: 'Subject',
		orderLabel: 'Order number',
		productLabel: 'Product',
		categoryLabel: 'Type of problem',
		remedyLabel: 'What you asked for',
		statusLabel: 'Status now',
		product: (name: string, model: string, batch: string) => `${name} (model ${model}, batch ${batch})`,
		wholeOrder: 'The whole order',
		nextHeading: 'What happens next:',
		viewAction: 'Open your complaint',
		reply: 'We replied to you in writing:',
		statusChanged: (from: string | null, to: string) =>
			from ? `The status changed from “${from}” to “${to}”.` : `The status is now “${to}”.`,
		resolution: (remedy: string | null) => (remedy ? `We propose a solution: ${remedy}.` : 'We propose a solution.'),
		amountLabel: 'Amount',
		costBearerLabel: 'Cost',
		/** who pays for the proposed solution, said to the customer */
		costBearer: {
			COMPANY: 'Paid by us',
			CUSTOMER: 'Paid by you',
			DEALER: 'Paid by the dealer',
			CARRIER: 'Paid by the carrier',
			SHARED: 'Shared between the parties',
		} satisfies Record<CostBearer, string>,
		otherChange: 'We updated your complaint; see the complaint page for details.',
		eachChangeHint:
			'You get an email for every change to this complaint. To get one summary a day instead, change how you are notified on the complaint page.',
		digestHint:
			'You get one summary a day for this complaint. To get an email for every change instead, change how you are notified on the complaint page.',
	},
	complaintReceived: {
		subject: (reference: string) => `We have received your complaint ${reference}`,
		preview: (reference: string) => `Your complaint has the reference ${reference}. Here is what happens next.`,
		intro: (reference: string) =>
			`Thank you for telling us about this problem. Your complaint has been recorded with the reference ${reference}; please quote it whenever you contact us.`,
		recorded: 'This is what we recorded:',
		/** `within` is the configured target in words (`target` below), `due` the promised time */
		firstResponse: (within: string, due: string) =>
			`An after-sales colleague will check what you told us and give you a first response in writing within ${within}, by ${due}.`,
		target: {
			HOURS: (n: number) => (n === 1 ? '1 hour' : `${n} hours`),
			WORKING_HOURS: (n: number) => (n === 1 ? '1 working hour' : `${n} working hours`),
			WORKING_DAYS: (n: number) => (n === 1 ? '1 working day' : `${n} working days`),
			DAYS: (n: number) => (n === 1 ? '1 day' : `${n} days`),
		} satisfies Record<DurationUnit, (n: number) => string>,
		followUp: 'On the complaint page you can follow its progress, read our replies and add information or photos.',
		/** when someone filed it for the customer (file-for-customer.ts): who, and how it reached us */
		filedByDealer: (dealer: string) =>
			`Your dealer ${dealer} filed this complaint on your behalf. It is yours: you follow it and we answer you, as if you had filed it yourself.`,
		recordedFrom: {
			PHONE: 'Our after-sales service recorded this complaint on your behalf from your phone call.',
			EMAIL: 'Our after-sales service recorded this complaint on your behalf from your email.',
		},
	},
	complaintUpdated: {
		subjectReply: (reference: string) => `New reply on your complaint ${reference}`,
		subjectStatus: (reference: string, status: string) => `Your complaint ${reference}: ${status}`,
		subjectResolution: (reference: string) => `A solution is proposed for your complaint ${reference}`,
		subjectOther: (reference: string) => `Your complaint ${reference} was updated`,
		preview: (reference: string) => `There is news on your complaint ${reference}.`,
		intro: (reference: string, title: string) => `There is news on your complaint ${reference} (“${title}”).`,
	},
	complaintDigest: {
		subject: (reference: string, count: number) =>
			`Daily summary for your complaint ${reference}: ${count} ${count === 1 ? 'update' : 'updates'}`,
		preview: (reference: string) => `What changed on your complaint ${reference} since the last summary.`,
		intro: (reference: string, title: string, count: number) =>
			`Here ${count === 1 ? 'is the change' : `are the ${count} changes`} to your complaint ${reference} (“${title}”) since our last summary:`,
	},
	// To the region's manager(s), in the company's words (sla-breached)
	slaBreached: {
		subject: (reference: string) => `Service level breached: complaint ${reference}`,
		preview: (reference: string, due: string) => `Complaint ${reference} was due by ${due} and is overdue.`,
		intro: (reference: string, title: string, region: string) =>
			`Complaint ${reference} (“${title}”) in ${region} has passed its service-level deadline without the step it was waiting for.`,
		dueLabel: 'Was due by',
		statusLabel: 'Status',
		severityLabel: 'Severity',
		assigneeLabel: 'Assigned to',
		unassigned: 'Nobody yet',
		status: {
			SUBMITTED: 'Submitted, not yet acknowledged',
			ACKNOWLEDGED: 'Acknowledged',
			INVESTIGATING: 'Investigating',
			WAITING_ON_CUSTOMER: 'Waiting on the customer',
			RESOLUTION_PROPOSED: 'Resolution proposed',
			RESOLVING: 'Resolving',
			RESOLVED: 'Resolved',
			REJECTED: 'Rejected',
			ESCALATED: 'Escalated',
			CLOSED: 'Closed',
		} satisfies Record<ComplaintStatus, string>,
		severity: { MINOR: 'Minor', MAJOR: 'Major', CRITICAL: 'Critical' } satisfies Record<ComplaintSeverity, string>,
		ask: 'As the manager responsible for this region, please see that the case is handled now. You get this email once per deadline.',
		action: 'Open the case',
	},
	// To staff about resolution proposals (approval-requested, approval-declined), in the company's words
	approval: {
		role: {
			AGENT: 'Customer service agent',
			QUALITY_ENGINEER: 'Quality engineer',
			REGIONAL_MANAGER: 'Regional manager',
			MARKETING_DIRECTOR: 'Marketing director',
			GENERAL_MANAGER: 'General manager',
			ADMIN: 'Administrator',
		} satisfies Record<StaffRole, string>,
		remedy: {
			REPLACEMENT: 'Replacement',
			REPAIR: 'Repair',
			REFUND: 'Refund',
			EXPLANATION: 'Explanation only',
			OTHER: 'Other',
		} satisfies Record<RequestedRemedy, string>,
		costBearer: {
			COMPANY: 'The company',
			CUSTOMER: 'The customer',
			DEALER: 'The dealer',
			CARRIER: 'The carrier',
			SHARED: 'Shared',
		} satisfies Record<CostBearer, string>,
		complaintLabel: 'Complaint',
		regionLabel: 'Region',
		typeLabel: 'Resolution',
		amountLabel: 'Amount',
		costBearerLabel: 'Paid by',
		proposedByLabel: 'Proposed by',
		summaryLabel: 'What is proposed:',
		requested: {
			subject: (reference: string) => `A proposal waits for your approval: complaint ${reference}`,
			preview: (reference: string, amount: string) =>
				`Complaint ${reference}: a resolution of ${amount} waits for your approval.`,
			intro: (reference: string, title: string, region: string) =>
				`A resolution proposed for complaint ${reference} (“${title}”) in ${region} waits for your approval.`,
			reason: (reason: string) => `Why you are asked: ${reason}`,
			ask: 'The customer sees the proposal only once every approval is given. Approve it, or decline it with a comment for the proposer.',
			action: 'Open pending approvals',
		},
		declined: {
			subject: (reference: string) => `Your proposal was declined: complaint ${reference}`,
			preview: (reference: string, who: string) => `${who} declined your proposal on complaint ${reference}.`,
			intro: (reference: string, title: string, who: string) =>
				`${who} declined the resolution you proposed for complaint ${reference} (“${title}”). The customer has not seen it.`,
			who: (name: string, role: string) => `${name} (${role})`,
			commentLabel: 'Their comment:',
			ask: 'The case stays where it was: propose another resolution when you are ready.',
			action: 'Open the case',
		},
	},
	// To every general manager when responsibility is decided on a product-quality complaint
	// (quality-decision): the company's words, as on the staff case page
	qualityDecision: {
		subject: (reference: string) => `Product-quality responsibility decided: ${reference}`,
		preview: (reference: string, responsibility: string) => `Complaint ${reference}: ${responsibility}.`,
		intro: (reference: string, title: string, who: string) =>
			`${who} has decided who is responsible for the product-quality complaint ${reference} (“${title}”).`,
		introAgain: (reference: string, title: string, who: string, previous: string) =>
			`${who} has decided again who is responsible for the product-quality complaint ${reference} (“${title}”). The earlier decision was “${previous}”.`,
		why: 'You are informed of every responsibility decision on a product-quality complaint.',
		who: (name: string, role: string | null) => (role ? `${name} (${role})` : name),
		responsibility: {
			QUALITY_DEFECT: 'Product quality defect',
			CUSTOMER_MISUSE: 'Misuse by the customer',
			TRANSPORT_DAMAGE: 'Damage in transport',
			DEALER: 'The dealer is responsible',
			UNDETERMINED: 'Not yet clear',
			NOT_COMPANY: 'Not the company’s responsibility',
		} satisfies Record<Responsibility, string>,
		complaintLabel: 'Complaint',
		customerLabel: 'Customer',
		regionLabel: 'Region',
		productLabel: 'Product',
		batchLabel: 'Batch',
		responsibilityLabel: 'Responsibility',
		decidedByLabel: 'Decided by',
		photosLabel: 'Evidence photos',
		product: (name: string, model: string) => `${name} (model ${model})`,
		wholeOrder: 'The whole order (no order line named)',
		photos: (count: number) => (count === 1 ? '1 photo' : `${count} photos`),
		reasonsLabel: 'The reasons given:',
		ask: 'The evidence photos and the whole investigation are on the case page.',
		action: 'Open the case',
	},
	// The satisfaction survey (survey-invitation: the customer's words; survey-follow-up: the
	// company's, to the managers). Dimension names as on the survey page (app/i18n surveys).
	survey: {
		subject: (reference: string) => `How did we do? A short survey on complaint ${reference}`,
		subjectReminder: (reference: string) => `Reminder: a short survey on complaint ${reference}`,
		subjectKeyAccount: (year: number) => `Our ${year} customer satisfaction survey`,
		subjectKeyAccountReminder: (year: number) => `Reminder: our ${year} customer satisfaction survey`,
		preview: 'Seven quick questions, about a minute, no sign-in needed.',
		intro: (reference: string, title: string) =>
			`Your complaint ${reference} (“${title}”) has been resolved. Please tell us how we handled it: your answers show us what to improve.`,
		introKeyAccount: (year: number) =>
			`As one of our key customers, you are invited to our ${year} customer satisfaction survey about our products, delivery and service.`,
		reminderLead: 'We have not heard from you yet, so here is the survey again.',
		howLong:
			'It takes about a minute: a few scores from 1 to 5, how likely you are to recommend us, and anything you want to tell us.',
		action: 'Answer the survey',
		validity: (until: string) =>
			`The link opens this survey only, without signing in, and works until ${until}. You can change your answers until then, or until the case is closed.`,
	},
	surveyFollowUp: {
		subject: (subjectOf: string) => `Low satisfaction score, please follow up: ${subjectOf}`,
		preview: (overall: number) => `Overall satisfaction ${overall} out of 5.`,
		introComplaint: (customer: string, reference: string, title: string, region: string) =>
			`${customer} answered the satisfaction survey on complaint ${reference} (“${title}”) in ${region} with a low overall score.`,
		introKeyAccount: (customer: string, year: number, region: string) =>
			`${customer}, a key account in ${region}, answered the ${year} customer satisfaction survey with a low overall score.`,
		dimension: {
			timeliness: 'Timeliness of response',
			communication: 'Communication and attitude',
			resolutionQuality: 'Quality of the resolution',
			productQuality: 'Product quality',
			delivery: 'Delivery and logistics',
			priceFairness: 'Price fairness',
			overall: 'Overall satisfaction',
		},
		recommendLabel: 'Would recommend us (0–10)',
		score: (value: number | null, max: number) => (value === null ? 'skipped' : `${value} / ${max}`),
		commentLabel: 'In their words:',
		ask: 'Please contact the customer (a call or a visit), and record in the console what was done. The customer was offered to reopen the case.',
		askKeyAccount: 'Please contact the customer (a call or a visit), and record in the console what was done.',
		action: 'Open the follow-ups',
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
	complaint: {
		status: {
			SUBMITTED: '已收到，等待首次答复',
			ACKNOWLEDGED: '已受理',
			INVESTIGATING: '正在核实处理',
			WAITING_ON_CUSTOMER: '等待您补充信息',
			RESOLUTION_PROPOSED: '已提出处理方案，等待您确认',
			RESOLVING: '正在落实处理方案',
			RESOLVED: '已处理完毕',
			REJECTED: '经核实不属于我方责任',
			ESCALATED: '已提交总部处理',
			CLOSED: '已结案',
		},
		category: {
			PRODUCT_QUALITY: '产品质量问题',
			HANDLING_DAMAGE: '运输、储存或搬运造成的损坏',
			SERVICE_CONDUCT: '服务态度或人员行为',
			SALES_POLICY: '销售政策',
			OTHER: '其他',
		},
		remedy: {
			REPLACEMENT: '更换',
			REPAIR: '维修',
			REFUND: '退款',
			EXPLANATION: '给予解释说明',
			OTHER: '其他',
		},
		nextStep: {
			SUBMITTED: (due) => (due ? `我们将在 ${due} 前给您首次书面答复。` : '我们将尽快给您首次书面答复。'),
			ACKNOWLEDGED: (due) =>
				due ? `我们正在安排人员核实，将在 ${due} 前告知您处理进度。` : '我们正在安排人员核实，并会及时告知您处理进度。',
			INVESTIGATING: (due) =>
				due ? `我们正在核实问题原因，将在 ${due} 前向您反馈处理意见。` : '我们正在核实问题原因，并会向您反馈处理意见。',
			WAITING_ON_CUSTOMER: () => '我们需要您补充一些信息：请在投诉页面补充，收到后我们会继续处理。',
			RESOLUTION_PROPOSED: () => '请在投诉页面查看处理方案，选择接受，或告诉我们您不同意的理由。',
			RESOLVING: (due) =>
				due ? `我们正在落实处理方案，预计在 ${due} 前完成，完成后会通知您。` : '我们正在落实处理方案，完成后会通知您。',
			RESOLVED: () => '问题已处理完毕。如对处理结果不满意，可以在投诉页面申请复核。',
			REJECTED: () => '我们已书面说明理由。如有异议，可以在投诉页面申请总部复核。',
			ESCALATED: (due) =>
				due ? `总部正在复核您的投诉，将在 ${due} 前给您答复。` : '总部正在复核您的投诉，并会给您书面答复。',
			CLOSED: () => '此投诉已结案，感谢您的耐心与支持。',
		},
		referenceLabel: '投诉编号',
		titleLabel: '投诉主题',
		orderLabel: '订单号',
		productLabel: '产品',
		categoryLabel: '投诉类别',
		remedyLabel: '您的处理要求',
		statusLabel: '当前处理进度',
		product: (name, model, batch) => `${name}（型号 ${model}，批号 ${batch}）`,
		wholeOrder: '整个订单',
		nextHeading: '接下来：',
		viewAction: '查看投诉详情',
		reply: '我们给您的书面回复：',
		statusChanged: (from, to) => (from ? `处理进度由“${from}”变为“${to}”。` : `当前处理进度为“${to}”。`),
		resolution: (remedy) => (remedy ? `我们提出的处理方案：${remedy}。` : '我们提出了处理方案。'),
		amountLabel: '金额',
		costBearerLabel: '费用',
		costBearer: {
			COMPANY: '由我方承担',
			CUSTOMER: '由您承担',
			DEALER: '由经销商承担',
			CARRIER: '由承运方承担',
			SHARED: '由各方分担',
		},
		otherChange: '您的投诉有更新，详情请查看投诉页面。',
		eachChangeHint: '此投诉每有变化，我们都会发邮件通知您。如希望改为每天汇总一封，请在投诉页面修改通知方式。',
		digestHint: '此投诉的变化每天汇总一封邮件发给您。如希望每次变化都收到通知，请在投诉页面修改通知方式。',
	},
	complaintReceived: {
		subject: (reference) => `我们已收到您的投诉 ${reference}`,
		preview: (reference) => `您的投诉编号为 ${reference}，以下是后续处理安排。`,
		intro: (reference) => `感谢您向我们反映问题。您的投诉已登记，投诉编号为 ${reference}，今后联系我们时请提供此编号。`,
		recorded: '我们登记的投诉内容如下，请核对：',
		firstResponse: (within, due) =>
			`售后服务人员将核实您反映的情况，并在 ${within}内给您首次书面答复，最迟不晚于 ${due}。`,
		target: {
			HOURS: (n) => `${n} 小时`,
			WORKING_HOURS: (n) => `${n} 个工作小时`,
			WORKING_DAYS: (n) => `${n} 个工作日`,
			DAYS: (n) => `${n} 天`,
		},
		followUp: '您可以在投诉页面查看处理进度、阅读我们的回复，并补充信息或照片。',
		filedByDealer: (dealer) =>
			`您的经销商${dealer}已代您提交此投诉。投诉仍属于您本人：您可以像自己提交的一样跟进，我们也会直接答复您。`,
		recordedFrom: {
			PHONE: '我们的售后服务人员已根据您的来电代您登记此投诉。',
			EMAIL: '我们的售后服务人员已根据您的来信代您登记此投诉。',
		},
	},
	complaintUpdated: {
		subjectReply: (reference) => `您的投诉 ${reference} 有新的回复`,
		subjectStatus: (reference, status) => `您的投诉 ${reference} 处理进度更新：${status}`,
		subjectResolution: (reference) => `您的投诉 ${reference} 已有处理方案`,
		subjectOther: (reference) => `您的投诉 ${reference} 有更新`,
		preview: (reference) => `您的投诉 ${reference} 有新进展。`,
		intro: (reference, title) => `您的投诉 ${reference}（“${title}”）有新进展。`,
	},
	complaintDigest: {
		subject: (reference, count) => `投诉 ${reference} 每日动态汇总（${count} 条）`,
		preview: (reference) => `自上次汇总以来，您的投诉 ${reference} 的变化。`,
		intro: (reference, title, count) => `自上次汇总以来，您的投诉 ${reference}（“${title}”）有以下 ${count} 条变化：`,
	},
	slaBreached: {
		subject: (reference) => `投诉 ${reference} 已超出服务时限`,
		preview: (reference, due) => `投诉 ${reference} 应于 ${due} 前完成当前处理步骤，现已超时。`,
		intro: (reference, title, region) =>
			`${region}的投诉 ${reference}（“${title}”）已超过服务时限，当前处理步骤尚未完成。`,
		dueLabel: '时限',
		statusLabel: '处理进度',
		severityLabel: '严重程度',
		assigneeLabel: '处理人',
		unassigned: '尚未指派',
		status: {
			SUBMITTED: '已提交，待受理',
			ACKNOWLEDGED: '已受理',
			INVESTIGATING: '调查核实中',
			WAITING_ON_CUSTOMER: '等待客户补充信息',
			RESOLUTION_PROPOSED: '处理方案待客户确认',
			RESOLVING: '处理方案执行中',
			RESOLVED: '已解决',
			REJECTED: '已驳回',
			ESCALATED: '已升级',
			CLOSED: '已关闭',
		},
		severity: { MINOR: '一般', MAJOR: '重要', CRITICAL: '重大' },
		ask: '您是该大区的负责经理，请督促尽快处理。每个时限只发送一次此邮件。',
		action: '查看投诉',
	},
	approval: {
		role: {
			AGENT: '客服专员',
			QUALITY_ENGINEER: '品管部质量工程师',
			REGIONAL_MANAGER: '区域经理',
			MARKETING_DIRECTOR: '市场总监',
			GENERAL_MANAGER: '总经理',
			ADMIN: '系统管理员',
		},
		remedy: {
			REPLACEMENT: '更换',
			REPAIR: '维修',
			REFUND: '退款',
			EXPLANATION: '解释说明',
			OTHER: '其他',
		},
		costBearer: {
			COMPANY: '公司承担',
			CUSTOMER: '客户承担',
			DEALER: '经销商承担',
			CARRIER: '承运方承担',
			SHARED: '多方分担',
		},
		complaintLabel: '客诉',
		regionLabel: '区域',
		typeLabel: '处理方式',
		amountLabel: '金额',
		costBearerLabel: '费用承担',
		proposedByLabel: '提出人',
		summaryLabel: '处理方案内容：',
		requested: {
			subject: (reference) => `客诉 ${reference} 的处理方案待您审批`,
			preview: (reference, amount) => `客诉 ${reference}：金额 ${amount} 的处理方案待您审批。`,
			intro: (reference, title, region) => `${region}客诉 ${reference}（“${title}”）的处理方案需要您审批。`,
			reason: (reason) => `需要您审批的原因：${reason}`,
			ask: '全部审批通过后，客户才会看到处理方案。请审批通过，或填写意见后不予批准。',
			action: '查看待审批事项',
		},
		declined: {
			subject: (reference) => `您提出的处理方案未获批准：客诉 ${reference}`,
			preview: (reference, who) => `${who}未批准您为客诉 ${reference} 提出的处理方案。`,
			intro: (reference, title, who) =>
				`${who}未批准您为客诉 ${reference}（“${title}”）提出的处理方案，客户尚未看到该方案。`,
			who: (name, role) => `${role}${name}`,
			commentLabel: '审批意见：',
			ask: '客诉仍按原状态处理，请在准备好后重新提出处理方案。',
			action: '查看客诉',
		},
	},
	qualityDecision: {
		subject: (reference) => `产品质量问题责任判定通知：${reference}`,
		preview: (reference, responsibility) => `客诉 ${reference}：${responsibility}。`,
		intro: (reference, title, who) => `${who}已对产品质量客诉 ${reference}（“${title}”）作出责任判定。`,
		introAgain: (reference, title, who, previous) =>
			`${who}已对产品质量客诉 ${reference}（“${title}”）重新作出责任判定，原判定为“${previous}”。`,
		why: '产品质量问题的每一项责任判定均知会总经理。',
		who: (name, role) => (role ? `${role}${name}` : name),
		responsibility: {
			QUALITY_DEFECT: '产品质量问题',
			CUSTOMER_MISUSE: '客户使用不当',
			TRANSPORT_DAMAGE: '运输损坏',
			DEALER: '经销商责任',
			UNDETERMINED: '责任不明',
			NOT_COMPANY: '非我方责任',
		},
		complaintLabel: '客诉',
		customerLabel: '客户',
		regionLabel: '区域',
		productLabel: '产品',
		batchLabel: '批号',
		responsibilityLabel: '责任判定',
		decidedByLabel: '判定人',
		photosLabel: '证据照片',
		product: (name, model) => `${name}（型号 ${model}）`,
		wholeOrder: '整个订单（未指定订单行）',
		photos: (count) => `${count} 张`,
		reasonsLabel: '判定依据：',
		ask: '证据照片及全部调查记录请在客诉页面查看。',
		action: '查看客诉',
	},
	survey: {
		subject: (reference) => `客户满意度调查：您对投诉 ${reference} 的处理满意吗？`,
		subjectReminder: (reference) => `提醒：投诉 ${reference} 的客户满意度调查`,
		subjectKeyAccount: (year) => `${year} 年度客户满意度调查`,
		subjectKeyAccountReminder: (year) => `提醒：${year} 年度客户满意度调查`,
		preview: '七个小问题，约一分钟，无需登录。',
		intro: (reference, title) =>
			`您的投诉 ${reference}（“${title}”）已处理完毕。请告诉我们您对处理过程和结果是否满意，您的评价是我们改进工作的依据。`,
		introKeyAccount: (year) =>
			`作为我们的重点客户，诚邀您参加 ${year} 年度客户满意度调查，对我们的产品、物流和服务进行评价。`,
		reminderLead: '我们还没有收到您的评价，特此再次发送调查。',
		howLong: '填写约需一分钟：几项 1 至 5 分的评分、您向他人推荐我们的可能性，以及您想对我们说的话。',
		action: '填写满意度调查',
		validity: (until) =>
			`此链接仅用于本次调查，无需登录，有效期至 ${until}。在此之前（或投诉关闭之前）您可随时修改评价。`,
	},
	surveyFollowUp: {
		subject: (subjectOf) => `客户满意度低分，请安排回访：${subjectOf}`,
		preview: (overall) => `总体满意度 ${overall} 分（满分 5 分）。`,
		introComplaint: (customer, reference, title, region) =>
			`${customer} 在投诉 ${reference}（“${title}”，${region}）的客户满意度调查中给出了较低的总体评分。`,
		introKeyAccount: (customer, year, region) =>
			`重点客户 ${customer}（${region}）在 ${year} 年度客户满意度调查中给出了较低的总体评分。`,
		dimension: {
			timeliness: '响应及时性',
			communication: '沟通与服务态度',
			resolutionQuality: '处理结果',
			productQuality: '产品质量',
			delivery: '物流与交货',
			priceFairness: '价格合理性',
			overall: '总体满意度',
		},
		recommendLabel: '推荐意愿（0–10）',
		score: (value, max) => (value === null ? '未评' : `${value} / ${max}`),
		commentLabel: '客户的期望与意见：',
		ask: '请尽快电话或上门回访客户，并在工作台记录回访情况。系统已向客户提供重新处理投诉的选项。',
		askKeyAccount: '请尽快电话或上门回访客户，并在工作台记录回访情况。',
		action: '查看待回访',
	},
}

export function emailMessages(language: Language): EmailMessages {
	return language === 'en' ? en : zhCN
}
