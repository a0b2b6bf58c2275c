import type { AppLoadContext } from '@remix-run/node'
import { data } from '@remix-run/node'
import { canInSettings, type SettingsPermission } from '#app/domain/settings/access.ts'
import { requireUser, type SignedIn } from './current-user.server.ts'

/**
 * For the console's settings pages: signed in (else to the sign-in page), and holding
 * `permission` (else 403: unlike a complaint, a settings page's existence is no secret, and the
 * answer tells a member of staff to ask an administrator).
 */
export async function requireSettingsUser(
	request: Request,
	context: AppLoadContext,
	permission: SettingsPermission = 'use:settings',
): Promise<SignedIn> {
	const signedIn = await requireUser(request, context)
	if (!canInSettings(signedIn.viewer, permission)) throw data(null, { status: 403 })
	return signedIn
}
