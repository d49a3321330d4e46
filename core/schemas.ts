// Input schemas for every action, shared by the app (form validation) and the functions (the only gate).
// Strict objects reject unknown keys, and every leaf is a primitive of a fixed type, so `$`-operator objects
// (NoSQL injection) can never reach a query.
import type { ActionOf, FunctionName } from './api'
import { adminSchemas } from './admin-schemas'
import { isLocalDay, isMonth } from './dates'
import { MAKEUP_REASON_KINDS } from './makeup-reasons'
import { privacySchemas } from './privacy-schemas'
import { isPlainText, PLAIN_TEXT_MESSAGE } from './text'
import { TICKET_CATEGORIES, TICKET_SCREENSHOTS_MAX, TICKET_TEXT_MAX } from './tickets'
import { z } from './zod'

export const TEMPERATURE_MIN = 35
export const TEMPERATURE_MAX = 42

const plain = () => z.refine<string>(isPlainText, PLAIN_TEXT_MESSAGE)
const text = (max: number) => z.string().check(z.maxLength(max), plain())
const nonEmpty = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max), plain())
export const localDaySchema = z.string().check(z.refine(isLocalDay, '日期格式应为 YYYY-MM-DD'))
export const monthSchema = z.string().check(z.refine(isMonth, '月份格式应为 YYYY-MM'))
const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/))
const clientRequestId = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/))
const clientVersion = z.optional(z.string().check(z.regex(/^\d+(\.\d+){0,3}$/)))
const fileID = z.string().check(z.startsWith('cloud://'), z.maxLength(300))
const makeupStatus = z.enum(['pending', 'approved', 'rejected', 'returned', 'withdrawn'])
/** a ticket id: `<memberId>_<clientRequestId>` */
const ticketId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,140}$/))
/** a page cursor: '<epoch ms>.<document id>' */
const cursor = z.string().check(z.regex(/^\d{1,15}\.[A-Za-z0-9_-]{1,64}$/))

export const healthCodeSchema = z.enum(['green', 'yellow', 'red'])

export const healthReportSchema = z.strictObject({
  status: z.enum(['well', 'unwell']),
  // range is checked separately to give the specific TEMPERATURE_OUT_OF_RANGE code
  // each of these only when the policy requires it (a required one missing is FIELD_REQUIRED, judged with the policy)
  temperature: z.optional(z.number().check(z.refine(Number.isFinite))),
  region: z.optional(nonEmpty(40)),
  healthCode: z.optional(healthCodeSchema),
  note: z.optional(text(200)),
})

const attachmentKind = z.optional(z.enum(['healthCode', 'testReport']))
const reasonKind = z.optional(z.enum(MAKEUP_REASON_KINDS))
const failures = z.optional(
  z.array(z.strictObject({ at: z.iso.datetime({ offset: true }), error: text(200) })).check(z.maxLength(20)),
)
const empty = z.strictObject({})

export const schemas = {
  checkin: {
    me: empty,
    bind: z.strictObject({
      inviteCode: z.string().check(z.trim(), z.regex(/^[A-Za-z0-9]{4,16}$/)),
      employeeNo: z.string().check(z.trim(), z.regex(/^[A-Za-z0-9-]{1,20}$/)),
      name: nonEmpty(20),
    }),
    submit: z.strictObject({ report: healthReportSchema, clientRequestId }),
    month: z.strictObject({ month: monthSchema }),
  },
  makeup: {
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
      status: z.optional(z.enum(['pending', 'approved', 'rejected', 'returned', 'withdrawn'])),
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
  },
  review: {
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
    export: z.strictObject({
      kind: z.enum(['checkins', 'makeups', 'audit']),
      from: localDaySchema,
      to: localDaySchema,
      format: z.optional(z.enum(['csv', 'xlsx'])),
    }),
    exportContinue: z.strictObject({ jobId: id }),
  },
  notify: {
    subscribed: z.strictObject({
      templateIds: z.array(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/))).check(z.maxLength(5)),
    }),
    inbox: z.strictObject({
      cursor: z.optional(z.string().check(z.regex(/^\d{1,15}\.[A-Za-z0-9_.-]{1,200}$/))),
      limit: z.optional(z.int().check(z.gte(1), z.lte(50))),
    }),
    markRead: z.strictObject({
      // notice ids are idempotency keys: kind, subject, day and recipient joined with '_' and '.'
      ids: z.optional(z.array(z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,200}$/))).check(z.maxLength(100))),
      all: z.optional(z.boolean()),
    }),
  },
  admin: adminSchemas,
  privacy: privacySchemas,
  help: {
    open: z.strictObject({
      category: z.enum(TICKET_CATEGORIES),
      text: nonEmpty(TICKET_TEXT_MAX),
      screenshots: z.array(fileID).check(z.maxLength(TICKET_SCREENSHOTS_MAX)),
      clientRequestId,
    }),
    mine: empty,
    detail: z.strictObject({ id: ticketId }),
    queue: empty,
    reply: z.strictObject({ id: ticketId, text: nonEmpty(TICKET_TEXT_MAX), close: z.optional(z.boolean()) }),
  },
} satisfies { [F in FunctionName]: { [A in ActionOf<F>]: z.ZodMiniType } }

export function temperatureInRange(t: number): boolean {
  return t >= TEMPERATURE_MIN && t <= TEMPERATURE_MAX
}
