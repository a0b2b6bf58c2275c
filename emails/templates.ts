import type { ReactElement } from 'react'
import type { Language } from '#app/i18n/config.ts'
import ApprovalDeclined, { approvalDeclinedSubject } from './approval-declined.tsx'
import ApprovalRequested, { approvalRequestedSubject } from './approval-requested.tsx'
import ComplaintDigest, { complaintDigestSubject } from './complaint-digest.tsx'
import ComplaintReceived, { complaintReceivedSubject } from './complaint-received.tsx'
import ComplaintUpdated, { complaintUpdatedSubject } from './complaint-updated.tsx'
import PasswordChanged, { passwordChangedSubject } from './password-changed.tsx'
import QualityDecision, { qualityDecisionSubject } from './quality-decision.tsx'
import ResetPassword, { resetPasswordSubject } from './reset-password.tsx'
import SignupExisting, { signupExistingSubject } from './signup-existing.tsx'
import SlaBreached, { slaBreachedSubject } from './sla-breached.tsx'
import SurveyFollowUp, { surveyFollowUpSubject } from './survey-follow-up.tsx'
import SurveyInvitation, { surveyInvitationSubject } from './survey-invitation.tsx'
import VerifyEmail, { verifyEmailSubject } from './verify-email.tsx'

interface EmailTemplate<P> {
	Component: (props: P & { language: Language }) => ReactElement
	subject: (props: P, language: Language) => string
}

/**
 * Every email the portal sends, by the name stored in the outbox. A caller names a template
 * and gets its props type checked: `enqueueEmail(tx, { template: 'verify-email', props: {...} })`.
 */
export const templates = {
	'verify-email': { Component: VerifyEmail, subject: verifyEmailSubject },
	'reset-password': { Component: ResetPassword, subject: resetPasswordSubject },
	'password-changed': { Component: PasswordChanged, subject: passwordChangedSubject },
	'signup-existing': { Component: SignupExisting, subject: signupExistingSubject },
	'complaint-received': { Component: ComplaintReceived, subject: complaintReceivedSubject },
	'complaint-updated': { Component: ComplaintUpdated, subject: complaintUpdatedSubject },
	'complaint-digest': { Component: ComplaintDigest, subject: complaintDigestSubject },
	'sla-breached': { Component: SlaBreached, subject: slaBreachedSubject },
	'approval-requested': { Component: ApprovalRequested, subject: approvalRequestedSubject },
	'approval-declined': { Component: ApprovalDeclined, subject: approvalDeclinedSubject },
	'quality-decision': { Component: QualityDecision, subject: qualityDecisionSubject },
	'survey-invitation': { Component: SurveyInvitation, subject: surveyInvitationSubject },
	'survey-follow-up': { Component: SurveyFollowUp, subject: surveyFollowUpSubject },
} satisfies { [name: string]: EmailTemplate<never> }

export type TemplateName = keyof typeof templates
export type TemplateProps<T extends TemplateName> = Parameters<(typeof templates)[T]['subject']>[0]
export const TEMPLATE_NAMES = Object.keys(templates) as TemplateName[]
