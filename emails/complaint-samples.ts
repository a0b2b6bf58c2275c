import type { ComplaintDigestProps } from './complaint-digest.tsx'
import type { ComplaintReceivedProps } from './complaint-received.tsx'
import type { ComplaintUpdatedProps } from './complaint-updated.tsx'

/** Realistic props for the complaint emails, shared by the render tests. */
const base = {
	name: '王芳',
	reference: 'CMP-2026-000123',
	url: 'https://portal.test/complaints/CMP-2026-000123',
	title: '水泥袋破损结块',
}

const received: ComplaintReceivedProps = {
	...base,
	orderNumber: 'SO-2026-10482',
	product: { name: '普通硅酸盐水泥 P.O 42.5', model: 'PO42.5-50KG', batchNumber: 'B2026-1107-03' },
	category: 'HANDLING_DAMAGE',
	requestedRemedy: 'REPLACEMENT',
	// filed 2026-11-23 17:30 in Shanghai
	firstResponseDueAt: new Date('2026-11-24T09:30:00Z'),
	firstResponseTarget: { amount: 24, unit: 'HOURS' },
}

const reply: ComplaintUpdatedProps = {
	...base,
	change: {
		kind: 'reply',
		at: new Date('2026-11-23T06:15:00Z'),
		body: 'We will visit on Tuesday to take samples.\nPlease keep the torn bags.',
		statusChange: null,
	},
	status: 'INVESTIGATING',
	nextDueAt: new Date('2026-11-30T06:15:00Z'),
}

const statusChange: ComplaintUpdatedProps = {
	...base,
	change: { kind: 'status', at: new Date('2026-11-23T06:15:00Z'), from: 'ACKNOWLEDGED', to: 'WAITING_ON_CUSTOMER' },
	status: 'WAITING_ON_CUSTOMER',
	nextDueAt: null,
}

const digest: ComplaintDigestProps = {
	...base,
	changes: [
		{ kind: 'status', at: new Date('2026-11-23T02:00:00Z'), from: 'SUBMITTED', to: 'ACKNOWLEDGED' },
		reply.change,
		{
			kind: 'resolution',
			at: new Date('2026-11-23T08:00:00Z'),
			remedy: 'REPLACEMENT',
			summary: 'Ten new bags, freight on us.',
		},
	],
	status: 'RESOLUTION_PROPOSED',
	nextDueAt: null,
}

export const complaintSamples = { received, reply, statusChange, digest }
