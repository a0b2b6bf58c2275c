import { findUsersVisibleTo } from '#app/domain/directory/queries.ts'
import { canSeeEmailOf } from '#app/domain/directory/visibility.ts'
import type { Context } from '../context.ts'
import { builder } from '../builder.ts'
import { LocaleEnum } from './Locale.ts'
import { OrganizationNode } from './Organization.ts'
import { StaffRoleEnum } from './StaffRole.ts'
import { UserKindEnum } from './UserKind.ts'

export const UserNode = builder.loadableNode('User', {
	description:
		'A person with an account: a customer, a staff member or a partner user. Visible to themself, to staff, and to colleagues in the same dealer or regional office.',
	authScopes: { signedIn: true },
	id: { resolve: (user) => user.id },
	load: (ids: string[], context: Context) => findUsersVisibleTo(context.services.db.prisma, context.viewer, ids),
	sort: (user) => user.id,
	// The viewer's own row arrives with the session; later loads of the same id reuse it.
	cacheResolved: (user) => user.id,
	fields: (t) => ({
		name: t.exposeString('name', { description: 'The name the person goes by.' }),
		email: t.exposeString('email', {
			nullable: true,
			description:
				'Email address, which is also the sign-in name. Only the person themself and staff can see it; null for others.',
			authScopes: (user, _args, context) => canSeeEmailOf(context.viewer, user),
		}),
		kind: t.expose('kind', { type: UserKindEnum, description: 'What kind of account this is.' }),
		staffRole: t.expose('staffRole', {
			type: StaffRoleEnum,
			nullable: true,
			description: "The staff member's role; null for anyone who is not staff.",
		}),
		locale: t.expose('locale', {
			type: LocaleEnum,
			nullable: true,
			description: 'The language the person chose for the portal and emails; null until they choose one.',
		}),
		organization: t.field({
			type: OrganizationNode,
			nullable: true,
			description: 'The dealer, regional office or headquarters the person belongs to; null for customers.',
			resolve: (user) => user.organizationId,
		}),
	}),
})

builder.queryField('viewer', (t) =>
	t.field({
		type: UserNode,
		nullable: true,
		description:
			'The person making the request; for an API token, the member of the organization who created it, to whom what the token writes is attributed. Null when nobody is signed in.',
		// a session's row came with it; a token's creator is loaded like any user
		resolve: (_root, _args, context) => context.user ?? context.viewer?.userId ?? null,
	}),
)
