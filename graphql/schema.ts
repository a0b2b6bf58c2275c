import { builder } from './builder.ts'
import './types/Query.ts'
import './types/Locale.ts'
import './types/OrganizationKind.ts'
import './types/StaffRole.ts'
import './types/UserKind.ts'
import './types/Region.ts'
import './types/Organization.ts'
import './types/User.ts'
import './types/ComplaintStatus.ts'
import './types/UserError.ts'
import './types/Complaint.ts'

export const schema = builder.toSchema()
