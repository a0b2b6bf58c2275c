import { complaintDeps } from '#app/complaints/deps.server.ts'
import { findComplaintIdByReference, findComplaintsVisibleTo } from '#app/domain/complaints/queries.ts'
import { MESSAGE_MAX } from '#app/domain/complaints/schemas.ts'
import { writeToCustomer } from '#app/domain/complaints/staff-actions.ts'
import { NotFoundError } from '#app/domain/errors.ts'
import type { Context } from '../context.ts'
import { builder } from '../builder.ts'
import { ComplaintStatusEnum } from './ComplaintStatus.ts'
import { UserErrorType, toUserErrors, type UserErrorShape } from './UserError.ts'

/**
 * The complaint as the API sees it. This issue needs only what staff replies touch; the
 * GraphQL issue adds the rest of the record, connections and the other mutations here.
 */
export const ComplaintNode = builder.loadableNode('Complaint', {
	description:
		'A complaint about an order. Visible to its customer, the dealer who sold the order, its region and staff.',
	authScopes: { signedIn: true },
	id: { resolve: (complaint) => complaint.id },
	load: (ids: string[], context: Context) => findComplaintsVisibleTo(context.services.db.prisma, context.viewer, ids),
	sort: (complaint) => complaint.id,
	fields: (t) => ({
		reference: t.exposeString('reference', { description: 'The number people quote: CMP-YYYY-NNNNNN.' }),
		title: t.exposeString('title', { description: 'A one-line summary in the customer’s words.' }),
		status: t.expose('status', { type: ComplaintStatusEnum, description: 'Where the complaint is in its lifecycle.' }),
		createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was filed.' }),
	}),
})

builder.queryField('complaint', (t) =>
	t.field({
		type: ComplaintNode,
		nullable: true,
		description: 'A complaint by its reference (CMP-YYYY-NNNNNN); null when it does not exist or is not visible.',
		authScopes: { signedIn: true },
		args: { reference: t.arg.string({ required: true, description: 'The reference, as people write it.' }) },
		resolve: async (_root, { reference }, context) => {
			if (!context.viewer) return null
			return findComplaintIdByReference(context.services.db.prisma, context.viewer, reference)
		},
	}),
)

const ReplyToComplaintInput = builder.inputType('ReplyToComplaintInput', {
	description: 'A written reply to the customer of a complaint.',
	fields: (t) => ({
		complaintId: t.globalID({ required: true, description: 'The complaint to reply on.', for: [ComplaintNode] }),
		body: t.string({ required: true, description: `The reply, in writing, up to ${MESSAGE_MAX} characters.` }),
	}),
})

interface ReplyPayload {
	complaintId: string | null
	userErrors: UserErrorShape[]
}

const ReplyToComplaintPayload = builder.objectRef<ReplyPayload>('ReplyToComplaintPayload').implement({
	description: 'The result of replyToComplaint.',
	fields: (t) => ({
		complaint: t.field({
			type: ComplaintNode,
			nullable: true,
			description: 'The complaint after the reply; null when the reply was not made.',
			resolve: (payload) => payload.complaintId,
		}),
		userErrors: t.field({
			type: [UserErrorType],
			description: 'Why the reply was not made; empty on success.',
			resolve: (payload) => payload.userErrors,
		}),
	}),
})

builder.mutationType({
	description: 'The entry points for changing data: one mutation per business action, verb first.',
})

builder.mutationField('replyToComplaint', (t) =>
	t.field({
		type: ReplyToComplaintPayload,
		description:
			'Writes a reply the customer reads on the complaint page and receives by email. The first reply acknowledges a new complaint. Staff and regional offices only.',
		authScopes: { signedIn: true },
		args: {
			input: t.arg({ type: ReplyToComplaintInput, required: true, description: 'The complaint and the reply.' }),
		},
		resolve: async (_root, { input }, context): Promise<ReplyPayload> => {
			const viewer = context.viewer
			if (!viewer) throw new NotFoundError('Complaint')
			const body = input.body.trim()
			if (body.length > MESSAGE_MAX)
				return {
					complaintId: null,
					userErrors: [
						{ code: 'INVALID', field: ['input', 'body'], message: `A reply has at most ${MESSAGE_MAX} characters.` },
					],
				}
			try {
				await writeToCustomer(complaintDeps(context.services), viewer, input.complaintId.id, { body })
				return { complaintId: input.complaintId.id, userErrors: [] }
			} catch (error) {
				return { complaintId: null, userErrors: toUserErrors(error) }
			}
		},
	}),
)
