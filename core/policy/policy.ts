// The company's make-up policy, versioned, with per-region overrides. A request is judged by the version in force
// when it was submitted (the submit handler stores `policyVersion` on the request).
import { type FileType, plain, z } from '../shared'
import type { CompanyCalendar } from '../calendar'

export type QuotaCycle = { kind: 'month' } | { kind: 'quarter' } | { kind: 'custom'; startDay: number }
export type AttachmentKind = 'healthCode' | 'testReport'
export type AttachmentRule = 'none' | AttachmentKind | 'either'
/** What a picture proves: a make-up's attachments, or a special request's screenshots of the failure */
export type EvidenceKind = AttachmentKind | 'failureScreenshot'
export const EVIDENCE_LABEL: Record<EvidenceKind, string> = {
  healthCode: '健康码截图',
  testReport: '检测报告',
  failureScreenshot: '失败截图',
}
/** pictures a member may attach to a special request (the function's payload bound is larger) */
export const SPECIAL_EVIDENCE_MAX = 3
export type ReportField = 'temperature' | 'region' | 'healthCode' | 'note' | 'reason'

export interface RegionOverride {
  identityBinding?: boolean
  extraVerification?: boolean
  /** the feature works only for members an admin enabled (one-click make-up behind authorisation) */
  adminAuthorisation?: boolean
  /** how long a successful extra verification (SOTER face / fingerprint) lasts, in days (default 30) */
  extraVerificationDays?: number
}

/**
 * One step of an approval chain (审批流程): who may decide it. 'reviewers': the member's department reviewers (their
 * delegates, and HR admins, who cover the company) — the department's HR admins when it has no reviewer; 'hr': the
 * company's HR admins; 'member': one named reviewer or HR admin.
 */
export type ApprovalStep =
  | { kind: 'reviewers' }
  | { kind: 'hr' }
  /** `name`: filled from the member record when the policy is saved (what timelines show) */
  | { kind: 'member'; memberId: string; name?: string }

/** A member copied (抄送) on a request's outcome; `name` as for a named step. */
export interface CopiedMember {
  memberId: string
  name?: string
}

/** A step as a request carries it: the policy's, or one added by 转交 / 加签 (`via`, by whom), and who decided it. */
export type RequestStep = ApprovalStep & {
  via?: 'transfer' | 'before' | 'after'
  by?: string
  decidedBy?: string
  decidedByName?: string
}

/** The steps a make-up passes, in order, and who is copied (抄送) on its outcome without deciding. */
export interface ApprovalChain {
  steps: ApprovalStep[]
  /** told of the final decision (in-app, and by subscribe message where they authorised one) */
  cc: CopiedMember[]
}

/** The chain of a policy saved without one: one step, the department's reviewers (HR when it has none). */
export const DEFAULT_CHAIN: ApprovalChain = { steps: [{ kind: 'reviewers' }], cc: [] }

/** Bounds of a policy's chain (a request's own chain may grow by 转交 / 加签 up to `requestSteps`). */
export const CHAIN_LIMITS = { steps: 5, cc: 10, requestSteps: 8 } as const

/**
 * A rule group (规则组): departments and/or listed members whose rule differs from the company's in some of window,
 * quota (cap and cycle) and evidence. Absent overrides keep the company's. Resolved by `ruleFor` (groups.ts).
 */
export interface RuleGroup {
  name: string
  /** members of these departments (their own `dept`, exactly: a sub-department is listed on its own) */
  departments: string[]
  /** member ids; a listed member belongs to this group whatever their department */
  members: string[]
  window?: Policy['window']
  quota?: Pick<Policy['quota'], 'cap' | 'cycle'>
  attachments?: Policy['attachments']
  approval?: ApprovalChain
  /**
   * 'HH:mm' Shanghai time of the group's daily check-in reminder; null = none for the group; absent = the company's
   * (`companies.notices.checkinReminderAt`). Resolved by `checkinReminderAtOf` (groups.ts).
   */
  checkinReminderAt?: string | null
}

