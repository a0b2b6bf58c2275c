import type { UserKind } from '#app/generated/prisma/enums.ts'
import { builder } from '../builder.ts'

export const UserKindEnum = builder.enumType('UserKind', {
	description: 'What kind of account a user has, which decides what they can see and do.',
	values: {
		CUSTOMER: { description: 'A customer, who files complaints about their own orders.' },
		STAFF: { description: 'Company staff; the staff role says which.' },
		DEALER: { description: 'A partner dealer, acting for the customers of the orders it sold.' },
		REGIONAL_OFFICE: { description: 'A regional office, the first line for every complaint in its region.' },
	} satisfies Record<UserKind, { description: string }>,
})
