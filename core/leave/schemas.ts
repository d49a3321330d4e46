import { localDaySchema, monthSchema } from '../calendar'
import { id, z } from '../shared'
import { LEAVE_KINDS } from './leave'

export const leaveSchemas = {
  leaves: z.strictObject({ memberId: id, month: monthSchema }),
  recordLeave: z.strictObject({
    memberId: id,
    kind: z.enum(LEAVE_KINDS),
    from: localDaySchema,
    to: localDaySchema,
  }),
  removeLeave: z.strictObject({ memberId: id, from: localDaySchema, to: localDaySchema }),
  importLeaves: z.strictObject({ fileID: z.string().check(z.startsWith('cloud://'), z.maxLength(300)) }),
}
