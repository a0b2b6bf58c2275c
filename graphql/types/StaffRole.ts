import type { StaffRole } from '#app/generated/prisma/enums.ts'
import { builder } from '../builder.ts'

export const StaffRoleEnum = builder.enumType('StaffRole', {
	description: "A staff member's job, from which their permissions follow.",
	values: {
		AGENT: { description: 'Customer service agent: registers, triages and answers complaints.' },
		QUALITY_ENGINEER: {
			description: 'Quality engineer: investigates and decides responsibility on product-quality cases.',
		},
		REGIONAL_MANAGER: { description: 'Regional manager: approves resolutions within the region up to an amount.' },
		MARKETING_DIRECTOR: {
			description: 'Marketing director: approves above regional authority and across departments.',
		},
		GENERAL_MANAGER: { description: 'General manager: informed of every quality decision, approves major ones.' },
		ADMIN: { description: 'Administrator: manages accounts and configuration.' },
	} satisfies Record<StaffRole, { description: string }>,
})
