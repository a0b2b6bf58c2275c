import type { ComplaintStatus } from '#app/generated/prisma/enums.ts'
import { builder } from '../builder.ts'

export const ComplaintStatusEnum = builder.enumType('ComplaintStatus', {
	description: 'Where a complaint is in its lifecycle.',
	values: {
		SUBMITTED: { description: 'Filed by or for the customer; not yet answered.' },
		ACKNOWLEDGED: { description: 'The company has answered and taken the case on.' },
		INVESTIGATING: { description: 'The company is verifying and finding the cause.' },
		WAITING_ON_CUSTOMER: { description: 'The company needs information from the customer.' },
		RESOLUTION_PROPOSED: { description: 'A resolution is proposed; the customer accepts or disputes it.' },
		RESOLVING: { description: 'The accepted resolution is being carried out.' },
		RESOLVED: { description: 'The resolution is done and the customer has a written reply.' },
		REJECTED: { description: 'Not the company’s responsibility, with a written reason.' },
		ESCALATED: { description: 'Taken to headquarters after a dispute or the customer’s dissatisfaction.' },
		CLOSED: { description: 'Finished: completed, withdrawn or rejected for good.' },
	} satisfies Record<ComplaintStatus, { description: string }>,
})
