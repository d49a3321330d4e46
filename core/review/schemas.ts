import { clientRequestId, cursor, empty, id, nonEmpty, plain, text, z } from '../shared'
import { localDaySchema, monthSchema } from '../calendar'
import { healthReportSchema } from '../health'
import { makeupStatus, reasonKind } from '../makeup'

// the lists are bounded here; members × days is bounded by the handler (BATCH_TOO_LARGE)
const batchEntry = z.strictObject({
  memberIds: z.array(id).check(z.minLength(1), z.maxLength(50)),
  days: z.array(localDaySchema).check(z.minLength(1), z.maxLength(31)),
  report: healthReportSchema,
  channel: z.enum(['phone', 'email', 'other']),
  note: nonEmpty(300),
  charged: z.optional(z.boolean()),
})

const deptName = z.string().check(z.trim(), z.minLength(1), z.maxLength(40), z.regex(/^[^$.]/), plain())

export const reviewSchemas = {
  queue: z.strictObject({
    status: z.optional(makeupStatus),
    dept: z.optional(nonEmpty(40)),
    dayFrom: z.optional(localDaySchema),
    dayTo: z.optional(localDaySchema),
    hasAttachments: z.optional(z.boolean()),
    reasonKind,
    cursor: z.optional(cursor),
    limit: z.optional(z.int().check(z.gte(1), z.lte(50))),
  }),
  detail: z.strictObject({ id }),
  decide: z.strictObject({
    id,
    decision: z.enum(['approve', 'reject', 'return']),
    reasonCode: z.optional(
      z.enum([
        'attachmentUnclear',
        'attachmentMismatch',
        'infoIncorrect',
        'reasonInsufficient',
        'duplicate',
        'other',
      ]),
    ),
    note: z.optional(text(300)),
  }),
  bulkApprove: z.strictObject({ ids: z.array(id).check(z.minLength(1), z.maxLength(50)) }),
  handOver: z.strictObject({ id, to: id, mode: z.enum(['transfer', 'before', 'after']) }),
  assignees: z.strictObject({ id }),
  specials: z.strictObject({
    status: z.optional(z.enum(['pending', 'granted', 'denied'])),
    cursor: z.optional(cursor),
  }),
  decideSpecial: z.strictObject({
    id,
    decision: z.enum(['grant', 'deny']),
    deadline: z.optional(localDaySchema),
    charged: z.optional(z.boolean()),
    reason: z.optional(text(300)),
  }),
  delegate: z.strictObject({
    to: z.nullable(id),
    start: z.optional(localDaySchema),
    until: z.optional(localDaySchema),
  }),
  delegations: empty,
  record: z.strictObject({ memberId: id, day: localDaySchema }),
  correct: z.strictObject({
    memberId: id,
    day: localDaySchema,
    report: healthReportSchema,
    note: nonEmpty(300),
  }),
  onBehalf: z.strictObject({
    memberId: id,
    day: localDaySchema,
    report: healthReportSchema,
    channel: z.enum(['phone', 'email', 'other']),
    note: nonEmpty(300),
    charged: z.optional(z.boolean()),
  }),
  audit: z.strictObject({
    memberId: z.optional(id),
    requestId: z.optional(id),
    cursor: z.optional(cursor),
  }),
  dashboard: empty,
  notCheckedIn: z.strictObject({ dept: nonEmpty(40) }),
  remindCheckin: z.strictObject({ dept: nonEmpty(40) }),
  export: z.strictObject({
    kind: z.enum(['checkins', 'makeups', 'audit', 'monthly']),
    from: localDaySchema,
    to: localDaySchema,
    format: z.optional(z.enum(['csv', 'xlsx'])),
    dept: z.optional(deptName),
    employeeNo: z.optional(nonEmpty(40)),
    operation: z.optional(z.string().check(z.regex(/^[a-zA-Z]{1,40}$/))),
  }),
  exportContinue: z.strictObject({ jobId: id }),
  revoke: z.strictObject({
    id,
    reasonCode: z.enum([
      'approvedByMistake',
      'evidenceInvalid',
      'actuallyAbsent',
      'duplicateRecord',
      'memberAsked',
      'other',
    ]),
    // short: the employee reads it on the request; copies carry the code only
    note: z.optional(text(100)),
  }),
  batchPreview: batchEntry,
  batchOnBehalf: z.strictObject({ ...batchEntry.shape, batchId: clientRequestId }),
  monthly: z.strictObject({
    month: monthSchema,
    dept: z.optional(deptName),
    offset: z.optional(z.int().check(z.gte(0), z.lte(100_000))),
  }),
}
