// Input schemas of the `admin` function (strict objects, primitive leaves; a policy is checked separately by
// validatePolicy so that each mistake gets its own catalogued code instead of a generic INVALID_INPUT).
import { localDaySchema } from '../calendar'
import { leaveSchemas } from '../leave'
import { cursor, empty, id, instant, nonEmpty as name, plain, text, z } from '../shared'

const deptName = z.string().check(z.trim(), z.minLength(1), z.maxLength(40), z.regex(/^[^$.]/), plain())
const role = z.enum(['employee', 'reviewer', 'hr'])
/** an audit entry's action name ('savePolicy', 'update' …): identifiers only */
const auditAction = z.string().check(z.regex(/^[a-zA-Z]{1,40}$/))

export const adminSchemas = {
  me: empty,
  members: z.strictObject({
    dept: z.optional(deptName),
    status: z.optional(z.enum(['active', 'left'])),
    offset: z.optional(z.int().check(z.gte(0), z.lte(100_000))),
    roles: z.optional(z.array(z.enum(['reviewer', 'hr'])).check(z.minLength(1), z.maxLength(2))),
  }),
  member: z.strictObject({ memberId: id }),
  updateMember: z.strictObject({
    memberId: id,
    dept: z.optional(deptName),
    region: z.optional(name(40)),
    roles: z.optional(z.array(role).check(z.minLength(1), z.maxLength(3))),
    makeupEnabled: z.optional(z.boolean()),
    identityBound: z.optional(z.boolean()),
  }),
  accessRequests: z.strictObject({ status: z.optional(z.enum(['pending', 'granted', 'declined'])) }),
  decideAccess: z.strictObject({
    memberId: id,
    decision: z.enum(['grant', 'decline']),
    note: z.optional(text(200)),
  }),
  deactivate: z.strictObject({ memberId: id, reason: z.optional(text(200)) }),
  invite: z.strictObject({ rotate: z.optional(z.boolean()) }),
  departments: empty,
  saveDepartment: z.strictObject({ name: deptName, parent: z.nullable(deptName) }),
  removeDepartment: z.strictObject({ name: deptName }),
  setDeptMakeup: z.strictObject({ dept: deptName, enabled: z.boolean() }),
  importStart: z.strictObject({ fileID: z.string().check(z.startsWith('cloud://'), z.maxLength(300)) }),
  importContinue: z.strictObject({ jobId: id }),
  policy: empty,
  savePolicy: z.strictObject({
    policy: z.record(z.string(), z.unknown()),
    baseVersion: z.int().check(z.positive()),
  }),
  preview: z.strictObject({
    memberId: id,
    day: localDaySchema,
    policy: z.optional(z.record(z.string(), z.unknown())),
  }),
  groupPreview: z.strictObject({ policy: z.record(z.string(), z.unknown()) }),
  maintenance: empty,
  declareMaintenance: z.strictObject({
    start: instant,
    end: instant,
    note: text(200),
    allCompanies: z.optional(z.boolean()),
  }),
  removeMaintenance: z.strictObject({ id }),
  help: empty,
  saveHelp: z.strictObject({
    contacts: z
      .array(
        z.strictObject({
          kind: z.enum(['hr', 'hotline', 'wechat', 'emergency']),
          name: name(30),
          value: name(60),
        }),
      )
      .check(z.maxLength(20)),
    faq: z.array(z.strictObject({ q: name(100), a: name(1000) })).check(z.maxLength(50)),
  }),
  noticeTimes: empty,
  // types only here: core/notices checkNoticeTimes refuses out-of-range values with the field's name
  saveNoticeTimes: z.strictObject({
    checkinReminderAt: z.nullable(z.string().check(z.maxLength(5))),
    reviewRemindAfterHours: z.number(),
    reviewEscalateAfterHours: z.number(),
    cutoffRemindDaysBefore: z.number(),
    cutoffRemindAt: z.string().check(z.maxLength(5)),
  }),
  audit: z.strictObject({
    cursor: z.optional(cursor),
    employeeNo: z.optional(name(40)),
    operation: z.optional(auditAction),
    from: z.optional(localDaySchema),
    to: z.optional(localDaySchema),
  }),
  webhook: empty,
  saveWebhook: z.strictObject({
    url: z.string().check(z.trim(), z.minLength(8), z.maxLength(500)),
    secret: z.optional(z.string().check(z.regex(/^[\x21-\x7e]{16,128}$/))),
    events: z.array(z.enum(['checkin.effective', 'makeup.decided'])).check(z.maxLength(2)),
    enabled: z.boolean(),
  }),
  companies: empty,
  createCompany: z.strictObject({
    name: name(40),
    inviteCode: z.string().check(z.trim(), z.regex(/^[A-Za-z0-9]{4,16}$/)),
    hrEmployeeNo: z.string().check(z.trim(), z.regex(/^[A-Za-z0-9-]{1,20}$/)),
    hrName: name(20),
  }),
  securityLog: z.strictObject({ cursor: z.optional(cursor) }),
  ...leaveSchemas,
}
