import type { OrganizationKind } from '#app/generated/prisma/enums.ts'
import { builder } from '../builder.ts'

export const OrganizationKindEnum = builder.enumType('OrganizationKind', {
	description: 'What part an organization plays in after-sales service.',
	values: {
		DEALER: {
			description: 'A partner dealer (区域代理), which sells orders and files complaints for their customers.',
		},
		REGIONAL_OFFICE: { description: 'A regional office (办事处), handling complaints first in its region.' },
		HQ: { description: 'Headquarters, where staff belong.' },
	} satisfies Record<OrganizationKind, { description: string }>,
})
