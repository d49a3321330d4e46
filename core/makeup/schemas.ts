import { clientRequestId, empty, fileID, id, instant, nonEmpty, text, z } from '../shared'
import { localDaySchema } from '../calendar'
import { healthReportSchema } from '../health'
import { MAKEUP_REASON_KINDS } from './reasons'

export const clientVersion = z.optional(z.string().check(z.regex(/^\d+(\.\d+){0,3}$/)))
export const makeupStatus = z.enum(['pending', 'approved', 'rejected', 'returned', 'withdrawn', 'revoked'])
export const reasonKind = z.optional(z.enum(MAKEUP_REASON_KINDS))
const attachmentKind = z.optional(z.enum(['healthCode', 'testReport']))
// a payload bound only: the make-up's own bound (MAX_FAILURES) is a catalogued refusal of the function
const failures = z.optional(
  z.array(z.strictObject({ at: instant, error: text(200) })).check(z.maxLength(100)),
)

export const makeupSchemas = {
  slots: z.strictObject({ clientVersion }),
  submit: z.strictObject({
    day: localDaySchema,
    report: healthReportSchema,
    reason: text(300),
    reasonKind,
    attachments: z.array(fileID).check(z.maxLength(9)),
    attachmentKind,
    failures,
    clientRequestId,
    clientVersion,
  }),
  list: z.strictObject({
    status: z.optional(makeupStatus),
  }),
  detail: z.strictObject({ id }),
  withdraw: z.strictObject({ id, reason: z.optional(text(300)) }),
  resubmit: z.strictObject({
    id,
    report: healthReportSchema,
    reason: text(300),
    reasonKind,
    attachments: z.array(fileID).check(z.maxLength(9)),
    attachmentKind,
    clientVersion,
  }),
  special: z.strictObject({
    day: localDaySchema,
    reason: nonEmpty(500),
    evidence: z.array(fileID).check(z.maxLength(9)),
    clientRequestId,
  }),
  specials: empty,
  requestAccess: z.strictObject({ reason: z.optional(text(200)), clientVersion }),
}
