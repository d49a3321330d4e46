import { clientRequestId, empty, nonEmpty, z } from '../shared'
import { monthSchema } from '../calendar'
import { healthReportSchema } from '../health'
import { clientVersion } from '../makeup'

export const checkinSchemas = {
  me: z.strictObject({ clientVersion }),
  bind: z.strictObject({
    inviteCode: z.string().check(z.trim(), z.regex(/^[A-Za-z0-9]{4,16}$/)),
    employeeNo: z.string().check(z.trim(), z.regex(/^[A-Za-z0-9-]{1,20}$/)),
    name: nonEmpty(20),
  }),
  submit: z.strictObject({ report: healthReportSchema, clientRequestId }),
  month: z.strictObject({ month: monthSchema }),
  verification: empty,
  bindPhone: z.strictObject({ code: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,256}$/)) }),
  soterChallenge: empty,
  verifySoter: z.strictObject({
    resultJSON: z.string().check(z.minLength(2), z.maxLength(4000)),
    resultJSONSignature: z.string().check(z.regex(/^[A-Za-z0-9+/=]{16,2000}$/)),
    authMode: z.enum(['fingerPrint', 'facial']),
  }),
}
