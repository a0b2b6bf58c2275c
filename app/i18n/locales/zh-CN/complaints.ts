import type { Messages } from '../../messages.ts'
import type en from '../en/complaints.ts'

export default {} satisfies Messages<typeof en>