export interface Policy {
  version: number
  window: { days: number; unit: 'natural' | 'working' }
  /** after this day of the next month, last month's days can no longer be made up; null = no cut-off */
  cutoffDay: number | null
  quota: {
    cycle: QuotaCycle
    cap: number | null
    refundOnRejection: boolean
    /** whether HR's revocation of an approved make-up returns its unit (absent = true: saved before it existed) */
    revokeRefunds?: boolean
  }
  review: 'required' | 'auto'
  requiredFields: ReportField[]
  attachments: { rule: AttachmentRule; maxCount: number; maxBytes: number; types: FileType[] }
  enablement: 'all' | 'enabled-only'
  /** 'HH:mm' Shanghai time after which today's daily check-in closes and today becomes a make-up day */
  dailyCheckinCloses: string | null
  minClientVersion: string | null
  calendar: CompanyCalendar
  regions: Record<string, RegionOverride>
  /** rule groups; absent = none (saved before they existed): everyone has the company rule */
  groups?: RuleGroup[]
  /** absent = DEFAULT_CHAIN (saved before chains existed) */
  approval?: ApprovalChain
}

/** A policy with the member's regions applied: the overrides become plain requirements. */
export interface EffectivePolicy extends Policy {
  identityBindingRequired: boolean
  extraVerificationRequired: boolean
  extraVerificationDays: number
}

/** default validity of an extra verification, in days */
export const EXTRA_VERIFICATION_DAYS = 30

/**
 * The policy for a person in these regions (their profile's, and the one they report for the day): every
 * override of any of them applies, so typing another region into a report never escapes the stricter rules.
 */
export function effectivePolicy(policy: Policy, regions: string | readonly string[]): EffectivePolicy {
  const overrides = (typeof regions === 'string' ? [regions] : regions).map((r) =>
    Object.prototype.hasOwnProperty.call(policy.regions, r) ? policy.regions[r] : {},
  )
  const any = (k: keyof RegionOverride) => overrides.some((o) => Boolean(o[k]))
  return {
    ...policy,
    enablement: any('adminAuthorisation') ? 'enabled-only' : policy.enablement,
    identityBindingRequired: any('identityBinding'),
    extraVerificationRequired: any('extraVerification'),
    // the shortest validity of the regions that apply: the stricter one
    extraVerificationDays: Math.min(
      ...overrides.map((o) => o.extraVerificationDays ?? EXTRA_VERIFICATION_DAYS),
    ),
  }
}

export const DEFAULT_POLICY: Policy = {
  version: 1,
  window: { days: 3, unit: 'working' },
  cutoffDay: 5,
  quota: { cycle: { kind: 'month' }, cap: 3, refundOnRejection: true },
  review: 'required',
  requiredFields: ['temperature', 'region', 'healthCode', 'reason'],
  attachments: { rule: 'healthCode', maxCount: 3, maxBytes: 5 * 1024 * 1024, types: ['jpg', 'png'] },
  enablement: 'all',
  dailyCheckinCloses: null,
  minClientVersion: null,
  calendar: { companyHolidays: [], official: {} },
  regions: {},
}

const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))
const dayList = z.array(day).check(z.maxLength(400))
/** a record of at most n keys (a policy is one document read on every check-in: it stays small) */
const atMost = (n: number) => z.refine((r: unknown) => Object.keys(r as object).length <= n)

const windowSchema = z.strictObject({
  days: z.int().check(z.gte(0), z.lte(180)),
  unit: z.enum(['natural', 'working']),
})
const cycleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('month') }),
  z.strictObject({ kind: z.literal('quarter') }),
  z.strictObject({ kind: z.literal('custom'), startDay: z.int().check(z.gte(1), z.lte(31)) }),
])
const capSchema = z.nullable(z.int().check(z.gte(0), z.lte(100)))
const attachmentsSchema = z.strictObject({
  rule: z.enum(['none', 'healthCode', 'testReport', 'either']),
  maxCount: z.int().check(z.gte(0), z.lte(9)),
  maxBytes: z.int().check(z.positive(), z.lte(20 * 1024 * 1024)),
  types: z.array(z.enum(['jpg', 'png', 'pdf'])).check(z.maxLength(3)),
})
/** plain names: group, department and member ids end up as values compared in code, never as keys */
const groupText = (max: number) =>
  z.string().check(z.minLength(1), z.maxLength(max), z.regex(/^[^$.\s]/), plain())

