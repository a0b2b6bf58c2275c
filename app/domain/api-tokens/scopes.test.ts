import { describe, expect, test } from 'vitest'
import type { ApiTokenScope } from '#app/generated/prisma/enums.ts'
import { can, complaintVisibleTo, permissionsOf, type ComplaintAction } from '../complaints/permissions.ts'
import type { Viewer } from '../viewer.ts'
import { normalizeScopes } from './scopes.ts'

const office: Viewer = {
	userId: 'olive',
	kind: 'REGIONAL_OFFICE',
	staffRole: null,
	organizationId: 'office',
	organizationKind: 'REGIONAL_OFFICE',
	regionId: 'east',
}
const dealer: Viewer = {
	...office,
	userId: 'dan',
	kind: 'DEALER',
	organizationId: 'dealer',
	organizationKind: 'DEALER',
}
const inRegion = { customerId: 'c', dealerId: 'dealer', regionId: 'east' }
const token = (viewer: Viewer, scopes: ApiTokenScope[]): Viewer => ({ ...viewer, tokenScopes: scopes, apiTokenId: 't' })

const OFFICE_ACTIONS: ComplaintAction[] = [
	'read',
	'add-information',
	'note',
	'reply',
	'acknowledge',
	'investigate',
	'request-information',
	'record-finding',
]
const allowed = (viewer: Viewer) => OFFICE_ACTIONS.filter((action) => can(viewer, action, inRegion))

describe('token scopes narrow the organization’s permissions', () => {
	test('a web session of the organization is not limited by scopes', () => {
		expect(allowed(office)).toEqual(OFFICE_ACTIONS)
	})

	test('each scope allows its own actions only', () => {
		expect(allowed(token(office, ['READ_COMPLAINTS']))).toEqual(['read'])
		expect(allowed(token(office, ['READ_COMPLAINTS', 'WRITE_REPLIES']))).toEqual([
			'read',
			'note',
			'reply',
			'acknowledge',
		])
		expect(allowed(token(office, ['READ_COMPLAINTS', 'WRITE_COMPLAINTS']))).toEqual([
			'read',
			'add-information',
			'investigate',
			'request-information',
			'record-finding',
		])
		expect(allowed(token(office, ['WEBHOOKS']))).toEqual([])
	})

	test('scopes never add what the organization lacks', () => {
		const everything = token(dealer, ['READ_COMPLAINTS', 'WRITE_COMPLAINTS', 'WRITE_REPLIES', 'WEBHOOKS'])
		expect(allowed(everything)).toEqual(['read', 'add-information', 'note'])
		expect(permissionsOf(everything)).toEqual(permissionsOf(dealer))
		expect(can(everything, 'read', { ...inRegion, dealerId: 'another-dealer' })).toBe(false)
	})

	test('without READ_COMPLAINTS a token sees no complaint at all', () => {
		expect(complaintVisibleTo(token(dealer, ['WEBHOOKS']))).toEqual({ id: { in: [] } })
		expect(complaintVisibleTo(token(dealer, ['READ_COMPLAINTS']))).toEqual(complaintVisibleTo(dealer))
	})
})

describe('normalizeScopes', () => {
	test('orders and dedupes, and adds reading to any write', () => {
		expect(normalizeScopes(['WEBHOOKS', 'WEBHOOKS'])).toEqual(['WEBHOOKS'])
		expect(normalizeScopes(['WRITE_REPLIES'])).toEqual(['READ_COMPLAINTS', 'WRITE_REPLIES'])
		expect(normalizeScopes(['WEBHOOKS', 'WRITE_COMPLAINTS', 'READ_COMPLAINTS'])).toEqual([
			'READ_COMPLAINTS',
			'WRITE_COMPLAINTS',
			'WEBHOOKS',
		])
	})
})
