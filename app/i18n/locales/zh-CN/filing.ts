import type { Messages } from '../../messages.ts'
import type en from '../en/filing.ts'

export default {} satisfies Messages<typeof en>