const memberIdSchema = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[^$.\s]/), plain())
const memberName = z.optional(z.string().check(z.maxLength(40), plain()))
const chainSchema = z.strictObject({
  steps: z
    .array(
      z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('reviewers') }),
        z.strictObject({ kind: z.literal('hr') }),
        z.strictObject({ kind: z.literal('member'), memberId: memberIdSchema, name: memberName }),
      ]),
    )
    .check(z.minLength(1), z.maxLength(CHAIN_LIMITS.steps)),
  cc: z
    .array(z.strictObject({ memberId: memberIdSchema, name: memberName }))
    .check(z.maxLength(CHAIN_LIMITS.cc)),
})

/** Bounds: the policy is one document read on every check-in, so listed members are few (departments scale). */
export const GROUP_LIMITS = { groups: 20, departments: 100, members: 500, listedInAll: 1000 } as const

export const policySchema = z.strictObject({
  version: z.int().check(z.positive()),
  window: windowSchema,
  cutoffDay: z.nullable(z.int().check(z.gte(1), z.lte(28))),
  quota: z.strictObject({
    cycle: cycleSchema,
    cap: capSchema,
    refundOnRejection: z.boolean(),
    revokeRefunds: z.optional(z.boolean()),
  }),
  review: z.enum(['required', 'auto']),
  // bounded by the number of choices: a 10 000-item list would otherwise be stored in every policy version
  requiredFields: z
    .array(z.enum(['temperature', 'region', 'healthCode', 'note', 'reason']))
    .check(z.maxLength(5)),
  attachments: attachmentsSchema,
  enablement: z.enum(['all', 'enabled-only']),
  dailyCheckinCloses: z.nullable(z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/))),
  minClientVersion: z.nullable(z.string().check(z.regex(/^\d+(\.\d+){0,3}$/))),
  calendar: z.strictObject({
    companyHolidays: dayList,
    // official schedules of a few years at a time (this year's and the next are what matter)
    official: z
      .record(z.string().check(z.regex(/^\d{4}$/)), z.strictObject({ holidays: dayList, workdays: dayList }))
      .check(atMost(10)),
  }),
  // per-region overrides: China has 34 provincial regions; room for city-level ones besides
  regions: z
    .record(
      z.string().check(z.minLength(1), z.maxLength(40)),
      z.strictObject({
        identityBinding: z.optional(z.boolean()),
        extraVerification: z.optional(z.boolean()),
        adminAuthorisation: z.optional(z.boolean()),
        extraVerificationDays: z.optional(z.int().check(z.gte(1), z.lte(365))),
      }),
    )
    .check(atMost(100)),
  groups: z.optional(
    z
      .array(
        z.strictObject({
          name: groupText(20),
          departments: z.array(groupText(40)).check(z.maxLength(GROUP_LIMITS.departments)),
          members: z.array(groupText(64)).check(z.maxLength(GROUP_LIMITS.members)),
          window: z.optional(windowSchema),
          quota: z.optional(z.strictObject({ cycle: cycleSchema, cap: capSchema })),
          attachments: z.optional(attachmentsSchema),
          approval: z.optional(chainSchema),
          // types only here: core/admin validatePolicy refuses a time that is not one, naming the group
          checkinReminderAt: z.optional(z.nullable(z.string().check(z.maxLength(5)))),
        }),
      )
      .check(
        z.maxLength(GROUP_LIMITS.groups),
        z.refine((gs) => gs.reduce((n, g) => n + g.members.length, 0) <= GROUP_LIMITS.listedInAll),
      ),
  ),
  approval: z.optional(chainSchema),
})

/** Compares dotted versions numerically: -1, 0, 1. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return d < 0 ? -1 : 1
  }
  return 0
}
