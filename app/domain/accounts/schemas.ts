import * as z from 'zod'

/**
 * Field rules for accounts, written once and used by the Remix forms (client and server) and,
 * later, GraphQL. Messages are i18n keys in the `validation` namespace, so each front door
 * shows them in the reader's language (the portal) or maps them to error codes (GraphQL).
 */

const required = (key = 'validation:required') => ({
	error: (issue: { input?: unknown }) => (issue.input === undefined ? 'validation:required' : key),
})

export const EmailSchema = z
	.string(required('validation:emailInvalid'))
	.trim()
	.toLowerCase()
	.max(254, { error: 'validation:emailTooLong' })
	.pipe(z.email({ error: 'validation:emailInvalid' }))

// ASVS 5.0 6.2: at least 8 characters, and long passphrases allowed.
export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128
export const PasswordSchema = z
	.string(required())
	.min(PASSWORD_MIN, { error: 'validation:passwordTooShort' })
	.max(PASSWORD_MAX, { error: 'validation:passwordTooLong' })

export const NameSchema = z
	.string(required())
	.trim()
	.min(1, { error: 'validation:required' })
	.max(80, { error: 'validation:nameTooLong' })

/**
 * "The two passwords match", checked even while other fields are still wrong, so that the
 * form lists every problem at once (Zod skips object refinements after a field error otherwise).
 */
function passwordsMatch<T extends { password: string; confirmPassword: string }>(path: 'confirmPassword') {
	return [
		(v: T) => v.password === v.confirmPassword,
		{
			path: [path] as PropertyKey[],
			error: 'validation:passwordsDiffer',
			when: (payload: { value: unknown }) => {
				const v = payload.value as Partial<T> | undefined
				return typeof v?.password === 'string' && typeof v.confirmPassword === 'string'
			},
		},
	] as [(v: T) => boolean, { path: PropertyKey[]; error: string; when: (payload: { value: unknown }) => boolean }]
}

/** Bots fill every field; people never see this one. */
const Honeypot = z.string().max(0, { error: 'validation:honeypot' }).optional()

export const SignupSchema = z
	.object({
		name: NameSchema,
		email: EmailSchema,
		password: PasswordSchema,
		confirmPassword: z.string(required()),
		website: Honeypot,
	})
	.refine(...passwordsMatch('confirmPassword'))

export const LoginSchema = z.object({
	email: EmailSchema,
	// no length rules on sign-in: old passwords may predate them, and rules would hint at them
	password: z.string(required()).max(PASSWORD_MAX * 4, { error: 'validation:passwordTooLong' }),
	redirectTo: z.string().optional(),
	website: Honeypot,
})

export const ForgotPasswordSchema = z.object({ email: EmailSchema, website: Honeypot })

export const ResetPasswordSchema = z
	.object({ token: z.string(required()), password: PasswordSchema, confirmPassword: z.string(required()) })
	.refine(...passwordsMatch('confirmPassword'))

export const ChangePasswordSchema = z
	.object({
		intent: z.literal('change-password'),
		currentPassword: z.string(required()),
		password: PasswordSchema,
		confirmPassword: z.string(required()),
	})
	.refine(...passwordsMatch('confirmPassword'))
	.refine((v) => v.password !== v.currentPassword, { path: ['password'], error: 'validation:passwordUnchanged' })

export const VerifyEmailSchema = z.object({ token: z.string(required()) })
