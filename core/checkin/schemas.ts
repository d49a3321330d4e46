import { clientRequestId, nonEmpty, z } from '../shared'
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
}
